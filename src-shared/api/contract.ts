/**
 * The one typed contract: every call the UI can make, keyed `domain.verb`, with a zod
 * input schema (validated in the main process before any handler runs), a zod output
 * schema, and a one-line doc. Both transports (Electron IPC and localhost HTTP) serve
 * exactly this table.
 */
import { z } from 'zod';
import { no } from 'zod/locales';
import { DRIFTSFORMER, REGIONS } from '../domain/centres';
import {
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
