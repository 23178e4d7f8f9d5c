/**
 * Reading an import file into a table of cells: CSV (separator `;`, `,` or tab found from
 * the header row; UTF-8 with or without BOM, UTF-16 with BOM, or Windows-1252 as Norwegian
 * Excel saves "CSV (semikolondelt)"; CRLF, LF or CR; quoted fields with `""` and line breaks)
 * or xlsx (exceljs; the first visible worksheet that has data). Every limit is checked here
 * and refused with a Norwegian message: the file's size, the size it unpacks to (xlsx), the
 * number of rows, and the time reading takes.
 *
 * The shared shapes and helpers are in read-table.ts, CSV in read-csv.ts; this file reads
 * xlsx and chooses the reader.
 */
import type ExcelJS from 'exceljs';
import { excel } from '../platform/exceljs';
import { AppError } from '../../src-shared/api/errors';
import { excelSerialOfDate, excelSerialToIso, type RawCell } from '../../src-shared/import/rules';
import { readCsv } from './read-csv';
import {
  budget,
  count,
  DEFAULT_IMPORT_LIMITS,
  mb,
  refuse,
  startTimer,
  toTable,
  type Elapsed,
  type ImportLimits,
  type ReadOptions,
  type ReadTable,
  type TableRow,
} from './read-table';
import { guardZip } from './zip-guard';

export { detectSeparator, parseCsv } from './read-csv';
export {
  columnLetter,
  DEFAULT_IMPORT_LIMITS,
  type Elapsed,
  type ImportLimits,
  type ReadOptions,
  type ReadTable,
  type TableRow,
} from './read-table';

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
  const workbook = new (excel().Workbook)();
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
