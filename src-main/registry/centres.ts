/**
 * The member-centre register: organisations with the member-centre role and their
 * membership periods. Every change is written to the audit log in the same transaction.
 */
import { eq } from 'drizzle-orm';
import { memberCentres, memberships, organisations } from '../../db/schema';
import type { Centre, Membership, ParsedInput } from '../../src-shared/api/contract';
import { AppError, conflict, notFound } from '../../src-shared/api/errors';
import { formatIsoDate, periodsOverlap } from '../../src-shared/kernel/dates';
import { isMemberOn } from '../../src-shared/registry/centres';
import { nameKey, recordChange, type ServiceContext } from '../platform/context';
import { insertRecorded } from '../platform/records';
import { listCentres } from './centres-list';
import { assertOrganisationNameFree } from './organisations';
import { assertMembershipChangeOpen } from '../yearend/definition-locks';

type CentreRow = {
  id: number;
  name: string;
  orgNumber: string | null;
  notes: string | null;
  createdAtMs: number;
  updatedAtMs: number;
  driftsform: Centre['driftsform'];
  region: Centre['region'];
  dailyLeader: string | null;
  contactEmail: string | null;
};

function selectCentres(ctx: ServiceContext) {
  const { db } = ctx;
  return db
    .select({
      id: organisations.id,
      name: organisations.name,
      orgNumber: organisations.orgNumber,
      notes: organisations.notes,
      createdAtMs: organisations.createdAtMs,
      updatedAtMs: organisations.updatedAtMs,
      driftsform: memberCentres.driftsform,
      region: memberCentres.region,
      dailyLeader: memberCentres.dailyLeader,
      contactEmail: memberCentres.contactEmail,
    })
    .from(memberCentres)
    .innerJoin(organisations, eq(organisations.id, memberCentres.organisationId));
}

function membershipsOf(ctx: ServiceContext, centreId: number): Membership[] {
  const { db } = ctx;
  return db
    .select({
      id: memberships.id,
      centreId: memberships.centreId,
      joinedDate: memberships.joinedDate,
      leftDate: memberships.leftDate,
      note: memberships.note,
    })
    .from(memberships)
    .where(eq(memberships.centreId, centreId))
    .orderBy(memberships.joinedDate, memberships.id)
    .all();
}

function load(ctx: ServiceContext, centreId: number): Centre {
  const row = selectCentres(ctx).where(eq(memberCentres.organisationId, centreId)).get();
  if (!row) throw notFound(`Fant ikke medlemssenteret (id ${centreId}).`);
  const periods = membershipsOf(ctx, centreId);
  return toCentre(row, periods, ctx.clock.today());
}

function assertNoOverlap(
  ctx: ServiceContext,
  centreId: number,
  joinedDate: string,
  leftDate: string | null,
  exceptId?: number,
): void {
  for (const p of membershipsOf(ctx, centreId)) {
    if (p.id === exceptId) continue;
    if (periodsOverlap(p.joinedDate, p.leftDate, joinedDate, leftDate)) {
      const other = `${formatIsoDate(p.joinedDate)}–${p.leftDate ? formatIsoDate(p.leftDate) : ''}`;
      throw conflict(`Medlemsperioden overlapper med en annen periode (${other}).`, [
        { path: 'joinedDate', message: `Medlem fra: overlapper med perioden ${other}.` },
      ]);
    }
  }
}

function assertDates(joinedDate: string, leftDate: string | null): void {
  if (leftDate !== null && leftDate < joinedDate) {
    throw new AppError('BAD_INPUT', 'Medlem til kan ikke være før Medlem fra.', [
      { path: 'leftDate', message: 'Medlem til kan ikke være før Medlem fra.' },
    ]);
  }
}

function membershipById(ctx: ServiceContext, id: number): Membership {
  const { db } = ctx;
  const row = db.select().from(memberships).where(eq(memberships.id, id)).get();
  if (!row) throw notFound(`Fant ikke medlemsperioden (id ${id}).`);
  return {
    id: row.id,
    centreId: row.centreId,
    joinedDate: row.joinedDate,
    leftDate: row.leftDate,
    note: row.note,
  };
}

export function getCentre(ctx: ServiceContext, input: ParsedInput<'centres.get'>): Centre {
  return load(ctx, input.id);
}

export function createCentre(ctx: ServiceContext, input: ParsedInput<'centres.create'>): Centre {
  const { db } = ctx;
  return db.transaction(() => {
    const now = ctx.clock.nowMs();
    // An organisation already known as a partner or funder gets the member-centre role
    // instead of a second row with the same name.
    const known = db
      .select({ id: organisations.id, name: organisations.name })
      .from(organisations)
      .where(eq(organisations.nameKey, nameKey(input.name)))
      .get();
    if (known) {
      const isCentre = db
        .select({ id: memberCentres.organisationId })
        .from(memberCentres)
        .where(eq(memberCentres.organisationId, known.id))
        .get();
      if (isCentre) assertOrganisationNameFree(ctx, input.name);
      if (input.orgNumber || input.notes) {
        db.update(organisations)
          .set({
            ...(input.orgNumber ? { orgNumber: input.orgNumber } : {}),
            ...(input.notes ? { notes: input.notes } : {}),
            updatedAtMs: now,
          })
          .where(eq(organisations.id, known.id))
          .run();
      }
    }
    const org =
      known ??
      db
        .insert(organisations)
        .values({
          name: input.name,
          nameKey: nameKey(input.name),
          orgNumber: input.orgNumber,
          notes: input.notes,
          createdAtMs: now,
          updatedAtMs: now,
        })
        .returning({ id: organisations.id })
        .get();
    db.insert(memberCentres)
      .values({
        organisationId: org.id,
        driftsform: input.driftsform,
        region: input.region,
        dailyLeader: input.dailyLeader,
        contactEmail: input.contactEmail,
      })
      .run();
    if (input.joinedDate) {
      const first = { centreId: org.id, joinedDate: input.joinedDate, leftDate: null };
      assertMembershipChangeOpen(db, null, first);
      insertRecorded(
        ctx,
        memberships,
        { centreId: org.id, joinedDate: input.joinedDate, createdAtMs: now },
        { entity: 'membership' },
      );
    }
    const created = load(ctx, org.id);
    recordChange(ctx, {
      entity: 'centre',
      entityId: org.id,
      action: 'create',
      after: auditView(created),
    });
    return created;
  });
}

export function updateCentre(ctx: ServiceContext, input: ParsedInput<'centres.update'>): Centre {
  const { db } = ctx;
  return db.transaction(() => {
    const before = load(ctx, input.id);
    assertOrganisationNameFree(ctx, input.name, input.id);
    db.update(organisations)
      .set({
        name: input.name,
        nameKey: nameKey(input.name),
        orgNumber: input.orgNumber,
        notes: input.notes,
        updatedAtMs: ctx.clock.nowMs(),
      })
      .where(eq(organisations.id, input.id))
      .run();
    db.update(memberCentres)
      .set({
        driftsform: input.driftsform,
        region: input.region,
        dailyLeader: input.dailyLeader,
        contactEmail: input.contactEmail,
      })
      .where(eq(memberCentres.organisationId, input.id))
      .run();
    const after = load(ctx, input.id);
    recordChange(ctx, {
      entity: 'centre',
      entityId: input.id,
      action: 'update',
      before: auditView(before),
      after: auditView(after),
    });
    return after;
  });
}

export function addMembership(
  ctx: ServiceContext,
  input: ParsedInput<'centres.addMembership'>,
): Centre {
  const { db } = ctx;
  return db.transaction(() => {
    load(ctx, input.centreId);
    assertDates(input.joinedDate, input.leftDate);
    assertNoOverlap(ctx, input.centreId, input.joinedDate, input.leftDate);
    assertMembershipChangeOpen(db, null, input);
    insertRecorded(
      ctx,
      memberships,
      {
        centreId: input.centreId,
        joinedDate: input.joinedDate,
        leftDate: input.leftDate,
        note: input.note,
        createdAtMs: ctx.clock.nowMs(),
      },
      { entity: 'membership' },
    );
    return load(ctx, input.centreId);
  });
}

export function updateMembership(
  ctx: ServiceContext,
  input: ParsedInput<'centres.updateMembership'>,
): Centre {
  const { db } = ctx;
  return db.transaction(() => {
    const before = membershipById(ctx, input.id);
    assertDates(input.joinedDate, input.leftDate);
    assertNoOverlap(ctx, before.centreId, input.joinedDate, input.leftDate, input.id);
    assertMembershipChangeOpen(db, before, { ...before, ...input });
    const after = db
      .update(memberships)
      .set({ joinedDate: input.joinedDate, leftDate: input.leftDate, note: input.note })
      .where(eq(memberships.id, input.id))
      .returning()
      .get();
    recordChange(ctx, {
      entity: 'membership',
      entityId: input.id,
      action: 'update',
      before,
      after,
    });
    return load(ctx, before.centreId);
  });
}

export function deleteMembership(
  ctx: ServiceContext,
  input: ParsedInput<'centres.deleteMembership'>,
): Centre {
  const { db } = ctx;
  return db.transaction(() => {
    const before = membershipById(ctx, input.id);
    assertMembershipChangeOpen(db, before, null);
    db.delete(memberships).where(eq(memberships.id, input.id)).run();
    recordChange(ctx, {
      entity: 'membership',
      entityId: input.id,
      action: 'delete',
      before,
      reason: input.reason,
    });
    return load(ctx, before.centreId);
  });
}

export function createCentresService(ctx: ServiceContext) {
  return {
    list: (input: ParsedInput<'centres.list'>) => listCentres(ctx, input),
    get: (input: ParsedInput<'centres.get'>) => getCentre(ctx, input),
    create: (input: ParsedInput<'centres.create'>) => createCentre(ctx, input),
    update: (input: ParsedInput<'centres.update'>) => updateCentre(ctx, input),
    addMembership: (input: ParsedInput<'centres.addMembership'>) => addMembership(ctx, input),
    updateMembership: (input: ParsedInput<'centres.updateMembership'>) =>
      updateMembership(ctx, input),
    deleteMembership: (input: ParsedInput<'centres.deleteMembership'>) =>
      deleteMembership(ctx, input),
  };
}

export type CentresService = ReturnType<typeof createCentresService>;

function toCentre(row: CentreRow, periods: Membership[], today: string): Centre {
  return { ...row, memberships: periods, isMember: isMemberOn(periods, today) };
}

/** The centre as recorded in the change log (without volatile timestamps). */
function auditView(c: Centre) {
  const { memberships: _m, createdAtMs: _c, updatedAtMs: _u, isMember: _i, ...rest } = c;
  return rest;
}
