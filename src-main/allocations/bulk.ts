/**
 * Set-based reads for the allocation lists (issue 14, no N+1): the rounds and grants behind
 * many allocations and the number of overdue reports — each in a
 * fixed number of SQL statements whatever the number of rounds, grants or allocations.
 */
import { and, eq, gt, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import { allocationRounds, allocations, grants, memberCentres } from '../../db/schema';
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
