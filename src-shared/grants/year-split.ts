/**
 * Suggested year splits (issue 10.4). A multi-year award is never split silently: the app
 * suggests a split and keeps it marked as a suggestion until the user confirms it. Two
 * suggestions: by activity days (each fiscal year gets the share of the activity period's
 * days that fall in it, exact to the øre by largest remainder) or all in the decision year.
 */
import { daysBetween, yearOf } from '../kernel/dates';
import { splitLargestRemainder } from '../kernel/money';
import { yearsOfPeriod } from './rules';

export const SPLIT_METHODS = ['activity_days', 'decision_year'] as const;
export type SplitMethod = (typeof SPLIT_METHODS)[number];

export interface SplitBasis {
  awardedOre: number;
  activityFrom: string | null;
  activityTo: string | null;
  periodFrom: string | null;
  periodTo: string | null;
  decisionDate: string | null;
  editionYear: number | null;
}

export interface SplitPart {
  year: number;
  amountOre: number;
}

/** Days of [from, to] (inclusive) in each calendar year it touches. */
export function daysPerYear(from: string, to: string): { year: number; days: number }[] {
  const out: { year: number; days: number }[] = [];
  for (let y = yearOf(from); y <= yearOf(to); y++) {
    const a = y === yearOf(from) ? from : `${y}-01-01`;
    const b = y === yearOf(to) ? to : `${y}-12-31`;
    out.push({ year: y, days: daysBetween(a, b) + 1 });
  }
  return out;
}

/** The year the decision (or the edition, or the period's start) falls in. */
function decisionYearOf(b: SplitBasis): number | null {
  if (b.decisionDate) return yearOf(b.decisionDate);
  if (b.editionYear !== null) return b.editionYear;
  return b.periodFrom ? yearOf(b.periodFrom) : null;
}

/**
 * The suggested split. «activity_days» uses the activity period (else the grant period);
 * without either it falls back to the decision year. «decision_year» puts everything in the
 * decision year, or the nearest year of the grant period when the decision is outside it.
 * The parts always sum exactly to the award.
 */
export function suggestYearSplit(b: SplitBasis, method: SplitMethod): SplitPart[] {
  const from = b.activityFrom ?? b.periodFrom;
  const to = b.activityTo ?? b.periodTo ?? from;
  if (method === 'activity_days' && from && to && to >= from) {
    const periodYears = yearsOfPeriod(b.periodFrom, b.periodTo);
    let days = daysPerYear(from, to).filter(
      (d) => periodYears.length === 0 || periodYears.includes(d.year),
    );
    // Activity outside the grant period: spread by the period's own days instead.
    if (days.length === 0 && b.periodFrom && b.periodTo) {
      days = daysPerYear(b.periodFrom, b.periodTo);
    }
    if (days.length > 0) {
      const parts = splitLargestRemainder(
        b.awardedOre,
        days.map((d) => d.days),
      );
      return days.map((d, i) => ({ year: d.year, amountOre: parts[i] ?? 0 }));
    }
  }
  let year = decisionYearOf(b);
  if (year === null) return [];
  const periodYears = yearsOfPeriod(b.periodFrom, b.periodTo);
  const first = periodYears[0];
  const last = periodYears[periodYears.length - 1];
  if (first !== undefined && last !== undefined) year = Math.min(Math.max(year, first), last);
  return [{ year, amountOre: b.awardedOre }];
}

/**
 * The split the app stores on its own when a grant is awarded or its award changes: over the
 * grant period's years by activity days (a one-year or open period: the decision year).
 */
export function automaticSplit(b: SplitBasis): SplitPart[] {
  const years = yearsOfPeriod(b.periodFrom, b.periodTo);
  if (years.length <= 1) return suggestYearSplit(b, 'decision_year');
  return suggestYearSplit(b, 'activity_days');
}

/** A split needs confirming when the award is spread over more than one year. */
export function needsConfirmation(parts: readonly SplitPart[]): boolean {
  return parts.length > 1;
}

/** The years a split may use: the grant period's, or any when the period is open. */
export function splitYearAllowed(year: number, periodFrom: string | null, periodTo: string | null) {
  const years = yearsOfPeriod(periodFrom, periodTo);
  return years.length === 0 || years.includes(year);
}
