/**
 * The year-end lock as the services see it (invariant 5 of docs/DOMAIN.md). The database refuses changes to
 * money data dated in or before a closed fiscal year (triggers in migration 0006); the
 * services check first so the user gets a clear Norwegian CONFLICT that names the field,
 * and `fromDatabaseError` turns a trigger's refusal into the same answer wherever it comes
 * from (a path without its own check, or a future one).
 */
import { and, eq, gte, min } from 'drizzle-orm';
import { fiscalYears } from '../../db/schema';
import { AppError, conflict } from '../../src-shared/api/errors';
import { yearClosedIn, yearClosedMessage } from '../../src-shared/yearend/rules';
import type { Db } from '../platform/database';

/**
 * The closed fiscal year that locks `year`: the year itself when it is closed, else the
 * earliest later closed year (a change dated in `year` would change that year's opening
 * balance). Null when nothing locks it.
 */
export function lockingYear(db: Db, year: number): number | null {
  const row = db
    .select({ year: min(fiscalYears.year) })
    .from(fiscalYears)
    .where(and(eq(fiscalYears.status, 'closed'), gte(fiscalYears.year, year)))
    .get();
  return row?.year ?? null;
}

/** The CONFLICT for a change in a closed year. */
export function yearClosedError(year: number, path?: string): AppError {
  const message = yearClosedMessage(year);
  return conflict(message, path ? [{ path, message }] : undefined);
}

/**
 * Refuses (CONFLICT) when any of the years is locked by a closed fiscal year. `path` names
 * the field the user changes (the date, the decision date, the year).
 */
export function assertYearsOpen(
  db: Db,
  years: Iterable<number | null | undefined>,
  path?: string,
): void {
  const wanted = [...new Set([...years].filter((y): y is number => typeof y === 'number'))];
  if (wanted.length === 0) return;
  const earliest = Math.min(...wanted);
  const locked = lockingYear(db, earliest);
  if (locked !== null) throw yearClosedError(locked, path);
}

/** A database trigger's «year closed: 2024» as the user's CONFLICT; null for other errors. */
export function fromDatabaseError(error: unknown): AppError | null {
  if (!(error instanceof Error) || error instanceof AppError) return null;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_CONSTRAINT')) return null;
  const year = yearClosedIn(error.message);
  return year === null ? null : yearClosedError(year);
}
