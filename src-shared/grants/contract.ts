/**
 * Contract slice: Grants through their life-cycle, the append-only movement ledger, and year balances.
 * Assembled with the other slices in src-shared/api/contract.ts.
 */
import { z } from 'zod';
import { isoDateOut, method } from '../api/shapes';
import {
  amountOre,
  id,
  isoDate,
  oneOf,
  optionalIsoDate,
  optionalText,
  requiredText,
  year,
  pageNumber,
  pageSize,
  sortDir,
  pagedFields,
} from '../api/fields';
import {
  ADMIN_RULES,
  DIRECT_MOVEMENT_TYPES,
  GRANT_STATUSES,
  KSS_ROLES,
  MOVEMENT_TYPES,
} from './rules';
import { SPLIT_METHODS } from './year-split';
import { MAX_ABS_ORE } from '../kernel/money';
import { PLAUSIBILITY_KINDS } from './plausibility';

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

export const CURRENCIES = ['NOK', 'EUR'] as const;

export const AwardHistoryEntrySchema = z.object({
  /** null for the original decision (derived from the grant). */
  id: z.number().int().nullable(),
  kind: z.enum(['award', 'correction', 'top_up']),
  decisionDate: isoDateOut.nullable(),
  previousDecisionDate: isoDateOut.nullable(),
  /** The change in the awarded total (the award itself for the first entry). */
  changeOre: z.number().int(),
  totalOre: z.number().int(),
  reference: z.string().nullable(),
  reason: z.string().nullable(),
  createdAtMs: z.number().int().nullable(),
  actor: z.string().nullable(),
});
export type AwardHistoryEntry = z.infer<typeof AwardHistoryEntrySchema>;

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
  /** confirmed: false while the part is the app's suggestion («(forslag)»). */
  yearSplits: z.array(
    z.object({ year: z.number().int(), amountOre: z.number().int(), confirmed: z.boolean() }),
  ),
  /** True when there is no split or every part is confirmed. */
  yearSplitConfirmed: z.boolean(),
  /** The award as the funder's letters tell it: the decision, corrections and top-ups. */
  awardHistory: z.array(AwardHistoryEntrySchema),
  currency: z.enum(CURRENCIES),
  /** For a grant awarded in EUR: the award in euro cents. */
  awardedEurCents: z.number().int().nullable(),
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

export const optionalAmount = (label: string) =>
  amountOre(label)
    .nullish()
    .transform((v) => v ?? null);

export const grantEditable = {
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
  currency: oneOf('Valuta', CURRENCIES)
    .nullish()
    .transform((v) => v ?? 'NOK'),
};
/** On create the admin rule may be left out: the organisation's default share applies. */
export const GrantCreateInput = z.object({
  ...grantEditable,
  adminRule: oneOf('Administrasjonsandel', ADMIN_RULES).optional(),
});
export const GrantUpdateInput = z.object({ id: id('Tilskudd'), ...grantEditable });
export const GrantStatusInput = z.object({
  id: id('Tilskudd'),
  status: oneOf('Status', GRANT_STATUSES),
  awardedOre: optionalAmount('Innvilget beløp'),
  decisionDate: optionalIsoDate('Vedtaksdato'),
  reference: optionalText('Referanse hos tilskuddsyter', 100),
  reason: optionalText('Begrunnelse', 1000),
  awardedEurCents: optionalAmount('Innvilget beløp i euro'),
});
const splitParts = z
  .array(z.object({ year: year('År'), amountOre: amountOre('Beløp for året') }), {
    error: 'Fordeling per år mangler.',
  })
  .max(20, 'Fordeling per år kan ha høyst 20 år.');
export const GrantCorrectAwardInput = z.object({
  id: id('Tilskudd'),
  awardedOre: amountOre('Innvilget beløp'),
  decisionDate: isoDate('Vedtaksdato'),
  reason: requiredText('Begrunnelse', 1000),
  /** The corrected split; omitted: the app suggests one (to be confirmed). */
  splits: splitParts.nullish().transform((v) => v ?? null),
  awardedEurCents: optionalAmount('Innvilget beløp i euro'),
});
export const GrantAwardChangeInput = z.object({
  id: id('Tilskudd'),
  /** The change in øre: positive for a top-up, negative for a reduction. */
  changeOre: z
    .number({ error: 'Endring i innvilget beløp må være et beløp.' })
    .int('Endring i innvilget beløp må være hele øre.')
    .min(-MAX_ABS_ORE, 'Endring i innvilget beløp er for stor.')
    .max(MAX_ABS_ORE, 'Endring i innvilget beløp er for stor.')
    .refine((v) => v !== 0, 'Endring i innvilget beløp kan ikke være 0.'),
  decisionDate: isoDate('Vedtaksdato'),
  reference: optionalText('Referanse hos tilskuddsyter', 100),
  reason: optionalText('Begrunnelse', 1000),
});
export const GrantSuggestSplitInput = z.object({
  id: id('Tilskudd'),
  method: oneOf('Forslag til fordeling', SPLIT_METHODS),
});
export const GrantYearSplitInput = z.object({
  id: id('Tilskudd'),
  splits: z
    .array(z.object({ year: year('År'), amountOre: amountOre('Beløp for året') }), {
      error: 'Fordeling per år mangler.',
    })
    .max(20, 'Fordeling per år kan ha høyst 20 år.'),
});
/** Columns `grants.list` sorts by; «year» is the default: newest first year, then title. */
export const GRANT_SORTS = [
  'year',
  'title',
  'projectName',
  'funderName',
  'status',
  'appliedOre',
  'awardedOre',
  'receivedOre',
] as const;
export type GrantSort = (typeof GRANT_SORTS)[number];
/** The largest page `grants.list` answers. */
export const GRANT_MAX_PAGE_SIZE = 200;
export const GrantListInput = z
  .object({
    year: year('År').nullish(),
    funderId: id('Tilskuddsyter').nullish(),
    projectId: id('Prosjekt').nullish(),
    status: oneOf('Status', GRANT_STATUSES).nullish(),
    kssRole: oneOf('KSS sin rolle', KSS_ROLES).nullish(),
    search: optionalText('Søk', 120),
    sort: oneOf('Sortering', GRANT_SORTS).default('year'),
    /** Default: descending for «year» (newest first), ascending for every other column. */
    dir: sortDir().nullish(),
    page: pageNumber(),
    pageSize: pageSize(GRANT_MAX_PAGE_SIZE, 100),
  })
  .default({ search: null, sort: 'year', page: 1, pageSize: 100 });
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
  /** A corrected entry: the reversed movement it replaces. */
  correctsId: z.number().int().nullable(),
  /** Reason for a correction in a later year, or for going on despite warnings. */
  reason: z.string().nullable(),
  centreId: z.number().int().nullable(),
  /** For a grant in EUR: the euro cents of the movement (amountOre is the NOK booked). */
  amountEurCents: z.number().int().nullable(),
  createdAtMs: z.number().int(),
  actor: z.string(),
});
export type Movement = z.infer<typeof MovementSchema>;
/** A movement in the ledger's order with the grant's balance after it (all earlier ones summed). */
export const LedgerRowSchema = MovementSchema.extend({ balanceOre: z.number().int() });
export type LedgerRow = z.infer<typeof LedgerRowSchema>;
/** The largest page `movements.list` answers (and its default). */
export const MOVEMENT_PAGE_SIZE = 200;
export const MovementListInput = z.object({
  grantId: id('Tilskudd'),
  page: pageNumber(),
  pageSize: pageSize(MOVEMENT_PAGE_SIZE, MOVEMENT_PAGE_SIZE),
});

export const movementCommon = {
  date: isoDate('Dato'),
  amountOre: amountOre('Beløp', 1),
  voucherRef: optionalText('Bilagsnummer', 60),
  note: optionalText('Merknad', 2000),
};
/** Going on despite plausibility warnings: the flag, and the reason kept with the movement. */
export const acknowledgeFields = {
  acknowledgeWarnings: z
    .boolean({ error: 'Bekreft advarslene må være ja eller nei.' })
    .nullish()
    .transform((v) => v ?? false),
  reason: optionalText('Begrunnelse', 1000),
};
export const MovementRecordInput = z.object({
  grantId: id('Tilskudd'),
  type: oneOf('Type bevegelse', DIRECT_MOVEMENT_TYPES),
  ...movementCommon,
  amountEurCents: optionalAmount('Beløp i euro'),
  ...acknowledgeFields,
});
export const MovementCheckInput = z.object({
  grantId: id('Tilskudd'),
  type: oneOf('Type bevegelse', DIRECT_MOVEMENT_TYPES),
  date: isoDate('Dato'),
  amountOre: amountOre('Beløp', 1),
});
export const PlausibilityWarningSchema = z.object({
  kind: z.enum(PLAUSIBILITY_KINDS),
  /** Norwegian sentence naming the amounts. */
  message: z.string(),
  /** How much the figure is above what it may be. */
  excessOre: z.number().int(),
});
export type PlausibilityWarning = z.infer<typeof PlausibilityWarningSchema>;
export const MovementTransferInput = z.object({
  fromGrantId: id('Fra tilskudd'),
  toGrantId: id('Til tilskudd'),
  ...movementCommon,
  approvalRef: requiredText('Godkjenning fra tilskuddsyter (referanse)', 200),
  approvalDate: isoDate('Godkjent dato'),
});
export const MovementReverseInput = z.object({
  id: id('Bevegelse'),
  /** Defaults to the original's date (or, in the first open year, its first day / today). */
  date: optionalIsoDate('Dato for korrigering'),
  reason: requiredText('Begrunnelse', 1000),
  /** The original's year is closed: correct it in the first open year instead. */
  inFirstOpenYear: z
    .boolean({ error: 'Korriger i første åpne år må være ja eller nei.' })
    .nullish()
    .transform((v) => v ?? false),
  /** The right amount: records the corrected entry (same type) with the reversal. */
  correctedAmountOre: amountOre('Riktig beløp', 1)
    .nullish()
    .transform((v) => v ?? null),
  acknowledgeWarnings: acknowledgeFields.acknowledgeWarnings,
});
export const CorrectionRuleSchema = z.object({
  movementId: z.number().int(),
  originalDate: isoDateOut,
  originalYear: z.number().int(),
  /** The original's year is open: the reversal is dated in it. */
  originalYearOpen: z.boolean(),
  /** The first year after the original's that is open (for a correction in a later year). */
  firstOpenYear: z.number().int(),
  /** The date the dialog proposes. */
  proposedDate: isoDateOut,
  /** A corrected entry may be recorded with the reversal (not for transfers and payouts). */
  canRecordCorrectedEntry: z.boolean(),
});

export const grantsMethods = {
  'grants.list': method(
    'Grants filtered by year, funder, project, status, KSS role or text, sorted and paged by the server, with totals over every match.',
    GrantListInput,
    z.object({
      /** One page of the matching grants, in the order asked for. */
      rows: z.array(GrantSummarySchema),
      /** Sums over every matching grant, not only this page. */
      totals: z.object({
        appliedOre: z.number().int(),
        awardedOre: z.number().int(),
        receivedOre: z.number().int(),
      }),
      ...pagedFields,
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
  'grants.correctAward': method(
    'Corrects the awarded amount, decision date and year split of an awarded grant, with a reason.',
    GrantCorrectAwardInput,
    GrantSchema,
  ),
  'grants.addAwardChange': method(
    'Records a later award change (top-up or reduction) with its own decision date and reference.',
    GrantAwardChangeInput,
    GrantSchema,
  ),
  'grants.suggestYearSplit': method(
    'A suggested year split (by activity days or all in the decision year); nothing is stored.',
    GrantSuggestSplitInput,
    z.array(z.object({ year: z.number().int(), amountOre: z.number().int() })),
  ),
  'grants.confirmYearSplit': method(
    'Confirms the grant’s suggested year split as it stands.',
    z.object({ id: id('Tilskudd') }),
    GrantSchema,
  ),
  'grants.addDeadline': method('Adds a reporting deadline.', GrantDeadlineInput, GrantSchema),
  'grants.completeDeadline': method(
    'Marks a reporting deadline as delivered.',
    z.object({ id: id('Frist'), doneDate: isoDate('Levert dato') }),
    GrantSchema,
  ),

  'movements.list': method(
    'One page of the grant’s ledger, oldest first (date, then id), with transfer and reversal links and the balance after each movement; the count and sums are over the whole ledger. A page past the end has no rows.',
    MovementListInput,
    z.object({
      /** The page's movements, each with the grant's balance after it. */
      rows: z.array(LedgerRowSchema),
      /** Over the whole ledger: money in, money out (net of reversals) and the balance. */
      totals: z.object({
        inOre: z.number().int(),
        outOre: z.number().int(),
        balanceOre: z.number().int(),
      }),
      ...pagedFields,
    }),
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

  'movements.check': method(
    'Plausibility warnings a movement would raise (received above award, admin share above the rule, payouts above the decision, a negative year-end balance).',
    MovementCheckInput,
    z.object({ warnings: z.array(PlausibilityWarningSchema) }),
  ),
  'movements.transferTargets': method(
    'The grants money may be transferred to from a grant: every other awarded grant, by title (id, title and funder only).',
    z.object({ grantId: id('Tilskudd') }),
    z.array(z.object({ id: z.number().int(), title: z.string(), funderName: z.string() })),
  ),
  'movements.correctionRule': method(
    'How a movement may be corrected: in its own year when open, else in the first open year with a reason.',
    z.object({ id: id('Bevegelse') }),
    CorrectionRuleSchema,
  ),

  'balances.forGrant': method(
    'Year-by-year balances of one grant (invariant 2 of docs/DOMAIN.md).',
    z.object({
      grantId: id('Tilskudd'),
      fromYear: year('Fra år').nullish(),
      toYear: year('Til år').nullish(),
    }),
    z.array(YearBalanceSchema),
  ),
} as const;
