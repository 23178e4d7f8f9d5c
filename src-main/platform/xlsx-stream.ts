/**
 * A workbook written row by row (exceljs' streaming writer) for exports too large to build
 * as a tree of cells: each row is turned into XML and committed as soon as it is filled, so
 * memory holds the compressed file and the XML not yet zipped, not a cell object per value.
 *
 * The sheets look exactly like the in-memory ones of xlsx.ts (the same header, cell formats,
 * frozen header row, neutralised text and fitted column widths, and shared strings like
 * `writeBuffer`). A streamed sheet must know its column widths before its first row, so
 * `writeTableSheet` reads its rows twice: once to measure, once to write. The row source is
 * a function returning a fresh iterable each time (an array, or a SQLite iterator run
 * again); the two passes run synchronously one after the other, so they see the same data.
 */
import { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { excel } from './exceljs';
import {
  fillRow,
  inputLength,
  neutralise,
  widthFor,
  type CellInput,
  type ColumnSpec,
  type RowOptions,
} from './xlsx';

/** One row of a streamed table: its values by column key and how it looks. */
export interface TableRow {
  values: Readonly<Record<string, CellInput>>;
  bold?: boolean;
  /** A font for single cells (by column key), applied after the row's own font. */
  cellFonts?: Readonly<Record<string, Partial<ExcelJS.Font>>>;
}

export interface StreamedWorkbook {
  workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  /** Commits every sheet and the workbook parts; resolves with the finished file. */
  finish(): Promise<Buffer>;
}

/** A streaming workbook collecting its zipped bytes (the compressed file only) in memory. */
export function createStreamedWorkbook(createdMs: number): StreamedWorkbook {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  const workbook = new (excel().stream.xlsx.WorkbookWriter)({
    stream: sink,
    useStyles: true,
    useSharedStrings: true,
    // zlib's usual level, as the in-memory writer compresses (archiver's default is faster
    // and gives a file about a quarter larger).
    zip: { zlib: { level: 6 } },
  });
  workbook.creator = 'Tilskuddsoversikt – Krisesentersekretariatet';
  workbook.created = new Date(createdMs);
  workbook.modified = new Date(createdMs);
  return {
    workbook,
    async finish() {
      await workbook.commit();
      return Buffer.concat(chunks);
    },
  };
}

/** Column widths from the header and every row's values (what fitColumns gives in memory). */
function measure(columns: readonly ColumnSpec[], rows: Iterable<TableRow>): number[] {
  const longest = columns.map((c) => Math.max(c.header.length, neutralise(c.header).length));
  for (const row of rows) {
    columns.forEach((c, i) => {
      const n = inputLength(c.kind, row.values[c.key]);
      if (n > (longest[i] ?? 0)) longest[i] = n;
    });
  }
  return columns.map((c, i) => c.width ?? widthFor(longest[i] ?? 0));
}

/**
 * Adds a sheet with a bold, frozen header row and one row per item of `rows()`, each
 * committed as soon as it is written; the sheet is committed at the end. Returns the number
 * of data rows.
 */
export function writeTableSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  columns: readonly ColumnSpec[],
  rows: () => Iterable<TableRow>,
): number {
  const widths = measure(columns, rows());
  const sheet = workbook.addWorksheet(name.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31), {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }],
  });
  sheet.columns = columns.map((c, i) => ({ key: c.key, width: widths[i] }));
  const header = sheet.addRow(columns.map((c) => neutralise(c.header)));
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: false };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8ECF1' } };
  columns.forEach((c, i) => {
    if (c.kind === 'money' || c.kind === 'integer') {
      header.getCell(i + 1).alignment = { horizontal: 'right' };
    }
  });
  header.commit();
  let count = 0;
  for (const r of rows()) {
    const options: RowOptions = r.bold ? { bold: true } : {};
    const row = fillRow(sheet.addRow([]), columns, r.values, options);
    if (r.cellFonts) {
      columns.forEach((c, i) => {
        const font = r.cellFonts?.[c.key];
        if (font) row.getCell(i + 1).font = font;
      });
    }
    row.commit();
    count += 1;
  }
  sheet.commit();
  return count;
}
