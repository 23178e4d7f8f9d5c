/**
 * The read model of allocation rounds (tildelingsrunder): rounds with their grant, the pot,
 * every centre's application, award, payouts, returns and report, and the totals the
 * contract returns. Payouts and returns are never stored on the allocation: they are
 * summed from the grant's movement ledger (paid_to_centre / returned_by_centre rows that
 * point at the allocation), so the round and the ledger cannot disagree.
 */
import { nbLabels } from '../../src-shared/kernel/labels';
import { REPORT_STATUS_LABELS } from '../../src-shared/allocations/labels';
import { REGION_LABELS } from '../../src-shared/registry/labels';
import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import {
  allocationRounds,
  allocations,
  memberCentres,
  memberships,
  movements,
  organisations,
} from '../../db/schema';
import type { Allocation, Round, RoundSummary } from '../../src-shared/api/contract';
import { notFound } from '../../src-shared/api/errors';
import { isReportOverdue, type ReportStatus } from '../../src-shared/allocations/rules';
import {
  isMemberOn,
  leavingDateOn,
  REGIONS,
  type MembershipPeriod,
  type Region,
} from '../../src-shared/registry/centres';
import { grantMoneyOf } from '../../src-shared/grants/rules';
import type { Db } from '../platform/database';
import type { ServiceContext } from '../platform/context';
import { createGrantModel, NAME_ORDER, type GrantRow } from '../grants/queries';
import { roundHead } from './round-head';
import { allocationViewRows, type AllocationViewRow, type ViewFilter } from './view-rows';

/** Bokmål views of the shared labels (src-shared/allocations/labels.ts, src-shared/registry/labels.ts). */
export const REPORT_STATUS_LABEL: Record<ReportStatus, string> = nbLabels(REPORT_STATUS_LABELS);

export const REGION_LABEL: Record<Region, string> = nbLabels(REGION_LABELS);

export type RoundRecord = typeof allocationRounds.$inferSelect;
export type AllocationRecord = typeof allocations.$inferSelect;

/** An allocation row with what the views need from its centre. */
export type AllocationRow = AllocationRecord & {
  centreName: string;
  region: Allocation['region'];
  orgNumber: string | null;
  contactEmail: string | null;
};

/** Money that has moved for one allocation, from the ledger (reversals included). */
export interface AllocationCash {
  paidOre: number;
  returnedOre: number;
  /** Date of the latest payout that has not been reversed. */
  lastPaidDate: string | null;
  /** Date of the earliest payout that has not been reversed. */
  firstPaidDate: string | null;
}

const NO_CASH: AllocationCash = {
  paidOre: 0,
  returnedOre: 0,
  lastPaidDate: null,
  firstPaidDate: null,
};

/** Net paid and returned per allocation, summed from the movements that point at it. */
export function allocationCash(db: Db, ids: readonly number[]): Map<number, AllocationCash> {
  const out = new Map<number, AllocationCash>();
  if (ids.length === 0) return out;
  const rows = db
    .select({
      id: movements.id,
      allocationId: movements.allocationId,
      type: movements.type,
      amountOre: movements.amountOre,
      date: movements.date,
      reversesId: movements.reversesId,
    })
    .from(movements)
    .where(
      and(
        inArray(movements.allocationId, [...ids]),
        inArray(movements.type, ['paid_to_centre', 'returned_by_centre']),
      ),
    )
    .orderBy(asc(movements.date), asc(movements.id))
    .all();
  const reversed = new Set(rows.map((r) => r.reversesId).filter((v) => v !== null));
  for (const r of rows) {
    if (r.allocationId === null) continue;
    const cash = out.get(r.allocationId) ?? { ...NO_CASH };
    if (r.type === 'paid_to_centre') {
      cash.paidOre += r.amountOre;
      if (r.reversesId === null && !reversed.has(r.id)) {
        cash.firstPaidDate ??= r.date;
        cash.lastPaidDate = r.date;
      }
    } else {
      cash.returnedOre += r.amountOre;
    }
    out.set(r.allocationId, cash);
  }
  return out;
}

/** An allocation as written to the change log (without volatile timestamps). */
export function allocationAuditView(a: AllocationRecord) {
  const { createdAtMs: _c, updatedAtMs: _u, ...rest } = a;
  return rest;
}

/** A round as written to the change log (without volatile timestamps). */
export function roundAuditView(r: RoundRecord) {
  const { createdAtMs: _c, updatedAtMs: _u, ...rest } = r;
  return rest;
}

/** Allocations with their centre's name, region and contacts, in Norwegian name order. */
function selectAllocationRows(db: Db, where: SQL | undefined): AllocationRow[] {
  const q = db
    .select({
      a: allocations,
      centreName: organisations.name,
      region: memberCentres.region,
      orgNumber: organisations.orgNumber,
      contactEmail: memberCentres.contactEmail,
    })
    .from(allocations)
    .innerJoin(memberCentres, eq(memberCentres.organisationId, allocations.centreId))
    .innerJoin(organisations, eq(organisations.id, allocations.centreId));
  return (where ? q.where(where) : q)
    .all()
    .map((r) => ({
      ...r.a,
      centreName: r.centreName,
      region: r.region,
      orgNumber: r.orgNumber,
      contactEmail: r.contactEmail,
    }))
    .sort((x, y) => NAME_ORDER.compare(x.centreName, y.centreName) || x.id - y.id);
}

/** Membership periods per centre. */
function membershipPeriods(db: Db, centreIds: readonly number[]): Map<number, MembershipPeriod[]> {
  const map = new Map<number, MembershipPeriod[]>();
  if (centreIds.length === 0) return map;
  const rows = db
    .select({
      centreId: memberships.centreId,
      joinedDate: memberships.joinedDate,
      leftDate: memberships.leftDate,
    })
    .from(memberships)
    .where(inArray(memberships.centreId, [...new Set(centreIds)]))
    .orderBy(asc(memberships.joinedDate))
    .all();
  for (const r of rows) {
    const list = map.get(r.centreId) ?? [];
    list.push({ joinedDate: r.joinedDate, leftDate: r.leftDate });
    map.set(r.centreId, list);
  }
  return map;
}

/** One allocation as the contract shows it; membership judged on `ref` (decision or today). */
function allocationView(
  a: AllocationRow,
  periods: readonly MembershipPeriod[],
  c: AllocationCash,
  today: string,
): Allocation {
  const ref = a.decisionDate ?? today;
  return {
    id: a.id,
    roundId: a.roundId,
    centreId: a.centreId,
    centreName: a.centreName,
    region: a.region,
    orgNumber: a.orgNumber,
    contactEmail: a.contactEmail,
    isMember: isMemberOn(periods, ref),
    leavingDate: leavingDateOn(periods, ref),
    appliedOre: a.appliedOre,
    purpose: a.purpose,
    expectedParticipants: a.expectedParticipants,
    receivedDate: a.receivedDate,
    awardedOre: a.awardedOre,
    decisionDate: a.decisionDate,
    overrideReason: a.overrideReason,
    paidOre: c.paidOre,
    lastPaidDate: c.lastPaidDate,
    returnedOre: c.returnedOre,
    reportDueDate: a.reportDueDate,
    reportReceivedDate: a.reportReceivedDate,
    spentOre: a.spentOre,
    participantsReached: a.participantsReached,
    reportText: a.reportText,
    reportStatus: a.reportStatus,
    remindedDate: a.remindedDate,
    keptUnusedOre: a.keptUnusedOre,
    keptApprovalRef: a.keptApprovalRef,
    overdue: isReportOverdue(a, today),
  };
}

/** A round's summary from its allocations and its pot. */
function roundSummary(
  r: RoundRecord,
  g: Pick<GrantRow, 'title' | 'funderName'>,
  list: readonly Allocation[],
  potOre: number,
): RoundSummary {
  let appliedTotalOre = 0;
  let awardedTotalOre = 0;
  let paidTotalOre = 0;
  let returnedTotalOre = 0;
  for (const a of list) {
    appliedTotalOre += a.appliedOre;
    awardedTotalOre += a.awardedOre ?? 0;
    paidTotalOre += a.paidOre;
    returnedTotalOre += a.returnedOre;
  }
  return {
    id: r.id,
    grantId: r.grantId,
    grantTitle: g.title,
    funderName: g.funderName,
    name: r.name,
    applicationDeadline: r.applicationDeadline,
    activityFrom: r.activityFrom,
    activityTo: r.activityTo,
    reportDeadline: r.reportDeadline,
    potOre,
    appliedTotalOre,
    awardedTotalOre,
    paidTotalOre,
    returnedTotalOre,
    remainingOre: potOre - awardedTotalOre,
    centreCount: list.length,
  };
}

/** Per-region totals over all regions (a region without allocations shows zeros). */
function regionTotalsOf(list: readonly Allocation[]): Round['regionTotals'] {
  return REGIONS.map((region) => {
    const inRegion = list.filter((a) => a.region === region);
    return {
      region,
      centreCount: inRegion.length,
      appliedOre: inRegion.reduce((s, a) => s + a.appliedOre, 0),
      awardedOre: inRegion.reduce((s, a) => s + (a.awardedOre ?? 0), 0),
      paidOre: inRegion.reduce((s, a) => s + a.paidOre, 0),
    };
  });
}

/** The contract's view of rows from `allocationViewRows` (their cash included), in their order. */
function viewsOfRows(ctx: ServiceContext, rows: readonly AllocationViewRow[]): Allocation[] {
  const periods = membershipPeriods(
    ctx.db,
    rows.map((r) => r.centreId),
  );
  const today = ctx.clock.today();
  return rows.map((a) => allocationView(a, periods.get(a.centreId) ?? [], a, today));
}

/** A round's allocations as the contract shows them, in Norwegian centre-name order. */
function roundViews(ctx: ServiceContext, roundId: number): Allocation[] {
  const rows = allocationViewRows(ctx.sqlite, { round: roundId }).sort(
    (x, y) => NAME_ORDER.compare(x.centreName, y.centreName) || x.id - y.id,
  );
  return viewsOfRows(ctx, rows);
}

export function createAllocationModel(ctx: ServiceContext) {
  const { db } = ctx;
  const grantModel = createGrantModel(ctx);

  /** One round; NOT_FOUND when it does not exist. */
  function round(id: number): RoundRecord {
    const r = db.select().from(allocationRounds).where(eq(allocationRounds.id, id)).get();
    if (!r) throw notFound(`Fant ikke tildelingsrunden (id ${id}).`);
    return r;
  }

  /** One allocation; NOT_FOUND when it does not exist. */
  function allocation(id: number): AllocationRecord {
    const a = db.select().from(allocations).where(eq(allocations.id, id)).get();
    if (!a) throw notFound(`Fant ikke tildelingen (id ${id}).`);
    return a;
  }

  /** The contract's view of allocations; membership is judged on the decision date (or today). */
  function views(rows: readonly AllocationRow[]): Allocation[] {
    const periods = membershipPeriods(
      db,
      rows.map((r) => r.centreId),
    );
    const cash = allocationCash(
      db,
      rows.map((r) => r.id),
    );
    const today = ctx.clock.today();
    return rows.map((a) =>
      allocationView(a, periods.get(a.centreId) ?? [], cash.get(a.id) ?? NO_CASH, today),
    );
  }

  /**
   * The round's pot: the grant's base + transfers in − admin share − the awards of the
   * grant's OTHER rounds (invariant 3 of docs/DOMAIN.md then says this round's awards may not exceed it).
   * Transfers are summed per year and type (`ledger_sums`), not read movement by movement.
   */
  function potOf(r: RoundRecord, g: GrantRow = grantModel.row(r.grantId)): number {
    return grantMoneyOf(g, grantModel.ledgerSums(g), grantModel.allocatedOf(g.id, r.id))
      .availableOre;
  }

  /**
   * One round as `rounds.get` returns it: allocations and per-region totals (all regions).
   * Three statements: the round with its grant and pot, the allocations, the memberships.
   */
  function detail(id: number): Round {
    const head = roundHead(ctx.sqlite, id);
    if (!head) throw notFound(`Fant ikke tildelingsrunden (id ${id}).`);
    const r = head.round;
    const list = roundViews(ctx, id);
    return {
      ...roundSummary(
        r,
        { title: head.grantTitle, funderName: head.funderName },
        list,
        head.potOre,
      ),
      notes: r.notes,
      allocations: list,
      regionTotals: regionTotalsOf(list),
    };
  }

  return {
    grantModel,
    round,
    allocation,
    allocationRows: (where: SQL | undefined) => selectAllocationRows(db, where),
    periodsOf: (centreIds: readonly number[]) => membershipPeriods(db, centreIds),
    views,
    /** The allocations a filter picks with cash, round and grant: one statement, unordered. */
    viewRows: (filter: ViewFilter) => allocationViewRows(ctx.sqlite, filter),
    viewsOfRows: (rows: readonly AllocationViewRow[]) => viewsOfRows(ctx, rows),
    potOf,
    detail,
  };
}

export type AllocationModel = ReturnType<typeof createAllocationModel>;
