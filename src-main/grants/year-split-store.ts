/**
 * Writing a grant's year split with its confirmation flag (issue 10.4). Every row created,
 * changed or removed goes to the change log; no row of a closed year is touched (invariant 5).
 */
import { eq } from 'drizzle-orm';
import { grantYearSplits } from '../../db/schema';
import { recordChange, type ServiceContext } from '../platform/context';
import { insertRecorded } from '../platform/records';
import { assertYearsOpen } from '../yearend/locks';

export interface SplitWrite {
  year: number;
  amountOre: number;
  confirmed: boolean;
}

/** Replaces the split by `next`; rows whose amount and flag are unchanged are left alone. */
export function writeYearSplit(ctx: ServiceContext, grantId: number, next: SplitWrite[]): void {
  const { db } = ctx;
  const current = db
    .select()
    .from(grantYearSplits)
    .where(eq(grantYearSplits.grantId, grantId))
    .all();
  const same = (c: (typeof current)[number], n: SplitWrite | undefined) =>
    n !== undefined && n.amountOre === c.amountOre && n.confirmed === c.confirmed;
  const touched = [
    ...current
      .filter(
        (c) =>
          !same(
            c,
            next.find((n) => n.year === c.year),
          ),
      )
      .map((c) => c.year),
    ...next.filter((n) => !current.some((c) => c.year === n.year)).map((n) => n.year),
  ];
  assertYearsOpen(db, touched, 'splits');
  for (const row of current) {
    const keep = next.find((n) => n.year === row.year);
    if (!keep) {
      db.delete(grantYearSplits).where(eq(grantYearSplits.id, row.id)).run();
      recordChange(ctx, {
        entity: 'grant_year_split',
        entityId: row.id,
        action: 'delete',
        before: row,
      });
    } else if (!same(row, keep)) {
      const after = db
        .update(grantYearSplits)
        .set({ amountOre: keep.amountOre, confirmed: keep.confirmed })
        .where(eq(grantYearSplits.id, row.id))
        .returning()
        .get();
      recordChange(ctx, {
        entity: 'grant_year_split',
        entityId: row.id,
        action: 'update',
        before: row,
        after,
      });
    }
  }
  for (const n of next) {
    if (current.some((c) => c.year === n.year)) continue;
    insertRecorded(
      ctx,
      grantYearSplits,
      { grantId, year: n.year, amountOre: n.amountOre, confirmed: n.confirmed },
      { entity: 'grant_year_split' },
    );
  }
}
