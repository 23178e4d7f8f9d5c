/**
 * The change log (Endringslogg) in words: entity and action names, field labels and a
 * readable "what changed" for one entry. Pure, so the history page and the xlsx export for
 * the auditor describe a change the same way.
 */
import { formatIsoDate, isIsoDate } from '../kernel/dates';
import { formatOre } from '../kernel/money';
import { nbLabels } from '../kernel/labels';
import { ADMIN_RULE_LABELS, GRANT_STATUS_LABELS, MOVEMENT_TYPE_LABELS } from '../grants/labels';
import {
  DRIFTSFORM_LABELS,
  FUNDER_TYPE_LABELS,
  KSS_ROLE_LABELS,
  PROJECT_KIND_LABELS,
  PROJECT_STATUS_LABELS,
  REGION_LABELS,
} from '../registry/labels';
import { BALANCE_DECISION_FULL_LABELS, FISCAL_YEAR_STATUS_LABELS } from '../yearend/labels';
import {
  AUDIT_ACTION_LABELS as AUDIT_ACTION_LABEL_SET,
  AUDIT_ENTITY_LABELS,
  type AuditAction,
} from './labels';

export { AUDIT_ACTIONS, type AuditAction } from './labels';

/** Action names in Norwegian. */
export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = nbLabels(AUDIT_ACTION_LABEL_SET);

/** Entity names used by recordChange, in Norwegian. Unknown names are shown as they are. */
export const AUDIT_ENTITY_NB: Readonly<Record<string, string>> = nbLabels(AUDIT_ENTITY_LABELS);

export function auditEntityLabel(entity: string): string {
  return AUDIT_ENTITY_NB[entity] ?? entity;
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
  applicationDeadline: 'Søknadsfrist',
  chosen: 'Valgt scenario',
  chosenScenario: 'Valgt scenario',
  chosenScenarioId: 'Valgt scenario (id)',
  schemeKey: 'Tilskuddsordning (nøkkel)',
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
  label: 'Nøkkeltall',
  value: 'Verdi',
  unit: 'Enhet',
  source: 'Kilde',
  text: 'Notat',
  fileName: 'Filnavn',
  sizeBytes: 'Størrelse (byte)',
  sha256: 'Kontrollsum (SHA-256)',
  uploadedAtMs: 'Lagt ved',
  uploadedBy: 'Lagt ved av',
  createdAtMs: 'Opprettet',
  updatedAtMs: 'Endret',
};

export function auditFieldLabel(field: string): string {
  return AUDIT_FIELD_LABELS[field] ?? field;
}

/** Code values of the enumerated fields, as the forms show them. */
export const AUDIT_VALUE_LABELS: Record<string, Record<string, string>> = {
  driftsform: nbLabels(DRIFTSFORM_LABELS),
  region: nbLabels(REGION_LABELS),
  funderType: nbLabels(FUNDER_TYPE_LABELS),
  kind: nbLabels(PROJECT_KIND_LABELS),
  kssRole: nbLabels(KSS_ROLE_LABELS),
  // Projects, grants and fiscal years all log a `status`; their values do not clash.
  status: {
    ...nbLabels(PROJECT_STATUS_LABELS),
    ...nbLabels(GRANT_STATUS_LABELS),
    ...nbLabels(FISCAL_YEAR_STATUS_LABELS),
  },
  adminRule: nbLabels(ADMIN_RULE_LABELS),
  decision: BALANCE_DECISION_FULL_LABELS,
  type: nbLabels(MOVEMENT_TYPE_LABELS),
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
