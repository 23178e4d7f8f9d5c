/**
 * Set-based ledger reads for pages that show many grants per year (issue 14, no N+1): the
 * years each grant's movements touch with the net received per year, and the year splits
 * of many grants, each in one query whatever the number of grants or movements.
 */
import { asc, inArray, sql } from 'drizzle-orm';
import { grantYearSplits, movements } from '../../db/schema';
import type { LedgerEntry } from '../../src-shared/grants/rules';
import type { Db } from '../platform/database';

/**
 * Per grant, one ledger entry per fiscal year its movements touch: type «received», dated
 * 1 January, with the year's net received (reversals included; 0 when none). Enough for
 * `grantYears` and a per-year received sum, without reading every movement.
 */
export function receivedByYear(db: Db, grantIds: readonly number[]): Map<number, LedgerEntry[]> {
  const out = new Map<number, LedgerEntry[]>();
  if (grantIds.length === 0) return out;
  const year = sql<string>`substr(${movements.date}, 1, 4)`;
  const rows = db
    .select({
      grantId: movements.grantId,
      year,
      receivedOre: sql<number>`coalesce(sum(case when ${movements.type} = 'received' then ${movements.amountOre} else 0 end), 0)`,
    })
    .from(movements)
    .where(inArray(movements.grantId, [...new Set(grantIds)]))
    .groupBy(movements.grantId, year)
    .orderBy(asc(movements.grantId), asc(year))
    .all();
  for (const r of rows) {
    const list = out.get(r.grantId) ?? [];
    list.push({ date: `${r.year}-01-01`, type: 'received', amountOre: Number(r.receivedOre) });
    out.set(r.grantId, list);
  }
  return out;
}

/** The year splits of many grants, oldest year first, in one query. */
export function splitsByGrant(
  db: Db,
  grantIds: readonly number[],
): Map<number, { year: number; amountOre: number; confirmed: boolean }[]> {
  const out = new Map<number, { year: number; amountOre: number; confirmed: boolean }[]>();
  if (grantIds.length === 0) return out;
  const rows = db
    .select({
      grantId: grantYearSplits.grantId,
      year: grantYearSplits.year,
      amountOre: grantYearSplits.amountOre,
      confirmed: grantYearSplits.confirmed,
    })
    .from(grantYearSplits)
    .where(inArray(grantYearSplits.grantId, [...new Set(grantIds)]))
    .orderBy(asc(grantYearSplits.grantId), asc(grantYearSplits.year))
    .all();
  for (const { grantId, ...split } of rows) {
    const list = out.get(grantId) ?? [];
    list.push(split);
    out.set(grantId, list);
  }
  return out;
}
