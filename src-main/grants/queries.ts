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
import type { PlausibilityLedgerEntry } from '../../src-shared/grants/plausibility';
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
import { receivedByYear, splitsByGrant } from './ledger-years';

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

function selectRows(ctx: ServiceContext) {
  return ctx.db
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
export function grantRow(ctx: ServiceContext, id: number): GrantRow {
  const r = selectRows(ctx).where(eq(grants.id, id)).get();
  if (!r) throw notFound(`Fant ikke tilskuddet (id ${id}).`);
  return flatten(r);
}

type RowsWhere = Parameters<ReturnType<typeof selectRows>['where']>[0];

/** Grant rows with project and funder, by id. */
export function grantRows(ctx: ServiceContext, where?: RowsWhere): GrantRow[] {
  const q = selectRows(ctx);
  return (where ? q.where(where) : q).orderBy(asc(grants.id)).all().map(flatten);
}

/** The grant's ledger, oldest first (every movement: for the pages that show them). */
export function grantLedger(ctx: ServiceContext, grantId: number): MovementRecord[] {
  return ctx.db
    .select()
    .from(movements)
    .where(eq(movements.grantId, grantId))
    .orderBy(asc(movements.date), asc(movements.id))
    .all();
}

/**
 * The grant's ledger summed per fiscal year and type, one entry each dated 1 January: the
 * same year balances, type totals, years and plausibility findings as the full ledger
 * (except payouts per centre award, which are not kept apart), in at most years × types
 * entries. One statement over `ledger_sums` (the ledger summed by a trigger, issue 14), so
 * its cost does not depend on the grant's number of movements; the euro cents received come
 * with it (for a grant in EUR).
 */
export function ledgerSums(
  ctx: ServiceContext,
  g: { id: number; currency?: string },
): PlausibilityLedgerEntry[] {
  const rows = ctx.sqlite
    .prepare(
      `select type, year, sum(amount_ore) as amountOre, sum(eur_cents) as cents
         from ledger_sums where grant_id = ? group by type, year order by year, type`,
    )
    .all(g.id) as { type: MovementType; year: number; amountOre: number; cents: number }[];
  const eur = g.currency === 'EUR';
  return rows.map((r) => ({
    date: `${String(r.year).padStart(4, '0')}-01-01`,
    type: r.type,
    amountOre: r.amountOre,
    ...(eur && r.type === 'received' ? { amountEurCents: r.cents } : {}),
  }));
}

export function grantSplits(
  ctx: ServiceContext,
  grantId: number,
): (SplitRow & { confirmed: boolean })[] {
  return ctx.db
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

/**
 * Summaries for many grants with two extra statements in all: net received per grant and
 * year summed by SQLite (ledger-years.ts), and the year splits.
 */
export function grantSummaries(ctx: ServiceContext, list: readonly GrantRow[]): GrantSummary[] {
  if (list.length === 0) return [];
  const ids = list.map((g) => g.id);
  const received = receivedByYear(ctx.db, ids);
  const splits = splitsByGrant(ctx.db, ids);
  return list.map((g) => toSummary(g, received.get(g.id) ?? [], splits.get(g.id) ?? []));
}

/**
 * Allocated to centres (invariant 3 of docs/DOMAIN.md): the sum of the awards over the grant's allocation
 * rounds, optionally leaving one round out (that round's pot is what the others leave).
 */
export function allocatedOf(ctx: ServiceContext, grantId: number, exceptRoundId?: number): number {
  const where =
    exceptRoundId === undefined
      ? eq(allocationRounds.grantId, grantId)
      : and(eq(allocationRounds.grantId, grantId), ne(allocationRounds.id, exceptRoundId));
  const r = ctx.db
    .select({ total: sql<number>`coalesce(sum(${allocations.awardedOre}), 0)` })
    .from(allocations)
    .innerJoin(allocationRounds, eq(allocationRounds.id, allocations.roundId))
    .where(where)
    .get();
  return Number(r?.total ?? 0);
}

/** Per-year balances (invariant 2) over the default range or the one asked for. */
export function balancesOf(
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

/** The full grant as `grants.get` returns it (its money from the ledger's sums per year). */
export function grantDetail(ctx: ServiceContext, id: number): Grant {
  const g = grantRow(ctx, id);
  const sums = ledgerSums(ctx, g);
  const split = grantSplits(ctx, id);
  const deadlines = ctx.db
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
  const money = grantMoneyOf(g, sums, allocatedOf(ctx, id));
  return {
    ...toSummary(g, sums, split),
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
    awardHistory: awardHistoryOf(ctx.db, g),
    currency: g.currency,
    awardedEurCents: g.awardedEurCents,
    deadlines,
    allowedTransitions: [...GRANT_TRANSITIONS[g.status]],
    balances: balancesOf(g, sums, split),
    createdAtMs: g.createdAtMs,
    updatedAtMs: g.updatedAtMs,
  };
}

const counterpart = alias(movements, 'counterpart');
const pointing = alias(movements, 'pointing');
const reversal = alias(movements, 'reversal');
const otherGrant = alias(grants, 'other_grant');

function otherGrantTitles(ctx: ServiceContext, ids: readonly number[]): Map<number, string> {
  if (ids.length === 0) return new Map();
  return new Map(
    ctx.db
      .select({ id: otherGrant.id, title: otherGrant.title })
      .from(otherGrant)
      .where(inArray(otherGrant.id, [...ids]))
      .all()
      .map((r) => [r.id, r.title] as const),
  );
}

/**
 * Movements as the contract shows them, with the grant on the other side of a transfer
 * (the in-leg points at the out-leg via counterpart_id; the out-leg is found from the
 * in-leg pointing at it) and the movement that reverses each one.
 */
export function movementViews(
  ctx: ServiceContext,
  where: { grantId: number } | { ids: number[] },
): Movement[] {
  const filter =
    'grantId' in where ? eq(movements.grantId, where.grantId) : inArray(movements.id, where.ids);
  const list = ctx.db
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
  const titles = otherGrantTitles(ctx, [
    ...new Set(
      list
        .map((r) => r.counterpartGrantId ?? r.pointingGrantId)
        .filter((v): v is number => v !== null),
    ),
  ]);
  return list.map(({ m, counterpartGrantId, pointingGrantId, reversedById }) => {
    const { allocationId: _a, counterpartId: _c, ...fields } = m;
    const other = counterpartGrantId ?? pointingGrantId;
    return {
      ...fields,
      counterpartGrantId: other,
      counterpartGrantTitle: other === null ? null : (titles.get(other) ?? null),
      reversedById,
    };
  });
}

/** The grant read model bound to one context (the functions above, for the services). */
export function createGrantModel(ctx: ServiceContext) {
  return {
    row: (id: number) => grantRow(ctx, id),
    rows: (where?: RowsWhere) => grantRows(ctx, where),
    ledger: (grantId: number) => grantLedger(ctx, grantId),
    ledgerSums: (g: { id: number; currency?: string }) => ledgerSums(ctx, g),
    splits: (grantId: number) => grantSplits(ctx, grantId),
    allocatedOf: (grantId: number, exceptRoundId?: number) =>
      allocatedOf(ctx, grantId, exceptRoundId),
    summariesOf: (list: readonly GrantRow[]) => grantSummaries(ctx, list),
    balancesOf,
    detail: (id: number) => grantDetail(ctx, id),
    movementViews: (where: { grantId: number } | { ids: number[] }) => movementViews(ctx, where),
  };
}

export type GrantModel = ReturnType<typeof createGrantModel>;

/** A grant row as written to the change log (without volatile timestamps). */
export function grantAuditView(g: GrantRecord) {
  const { createdAtMs: _c, updatedAtMs: _u, ...rest } = g;
  return rest;
}
