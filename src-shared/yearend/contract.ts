/**
 * Contract slice: Year-end close: checklist, balance decisions, the lock, the accountant's exports, the annual report tables and account codes.
 * Assembled with the other slices in src-shared/api/contract.ts.
 */
import { z } from 'zod';
import type { AccountKey } from './rules';
import { FileSchema, isoDateOut, method } from '../api/shapes';
import { id, oneOf, optionalIsoDate, optionalText, requiredText, year } from '../api/fields';
import { YearBalanceSchema } from '../grants/contract';
import { FUNDER_TYPES, GRANT_STATUSES, KSS_ROLES, MOVEMENT_TYPES } from '../grants/rules';
import { DRIFTSFORMER, REGIONS } from '../registry/centres';
import {
  ACCOUNT_CODE,
  ACCOUNT_KEYS,
  ACCOUNT_SPECS,
  BALANCE_DECISIONS,
  CHECKLIST_KINDS,
  FISCAL_YEAR_ACTIONS,
  FISCAL_YEAR_STATUSES,
} from './rules';

// Årsavslutning, the accountant's workbook and CSV, the annual report's tables and the
// account codes: the schemas of `yearEnd.*`, `exports.*`, `reports.annual*` and
// `settings.*`. Their methods are the last block of `contract` below.

export const fiscalYear = (label = 'Regnskapsår') => year(label);

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

export const yearMoneyFields = {
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
  /** false when the year's part is an unconfirmed suggested split («(forslag)»). */
  awardedForYearConfirmed: z.boolean(),
  /** Invariant 2 of docs/DOMAIN.md for the year: opening + movements by type = closing. */
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

export const PriorYearCorrectionSchema = z.object({
  movementId: z.number().int(),
  grantId: z.number().int(),
  grantTitle: z.string(),
  date: isoDateOut,
  type: z.enum(MOVEMENT_TYPES),
  amountOre: z.number().int(),
  /** The reversal of the earlier year's movement, or the corrected entry that replaces it. */
  kind: z.enum(['reversal', 'corrected_entry']),
  originalId: z.number().int(),
  originalDate: isoDateOut,
  originalAmountOre: z.number().int(),
  reason: z.string().nullable(),
});
export type PriorYearCorrection = z.infer<typeof PriorYearCorrectionSchema>;

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
  /** Corrections dated in this year of movements of an earlier (closed) year. */
  priorYearCorrections: z.array(PriorYearCorrectionSchema),
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

export const memberChange = z.object({ name: z.string(), date: isoDateOut });

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

export const accountCode = (label: string) =>
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

export const yearendMethods = {
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
  'yearEnd.exportWorkbook': method(
    'The accountant’s workbook for a year (Arsavslutning-YYYY.xlsx): Sammendrag, Tildelinger, Administrasjonsandel, Bevegelser, Kontroller.',
    z.object({ year: fiscalYear() }),
    FileSchema,
  ),
  'yearEnd.exportAccountingCsv': method(
    'The year’s movements for the accounting system as CSV (;-separated, UTF-8 with BOM, decimal comma).',
    z.object({ year: fiscalYear() }),
    FileSchema,
  ),
  'annualReport.projects': method(
    'The annual report’s project table for a year (Navn, Samarbeidspartner, Tilskuddsyter, Tilskuddsstørrelse), also as HTML.',
    z.object({ year: fiscalYear('År') }),
    AnnualProjectsSchema,
  ),
  'annualReport.projectsXlsx': method(
    'The annual report’s project table as xlsx.',
    z.object({ year: fiscalYear('År') }),
    FileSchema,
  ),
  'annualReport.members': method(
    'The annual report’s member table on 31 December with the summary sentence, also as HTML.',
    z.object({ year: fiscalYear('År') }),
    AnnualMembersSchema,
  ),
  'annualReport.membersXlsx': method(
    'The annual report’s member table and summary as xlsx.',
    z.object({ year: fiscalYear('År') }),
    FileSchema,
  ),
  'accounts.list': method(
    'Account codes used in the accounting export, with their NS 4102 defaults.',
    z.object({}).prefault({}),
    z.array(AccountSettingSchema),
  ),
  'accounts.set': method(
    'Changes one or more account codes (4–6 digits); the change is logged.',
    SetAccountsInput,
    z.array(AccountSettingSchema),
  ),
} as const;
