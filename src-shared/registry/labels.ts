/** Registry enums in words (Bokmål and English), the one source for services, exports and UI. */
import type { Labels } from '../kernel/labels';
import type { FunderType, KssRole, ProjectKind, ProjectStatus } from '../grants/rules';
import type { Driftsform, Region } from './centres';

export const REGION_LABELS: Labels<Region> = {
  'sor-ost': { nb: 'Sør-Øst', en: 'South-East' },
  nord: { nb: 'Nord', en: 'North' },
  'midt-vest': { nb: 'Midt-Vest', en: 'Central-West' },
};

export const DRIFTSFORM_LABELS: Labels<Driftsform> = {
  kommunalt: { nb: 'Kommunalt', en: 'Municipal' },
  iks: { nb: 'Interkommunalt selskap (IKS)', en: 'Inter-municipal company (IKS)' },
  stiftelse: { nb: 'Stiftelse', en: 'Foundation' },
  ideell: { nb: 'Ideell organisasjon', en: 'Non-profit organisation' },
};

/** Driftsform as the annual report's member table writes it (no «(IKS)»). */
export const DRIFTSFORM_REPORT_LABELS: Readonly<Record<Driftsform, string>> = {
  kommunalt: 'Kommunalt',
  iks: 'Interkommunalt selskap',
  stiftelse: 'Stiftelse',
  ideell: 'Ideell organisasjon',
};

export const FUNDER_TYPE_LABELS: Labels<FunderType> = {
  departement: { nb: 'Departement', en: 'Ministry' },
  direktorat: { nb: 'Direktorat', en: 'Directorate' },
  stiftelse: { nb: 'Stiftelse', en: 'Foundation' },
  forskningsrad: { nb: 'Forskningsråd', en: 'Research council' },
  internasjonal: { nb: 'Internasjonal', en: 'International' },
  kommune: { nb: 'Kommune', en: 'Municipality' },
  annen: { nb: 'Annen', en: 'Other' },
};

export const PROJECT_KIND_LABELS: Labels<ProjectKind> = {
  prosjekt: { nb: 'Prosjekt', en: 'Project' },
  tiltak: { nb: 'Tiltak', en: 'Measure' },
};

export const PROJECT_STATUS_LABELS: Labels<ProjectStatus> = {
  aktiv: { nb: 'Aktiv', en: 'Active' },
  avsluttet: { nb: 'Avsluttet', en: 'Closed' },
};

export const KSS_ROLE_LABELS: Labels<KssRole> = {
  eier: { nb: 'Eier', en: 'Owner' },
  partner: { nb: 'Partner med andel', en: 'Partner with share' },
  forvalter: { nb: 'Forvalter', en: 'Administrator' },
  stottepartner: { nb: 'Støttepartner', en: 'Support partner' },
};
