/** Member-centre vocabulary shared by services and UI. */
import type { IsoDate } from '../kernel/dates';
import { periodContains } from '../kernel/dates';

export const DRIFTSFORMER = ['kommunalt', 'iks', 'stiftelse', 'ideell'] as const;
export type Driftsform = (typeof DRIFTSFORMER)[number];

export const REGIONS = ['sor-ost', 'nord', 'midt-vest'] as const;
export type Region = (typeof REGIONS)[number];

export interface MembershipPeriod {
  joinedDate: IsoDate;
  leftDate: IsoDate | null;
}

/** True when one of the periods covers the date (the day a centre leaves is its last member day). */
export function isMemberOn(periods: readonly MembershipPeriod[], date: IsoDate): boolean {
  return periods.some((p) => periodContains(p.joinedDate, p.leftDate, date));
}

/** True when the centre was a member on at least one day of the year. */
export function isMemberInYear(periods: readonly MembershipPeriod[], year: number): boolean {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  return periods.some((p) => p.joinedDate <= to && (p.leftDate === null || p.leftDate >= from));
}

/**
 * The announced last member day when the centre is a member on `date` but a membership end
 * is set (it leaves or closes); null when it is not a member then, or no end is set.
 */
export function leavingDateOn(periods: readonly MembershipPeriod[], date: IsoDate): IsoDate | null {
  const current = periods.find((p) => periodContains(p.joinedDate, p.leftDate, date));
  return current?.leftDate ?? null;
}

/** True when the centre was a member on at least one day of the period `from`–`to` (inclusive). */
export function isMemberDuring(
  periods: readonly MembershipPeriod[],
  from: IsoDate,
  to: IsoDate,
): boolean {
  return periods.some((p) => p.joinedDate <= to && (p.leftDate === null || p.leftDate >= from));
}
