/**
 * How a list's rows are ordered by a column: text by Norwegian collation (æ, ø, å after z;
 * case and accents folded; «Senter 2» before «Senter 10»), money and numbers by value, dates
 * by the calendar, and statuses by their life-cycle order (utkast → søkt → innvilget …), never
 * by their codes. Empty values go last in both directions. Pure, so unit tests cover it.
 */

export type ColumnKind = 'text' | 'money' | 'date' | 'status' | 'number';
export type SortDir = 'asc' | 'desc';
export interface SortState {
  key: string;
  dir: SortDir;
}

/** What a column sorts by: text, a number (øre for money), an ISO date, a status code. */
export type SortValue = string | number | boolean | null | undefined;

const collator = new Intl.Collator('nb-NO', { sensitivity: 'base', numeric: true });

/** Norwegian order for text: «Ålesund» after «Østfold» after «Zeta»; «alta» equals «Alta». */
export function compareText(a: string, b: string): number {
  return collator.compare(a, b);
}

export function compareNumber(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** ISO dates ('YYYY-MM-DD') sort as strings; so do date-times written the same way. */
export function compareIsoDates(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Position in the life-cycle order; an unknown code goes after every known one. */
export function lifeCycleRank(order: readonly string[], code: string): number {
  const i = order.indexOf(code);
  return i < 0 ? order.length : i;
}

const isEmpty = (v: SortValue): v is null | undefined | '' =>
  v === null || v === undefined || v === '';

/**
 * Compares two values of one column, ascending. `order` is the status life-cycle (from
 * src-shared rules: GRANT_STATUSES, REPORT_STATUSES …) for kind 'status'.
 */
export function compareValues(
  kind: ColumnKind,
  a: SortValue,
  b: SortValue,
  order: readonly string[] = [],
): number {
  if (typeof a === 'boolean' || typeof b === 'boolean') {
    return compareNumber(Number(a ?? false), Number(b ?? false));
  }
  switch (kind) {
    case 'money':
    case 'number':
      return compareNumber(Number(a), Number(b));
    case 'date':
      return compareIsoDates(String(a), String(b));
    case 'status': {
      const byRank = compareNumber(
        lifeCycleRank(order, String(a)),
        lifeCycleRank(order, String(b)),
      );
      return byRank !== 0 ? byRank : compareText(String(a), String(b));
    }
    default:
      return typeof a === 'number' && typeof b === 'number'
        ? compareNumber(a, b)
        : compareText(String(a), String(b));
  }
}

export interface SortSpec<R> {
  kind: ColumnKind;
  value(row: R): SortValue;
  order?: readonly string[];
}

/**
 * The rows sorted by one column (a new array; ties keep their incoming order, so a list the
 * service already ordered stays stable). Empty values last, whichever direction.
 */
export function sortRows<R>(rows: readonly R[], spec: SortSpec<R>, dir: SortDir): R[] {
  const sign = dir === 'desc' ? -1 : 1;
  const keyed = rows.map((row, index) => ({ row, index, v: spec.value(row) }));
  keyed.sort((x, y) => {
    const ex = isEmpty(x.v);
    const ey = isEmpty(y.v);
    if (ex || ey) return ex === ey ? x.index - y.index : ex ? 1 : -1;
    const c = compareValues(spec.kind, x.v, y.v, spec.order);
    return c !== 0 ? sign * c : x.index - y.index;
  });
  return keyed.map((k) => k.row);
}

/** 'asc' | 'desc' from the address; anything else is ascending. */
export function sortDirOf(text: string): SortDir {
  return text === 'desc' ? 'desc' : 'asc';
}
