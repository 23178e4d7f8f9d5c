/**
 * The shapes and helpers every import reader shares: the limits, the table a file is read
 * into, the header → column names rule, and the Norwegian refusals.
 */
import { AppError } from '../../src-shared/api/errors';
import {
  IMPORT_MAX_BYTES,
  IMPORT_MAX_PARSE_MS,
  IMPORT_MAX_ROWS,
  cellText,
  type CsvEncoding,
  type RawCell,
} from '../../src-shared/import/rules';

export interface ImportLimits {
  maxBytes: number;
  maxRows: number;
  maxParseMs: number;
  /** What an xlsx file may unpack to (the sum of its parts' declared sizes). */
  maxUnpackedBytes: number;
  /** How long the preview may spend running the rows through the services' rules. */
  maxCheckMs: number;
}

export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  maxBytes: IMPORT_MAX_BYTES,
  maxRows: IMPORT_MAX_ROWS,
  maxParseMs: IMPORT_MAX_PARSE_MS,
  maxUnpackedBytes: 80 * 1024 * 1024,
  maxCheckMs: 60_000,
};

export interface TableRow {
  /** The row number the spreadsheet shows (1-based, counting blank rows). */
  rowNumber: number;
  cells: RawCell[];
}

export interface ReadTable {
  format: 'csv' | 'xlsx';
  sheetName: string | null;
  separator: string | null;
  encoding: string | null;
  /** Workbooks in the 1904 date system count serial dates from 1 January 1904. */
  date1904: boolean;
  /** Unique, non-empty column names ("Kolonne C" for a blank header). */
  columns: string[];
  headerRowNumber: number;
  /** Rows below the header that have at least one non-empty cell. */
  rows: TableRow[];
  /** Problems with the file as a whole found while reading it (a mixed character set). */
  fileProblems?: string[];
  /** Problems with single rows found while reading (a row that is not valid UTF-8). */
  rowProblems?: { rowNumber: number; message: string }[];
}

export interface ReadOptions {
  /** CSV: the character set the user chose; null = found from the file. */
  encoding?: CsvEncoding | null;
}

/** Refused file: BAD_INPUT naming the file, so the page shows it above the form. */
export function refuse(message: string): AppError {
  return new AppError('BAD_INPUT', message, [{ path: 'contentBase64', message }]);
}

export const mb = (bytes: number) =>
  new Intl.NumberFormat('nb-NO', { maximumFractionDigits: 1 }).format(bytes / (1024 * 1024));
export const count = (n: number) => new Intl.NumberFormat('nb-NO').format(n);

/** A clock for the time budget; tests pass one that jumps. */
export type Elapsed = () => number;

export function budget(limits: ImportLimits, elapsed: Elapsed) {
  return () => {
    if (elapsed() > limits.maxParseMs) {
      throw refuse(
        `Det tok for lang tid å lese filen (over ${count(Math.round(limits.maxParseMs / 1000))} sekunder), så den ble avvist. Del den i mindre filer, eller lagre bare arket som skal importeres som CSV.`,
      );
    }
  };
}

export function startTimer(): Elapsed {
  const t0 = performance.now();
  return () => performance.now() - t0;
}

/** "A", "B", …, "Z", "AA" — the spreadsheet's column letter. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Header cells → unique names; blanks become "Kolonne C", repeats "Navn (2)". */
export function columnNames(header: readonly RawCell[], width: number): string[] {
  const seen = new Map<string, number>();
  const names: string[] = [];
  for (let i = 0; i < width; i++) {
    let name = cellText(header[i] ?? null).replace(/\s+/g, ' ');
    if (name === '') name = `Kolonne ${columnLetter(i)}`;
    const key = name.toLocaleLowerCase('nb-NO');
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    names.push(n === 1 ? name : `${name} (${n})`);
  }
  return names;
}

export function isEmptyRow(cells: readonly RawCell[]): boolean {
  return cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''));
}

/** Header = the first non-empty row; the data rows are the non-empty rows after it. */
export function toTable(
  base: Omit<ReadTable, 'columns' | 'headerRowNumber' | 'rows'>,
  all: TableRow[],
  limits: ImportLimits,
): ReadTable {
  const nonEmpty = all.filter((r) => !isEmptyRow(r.cells));
  const header = nonEmpty[0];
  if (!header) {
    throw refuse(
      base.format === 'xlsx'
        ? 'Excel-filen har ingen rader med innhold.'
        : 'Filen er tom: den har ingen rader med innhold.',
    );
  }
  const rows = nonEmpty.slice(1);
  if (rows.length > limits.maxRows) {
    throw refuse(
      `Filen har ${count(rows.length)} rader under overskriftsraden; høyst ${count(limits.maxRows)} kan importeres om gangen. Del filen i flere.`,
    );
  }
  const width = Math.max(header.cells.length, ...rows.map((r) => r.cells.length));
  return {
    ...base,
    columns: columnNames(header.cells, width),
    headerRowNumber: header.rowNumber,
    rows,
  };
}
