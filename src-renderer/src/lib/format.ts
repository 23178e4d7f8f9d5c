import { formatIsoDate, isoDateFromMs, parseNorwegianDate } from '../../../src-shared/kernel/dates';

/** Form text → what the schema expects: ISO date, null when blank, or the raw text (schema says why). */
export function dateInputToIso(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  return parseNorwegianDate(trimmed) ?? trimmed;
}

export function isoToDateInput(iso: string | null | undefined): string {
  return iso ? formatIsoDate(iso) : '';
}

export { formatIsoDate };

/** The one date-time format of the change log and history panels: `02.12.2026 kl. 02:17`. */
export { formatDateTime } from '../../../src-shared/safety/audit';

/** Today's local calendar date, 'YYYY-MM-DD'. */
export function todayIso(): string {
  return isoDateFromMs(Date.now());
}

const countFormat = new Intl.NumberFormat('nb-NO');

/** A count with Norwegian thousands spaces («2 000»); «—» when unknown. */
export function formatCount(n: number | null): string {
  return n === null ? '—' : countFormat.format(n);
}
