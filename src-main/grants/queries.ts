/**
 * The grant read model shared by the grant, movement, funder and project services: grant
 * rows joined with their project and funder, their ledger, year splits and deadlines, and
 * the summaries and details the contract returns. All money figures come from the pure
 * functions in src-shared/grants/rules.ts, so the UI previews exactly the same numbers.
 */
import { nbLabels } from '../../src-shared/kernel/labels';
import { GRANT_STATUS_LABELS, MOVEMENT_TYPE_LABELS } from '../../src-shared/grants/labels';
import { KSS_ROLE_LABELS } from '../../src-shared/registry/labels';
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import {
  allocationRounds,
  allocations,
  grantDeadlines,
  grantYearSplits,
  grants,
  movements,
  organisations,
  projects,
} from '../../db/schema';
import type { Grant, GrantSummary, Movement } from '../../src-shared/api/contract';
import { notFound } from '../../src-shared/api/errors';
import { yearOf } from '../../src-shared/kernel/dates';
import {
  GRANT_TRANSITIONS,
  grantMoneyOf,
  netOfType,
  yearBalances,
  yearsOfPeriod,
  type GrantStatus,
  type KssRole,
  type LedgerEntry,
  type MovementType,
  type YearBalance,
} from '../../src-shared/grants/rules';
import type { ServiceContext } from '../platform/context';
import { awardHistoryOf } from './award-history';

export type GrantRecord = typeof grants.$inferSelect;
export type MovementRecord = typeof movements.$inferSelect;

/** A grant row with what the rules need from its project and funder. */
export type GrantRow = GrantRecord & {
  projectName: string;
  kssRole: KssRole;
  funderName: string;
};

/** Bokmål views of the shared labels (src-shared/grants/labels.ts, src-shared/registry/labels.ts). */
export const STATUS_LABEL: Record<GrantStatus, string> = nbLabels(GRANT_STATUS_LABELS);

export const MOVEMENT_LABEL: Record<MovementType, string> = nbLabels(MOVEMENT_TYPE_LABELS);

export const ROLE_LABEL: Record<KssRole, string> = nbLabels(KSS_ROLE_LABELS);

type SplitRow = { year: number; amountOre: number };

/** Norwegian alphabetical order for names (… X, Y, Z, Æ, Ø, Å); SQLite's byte order is not. */
export const NAME_ORDER = new Intl.Collator('nb-NO', { sensitivity: 'base', numeric: true });

/** Sorts by name in Norwegian order, then by id so equal names stay stable. */
export function byName(a: { name: string; id: number }, b: { name: string; id: number }): number {
  return NAME_ORDER.compare(a.name, b.name) || a.id - b.id;
}

function groupBy<T extends { grantId: number }>(rows: readonly T[]): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const r of rows) {
    const list = map.get(r.grantId);
    if (list) list.push(r);
    else map.set(r.grantId, [r]);
  }
  return map;
}

/** Fiscal years a grant touches: period, edition, decision, year split and movements. */
export function grantYears(
  g: Pick<GrantRecord, 'periodFrom' | 'periodTo' | 'editionYear' | 'decisionDate'>,
  ledger: readonly LedgerEntry[],
  splits: readonly SplitRow[],
): number[] {
  const years = new Set<number>(yearsOfPeriod(g.periodFrom, g.periodTo));
  if (g.editionYear !== null) years.add(g.editionYear);
  if (g.decisionDate) years.add(yearOf(g.decisionDate));
  for (const s of splits) years.add(s.year);
  for (const e of ledger) years.add(yearOf(e.date));
  return [...years].sort((a, b) => a - b);
}

/** The year range shown by default: from the first to the last year the grant touches. */
export function defaultRange(years: readonly number[]): { fromYear?: number; toYear?: number } {
  const first = years[0];
  const last = years[years.length - 1];
  return first === undefined || last === undefined ? {} : { fromYear: first, toYear: last };
}

export function createGrantModel(ctx: ServiceContext) {
  const { db } = ctx;

  function selectRows() {
    return db
      .select({
        grant: grants,
        projectName: projects.name,
        kssRole: projects.kssRole,
        funderName: organisations.name,
      })
      .from(grants)
      .innerJoin(projects, eq(projects.id, grants.projectId))
      .innerJoin(organisations, eq(organisations.id, grants.funderId));
  }

  function flatten(r: {
    grant: GrantRecord;
    projectName: string;
    kssRole: KssRole;
    funderName: string;
  }): GrantRow {
    return { ...r.grant, projectName: r.projectName, kssRole: r.kssRole, funderName: r.funderName };
  }

  /** One grant row with its project and funder; NOT_FOUND when it does not exist. */
  function row(id: number): GrantRow {
    const r = selectRows().where(eq(grants.id, id)).get();
    if (!r) throw notFound(`Fant ikke tilskuddet (id ${id}).`);
    return flatten(r);
  }

  function rows(where?: Parameters<ReturnType<typeof selectRows>['where']>[0]): GrantRow[] {
    const q = selectRows();
    return (where ? q.where(where) : q).orderBy(asc(grants.id)).all().map(flatten);
  }

  /** The grant's ledger, oldest first. */
  function ledger(grantId: number): MovementRecord[] {
    return db
      .select()
      .from(movements)
      .where(eq(movements.grantId, grantId))
      .orderBy(asc(movements.date), asc(movements.id))
      .all();
  }

  function splits(grantId: number): (SplitRow & { confirmed: boolean })[] {
    return db
      .select({
        year: grantYearSplits.year,
        amountOre: grantYearSplits.amountOre,
        confirmed: grantYearSplits.confirmed,
      })
      .from(grantYearSplits)
      .where(eq(grantYearSplits.grantId, grantId))
      .orderBy(asc(grantYearSplits.year))
      .all();
  }

  function toSummary(g: GrantRow, ledger: readonly LedgerEntry[], split: readonly SplitRow[]) {
    const summary: GrantSummary = {
      id: g.id,
      title: g.title,
      projectId: g.projectId,
      projectName: g.projectName,
      kssRole: g.kssRole,
      funderId: g.funderId,
      funderName: g.funderName,
      status: g.status,
      editionYear: g.editionYear,
      reference: g.reference,
      appliedOre: g.appliedOre,
      appliedDate: g.appliedDate,
      awardedOre: g.awardedOre,
      decisionDate: g.decisionDate,
      periodFrom: g.periodFrom,
      periodTo: g.periodTo,
      years: grantYears(g, ledger, split),
      receivedOre: netOfType(ledger, 'received'),
    };
    return summary;
  }

  /** Summaries for many grants with two extra queries in all (ledger and splits). */
  function summariesOf(list: readonly GrantRow[]): GrantSummary[] {
    if (list.length === 0) return [];
    const ids = list.map((g) => g.id);
    const allMoves = groupBy(
      db
        .select({
          grantId: movements.grantId,
          date: movements.date,
          type: movements.type,
          amountOre: movements.amountOre,
        })
        .from(movements)
        .where(inArray(movements.grantId, ids))
        .all(),
    );
    const allSplits = groupBy(
      db
        .select({
          grantId: grantYearSplits.grantId,
          year: grantYearSplits.year,
          amountOre: grantYearSplits.amountOre,
        })
        .from(grantYearSplits)
        .where(inArray(grantYearSplits.grantId, ids))
        .all(),
    );
    return list.map((g) => toSummary(g, allMoves.get(g.id) ?? [], allSplits.get(g.id) ?? []));
  }

  /**
   * Allocated to centres (invariant 3 of docs/DOMAIN.md): the sum of the awards over the grant's allocation
   * rounds, optionally leaving one round out (that round's pot is what the others leave).
   */
  function allocatedOf(grantId: number, exceptRoundId?: number): number {
    const where =
      exceptRoundId === undefined
        ? eq(allocationRounds.grantId, grantId)
        : and(eq(allocationRounds.grantId, grantId), ne(allocationRounds.id, exceptRoundId));
    const r = db
      .select({ total: sql<number>`coalesce(sum(${allocations.awardedOre}), 0)` })
      .from(allocations)
      .innerJoin(allocationRounds, eq(allocationRounds.id, allocations.roundId))
      .where(where)
      .get();
    return Number(r?.total ?? 0);
  }

  /** Per-year balances (invariant 2) over the default range or the one asked for. */
  function balancesOf(
    g: GrantRow,
    ledger: readonly LedgerEntry[],
    split: readonly SplitRow[],
    range: { fromYear?: number | null; toYear?: number | null } = {},
  ): YearBalance[] {
    const def = defaultRange(grantYears(g, ledger, split));
    const fromYear = range.fromYear ?? def.fromYear;
    const toYear = range.toYear ?? def.toYear;
    return yearBalances(ledger, {
      ...(fromYear !== undefined ? { fromYear } : {}),
      ...(toYear !== undefined ? { toYear } : {}),
    });
  }

  /** The full grant as `grants.get` returns it. */
  function detail(id: number): Grant {
    const g = row(id);
    const moves = ledger(id);
    const split = splits(id);
    const deadlines = db
      .select({
        id: grantDeadlines.id,
        dueDate: grantDeadlines.dueDate,
        description: grantDeadlines.description,
        doneDate: grantDeadlines.doneDate,
      })
      .from(grantDeadlines)
      .where(eq(grantDeadlines.grantId, id))
      .orderBy(asc(grantDeadlines.dueDate), asc(grantDeadlines.id))
      .all();
    // Allocated = the awards decided in the grant's allocation rounds. Payments to centres
    // (paid_to_centre movements) are cash and show in the balances, not here.
    const money = grantMoneyOf(g, moves, allocatedOf(id));
    return {
      ...toSummary(g, moves, split),
      schemeName: g.schemeName,
      activityFrom: g.activityFrom,
      activityTo: g.activityTo,
      kssShareOre: g.kssShareOre,
      adminRule: g.adminRule,
      adminBasisPoints: g.adminBasisPoints,
      adminFixedOre: g.adminFixedOre,
      notes: g.notes,
      carriesMoney: g.kssRole !== 'stottepartner',
      ...money,
      yearSplits: split,
      yearSplitConfirmed: split.every((s) => s.confirmed),
      awardHistory: awardHistoryOf(db, g),
      currency: g.currency,
      awardedEurCents: g.awardedEurCents,
      deadlines,
      allowedTransitions: [...GRANT_TRANSITIONS[g.status]],
      balances: balancesOf(g, moves, split),
      createdAtMs: g.createdAtMs,
      updatedAtMs: g.updatedAtMs,
    };
  }

  const counterpart = alias(movements, 'counterpart');
  const pointing = alias(movements, 'pointing');
  const reversal = alias(movements, 'reversal');
  const otherGrant = alias(grants, 'other_grant');

  /**
   * Movements as the contract shows them, with the grant on the other side of a transfer
   * (the in-leg points at the out-leg via counterpart_id; the out-leg is found from the
   * in-leg pointing at it) and the movement that reverses each one.
   */
  function movementViews(where: { grantId: number } | { ids: number[] }): Movement[] {
    const filter =
      'grantId' in where ? eq(movements.grantId, where.grantId) : inArray(movements.id, where.ids);
    const list = db
      .select({
        m: movements,
        counterpartGrantId: counterpart.grantId,
        pointingGrantId: pointing.grantId,
        reversedById: reversal.id,
      })
      .from(movements)
      .leftJoin(counterpart, eq(counterpart.id, movements.counterpartId))
      .leftJoin(pointing, eq(pointing.counterpartId, movements.id))
      .leftJoin(reversal, eq(reversal.reversesId, movements.id))
      .where(filter)
      .orderBy(asc(movements.date), asc(movements.id))
      .all();
    const otherIds = [
      ...new Set(
        list
          .map((r) => r.counterpartGrantId ?? r.pointingGrantId)
          .filter((v): v is number => v !== null),
      ),
    ];
    const titles = new Map(
      otherIds.length === 0
        ? []
        : db
            .select({ id: otherGrant.id, title: otherGrant.title })
            .from(otherGrant)
            .where(inArray(otherGrant.id, otherIds))
            .all()
            .map((r) => [r.id, r.title] as const),
    );
    return list.map(({ m, counterpartGrantId, pointingGrantId, reversedById }) => {
      const other = counterpartGrantId ?? pointingGrantId;
      return {
        id: m.id,
        grantId: m.grantId,
        date: m.date,
        type: m.type,
        amountOre: m.amountOre,
        voucherRef: m.voucherRef,
        note: m.note,
        counterpartGrantId: other,
        counterpartGrantTitle: other === null ? null : (titles.get(other) ?? null),
        approvalRef: m.approvalRef,
        approvalDate: m.approvalDate,
        reversesId: m.reversesId,
        reversedById,
        correctsId: m.correctsId,
        reason: m.reason,
        centreId: m.centreId,
        amountEurCents: m.amountEurCents,
        createdAtMs: m.createdAtMs,
        actor: m.actor,
      };
    });
  }

  return {
    row,
    rows,
    ledger,
    splits,
    allocatedOf,
    summariesOf,
    balancesOf,
    detail,
    movementViews,
  };
}

export type GrantModel = ReturnType<typeof createGrantModel>;

/** A grant row as written to the change log (without volatile timestamps). */
export function grantAuditView(g: GrantRecord) {
  const { createdAtMs: _c, updatedAtMs: _u, ...rest } = g;
  return rest;
}
