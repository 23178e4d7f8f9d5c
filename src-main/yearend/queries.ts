/**
 * The read model of one fiscal year, loaded with a handful of queries and shared by the
 * year-end checklist, the accountant's workbook and the accounting CSV: every grant with its
 * project, funder, ledger, split and balance for the year, the centres' awards with their
 * cash from the ledger, the balance decisions, exceptions, status and events.
 *
 * size: one read model, loaded once and shared by the checklist, workbook and CSV, so its
 * loader and the checklist built from it stay together; the checklist (checklistOf) could
 * move to its own file.
 */
import { and, asc, eq, getTableColumns, gte, inArray, isNull, lte } from 'drizzle-orm';
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
import type {
  BalanceDecisionView,
  ChecklistItem,
  FiscalYearEvent,
  YearEndGrant,
  YearEndOverview,
} from '../../src-shared/api/contract';
import { formatIsoDate, yearOf } from '../../src-shared/kernel/dates';
import { isReportOverdue } from '../../src-shared/allocations/rules';
import type { MembershipPeriod } from '../../src-shared/registry/centres';
import {
  adminBaseOf,
  AWARDED_STATUSES,
  yearBalances,
  type FunderType,
  type GrantStatus,
  type KssRole,
  type YearBalance,
} from '../../src-shared/grants/rules';
import { checklistKey, type FiscalYearStatus } from '../../src-shared/yearend/rules';
import { formatOre } from '../../src-shared/kernel/money';
import type { ServiceContext } from '../platform/context';
import { lockingYear } from './locks';
import { unconfirmedSplitItems } from './split-check';
import { NAME_ORDER, type GrantRecord, type MovementRecord } from '../grants/queries';
import { plausibilityItems, priorYearCorrectionsOf } from './plausibility';

const kr = (ore: number) => formatOre(ore);
const date = (iso: string) => formatIsoDate(iso);

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
  deadlines: { id: number; grantId: number; dueDate: string; description: string }[];
  /** Ids of movements that have their «create» row in the change log. */
  auditedMovementIds: Set<number>;
  centreNames: Map<number, string>;
}

function groupBy<T, K>(rows: readonly T[], key: (r: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = map.get(k);
    if (list) list.push(r);
    else map.set(k, [r]);
  }
  return map;
}

/**
 * A table's columns as `alias.column as key` for raw SQL: the big reads of the year skip
 * drizzle's row mapping (these tables have no boolean or JSON columns to convert).
 */
function columnsOf(table: typeof grants | typeof movements, alias: string) {
  return Object.entries(getTableColumns(table))
    .map(([key, column]) => `${alias}.${column.name} as ${key}`)
    .join(', ');
}

const MOVEMENT_COLUMNS = columnsOf(movements, 'm');

/** A movement row as an object literal of a fixed shape (fast to read in the loops below). */
function movementOf(r: MovementRecord): MovementRecord {
  return {
    id: r.id,
    grantId: r.grantId,
    date: r.date,
    type: r.type,
    amountOre: r.amountOre,
    voucherRef: r.voucherRef,
    note: r.note,
    counterpartId: r.counterpartId,
    approvalRef: r.approvalRef,
    approvalDate: r.approvalDate,
    reversesId: r.reversesId,
    correctsId: r.correctsId,
    reason: r.reason,
    centreId: r.centreId,
    allocationId: r.allocationId,
    amountEurCents: r.amountEurCents,
    createdAtMs: r.createdAtMs,
    actor: r.actor,
  };
}

interface Span {
  year: number;
  start: string;
  end: string;
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

/**
 * The year's movements (by date, then id) and the movements of other years linked to them:
 * the originals they reverse or correct, their transfer legs, and their reversals. Three
 * statements over the date, id, reverses_id and counterpart_id indexes.
 */
function yearMovements(ctx: ServiceContext, span: Span) {
  const range = { start: span.start, end: span.end };
  const inYear = ctx.sqlite
    .prepare(
      `select ${MOVEMENT_COLUMNS} from movements m
        where m.date >= @start and m.date <= @end order by m.date, m.id`,
    )
    .all(range) as MovementRecord[];
  const inYearRows = inYear.map(movementOf);
  // Originals of the year's reversals, corrections and transfer legs (ids known here), and
  // movements of other years pointing at the year's (later reversals), by their indexes.
  const inYearIds = new Set(inYearRows.map((m) => m.id));
  const pointedAt = [
    ...new Set(
      inYearRows
        .flatMap((m) => [m.reversesId, m.correctsId, m.counterpartId])
        .filter((id): id is number => id !== null && !inYearIds.has(id)),
    ),
  ];
  const outside = `(m.date < @start or m.date > @end)`;
  const linked = (
    ctx.sqlite
      .prepare(
        `select ${MOVEMENT_COLUMNS} from movements m
          where m.id in (select value from json_each(@ids))
         union
         select ${MOVEMENT_COLUMNS} from movements m join movements o on o.id = m.reverses_id
          where m.reverses_id is not null and o.date >= @start and o.date <= @end and ${outside}
         union
         select ${MOVEMENT_COLUMNS} from movements m join movements o on o.id = m.counterpart_id
          where m.counterpart_id is not null and o.date >= @start and o.date <= @end and ${outside}`,
      )
      .all({ ...range, ids: JSON.stringify(pointedAt) }) as MovementRecord[]
  ).map(movementOf);
  return { inYear: inYearRows, linked };
}

interface OutsideSum {
  grantId: number;
  type: MovementRecord['type'];
  before: boolean;
  amountOre: number;
  eurCents: number;
}

/**
 * Every grant's movements before and after the year, summed per type by SQLite (one pass
 * over the covering `movements(grant_id, type, date, amount_ore)` index, in its order), and the euro cents
 * received by grants in EUR (their receipts only).
 */
function outsideSums(ctx: ServiceContext, span: Span): OutsideSum[] {
  const rows = ctx.sqlite
    .prepare(
      `select grant_id as grantId, type,
         coalesce(sum(case when date < @start then amount_ore end), 0) as beforeOre,
         coalesce(sum(case when date > @end then amount_ore end), 0) as afterOre
         from movements group by grant_id, type`,
    )
    .all({ start: span.start, end: span.end }) as {
    grantId: number;
    type: MovementRecord['type'];
    beforeOre: number;
    afterOre: number;
  }[];
  const euro = new Map(
    (
      ctx.sqlite
        .prepare(
          `select m.grant_id as grantId, m.date < @start as before,
             coalesce(sum(m.amount_eur_cents), 0) as cents
           from grants g join movements m on m.grant_id = g.id and m.type = 'received'
          where g.currency = 'EUR' and (m.date < @start or m.date > @end)
          group by m.grant_id, m.date < @start`,
        )
        .all({ start: span.start, end: span.end }) as {
        grantId: number;
        before: number;
        cents: number;
      }[]
    ).map((e) => [`${e.grantId}|${e.before}`, e.cents] as const),
  );
  return rows.flatMap(({ grantId, type, beforeOre, afterOre }) =>
    [true, false].map((before) => ({
      grantId,
      type,
      before,
      amountOre: before ? beforeOre : afterOre,
      eurCents: type === 'received' ? (euro.get(`${grantId}|${before ? 1 : 0}`) ?? 0) : 0,
    })),
  );
}

interface AllocationYearCash {
  paidTotalOre: number;
  returnedTotalOre: number;
  paidInYearOre: number;
  returnedInYearOre: number;
  lastPaidInYear: string | null;
  movedInYear: boolean;
  paidBeforeOre: number;
}

/** Each centre award's cash from the ledger, in total, in the year and before it (one statement). */
function allocationCashForYear(ctx: ServiceContext, span: Span): Map<number, AllocationYearCash> {
  const inYear = `date >= @start and date <= @end`;
  const rows = ctx.sqlite
    .prepare(
      `select allocation_id as id,
         sum(case when type = 'paid_to_centre' then amount_ore else 0 end) as paidTotalOre,
         sum(case when type = 'returned_by_centre' then amount_ore else 0 end) as returnedTotalOre,
         sum(case when type = 'paid_to_centre' and ${inYear} then amount_ore else 0 end) as paidInYearOre,
         sum(case when type = 'returned_by_centre' and ${inYear} then amount_ore else 0 end) as returnedInYearOre,
         max(case when type = 'paid_to_centre' and ${inYear} and amount_ore > 0 then date end) as lastPaidInYear,
         max(case when ${inYear} then 1 else 0 end) as movedInYear,
         sum(case when type = 'paid_to_centre' and date < @start then amount_ore else 0 end) as paidBeforeOre
       from movements indexed by movements_allocation_id_type_date_amount_ore_idx
       where allocation_id is not null and type in ('paid_to_centre', 'returned_by_centre')
       group by allocation_id`,
    )
    .all({ start: span.start, end: span.end }) as (Omit<AllocationYearCash, 'movedInYear'> & {
    id: number;
    movedInYear: number;
  })[];
  return new Map(rows.map(({ id, ...c }) => [id, { ...c, movedInYear: c.movedInYear === 1 }]));
}

/** A stand-in movement for a sum of movements outside the year (a negative id, no links). */
function sumRow(
  id: number,
  grantId: number,
  date: string,
  type: MovementRecord['type'],
  amountOre: number,
  extra: { allocationId?: number; amountEurCents?: number } = {},
): MovementRecord {
  return {
    id,
    grantId,
    date,
    type,
    amountOre,
    voucherRef: null,
    note: null,
    counterpartId: null,
    approvalRef: null,
    approvalDate: null,
    reversesId: null,
    correctsId: null,
    reason: null,
    centreId: null,
    allocationId: extra.allocationId ?? null,
    amountEurCents: extra.amountEurCents ?? null,
    createdAtMs: 0,
    actor: '',
  };
}

/**
 * Each grant's ledger as the read model keeps it: the year's movements and the linked ones
 * of other years as they are, and everything else before and after the year as one row per
 * type (dated 31 December before, 1 January after; payouts before the year per centre
 * award). Same year balances, type totals and plausibility findings as the full ledger.
 */
function compactLedgers(
  span: Span,
  moves: { inYear: MovementRecord[]; linked: MovementRecord[] },
  sums: readonly OutsideSum[],
  payoutsBefore: ReadonlyMap<number, { grantId: number; amountOre: number }>,
): Map<number, MovementRecord[]> {
  const left = new Map<string, OutsideSum>();
  const key = (grantId: number, type: string, before: boolean) => `${grantId}|${type}|${before}`;
  for (const r of sums) left.set(key(r.grantId, r.type, r.before), { ...r });
  const take = (grantId: number, type: string, before: boolean, ore: number, eur = 0) => {
    const r = left.get(key(grantId, type, before));
    if (r) {
      r.amountOre -= ore;
      r.eurCents -= eur;
    }
  };
  for (const m of moves.linked) {
    take(m.grantId, m.type, m.date < span.start, m.amountOre, m.amountEurCents ?? 0);
  }
  const payouts = new Map([...payoutsBefore].map(([a, p]) => [a, { ...p }]));
  for (const m of moves.linked) {
    const p = m.allocationId === null ? undefined : payouts.get(m.allocationId);
    if (p && m.type === 'paid_to_centre' && m.date < span.start) p.amountOre -= m.amountOre;
  }
  const rows: MovementRecord[] = [];
  let id = 0;
  for (const [allocationId, p] of payouts) {
    if (p.amountOre === 0) continue;
    take(p.grantId, 'paid_to_centre', true, p.amountOre);
    rows.push(
      sumRow(--id, p.grantId, `${span.year - 1}-12-31`, 'paid_to_centre', p.amountOre, {
        allocationId,
      }),
    );
  }
  for (const r of left.values()) {
    if (r.amountOre === 0 && r.eurCents === 0) continue;
    const date = r.before ? `${span.year - 1}-12-31` : `${span.year + 1}-01-01`;
    const eur = r.type === 'received' && r.eurCents !== 0 ? { amountEurCents: r.eurCents } : {};
    rows.push(sumRow(--id, r.grantId, date, r.type, r.amountOre, eur));
  }
  const all = [...rows, ...moves.linked, ...moves.inYear].sort((a, b) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : a.id - b.id,
  );
  return groupBy(all, (m) => m.grantId);
}
/** Each grant's figures for the year from its (compact) ledger and year split. */
function yearGrantsOf(
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

/** The centres' awards with their round, centre and cash (in Norwegian centre-name order). */
function yearAllocationsOf(
  ctx: ServiceContext,
  cash: ReadonlyMap<number, AllocationYearCash>,
): YearAllocation[] {
  const rows = ctx.sqlite
    .prepare(
      `select a.id, a.round_id as roundId, r.name as roundName, r.grant_id as grantId,
         a.centre_id as centreId, o.name as centreName, o.org_number as orgNumber,
         c.region, a.applied_ore as appliedOre, a.awarded_ore as awardedOre,
         a.decision_date as decisionDate, a.override_reason as overrideReason,
         a.report_due_date as reportDueDate, a.report_received_date as reportReceivedDate,
         a.report_status as reportStatus, a.spent_ore as spentOre,
         a.kept_unused_ore as keptUnusedOre
       from allocations a join allocation_rounds r on r.id = a.round_id
         join organisations o on o.id = a.centre_id
         join member_centres c on c.organisation_id = a.centre_id`,
    )
    .all() as Omit<YearAllocation, keyof Omit<AllocationYearCash, 'paidBeforeOre'>>[];
  // Collate each centre name once (thousands of awards share a few thousand names).
  const names = [...new Set(rows.map((r) => r.centreName))].sort((x, y) =>
    NAME_ORDER.compare(x, y),
  );
  const rank = new Map(names.map((n, i) => [n, i]));
  // Object literals with a fixed shape: the checklist filters these thousands of times, and
  // raw rows (or spreads of them) are slow to read property by property.
  return rows
    .map((a): YearAllocation => {
      const c = cash.get(a.id) ?? NO_YEAR_CASH;
      return {
        id: a.id,
        roundId: a.roundId,
        roundName: a.roundName,
        grantId: a.grantId,
        centreId: a.centreId,
        centreName: a.centreName,
        orgNumber: a.orgNumber,
        region: a.region,
        appliedOre: a.appliedOre,
        awardedOre: a.awardedOre,
        decisionDate: a.decisionDate,
        overrideReason: a.overrideReason,
        reportDueDate: a.reportDueDate,
        reportReceivedDate: a.reportReceivedDate,
        reportStatus: a.reportStatus,
        spentOre: a.spentOre,
        keptUnusedOre: a.keptUnusedOre,
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

/** The year's status, events, exceptions, open deadlines and the centres' names. */
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
    })
    .from(grantDeadlines)
    .where(and(isNull(grantDeadlines.doneDate), lte(grantDeadlines.dueDate, span.end)))
    .orderBy(asc(grantDeadlines.dueDate), asc(grantDeadlines.id))
    .all();
  const centreNames = new Map(
    db
      .select({ id: organisations.id, name: organisations.name })
      .from(organisations)
      .innerJoin(memberCentres, eq(memberCentres.organisationId, organisations.id))
      .all()
      .map((c) => [c.id, c.name] as const),
  );
  return { fy, events, exceptions, deadlines, centreNames };
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
  const cash = allocationCashForYear(ctx, span);
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
  const grantById = new Map(yearGrants.map((y) => [y.g.id, y]));
  const { fy, events, exceptions, deadlines, centreNames } = yearRecords(ctx, span);
  const closed = fy?.status === 'closed';
  return {
    year,
    status: fy?.status ?? 'open',
    lockedByYear: lockingYear(ctx.db, year),
    closedAtMs: closed ? fy.closedAtMs : null,
    closedBy: closed ? fy.closedBy : null,
    closeReason: closed ? fy.closeReason : null,
    events,
    grants: yearGrants,
    grantById,
    movementsInYear: moves.inYear,
    allocations: yearAllocations,
    periods: membershipPeriods(ctx),
    decisions: decisionsOf(ctx, year, grantById),
    exceptions,
    deadlines,
    auditedMovementIds: auditedMovementIdsOf(ctx, span),
    centreNames,
  };
}

/** Net of one movement type among a grant's movements up to and including `end`. */
function netUpTo(ledger: readonly MovementRecord[], type: MovementRecord['type'], end: string) {
  let total = 0;
  for (const m of ledger) if (m.type === type && m.date <= end) total += m.amountOre;
  return total;
}

/**
 * What the funder should have paid KSS by the end of the year: the award's parts for the year
 * and the years before (KSS's part, for «partner med andel»).
 */
function expectedThrough(y: YearGrant, year: number): number {
  const { g } = y;
  if (g.awardedOre === null || g.awardedOre === 0) return 0;
  const base = adminBaseOf(g);
  let awardedThrough: number;
  if (y.splits.length > 0) {
    awardedThrough = y.splits.filter((s) => s.year <= year).reduce((a, s) => a + s.amountOre, 0);
  } else {
    awardedThrough = g.decisionDate && yearOf(g.decisionDate) <= year ? g.awardedOre : 0;
  }
  if (base === g.awardedOre) return awardedThrough;
  // KSS's part of the years' share, rounded half up, in integers.
  return Number(
    (BigInt(base) * BigInt(awardedThrough) * 2n + BigInt(g.awardedOre)) /
      (2n * BigInt(g.awardedOre)),
  );
}

/** The year-end checklist: every open point with its stable key and any confirmed exception. */
export function checklistOf(data: YearData): ChecklistItem[] {
  const { year } = data;
  const end = `${year}-12-31`;
  const items: Omit<ChecklistItem, 'exception'>[] = [];
  const base = { grantId: null, allocationId: null, amountOre: null };

  for (const y of data.grants) {
    const { g, balance } = y;
    if (g.kssRole === 'stottepartner') continue;
    const closing = balance.closingOre;
    if (y.inYear && closing !== 0) {
      const decision = data.decisions.get(g.id);
      if (!decision) {
        items.push({
          ...base,
          key: checklistKey('balance', g.id),
          kind: 'balance',
          grantId: g.id,
          amountOre: closing,
          title: `«${g.title}»: utgående saldo ${kr(closing)} uten beslutning`,
          detail:
            'Registrer om saldoen overføres til neste år (med godkjenning fra tilskuddsyteren), skal tilbakebetales, eller forklar den.',
        });
      } else if (decision.amountOre !== closing) {
        items.push({
          ...base,
          key: checklistKey('balance', g.id),
          kind: 'balance',
          grantId: g.id,
          amountOre: closing,
          title: `«${g.title}»: saldoen er endret etter beslutningen (${kr(decision.amountOre)} → ${kr(closing)})`,
          detail: 'Registrer beslutningen om saldoen på nytt.',
        });
      }
    }

    if (
      g.awardedOre !== null &&
      AWARD_STATUSES.includes(g.status) &&
      (y.inYear || (g.decisionDate !== null && yearOf(g.decisionDate) === year))
    ) {
      const splitSum = y.splits.reduce((a, s) => a + s.amountOre, 0);
      if (y.splits.length === 0 || splitSum !== g.awardedOre) {
        items.push({
          ...base,
          key: checklistKey('year_split', g.id),
          kind: 'year_split',
          grantId: g.id,
          amountOre: g.awardedOre,
          title:
            y.splits.length === 0
              ? `«${g.title}»: innvilget ${kr(g.awardedOre)} uten fordeling per år`
              : `«${g.title}»: fordelingen per år (${kr(splitSum)}) stemmer ikke med innvilget beløp (${kr(g.awardedOre)})`,
          detail: 'Fordel tilskuddet på regnskapsårene på tilskuddets side.',
        });
      }
      const expected = expectedThrough(y, year);
      const received = netUpTo(y.ledger, 'received', end);
      if (received < expected) {
        items.push({
          ...base,
          key: checklistKey('grant_not_received', g.id),
          kind: 'grant_not_received',
          grantId: g.id,
          amountOre: expected - received,
          title: `«${g.title}»: mottatt ${kr(received)} av ${kr(expected)} innvilget til og med ${year}`,
          detail: `Registrer innbetalingen fra ${g.funderName}, eller bekreft et unntak (for eksempel at resten kommer senere år).`,
        });
      }
    }
  }

  for (const a of data.allocations) {
    const awarded = a.awardedOre ?? 0;
    if (awarded <= 0 || !a.decisionDate || a.decisionDate > end) continue;
    if (a.paidTotalOre < awarded) {
      items.push({
        ...base,
        key: checklistKey('allocation_unpaid', a.id),
        kind: 'allocation_unpaid',
        grantId: a.grantId,
        allocationId: a.id,
        amountOre: awarded - a.paidTotalOre,
        title: `${a.centreName}: tildelt ${kr(awarded)} i «${a.roundName}», utbetalt ${kr(a.paidTotalOre)}`,
        detail: 'Registrer utbetalingen, eller bekreft et unntak med begrunnelse.',
      });
    }
    if (isReportOverdue(a, `${year + 1}-01-01`)) {
      items.push({
        ...base,
        key: checklistKey('report_overdue', a.id),
        kind: 'report_overdue',
        grantId: a.grantId,
        allocationId: a.id,
        title: `${a.centreName}: rapporten for «${a.roundName}» hadde frist ${date(a.reportDueDate as string)}`,
        detail: 'Registrer rapporten, send en purring, eller bekreft et unntak med begrunnelse.',
      });
    }
  }

  for (const d of data.deadlines) {
    const g = data.grantById.get(d.grantId)?.g;
    items.push({
      ...base,
      key: checklistKey('deadline_overdue', d.id),
      kind: 'deadline_overdue',
      grantId: d.grantId,
      title: `«${g?.title ?? `tilskudd ${d.grantId}`}»: «${d.description}» hadde frist ${date(d.dueDate)}`,
      detail: 'Marker rapporten som levert, eller bekreft et unntak med begrunnelse.',
    });
  }

  items.push(...unconfirmedSplitItems(data));
  items.push(...plausibilityItems(data));
  return items.map((i) => ({ ...i, exception: data.exceptions.get(i.key) ?? null }));
}

const MONEY_KEYS = [
  'openingOre',
  'receivedOre',
  'transferInOre',
  'adminShareOre',
  'paidToCentresOre',
  'ownCostsOre',
  'returnedOre',
  'repaidOre',
  'transferOutOre',
  'closingOre',
] as const;

/** Sums of the year balances of several grants. */
export function sumBalances(rows: readonly YearBalance[]): YearEndOverview['totals'] {
  const totals = Object.fromEntries(MONEY_KEYS.map((k) => [k, 0])) as YearEndOverview['totals'];
  for (const r of rows) for (const k of MONEY_KEYS) totals[k] += r[k];
  return totals;
}

/** Grants with money in the year in the order the workbook and the page show them. */
export function grantsInYear(data: YearData): YearGrant[] {
  return data.grants
    .filter((y) => y.inYear)
    .sort(
      (a, b) =>
        NAME_ORDER.compare(a.g.projectName, b.g.projectName) ||
        NAME_ORDER.compare(a.g.title, b.g.title) ||
        a.g.id - b.g.id,
    );
}

/** The overview the year-end page shows. */
export function overviewOf(data: YearData): YearEndOverview {
  const list = grantsInYear(data);
  const items = checklistOf(data);
  const openItemCount = items.filter((i) => i.exception === null).length;
  const grantViews: YearEndGrant[] = list.map((y) => {
    const decision = data.decisions.get(y.g.id) ?? null;
    const closing = y.balance.closingOre;
    return {
      grantId: y.g.id,
      title: y.g.title,
      projectId: y.g.projectId,
      projectName: y.g.projectName,
      projectNumber: y.g.projectNumber,
      funderName: y.g.funderName,
      funderType: y.g.funderType,
      reference: y.g.reference,
      kssRole: y.g.kssRole,
      status: y.g.status,
      awardedOre: y.g.awardedOre,
      awardedForYearOre: y.awardedForYearOre,
      awardedForYearConfirmed: y.splits.find((s) => s.year === data.year)?.confirmed ?? true,
      balance: y.balance,
      nextOpeningOre: y.nextOpeningOre,
      decision,
      needsDecision: closing !== 0 && (decision === null || decision.stale),
    };
  });
  return {
    year: data.year,
    status: data.status,
    lockedByYear: data.lockedByYear,
    closedAtMs: data.closedAtMs,
    closedBy: data.closedBy,
    closeReason: data.closeReason,
    events: data.events,
    grants: grantViews,
    totals: sumBalances(list.map((y) => y.balance)),
    items,
    openItemCount,
    priorYearCorrections: priorYearCorrectionsOf(data),
    canClose: data.status === 'open' && openItemCount === 0,
  };
}
