/**
 * Set-based reads for the allocation lists (issue 14, no N+1): the rounds and grants behind
 * many allocations, the pots of many rounds, and the number of overdue reports — each in a
 * fixed number of SQL statements whatever the number of rounds, grants or allocations.
 */
import { and, eq, gt, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import { allocationRounds, allocations, grants, memberCentres, movements } from '../../db/schema';
import { grantMoneyOf, type LedgerEntry } from '../../src-shared/grants/rules';
import type { Db } from '../platform/database';
import type { GrantRow, createGrantModel } from '../grants/queries';

type GrantModel = ReturnType<typeof createGrantModel>;
type RoundRecord = typeof allocationRounds.$inferSelect;

/** Grant rows (with project and funder) by id, in one query. */
export function grantRowsById(
  grantModel: GrantModel,
  ids: readonly number[],
): Map<number, GrantRow> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  return new Map(grantModel.rows(inArray(grants.id, unique)).map((g) => [g.id, g]));
}

/** Rounds by id with their grant, in two queries. */
export function roundsWithGrants(
  db: Db,
  grantModel: GrantModel,
  roundIds: readonly number[],
): Map<number, { round: RoundRecord; grant: GrantRow }> {
  const unique = [...new Set(roundIds)];
  if (unique.length === 0) return new Map();
  const rounds = db
    .select()
    .from(allocationRounds)
    .where(inArray(allocationRounds.id, unique))
    .all();
  const byGrant = grantRowsById(
    grantModel,
    rounds.map((r) => r.grantId),
  );
  const out = new Map<number, { round: RoundRecord; grant: GrantRow }>();
  for (const round of rounds) {
    const grant = byGrant.get(round.grantId);
    if (grant) out.set(round.id, { round, grant });
  }
  return out;
}

/**
 * The pot of each round (what `potOf` in queries.ts computes one round at a time): the
 * grant's base + net transfers in − admin share − the awards of the grant's OTHER rounds.
 * Two aggregate queries for all the rounds' grants: net transfers per grant, awards per round.
 */
export function potsOfRounds(
  db: Db,
  rounds: readonly RoundRecord[],
  grantsById: ReadonlyMap<number, GrantRow>,
): Map<number, number> {
  const out = new Map<number, number>();
  const grantIds = [...new Set(rounds.map((r) => r.grantId))];
  if (grantIds.length === 0) return out;
  const transfers = db
    .select({
      grantId: movements.grantId,
      type: movements.type,
      totalOre: sql<number>`coalesce(sum(${movements.amountOre}), 0)`,
    })
    .from(movements)
    .where(
      and(
        inArray(movements.grantId, grantIds),
        inArray(movements.type, ['transfer_in', 'transfer_out']),
      ),
    )
    .groupBy(movements.grantId, movements.type)
    .all();
  const entriesOf = new Map<number, LedgerEntry[]>();
  for (const t of transfers) {
    const list = entriesOf.get(t.grantId) ?? [];
    list.push({ date: '', type: t.type, amountOre: Number(t.totalOre) });
    entriesOf.set(t.grantId, list);
  }
  const awarded = db
    .select({
      roundId: allocationRounds.id,
      grantId: allocationRounds.grantId,
      totalOre: sql<number>`coalesce(sum(${allocations.awardedOre}), 0)`,
    })
    .from(allocationRounds)
    .leftJoin(allocations, eq(allocations.roundId, allocationRounds.id))
    .where(inArray(allocationRounds.grantId, grantIds))
    .groupBy(allocationRounds.id)
    .all();
  const perRound = new Map<number, number>();
  const perGrant = new Map<number, number>();
  for (const a of awarded) {
    const total = Number(a.totalOre);
    perRound.set(a.roundId, total);
    perGrant.set(a.grantId, (perGrant.get(a.grantId) ?? 0) + total);
  }
  for (const r of rounds) {
    const g = grantsById.get(r.grantId);
    if (!g) continue;
    const others = (perGrant.get(r.grantId) ?? 0) - (perRound.get(r.id) ?? 0);
    out.set(r.id, grantMoneyOf(g, entriesOf.get(g.id) ?? [], others).availableOre);
  }
  return out;
}

/**
 * How many awards have an overdue report on `asOf`: the same filter as
 * `centreReports.overdue` (due date passed, no report received, status «Venter» or
 * «Purret», a positive award, a member centre), counted in SQL.
 */
export function overdueReportCount(db: Db, asOf: string): number {
  const row = db
    .select({ n: sql<number>`count(*)` })
    .from(allocations)
    .innerJoin(memberCentres, eq(memberCentres.organisationId, allocations.centreId))
    .where(
      and(
        isNotNull(allocations.reportDueDate),
        lt(allocations.reportDueDate, asOf),
        isNull(allocations.reportReceivedDate),
        inArray(allocations.reportStatus, ['venter', 'purret']),
        gt(allocations.awardedOre, 0),
      ),
    )
    .get();
  return Number(row?.n ?? 0);
}
