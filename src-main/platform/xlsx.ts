/**
 * Workbook helpers for the exports an accountant, auditor or funder opens in Excel or
 * LibreOffice: a sheet with a bold, frozen header row, amounts as NUMERIC cells in kroner
 * with a NOK number format (never text), calendar dates as real dates, text that cannot be
 * taken for a formula, readable column widths, and an ASCII-safe file name. Shared by the
 * allocation reports and the year-end export.
 */
import { formatOre } from '../../src-shared/kernel/money';
import { spreadsheetText } from '../../src-shared/kernel/spreadsheet-text';
import ExcelJS from 'exceljs';

/** NOK with øre; the format code shows correctly in both Excel and LibreOffice. */
export const NOK_FORMAT = '#,##0.00 "kr"';
/** NOK in whole kroner. */
export const NOK_WHOLE_FORMAT = '#,##0 "kr"';
export const DATE_FORMAT = 'dd.mm.yyyy';
export const INTEGER_FORMAT = '#,##0';

export type ColumnKind = 'text' | 'money' | 'integer' | 'date';

export interface ColumnSpec<K extends string = string> {
  key: K;
  header: string;
  kind: ColumnKind;
  /** Width in characters; by default fitted to the header and the content. */
  width?: number;
}

/**
 * What a row gives per column: text, øre for money, a whole number, an ISO date
 * ('YYYY-MM-DD') for dates, or null for an empty cell.
 */
export type CellInput = string | number | null | undefined;

/** Excel keeps at most 32 767 characters in a cell. */
const MAX_CELL_CHARS = 32_767;

/**
 * Text for a cell: neutralised by the shared `spreadsheetText` (a leading apostrophe on text
 * a spreadsheet would take for a formula) and cut to what a cell holds.
 */
export function neutralise(text: string): string {
  const safe = spreadsheetText(text);
  return safe.length > MAX_CELL_CHARS ? `${safe.slice(0, MAX_CELL_CHARS - 12)} … (kortet)` : safe;
}

/** Øre to kroner for a numeric cell (exact for every amount we accept: ≤ 2^53 øre). */
export function oreToKroner(ore: number): number {
  return ore / 100;
}

/** A calendar date as the Date exceljs writes as that day (it converts from UTC). */
export function excelDate(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

export function createWorkbook(createdMs: number): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Tilskuddsoversikt – Krisesentersekretariatet';
  workbook.created = new Date(createdMs);
  workbook.modified = new Date(createdMs);
  return workbook;
}

/** A sheet with a bold, frozen header row (sheet names are cut to Excel's 31 characters). */
export function addTableSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  columns: readonly ColumnSpec[],
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31), {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }],
  });
  sheet.columns = columns.map((c) => ({ key: c.key, header: neutralise(c.header) }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: false };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8ECF1' } };
  columns.forEach((c, i) => {
    if (c.kind === 'money' || c.kind === 'integer') {
      header.getCell(i + 1).alignment = { horizontal: 'right' };
    }
  });
  return sheet;
}

/** Adds one row; money becomes kroner with the NOK format, dates real dates, text neutralised. */
export function addDataRow(
  sheet: ExcelJS.Worksheet,
  columns: readonly ColumnSpec[],
  values: Readonly<Record<string, CellInput>>,
  options: { bold?: boolean } = {},
): ExcelJS.Row {
  const row = sheet.addRow([]);
  columns.forEach((c, i) => {
    const cell = row.getCell(i + 1);
    const v = values[c.key];
    if (v === null || v === undefined || v === '') {
      if (c.kind === 'money') cell.numFmt = NOK_FORMAT;
      return;
    }
    switch (c.kind) {
      case 'money':
        cell.value = oreToKroner(Number(v));
        cell.numFmt = NOK_FORMAT;
        break;
      case 'integer':
        cell.value = Number(v);
        cell.numFmt = INTEGER_FORMAT;
        break;
      case 'date':
        cell.value = excelDate(String(v));
        cell.numFmt = DATE_FORMAT;
        break;
      default:
        cell.value = neutralise(String(v));
    }
  });
  if (options.bold) row.font = { bold: true };
  return row;
}

/** Fits each column to its header and content (10–60 characters) unless a width is given. */
export function fitColumns(sheet: ExcelJS.Worksheet, columns: readonly ColumnSpec[]): void {
  columns.forEach((c, i) => {
    const column = sheet.getColumn(i + 1);
    if (c.width !== undefined) {
      column.width = c.width;
      return;
    }
    let longest = c.header.length;
    column.eachCell({ includeEmpty: false }, (cell) => {
      const v = cell.value;
      const shown =
        typeof v === 'number'
          ? c.kind === 'money'
            ? // The cell holds kroner (øre / 100); measure it as the NOK format shows it.
              formatOre(Math.round(v * 100), { decimals: 'always' }).length
            : String(v).length
          : v instanceof Date
            ? 10
            : String(v ?? '').length;
      longest = Math.max(longest, shown);
    });
    column.width = Math.min(60, Math.max(10, longest + 2));
  });
}

/** The workbook as base64, for a FileOutput. */
export async function workbookBase64(workbook: ExcelJS.Workbook): Promise<string> {
  const buffer = await workbook.xlsx.writeBuffer();
  return Buffer.from(buffer as ArrayBuffer).toString('base64');
}

const ASCII_LETTERS: Record<string, string> = {
  æ: 'ae',
  Æ: 'Ae',
  ø: 'o',
  Ø: 'O',
  å: 'a',
  Å: 'A',
};

/**
 * A file name that every file system and mail program accepts: æ/ø/å spelled out, other
 * accents dropped, spaces and anything else unsafe turned into '-'.
 * 'Utbetalingsliste', 'Juleaksjonen 2024' → 'Utbetalingsliste-Juleaksjonen-2024.xlsx'.
 */
export function asciiFileName(parts: readonly string[], extension = 'xlsx'): string {
  const base = parts
    .join('-')
    .replace(/[æøåÆØÅ]/g, (ch) => ASCII_LETTERS[ch] ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 120);
  return `${base || 'fil'}.${extension}`;
}
