/**
 * A grant's award history (issue 10.3), read like the funder's letters: the original decision
 * (derived from the grant and its first change), then each correction and top-up in order.
 */
import { asc, eq } from 'drizzle-orm';
import { grantAwardChanges } from '../../db/schema';
import type { AwardHistoryEntry } from '../../src-shared/api/contract';
import type { Db } from '../platform/database';

export type AwardChangeRecord = typeof grantAwardChanges.$inferSelect;

export function awardChangesOf(db: Db, grantId: number): AwardChangeRecord[] {
  return db
    .select()
    .from(grantAwardChanges)
    .where(eq(grantAwardChanges.grantId, grantId))
    .orderBy(asc(grantAwardChanges.id))
    .all();
}

/**
 * The history: empty before the award. The original decision's amount is the total before
 * the first change; its date is the one the first correction replaced, else the grant's.
 */
export function awardHistoryOf(
  db: Db,
  g: {
    id: number;
    awardedOre: number | null;
    decisionDate: string | null;
    reference: string | null;
  },
): AwardHistoryEntry[] {
  if (g.awardedOre === null) return [];
  const changes = awardChangesOf(db, g.id);
  const firstCorrection = changes.find((c) => c.kind === 'correction');
  const originalTotal = changes[0]?.previousTotalOre ?? g.awardedOre;
  const out: AwardHistoryEntry[] = [
    {
      id: null,
      kind: 'award',
      decisionDate: firstCorrection?.previousDecisionDate ?? g.decisionDate,
      previousDecisionDate: null,
      changeOre: originalTotal,
      totalOre: originalTotal,
      reference: g.reference,
      reason: null,
      createdAtMs: null,
      actor: null,
    },
  ];
  for (const c of changes) {
    out.push({
      id: c.id,
      kind: c.kind,
      decisionDate: c.decisionDate,
      previousDecisionDate: c.previousDecisionDate,
      changeOre: c.totalOre - c.previousTotalOre,
      totalOre: c.totalOre,
      reference: c.reference,
      reason: c.reason,
      createdAtMs: c.createdAtMs,
      actor: c.actor,
    });
  }
  return out;
}
