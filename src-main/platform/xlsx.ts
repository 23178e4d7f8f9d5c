/**
 * Workbook helpers for the exports an accountant, auditor or funder opens in Excel or
 * LibreOffice: a sheet with a bold, frozen header row, amounts as NUMERIC cells in kroner
 * with a NOK number format (never text), calendar dates as real dates, text that cannot be
 * taken for a formula, readable column widths, and an ASCII-safe file name. Shared by the
 * allocation reports and the year-end export.
 */
import { formatOre } from '../../src-shared/kernel/money';
import { spreadsheetText } from '../../src-shared/kernel/spreadsheet-text';
import type ExcelJS from 'exceljs';
import { excel } from './exceljs';

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
  const workbook = new (excel().Workbook)();
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

/** Options for one data row. */
export interface RowOptions {
  bold?: boolean;
}

/**
 * Fills a row's cells: money becomes kroner with the NOK format, dates real dates, text
 * neutralised. Shared by the in-memory sheets and the streamed ones (xlsx-stream.ts).
 */
export function fillRow(
  row: ExcelJS.Row,
  columns: readonly ColumnSpec[],
  values: Readonly<Record<string, CellInput>>,
  options: RowOptions = {},
): ExcelJS.Row {
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

/** Adds one row; money becomes kroner with the NOK format, dates real dates, text neutralised. */
export function addDataRow(
  sheet: ExcelJS.Worksheet,
  columns: readonly ColumnSpec[],
  values: Readonly<Record<string, CellInput>>,
  options: RowOptions = {},
): ExcelJS.Row {
  return fillRow(sheet.addRow([]), columns, values, options);
}

/** How many characters a cell's value takes as shown (what fitColumns measures). */
function shownLength(kind: ColumnKind, v: ExcelJS.CellValue): number {
  if (typeof v === 'number') {
    // A money cell holds kroner (øre / 100); measure it as the NOK format shows it.
    return kind === 'money'
      ? formatOre(Math.round(v * 100), { decimals: 'always' }).length
      : String(v).length;
  }
  return v instanceof Date ? 10 : String(v ?? '').length;
}

/**
 * The same measure for a row's input value before it becomes a cell, so a streamed sheet
 * can size its columns in a first pass without building cells.
 */
export function inputLength(kind: ColumnKind, v: CellInput): number {
  if (v === null || v === undefined || v === '') return 0;
  switch (kind) {
    case 'money':
      return shownLength(kind, oreToKroner(Number(v)));
    case 'integer':
      return shownLength(kind, Number(v));
    case 'date':
      return 10;
    default:
      return neutralise(String(v)).length;
  }
}

/** A column's width from the longest value shown in it (10–60 characters). */
export function widthFor(longest: number): number {
  return Math.min(60, Math.max(10, longest + 2));
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
      longest = Math.max(longest, shownLength(c.kind, cell.value));
    });
    column.width = widthFor(longest);
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
