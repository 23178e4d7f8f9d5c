/**
 * The read model of one fiscal year, loaded with a fixed number of statements and shared by
 * the year-end checklist, the accountant's workbook and the accounting CSV: every grant with
 * its project, funder, ledger (year-ledger.ts), split and balance for the year, the centres'
 * awards with their cash from the ledger, the balance decisions, exceptions, status and events.
 */
import { and, asc, eq, gte, inArray, isNull, lte } from 'drizzle-orm';
import {
  auditLog,
  balanceDecisions,
  checklistExceptions,
  fiscalYearEvents,
  fiscalYears,
  grantDeadlines,
  grantYearSplits,
  grants,
  memberCentres,
  memberships,
  movements,
  organisations,
} from '../../db/schema';
import type { BalanceDecisionView, FiscalYearEvent } from '../../src-shared/api/contract';
import { yearOf } from '../../src-shared/kernel/dates';
import type { MembershipPeriod } from '../../src-shared/registry/centres';
import {
  AWARDED_STATUSES,
  yearBalances,
  type FunderType,
  type GrantStatus,
  type KssRole,
  type YearBalance,
} from '../../src-shared/grants/rules';
import { type FiscalYearStatus } from '../../src-shared/yearend/rules';
import type { ServiceContext } from '../platform/context';
import { lockingYear } from './locks';
import { NAME_ORDER, type GrantRecord, type MovementRecord } from '../grants/queries';
import {
  allocationCashForYear,
  columnsOf,
  compactLedgers,
  groupBy,
  outsideSums,
  yearMovements,
  type AllocationYearCash,
  type Span,
} from './year-ledger';

/** Statuses in which a grant has an award that counts (also after it is closed). */
export const AWARD_STATUSES: readonly GrantStatus[] = [...AWARDED_STATUSES, 'avsluttet'];

export type YearGrantRow = GrantRecord & {
  projectName: string;
  projectNumber: string | null;
  projectKind: 'prosjekt' | 'tiltak';
  projectParentId: number | null;
  kssRole: KssRole;
  funderName: string;
  funderType: FunderType;
};

export interface YearGrant {
  g: YearGrantRow;
  /** Every movement of the grant, oldest first. */
  ledger: MovementRecord[];
  splits: { year: number; amountOre: number; confirmed: boolean }[];
  /** Invariant 2 of docs/DOMAIN.md for the year. */
  balance: YearBalance;
  /** Opening balance of the next year, computed on its own from the ledger. */
  nextOpeningOre: number;
  /** The year's part of the award: its split, or the award when decided that year without one. */
  awardedForYearOre: number | null;
  /** Money in the year: an opening balance, a movement, or an award for the year. */
  inYear: boolean;
}

export interface YearAllocation {
  id: number;
  roundId: number;
  roundName: string;
  grantId: number;
  centreId: number;
  centreName: string;
  orgNumber: string | null;
  region: 'sor-ost' | 'nord' | 'midt-vest';
  appliedOre: number;
  awardedOre: number | null;
  decisionDate: string | null;
  overrideReason: string | null;
  reportDueDate: string | null;
  reportReceivedDate: string | null;
  reportStatus: 'venter' | 'mottatt' | 'godkjent' | 'purret';
  spentOre: number | null;
  keptUnusedOre: number | null;
  paidTotalOre: number;
  returnedTotalOre: number;
  paidInYearOre: number;
  returnedInYearOre: number;
  lastPaidInYear: string | null;
  movedInYear: boolean;
}

/** A reporting deadline to a funder due by the end of the year and not delivered. */
export interface YearDeadline {
  id: number;
  grantId: number;
  grantTitle: string;
  dueDate: string;
  description: string;
}

export interface YearData {
  year: number;
  status: FiscalYearStatus;
  lockedByYear: number | null;
  closedAtMs: number | null;
  closedBy: string | null;
  closeReason: string | null;
  events: FiscalYearEvent[];
  /** All grants (with or without money in the year), by id. */
  grants: YearGrant[];
  grantById: Map<number, YearGrant>;
  /** Movements dated in the year, by date then id. */
  movementsInYear: MovementRecord[];
  allocations: YearAllocation[];
  periods: Map<number, MembershipPeriod[]>;
  decisions: Map<number, BalanceDecisionView>;
  exceptions: Map<string, { reason: string; actor: string; atMs: number }>;
  deadlines: YearDeadline[];
  /** Ids of movements that have their «create» row in the change log. */
  auditedMovementIds: Set<number>;
  centreNames: Map<number, string>;
}

/** Every grant with its project and funder, by id. */
function yearGrantRows(ctx: ServiceContext): YearGrantRow[] {
  return ctx.sqlite
    .prepare(
      `select ${columnsOf(grants, 'g')}, p.name as projectName, p.project_number as projectNumber,
         p.kind as projectKind, p.parent_id as projectParentId, p.kss_role as kssRole,
         o.name as funderName, f.funder_type as funderType
       from grants g join projects p on p.id = g.project_id
         join organisations o on o.id = g.funder_id
         join funders f on f.organisation_id = g.funder_id
       order by g.id`,
    )
    .all() as YearGrantRow[];
}

export function yearGrantsOf(
  span: Span,
  rows: readonly YearGrantRow[],
  ledgers: ReadonlyMap<number, MovementRecord[]>,
  splitRows: readonly { grantId: number; year: number; amountOre: number; confirmed: boolean }[],
): YearGrant[] {
  const { year, start, end } = span;
  const splitsByGrant = groupBy(splitRows, (s) => s.grantId);
  return rows.map((g) => {
    const ledger = ledgers.get(g.id) ?? [];
    const splits = (splitsByGrant.get(g.id) ?? []).map((s) => ({
      year: s.year,
      amountOre: s.amountOre,
      confirmed: s.confirmed,
    }));
    const balance = yearBalances(ledger, { fromYear: year, toYear: year })[0] as YearBalance;
    const next = yearBalances(ledger, { fromYear: year + 1, toYear: year + 1 })[0] as YearBalance;
    let awardedForYearOre: number | null = null;
    if (g.awardedOre !== null && AWARD_STATUSES.includes(g.status)) {
      const split = splits.find((s) => s.year === year);
      if (split) awardedForYearOre = split.amountOre;
      else if (splits.length === 0 && g.decisionDate && yearOf(g.decisionDate) === year) {
        awardedForYearOre = g.awardedOre;
      } else awardedForYearOre = 0;
    }
    const moved = ledger.some((m) => m.date >= start && m.date <= end);
    const inYear =
      g.kssRole !== 'stottepartner' &&
      (balance.openingOre !== 0 || moved || (awardedForYearOre ?? 0) > 0);
    return {
      g,
      ledger,
      splits,
      balance,
      nextOpeningOre: next.openingOre,
      awardedForYearOre,
      inYear,
    };
  });
}

const NO_YEAR_CASH: AllocationYearCash = {
  paidTotalOre: 0,
  returnedTotalOre: 0,
  paidInYearOre: 0,
  returnedInYearOre: 0,
  lastPaidInYear: null,
  movedInYear: false,
  paidBeforeOre: 0,
};

/** An award as `yearAllocationsOf` reads it: the columns of `YearAllocation` up to its cash. */
type AllocationRow = [
  id: number,
  roundId: number,
  roundName: string,
  grantId: number,
  centreId: number,
  centreName: string,
  orgNumber: string | null,
  region: YearAllocation['region'],
  appliedOre: number,
  awardedOre: number | null,
  decisionDate: string | null,
  overrideReason: string | null,
  reportDueDate: string | null,
  reportReceivedDate: string | null,
  reportStatus: YearAllocation['reportStatus'],
  spentOre: number | null,
  keptUnusedOre: number | null,
];

/** The centres' awards with their round, centre and cash (in Norwegian centre-name order). */
function yearAllocationsOf(
  ctx: ServiceContext,
  cash: ReadonlyMap<number, AllocationYearCash>,
): YearAllocation[] {
  // Rows as arrays (`raw`): 16 000 awards of 17 columns are read faster without an object
  // per row from the driver; each becomes one object literal of a fixed shape below.
  const rows = ctx.sqlite
    .prepare(
      `select a.id, a.round_id, r.name, r.grant_id, a.centre_id, o.name, o.org_number, c.region,
         a.applied_ore, a.awarded_ore, a.decision_date, a.override_reason, a.report_due_date,
         a.report_received_date, a.report_status, a.spent_ore, a.kept_unused_ore
       from allocations a join allocation_rounds r on r.id = a.round_id
         join organisations o on o.id = a.centre_id
         join member_centres c on c.organisation_id = a.centre_id`,
    )
    .raw(true)
    .all() as AllocationRow[];
  // Collate each centre name once (thousands of awards share a few thousand names).
  const names = [...new Set(rows.map((r) => r[5]))].sort((x, y) => NAME_ORDER.compare(x, y));
  const rank = new Map(names.map((n, i) => [n, i]));
  // Object literals with a fixed shape: the checklist filters these thousands of times.
  return rows
    .map((r): YearAllocation => {
      const c = cash.get(r[0]) ?? NO_YEAR_CASH;
      return {
        id: r[0],
        roundId: r[1],
        roundName: r[2],
        grantId: r[3],
        centreId: r[4],
        centreName: r[5],
        orgNumber: r[6],
        region: r[7],
        appliedOre: r[8],
        awardedOre: r[9],
        decisionDate: r[10],
        overrideReason: r[11],
        reportDueDate: r[12],
        reportReceivedDate: r[13],
        reportStatus: r[14],
        spentOre: r[15],
        keptUnusedOre: r[16],
        paidTotalOre: c.paidTotalOre,
        returnedTotalOre: c.returnedTotalOre,
        paidInYearOre: c.paidInYearOre,
        returnedInYearOre: c.returnedInYearOre,
        lastPaidInYear: c.lastPaidInYear,
        movedInYear: c.movedInYear,
      };
    })
    .sort((x, y) => (rank.get(x.centreName) ?? 0) - (rank.get(y.centreName) ?? 0) || x.id - y.id);
}

/** Membership periods of every centre (the decision-date membership check needs them). */
function membershipPeriods(ctx: ServiceContext): Map<number, MembershipPeriod[]> {
  const periods = new Map<number, MembershipPeriod[]>();
  for (const m of ctx.db
    .select({
      centreId: memberships.centreId,
      joinedDate: memberships.joinedDate,
      leftDate: memberships.leftDate,
    })
    .from(memberships)
    .orderBy(asc(memberships.joinedDate))
    .all()) {
    const list = periods.get(m.centreId) ?? [];
    list.push({ joinedDate: m.joinedDate, leftDate: m.leftDate });
    periods.set(m.centreId, list);
  }
  return periods;
}

/** The year's balance decisions, each marked stale when the closing balance has moved since. */
function decisionsOf(
  ctx: ServiceContext,
  year: number,
  grantById: ReadonlyMap<number, YearGrant>,
): Map<number, BalanceDecisionView> {
  const decisions = new Map<number, BalanceDecisionView>();
  for (const d of ctx.db
    .select()
    .from(balanceDecisions)
    .where(eq(balanceDecisions.year, year))
    .all()) {
    const closing = grantById.get(d.grantId)?.balance.closingOre ?? 0;
    decisions.set(d.grantId, {
      grantId: d.grantId,
      year: d.year,
      decision: d.decision,
      amountOre: d.amountOre,
      approvalRef: d.approvalRef,
      approvalDate: d.approvalDate,
      note: d.note,
      actor: d.actor,
      updatedAtMs: d.updatedAtMs,
      stale: d.amountOre !== closing,
    });
  }
  return decisions;
}

/** The year's status, events, exceptions and open deadlines (with their grant's title). */
function yearRecords(ctx: ServiceContext, span: Span) {
  const { db } = ctx;
  const fy = db.select().from(fiscalYears).where(eq(fiscalYears.year, span.year)).get();
  const events = db
    .select()
    .from(fiscalYearEvents)
    .where(eq(fiscalYearEvents.year, span.year))
    .orderBy(asc(fiscalYearEvents.id))
    .all()
    .map((e) => ({ ...e }));
  const exceptions = new Map(
    db
      .select()
      .from(checklistExceptions)
      .where(eq(checklistExceptions.year, span.year))
      .all()
      .map((e) => [e.itemKey, { reason: e.reason, actor: e.actor, atMs: e.createdAtMs }] as const),
  );
  const deadlines = db
    .select({
      id: grantDeadlines.id,
      grantId: grantDeadlines.grantId,
      dueDate: grantDeadlines.dueDate,
      description: grantDeadlines.description,
      grantTitle: grants.title,
    })
    .from(grantDeadlines)
    .innerJoin(grants, eq(grants.id, grantDeadlines.grantId))
    .where(and(isNull(grantDeadlines.doneDate), lte(grantDeadlines.dueDate, span.end)))
    .orderBy(asc(grantDeadlines.dueDate), asc(grantDeadlines.id))
    .all();
  return { fy, events, exceptions, deadlines };
}

/**
 * What both year models hold besides their ledger and awards: the year's status and lock,
 * its events, the grants with their decisions, exceptions and open deadlines.
 */
export function yearCommonOf(ctx: ServiceContext, span: Span, yearGrants: YearGrant[]) {
  const grantById = new Map(yearGrants.map((y) => [y.g.id, y]));
  const { fy, events, exceptions, deadlines } = yearRecords(ctx, span);
  const closed = fy?.status === 'closed';
  return {
    year: span.year,
    status: fy?.status ?? ('open' as const),
    lockedByYear: lockingYear(ctx.db, span.year),
    closedAtMs: closed ? fy.closedAtMs : null,
    closedBy: closed ? fy.closedBy : null,
    closeReason: closed ? fy.closeReason : null,
    events,
    grants: yearGrants,
    grantById,
    decisions: decisionsOf(ctx, span.year, grantById),
    exceptions,
    deadlines,
  };
}

/** Every member centre's name, by id. */
function centreNamesOf(ctx: ServiceContext): Map<number, string> {
  return new Map(
    ctx.db
      .select({ id: organisations.id, name: organisations.name })
      .from(organisations)
      .innerJoin(memberCentres, eq(memberCentres.organisationId, organisations.id))
      .all()
      .map((c) => [c.id, c.name] as const),
  );
}

/** Ids of the year's movements that have their «create» row in the change log (one query). */
function auditedMovementIdsOf(ctx: ServiceContext, span: Span): Set<number> {
  return new Set<number>(
    ctx.db
      .select({ id: auditLog.entityId })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.entity, 'movement'),
          eq(auditLog.action, 'create'),
          inArray(
            auditLog.entityId,
            ctx.db
              .select({ id: movements.id })
              .from(movements)
              .where(and(gte(movements.date, span.start), lte(movements.date, span.end))),
          ),
        ),
      )
      .all()
      .map((r) => r.id),
  );
}

/**
 * Loads everything about `year` with a fixed number of statements: the year's movements as
 * they are, other years only as SQL sums per grant and type (and per centre award), so the
 * cost follows the year, not the whole ledger.
 */
export function loadYear(ctx: ServiceContext, year: number): YearData {
  const span: Span = { year, start: `${year}-01-01`, end: `${year}-12-31` };
  const moves = yearMovements(ctx, span);
  const cash = allocationCashForYear(ctx, span, moves.inYear);
  const yearAllocations = yearAllocationsOf(ctx, cash);
  const payoutsBefore = new Map(
    yearAllocations.map((a) => [
      a.id,
      { grantId: a.grantId, amountOre: cash.get(a.id)?.paidBeforeOre ?? 0 },
    ]),
  );
  const ledgers = compactLedgers(span, moves, outsideSums(ctx, span), payoutsBefore);
  const splitRows = ctx.db
    .select({
      grantId: grantYearSplits.grantId,
      year: grantYearSplits.year,
      amountOre: grantYearSplits.amountOre,
      confirmed: grantYearSplits.confirmed,
    })
    .from(grantYearSplits)
    .orderBy(asc(grantYearSplits.year))
    .all();
  const yearGrants = yearGrantsOf(span, yearGrantRows(ctx), ledgers, splitRows);
  return {
    ...yearCommonOf(ctx, span, yearGrants),
    movementsInYear: moves.inYear,
    allocations: yearAllocations,
    periods: membershipPeriods(ctx),
    auditedMovementIds: auditedMovementIdsOf(ctx, span),
    centreNames: centreNamesOf(ctx),
  };
}

/** Net of one movement type among a grant's movements up to and including `end`. */
