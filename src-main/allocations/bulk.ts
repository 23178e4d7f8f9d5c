/**
 * Set-based reads for the allocation lists (issue 14, no N+1): the number of overdue
 * reports in one SQL statement whatever the number of allocations. (The allocation views
 * read their rounds and grants with their rows: view-rows.ts.)
 */
import { and, eq, gt, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import { allocations, memberCentres } from '../../db/schema';
import type { Db } from '../platform/database';

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
