/** Change-log and backup enums in words (Bokmål and English), one source for services and UI. */
import { pickLabels, type Labels } from '../kernel/labels';

export const AUDIT_ACTIONS = ['create', 'update', 'delete'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** The entity names the services log changes under (recordChange). */
export const AUDIT_ENTITIES = [
  'centre',
  'membership',
  'organisation',
  'funder',
  'funder_contact',
  'project',
  'project_partner',
  'grant',
  'grant_deadline',
  'grant_year_split',
  'grant_award_change',
  'movement',
  'allocation_round',
  'allocation',
  'fiscal_year',
  'balance_decision',
  'checklist_exception',
  'account_setting',
  'import',
  'application_scenario',
  'application_participant',
  'funder_cap',
  'key_figure',
  'note',
  'document',
  'settings',
] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];

export const AUDIT_ACTION_LABELS: Labels<AuditAction> = {
  create: { nb: 'Opprettet', en: 'Created' },
  update: { nb: 'Endret', en: 'Changed' },
  delete: { nb: 'Slettet', en: 'Deleted' },
};

export const AUDIT_ENTITY_LABELS: Labels<AuditEntity> = {
  centre: { nb: 'Medlemssenter', en: 'Member centre' },
  membership: { nb: 'Medlemsperiode', en: 'Membership period' },
  organisation: { nb: 'Organisasjon', en: 'Organisation' },
  funder: { nb: 'Tilskuddsyter', en: 'Funder' },
  funder_contact: { nb: 'Kontaktperson', en: 'Contact person' },
  project: { nb: 'Prosjekt/tiltak', en: 'Project/measure' },
  project_partner: { nb: 'Samarbeidspartner', en: 'Partner' },
  grant: { nb: 'Tilskudd', en: 'Grant' },
  grant_deadline: { nb: 'Rapporteringsfrist', en: 'Reporting deadline' },
  grant_year_split: { nb: 'Fordeling per år', en: 'Split by year' },
  grant_award_change: { nb: 'Endring av innvilget beløp', en: 'Change of the awarded amount' },
  movement: { nb: 'Bevegelse', en: 'Movement' },
  allocation_round: { nb: 'Tildelingsrunde', en: 'Allocation round' },
  allocation: { nb: 'Tildeling', en: 'Allocation' },
  fiscal_year: { nb: 'Regnskapsår', en: 'Fiscal year' },
  balance_decision: { nb: 'Beslutning om saldo', en: 'Balance decision' },
  checklist_exception: {
    nb: 'Unntak i sjekklisten for årsavslutning',
    en: 'Exception in the year-end checklist',
  },
  account_setting: { nb: 'Kontonummer', en: 'Account number' },
  import: { nb: 'Import', en: 'Import' },
  application_scenario: { nb: 'Scenario i søknad', en: 'Application scenario' },
  application_participant: {
    nb: 'Deltakende senter i søknad',
    en: 'Participating centre in an application',
  },
  funder_cap: { nb: 'Øvre beløpsgrense', en: 'Funding cap' },
  key_figure: { nb: 'Nøkkeltall', en: 'Key figure' },
  note: { nb: 'Notat', en: 'Note' },
  document: { nb: 'Dokument', en: 'Document' },
  settings: { nb: 'Innstillinger', en: 'Settings' },
};

/** The entity types the change-log page offers as a filter: every kind of record logged. */
export const AUDIT_FILTER_ENTITIES = AUDIT_ENTITIES;

export const AUDIT_FILTER_LABELS = pickLabels(AUDIT_ENTITY_LABELS, AUDIT_FILTER_ENTITIES);

/** Why a backup was taken; also part of its file name. */
export const BACKUP_REASONS = [
  'startup',
  'daily',
  'manual',
  'pre-restore',
  'pre-migration',
  'pre-import',
  'pre-year-close',
] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];

export const BACKUP_REASON_LABELS: Labels<BackupReason> = {
  startup: { nb: 'Ved oppstart', en: 'At start-up' },
  daily: { nb: 'Daglig', en: 'Daily' },
  manual: { nb: 'Manuell', en: 'Manual' },
  'pre-restore': { nb: 'Før gjenoppretting', en: 'Before restore' },
  'pre-migration': { nb: 'Før oppdatering', en: 'Before update' },
  'pre-import': { nb: 'Før import', en: 'Before import' },
  'pre-year-close': { nb: 'Før årsavslutning', en: 'Before year-end close' },
};
