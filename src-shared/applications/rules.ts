/**
 * Pure rules of the application pipeline, shared by the service and the UI: which statuses
 * the pipeline shows, how a date moves to next year's edition, and when a scenario is over
 * a funder's cap (øvre beløpsgrense).
 */
import { daysInMonth, isIsoDate, type IsoDate } from '../kernel/dates';
import type { GrantStatus } from '../grants/rules';

/** Open applications: always in the pipeline. */
export const OPEN_APPLICATION_STATUSES = ['utkast', 'sokt'] as const satisfies GrantStatus[];
/** Decided applications: in the pipeline for 12 months after the decision date. */
export const DECIDED_APPLICATION_STATUSES = [
  'innvilget',
  'delvis_innvilget',
  'avslatt',
  'avsluttet',
] as const satisfies GrantStatus[];
/** The pipeline's columns, in order. */
export const PIPELINE_STATUSES = [
  ...OPEN_APPLICATION_STATUSES,
  ...DECIDED_APPLICATION_STATUSES,
] as const satisfies GrantStatus[];
export type PipelineStatus = (typeof PIPELINE_STATUSES)[number];

/** How many months a decided application stays in the pipeline. */
export const DECIDED_WINDOW_MONTHS = 12;

/** The largest page `applications.list` answers. */
export const MAX_PAGE_SIZE = 200;

/** Columns the pipeline list can be sorted by across pages (the service sorts in SQL). */
export const APPLICATION_SORTS = [
  'deadline',
  'funder',
  'applied',
  'project',
  'status',
  'scenario',
] as const;
export type ApplicationSort = (typeof APPLICATION_SORTS)[number];

export const CAP_KINDS = ['year', 'scheme'] as const;
export type CapKind = (typeof CAP_KINDS)[number];

/** Where the scenario's chosen mark may be set (avslått/trukket have nothing awarded). */
export const CHOOSABLE_STATUSES: readonly GrantStatus[] = [
  'utkast',
  'sokt',
  'innvilget',
  'delvis_innvilget',
  'avsluttet',
];

/**
 * The same calendar date a number of years later; 29 February becomes 28 February in a
 * year that has none.
 */
export function shiftYears(iso: IsoDate, years: number): IsoDate {
  if (!isIsoDate(iso)) throw new Error(`Not a date: ${iso}`);
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const year = y + years;
  const day = Math.min(d, daysInMonth(year, m));
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The date `months` months before `iso` (end of month clamped). */
export function monthsBefore(iso: IsoDate, months: number): IsoDate {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const day = Math.min(d, daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The cap that binds: the lowest of those that apply, or null. */
export function bindingCap<T extends { amountOre: number }>(caps: readonly T[]): T | null {
  let best: T | null = null;
  for (const c of caps) if (best === null || c.amountOre < best.amountOre) best = c;
  return best;
}

/** True when an amount is over the cap (equal is within). */
export function overCap(amountOre: number | null, capOre: number | null): boolean {
  return amountOre !== null && capOre !== null && amountOre > capOre;
}
