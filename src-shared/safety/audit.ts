/**
 * The change log (Endringslogg) in words: entity and action names, field labels and a
 * readable "what changed" for one entry. Pure, so the history page and the xlsx export for
 * the auditor describe a change the same way.
 */
import { formatIsoDate, isIsoDate } from '../kernel/dates';
import { formatOre } from '../kernel/money';

export const AUDIT_ACTIONS = ['create', 'update', 'delete'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  create: 'Opprettet',
  update: 'Endret',
  delete: 'Slettet',
};

/** Entity names used by recordChange, in Norwegian. Unknown names are shown as they are. */
export const AUDIT_ENTITY_LABELS: Record<string, string> = {
  centre: 'Medlemssenter',
  membership: 'Medlemsperiode',
  organisation: 'Organisasjon',
  funder: 'Tilskuddsyter',
  funder_contact: 'Kontaktperson',
  project: 'Prosjekt/tiltak',
  project_partner: 'Samarbeidspartner',
  grant: 'Tilskudd',
  grant_deadline: 'Rapporteringsfrist',
  grant_year_split: 'Fordeling per år',
  movement: 'Bevegelse',
  allocation: 'Tildeling',
  fiscal_year: 'Regnskapsår',
  balance_decision: 'Beslutning om saldo',
  checklist_exception: 'Unntak i sjekklisten for årsavslutning',
  account_setting: 'Kontonummer',
  import: 'Import',
  settings: 'Innstillinger',
};

export function auditEntityLabel(entity: string): string {
  return AUDIT_ENTITY_LABELS[entity] ?? entity;
}

/** Field names in the logged records (code names) → the labels the forms use. */
export const AUDIT_FIELD_LABELS: Record<string, string> = {
  id: 'Id',
  name: 'Navn',
  driftsform: 'Driftsform',
  region: 'Region',
  dailyLeader: 'Daglig leder',
  contactEmail: 'Kontakt-e-post',
  orgNumber: 'Organisasjonsnummer',
  notes: 'Merknad',
  note: 'Merknad',
  joinedDate: 'Medlem fra',
  leftDate: 'Medlem til',
  centreId: 'Senter',
  organisationId: 'Organisasjon',
  website: 'Nettside',
  funderType: 'Type tilskuddsyter',
  role: 'Rolle',
  email: 'E-post',
  phone: 'Telefon',
  kind: 'Type',
  parentId: 'Overordnet prosjekt',
  kssRole: 'KSS sin rolle',
  projectNumber: 'Prosjektnummer',
  startDate: 'Startdato',
  endDate: 'Sluttdato',
  status: 'Status',
  recurring: 'Årlig gjentakende',
  recurringSinceYear: 'Årlig siden',
  description: 'Beskrivelse',
  projectId: 'Prosjekt',
  funderId: 'Tilskuddsyter',
  title: 'Tittel',
  schemeName: 'Tilskuddsordning',
  reference: 'Referanse hos tilskuddsyter',
  editionYear: 'År (utgave)',
  appliedOre: 'Søkt beløp',
  appliedDate: 'Søknadsdato',
  awardedOre: 'Innvilget beløp',
  decisionDate: 'Vedtaksdato',
  kssShareOre: 'KSS sin andel',
  periodFrom: 'Tilskuddsperiode fra',
  periodTo: 'Tilskuddsperiode til',
  activityFrom: 'Aktivitetsperiode fra',
  activityTo: 'Aktivitetsperiode til',
  adminRule: 'Administrasjonsandel',
  adminBasisPoints: 'Administrasjonsandel (%)',
  adminFixedOre: 'Administrasjonsandel (beløp)',
  grantId: 'Tilskudd',
  year: 'År',
  amountOre: 'Beløp',
  dueDate: 'Frist',
  doneDate: 'Levert dato',
  date: 'Dato',
  type: 'Type',
  voucherRef: 'Bilagsnummer',
  approvalRef: 'Godkjenning (referanse)',
  approvalDate: 'Godkjent dato',
  reversesId: 'Korrigerer bevegelse',
  counterpartId: 'Motpost',
  actor: 'Bruker',
  decision: 'Beslutning om saldo',
  itemKey: 'Punkt i sjekklisten',
  reason: 'Begrunnelse',
  key: 'Innstilling',
  accountCode: 'Kontonummer',
  closedAtMs: 'Avsluttet',
  closedBy: 'Avsluttet av',
  closeReason: 'Merknad ved avslutning',
};

export function auditFieldLabel(field: string): string {
  return AUDIT_FIELD_LABELS[field] ?? field;
}

/** Code values of the enumerated fields, as the forms show them. */
export const AUDIT_VALUE_LABELS: Record<string, Record<string, string>> = {
  driftsform: {
    kommunalt: 'Kommunalt',
    iks: 'Interkommunalt selskap (IKS)',
    stiftelse: 'Stiftelse',
    ideell: 'Ideell organisasjon',
  },
  region: { 'sor-ost': 'Sør-Øst', nord: 'Nord', 'midt-vest': 'Midt-Vest' },
  funderType: {
    departement: 'Departement',
    direktorat: 'Direktorat',
    stiftelse: 'Stiftelse',
    forskningsrad: 'Forskningsråd',
    internasjonal: 'Internasjonal',
    kommune: 'Kommune',
    annen: 'Annen',
  },
  kind: { prosjekt: 'Prosjekt', tiltak: 'Tiltak' },
  kssRole: {
    eier: 'Eier',
    partner: 'Partner med andel',
    forvalter: 'Forvalter',
    stottepartner: 'Støttepartner',
  },
  status: {
    aktiv: 'Aktiv',
    avsluttet: 'Avsluttet',
    utkast: 'Utkast',
    sokt: 'Søkt',
    innvilget: 'Innvilget',
    delvis_innvilget: 'Delvis innvilget',
    avslatt: 'Avslått',
    trukket: 'Trukket',
    open: 'Åpent',
    closed: 'Avsluttet',
  },
  adminRule: { none: 'Ingen', percent: 'Prosent av tilskuddet', fixed: 'Fast beløp' },
  decision: {
    carried_forward: 'Overføres til neste år (godkjent av tilskuddsyter)',
    to_repay: 'Skal tilbakebetales til tilskuddsyter',
    explained: 'Forklart på annen måte',
  },
  type: {
    received: 'Mottatt fra tilskuddsyter',
    admin_share: 'Administrasjonsandel overført',
    own_costs: 'Egne kostnader',
    repaid: 'Tilbakebetalt til tilskuddsyter',
    transfer_in: 'Overført fra annet tilskudd',
    transfer_out: 'Overført til annet tilskudd',
    paid_to_centre: 'Utbetalt til senter',
    returned_by_centre: 'Tilbakeført fra senter',
  },
};

/** The record's own id (shown beside the entry) and timestamps that change on every save. */
const VOLATILE = new Set(['id', 'createdAtMs', 'updatedAtMs']);

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** An instant as local 'dd.mm.åååå hh:mm:ss'. */
export function formatInstant(ms: number): string {
  const d = new Date(ms);
  return (
    `${pad(d.getDate())}.${pad(d.getMonth() + 1)}.${d.getFullYear()} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
  );
}

/** One logged value as a reader wants to see it: kroner, dates, Ja/Nei, '—' for nothing. */
export function formatAuditValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'number') {
    if (field.endsWith('Ore')) return formatOre(value);
    if (field === 'adminBasisPoints') return `${String(value / 100).replace('.', ',')} %`;
    if (field.endsWith('AtMs')) return formatInstant(value);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'Ja' : 'Nei';
  if (typeof value === 'string') {
    const label = AUDIT_VALUE_LABELS[field]?.[value];
    if (label) return label;
    return isIsoDate(value) ? formatIsoDate(value) : value;
  }
  return JSON.stringify(value);
}

export interface FieldChange {
  field: string;
  label: string;
  before: string | null;
  after: string | null;
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/**
 * The fields an entry touched: for an update those whose value differs, for a create every
 * filled-in field, for a delete every field the record had. Values are formatted.
 */
export function describeChanges(before: unknown, after: unknown): FieldChange[] {
  const b = asRecord(before);
  const a = asRecord(after);
  const keys: string[] = [];
  for (const k of [...Object.keys(a ?? {}), ...Object.keys(b ?? {})]) {
    if (!keys.includes(k) && !VOLATILE.has(k)) keys.push(k);
  }
  const out: FieldChange[] = [];
  for (const field of keys) {
    const bv = b ? b[field] : undefined;
    const av = a ? a[field] : undefined;
    if (b && a && JSON.stringify(bv ?? null) === JSON.stringify(av ?? null)) continue;
    if (!b && (av === null || av === undefined || av === '')) continue;
    if (!a && (bv === null || bv === undefined || bv === '')) continue;
    out.push({
      field,
      label: auditFieldLabel(field),
      before: b ? formatAuditValue(field, bv) : null,
      after: a ? formatAuditValue(field, av) : null,
    });
  }
  return out;
}

/** One line for a list of changes: "Navn: «A» → «B»; Region: …". */
export function summariseChanges(changes: readonly FieldChange[]): string {
  return changes
    .map((c) =>
      c.before !== null && c.after !== null
        ? `${c.label}: ${c.before} → ${c.after}`
        : `${c.label}: ${c.after ?? c.before ?? ''}`,
    )
    .join('; ');
}
