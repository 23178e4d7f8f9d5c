/**
 * The funder role of an organisation (tilskuddsytere): funders with their contacts, grants
 * and a year table. A funder that is also a member centre or a partner stays one
 * organisation (organisations.ts). Every change goes to the change log in the same
 * transaction (invariant 6 of docs/DOMAIN.md).
 */
import { count, eq, sql } from 'drizzle-orm';
import { funderContacts, funders, grants, organisations } from '../../db/schema';
import type {
  FunderContact,
  FunderSummary,
  Output,
  ParsedInput,
} from '../../src-shared/api/contract';
import { conflict, notFound } from '../../src-shared/api/errors';
import { yearOf } from '../../src-shared/kernel/dates';
import { nameKey, recordChange, type ServiceContext } from '../platform/context';
import { insertRecorded } from '../platform/records';
import { receivedByYear, splitsByGrant } from '../grants/ledger-years';
import { byName, createGrantModel, grantYears, type GrantRecord } from '../grants/queries';
import {
  assertOrganisationNameFree,
  byYearThenTitle,
  insertOrganisation,
  orgAuditView,
} from './organisations';

type FunderDetail = FunderSummary & { notes: string | null };
type ContactRecord = typeof funderContacts.$inferSelect;
type YearRow = {
  appliedOre: number;
  awardedOre: number;
  awardedConfirmed: boolean;
  receivedOre: number;
};

/** The year a grant's application belongs to: its edition, its period start, or its dates. */
function primaryYear(g: GrantRecord): number | null {
  if (g.editionYear !== null) return g.editionYear;
  const date = g.periodFrom ?? g.appliedDate ?? g.decisionDate;
  return date ? yearOf(date) : null;
}

function selectFunders(ctx: ServiceContext) {
  return ctx.db
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

function grantTotals(ctx: ServiceContext): Map<number, { n: number; awarded: number }> {
  const rows = ctx.db
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

function summary(ctx: ServiceContext, id: number): FunderDetail {
  const row = selectFunders(ctx).where(eq(funders.organisationId, id)).get();
  if (!row) throw notFound(`Fant ikke tilskuddsyteren (id ${id}).`);
  const totals = grantTotals(ctx).get(id);
  return { ...row, grantCount: totals?.n ?? 0, awardedTotalOre: totals?.awarded ?? 0 };
}

function toSummary(s: FunderDetail): FunderSummary {
  const { notes: _n, ...rest } = s;
  return rest;
}

/** A contact as the API and the change log show it. */
function contactView(c: ContactRecord): FunderContact {
  return {
    id: c.id,
    funderId: c.funderId,
    name: c.name,
    role: c.role,
    email: c.email,
    phone: c.phone,
  };
}

const CONTACT_COLUMNS = {
  id: funderContacts.id,
  funderId: funderContacts.funderId,
  name: funderContacts.name,
  role: funderContacts.role,
  email: funderContacts.email,
  phone: funderContacts.phone,
};

function contact(ctx: ServiceContext, id: number): FunderContact {
  const c = ctx.db
    .select(CONTACT_COLUMNS)
    .from(funderContacts)
    .where(eq(funderContacts.id, id))
    .get();
  if (!c) throw notFound(`Fant ikke kontaktpersonen (id ${id}).`);
  return c;
}

/** Funders with their number of grants and total awarded. */
function listFunders(ctx: ServiceContext, input: ParsedInput<'funders.list'>): FunderSummary[] {
  const needle = input.search ? nameKey(input.search) : null;
  const totals = grantTotals(ctx);
  return selectFunders(ctx)
    .all()
    .sort(byName)
    .filter((f) => (input.funderType ? f.funderType === input.funderType : true))
    .filter((f) => (needle ? nameKey(f.name).includes(needle) : true))
    .map((f) => {
      const t = totals.get(f.id);
      return toSummary({ ...f, grantCount: t?.n ?? 0, awardedTotalOre: t?.awarded ?? 0 });
    });
}

/**
 * The year table of a funder's grants: applied counts in the grant's edition year (else the
 * year its period starts, else its application or decision date), awarded follows the
 * grant's year split, received follows the movement dates.
 */
function yearTable(ctx: ServiceContext, rows: GrantRecord[]): ({ year: number } & YearRow)[] {
  const byYear = new Map<number, YearRow>();
  const bucket = (y: number) => {
    let b = byYear.get(y);
    if (!b) {
      b = { appliedOre: 0, awardedOre: 0, awardedConfirmed: true, receivedOre: 0 };
      byYear.set(y, b);
    }
    return b;
  };
  const ids = rows.map((g) => g.id);
  const ledgers = receivedByYear(ctx.db, ids);
  const splits = splitsByGrant(ctx.db, ids);
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
  return [...byYear.entries()].sort(([a], [b]) => a - b).map(([year, v]) => ({ year, ...v }));
}

/** One funder with contacts, grants and a year table (see yearTable). */
function funderDetail(
  ctx: ServiceContext,
  model: ReturnType<typeof createGrantModel>,
  input: ParsedInput<'funders.get'>,
): Output<'funders.get'> {
  const s = summary(ctx, input.id);
  const contacts = ctx.db
    .select(CONTACT_COLUMNS)
    .from(funderContacts)
    .where(eq(funderContacts.funderId, input.id))
    .all()
    .sort(byName);
  const rows = model.rows(eq(grants.funderId, input.id));
  const years = yearTable(ctx, rows);
  const grantList = model.summariesOf(rows).sort(byYearThenTitle);
  return { ...toSummary(s), notes: s.notes, contacts, years, grants: grantList };
}

type CreateInput = ParsedInput<'funders.create'>;

/**
 * An existing organisation of the funder's name gets the role: refused when it is a funder
 * already or has another organisation number; missing details are filled in (and logged).
 */
function adoptOrganisation(
  ctx: ServiceContext,
  existing: typeof organisations.$inferSelect,
  input: CreateInput,
  now: number,
): void {
  const { db } = ctx;
  const already = db.select().from(funders).where(eq(funders.organisationId, existing.id)).get();
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
    patch.orgNumber === existing.orgNumber &&
    patch.website === existing.website &&
    patch.notes === existing.notes
  ) {
    return;
  }
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

/**
 * Registers a funder. When an organisation of that name exists (e.g. a member centre),
 * it gets the funder role instead of a duplicate; missing details are filled in, but a
 * different organisation number is refused rather than overwritten.
 */
function createFunder(ctx: ServiceContext, input: CreateInput): FunderSummary {
  const { db } = ctx;
  return db.transaction(() => {
    const now = ctx.clock.nowMs();
    const existing = db
      .select()
      .from(organisations)
      .where(eq(organisations.nameKey, nameKey(input.name)))
      .get();
    let orgId: number;
    if (existing) {
      adoptOrganisation(ctx, existing, input, now);
      orgId = existing.id;
    } else {
      orgId = insertOrganisation(ctx, input, now).id;
    }
    // The log shows the funder as the API does (with its organisation's details).
    insertRecorded(
      ctx,
      funders,
      { organisationId: orgId, funderType: input.funderType },
      {
        entity: 'funder',
        entityId: (row) => row.organisationId,
        view: (row) => summary(ctx, row.organisationId),
      },
    );
    return toSummary(summary(ctx, orgId));
  });
}

/** Changes a funder's details (the organisation's name, number, website, notes, and type). */
function updateFunder(ctx: ServiceContext, input: ParsedInput<'funders.update'>): FunderSummary {
  const { db } = ctx;
  return db.transaction(() => {
    const before = summary(ctx, input.id);
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
    const after = summary(ctx, input.id);
    recordChange(ctx, {
      entity: 'funder',
      entityId: input.id,
      action: 'update',
      before,
      after,
    });
    return toSummary(after);
  });
}

function addContact(ctx: ServiceContext, input: ParsedInput<'funders.addContact'>): FunderContact {
  return ctx.db.transaction(() => {
    summary(ctx, input.funderId);
    const row = insertRecorded(
      ctx,
      funderContacts,
      {
        funderId: input.funderId,
        name: input.name,
        role: input.role,
        email: input.email,
        phone: input.phone,
        createdAtMs: ctx.clock.nowMs(),
      },
      { entity: 'funder_contact', view: contactView },
    );
    return contactView(row);
  });
}

function removeContact(
  ctx: ServiceContext,
  input: ParsedInput<'funders.removeContact'>,
): { removed: boolean } {
  return ctx.db.transaction(() => {
    const before = contact(ctx, input.id);
    ctx.db.delete(funderContacts).where(eq(funderContacts.id, input.id)).run();
    recordChange(ctx, {
      entity: 'funder_contact',
      entityId: input.id,
      action: 'delete',
      before,
    });
    return { removed: true };
  });
}

export function createFundersService(ctx: ServiceContext) {
  const model = createGrantModel(ctx);
  return {
    list: (input: ParsedInput<'funders.list'>): FunderSummary[] => listFunders(ctx, input),
    get: (input: ParsedInput<'funders.get'>): Output<'funders.get'> =>
      funderDetail(ctx, model, input),
    create: (input: CreateInput): FunderSummary => createFunder(ctx, input),
    update: (input: ParsedInput<'funders.update'>): FunderSummary => updateFunder(ctx, input),
    addContact: (input: ParsedInput<'funders.addContact'>): FunderContact => addContact(ctx, input),
    removeContact: (input: ParsedInput<'funders.removeContact'>): { removed: boolean } =>
      removeContact(ctx, input),
  };
}

export type FundersService = ReturnType<typeof createFundersService>;
