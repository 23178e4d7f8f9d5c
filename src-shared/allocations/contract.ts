/**
 * Contract slice: Sub-allocation rounds: applications from centres, decisions, payouts, centre reports and the funder report.
 * Assembled with the other slices in src-shared/api/contract.ts.
 */
import { z } from 'zod';
import { FileSchema, isoDateOut, method } from '../api/shapes';
import { REPORT_STATUSES } from './rules';
import {
  amountOre,
  id,
  isoDate,
  oneOf,
  optionalIsoDate,
  optionalText,
  requiredText,
  pageNumber,
  pageSize,
  sortDir,
  pagedFields,
} from '../api/fields';
import { REGIONS } from '../registry/centres';

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

export const roundEditable = {
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
  /** For a grant awarded in EUR: the award and what came in, in both currencies (issue 10.8). */
  eur: z
    .object({
      awardedOre: z.number().int().nullable(),
      awardedEurCents: z.number().int().nullable(),
      receivedOre: z.number().int(),
      receivedEurCents: z.number().int(),
    })
    .nullable(),
});
export type FunderReport = z.infer<typeof FunderReportSchema>;

/** The centres a round offers: members at any time in the round's period, and those already in it. */
export const RoundEligibilitySchema = z.object({
  /** The round's period, from its own activity period or else its grant's (see `basis`). */
  from: isoDateOut,
  to: isoDateOut,
  basis: z.enum(['round', 'grantActivity', 'grantPeriod', 'editionYear', 'today']),
  centres: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      region: z.enum(REGIONS),
      /** Member on at least one day of the period. */
      isMember: z.boolean(),
      /** End of the membership that overlaps the period, if an end is set. */
      leftDate: isoDateOut.nullable(),
      /** Already has an application in the round (shown even when not a member then). */
      inRound: z.boolean(),
    }),
  ),
});
export type RoundEligibility = z.infer<typeof RoundEligibilitySchema>;

/** Columns `rounds.list` sorts by; «newest» (the default) is the order rounds were opened in. */
export const ROUND_SORTS = [
  'newest',
  'name',
  'grantTitle',
  'applicationDeadline',
  'centreCount',
  'potOre',
  'appliedTotalOre',
  'awardedTotalOre',
  'paidTotalOre',
  'remainingOre',
] as const;
export type RoundSort = (typeof ROUND_SORTS)[number];
/** The largest page `rounds.list` answers. */
export const ROUND_MAX_PAGE_SIZE = 200;
export const RoundListInput = z
  .object({
    grantId: id('Tilskudd').nullish(),
    /** Matches the round's name or its grant's title. */
    search: optionalText('Søk', 120),
    sort: oneOf('Sortering', ROUND_SORTS).default('newest'),
    /** Default: descending for «newest», ascending for every other column. */
    dir: sortDir().nullish(),
    page: pageNumber(),
    pageSize: pageSize(ROUND_MAX_PAGE_SIZE, 100),
  })
  .default({ search: null, sort: 'newest', page: 1, pageSize: 100 });

export const allocationsMethods = {
  'rounds.list': method(
    'Allocation rounds, optionally for one grant or matching a text, sorted and paged by the server, with totals over every match.',
    RoundListInput,
    z.object({
      /** One page of the matching rounds, in the order asked for. */
      rows: z.array(RoundSummarySchema),
      /**
       * Sums over every matching round, not only this page. No sum of pots: rounds of one
       * grant share its money, so their pots overlap.
       */
      totals: z.object({
        appliedOre: z.number().int(),
        awardedOre: z.number().int(),
        paidOre: z.number().int(),
        returnedOre: z.number().int(),
      }),
      ...pagedFields,
    }),
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
  'rounds.eligibleCentres': method(
    'The centres a round offers: every centre that was a member at any time in the round’s period (not only today’s members), plus those already in the round.',
    z.object({ roundId: id('Tildelingsrunde') }),
    RoundEligibilitySchema,
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
    FileSchema,
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
  'rounds.funderReport': method(
    'The funder report for a round: per centre awarded, paid, spent, returned, participants.',
    z.object({ roundId: id('Tildelingsrunde') }),
    FunderReportSchema,
  ),
  'rounds.funderReportXlsx': method(
    'The funder report as xlsx (numeric cells with a NOK format).',
    z.object({ roundId: id('Tildelingsrunde') }),
    FileSchema,
  ),
} as const;
