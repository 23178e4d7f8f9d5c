/**
 * What the change log's fields mean, one table per kind of record: the label (Bokmål and
 * English) and the kind of value, so the log shows «Status: Søkt → Innvilget» and «Prosjekt:
 * Juleaksjonen», never `status: sokt` or `projectId: 1`. Enum labels come from the domains'
 * `labels.ts`; references are named by the server (`src-main/safety/audit-names.ts`).
 *
 * A field a service starts to log without a line here fails tests/services/audit-readable.
 */
import type { Label, Labels } from '../kernel/labels';
import { REPORT_STATUS_LABELS } from '../allocations/labels';
import { NOTE_KIND_LABELS } from '../documents/labels';
import { ADMIN_RULE_LABELS, GRANT_STATUS_LABELS, MOVEMENT_TYPE_LABELS } from '../grants/labels';
import { IMPORT_KIND_LABELS } from '../import/rules';
import {
  DRIFTSFORM_LABELS,
  FUNDER_TYPE_LABELS,
  KSS_ROLE_LABELS,
  PROJECT_KIND_LABELS,
  PROJECT_STATUS_LABELS,
  REGION_LABELS,
} from '../registry/labels';
import {
  BALANCE_DECISION_FULL_LABELS,
  BALANCE_DECISION_LABELS,
  FISCAL_YEAR_STATUS_LABELS,
} from '../yearend/labels';
import type { AuditEntity } from './labels';

/** Records a logged id can point at; the server names them (`#id (slettet)` when gone). */
export const AUDIT_REF_KINDS = [
  'organisation',
  'project',
  'grant',
  'round',
  'allocation',
  'movement',
  'scenario',
  'deadline',
] as const;
export type AuditRefKind = (typeof AUDIT_REF_KINDS)[number];

export type FieldKind =
  | { t: 'text' }
  | { t: 'money' }
  | { t: 'eur' }
  | { t: 'date' }
  | { t: 'instant' }
  | { t: 'bool' }
  | { t: 'number' }
  | { t: 'year' }
  | { t: 'basisPoints' }
  | { t: 'bytes' }
  | { t: 'decimal' }
  | { t: 'enum'; labels: Readonly<Record<string, Label>> }
  | { t: 'ref'; ref: AuditRefKind }
  /** A year-end checklist point `<kind>:<id>`: its kind in words and the record it is about. */
  | { t: 'checklistKey' }
  /** An account-code setting's key: the account's name. */
  | { t: 'accountKey' };

export interface FieldDef {
  label: Label;
  kind: FieldKind;
}

const def = (t: Exclude<FieldKind['t'], 'enum' | 'ref'>) => (nb: string, en: string) =>
  ({ label: { nb, en }, kind: { t } }) as FieldDef;
const text = def('text');
const money = def('money');
const eur = def('eur');
const date = def('date');
const instant = def('instant');
const bool = def('bool');
const num = def('number');
const yr = def('year');
const enumOf = (labels: Readonly<Record<string, Label>>) => (nb: string, en: string) =>
  ({ label: { nb, en }, kind: { t: 'enum', labels } }) as FieldDef;
const ref = (r: AuditRefKind) => (nb: string, en: string) =>
  ({ label: { nb, en }, kind: { t: 'ref', ref: r } }) as FieldDef;

/** Labels that exist in Bokmål only in their domain; English shows the same words. */
function bokmalOnly(labels: Readonly<Record<string, string>>): Labels<string> {
  const out: Record<string, Label> = {};
  for (const [k, nb] of Object.entries(labels)) out[k] = { nb, en: nb };
  return out;
}

const BALANCE_DECISIONS: Labels<string> = Object.fromEntries(
  Object.entries(BALANCE_DECISION_FULL_LABELS).map(([k, nb]) => [
    k,
    { nb, en: BALANCE_DECISION_LABELS[k as keyof typeof BALANCE_DECISION_LABELS].en },
  ]),
);

const AWARD_CHANGE_KINDS: Labels<'award' | 'correction' | 'top_up'> = {
  award: { nb: 'Vedtak', en: 'Decision' },
  correction: { nb: 'Rettelse av innvilget beløp', en: 'Correction of the awarded amount' },
  top_up: { nb: 'Endring av innvilget beløp', en: 'Change of the awarded amount' },
};

const CURRENCY_LABELS: Labels<'NOK' | 'EUR'> = {
  NOK: { nb: 'Norske kroner (NOK)', en: 'Norwegian kroner (NOK)' },
  EUR: { nb: 'Euro (EUR)', en: 'Euro (EUR)' },
};

const name = text('Navn', 'Name');
const orgNumber = text('Organisasjonsnummer', 'Organisation number');
const notes = text('Merknad', 'Note');
const website = text('Nettside', 'Website');
const description = text('Beskrivelse', 'Description');
const grantId = ref('grant')('Tilskudd', 'Grant');
const centreId = ref('organisation')('Senter', 'Centre');
const funderId = ref('organisation')('Tilskuddsyter', 'Funder');
const projectId = ref('project')('Prosjekt', 'Project');
const amountOre = money('Beløp', 'Amount');
const reason = text('Begrunnelse', 'Reason');
const year = yr('År', 'Year');
const activityFrom = date('Aktivitetsperiode fra', 'Activity period from');
const activityTo = date('Aktivitetsperiode til', 'Activity period to');
const applicationDeadline = date('Søknadsfrist', 'Application deadline');
const decisionDate = date('Vedtaksdato', 'Decision date');
const voucherRef = text('Bilagsnummer', 'Voucher number');
const approvalRef = text('Godkjenning (referanse)', 'Approval (reference)');
const approvalDate = date('Godkjent dato', 'Approval date');
const reference = text('Referanse hos tilskuddsyter', 'Funder’s reference');

/** One table per kind of record: every field the services write to the change log. */
export const AUDIT_FIELDS: Record<AuditEntity, Readonly<Record<string, FieldDef>>> = {
  centre: {
    name,
    orgNumber,
    notes,
    driftsform: enumOf(DRIFTSFORM_LABELS)('Driftsform', 'Type of operation'),
    region: enumOf(REGION_LABELS)('Region', 'Region'),
    dailyLeader: text('Daglig leder', 'Daily leader'),
    contactEmail: text('Kontakt-e-post', 'Contact e-mail'),
  },
  membership: {
    centreId,
    joinedDate: date('Medlem fra', 'Member from'),
    leftDate: date('Medlem til', 'Member until'),
    note: notes,
  },
  organisation: { name, orgNumber, website, notes },
  funder: {
    name,
    funderType: enumOf(FUNDER_TYPE_LABELS)('Type tilskuddsyter', 'Type of funder'),
    orgNumber,
    website,
    notes,
  },
  funder_contact: {
    funderId,
    name,
    role: text('Rolle', 'Role'),
    email: text('E-post', 'E-mail'),
    phone: text('Telefon', 'Phone'),
  },
  project: {
    name,
    kind: enumOf(PROJECT_KIND_LABELS)('Type', 'Kind'),
    parentId: ref('project')('Overordnet tiltak', 'Parent measure'),
    kssRole: enumOf(KSS_ROLE_LABELS)('KSS sin rolle', 'KSS’s role'),
    projectNumber: text('Prosjektnummer', 'Project number'),
    startDate: date('Startdato', 'Start date'),
    endDate: date('Sluttdato', 'End date'),
    status: enumOf(PROJECT_STATUS_LABELS)('Status', 'Status'),
    recurring: bool('Årlig gjentakende', 'Recurring every year'),
    recurringSinceYear: yr('Årlig siden', 'Every year since'),
    description,
  },
  project_partner: {
    projectId,
    organisationId: ref('organisation')('Samarbeidspartner', 'Partner'),
    role: text('Rolle', 'Role'),
  },
  grant: {
    projectId,
    funderId,
    title: text('Tittel', 'Title'),
    schemeName: text('Tilskuddsordning', 'Funding scheme'),
    reference,
    editionYear: yr('År (utgave)', 'Year (edition)'),
    applicationDeadline,
    status: enumOf(GRANT_STATUS_LABELS)('Status', 'Status'),
    appliedOre: money('Søkt beløp', 'Applied amount'),
    appliedDate: date('Søknadsdato', 'Application date'),
    awardedOre: money('Innvilget beløp', 'Awarded amount'),
    decisionDate,
    kssShareOre: money('KSS sin andel', 'KSS’s share'),
    periodFrom: date('Tilskuddsperiode fra', 'Grant period from'),
    periodTo: date('Tilskuddsperiode til', 'Grant period to'),
    activityFrom,
    activityTo,
    adminRule: enumOf(ADMIN_RULE_LABELS)('Administrasjonsandel', 'Admin share'),
    adminBasisPoints: {
      label: { nb: 'Administrasjonsandel (%)', en: 'Admin share (%)' },
      kind: { t: 'basisPoints' },
    },
    adminFixedOre: money('Administrasjonsandel (beløp)', 'Admin share (amount)'),
    notes,
    currency: enumOf(CURRENCY_LABELS)('Valuta', 'Currency'),
    awardedEurCents: eur('Innvilget beløp i euro', 'Awarded amount in euro'),
    chosenScenarioId: ref('scenario')('Valgt scenario', 'Chosen scenario'),
  },
  grant_deadline: {
    grantId,
    dueDate: date('Frist', 'Due date'),
    description: text('Hva skal leveres', 'What is due'),
    doneDate: date('Levert dato', 'Delivered on'),
  },
  grant_year_split: {
    grantId,
    year,
    amountOre: money('Beløp for året', 'Amount for the year'),
    confirmed: bool('Bekreftet', 'Confirmed'),
  },
  grant_award_change: {
    grantId,
    kind: enumOf(AWARD_CHANGE_KINDS)('Type endring', 'Kind of change'),
    decisionDate,
    previousDecisionDate: date('Forrige vedtaksdato', 'Previous decision date'),
    previousTotalOre: money('Innvilget før', 'Awarded before'),
    totalOre: money('Innvilget etter', 'Awarded after'),
    reference,
    reason,
  },
  movement: {
    grantId,
    date: date('Dato', 'Date'),
    type: enumOf(MOVEMENT_TYPE_LABELS)('Type bevegelse', 'Type of movement'),
    amountOre,
    amountEurCents: eur('Beløp i euro', 'Amount in euro'),
    voucherRef,
    note: notes,
    counterpartId: ref('movement')('Motpost', 'Counter entry'),
    approvalRef,
    approvalDate,
    reversesId: ref('movement')('Korrigerer', 'Reverses'),
    correctsId: ref('movement')('Rettet føring for', 'Corrected entry for'),
    centreId,
    allocationId: ref('allocation')('Tildeling', 'Allocation'),
    reason,
  },
  allocation_round: {
    grantId,
    name: text('Navn på runden', 'Name of the round'),
    applicationDeadline,
    activityFrom,
    activityTo,
    reportDeadline: date('Rapporteringsfrist for sentrene', 'Report deadline for the centres'),
    notes,
  },
  allocation: {
    roundId: ref('round')('Tildelingsrunde', 'Allocation round'),
    centreId,
    appliedOre: money('Søkt beløp', 'Applied amount'),
    purpose: text('Formål', 'Purpose'),
    expectedParticipants: num('Forventet antall deltakere', 'Expected participants'),
    receivedDate: date('Søknad mottatt', 'Application received'),
    awardedOre: money('Tildelt beløp', 'Awarded amount'),
    decisionDate,
    overrideReason: text('Begrunnelse for unntak', 'Reason for the exception'),
    reportDueDate: date('Rapportfrist', 'Report due'),
    reportReceivedDate: date('Rapport mottatt', 'Report received'),
    spentOre: money('Brukt beløp', 'Amount spent'),
    participantsReached: num('Antall deltakere', 'Participants reached'),
    reportText: text('Kort rapport', 'Short report'),
    reportStatus: enumOf(REPORT_STATUS_LABELS)('Rapportstatus', 'Report status'),
    remindedDate: date('Purret dato', 'Reminded on'),
    keptUnusedOre: money('Beløp senteret beholder', 'Amount the centre keeps'),
    keptApprovalRef: text('KSS sin godkjenning (referanse)', 'KSS’s approval (reference)'),
  },
  fiscal_year: {
    year,
    status: enumOf(FISCAL_YEAR_STATUS_LABELS)('Status', 'Status'),
    closedAtMs: instant('Avsluttet', 'Closed'),
    closedBy: text('Avsluttet av', 'Closed by'),
    closeReason: text('Merknad ved avslutning', 'Note on closing'),
  },
  balance_decision: {
    grantId,
    year,
    decision: enumOf(BALANCE_DECISIONS)('Beslutning om saldo', 'Balance decision'),
    amountOre: money('Saldo', 'Balance'),
    approvalRef,
    approvalDate,
    note: notes,
  },
  checklist_exception: {
    year,
    itemKey: {
      label: { nb: 'Punkt i sjekklisten', en: 'Checklist item' },
      kind: { t: 'checklistKey' },
    },
    reason,
  },
  account_setting: {
    key: { label: { nb: 'Konto for', en: 'Account for' }, kind: { t: 'accountKey' } },
    accountCode: text('Kontonummer', 'Account number'),
  },
  import: {
    kind: enumOf(bokmalOnly(IMPORT_KIND_LABELS))('Hva ble importert', 'What was imported'),
    fileName: text('Filnavn', 'File name'),
    sizeBytes: { label: { nb: 'Filstørrelse', en: 'File size' }, kind: { t: 'bytes' } },
    rowCount: num('Antall rader', 'Number of rows'),
    duplicateReason: text('Begrunnelse for ny import', 'Reason for importing again'),
  },
  application_scenario: {
    grantId: ref('grant')('Søknad', 'Application'),
    name: text('Navn på scenario', 'Scenario name'),
    amountOre,
    description,
    chosen: bool('Valgt scenario', 'Chosen scenario'),
  },
  application_participant: {
    grantId: ref('grant')('Søknad', 'Application'),
    centreId,
  },
  funder_cap: {
    funderId,
    year,
    schemeName: text('Tilskuddsordning', 'Funding scheme'),
    amountOre: money('Øvre beløpsgrense', 'Funding cap'),
    note: notes,
  },
  key_figure: {
    projectId,
    year,
    label: text('Nøkkeltall', 'Key figure'),
    value: { label: { nb: 'Verdi', en: 'Value' }, kind: { t: 'decimal' } },
    unit: text('Enhet', 'Unit'),
    source: text('Kilde', 'Source'),
    note: notes,
  },
  note: {
    grantId,
    funderId,
    date: date('Dato', 'Date'),
    kind: enumOf(bokmalOnly(NOTE_KIND_LABELS))('Type', 'Kind'),
    text: text('Notat', 'Note'),
  },
  document: {
    grantId,
    funderId,
    fileName: text('Filnavn', 'File name'),
    sizeBytes: { label: { nb: 'Størrelse', en: 'Size' }, kind: { t: 'bytes' } },
    description,
  },
  settings: {
    name: text('Organisasjonens navn', 'Organisation name'),
    orgNumber,
    defaultAdminBasisPoints: {
      label: { nb: 'Standard administrasjonsandel', en: 'Default admin share' },
      kind: { t: 'basisPoints' },
    },
  },
};

/**
 * Computed fields some services include in the record they log (totals, counts, search keys,
 * names copied from another record). They are not changes: `recordChange` leaves them out,
 * and the log's reader skips them in entries written before that.
 */
export const AUDIT_COMPUTED_FIELDS: Partial<Record<string, readonly string[]>> = {
  funder: ['grantCount', 'awardedTotalOre'],
  project: ['grantCount'],
  application_scenario: ['nameKey'],
  funder_cap: ['schemeKey'],
  project_partner: ['name', 'isCentre'],
  grant: ['chosenScenario'],
};

/**
 * Checksums of a file (an import's file, an attached document). Not a change anyone makes,
 * so never shown; but they stay in the log as evidence of which bytes were imported or
 * deleted (the import's duplicate check and the document tests rely on them).
 */
export const AUDIT_FINGERPRINT_FIELDS: Partial<Record<string, readonly string[]>> = {
  import: ['fileHash'],
  document: ['sha256'],
};

/**
 * Bookkeeping every entry already shows beside it (its id, who and when), never a change.
 * `closedAtMs`/`closedBy` are not here: closing a year sets them, reopening clears them.
 */
export const AUDIT_BOOKKEEPING_FIELDS: ReadonlySet<string> = new Set([
  'id',
  'createdAtMs',
  'updatedAtMs',
  'actor',
  'uploadedAtMs',
  'uploadedBy',
  'importedAtMs',
]);

/** The record an entry is about, named like a reference (entity → kind of its own id). */
export const AUDIT_OWN_REF: Partial<Record<string, AuditRefKind>> = {
  centre: 'organisation',
  organisation: 'organisation',
  funder: 'organisation',
  project: 'project',
  grant: 'grant',
  allocation_round: 'round',
  allocation: 'allocation',
  movement: 'movement',
  application_scenario: 'scenario',
  grant_deadline: 'deadline',
};

/** The field that says whose record it is, for records without a name of their own. */
export const AUDIT_CONTEXT_FIELDS: Partial<Record<string, readonly string[]>> = {
  membership: ['centreId'],
  funder_contact: ['funderId', 'name'],
  project_partner: ['projectId'],
  grant_year_split: ['grantId'],
  grant_award_change: ['grantId'],
  balance_decision: ['grantId'],
  application_participant: ['grantId'],
  funder_cap: ['funderId'],
  key_figure: ['projectId', 'label'],
  note: ['grantId', 'funderId'],
  document: ['fileName'],
  checklist_exception: ['itemKey'],
  account_setting: ['key'],
  import: ['fileName'],
  fiscal_year: ['year'],
};

/** The definition of a field of an entity; null for a field no table knows. */
export function auditFieldDef(entity: string, field: string): FieldDef | null {
  const table = (AUDIT_FIELDS as Record<string, Readonly<Record<string, FieldDef>>>)[entity];
  return table?.[field] ?? null;
}

/** Drops the computed fields from a logged record (a copy; anything else is returned as is). */
export function withoutComputed(entity: string, record: unknown): unknown {
  const drop = AUDIT_COMPUTED_FIELDS[entity];
  if (!drop || record === null || typeof record !== 'object' || Array.isArray(record)) {
    return record;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) if (!drop.includes(k)) out[k] = v;
  return out;
}
