/**
 * Organisations: one row per organisation, whatever roles it has (member centre, funder,
 * partner); the funder role is in funders.ts. Names are unique across all organisations.
 */
import { eq } from 'drizzle-orm';
import { funders, memberCentres, organisations } from '../../db/schema';
import type { Organisation, ParsedInput } from '../../src-shared/api/contract';
import { notFound } from '../../src-shared/api/errors';
import { nameKey, type ServiceContext } from '../platform/context';
import { assertNameFree, insertRecorded } from '../platform/records';
import { byName, NAME_ORDER } from '../grants/queries';

/** Refuses a name that another organisation (centre, funder, partner) already has. */
export function assertOrganisationNameFree(ctx: ServiceContext, name: string, exceptId?: number) {
  assertNameFree(
    ctx,
    {
      table: organisations,
      id: organisations.id,
      name: organisations.name,
      nameKey: organisations.nameKey,
    },
    name,
    exceptId,
    (existing) => `Navnet «${existing}» er allerede registrert.`,
  );
}

/** One organisation with its roles; NOT_FOUND when it does not exist. */
export function organisationById(ctx: ServiceContext, id: number): Organisation {
  const row = selectOrganisations(ctx).where(eq(organisations.id, id)).get();
  if (!row) throw notFound(`Fant ikke organisasjonen (id ${id}).`);
  return toOrganisation(row);
}

function selectOrganisations(ctx: ServiceContext) {
  return ctx.db
    .select({
      id: organisations.id,
      name: organisations.name,
      orgNumber: organisations.orgNumber,
      website: organisations.website,
      centreId: memberCentres.organisationId,
      funderId: funders.organisationId,
    })
    .from(organisations)
    .leftJoin(memberCentres, eq(memberCentres.organisationId, organisations.id))
    .leftJoin(funders, eq(funders.organisationId, organisations.id));
}

function toOrganisation(r: {
  id: number;
  name: string;
  orgNumber: string | null;
  website: string | null;
  centreId: number | null;
  funderId: number | null;
}): Organisation {
  return {
    id: r.id,
    name: r.name,
    orgNumber: r.orgNumber,
    website: r.website,
    isCentre: r.centreId !== null,
    isFunder: r.funderId !== null,
  };
}

export function createOrganisationsService(ctx: ServiceContext) {
  const { db } = ctx;
  return {
    /** All organisations, by name, marked with their centre and funder roles. */
    list(input: ParsedInput<'organisations.list'>): Organisation[] {
      const needle = input.search ? nameKey(input.search) : null;
      return selectOrganisations(ctx)
        .all()
        .sort(byName)
        .filter((r) => (needle ? nameKey(r.name).includes(needle) : true))
        .map(toOrganisation);
    },

    /** Registers an organisation with no role yet (a partner); names are unique. */
    create(input: ParsedInput<'organisations.create'>): Organisation {
      return db.transaction(() => {
        assertOrganisationNameFree(ctx, input.name);
        const org = insertOrganisation(ctx, input, ctx.clock.nowMs());
        return organisationById(ctx, org.id);
      });
    },
  };
}

export type OrganisationsService = ReturnType<typeof createOrganisationsService>;

/** Inserts an organisation (no role yet) and logs its «create»; the caller checks the name. */
export function insertOrganisation(
  ctx: ServiceContext,
  input: { name: string; orgNumber: string | null; website: string | null; notes: string | null },
  now: number,
): OrgRecord {
  return insertRecorded(
    ctx,
    organisations,
    {
      name: input.name,
      nameKey: nameKey(input.name),
      orgNumber: input.orgNumber,
      website: input.website,
      notes: input.notes,
      createdAtMs: now,
      updatedAtMs: now,
    },
    { entity: 'organisation', view: orgAuditView },
  );
}

type OrgRecord = typeof organisations.$inferSelect;

/** An organisation as the change log shows it (no timestamps, no name key). */
export function orgAuditView(o: OrgRecord) {
  const { createdAtMs: _c, updatedAtMs: _u, nameKey: _k, ...rest } = o;
  return rest;
}

/** Newest first by the first year a grant touches (grants without years first), then by title. */
export function byYearThenTitle(
  a: { years: number[]; title: string },
  b: { years: number[]; title: string },
): number {
  const ya = a.years[0] ?? Infinity;
  const yb = b.years[0] ?? Infinity;
  if (ya !== yb) return ya === Infinity ? -1 : yb === Infinity ? 1 : yb - ya;
  return NAME_ORDER.compare(a.title, b.title);
}
