/**
 * Contract slice: The register: member centres and their memberships, organisations, funders and their contacts, projects and measures with partners.
 * Assembled with the other slices in src-shared/api/contract.ts.
 */
import { z } from 'zod';
import { isoDateOut, method } from '../api/shapes';
import {
  id,
  isoDate,
  oneOf,
  optionalEmail,
  optionalIsoDate,
  optionalOrgNumber,
  optionalText,
  pageNumber,
  pageSize,
  requiredText,
  sortDir,
  year,
  pagedFields,
} from '../api/fields';
import { GrantSummarySchema } from '../grants/contract';
import { FUNDER_TYPES, KSS_ROLES, PROJECT_KINDS, PROJECT_STATUSES } from '../grants/rules';
import { DRIFTSFORMER, REGIONS } from './centres';

export const MembershipSchema = z.object({
  id: z.number().int(),
  centreId: z.number().int(),
  joinedDate: isoDateOut,
  leftDate: isoDateOut.nullable(),
  note: z.string().nullable(),
});
export type Membership = z.infer<typeof MembershipSchema>;

export const centreFields = {
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
  /**
   * Member on the reference date of the list (today unless asked otherwise); when the list is
   * filtered to a year (memberInYear) without a date: member on some day of that year.
   */
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

export const centreEditable = {
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

/**
 * Columns `centres.list` sorts by (all ascending by default). Driftsform and region follow
 * their Bokmål labels' alphabetical order; «memberStatus» is member → leaving → former; an
 * empty daily leader or e-mail goes last in both directions; ties by name, then id.
 */
export const CENTRE_SORTS = [
  'name',
  'driftsform',
  'region',
  'dailyLeader',
  'contactEmail',
  'memberStatus',
] as const;
export type CentreSort = (typeof CENTRE_SORTS)[number];
/** The largest page `centres.list` answers. */
export const CENTRE_MAX_PAGE_SIZE = 200;
export const CentreListInput = z
  .object({
    search: optionalText('Søk', 120),
    region: oneOf('Region', REGIONS).nullish(),
    driftsform: oneOf('Driftsform', DRIFTSFORMER).nullish(),
    memberInYear: year('Medlem i år').nullish(),
    /** Reference date for `isMember`; defaults to today. */
    asOf: optionalIsoDate('Dato'),
    sort: oneOf('Sortering', CENTRE_SORTS).default('name'),
    dir: sortDir().nullish(),
    page: pageNumber(),
    pageSize: pageSize(CENTRE_MAX_PAGE_SIZE, 100),
  })
  .default({ search: null, asOf: null, sort: 'name', page: 1, pageSize: 100 });

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

export const funderEditable = {
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

export const projectEditable = {
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

export const registryMethods = {
  'centres.list': method(
    'Member centres, filtered by search text, region, driftsform or membership year, sorted and paged by the server.',
    CentreListInput,
    z.object({
      /** One page of the matching centres, in the order asked for. */
      rows: z.array(CentreSummarySchema),
      ...pagedFields,
    }),
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
          /** false when part of the year's awarded figure is an unconfirmed suggested split. */
          awardedConfirmed: z.boolean(),
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
} as const;
