/**
 * Contract slice: funder applications — the pipeline (Søknader), priced scenarios, funders'
 * caps (øvre beløpsgrense), next year's edition and the funder's success rates.
 * Assembled with the other slices in src-shared/api/contract.ts.
 */
import { z } from 'zod';
import { isoDateOut, method } from '../api/shapes';
import {
  amountOre,
  id,
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
import { GRANT_STATUSES, KSS_ROLES } from '../grants/rules';
import { KeyFigureTableSchema } from '../keyfigures/contract';
import { REGIONS } from '../registry/centres';
import { APPLICATION_SORTS, CAP_KINDS, MAX_PAGE_SIZE, PIPELINE_STATUSES } from './rules';

const optionalAmount = (label: string) =>
  amountOre(label)
    .nullish()
    .transform((v) => v ?? null);

const optionalId = (label: string) =>
  id(label)
    .nullish()
    .transform((v) => v ?? null);

// ---------------------------------------------------------------- pipeline

export const ApplicationListInput = z
  .object({
    status: oneOf('Status', PIPELINE_STATUSES)
      .nullish()
      .transform((v) => v ?? null),
    funderId: optionalId('Tilskuddsyter'),
    year: year('År')
      .nullish()
      .transform((v) => v ?? null),
    search: optionalText('Søk', 200),
    sort: oneOf('Sortering', APPLICATION_SORTS).default('deadline'),
    /** Null: the column's natural direction (amounts largest first, the rest ascending). */
    dir: sortDir()
      .nullish()
      .transform((v) => v ?? null),
    page: pageNumber(),
    pageSize: pageSize(MAX_PAGE_SIZE, 50),
  })
  .default({
    status: null,
    funderId: null,
    year: null,
    search: null,
    sort: 'deadline',
    dir: null,
    page: 1,
    pageSize: 50,
  });

export const ApplicationRowSchema = z.object({
  grantId: z.number().int(),
  title: z.string(),
  status: z.enum(GRANT_STATUSES),
  /** The application's year: edition year, else the deadline's, applied or decision year. */
  year: z.number().int().nullable(),
  deadline: isoDateOut.nullable(),
  funderId: z.number().int(),
  funderName: z.string(),
  schemeName: z.string().nullable(),
  projectId: z.number().int(),
  projectName: z.string(),
  kssRole: z.enum(KSS_ROLES),
  appliedOre: z.number().int().nullable(),
  awardedOre: z.number().int().nullable(),
  decisionDate: isoDateOut.nullable(),
  scenarioCount: z.number().int(),
  chosenScenarioId: z.number().int().nullable(),
  chosenScenarioName: z.string().nullable(),
  chosenScenarioOre: z.number().int().nullable(),
  allowedTransitions: z.array(z.enum(GRANT_STATUSES)),
});
export type ApplicationRow = z.infer<typeof ApplicationRowSchema>;

export const ApplicationStatusTotalSchema = z.object({
  status: z.enum(PIPELINE_STATUSES),
  count: z.number().int(),
  appliedOre: z.number().int(),
  awardedOre: z.number().int(),
});

export const ApplicationListSchema = z.object({
  rows: z.array(ApplicationRowSchema),
  /** Per status, over every row the filters match (not only this page). */
  totals: z.array(ApplicationStatusTotalSchema),
  ...pagedFields,
  pageCount: z.number().int(),
  /** Decided applications are shown when the decision date is on or after this date. */
  decidedSince: isoDateOut,
});
export type ApplicationList = z.infer<typeof ApplicationListSchema>;

// ---------------------------------------------------------------- scenarios and caps

export const CapSchema = z.object({
  id: z.number().int(),
  funderId: z.number().int(),
  funderName: z.string(),
  kind: z.enum(CAP_KINDS),
  year: z.number().int().nullable(),
  schemeName: z.string().nullable(),
  amountOre: z.number().int(),
  note: z.string().nullable(),
});
export type Cap = z.infer<typeof CapSchema>;

export const ScenarioSchema = z.object({
  id: z.number().int(),
  grantId: z.number().int(),
  name: z.string(),
  amountOre: z.number().int().nullable(),
  description: z.string().nullable(),
  chosen: z.boolean(),
  /** Norwegian warning when the amount is over the binding cap; null when within. */
  capWarning: z.string().nullable(),
});
export type Scenario = z.infer<typeof ScenarioSchema>;

/** The budget lines she enters for the pack (not stored): label and amount in øre. */
export const ApplicationPackInput = z.object({
  grantId: id('Søknad'),
  budgetLines: z
    .array(z.object({ label: requiredText('Budsjettpost', 200), amountOre: amountOre('Beløp') }), {
      error: 'Budsjettlinjene må være en liste.',
    })
    .max(100, 'Søknadspakken kan ha høyst 100 budsjettlinjer.')
    .default([]),
});
export type ApplicationPackInput = z.input<typeof ApplicationPackInput>;

export const ApplicationSchema = z.object({
  grantId: z.number().int(),
  title: z.string(),
  status: z.enum(GRANT_STATUSES),
  year: z.number().int().nullable(),
  deadline: isoDateOut.nullable(),
  funderId: z.number().int(),
  funderName: z.string(),
  schemeName: z.string().nullable(),
  projectId: z.number().int(),
  projectName: z.string(),
  projectRecurring: z.boolean(),
  appliedOre: z.number().int().nullable(),
  awardedOre: z.number().int().nullable(),
  scenarios: z.array(ScenarioSchema),
  /** Caps that apply to this application (per scheme, per the application's year). */
  caps: z.array(CapSchema),
  /** The lowest applicable cap, or null. */
  capOre: z.number().int().nullable(),
  /** Every cap warning: scenarios and the applied amount over the cap. */
  warnings: z.array(z.string()),
  /** For a decided application with a chosen scenario: award − scenario amount. */
  awardDifferenceOre: z.number().int().nullable(),
  participants: z.array(z.object({ centreId: z.number().int(), name: z.string() })),
  /** Next year's edition, when it exists. */
  nextYearGrantId: z.number().int().nullable(),
  /** The edition this one was made from (same funder, scheme and project, year − 1). */
  previousYearGrantId: z.number().int().nullable(),
});
export type Application = z.infer<typeof ApplicationSchema>;

const scenarioFields = {
  name: requiredText('Navn på scenario', 200),
  amountOre: optionalAmount('Beløp'),
  description: optionalText('Beskrivelse', 4000),
};
export const ScenarioAddInput = z.object({ grantId: id('Søknad'), ...scenarioFields });
export const ScenarioUpdateInput = z.object({ id: id('Scenario'), ...scenarioFields });
export const ScenarioChooseInput = z.object({
  grantId: id('Søknad'),
  scenarioId: optionalId('Scenario'),
});
export const CapSetInput = z
  .object({
    funderId: id('Tilskuddsyter'),
    kind: oneOf('Type grense', CAP_KINDS),
    year: year('År')
      .nullish()
      .transform((v) => v ?? null),
    schemeName: optionalText('Tilskuddsordning', 200),
    amountOre: amountOre('Øvre beløpsgrense'),
    note: optionalText('Merknad', 1000),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'year' && v.year === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['year'],
        message: 'År må fylles ut for en grense per år.',
      });
    }
    if (v.kind === 'scheme' && v.schemeName === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['schemeName'],
        message: 'Tilskuddsordning må fylles ut for en grense per ordning.',
      });
    }
  });

export const NextYearSchema = z.object({
  application: ApplicationSchema,
  /** What was copied, in Norwegian, one line each (shown to the user). */
  copied: z.array(z.string()),
});

// ---------------------------------------------------------------- funder page

export const FunderApplicationsSchema = z.object({
  funderId: z.number().int(),
  /** Per year: sent applications, decided ones, awarded ones; rates in basis points. */
  successByYear: z.array(
    z.object({
      year: z.number().int(),
      appliedCount: z.number().int(),
      appliedOre: z.number().int(),
      pendingCount: z.number().int(),
      decidedCount: z.number().int(),
      decidedAppliedOre: z.number().int(),
      awardedCount: z.number().int(),
      awardedOre: z.number().int(),
      /** awarded / decided, count; null when nothing is decided. */
      countRateBp: z.number().int().nullable(),
      /** awarded amount / applied amount of the decided applications; null when none. */
      amountRateBp: z.number().int().nullable(),
    }),
  ),
  lastDecisions: z.array(
    z.object({
      grantId: z.number().int(),
      title: z.string(),
      projectName: z.string(),
      status: z.enum(GRANT_STATUSES),
      decisionDate: isoDateOut,
      appliedOre: z.number().int().nullable(),
      awardedOre: z.number().int().nullable(),
    }),
  ),
  caps: z.array(CapSchema),
  /** Application deadlines of open applications, and reports owed to the funder. */
  deadlines: z.array(
    z.object({
      grantId: z.number().int(),
      title: z.string(),
      date: isoDateOut,
      kind: z.enum(['application', 'report']),
      what: z.string(),
      done: z.boolean(),
    }),
  ),
});
export type FunderApplications = z.infer<typeof FunderApplicationsSchema>;

// ---------------------------------------------------------------- pack (print view)

/** The pack's content as data, for the print-friendly page (the same data as the .docx). */
export const PackViewSchema = z.object({
  application: ApplicationSchema,
  /** The application's year (or this year when it has none). */
  year: z.number().int(),
  project: z.object({
    name: z.string(),
    description: z.string().nullable(),
    kssRole: z.enum(KSS_ROLES),
  }),
  partners: z.array(z.object({ name: z.string(), role: z.string().nullable() })),
  /** This funder's grants to the project in the three years before the application's year. */
  history: z.array(
    z.object({
      year: z.number().int(),
      title: z.string(),
      status: z.enum(GRANT_STATUSES),
      appliedOre: z.number().int().nullable(),
      awardedOre: z.number().int().nullable(),
    }),
  ),
  keyFigures: KeyFigureTableSchema,
  /** Null unless KSS is forvalter: then the previous year's awards to centres per region. */
  lastYear: z
    .array(
      z.object({
        region: z.enum(REGIONS),
        centres: z.number().int(),
        awardedOre: z.number().int(),
        reports: z.number().int(),
        spentOre: z.number().int(),
        participants: z.number().int(),
      }),
    )
    .nullable(),
  /** The day the view was made (the .docx says «Laget …» too). */
  today: isoDateOut,
});
export type PackView = z.infer<typeof PackViewSchema>;

export const applicationsMethods = {
  'applications.list': method(
    'The pipeline: open applications and those decided in the last 12 months, paged, with totals per status.',
    ApplicationListInput,
    ApplicationListSchema,
  ),
  'applications.get': method(
    'One application with its scenarios, the caps that apply, warnings and intended participants.',
    z.object({ grantId: id('Søknad') }),
    ApplicationSchema,
  ),
  'applications.setDeadline': method(
    'Sets or clears the application deadline (søknadsfrist).',
    z.object({ grantId: id('Søknad'), deadline: optionalIsoDate('Søknadsfrist') }),
    ApplicationSchema,
  ),
  'applications.addScenario': method(
    'Adds a priced scenario; an amount over the cap answers with a warning, not a refusal.',
    ScenarioAddInput,
    ApplicationSchema,
  ),
  'applications.updateScenario': method(
    'Changes a scenario’s name, amount or description.',
    ScenarioUpdateInput,
    ApplicationSchema,
  ),
  'applications.removeScenario': method(
    'Removes a scenario.',
    z.object({ id: id('Scenario') }),
    ApplicationSchema,
  ),
  'applications.chooseScenario': method(
    'Marks one scenario as chosen (after the decision: the one awarded), or none.',
    ScenarioChooseInput,
    ApplicationSchema,
  ),
  'applications.caps': method(
    'The caps (øvre beløpsgrense) of one funder, or of every funder.',
    z.object({ funderId: optionalId('Tilskuddsyter') }).default({ funderId: null }),
    z.array(CapSchema),
  ),
  'applications.setCap': method(
    'Sets a funder’s cap per year or per scheme (replaces the one with the same key).',
    CapSetInput,
    CapSchema,
  ),
  'applications.removeCap': method(
    'Removes a cap.',
    z.object({ id: id('Beløpsgrense') }),
    z.object({ removed: z.number().int() }),
  ),
  'applications.createNextYear': method(
    'Creates next year’s edition of a recurring project’s application from this one, without any amounts.',
    z.object({ grantId: id('Søknad') }),
    NextYearSchema,
  ),
  'applications.funderOverview': method(
    'A funder’s success rate per year, last decisions, caps and deadlines.',
    z.object({ funderId: id('Tilskuddsyter') }),
    FunderApplicationsSchema,
  ),
  'applications.pack': method(
    'The application pack as a Word document (.docx): project, partners, history with the funder, key figures, last year’s result, scenarios and budget.',
    ApplicationPackInput,
    z.object({ fileName: z.string(), contentBase64: z.string() }),
  ),
  'applications.packView': method(
    'The application pack’s content as data for the print-friendly page: the same parts as the .docx (budget lines are typed on the page).',
    z.object({ grantId: id('Søknad') }),
    PackViewSchema,
  ),
} as const;
