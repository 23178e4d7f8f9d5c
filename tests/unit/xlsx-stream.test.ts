/**
 * The streamed table sheet (exceljs' streaming writer, each row committed) reads back exactly
 * like the same table built in memory with addTableSheet/addDataRow/fitColumns: every cell's
 * value, type, number format, font, fill and alignment, the column widths, the frozen header,
 * and the workbook's title and dates.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  addDataRow,
  addTableSheet,
  createWorkbook,
  fitColumns,
  workbookBase64,
  type ColumnSpec,
} from '../../src-main/platform/xlsx';
import {
  createStreamedWorkbook,
  writeTableSheet,
  type TableRow,
} from '../../src-main/platform/xlsx-stream';

const COLUMNS = [
  { key: 'id', header: 'Id', kind: 'integer' },
  { key: 'name', header: '=Navn', kind: 'text' },
  { key: 'amount', header: 'Beløp', kind: 'money' },
  { key: 'date', header: 'Dato', kind: 'date' },
  { key: 'status', header: 'Resultat', kind: 'text' },
  { key: 'note', header: 'Forklaring', kind: 'text', width: 42 },
] as const satisfies readonly ColumnSpec[];

const RED = { bold: true, color: { argb: 'FFB00020' } };

function rows(): TableRow[] {
  const out: TableRow[] = [
    {
      values: { id: 1, name: '=HYPERLINK("x")', amount: 185_336_805, date: '2025-03-20' },
      bold: true,
      cellFonts: { status: RED },
    },
    { values: { id: 2, name: 'Tom', amount: null, status: 'Avvik', note: '' } },
    {
      values: {
        id: 3,
        name: '+47 22 00 00 00',
        amount: -1,
        date: '2024-12-31',
        note: 'x'.repeat(80),
      },
    },
  ];
  for (let i = 4; i < 300; i++) {
    out.push({ values: { id: i, name: `Senter ${i}`, amount: i * 12_345, date: '2025-01-02' } });
  }
  out.push({ values: { name: 'Sum', amount: 1_234_567_890_12 }, bold: true });
  return out;
}

async function read(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

function cellView(cell: ExcelJS.Cell) {
  return {
    value: cell.value instanceof Date ? cell.value.toISOString() : cell.value,
    type: cell.type,
    numFmt: cell.numFmt,
    font: cell.font,
    fill: cell.fill,
    alignment: cell.alignment,
  };
}

describe('writeTableSheet (streamed)', () => {
  it('reads back cell by cell like the sheet built in memory', async () => {
    const created = Date.UTC(2025, 0, 20, 9, 30);
    const memory = createWorkbook(created);
    memory.title = 'Tittel';
    for (const name of ['Første', 'Andre: ark/med tegn?']) {
      const sheet = addTableSheet(memory, name, COLUMNS);
      for (const r of rows()) {
        const row = addDataRow(sheet, COLUMNS, r.values, { bold: r.bold });
        if (r.cellFonts?.status) row.getCell(5).font = r.cellFonts.status;
      }
      fitColumns(sheet, COLUMNS);
    }
    const streamed = createStreamedWorkbook(created);
    streamed.workbook.title = 'Tittel';
    let passes = 0;
    for (const name of ['Første', 'Andre: ark/med tegn?']) {
      const count = writeTableSheet(streamed.workbook, name, COLUMNS, () => {
        passes += 1;
        return rows();
      });
      expect(count).toBe(rows().length);
    }
    expect(passes).toBe(4);

    const a = await read(Buffer.from(await workbookBase64(memory), 'base64'));
    const b = await read(await streamed.finish());
    expect(b.title).toBe('Tittel');
    expect(b.creator).toBe(a.creator);
    expect(b.created?.getTime()).toBe(created);
    expect(b.worksheets.map((s) => s.name)).toEqual(a.worksheets.map((s) => s.name));
    for (const sa of a.worksheets) {
      const sb = b.getWorksheet(sa.name);
      if (!sb) throw new Error(`sheet ${sa.name} missing`);
      expect(sb.views).toEqual(sa.views);
      expect(sb.rowCount).toBe(sa.rowCount);
      expect(sb.rowCount).toBe(rows().length + 1);
      for (let c = 1; c <= COLUMNS.length; c++) {
        expect(sb.getColumn(c).width, `${sa.name} column ${c}`).toBe(sa.getColumn(c).width);
      }
      for (let r = 1; r <= sa.rowCount; r++) {
        for (let c = 1; c <= COLUMNS.length; c++) {
          const ca = sa.getRow(r).getCell(c);
          expect(cellView(sb.getRow(r).getCell(c)), ca.address).toEqual(cellView(ca));
        }
      }
    }
    // The widths were measured, not defaulted: the long note sets column 6's given width,
    // the amounts the money column's.
    const first = b.worksheets[0];
    expect(first?.getColumn(6).width).toBe(42);
    expect(first?.getColumn(3).width).toBeGreaterThan(15);
  });
});
