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
