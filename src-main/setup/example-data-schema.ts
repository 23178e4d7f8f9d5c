/**
 * The shape of an example dataset file (db/seed/example-2024.json). References between
 * records are by name (funder, project, grant title, centre), never by id, so the file reads
 * like the annual report and stays valid in any database. Field rules (lengths, e-mail,
 * amounts, dates) are the contract's: the loader runs every record through the same zod input
 * schemas and services as the UI.
 */
import { z } from 'zod';

const text = z.string().min(1);
const nullableText = z.string().nullable().optional();
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const ore = z.number().int().nonnegative();

export const DatasetFunder = z.object({
  name: text,
  funderType: text,
  notes: nullableText,
});

export const DatasetPartner = z.object({ name: text, notes: nullableText });

export const DatasetCentre = z.object({
  name: text,
  driftsform: text,
  region: text,
  dailyLeader: z.string().nullable(),
  contactEmail: z.string().nullable(),
  /** Only when the report gives it; never made up. */
  orgNumber: z.string().nullable(),
  memberships: z
    .array(z.object({ joinedDate: date, leftDate: date.nullable(), note: nullableText }))
    .min(1)
    .max(1),
});

export const DatasetProject = z.object({
  name: text,
  /** Name of the measure a sub-project belongs to. */
  parent: z.string().optional(),
  kind: text,
  kssRole: text,
  status: text,
  recurring: z.boolean(),
  recurringSinceYear: z.number().int().optional(),
  startDate: date.optional(),
  endDate: date.optional(),
  description: nullableText,
  partners: z.array(z.object({ name: text, role: nullableText })),
});

export const DatasetGrant = z.object({
  title: text,
  project: text,
  funder: text,
  editionYear: z.number().int().optional(),
  schemeName: nullableText,
  appliedOre: ore.nullable(),
  appliedDate: date.optional(),
  /** Null for a støttepartner grant: tracked, no money through KSS. */
  awardedOre: ore.nullable(),
  decisionDate: date,
  periodFrom: date.optional(),
  periodTo: date.optional(),
  activityFrom: date.optional(),
  activityTo: date.optional(),
  adminRule: text,
  adminBasisPoints: z.number().int().optional(),
  notes: nullableText,
});

export const DatasetMovement = z.object({
  grant: text,
  type: text,
  date,
  amountOre: ore,
  note: nullableText,
});

export const DatasetTransfer = z.object({
  fromGrant: text,
  toGrant: text,
  date,
  amountOre: ore,
  approvalRef: text,
  approvalDate: date,
  note: nullableText,
});

export const DatasetRound = z.object({
  grant: text,
  name: text,
  applicationDeadline: date,
  activityFrom: date,
  activityTo: date,
  reportDeadline: date,
  decisionDate: date,
  /** Pays every award out on this date (movements on the grant's ledger). */
  paidDate: date.nullable(),
  /** The report gives only the total; the split per centre is made up. */
  illustrative: z.boolean(),
  notes: nullableText,
  allocations: z.array(
    z.object({
      centre: text,
      appliedOre: ore,
      awardedOre: ore,
      purpose: nullableText,
      receivedDate: date,
    }),
  ),
});

/**
 * Key figures from the report. Those of a project are loaded as its key figures (see
 * ./example-key-figures.ts); those of KSS as a whole wait for the organisation settings.
 */
export const DatasetKeyFigure = z.object({
  /** The project or measure it belongs to; null for KSS as a whole. */
  project: z.string().min(1).nullable(),
  year: z.number().int(),
  key: text,
  label: text,
  /** A count, or an amount in øre when `unit` is «øre». */
  value: z.number(),
  unit: text,
});

export const ExampleDataset = z.object({
  version: z.literal(1),
  source: text,
  description: text,
  illustrative: z.array(text),
  organisation: z.object({
    name: text,
    shortName: text,
    address: text,
    orgNumber: z.string().nullable(),
  }),
  funders: z.array(DatasetFunder),
  partners: z.array(DatasetPartner),
  centres: z.array(DatasetCentre),
  projects: z.array(DatasetProject),
  grants: z.array(DatasetGrant),
  movements: z.array(DatasetMovement),
  transfers: z.array(DatasetTransfer),
  rounds: z.array(DatasetRound),
  keyFigures: z.array(DatasetKeyFigure),
});
export type ExampleDataset = z.infer<typeof ExampleDataset>;
