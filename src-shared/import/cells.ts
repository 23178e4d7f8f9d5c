/**
 * How one cell of an import file becomes a value (øre, ISO date, a choice key) — or a
 * Norwegian message saying why it cannot. Excel serial dates in both date systems.
 */
import { isIsoDate, parseNorwegianDate, formatIsoDate, type IsoDate } from '../kernel/dates';
import { MAX_ABS_ORE, parseKroner } from '../kernel/money';
import { headerKey, type ImportField } from './fields';

/**
 * One cell as read from the file: text (CSV, or an xlsx text cell), a number (xlsx), a
 * calendar date (an xlsx date cell, already converted without time zones), a yes/no, an
 * Excel error value such as #N/A, or empty.
 */
export type RawCell = string | number | boolean | { date: IsoDate } | { error: string } | null;

export type CellValue = string | number | null;
export type CellResult = { ok: true; value: CellValue } | { ok: false; message: string };

const DAY_MS = 86_400_000;

/**
 * An Excel serial date as an ISO calendar date, or null when it is not one. The 1900 date
 * system counts 1 = 1 January 1900 and keeps Lotus 1-2-3's error that 1900 was a leap year:
 * serial 60 is the non-existent 29 February 1900, so from 61 on the count is one day ahead.
 * The 1904 system (old Mac workbooks) counts 0 = 1 January 1904. A time of day (the
 * fraction) is ignored; the serial is first rounded to the second so 45 292.999 999 999 (a
 * midnight that lost a little in floating point) is still 1 January 2024.
 */
export function excelSerialToIso(serial: number, date1904 = false): IsoDate | null {
  if (!Number.isFinite(serial)) return null;
  const days = Math.floor(Math.round(serial * 86_400) / 86_400);
  let ms: number;
  if (date1904) {
    if (days < 0) return null;
    ms = Date.UTC(1904, 0, 1) + days * DAY_MS;
  } else {
    if (days < 1 || days === 60) return null;
    ms = Date.UTC(1899, 11, days < 60 ? 31 : 30) + days * DAY_MS;
  }
  const d = new Date(ms);
  const iso = `${String(d.getUTCFullYear()).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

/** The serial Excel stores for a JS Date as exceljs reads it (UTC midnight = that calendar day). */
export function excelSerialOfDate(date: Date, date1904 = false): number {
  return date.getTime() / DAY_MS + 25_569 - (date1904 ? 1_462 : 0);
}

/** Numbers in a date column are Excel serials only from 1 January 1950 (a year such as 2024 is not a date). */
const FIRST_PLAUSIBLE_SERIAL = 18_264;

/** How a cell is shown in a message: text as it stands, dates as dd.mm.åååå. */
export function cellText(cell: RawCell): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return cell.trim();
  if (typeof cell === 'number') return String(cell).replace('.', ',');
  if (typeof cell === 'boolean') return cell ? 'Ja' : 'Nei';
  if ('date' in cell) return formatIsoDate(cell.date);
  return cell.error;
}

function isBlank(cell: RawCell): boolean {
  return cell === null || (typeof cell === 'string' && cell.trim() === '');
}

/** A whole number of øre from kroner given as a number (an xlsx numeric cell). */
function oreFromNumber(kr: number): number | 'decimals' | 'range' | 'format' {
  if (!Number.isFinite(kr)) return 'format';
  const ore = Math.round(kr * 100);
  if (Math.abs(kr * 100 - ore) > 1e-6 * Math.max(1, Math.abs(kr))) return 'decimals';
  if (Math.abs(ore) > MAX_ABS_ORE) return 'range';
  return ore === 0 ? 0 : ore;
}

const AMOUNT_MESSAGES = {
  format: (raw: string) => `«${raw}» er ikke et gyldig beløp. Skriv for eksempel 1 234,56.`,
  decimals: (raw: string) => `«${raw}» har mer enn to desimaler (øre).`,
  range: (raw: string) => `«${raw}» er for stort.`,
  empty: (raw: string) => `«${raw}» er ikke et gyldig beløp.`,
};

function parseAmount(cell: Exclude<RawCell, null>): CellResult {
  const raw = cellText(cell);
  if (typeof cell === 'number') {
    const ore = oreFromNumber(cell);
    return typeof ore === 'number'
      ? { ok: true, value: ore }
      : { ok: false, message: AMOUNT_MESSAGES[ore](raw) };
  }
  if (typeof cell !== 'string') return { ok: false, message: AMOUNT_MESSAGES.format(raw) };
  const parsed = parseKroner(cell);
  return parsed.ok
    ? { ok: true, value: parsed.value }
    : { ok: false, message: AMOUNT_MESSAGES[parsed.reason](raw) };
}

const DATE_HINT = 'Skriv datoen som dd.mm.åååå.';

function parseDate(cell: Exclude<RawCell, null>, date1904: boolean): CellResult {
  const raw = cellText(cell);
  if (typeof cell === 'object' && 'date' in cell) return { ok: true, value: cell.date };
  let serial: number | null = null;
  if (typeof cell === 'number') serial = cell;
  else if (typeof cell === 'string') {
    const s = cell.trim();
    if (/^\d{5}(?:[.,]\d+)?$/.test(s)) serial = Number(s.replace(',', '.'));
    else {
      // A time after the date ("01.06.2024 00:00", "2024-06-01T00:00:00") is dropped.
      const dateOnly = s.replace(/(?:[T ]\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:\.\d+)?)?Z?)$/, '');
      const iso = parseNorwegianDate(
        dateOnly.replace(/^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$/, '$1.$2.$3'),
      );
      return iso
        ? { ok: true, value: iso }
        : { ok: false, message: `«${raw}» er ikke en gyldig dato. ${DATE_HINT}` };
    }
  }
  if (serial === null)
    return { ok: false, message: `«${raw}» er ikke en gyldig dato. ${DATE_HINT}` };
  if (serial < FIRST_PLAUSIBLE_SERIAL) {
    return { ok: false, message: `«${raw}» er ikke en dato. ${DATE_HINT}` };
  }
  const iso = excelSerialToIso(serial, date1904);
  return iso
    ? { ok: true, value: iso }
    : { ok: false, message: `«${raw}» er ikke en gyldig dato. ${DATE_HINT}` };
}

function parseInteger(cell: Exclude<RawCell, null>): CellResult {
  const raw = cellText(cell);
  let n: number | null = null;
  if (typeof cell === 'number') n = cell;
  else if (typeof cell === 'string' && /^[-\u2212]?\d[\d\s\u00a0]*$/.test(cell.trim())) {
    n = Number(
      cell
        .trim()
        .replace(/[\s\u00a0]/g, '')
        .replace('\u2212', '-'),
    );
  }
  return n !== null && Number.isSafeInteger(n)
    ? { ok: true, value: n }
    : { ok: false, message: `«${raw}» er ikke et heltall.` };
}

/** A percentage as basis points (10 % = 1 000): «10», «7,5», «7,5 %». */
function parsePercent(cell: Exclude<RawCell, null>): CellResult {
  const raw = cellText(cell);
  const bad = {
    ok: false as const,
    message: `«${raw}» er ikke en gyldig prosentsats. Skriv for eksempel 10 eller 7,5.`,
  };
  if (typeof cell === 'number') {
    const bp = oreFromNumber(cell);
    return typeof bp === 'number' ? { ok: true, value: bp } : bad;
  }
  if (typeof cell !== 'string') return bad;
  const text = cell.trim().replace(/\s*%$/, '');
  if (!/^[-\u2212]?[\d\s.,]+$/.test(text)) return bad;
  // Same grammar as an amount with two decimals: the result in hundredths is basis points.
  const parsed = parseKroner(text);
  return parsed.ok ? { ok: true, value: parsed.value } : bad;
}

function parseChoice(field: ImportField, cell: Exclude<RawCell, null>): CellResult {
  const raw = cellText(cell);
  const key = headerKey(raw);
  const choices = field.choices ?? [];
  const found = choices.find(
    (c) =>
      headerKey(c.value) === key ||
      headerKey(c.label) === key ||
      c.words.some((w) => headerKey(w) === key),
  );
  if (found) return { ok: true, value: found.value };
  const labels = choices.map((c) => c.label);
  const list = `${labels.slice(0, -1).join(', ')} eller ${labels[labels.length - 1] ?? ''}`;
  return {
    ok: false,
    message: `«${raw}» er ikke en gyldig verdi for ${field.label}. Bruk ${list}.`,
  };
}

/**
 * One cell as the value of `field`: øre for amounts, 'YYYY-MM-DD' for dates, basis points for
 * percentages, the choice's key, trimmed text; null for an empty cell. A failure carries a
 * Norwegian message about the cell's content (the caller adds the row and the column).
 */
export function normaliseCell(field: ImportField, cell: RawCell, date1904 = false): CellResult {
  if (isBlank(cell)) return { ok: true, value: null };
  const c = cell as Exclude<RawCell, null>;
  if (typeof c === 'object' && 'error' in c) {
    return { ok: false, message: `cellen inneholder en Excel-feil (${c.error}).` };
  }
  switch (field.type) {
    case 'amount':
      return parseAmount(c);
    case 'date':
      return parseDate(c, date1904);
    case 'integer':
      return parseInteger(c);
    case 'percent':
      return parsePercent(c);
    case 'choice':
      return parseChoice(field, c);
    default:
      return { ok: true, value: cellText(c) };
  }
}

/** The choice's label for a stored key («ideell» → «Ideell organisasjon»). */
export function choiceLabel(field: ImportField, value: string): string {
  return field.choices?.find((c) => c.value === value)?.label ?? value;
}
