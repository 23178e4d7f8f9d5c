/**
 * Allocation rounds (tildelingsrunder) on grants KSS administers (forvalter): opening a
 * round, its deadlines and activity period. A new report deadline is passed on to the
 * allocations that still follow the round's deadline; every change is logged in the same
 * transaction (invariant 6 of docs/DOMAIN.md).
 */
import { and, eq, isNull } from 'drizzle-orm';
import { allocationRounds, allocations } from '../../db/schema';
import type { Output, ParsedInput, Round } from '../../src-shared/api/contract';
import { conflict } from '../../src-shared/api/errors';
import { roundAuditView } from './queries';
import { recordChange, type ServiceContext } from '../platform/context';
import { insertRecorded } from '../platform/records';
import { assertRoundPeriodChangeOpen } from '../yearend/definition-locks';
import { ROLE_LABEL, STATUS_LABEL, type GrantRow } from '../grants/queries';
import { roundEligibility } from './eligibility';
import { listRoundsPaged } from './rounds-list';
import {
  badInput,
  createAllocationCore,
  date,
  NO_MONEY_STATUSES,
  type AllocationCore,
} from './common';

/** Period fields of a round: «til» needs «fra» and may not come before it. */
function checkRoundDates(input: { activityFrom: string | null; activityTo: string | null }) {
  if (input.activityTo && !input.activityFrom) {
    throw badInput([
      {
        path: 'activityFrom',
        message: 'Aktivitetsperiode fra må fylles ut når Aktivitetsperiode til er satt.',
      },
    ]);
  }
  if (input.activityFrom && input.activityTo && input.activityTo < input.activityFrom) {
    throw badInput([
      {
        path: 'activityTo',
        message: `Aktivitetsperiode til (${date(input.activityTo)}) kan ikke være før Aktivitetsperiode fra (${date(input.activityFrom)}).`,
      },
    ]);
  }
}

/** A round needs a grant KSS administers (forvalter) that has not been refused. */
function grantForRound(c: AllocationCore, grantId: number): GrantRow {
  const g = c.grants.row(grantId);
  if (g.kssRole !== 'forvalter') {
    throw conflict(
      `Tildelingsrunder til medlemssentre kan bare opprettes på tilskudd der KSS er «${ROLE_LABEL.forvalter}»; «${g.projectName}» har rollen «${ROLE_LABEL[g.kssRole]}».`,
      [{ path: 'grantId', message: 'Tilskudd: KSS er ikke forvalter.' }],
    );
  }
  if (NO_MONEY_STATUSES.includes(g.status)) {
    throw conflict(
      `«${g.title}» har status «${STATUS_LABEL[g.status]}» og har ingen penger å fordele til sentrene.`,
      [{ path: 'grantId', message: 'Tilskudd: har ingen penger å fordele.' }],
    );
  }
  return g;
}

/** Opens a round on a forvalter grant. */
function createRound(c: AllocationCore, input: ParsedInput<'rounds.create'>): Round {
  return c.db.transaction(() => {
    grantForRound(c, input.grantId);
    checkRoundDates(input);
    const now = c.ctx.clock.nowMs();
    const row = insertRecorded(
      c.ctx,
      allocationRounds,
      {
        grantId: input.grantId,
        name: input.name,
        applicationDeadline: input.applicationDeadline,
        activityFrom: input.activityFrom,
        activityTo: input.activityTo,
        reportDeadline: input.reportDeadline,
        notes: input.notes,
        createdAtMs: now,
        updatedAtMs: now,
      },
      { entity: 'allocation_round', view: roundAuditView },
    );
    return c.model.detail(row.id);
  });
}

/**
 * Changes name, deadlines, periods or notes. A new report deadline is passed on to the
 * allocations that still follow the round's deadline (due date empty or equal to the
 * old one, report not received); each such change is logged.
 */
function updateRound(c: AllocationCore, input: ParsedInput<'rounds.update'>): Round {
  const { db } = c;
  return db.transaction(() => {
    const before = c.model.round(input.id);
    checkRoundDates(input);
    assertRoundPeriodChangeOpen(db, before, input);
    const after = db
      .update(allocationRounds)
      .set({
        name: input.name,
        applicationDeadline: input.applicationDeadline,
        activityFrom: input.activityFrom,
        activityTo: input.activityTo,
        reportDeadline: input.reportDeadline,
        notes: input.notes,
        updatedAtMs: c.ctx.clock.nowMs(),
      })
      .where(eq(allocationRounds.id, input.id))
      .returning()
      .get();
    recordChange(c.ctx, {
      entity: 'allocation_round',
      entityId: input.id,
      action: 'update',
      before: roundAuditView(before),
      after: roundAuditView(after),
    });
    if (before.reportDeadline !== after.reportDeadline) {
      const following = db
        .select()
        .from(allocations)
        .where(and(eq(allocations.roundId, input.id), isNull(allocations.reportReceivedDate)))
        .all()
        .filter((a) => a.reportDueDate === null || a.reportDueDate === before.reportDeadline);
      for (const a of following) {
        if (a.reportDueDate === after.reportDeadline) continue;
        c.updateAllocation(
          a,
          { reportDueDate: after.reportDeadline },
          'Rapportfristen for runden er endret.',
        );
      }
    }
    return c.model.detail(input.id);
  });
}

export function createRoundsService(ctx: ServiceContext) {
  const c = createAllocationCore(ctx);
  return {
    /** A page of round summaries (newest first by default), optionally for one grant. */
    list(input: ParsedInput<'rounds.list'>): Output<'rounds.list'> {
      if (input.grantId) c.grants.row(input.grantId);
      return listRoundsPaged(ctx, input);
    },
    get: (input: ParsedInput<'rounds.get'>): Round => c.model.detail(input.id),
    eligibleCentres: (
      input: ParsedInput<'rounds.eligibleCentres'>,
    ): Output<'rounds.eligibleCentres'> => roundEligibility(ctx, input),
    create: (input: ParsedInput<'rounds.create'>): Round => createRound(c, input),
    update: (input: ParsedInput<'rounds.update'>): Round => updateRound(c, input),
  };
}

export type RoundsService = ReturnType<typeof createRoundsService>;
