/**
 * Organisations (one row per organisation, whatever roles it has) and the funder role.
 * A member centre that is also a funder or a partner stays one organisation.
 */
import { count, eq, sql } from 'drizzle-orm';
import { funderContacts, funders, grants, memberCentres, organisations } from '../../db/schema';
import type {
  FunderContact,
  FunderSummary,
  Organisation,
  Output,
  ParsedInput,
} from '../../src-shared/api/contract';
import { conflict, notFound } from '../../src-shared/api/errors';
import { yearOf } from '../../src-shared/kernel/dates';
import { nameKey, recordChange, type ServiceContext } from '../platform/context';
import { assertNameFree } from '../platform/records';
import { receivedByYear, splitsByGrant } from '../grants/ledger-years';
import {
  byName,
  createGrantModel,
  grantYears,
  NAME_ORDER,
  type GrantRecord,
} from '../grants/queries';

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
        const now = ctx.clock.nowMs();
        const org = db
          .insert(organisations)
          .values({
            name: input.name,
            nameKey: nameKey(input.name),
            orgNumber: input.orgNumber,
            website: input.website,
            notes: input.notes,
            createdAtMs: now,
            updatedAtMs: now,
          })
          .returning()
          .get();
        recordChange(ctx, {
          entity: 'organisation',
          entityId: org.id,
          action: 'create',
          after: orgAuditView(org),
        });
        return organisationById(ctx, org.id);
      });
    },
  };
}

export type OrganisationsService = ReturnType<typeof createOrganisationsService>;

type OrgRecord = typeof organisations.$inferSelect;

function orgAuditView(o: OrgRecord) {
  const { createdAtMs: _c, updatedAtMs: _u, nameKey: _k, ...rest } = o;
  return rest;
}

/** The year a grant's application belongs to: its edition, its period start, or its dates. */
function primaryYear(g: GrantRecord): number | null {
  if (g.editionYear !== null) return g.editionYear;
  const date = g.periodFrom ?? g.appliedDate ?? g.decisionDate;
  return date ? yearOf(date) : null;
}

export function createFundersService(ctx: ServiceContext) {
  const { db } = ctx;
  const model = createGrantModel(ctx);

  function selectFunders() {
    return db
      .select({
        id: organisations.id,
        name: organisations.name,
        funderType: funders.funderType,
        orgNumber: organisations.orgNumber,
        website: organisations.website,
        notes: organisations.notes,
      })
      .from(funders)
      .innerJoin(organisations, eq(organisations.id, funders.organisationId));
  }

  function grantTotals(): Map<number, { n: number; awarded: number }> {
    const rows = db
      .select({
        funderId: grants.funderId,
        n: count(),
        awarded: sql<number>`coalesce(sum(${grants.awardedOre}), 0)`,
      })
      .from(grants)
      .groupBy(grants.funderId)
      .all();
    return new Map(rows.map((r) => [r.funderId, { n: r.n, awarded: r.awarded }]));
  }

  function summary(id: number): FunderSummary & { notes: string | null } {
    const row = selectFunders().where(eq(funders.organisationId, id)).get();
    if (!row) throw notFound(`Fant ikke tilskuddsyteren (id ${id}).`);
    const totals = grantTotals().get(id);
    return { ...row, grantCount: totals?.n ?? 0, awardedTotalOre: totals?.awarded ?? 0 };
  }

  function toSummary(s: FunderSummary & { notes: string | null }): FunderSummary {
    const { notes: _n, ...rest } = s;
    return rest;
  }

  function contact(id: number): FunderContact {
    const c = db
      .select({
        id: funderContacts.id,
        funderId: funderContacts.funderId,
        name: funderContacts.name,
        role: funderContacts.role,
        email: funderContacts.email,
        phone: funderContacts.phone,
      })
      .from(funderContacts)
      .where(eq(funderContacts.id, id))
      .get();
    if (!c) throw notFound(`Fant ikke kontaktpersonen (id ${id}).`);
    return c;
  }

  return {
    /** Funders with their number of grants and total awarded. */
    list(input: ParsedInput<'funders.list'>): FunderSummary[] {
      const needle = input.search ? nameKey(input.search) : null;
      const totals = grantTotals();
      return selectFunders()
        .all()
        .sort(byName)
        .filter((f) => (input.funderType ? f.funderType === input.funderType : true))
        .filter((f) => (needle ? nameKey(f.name).includes(needle) : true))
        .map((f) => {
          const t = totals.get(f.id);
          return toSummary({ ...f, grantCount: t?.n ?? 0, awardedTotalOre: t?.awarded ?? 0 });
        });
    },

    /**
     * One funder with contacts, grants and a year table. Applied counts in the grant's
     * edition year (else the year its period starts, else its application or decision
     * date), awarded follows the grant's year split, received follows the movement dates.
     */
    get(input: ParsedInput<'funders.get'>): Output<'funders.get'> {
      const s = summary(input.id);
      const contacts = db
        .select({
          id: funderContacts.id,
          funderId: funderContacts.funderId,
          name: funderContacts.name,
          role: funderContacts.role,
          email: funderContacts.email,
          phone: funderContacts.phone,
        })
        .from(funderContacts)
        .where(eq(funderContacts.funderId, input.id))
        .all()
        .sort(byName);
      const rows = model.rows(eq(grants.funderId, input.id));
      const byYear = new Map<
        number,
        { appliedOre: number; awardedOre: number; awardedConfirmed: boolean; receivedOre: number }
      >();
      const bucket = (y: number) => {
        let b = byYear.get(y);
        if (!b) {
          b = { appliedOre: 0, awardedOre: 0, awardedConfirmed: true, receivedOre: 0 };
          byYear.set(y, b);
        }
        return b;
      };
      const ids = rows.map((g) => g.id);
      const ledgers = receivedByYear(db, ids);
      const splits = splitsByGrant(db, ids);
      for (const g of rows) {
        const ledger = ledgers.get(g.id) ?? [];
        const split = splits.get(g.id) ?? [];
        for (const y of grantYears(g, ledger, split)) bucket(y);
        const primary = primaryYear(g);
        if (primary !== null) {
          bucket(primary).appliedOre += g.appliedOre ?? 0;
          if (split.length === 0) bucket(primary).awardedOre += g.awardedOre ?? 0;
        }
        for (const part of split) {
          bucket(part.year).awardedOre += part.amountOre;
          if (!part.confirmed) bucket(part.year).awardedConfirmed = false;
        }
        for (const e of ledger) {
          if (e.type === 'received') bucket(yearOf(e.date)).receivedOre += e.amountOre;
        }
      }
      const years = [...byYear.entries()]
        .sort(([a], [b]) => a - b)
        .map(([year, v]) => ({ year, ...v }));
      const grantList = model.summariesOf(rows).sort(byYearThenTitle);
      return { ...toSummary(s), notes: s.notes, contacts, years, grants: grantList };
    },

    /**
     * Registers a funder. When an organisation of that name exists (e.g. a member centre),
     * it gets the funder role instead of a duplicate; missing details are filled in, but a
     * different organisation number is refused rather than overwritten.
     */
    create(input: ParsedInput<'funders.create'>): FunderSummary {
      return db.transaction(() => {
        const now = ctx.clock.nowMs();
        const existing = db
          .select()
          .from(organisations)
          .where(eq(organisations.nameKey, nameKey(input.name)))
          .get();
        let orgId: number;
        if (existing) {
          const already = db
            .select()
            .from(funders)
            .where(eq(funders.organisationId, existing.id))
            .get();
          if (already) {
            throw conflict(`«${existing.name}» er allerede registrert som tilskuddsyter.`, [
              { path: 'name', message: `Navn: «${existing.name}» er allerede tilskuddsyter.` },
            ]);
          }
          if (existing.orgNumber && input.orgNumber && existing.orgNumber !== input.orgNumber) {
            throw conflict(
              `«${existing.name}» er registrert med organisasjonsnummer ${existing.orgNumber}, ikke ${input.orgNumber}.`,
              [
                {
                  path: 'orgNumber',
                  message: `Organisasjonsnummer: «${existing.name}» har ${existing.orgNumber}.`,
                },
              ],
            );
          }
          const patch = {
            orgNumber: existing.orgNumber ?? input.orgNumber,
            website: existing.website ?? input.website,
            notes: existing.notes ?? input.notes,
          };
          if (
            patch.orgNumber !== existing.orgNumber ||
            patch.website !== existing.website ||
            patch.notes !== existing.notes
          ) {
            const after = db
              .update(organisations)
              .set({ ...patch, updatedAtMs: now })
              .where(eq(organisations.id, existing.id))
              .returning()
              .get();
            recordChange(ctx, {
              entity: 'organisation',
              entityId: existing.id,
              action: 'update',
              before: orgAuditView(existing),
              after: orgAuditView(after),
              reason: 'Registrert som tilskuddsyter.',
            });
          }
          orgId = existing.id;
        } else {
          const org = db
            .insert(organisations)
            .values({
              name: input.name,
              nameKey: nameKey(input.name),
              orgNumber: input.orgNumber,
              website: input.website,
              notes: input.notes,
              createdAtMs: now,
              updatedAtMs: now,
            })
            .returning()
            .get();
          recordChange(ctx, {
            entity: 'organisation',
            entityId: org.id,
            action: 'create',
            after: orgAuditView(org),
          });
          orgId = org.id;
        }
        db.insert(funders).values({ organisationId: orgId, funderType: input.funderType }).run();
        const created = summary(orgId);
        recordChange(ctx, { entity: 'funder', entityId: orgId, action: 'create', after: created });
        return toSummary(created);
      });
    },

    /** Changes a funder's details (the organisation's name, number, website, notes, and type). */
    update(input: ParsedInput<'funders.update'>): FunderSummary {
      return db.transaction(() => {
        const before = summary(input.id);
        assertOrganisationNameFree(ctx, input.name, input.id);
        db.update(organisations)
          .set({
            name: input.name,
            nameKey: nameKey(input.name),
            orgNumber: input.orgNumber,
            website: input.website,
            notes: input.notes,
            updatedAtMs: ctx.clock.nowMs(),
          })
          .where(eq(organisations.id, input.id))
          .run();
        db.update(funders)
          .set({ funderType: input.funderType })
          .where(eq(funders.organisationId, input.id))
          .run();
        const after = summary(input.id);
        recordChange(ctx, {
          entity: 'funder',
          entityId: input.id,
          action: 'update',
          before,
          after,
        });
        return toSummary(after);
      });
    },

    addContact(input: ParsedInput<'funders.addContact'>): FunderContact {
      return db.transaction(() => {
        summary(input.funderId);
        const row = db
          .insert(funderContacts)
          .values({
            funderId: input.funderId,
            name: input.name,
            role: input.role,
            email: input.email,
            phone: input.phone,
            createdAtMs: ctx.clock.nowMs(),
          })
          .returning({ id: funderContacts.id })
          .get();
        const created = contact(row.id);
        recordChange(ctx, {
          entity: 'funder_contact',
          entityId: row.id,
          action: 'create',
          after: created,
        });
        return created;
      });
    },

    removeContact(input: ParsedInput<'funders.removeContact'>): { removed: boolean } {
      return db.transaction(() => {
        const before = contact(input.id);
        db.delete(funderContacts).where(eq(funderContacts.id, input.id)).run();
        recordChange(ctx, {
          entity: 'funder_contact',
          entityId: input.id,
          action: 'delete',
          before,
        });
        return { removed: true };
      });
    },
  };
}

export type FundersService = ReturnType<typeof createFundersService>;

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
