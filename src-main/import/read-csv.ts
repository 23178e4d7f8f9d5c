/**
 * Reading CSV: finding the separator, parsing records (RFC 4180 with the leniency real files
 * need), and naming the rows that are not valid UTF-8.
 */
import type { AppError } from '../../src-shared/api/errors';
import type { RawCell } from '../../src-shared/import/rules';
import { decodeCsvBytes } from './csv-encoding';
import {
  budget,
  count,
  refuse,
  toTable,
  type Elapsed,
  type ImportLimits,
  type ReadOptions,
  type ReadTable,
  type TableRow,
} from './read-table';

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

function tooManyRecords(max: number): AppError {
  return refuse(
    `Filen har mer enn ${count(max)} rader under overskriftsraden; høyst ${count(max)} kan importeres om gangen. Del filen i flere.`,
  );
}

function unclosedQuote(fromRow: number): AppError {
  return refuse(
    `Filen har et anførselstegn (") som ikke er avsluttet, fra rad ${fromRow}. Åpne filen i Excel, kontroller raden og lagre den på nytt.`,
  );
}

/**
 * RFC 4180 records with the leniency real files need: a quote opens a quoted field only at
 * the start of a field (spaces before it are dropped), `""` inside quotes is one quote, text
 * after a closing quote is kept, and CRLF, LF or CR end a record. Returns records with the
 * spreadsheet row number each starts on (a quoted line break does not start a new row).
 * `recordEnds` is filled with the offset in `text` where each record (blank ones too) ends,
 * by row number − 1.
 */
export function parseCsv(
  text: string,
  separator: string,
  check: () => void = () => {},
  maxRecords = Infinity,
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
        throw tooManyRecords(maxRecords - 1);
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
    throw unclosedQuote(quoteStartRow);
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

export function readCsv(
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
