/**
 * Reading an import file into a table of cells: CSV (separator `;`, `,` or tab found from
 * the header row; UTF-8 with or without BOM, UTF-16 with BOM, or Windows-1252 as Norwegian
 * Excel saves "CSV (semikolondelt)"; CRLF, LF or CR; quoted fields with `""` and line breaks)
 * or xlsx (exceljs; the first visible worksheet that has data). Every limit is checked here
 * and refused with a Norwegian message: the file's size, the size it unpacks to (xlsx), the
 * number of rows, and the time reading takes.
 */
import ExcelJS from 'exceljs';
import { AppError } from '../../src-shared/api/errors';
import {
  IMPORT_MAX_BYTES,
  IMPORT_MAX_PARSE_MS,
  IMPORT_MAX_ROWS,
  cellText,
  excelSerialOfDate,
  excelSerialToIso,
  type CsvEncoding,
  type RawCell,
} from '../../src-shared/import/rules';
import { decodeCsvBytes } from './csv-encoding';
import { guardZip } from './zip-guard';

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
function refuse(message: string): AppError {
  return new AppError('BAD_INPUT', message, [{ path: 'contentBase64', message }]);
}

const mb = (bytes: number) =>
  new Intl.NumberFormat('nb-NO', { maximumFractionDigits: 1 }).format(bytes / (1024 * 1024));
const count = (n: number) => new Intl.NumberFormat('nb-NO').format(n);

/** A clock for the time budget; tests pass one that jumps. */
export type Elapsed = () => number;

function budget(limits: ImportLimits, elapsed: Elapsed) {
  return () => {
    if (elapsed() > limits.maxParseMs) {
      throw refuse(
        `Det tok for lang tid å lese filen (over ${count(Math.round(limits.maxParseMs / 1000))} sekunder), så den ble avvist. Del den i mindre filer, eller lagre bare arket som skal importeres som CSV.`,
      );
    }
  };
}

function startTimer(): Elapsed {
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
function columnNames(header: readonly RawCell[], width: number): string[] {
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

function isEmptyRow(cells: readonly RawCell[]): boolean {
  return cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''));
}

/** Header = the first non-empty row; the data rows are the non-empty rows after it. */
function toTable(
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

// ---------------------------------------------------------------- CSV

const SEPARATORS = [';', '\t', ','] as const;

/** The separator used most in the first record outside quotes (ties: `;`, tab, `,`). */
export function detectSeparator(text: string): string {
  const counts = new Map<string, number>(SEPARATORS.map((s) => [s, 0]));
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (c === '\n' || c === '\r')) {
      // Skip leading blank lines: the header is the first line with something on it.
      if ([...counts.values()].some((n) => n > 0) || text.slice(0, i).trim() !== '') break;
    } else if (!inQuotes && counts.has(c)) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let best: string = ';';
  for (const s of SEPARATORS) if ((counts.get(s) ?? 0) > (counts.get(best) ?? 0)) best = s;
  return best;
}

/**
 * RFC 4180 records with the leniency real files need: a quote opens a quoted field only at
 * the start of a field (spaces before it are dropped), `""` inside quotes is one quote, text
 * after a closing quote is kept, and CRLF, LF or CR end a record. Returns records with the
 * spreadsheet row number each starts on (a quoted line break does not start a new row).
 */
export function parseCsv(
  text: string,
  separator: string,
  check: () => void = () => {},
  maxRecords = Infinity,
  /** Filled with the offset in `text` where each record (blank ones too) ends, by row number − 1. */
  recordEnds?: number[],
): TableRow[] {
  const rows: TableRow[] = [];
  let rowNumber = 0;
  let record: string[] = [];
  let field = '';
  let inQuotes = false;
  let quotedField = false;
  let quoteStartRow = 0;
  const n = text.length;
  const endField = () => {
    record.push(field);
    field = '';
    quotedField = false;
  };
  const endRecord = () => {
    endField();
    rowNumber++;
    recordEnds?.push(i);
    // Blank rows only count for the row numbers; they are not kept (a file of line breaks
    // must not fill the memory).
    if (record.some((c) => c.trim() !== '')) {
      rows.push({ rowNumber, cells: record });
      if (rows.length > maxRecords) {
        throw refuse(
          `Filen har mer enn ${count(maxRecords - 1)} rader under overskriftsraden; høyst ${count(maxRecords - 1)} kan importeres om gangen. Del filen i flere.`,
        );
      }
    }
    record = [];
    if (rowNumber % 500 === 0) check();
  };
  let i = 0;
  while (i < n) {
    const c = text[i] as string;
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && !quotedField && field.trim() === '') {
      inQuotes = true;
      quotedField = true;
      quoteStartRow = rowNumber + 1;
      field = '';
      i++;
      continue;
    }
    if (c === separator) {
      endField();
      i++;
      continue;
    }
    if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    field += c;
    i++;
  }
  if (inQuotes) {
    throw refuse(
      `Filen har et anførselstegn (") som ikke er avsluttet, fra rad ${quoteStartRow}. Åpne filen i Excel, kontroller raden og lagre den på nytt.`,
    );
  }
  if (field !== '' || record.length > 0 || quotedField) endRecord();
  return rows;
}

/** «3», «3 og 7», «3, 7 og 9», «3, 7, 9 … og 12 til». */
function rowList(rows: readonly number[]): string {
  const shown = rows.slice(0, 10).map(String);
  if (rows.length > shown.length) return `${shown.join(', ')} og ${rows.length - shown.length} til`;
  if (shown.length === 1) return shown[0] as string;
  return `${shown.slice(0, -1).join(', ')} og ${shown[shown.length - 1]}`;
}

/** The rows (record numbers) the character ranges fall in. */
function rowsOfRanges(
  recordEnds: readonly number[],
  ranges: readonly { start: number; end: number }[],
): number[] {
  const rows = new Set<number>();
  // The first record whose end is at or after `offset` (binary search).
  const recordAt = (offset: number) => {
    let lo = 0;
    let hi = recordEnds.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((recordEnds[mid] as number) >= offset) hi = mid;
      else lo = mid + 1;
    }
    return lo + 1;
  };
  for (const r of ranges) {
    const first = recordAt(r.start);
    const last = recordAt(Math.max(r.start, r.end - 1));
    for (let n = first; n <= last; n++) rows.add(n);
  }
  return [...rows].sort((a, b) => a - b);
}

function readCsv(
  bytes: Uint8Array,
  limits: ImportLimits,
  elapsed: Elapsed,
  options: ReadOptions,
): ReadTable {
  const check = budget(limits, elapsed);
  const { text, encoding, invalidUtf8 } = decodeCsvBytes(bytes, options.encoding ?? null);
  if (text.includes('\u0000')) {
    throw refuse(
      'Filen ser ikke ut som en CSV-fil eller en Excel-fil (.xlsx). Lagre den som «CSV (semikolondelt)» eller «Excel-arbeidsbok» og prøv igjen.',
    );
  }
  const separator = detectSeparator(text);
  // The header and the allowed rows; a longer file is refused while it is read.
  const recordEnds: number[] = [];
  const records = parseCsv(text, separator, check, limits.maxRows + 1, recordEnds);
  check();
  const table = toTable(
    { format: 'csv', sheetName: null, separator, encoding, date1904: false },
    records.map((r) => ({ rowNumber: r.rowNumber, cells: r.cells as RawCell[] })),
    limits,
  );
  if (invalidUtf8.length === 0) return table;
  // Not valid UTF-8 in places: say which rows, and let the user choose the character set.
  const badRows = rowsOfRanges(recordEnds, invalidUtf8);
  const dataRows = new Set(table.rows.map((r) => r.rowNumber));
  const which =
    badRows.length === 1 ? `Rad ${rowList(badRows)} er` : `Radene ${rowList(badRows)} er`;
  const chosenUtf8 = options.encoding === 'utf-8';
  return {
    ...table,
    fileProblems: [
      chosenUtf8
        ? `${which} ikke gyldig UTF-8, så tegn som æ, ø og å i ${badRows.length === 1 ? 'den' : 'dem'} kan ikke leses som UTF-8. Velg tegnkoding Windows-1252, eller lagre filen på nytt som «CSV UTF-8» i Excel.`
        : `Filen har blandet tegnkoding: ${which.charAt(0).toLowerCase()}${which.slice(1)} ikke gyldig UTF-8 (trolig Windows-1252), mens resten av filen er UTF-8. Se over radene, velg tegnkoding for filen (UTF-8 eller Windows-1252), eller lagre den på nytt som «CSV UTF-8» i Excel.`,
    ],
    rowProblems: badRows
      .filter((n) => dataRows.has(n))
      .map((rowNumber) => ({
        rowNumber,
        message: chosenUtf8
          ? 'Raden er ikke gyldig UTF-8; tegn som æ, ø og å kan ikke leses. Velg tegnkoding Windows-1252, eller rett filen.'
          : 'Raden er ikke gyldig UTF-8 (trolig Windows-1252), mens resten av filen er UTF-8. Kontroller tegn som æ, ø og å, og velg tegnkoding for filen.',
      })),
  };
}

// ---------------------------------------------------------------- xlsx

/**
 * The sizes a zip's central directory declares: the number of parts and what they unpack to.
 * Null when the directory cannot be found (not a valid zip). Read before exceljs unpacks
 * anything, so a small file that would unpack to gigabytes is refused first.
 */
export function zipDirectory(bytes: Uint8Array): { entries: number; unpacked: number } | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // End of central directory: 22 bytes plus a comment of up to 65 535 bytes, at the end.
  const minStart = Math.max(0, bytes.length - 22 - 65_535);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= minStart; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = view.getUint16(eocd + 10, true);
  const dirOffset = view.getUint32(eocd + 16, true);
  if (entries === 0xffff || dirOffset === 0xffffffff)
    return { entries: Infinity, unpacked: Infinity };
  let p = dirOffset;
  let unpacked = 0;
  for (let k = 0; k < entries; k++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50) return null;
    const size = view.getUint32(p + 24, true);
    // 0xffffffff means the real size is in a zip64 field: treat it as too big.
    unpacked += size === 0xffffffff ? Infinity : size;
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return { entries, unpacked };
}

type ExcelValue = ExcelJS.CellValue | undefined;

/** One exceljs cell → RawCell: dates without time zones, percentages as shown, formulas by their result. */
function excelCell(value: ExcelValue, numFmt: string | undefined, date1904: boolean): RawCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') {
    // A cell formatted as a percentage holds 0.1 for "10 %"; the user means 10.
    return numFmt?.includes('%') ? Math.round(value * 100 * 1e9) / 1e9 : value;
  }
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof Date) {
    // exceljs turns a date cell's serial into UTC midnight of the day; going back to the
    // serial and converting that keeps the calendar date whatever the machine's time zone.
    const iso = Number.isNaN(value.getTime())
      ? null
      : excelSerialToIso(excelSerialOfDate(value, date1904), date1904);
    return iso ? { date: iso } : { error: 'ugyldig dato' };
  }
  if ('error' in value) return { error: String(value.error) };
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    return excelCell(value.result as ExcelValue, numFmt, date1904);
  }
  if ('hyperlink' in value) {
    const text = value.text as unknown;
    if (typeof text === 'string') return text;
    if (text && typeof text === 'object' && 'richText' in text) {
      return (text as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('');
    }
    return value.hyperlink;
  }
  return null;
}

function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => AppError): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), Math.max(0, ms));
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function readXlsx(
  bytes: Uint8Array,
  limits: ImportLimits,
  elapsed: Elapsed,
): Promise<ReadTable> {
  const check = budget(limits, elapsed);
  const notReadable = refuse(
    'Excel-filen kunne ikke leses. Åpne den i Excel og lagre den på nytt som «Excel-arbeidsbok (.xlsx)», eller lagre arket som CSV.',
  );
  const dir = zipDirectory(bytes);
  if (!dir) throw notReadable;
  if (dir.entries > 10_000 || dir.unpacked > limits.maxUnpackedBytes) {
    throw refuse(
      `Excel-filen pakker seg ut til mer enn ${mb(limits.maxUnpackedBytes)} MB og ble avvist. Lagre bare arket som skal importeres, eller lagre det som CSV.`,
    );
  }
  // The declared sizes are only a first, cheap refusal: the guard inflates every part with a
  // hard cap on the bytes it actually produces, and exceljs reads its stored re-pack.
  const guarded = await guardZip(bytes, {
    maxUnpackedBytes: limits.maxUnpackedBytes,
    maxEntries: 10_000,
  });
  if (!guarded.ok) {
    if (guarded.reason === 'too-big' || guarded.reason === 'too-many-entries') {
      throw refuse(
        `Excel-filen pakker seg ut til mer enn ${mb(limits.maxUnpackedBytes)} MB og ble avvist. Lagre bare arket som skal importeres, eller lagre det som CSV.`,
      );
    }
    throw notReadable;
  }
  check();
  const workbook = new ExcelJS.Workbook();
  const tooSlow = () => {
    try {
      check();
      return refuse('Det tok for lang tid å lese filen, så den ble avvist.');
    } catch (error) {
      return error as AppError;
    }
  };
  try {
    await withTimeout(
      workbook.xlsx.load(guarded.zip as never),
      limits.maxParseMs - elapsed() + 1,
      tooSlow,
    );
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw notReadable;
  }
  check();
  const date1904 = Boolean((workbook.properties as { date1904?: boolean } | undefined)?.date1904);
  const visible = workbook.worksheets.filter(
    (ws) => ws.state !== 'hidden' && ws.state !== 'veryHidden',
  );
  const sheet = visible.find((ws) => ws.actualRowCount > 0) ?? visible[0];
  if (!sheet) throw refuse('Excel-filen har ingen synlige ark.');
  // Header + rows; blank rows are not counted, and a count far above the limit stops early.
  if (sheet.actualRowCount > limits.maxRows + 1) {
    throw refuse(
      `Filen har ${count(sheet.actualRowCount - 1)} rader under overskriftsraden; høyst ${count(limits.maxRows)} kan importeres om gangen. Del filen i flere.`,
    );
  }
  const rows: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: RawCell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      cells[col - 1] = excelCell(cell.value, cell.numFmt, date1904);
    });
    for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
    rows.push({ rowNumber, cells });
    if (rows.length % 500 === 0) check();
  });
  check();
  return toTable(
    { format: 'xlsx', sheetName: sheet.name, separator: null, encoding: null, date1904 },
    rows,
    limits,
  );
}

// ---------------------------------------------------------------- entry

/**
 * Reads an import file. xlsx is recognised by its content (a zip), an old .xls is refused
 * with advice, anything else is read as CSV text. Throws BAD_INPUT with a Norwegian
 * message when the file is too big, unreadable, has too many rows or takes too long.
 */
export async function readImportFile(
  bytes: Uint8Array,
  limits: ImportLimits = DEFAULT_IMPORT_LIMITS,
  elapsed: Elapsed = startTimer(),
  options: ReadOptions = {},
): Promise<ReadTable> {
  if (bytes.length > limits.maxBytes) {
    throw refuse(
      `Filen er ${mb(bytes.length)} MB. Største tillatte størrelse er ${mb(limits.maxBytes)} MB. Del den i flere filer, eller lagre bare arket som skal importeres.`,
    );
  }
  if (bytes.length === 0) throw refuse('Filen er tom.');
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  if (zip) return readXlsx(bytes, limits, elapsed);
  const ole = bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
  if (ole) {
    throw refuse(
      'Gamle Excel-filer (.xls) kan ikke leses. Åpne filen i Excel og lagre den som «Excel-arbeidsbok (.xlsx)» eller som CSV.',
    );
  }
  return readCsv(bytes, limits, elapsed, options);
}
