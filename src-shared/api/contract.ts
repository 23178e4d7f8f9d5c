/**
 * The one typed contract: every call the UI can make, keyed `domain.verb`, with a zod
 * input schema (validated in the main process before any handler runs), a zod output
 * schema, and a one-line doc. Both transports (Electron IPC and localhost HTTP) serve
 * exactly this table.
 */
import { z } from 'zod';
import { no } from 'zod/locales';
import { AUDIT_ACTIONS } from '../domain/audit';
import { DRIFTSFORMER, REGIONS } from '../domain/centres';
import { REPORT_STATUSES } from '../domain/allocations';
import {
  ACCOUNT_CODE,
  ACCOUNT_KEYS,
  ACCOUNT_SPECS,
  BALANCE_DECISIONS,
  CHECKLIST_KINDS,
  FISCAL_YEAR_ACTIONS,
  FISCAL_YEAR_STATUSES,
  type AccountKey,
} from '../domain/yearend';
import {
  ADMIN_RULES,
  DIRECT_MOVEMENT_TYPES,
  FUNDER_TYPES,
  GRANT_STATUSES,
  KSS_ROLES,
  MOVEMENT_TYPES,
  PROJECT_KINDS,
  PROJECT_STATUSES,
} from '../domain/grants';
import {
  amountOre,
  id,
  isoDate,
  oneOf,
  optionalEmail,
  optionalIsoDate,
  optionalOrgNumber,
  optionalText,
  requiredText,
  year,
} from './fields';

// Messages zod writes itself (structural problems) are Norwegian too.
z.config(no());

// ---------------------------------------------------------------- shared output shapes

const isoDateOut = z.string();

export const MembershipSchema = z.object({
  id: z.number().int(),
  centreId: z.number().int(),
  joinedDate: isoDateOut,
  leftDate: isoDateOut.nullable(),
  note: z.string().nullable(),
});
export type Membership = z.infer<typeof MembershipSchema>;

const centreFields = {
  id: z.number().int(),
  name: z.string(),
  driftsform: z.enum(DRIFTSFORMER),
  region: z.enum(REGIONS),
  dailyLeader: z.string().nullable(),
  contactEmail: z.string().nullable(),
  orgNumber: z.string().nullable(),
};

export const CentreSummarySchema = z.object({
  ...centreFields,
  /** Member on the reference date of the list (today unless asked otherwise). */
  isMember: z.boolean(),
  /** Start of the latest membership period, if any. */
  joinedDate: isoDateOut.nullable(),
  /** End of the latest membership period, if it has ended or an end is announced. */
  leftDate: isoDateOut.nullable(),
});
export type CentreSummary = z.infer<typeof CentreSummarySchema>;

export const CentreSchema = z.object({
  ...centreFields,
  notes: z.string().nullable(),
  memberships: z.array(MembershipSchema),
  isMember: z.boolean(),
  createdAtMs: z.number().int(),
  updatedAtMs: z.number().int(),
});
export type Centre = z.infer<typeof CentreSchema>;

// ---------------------------------------------------------------- inputs

const centreEditable = {
  name: requiredText('Navn', 120),
  driftsform: oneOf('Driftsform', DRIFTSFORMER),
  region: oneOf('Region', REGIONS),
  dailyLeader: optionalText('Daglig leder', 120),
  contactEmail: optionalEmail('Kontakt-e-post'),
  orgNumber: optionalOrgNumber('Organisasjonsnummer'),
  notes: optionalText('Merknad', 4000),
};

export const CentreCreateInput = z.object({
  ...centreEditable,
  /** Optional first membership period starting this date. */
  joinedDate: optionalIsoDate('Medlem fra'),
});

export const CentreUpdateInput = z.object({ id: id('Senter'), ...centreEditable });

export const CentreListInput = z
  .object({
    search: optionalText('Søk', 120),
    region: oneOf('Region', REGIONS).nullish(),
    driftsform: oneOf('Driftsform', DRIFTSFORMER).nullish(),
    memberInYear: year('Medlem i år').nullish(),
    /** Reference date for `isMember`; defaults to today. */
    asOf: optionalIsoDate('Dato'),
  })
  .default({ search: null, asOf: null });

export const MembershipAddInput = z.object({
  centreId: id('Senter'),
  joinedDate: isoDate('Medlem fra'),
  leftDate: optionalIsoDate('Medlem til'),
  note: optionalText('Merknad', 1000),
});

export const MembershipUpdateInput = z.object({
  id: id('Medlemsperiode'),
  joinedDate: isoDate('Medlem fra'),
  leftDate: optionalIsoDate('Medlem til'),
  note: optionalText('Merknad', 1000),
});

export const MembershipDeleteInput = z.object({
  id: id('Medlemsperiode'),
  reason: requiredText('Begrunnelse', 1000),
});

// ---------------------------------------------------------------- funders, organisations

export const OrganisationSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  orgNumber: z.string().nullable(),
  website: z.string().nullable(),
  isCentre: z.boolean(),
  isFunder: z.boolean(),
});
export type Organisation = z.infer<typeof OrganisationSchema>;

export const FunderContactSchema = z.object({
  id: z.number().int(),
  funderId: z.number().int(),
  name: z.string(),
  role: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
});
export type FunderContact = z.infer<typeof FunderContactSchema>;

export const FunderSummarySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  funderType: z.enum(FUNDER_TYPES),
  orgNumber: z.string().nullable(),
  website: z.string().nullable(),
  grantCount: z.number().int(),
  awardedTotalOre: z.number().int(),
});
export type FunderSummary = z.infer<typeof FunderSummarySchema>;

const funderEditable = {
  name: requiredText('Navn', 160),
  funderType: oneOf('Type tilskuddsyter', FUNDER_TYPES),
  orgNumber: optionalOrgNumber('Organisasjonsnummer'),
  website: optionalText('Nettside', 300),
  notes: optionalText('Merknad', 4000),
};
export const FunderCreateInput = z.object(funderEditable);
export const FunderUpdateInput = z.object({ id: id('Tilskuddsyter'), ...funderEditable });
export const FunderContactInput = z.object({
  funderId: id('Tilskuddsyter'),
  name: requiredText('Navn på kontaktperson', 120),
  role: optionalText('Rolle', 80),
  email: optionalEmail('E-post'),
  phone: optionalText('Telefon', 40),
});
export const OrganisationCreateInput = z.object({
  name: requiredText('Navn', 160),
  orgNumber: optionalOrgNumber('Organisasjonsnummer'),
  website: optionalText('Nettside', 300),
  notes: optionalText('Merknad', 4000),
});

// ---------------------------------------------------------------- projects

export const ProjectSummarySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.enum(PROJECT_KINDS),
  parentId: z.number().int().nullable(),
  parentName: z.string().nullable(),
  kssRole: z.enum(KSS_ROLES),
  projectNumber: z.string().nullable(),
  status: z.enum(PROJECT_STATUSES),
  recurring: z.boolean(),
  recurringSinceYear: z.number().int().nullable(),
  startDate: isoDateOut.nullable(),
  endDate: isoDateOut.nullable(),
  grantCount: z.number().int(),
});
export type ProjectSummary = z.infer<typeof ProjectSummarySchema>;

export const ProjectPartnerSchema = z.object({
  id: z.number().int(),
  organisationId: z.number().int(),
  name: z.string(),
  role: z.string().nullable(),
  isCentre: z.boolean(),
});
export type ProjectPartner = z.infer<typeof ProjectPartnerSchema>;

const projectEditable = {
  name: requiredText('Navn', 160),
  kind: oneOf('Type', PROJECT_KINDS),
  parentId: id('Overordnet prosjekt')
    .nullish()
    .transform((v) => v ?? null),
  kssRole: oneOf('KSS sin rolle', KSS_ROLES),
  projectNumber: optionalText('Prosjektnummer', 40),
  startDate: optionalIsoDate('Startdato'),
  endDate: optionalIsoDate('Sluttdato'),
  status: oneOf('Status', PROJECT_STATUSES),
  recurring: z.boolean({ error: 'Årlig gjentakende må være ja eller nei.' }),
  recurringSinceYear: year('Årlig siden')
    .nullish()
    .transform((v) => v ?? null),
  description: optionalText('Beskrivelse', 8000),
};
export const ProjectCreateInput = z.object(projectEditable);
export const ProjectUpdateInput = z.object({ id: id('Prosjekt'), ...projectEditable });
export const ProjectPartnerInput = z.object({
  projectId: id('Prosjekt'),
  organisationId: id('Samarbeidspartner'),
  role: optionalText('Rolle', 200),
});

// ---------------------------------------------------------------- grants

export const GrantSummarySchema = z.object({
  id: z.number().int(),
  title: z.string(),
  projectId: z.number().int(),
  projectName: z.string(),
  kssRole: z.enum(KSS_ROLES),
  funderId: z.number().int(),
  funderName: z.string(),
  status: z.enum(GRANT_STATUSES),
  editionYear: z.number().int().nullable(),
  reference: z.string().nullable(),
  appliedOre: z.number().int().nullable(),
  appliedDate: isoDateOut.nullable(),
  awardedOre: z.number().int().nullable(),
  decisionDate: isoDateOut.nullable(),
  periodFrom: isoDateOut.nullable(),
  periodTo: isoDateOut.nullable(),
  /** Fiscal years the grant touches (period, edition, decision or movements). */
  years: z.array(z.number().int()),
  /** Net received from the funder (received − reversals). */
  receivedOre: z.number().int(),
});
export type GrantSummary = z.infer<typeof GrantSummarySchema>;

export const YearBalanceSchema = z.object({
  year: z.number().int(),
  openingOre: z.number().int(),
  receivedOre: z.number().int(),
  transferInOre: z.number().int(),
  adminShareOre: z.number().int(),
  paidToCentresOre: z.number().int(),
  ownCostsOre: z.number().int(),
  returnedOre: z.number().int(),
  repaidOre: z.number().int(),
  transferOutOre: z.number().int(),
  closingOre: z.number().int(),
});

export const GrantSchema = GrantSummarySchema.extend({
  schemeName: z.string().nullable(),
  activityFrom: isoDateOut.nullable(),
  activityTo: isoDateOut.nullable(),
  kssShareOre: z.number().int().nullable(),
  adminRule: z.enum(ADMIN_RULES),
  adminBasisPoints: z.number().int().nullable(),
  adminFixedOre: z.number().int().nullable(),
  notes: z.string().nullable(),
  /** false for støttepartner projects: tracked, but no money. */
  carriesMoney: z.boolean(),
  /** What the admin share is computed from: the award, or KSS's part for "partner med andel". */
  baseOre: z.number().int(),
  /** The admin share by the grant's rule (what KSS is entitled to keep). */
  adminShareOre: z.number().int(),
  transferInOre: z.number().int(),
  transferOutOre: z.number().int(),
  /** Allocated to centres so far (sub-allocations). */
  allocatedOre: z.number().int(),
  /** base + transfers in − admin share − allocated. */
  availableOre: z.number().int(),
  yearSplits: z.array(z.object({ year: z.number().int(), amountOre: z.number().int() })),
  deadlines: z.array(
    z.object({
      id: z.number().int(),
      dueDate: isoDateOut,
      description: z.string(),
      doneDate: isoDateOut.nullable(),
    }),
  ),
  allowedTransitions: z.array(z.enum(GRANT_STATUSES)),
  balances: z.array(YearBalanceSchema),
  createdAtMs: z.number().int(),
  updatedAtMs: z.number().int(),
});
export type Grant = z.infer<typeof GrantSchema>;

const optionalAmount = (label: string) =>
  amountOre(label)
    .nullish()
    .transform((v) => v ?? null);

const grantEditable = {
  projectId: id('Prosjekt'),
  funderId: id('Tilskuddsyter'),
  title: requiredText('Tittel', 200),
  schemeName: optionalText('Tilskuddsordning', 200),
  reference: optionalText('Referanse hos tilskuddsyter', 100),
  editionYear: year('År (utgave)')
    .nullish()
    .transform((v) => v ?? null),
  appliedOre: optionalAmount('Søkt beløp'),
  appliedDate: optionalIsoDate('Søknadsdato'),
  periodFrom: optionalIsoDate('Tilskuddsperiode fra'),
  periodTo: optionalIsoDate('Tilskuddsperiode til'),
  activityFrom: optionalIsoDate('Aktivitetsperiode fra'),
  activityTo: optionalIsoDate('Aktivitetsperiode til'),
  kssShareOre: optionalAmount('KSS sin andel'),
  adminRule: oneOf('Administrasjonsandel', ADMIN_RULES),
  adminBasisPoints: z
    .number({ error: 'Administrasjonsandel (%) må være et tall.' })
    .int('Administrasjonsandel (%) kan ha høyst to desimaler.')
    .min(0, 'Administrasjonsandel (%) kan ikke være negativ.')
    .max(10000, 'Administrasjonsandel (%) kan ikke være over 100 %.')
    .nullish()
    .transform((v) => v ?? null),
  adminFixedOre: optionalAmount('Administrasjonsandel (beløp)'),
  notes: optionalText('Merknad', 8000),
};
export const GrantCreateInput = z.object(grantEditable);
export const GrantUpdateInput = z.object({ id: id('Tilskudd'), ...grantEditable });
export const GrantStatusInput = z.object({
  id: id('Tilskudd'),
  status: oneOf('Status', GRANT_STATUSES),
  awardedOre: optionalAmount('Innvilget beløp'),
  decisionDate: optionalIsoDate('Vedtaksdato'),
  reference: optionalText('Referanse hos tilskuddsyter', 100),
  reason: optionalText('Begrunnelse', 1000),
});
export const GrantYearSplitInput = z.object({
  id: id('Tilskudd'),
  splits: z
    .array(z.object({ year: year('År'), amountOre: amountOre('Beløp for året') }), {
      error: 'Fordeling per år mangler.',
    })
    .max(20, 'Fordeling per år kan ha høyst 20 år.'),
});
export const GrantListInput = z
  .object({
    year: year('År').nullish(),
    funderId: id('Tilskuddsyter').nullish(),
    projectId: id('Prosjekt').nullish(),
    status: oneOf('Status', GRANT_STATUSES).nullish(),
    kssRole: oneOf('KSS sin rolle', KSS_ROLES).nullish(),
    search: optionalText('Søk', 120),
  })
  .default({ search: null });
export const GrantDeadlineInput = z.object({
  grantId: id('Tilskudd'),
  dueDate: isoDate('Frist'),
  description: requiredText('Hva skal leveres', 300),
});

// ---------------------------------------------------------------- movements

export const MovementSchema = z.object({
  id: z.number().int(),
  grantId: z.number().int(),
  date: isoDateOut,
  type: z.enum(MOVEMENT_TYPES),
  amountOre: z.number().int(),
  voucherRef: z.string().nullable(),
  note: z.string().nullable(),
  counterpartGrantId: z.number().int().nullable(),
  counterpartGrantTitle: z.string().nullable(),
  approvalRef: z.string().nullable(),
  approvalDate: isoDateOut.nullable(),
  reversesId: z.number().int().nullable(),
  reversedById: z.number().int().nullable(),
  centreId: z.number().int().nullable(),
  createdAtMs: z.number().int(),
  actor: z.string(),
});
export type Movement = z.infer<typeof MovementSchema>;

const movementCommon = {
  date: isoDate('Dato'),
  amountOre: amountOre('Beløp', 1),
  voucherRef: optionalText('Bilagsnummer', 60),
  note: optionalText('Merknad', 2000),
};
export const MovementRecordInput = z.object({
  grantId: id('Tilskudd'),
  type: oneOf('Type bevegelse', DIRECT_MOVEMENT_TYPES),
  ...movementCommon,
});
export const MovementTransferInput = z.object({
  fromGrantId: id('Fra tilskudd'),
  toGrantId: id('Til tilskudd'),
  ...movementCommon,
  approvalRef: requiredText('Godkjenning fra tilskuddsyter (referanse)', 200),
  approvalDate: isoDate('Godkjent dato'),
});
export const MovementReverseInput = z.object({
  id: id('Bevegelse'),
  date: isoDate('Dato for korrigering'),
  reason: requiredText('Begrunnelse', 1000),
});

// ================================================================ data safety (issue 6)
// Change history (Endringslogg) and backups: the schemas of `audit.*` and `backups.*`. Their
// methods are the last block of `contract` below.

export const AuditEntrySchema = z.object({
  id: z.number().int(),
  atMs: z.number().int(),
  actor: z.string(),
  entity: z.string(),
  entityId: z.number().int(),
  action: z.enum(AUDIT_ACTIONS),
  /** The record before the change (parsed JSON), null for a create. */
  before: z.unknown().nullable(),
  /** The record after the change (parsed JSON), null for a delete. */
  after: z.unknown().nullable(),
  reason: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

const wholeNumber = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label} må være et tall.` })
    .int(`${label} må være et heltall.`)
    .min(min, `${label} må være minst ${min}.`)
    .max(max, `${label} kan være høyst ${max}.`);

type AuditFilter = {
  entity: string | null;
  entityId: number | null;
  fromDate: string | null;
  toDate: string | null;
};

/** Cross-field rules of a change-log filter, with messages naming the field. */
function checkAuditFilter(v: AuditFilter, ctx: z.RefinementCtx): void {
  if (v.fromDate && v.toDate && v.toDate < v.fromDate) {
    ctx.addIssue({
      code: 'custom',
      path: ['toDate'],
      message: 'Til dato kan ikke være før Fra dato.',
    });
  }
  if (v.entityId !== null && v.entity === null) {
    ctx.addIssue({
      code: 'custom',
      path: ['entity'],
      message: 'Type post må fylles ut når en bestemt post er valgt.',
    });
  }
}

const auditFilter = {
  entity: optionalText('Type post', 60),
  entityId: id('Post')
    .nullish()
    .transform((v) => v ?? null),
};

export const AuditListInput = z
  .object({
    ...auditFilter,
    fromDate: optionalIsoDate('Fra dato'),
    toDate: optionalIsoDate('Til dato'),
    limit: wholeNumber('Antall rader', 1, 500).default(50),
    offset: wholeNumber('Hopp over', 0, 10_000_000).default(0),
  })
  .superRefine(checkAuditFilter)
  .prefault({});

export const AuditExportInput = z
  .object({ ...auditFilter, fromDate: isoDate('Fra dato'), toDate: isoDate('Til dato') })
  .superRefine(checkAuditFilter);

export const FileContentSchema = z.object({ fileName: z.string(), contentBase64: z.string() });
export type FileContent = z.infer<typeof FileContentSchema>;

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

export const BackupCountsSchema = z.object({
  centres: z.number().int().nullable(),
  grants: z.number().int().nullable(),
  movements: z.number().int().nullable(),
});
export type BackupCounts = z.infer<typeof BackupCountsSchema>;

export const BackupSchema = z.object({
  fileName: z.string(),
  createdAtMs: z.number().int(),
  reason: z.enum(BACKUP_REASONS),
  sizeBytes: z.number().int(),
  /** integrity_check answered ok when the copy was taken (only such copies are kept). */
  verified: z.boolean(),
  counts: BackupCountsSchema,
  appVersion: z.string().nullable(),
});
export type Backup = z.infer<typeof BackupSchema>;

export const BackupInspectionSchema = BackupSchema.extend({
  /** 'ok', or what integrity_check found just now. */
  integrity: z.string(),
  /** This version of the app can open it (not from a newer version). */
  compatible: z.boolean(),
  /** Why it cannot be restored, in Norwegian; null when it can. */
  problem: z.string().nullable(),
  /** Newest entry in its change log. */
  lastChangeAtMs: z.number().int().nullable(),
});
export type BackupInspection = z.infer<typeof BackupInspectionSchema>;

export const BackupSettingsSchema = z.object({
  folder: z.string(),
  isDefaultFolder: z.boolean(),
  defaultFolder: z.string(),
  keepDaily: z.number().int(),
  keepWeekly: z.number().int(),
  keepMonthly: z.number().int(),
  keepManual: z.number().int(),
});
export type BackupSettings = z.infer<typeof BackupSettingsSchema>;

export const BackupSettingsInput = z.object({
  /** Blank = the default folder beside the data folder. */
  folder: optionalText('Mappe for sikkerhetskopier', 1000),
  keepDaily: wholeNumber('Daglige kopier', 1, 60),
  keepWeekly: wholeNumber('Ukentlige kopier', 0, 52),
  keepMonthly: wholeNumber('Månedlige kopier', 0, 120),
  keepManual: wholeNumber('Manuelle kopier', 1, 100),
});

const backupFileName = requiredText('Sikkerhetskopi', 200).refine(
  (v) => /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(v),
  'Sikkerhetskopi har et ugyldig filnavn. Velg en kopi fra listen.',
);

export const BackupStatusSchema = z.object({
  /** 'recovery': the data file could not be opened; only backups can be listed and restored. */
  mode: z.enum(['normal', 'recovery']),
  problem: z.string().nullable(),
  dataFile: z.string(),
  folder: z.string(),
  /** Why copies do not go to the chosen folder right now (Norwegian), or null. */
  folderProblem: z.string().nullable(),
  latest: BackupSchema.nullable(),
});
export type BackupStatus = z.infer<typeof BackupStatusSchema>;

export const RestoreResultSchema = z.object({
  restored: BackupSchema,
  /** The copy of the data as it was just before the restore (null if it could not be opened). */
  safetyCopy: BackupSchema.nullable(),
  /** Where the unreadable data file's bytes were kept, when it was damaged. */
  damagedCopy: z.string().nullable(),
  counts: BackupCountsSchema,
});
export type RestoreResult = z.infer<typeof RestoreResultSchema>;

// ================================================================ end of data safety

// ---------------------------------------------------------------- sub-allocations (rounds)

export const AllocationSchema = z.object({
  id: z.number().int(),
  roundId: z.number().int(),
  centreId: z.number().int(),
  centreName: z.string(),
  region: z.enum(REGIONS),
  orgNumber: z.string().nullable(),
  contactEmail: z.string().nullable(),
  /** Member on the decision date (or today, before a decision). */
  isMember: z.boolean(),
  /** The centre has announced that it leaves or closes (a membership end date is set). */
  leavingDate: isoDateOut.nullable(),
  appliedOre: z.number().int(),
  purpose: z.string().nullable(),
  expectedParticipants: z.number().int().nullable(),
  receivedDate: isoDateOut.nullable(),
  awardedOre: z.number().int().nullable(),
  decisionDate: isoDateOut.nullable(),
  overrideReason: z.string().nullable(),
  paidOre: z.number().int(),
  lastPaidDate: isoDateOut.nullable(),
  returnedOre: z.number().int(),
  reportDueDate: isoDateOut.nullable(),
  reportReceivedDate: isoDateOut.nullable(),
  spentOre: z.number().int().nullable(),
  participantsReached: z.number().int().nullable(),
  reportText: z.string().nullable(),
  reportStatus: z.enum(REPORT_STATUSES),
  remindedDate: isoDateOut.nullable(),
  keptUnusedOre: z.number().int().nullable(),
  keptApprovalRef: z.string().nullable(),
  /** Report overdue on the reference date (due date passed, not received). */
  overdue: z.boolean(),
});
export type Allocation = z.infer<typeof AllocationSchema>;

export const RoundSummarySchema = z.object({
  id: z.number().int(),
  grantId: z.number().int(),
  grantTitle: z.string(),
  funderName: z.string(),
  name: z.string(),
  applicationDeadline: isoDateOut.nullable(),
  activityFrom: isoDateOut.nullable(),
  activityTo: isoDateOut.nullable(),
  reportDeadline: isoDateOut.nullable(),
  /** The grant's available amount before this round's awards: awarded + transfers in − admin share − other rounds' awards. */
  potOre: z.number().int(),
  appliedTotalOre: z.number().int(),
  awardedTotalOre: z.number().int(),
  paidTotalOre: z.number().int(),
  returnedTotalOre: z.number().int(),
  /** pot − awarded. */
  remainingOre: z.number().int(),
  centreCount: z.number().int(),
});
export type RoundSummary = z.infer<typeof RoundSummarySchema>;

export const RoundSchema = RoundSummarySchema.extend({
  notes: z.string().nullable(),
  allocations: z.array(AllocationSchema),
  regionTotals: z.array(
    z.object({
      region: z.enum(REGIONS),
      centreCount: z.number().int(),
      appliedOre: z.number().int(),
      awardedOre: z.number().int(),
      paidOre: z.number().int(),
    }),
  ),
});
export type Round = z.infer<typeof RoundSchema>;

const roundEditable = {
  name: requiredText('Navn på runden', 160),
  applicationDeadline: optionalIsoDate('Søknadsfrist'),
  activityFrom: optionalIsoDate('Aktivitetsperiode fra'),
  activityTo: optionalIsoDate('Aktivitetsperiode til'),
  reportDeadline: optionalIsoDate('Rapporteringsfrist for sentrene'),
  notes: optionalText('Merknad', 4000),
};
export const RoundCreateInput = z.object({ grantId: id('Tilskudd'), ...roundEditable });
export const RoundUpdateInput = z.object({ id: id('Tildelingsrunde'), ...roundEditable });

export const ApplicationRowInput = z.object({
  centreId: id('Senter'),
  appliedOre: amountOre('Søkt beløp'),
  purpose: optionalText('Formål', 2000),
  expectedParticipants: z
    .number({ error: 'Forventet antall deltakere må være et tall.' })
    .int('Forventet antall deltakere må være et heltall.')
    .min(0, 'Forventet antall deltakere kan ikke være negativt.')
    .nullish()
    .transform((v) => v ?? null),
  receivedDate: optionalIsoDate('Mottatt dato'),
});
export const ApplicationsSaveInput = z.object({
  roundId: id('Tildelingsrunde'),
  rows: z
    .array(ApplicationRowInput, { error: 'Søknadene mangler.' })
    .max(500, 'Høyst 500 søknader om gangen.'),
});

export const DecisionInput = z.object({
  roundId: id('Tildelingsrunde'),
  decisionDate: isoDate('Vedtaksdato'),
  awards: z
    .array(
      z.object({
        allocationId: id('Søknad'),
        awardedOre: amountOre('Tildelt beløp'),
        overrideReason: optionalText('Begrunnelse for unntak', 1000),
      }),
      { error: 'Tildelingene mangler.' },
    )
    .max(500, 'Høyst 500 tildelinger om gangen.'),
});

export const PayoutInput = z.object({
  allocationIds: z
    .array(id('Tildeling'), { error: 'Velg minst én tildeling.' })
    .min(1, 'Velg minst én tildeling.')
    .max(500, 'Høyst 500 om gangen.'),
  date: isoDate('Utbetalingsdato'),
  voucherRef: optionalText('Bilagsnummer', 60),
});

export const CentreReportInput = z.object({
  allocationId: id('Tildeling'),
  reportReceivedDate: optionalIsoDate('Rapport mottatt'),
  spentOre: amountOre('Brukt beløp')
    .nullish()
    .transform((v) => v ?? null),
  participantsReached: z
    .number({ error: 'Antall deltakere må være et tall.' })
    .int('Antall deltakere må være et heltall.')
    .min(0, 'Antall deltakere kan ikke være negativt.')
    .nullish()
    .transform((v) => v ?? null),
  reportText: optionalText('Kort rapport', 8000),
  reportStatus: oneOf('Rapportstatus', REPORT_STATUSES),
  reportDueDate: optionalIsoDate('Rapportfrist'),
});

export const CentreReturnInput = z.object({
  allocationId: id('Tildeling'),
  date: isoDate('Dato'),
  amountOre: amountOre('Tilbakeført beløp', 1),
  voucherRef: optionalText('Bilagsnummer', 60),
  note: optionalText('Merknad', 1000),
});

export const KeepUnusedInput = z.object({
  allocationId: id('Tildeling'),
  amountOre: amountOre('Beløp senteret beholder', 1),
  approvalRef: requiredText('KSS sin godkjenning (referanse)', 200),
});

export const FileOutputSchema = z.object({ fileName: z.string(), contentBase64: z.string() });

export const FunderReportSchema = z.object({
  roundId: z.number().int(),
  title: z.string(),
  grantTitle: z.string(),
  funderName: z.string(),
  reference: z.string().nullable(),
  rows: z.array(
    z.object({
      centreName: z.string(),
      region: z.enum(REGIONS),
      awardedOre: z.number().int(),
      paidOre: z.number().int(),
      spentOre: z.number().int().nullable(),
      returnedOre: z.number().int(),
      keptUnusedOre: z.number().int(),
      participantsReached: z.number().int().nullable(),
      reportStatus: z.enum(REPORT_STATUSES),
    }),
  ),
  totals: z.object({
    awardedOre: z.number().int(),
    paidOre: z.number().int(),
    spentOre: z.number().int(),
    returnedOre: z.number().int(),
    keptUnusedOre: z.number().int(),
    participantsReached: z.number().int(),
  }),
  /** The same totals taken from the grant's ledger (paid_to_centre / returned_by_centre). */
  ledger: z.object({ paidOre: z.number().int(), returnedOre: z.number().int() }),
});
export type FunderReport = z.infer<typeof FunderReportSchema>;

// ---------------------------------------------------------------- dashboard

export const DashboardSchema = z.object({
  today: isoDateOut,
  membersToday: z.number().int(),
  /** Per fiscal year: awarded (by year split), received, admin share transferred, paid to centres. */
  perYear: z.array(
    z.object({
      year: z.number().int(),
      awardedOre: z.number().int(),
      receivedOre: z.number().int(),
      adminShareOre: z.number().int(),
      paidToCentresOre: z.number().int(),
    }),
  ),
  overdueReports: z.number().int(),
  /** Deadlines from today and the next 60 days: funder reports and centre reports. */
  upcoming: z.array(
    z.object({
      date: isoDateOut,
      kind: z.enum(['grant', 'centre']),
      title: z.string(),
      what: z.string(),
      link: z.string(),
    }),
  ),
});
export type Dashboard = z.infer<typeof DashboardSchema>;

// ================================================================ year-end close (issue 5)
// Årsavslutning, the accountant's workbook and CSV, the annual report's tables and the
// account codes: the schemas of `yearEnd.*`, `exports.*`, `reports.annual*` and
// `settings.*`. Their methods are the last block of `contract` below.

const fiscalYear = (label = 'Regnskapsår') => year(label);

export const FiscalYearEventSchema = z.object({
  id: z.number().int(),
  year: z.number().int(),
  action: z.enum(FISCAL_YEAR_ACTIONS),
  atMs: z.number().int(),
  actor: z.string(),
  reason: z.string().nullable(),
});
export type FiscalYearEvent = z.infer<typeof FiscalYearEventSchema>;

export const BalanceDecisionSchema = z.object({
  grantId: z.number().int(),
  year: z.number().int(),
  decision: z.enum(BALANCE_DECISIONS),
  /** The closing balance the decision was made on (for «to_repay»: the amount owed to the funder). */
  amountOre: z.number().int(),
  approvalRef: z.string().nullable(),
  approvalDate: isoDateOut.nullable(),
  note: z.string().nullable(),
  actor: z.string(),
  updatedAtMs: z.number().int(),
  /** The closing balance has changed since the decision (it must be made again). */
  stale: z.boolean(),
});
export type BalanceDecisionView = z.infer<typeof BalanceDecisionSchema>;

const yearMoneyFields = {
  openingOre: z.number().int(),
  receivedOre: z.number().int(),
  transferInOre: z.number().int(),
  adminShareOre: z.number().int(),
  paidToCentresOre: z.number().int(),
  ownCostsOre: z.number().int(),
  returnedOre: z.number().int(),
  repaidOre: z.number().int(),
  transferOutOre: z.number().int(),
  closingOre: z.number().int(),
};

export const YearEndGrantSchema = z.object({
  grantId: z.number().int(),
  title: z.string(),
  projectId: z.number().int(),
  projectName: z.string(),
  projectNumber: z.string().nullable(),
  funderName: z.string(),
  funderType: z.enum(FUNDER_TYPES),
  reference: z.string().nullable(),
  kssRole: z.enum(KSS_ROLES),
  status: z.enum(GRANT_STATUSES),
  awardedOre: z.number().int().nullable(),
  /** The award's part for this year (year split), null when not awarded. */
  awardedForYearOre: z.number().int().nullable(),
  /** Invariant 2 for the year: opening + movements by type = closing. */
  balance: YearBalanceSchema,
  /** Opening balance of the next year (= closing; shown so the carry-forward is visible). */
  nextOpeningOre: z.number().int(),
  decision: BalanceDecisionSchema.nullable(),
  /** Closing ≠ 0 and no (current) decision yet. */
  needsDecision: z.boolean(),
});
export type YearEndGrant = z.infer<typeof YearEndGrantSchema>;

export const ChecklistItemSchema = z.object({
  /** Stable key `<kind>:<id>`, used to confirm an exception. */
  key: z.string(),
  kind: z.enum(CHECKLIST_KINDS),
  grantId: z.number().int().nullable(),
  allocationId: z.number().int().nullable(),
  /** Short Norwegian title, e.g. «Juleaksjonen 2024: saldo 112 361 kr uten beslutning». */
  title: z.string(),
  /** What to do about it, in Norwegian. */
  detail: z.string(),
  amountOre: z.number().int().nullable(),
  exception: z.object({ reason: z.string(), actor: z.string(), atMs: z.number().int() }).nullable(),
});
export type ChecklistItem = z.infer<typeof ChecklistItemSchema>;

export const YearEndOverviewSchema = z.object({
  year: z.number().int(),
  status: z.enum(FISCAL_YEAR_STATUSES),
  /** The closed year that locks this one (itself, or a later closed year), null when open to changes. */
  lockedByYear: z.number().int().nullable(),
  closedAtMs: z.number().int().nullable(),
  closedBy: z.string().nullable(),
  closeReason: z.string().nullable(),
  /** Every close and reopen of the year, oldest first. */
  events: z.array(FiscalYearEventSchema),
  /** Every grant with money in the year (opening ≠ 0, a movement, or an award for the year). */
  grants: z.array(YearEndGrantSchema),
  /** Sums over `grants`. */
  totals: z.object(yearMoneyFields),
  /** Open points, each either to be resolved or confirmed as an exception. */
  items: z.array(ChecklistItemSchema),
  /** Items without an exception. */
  openItemCount: z.number().int(),
  /** The year is open and every item is resolved or has an exception. */
  canClose: z.boolean(),
});
export type YearEndOverview = z.infer<typeof YearEndOverviewSchema>;

export const DecideBalanceInput = z
  .object({
    grantId: id('Tilskudd'),
    year: fiscalYear(),
    decision: oneOf('Beslutning om saldo', BALANCE_DECISIONS),
    approvalRef: optionalText('Godkjenning fra tilskuddsyter (referanse)', 200),
    approvalDate: optionalIsoDate('Godkjent dato'),
    note: optionalText('Merknad', 2000),
  })
  .superRefine((v, ctx) => {
    if (v.decision === 'carried_forward') {
      if (!v.approvalRef) {
        ctx.addIssue({
          code: 'custom',
          path: ['approvalRef'],
          message:
            'Godkjenning fra tilskuddsyter (referanse) må fylles ut når saldoen overføres til neste år.',
        });
      }
      if (!v.approvalDate) {
        ctx.addIssue({
          code: 'custom',
          path: ['approvalDate'],
          message: 'Godkjent dato må fylles ut når saldoen overføres til neste år.',
        });
      }
    }
    if (v.decision === 'explained' && !v.note) {
      ctx.addIssue({
        code: 'custom',
        path: ['note'],
        message: 'Merknad må fylles ut når saldoen forklares på annen måte.',
      });
    }
  });

export const FileExportSchema = z.object({ fileName: z.string(), contentBase64: z.string() });

export const AnnualProjectRowSchema = z.object({
  projectId: z.number().int(),
  /** Navn */
  name: z.string(),
  /** Samarbeidspartner (names, comma separated; «Medlemmer av KSS» for forvalter projects without partners). */
  partners: z.string(),
  /** Tilskuddsyter */
  funders: z.string(),
  /** Tilskuddsstørrelse as the report writes it («Kr 1 945 000», «Kr 1 120 000 (for 2023 og 2024)»); empty for støttepartner. */
  sizeText: z.string(),
  sizeOre: z.number().int().nullable(),
  kssRole: z.enum(KSS_ROLES),
});
export type AnnualProjectRow = z.infer<typeof AnnualProjectRowSchema>;

export const AnnualProjectsSchema = z.object({
  year: z.number().int(),
  headers: z.array(z.string()),
  rows: z.array(AnnualProjectRowSchema),
  /** The table as HTML (a <table>) for the clipboard; pastes into Word as a table. */
  html: z.string(),
  /** The table as tab-separated text (the clipboard's plain-text fallback). */
  tsv: z.string(),
});
export type AnnualProjects = z.infer<typeof AnnualProjectsSchema>;

export const AnnualMemberRowSchema = z.object({
  /** # */
  number: z.number().int(),
  centreId: z.number().int(),
  name: z.string(),
  driftsform: z.enum(DRIFTSFORMER),
  /** Driftsform as the report writes it («Interkommunalt selskap», «Kommunalt» …). */
  driftsformLabel: z.string(),
  region: z.enum(REGIONS),
  regionLabel: z.string(),
  dailyLeader: z.string().nullable(),
  contactEmail: z.string().nullable(),
  /** Joined during the year (listed after those who were members on 1 January). */
  joinedInYear: z.boolean(),
});
export type AnnualMemberRow = z.infer<typeof AnnualMemberRowSchema>;

const memberChange = z.object({ name: z.string(), date: isoDateOut });

export const AnnualMembersSchema = z.object({
  year: z.number().int(),
  headers: z.array(z.string()),
  /** Members on 31 December: those of 1 January in name order, then those who joined. */
  rows: z.array(AnnualMemberRowSchema),
  counts: z.object({
    start: z.number().int(),
    end: z.number().int(),
    municipalOrIks: z.number().int(),
    ideell: z.number().int(),
    stiftelse: z.number().int(),
    joined: z.array(memberChange),
    left: z.array(memberChange),
    leavingAtYearEnd: z.array(z.string()),
  }),
  /** «Året startet med 20 medlemmer. I juni meldte … per 31.12 hadde 21 medlemmer. Av disse …» */
  summary: z.string(),
  html: z.string(),
  tsv: z.string(),
});
export type AnnualMembers = z.infer<typeof AnnualMembersSchema>;

const accountCode = (label: string) =>
  requiredText(label, 10).refine(
    (v) => ACCOUNT_CODE.test(v),
    `${label} må være et kontonummer med 4–6 siffer (for eksempel 3400).`,
  );

export const AccountSettingSchema = z.object({
  key: z.enum(ACCOUNT_KEYS),
  label: z.string(),
  usedFor: z.string(),
  accountCode: z.string(),
  defaultCode: z.string(),
  defaultName: z.string(),
  isDefault: z.boolean(),
});
export type AccountSetting = z.infer<typeof AccountSettingSchema>;

export const SetAccountsInput = z
  .object(
    Object.fromEntries(
      ACCOUNT_KEYS.map((k) => [k, accountCode(ACCOUNT_SPECS[k].label).optional()]),
    ) as Record<AccountKey, z.ZodOptional<ReturnType<typeof accountCode>>>,
  )
  .refine((v) => Object.values(v).some((code) => code !== undefined), {
    message: 'Oppgi minst ett kontonummer.',
  });

// ================================================================ end of year-end close

// ================================================================ import from Excel/CSV (issue 6)
// Schemas of `import.*`; the methods are the last block of `contract` below. (The import
// declaration sits here to keep the section in one piece; imports are hoisted.)
import { IMPORT_KINDS, IMPORT_MAX_BYTES } from '../domain/import';

/** Base64 a little above the size limit, so the service can answer with the file's actual size. */
const IMPORT_MAX_BASE64_CHARS = 16_000_000;

const importFileFields = {
  kind: oneOf('Hva som skal importeres', IMPORT_KINDS),
  fileName: requiredText('Filnavn', 260),
  contentBase64: z
    .string({ error: 'Filen mangler.' })
    .min(1, 'Filen er tom.')
    .max(
      IMPORT_MAX_BASE64_CHARS,
      `Filen er for stor. Største tillatte størrelse er ${IMPORT_MAX_BYTES / (1024 * 1024)} MB.`,
    )
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Filen kunne ikke leses (ugyldig filinnhold).'),
  /** Field → column header. A field left out gets the suggested column; null = not in the file. */
  mapping: z
    .record(z.string().max(60), z.string().max(300).nullable(), {
      error: 'Kolonnevalget er ugyldig.',
    })
    .refine((m) => Object.keys(m).length <= 40, 'Kolonnevalget er ugyldig.')
    .nullish()
    .transform((v) => v ?? null),
};

export const ImportPreviewInput = z.object(importFileFields);

export const ImportCommitInput = z.object({
  ...importFileFields,
  /** The SHA-256 the preview answered: the file imported is the file previewed. */
  fileHash: z
    .string({ error: 'Forhåndsvis filen før den importeres.' })
    .regex(/^[0-9a-f]{64}$/, 'Forhåndsvis filen før den importeres.'),
  confirmed: z.literal(true, { error: 'Importen må bekreftes.' }),
  /** Needed only to import a file that was imported before (same SHA-256). */
  duplicateReason: optionalText('Begrunnelse for å importere filen på nytt', 1000),
});

export const ImportRecordSchema = z.object({
  id: z.number().int(),
  kind: z.enum(IMPORT_KINDS),
  fileName: z.string(),
  fileHash: z.string(),
  sizeBytes: z.number().int(),
  rowCount: z.number().int(),
  importedAtMs: z.number().int(),
  actor: z.string(),
  duplicateReason: z.string().nullable(),
});
export type ImportRecord = z.infer<typeof ImportRecordSchema>;

export const ImportProblemSchema = z.object({
  /** The field (e.g. "contactEmail"), null for a problem with the whole row. */
  field: z.string().nullable(),
  /** The file's column the field was read from, if any. */
  column: z.string().nullable(),
  /** Norwegian, naming the row and the column: «Rad 4, kolonne «E-post»: …». */
  message: z.string(),
});
export type ImportProblem = z.infer<typeof ImportProblemSchema>;

export const ImportRowSchema = z.object({
  /** The row number as the spreadsheet shows it (the header is usually row 1). */
  rowNumber: z.number().int(),
  /** 'update' when the row changes an existing record (an application already in the round). */
  action: z.enum(['create', 'update']),
  /** Normalised: øre integers, ISO dates, choice keys, trimmed text; null for empty. */
  values: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  problems: z.array(ImportProblemSchema),
});
export type ImportRow = z.infer<typeof ImportRowSchema>;

export const ImportPreviewSchema = z.object({
  kind: z.enum(IMPORT_KINDS),
  fileName: z.string(),
  /** SHA-256 of the file's bytes; the commit must send it back. */
  fileHash: z.string(),
  sizeBytes: z.number().int(),
  format: z.enum(['csv', 'xlsx']),
  /** The worksheet read (xlsx: the first visible sheet with data). */
  sheetName: z.string().nullable(),
  /** CSV: the separator found (";", "," or a tab). */
  separator: z.string().nullable(),
  /** CSV: the character set found (UTF-8, Windows-1252, UTF-16). */
  encoding: z.string().nullable(),
  columns: z.array(z.string()),
  suggestedMapping: z.record(z.string(), z.string().nullable()),
  /** The mapping used for this preview. */
  mapping: z.record(z.string(), z.string().nullable()),
  /** Problems with the file as a whole (a required field without a column, no rows). */
  fileProblems: z.array(z.string()),
  rows: z.array(ImportRowSchema),
  okCount: z.number().int(),
  problemCount: z.number().int(),
  /** No problems at all, at least one row: the commit will be accepted (given a reason if imported before). */
  canImport: z.boolean(),
  /** The same file (same SHA-256) has been imported before. */
  alreadyImported: z.boolean(),
  previousImports: z.array(ImportRecordSchema),
});
export type ImportPreview = z.infer<typeof ImportPreviewSchema>;

export const ImportResultSchema = z.object({
  kind: z.enum(IMPORT_KINDS),
  imported: z.number().int(),
  importId: z.number().int(),
  /** The verified backup taken just before (null where backups are off, as in unit tests). */
  backupFileName: z.string().nullable(),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;

// ================================================================ end of import

// ---------------------------------------------------------------- the table

function method<I extends z.ZodType, O extends z.ZodType>(doc: string, input: I, output: O) {
  return { doc, input, output };
}

export const contract = {
  'system.info': method(
    'Version, data file and today’s date as the main process sees them.',
    z.object({}).default({}),
    z.object({ appVersion: z.string(), dataFile: z.string(), today: isoDateOut }),
  ),

  'files.saveAs': method(
    'Desktop only: asks where to save a file (native dialog) and writes it there.',
    z.object({
      fileName: requiredText('Filnavn', 200),
      contentBase64: z
        .string({ error: 'Filinnhold mangler.' })
        .max(80_000_000, 'Filen er for stor.'),
    }),
    z.object({ saved: z.boolean(), path: z.string().nullable() }),
  ),

  'dashboard.summary': method(
    'The overview page: members today, money per year, overdue reports and upcoming deadlines.',
    z.object({}).default({}),
    DashboardSchema,
  ),

  'centres.list': method(
    'Member centres, filtered by search text, region, driftsform or membership year.',
    CentreListInput,
    z.array(CentreSummarySchema),
  ),
  'centres.get': method(
    'One member centre with its membership history.',
    z.object({ id: id('Senter') }),
    CentreSchema,
  ),
  'centres.create': method(
    'Registers a member centre (name unique, case-insensitive).',
    CentreCreateInput,
    CentreSchema,
  ),
  'centres.update': method('Changes a member centre’s details.', CentreUpdateInput, CentreSchema),
  'centres.addMembership': method(
    'Adds a membership period (joined, optionally left) to a centre.',
    MembershipAddInput,
    CentreSchema,
  ),
  'centres.updateMembership': method(
    'Corrects a membership period, e.g. records the date a centre leaves.',
    MembershipUpdateInput,
    CentreSchema,
  ),
  'centres.deleteMembership': method(
    'Removes a membership period entered by mistake; the reason is kept in the change log.',
    MembershipDeleteInput,
    CentreSchema,
  ),
  'organisations.list': method(
    'All organisations (centres, funders, partners) for choosing a partner without duplicates.',
    z.object({ search: optionalText('Søk', 120) }).default({ search: null }),
    z.array(OrganisationSchema),
  ),
  'organisations.create': method(
    'Registers an organisation that is only a partner (name unique, case-insensitive).',
    OrganisationCreateInput,
    OrganisationSchema,
  ),

  'funders.list': method(
    'Funders with their number of grants and total awarded.',
    z
      .object({
        search: optionalText('Søk', 120),
        funderType: oneOf('Type', FUNDER_TYPES).nullish(),
      })
      .default({ search: null }),
    z.array(FunderSummarySchema),
  ),
  'funders.get': method(
    'One funder with contacts and all its grants by year (applied, awarded, received).',
    z.object({ id: id('Tilskuddsyter') }),
    FunderSummarySchema.extend({
      notes: z.string().nullable(),
      contacts: z.array(FunderContactSchema),
      years: z.array(
        z.object({
          year: z.number().int(),
          appliedOre: z.number().int(),
          awardedOre: z.number().int(),
          receivedOre: z.number().int(),
        }),
      ),
      grants: z.array(GrantSummarySchema),
    }),
  ),
  'funders.create': method(
    'Registers a funder; an existing organisation of the same name gets the funder role.',
    FunderCreateInput,
    FunderSummarySchema,
  ),
  'funders.update': method('Changes a funder’s details.', FunderUpdateInput, FunderSummarySchema),
  'funders.addContact': method(
    'Adds a contact person at a funder.',
    FunderContactInput,
    FunderContactSchema,
  ),
  'funders.removeContact': method(
    'Removes a contact person (kept in the change log).',
    z.object({ id: id('Kontaktperson') }),
    z.object({ removed: z.boolean() }),
  ),

  'projects.list': method(
    'Projects and measures, filterable by status, kind and KSS role.',
    z
      .object({
        search: optionalText('Søk', 120),
        status: oneOf('Status', PROJECT_STATUSES).nullish(),
        kind: oneOf('Type', PROJECT_KINDS).nullish(),
        kssRole: oneOf('KSS sin rolle', KSS_ROLES).nullish(),
      })
      .default({ search: null }),
    z.array(ProjectSummarySchema),
  ),
  'projects.get': method(
    'One project with partners, sub-projects and grants.',
    z.object({ id: id('Prosjekt') }),
    ProjectSummarySchema.extend({
      description: z.string().nullable(),
      partners: z.array(ProjectPartnerSchema),
      children: z.array(ProjectSummarySchema),
      grants: z.array(GrantSummarySchema),
    }),
  ),
  'projects.create': method(
    'Registers a project or measure.',
    ProjectCreateInput,
    ProjectSummarySchema,
  ),
  'projects.update': method(
    'Changes a project or measure.',
    ProjectUpdateInput,
    ProjectSummarySchema,
  ),
  'projects.addPartner': method(
    'Links an organisation to a project as partner, with a role text.',
    ProjectPartnerInput,
    ProjectPartnerSchema,
  ),
  'projects.removePartner': method(
    'Unlinks a partner from a project (kept in the change log).',
    z.object({ id: id('Samarbeidspartner') }),
    z.object({ removed: z.boolean() }),
  ),

  'grants.list': method(
    'Grants filtered by year, funder, project, status, KSS role or text, with totals.',
    GrantListInput,
    z.object({
      rows: z.array(GrantSummarySchema),
      totals: z.object({
        appliedOre: z.number().int(),
        awardedOre: z.number().int(),
        receivedOre: z.number().int(),
      }),
    }),
  ),
  'grants.get': method(
    'One grant with admin share, what is available, year split, deadlines and year balances.',
    z.object({ id: id('Tilskudd') }),
    GrantSchema,
  ),
  'grants.create': method(
    'Registers a grant application (status utkast).',
    GrantCreateInput,
    GrantSchema,
  ),
  'grants.update': method(
    'Changes a grant’s details (not its status or award).',
    GrantUpdateInput,
    GrantSchema,
  ),
  'grants.setStatus': method(
    'Moves a grant along its life-cycle; awarding needs the amount and decision date.',
    GrantStatusInput,
    GrantSchema,
  ),
  'grants.setYearSplit': method(
    'Spreads the award over fiscal years; the parts must sum exactly to the award.',
    GrantYearSplitInput,
    GrantSchema,
  ),
  'grants.addDeadline': method('Adds a reporting deadline.', GrantDeadlineInput, GrantSchema),
  'grants.completeDeadline': method(
    'Marks a reporting deadline as delivered.',
    z.object({ id: id('Frist'), doneDate: isoDate('Levert dato') }),
    GrantSchema,
  ),

  'movements.list': method(
    'The grant’s movements, oldest first, with reversal links.',
    z.object({ grantId: id('Tilskudd') }),
    z.array(MovementSchema),
  ),
  'movements.record': method(
    'Records money received, admin share transferred, own costs or repayment on a grant.',
    MovementRecordInput,
    MovementSchema,
  ),
  'movements.transfer': method(
    'Moves money from one grant to another with the funder’s approval (e.g. unused funds).',
    MovementTransferInput,
    z.object({ out: MovementSchema, in: MovementSchema }),
  ),
  'movements.reverse': method(
    'Corrects a movement by a linked reversing movement; the original stays visible.',
    MovementReverseInput,
    z.array(MovementSchema),
  ),

  'balances.forGrant': method(
    'Year-by-year balances of one grant (invariant 2).',
    z.object({
      grantId: id('Tilskudd'),
      fromYear: year('Fra år').nullish(),
      toYear: year('Til år').nullish(),
    }),
    z.array(YearBalanceSchema),
  ),

  // ============================================================== data safety (issue 6)
  'audit.list': method(
    'The change log, newest first: by record (entity + entityId) and/or period, with paging.',
    AuditListInput,
    z.object({
      rows: z.array(AuditEntrySchema),
      total: z.number().int(),
      limit: z.number().int(),
      offset: z.number().int(),
    }),
  ),
  'audit.exportXlsx': method(
    'The change log of a period as an xlsx workbook for the auditor (sheet "Endringslogg").',
    AuditExportInput,
    FileContentSchema,
  ),
  'backups.status': method(
    'Whether the data file is open or the app runs in recovery mode, and the newest backup.',
    z.object({}).prefault({}),
    BackupStatusSchema,
  ),
  'backups.list': method(
    'Verified backups in the backup folder, newest first.',
    z.object({}).prefault({}),
    z.array(BackupSchema),
  ),
  'backups.create': method(
    'Takes a verified backup now (reason "manual").',
    z.object({}).prefault({}),
    BackupSchema,
  ),
  'backups.inspect': method(
    'Checks one backup again and tells what it holds, without touching the live data.',
    z.object({ fileName: backupFileName }),
    BackupInspectionSchema,
  ),
  'backups.restore': method(
    'Backs up the current data, verifies the chosen backup and swaps it in atomically.',
    z.object({
      fileName: backupFileName,
      confirmed: z.literal(true, { error: 'Gjenopprettingen må bekreftes.' }),
    }),
    RestoreResultSchema,
  ),
  'backups.download': method(
    'The backup file itself (base64), for "Lagre sikkerhetskopi som…".',
    z.object({ fileName: backupFileName }),
    FileContentSchema,
  ),
  'backups.getSettings': method(
    'Backup folder and how many copies are kept.',
    z.object({}).prefault({}),
    BackupSettingsSchema,
  ),
  'backups.setSettings': method(
    'Changes the backup folder (must be writable, outside the data folder) and rotation.',
    BackupSettingsInput,
    BackupSettingsSchema,
  ),
  // ============================================================== end of data safety
  'rounds.list': method(
    'Allocation rounds, optionally for one grant, with pot and totals.',
    z.object({ grantId: id('Tilskudd').nullish() }).default({}),
    z.array(RoundSummarySchema),
  ),
  'rounds.get': method(
    'One round with every centre’s application, award, payout and report, and region totals.',
    z.object({ id: id('Tildelingsrunde') }),
    RoundSchema,
  ),
  'rounds.create': method(
    'Opens an allocation round on a grant where KSS is forvalter.',
    RoundCreateInput,
    RoundSchema,
  ),
  'rounds.update': method(
    'Changes a round’s name, deadlines or periods.',
    RoundUpdateInput,
    RoundSchema,
  ),
  'allocations.saveApplications': method(
    'Adds or updates centres’ applications in a round (quick entry for many centres).',
    ApplicationsSaveInput,
    RoundSchema,
  ),
  'allocations.removeApplication': method(
    'Removes an application that has no award or payout (kept in the change log).',
    z.object({ id: id('Søknad'), reason: requiredText('Begrunnelse', 1000) }),
    RoundSchema,
  ),
  'allocations.decide': method(
    'Saves awards with a decision date; the sum may not exceed the pot, members only unless overridden.',
    DecisionInput,
    RoundSchema,
  ),
  'allocations.markPaid': method(
    'Pays out awards (what is not yet paid) as movements on the grant’s ledger.',
    PayoutInput,
    RoundSchema,
  ),
  'allocations.byCentre': method(
    'All of one centre’s awards across grants and years.',
    z.object({ centreId: id('Senter') }),
    z.array(AllocationSchema.extend({ roundName: z.string(), grantTitle: z.string() })),
  ),
  'allocations.payoutXlsx': method(
    'Payout list for the accountant/bank (centre, organisation number, amount, reference) as xlsx.',
    z.object({ roundId: id('Tildelingsrunde') }),
    FileOutputSchema,
  ),
  'centreReports.record': method(
    'Records a centre’s report on its award (received, spent, participants, status).',
    CentreReportInput,
    RoundSchema,
  ),
  'centreReports.recordReturn': method(
    'Records unused money a centre returns (a movement back into the grant).',
    CentreReturnInput,
    RoundSchema,
  ),
  'centreReports.keepUnused': method(
    'Records that a centre keeps unused money with KSS’s approval.',
    KeepUnusedInput,
    RoundSchema,
  ),
  'centreReports.overdue': method(
    'Reports overdue on a date, with the centre’s e-mail and a ready-to-copy reminder text.',
    z.object({ asOf: optionalIsoDate('Dato') }).default({ asOf: null }),
    z.array(
      z.object({
        allocationId: z.number().int(),
        roundId: z.number().int(),
        roundName: z.string(),
        grantTitle: z.string(),
        centreName: z.string(),
        contactEmail: z.string().nullable(),
        reportDueDate: isoDateOut,
        daysOverdue: z.number().int(),
        reminderText: z.string(),
      }),
    ),
  ),
  'centreReports.markReminded': method(
    'Records that a reminder was sent (status purret).',
    z.object({ allocationId: id('Tildeling'), date: isoDate('Purredato') }),
    RoundSchema,
  ),
  'reports.roundFunderReport': method(
    'The funder report for a round: per centre awarded, paid, spent, returned, participants.',
    z.object({ roundId: id('Tildelingsrunde') }),
    FunderReportSchema,
  ),
  'reports.roundFunderReportXlsx': method(
    'The funder report as xlsx (numeric cells with a NOK format).',
    z.object({ roundId: id('Tildelingsrunde') }),
    FileOutputSchema,
  ),
  // ============================================================== year-end close (issue 5)
  'yearEnd.overview': method(
    'The year-end checklist of a fiscal year: every grant with money in the year, open items, status and its close/reopen events.',
    z.object({ year: fiscalYear() }),
    YearEndOverviewSchema,
  ),
  'yearEnd.decideBalance': method(
    'Records what happens to a grant’s closing balance: carried forward (with the funder’s approval), to be repaid, or explained.',
    DecideBalanceInput,
    YearEndOverviewSchema,
  ),
  'yearEnd.confirmException': method(
    'Accepts one open checklist item for the year as an exception, with a reason.',
    z.object({
      year: fiscalYear(),
      itemKey: requiredText('Punkt i sjekklisten', 200),
      reason: requiredText('Begrunnelse', 1000),
    }),
    YearEndOverviewSchema,
  ),
  'yearEnd.close': method(
    'Closes (locks) the fiscal year after a verified backup; refused while checklist items are open without an exception.',
    z.object({ year: fiscalYear(), reason: optionalText('Merknad', 1000) }),
    YearEndOverviewSchema,
  ),
  'yearEnd.reopen': method(
    'Reopens a closed fiscal year; the reason is required and recorded with the event.',
    z.object({ year: fiscalYear(), reason: requiredText('Begrunnelse', 1000) }),
    YearEndOverviewSchema,
  ),
  'exports.yearWorkbook': method(
    'The accountant’s workbook for a year (Arsavslutning-YYYY.xlsx): Sammendrag, Tildelinger, Administrasjonsandel, Bevegelser, Kontroller.',
    z.object({ year: fiscalYear() }),
    FileExportSchema,
  ),
  'exports.accountingCsv': method(
    'The year’s movements for the accounting system as CSV (;-separated, UTF-8 with BOM, decimal comma).',
    z.object({ year: fiscalYear() }),
    FileExportSchema,
  ),
  'reports.annualProjects': method(
    'The annual report’s project table for a year (Navn, Samarbeidspartner, Tilskuddsyter, Tilskuddsstørrelse), also as HTML.',
    z.object({ year: fiscalYear('År') }),
    AnnualProjectsSchema,
  ),
  'reports.annualProjectsXlsx': method(
    'The annual report’s project table as xlsx.',
    z.object({ year: fiscalYear('År') }),
    FileExportSchema,
  ),
  'reports.annualMembers': method(
    'The annual report’s member table on 31 December with the summary sentence, also as HTML.',
    z.object({ year: fiscalYear('År') }),
    AnnualMembersSchema,
  ),
  'reports.annualMembersXlsx': method(
    'The annual report’s member table and summary as xlsx.',
    z.object({ year: fiscalYear('År') }),
    FileExportSchema,
  ),
  'settings.getAccounts': method(
    'Account codes used in the accounting export, with their NS 4102 defaults.',
    z.object({}).prefault({}),
    z.array(AccountSettingSchema),
  ),
  'settings.setAccounts': method(
    'Changes one or more account codes (4–6 digits); the change is logged.',
    SetAccountsInput,
    z.array(AccountSettingSchema),
  ),
  // ============================================================== end of year-end close
  // ============================================================== import from Excel/CSV (issue 6)
  'import.preview': method(
    'Reads a CSV or xlsx file and shows every row as it would be imported, with its problems; writes nothing.',
    ImportPreviewInput,
    ImportPreviewSchema,
  ),
  'import.commit': method(
    'Imports a previewed file after a backup, all rows in one transaction; refused on any problem or an unexplained re-import.',
    ImportCommitInput,
    ImportResultSchema,
  ),
  'import.list': method(
    'Files imported so far, newest first.',
    z.object({}).prefault({}),
    z.array(ImportRecordSchema),
  ),
  // ============================================================== end of import
} as const;

export type Contract = typeof contract;
export type Method = keyof Contract;
/** What a caller sends (before defaults and transforms). */
export type Input<M extends Method> = z.input<Contract[M]['input']>;
/** What a handler receives (after validation). */
export type ParsedInput<M extends Method> = z.output<Contract[M]['input']>;
export type Output<M extends Method> = z.output<Contract[M]['output']>;

export const METHODS = Object.keys(contract) as Method[];

export function isMethod(name: string): name is Method {
  return Object.prototype.hasOwnProperty.call(contract, name);
}
