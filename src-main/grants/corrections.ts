/**
 * Where a correction lands (issue 10.1): a reversal is dated in the year of the movement it
 * corrects while that year is open (the user may pick another date in the same year). When
 * the year is closed (or locked by a later closed year) the correction is refused with the
 * closed-year message, unless the user explicitly corrects it in the first open year — then
 * the reversal and the corrected entry carry the reason, and the later year's year-end page
 * lists them as corrections of an earlier year.
 */
import { eq, max } from 'drizzle-orm';
import { fiscalYears } from '../../db/schema';
import { AppError } from '../../src-shared/api/errors';
import { formatIsoDate, yearOf } from '../../src-shared/kernel/dates';
import { DIRECT_MOVEMENT_TYPES, type MovementType } from '../../src-shared/grants/rules';
import type { Db } from '../platform/database';
import { lockingYear, yearClosedError } from '../yearend/locks';

const date = (iso: string) => formatIsoDate(iso);

function badDate(message: string, path = 'date'): AppError {
  return new AppError('BAD_INPUT', message, [{ path, message }]);
}

/** The first year after every closed year (at least `atLeast`). */
export function firstOpenYear(db: Db, atLeast: number): number {
  const row = db
    .select({ year: max(fiscalYears.year) })
    .from(fiscalYears)
    .where(eq(fiscalYears.status, 'closed'))
    .get();
  return Math.max(atLeast, (row?.year ?? atLeast - 1) + 1);
}

export interface CorrectionRule {
  movementId: number;
  originalDate: string;
  originalYear: number;
  originalYearOpen: boolean;
  firstOpenYear: number;
  proposedDate: string;
  canRecordCorrectedEntry: boolean;
}

/** What the «Korriger» dialog offers for a movement. */
export function correctionRuleOf(
  db: Db,
  original: { id: number; date: string; type: MovementType; allocationId: number | null },
  today: string,
): CorrectionRule {
  const originalYear = yearOf(original.date);
  const open = lockingYear(db, originalYear) === null;
  const first = open ? originalYear : firstOpenYear(db, originalYear + 1);
  return {
    movementId: original.id,
    originalDate: original.date,
    originalYear,
    originalYearOpen: open,
    firstOpenYear: first,
    proposedDate: open ? original.date : yearOf(today) === first ? today : `${first}-01-01`,
    canRecordCorrectedEntry: (DIRECT_MOVEMENT_TYPES as readonly string[]).includes(original.type),
  };
}

/**
 * The reversal's date by the rule above; throws the user's answer when the date or the
 * choice does not follow it. `priorYear` is true for a correction in a later year.
 */
export function reversalDateOf(
  db: Db,
  original: { id: number; date: string; type: MovementType; allocationId: number | null },
  input: { date: string | null; inFirstOpenYear: boolean },
  today: string,
): { date: string; priorYear: boolean } {
  const rule = correctionRuleOf(db, original, today);
  const { originalYear } = rule;
  if (rule.originalYearOpen) {
    if (input.inFirstOpenYear) {
      throw badDate(
        `Regnskapsåret ${originalYear} er åpent: korrigeringen føres i ${originalYear}, samme år som bevegelsen den korrigerer.`,
        'inFirstOpenYear',
      );
    }
    const d = input.date ?? original.date;
    if (yearOf(d) !== originalYear) {
      throw badDate(
        `Dato for korrigering (${date(d)}) må være i ${originalYear}, samme år som bevegelsen den korrigerer (${date(original.date)}), så lenge ${originalYear} er åpent.`,
      );
    }
    if (d < original.date) {
      throw badDate(
        `Dato for korrigering (${date(d)}) kan ikke være før bevegelsen den korrigerer (${date(original.date)}).`,
      );
    }
    return { date: d, priorYear: false };
  }
  const locked = lockingYear(db, originalYear) as number;
  if (!input.inFirstOpenYear) throw yearClosedError(locked, 'date');
  const d = input.date ?? rule.proposedDate;
  if (yearOf(d) !== rule.firstOpenYear) {
    throw badDate(
      `Dato for korrigering (${date(d)}) må være i ${rule.firstOpenYear}, det første åpne regnskapsåret, når bevegelsen fra ${originalYear} korrigeres i et senere år.`,
    );
  }
  return { date: d, priorYear: true };
}
