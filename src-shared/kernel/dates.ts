/**
 * Calendar dates are 'YYYY-MM-DD' strings; instants are integer milliseconds.
 * Never `new Date('2025-03-01')` for a calendar date: that is UTC midnight.
 */

export type IsoDate = string;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

export function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The app's calendar: dates from year 1900 through 2199. */
export const FIRST_CALENDAR_YEAR = 1900;
export const LAST_CALENDAR_YEAR = 2199;

/** True for a real calendar date in 'YYYY-MM-DD' form between year 1900 and 2199. */
export function isIsoDate(value: string): boolean {
  const m = ISO.exec(value);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return (
    y >= FIRST_CALENDAR_YEAR &&
    y <= LAST_CALENDAR_YEAR &&
    mo >= 1 &&
    mo <= 12 &&
    d >= 1 &&
    d <= daysInMonth(y, mo)
  );
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/**
 * Parses a date as a Norwegian user types it ('9.3.2025', '09.03.2025', '2025-03-09').
 * Returns null when it is not a real date.
 */
export function parseNorwegianDate(input: string): IsoDate | null {
  const s = input.trim();
  if (isIsoDate(s)) return s;
  const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
  if (!m) return null;
  const iso = `${m[3]}-${pad(Number(m[2]))}-${pad(Number(m[1]))}`;
  return isIsoDate(iso) ? iso : null;
}

/** '2025-03-09' → '09.03.2025' (nb-NO). */
export function formatIsoDate(iso: IsoDate): string {
  const m = ISO.exec(iso);
  if (!m) return iso;
  return `${m[3]}.${m[2]}.${m[1]}`;
}

export function yearOf(iso: IsoDate): number {
  return Number(iso.slice(0, 4));
}

/** The local calendar date of an instant, as 'YYYY-MM-DD'. */
export function isoDateFromMs(ms: number): IsoDate {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Compares two ISO dates as strings (they sort lexically). */
export function compareIsoDate(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** True when the closed period [from, to] (to = null means open) contains the date. */
export function periodContains(from: IsoDate, to: IsoDate | null, date: IsoDate): boolean {
  return from <= date && (to === null || date <= to);
}

/** True when two closed periods (to = null means open-ended) share at least one day. */
export function periodsOverlap(
  aFrom: IsoDate,
  aTo: IsoDate | null,
  bFrom: IsoDate,
  bTo: IsoDate | null,
): boolean {
  return (aTo === null || bFrom <= aTo) && (bTo === null || aFrom <= bTo);
}

/** Whole days from `from` to `to` (negative when `to` is earlier); calendar dates, no time zones. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  const utc = (iso: IsoDate) => {
    const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((utc(to) - utc(from)) / 86_400_000);
}

/** The calendar date `days` days after `iso` (negative goes back). */
export function addDays(iso: IsoDate, days: number): IsoDate {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + days));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}
