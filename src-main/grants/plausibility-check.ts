/**
 * The movement dialog's plausibility warnings (issue 10.2): what a new movement would newly
 * cause (or make worse) on the grant's ledger. Without `acknowledgeWarnings` the service
 * refuses with the warnings; with it, a reason is required and kept with the movement and
 * in the change log.
 */
import { eq } from 'drizzle-orm';
import { allocationRounds, allocations, organisations } from '../../db/schema';
import { AppError, conflict } from '../../src-shared/api/errors';
import {
  newFindings,
  plausibilityFindings,
  type PlausibilityAllocation,
  type PlausibilityFinding,
  type PlausibilityLedgerEntry,
} from '../../src-shared/grants/plausibility';
import { yearOf } from '../../src-shared/kernel/dates';
import type { Db } from '../platform/database';
import type { GrantRow } from './queries';

/** The centres' awards on the grant's rounds. */
export function allocationsOfGrant(db: Db, grantId: number): PlausibilityAllocation[] {
  return db
    .select({
      id: allocations.id,
      awardedOre: allocations.awardedOre,
      centreName: organisations.name,
      roundName: allocationRounds.name,
    })
    .from(allocations)
    .innerJoin(allocationRounds, eq(allocationRounds.id, allocations.roundId))
    .innerJoin(organisations, eq(organisations.id, allocations.centreId))
    .where(eq(allocationRounds.grantId, grantId))
    .all();
}

/** Warnings the added movements newly cause on the grant (negative balances from their year on). */
export function warningsFor(
  db: Db,
  g: GrantRow,
  ledger: readonly PlausibilityLedgerEntry[],
  added: readonly PlausibilityLedgerEntry[],
): PlausibilityFinding[] {
  if (added.length === 0) return [];
  const allocs = allocationsOfGrant(db, g.id);
  const fromYear = Math.min(...added.map((e) => yearOf(e.date)));
  const before = plausibilityFindings(g, ledger, allocs, { fromYear });
  const after = plausibilityFindings(g, [...ledger, ...added], allocs, { fromYear });
  return newFindings(before, after);
}

/**
 * Refuses (CONFLICT, naming the warnings) unless the user has acknowledged them with a
 * reason; returns the reason to keep (null when there was nothing to acknowledge).
 */
export function acknowledged(
  warnings: readonly PlausibilityFinding[],
  input: { acknowledgeWarnings: boolean; reason: string | null },
): string | null {
  if (warnings.length === 0) return null;
  if (!input.acknowledgeWarnings) {
    const text = warnings.map((w) => w.message).join(' ');
    throw conflict(
      `Advarsel: ${text} Rett beløpet, eller bekreft advarselen med en begrunnelse for å lagre likevel.`,
      [{ path: 'acknowledgeWarnings', message: text }],
    );
  }
  if (!input.reason) {
    const message = 'Begrunnelse må fylles ut når du lagrer til tross for advarselen.';
    throw new AppError('BAD_INPUT', message, [{ path: 'reason', message }]);
  }
  return input.reason;
}
