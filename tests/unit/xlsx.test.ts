/**
 * The workbook helpers every export uses: formula neutralising, ASCII file names, and
 * numeric NOK cells with a bold frozen header, read back with exceljs.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  addDataRow,
  addTableSheet,
  asciiFileName,
  createWorkbook,
  fitColumns,
  neutralise,
  NOK_FORMAT,
  workbookBase64,
  type ColumnSpec,
} from '../../src-main/platform/xlsx';

describe('neutralise', () => {
  it('keeps text that a spreadsheet would take for a formula as text', () => {
    for (const t of ['=SUM(A1:A9)', '+47 22 00 00 00', '-100', '@cmd', '\t=1', '\r=1']) {
      expect(neutralise(t)).toBe(`'${t}`);
    }
    for (const t of ['Juleaksjonen', '100', 'a=b', ' =1', '']) expect(neutralise(t)).toBe(t);
  });
});

describe('asciiFileName', () => {
  it('spells out æøå and replaces spaces and unsafe characters', () => {
    expect(asciiFileName(['Utbetalingsliste', 'Juleaksjonen 2024 – JuleVinter'])).toBe(
      'Utbetalingsliste-Juleaksjonen-2024-JuleVinter.xlsx',
    );
    expect(asciiFileName(['Rapport', 'Sør-Helgeland/Ærøy Åsen'])).toBe(
      'Rapport-Sor-Helgeland-Aeroy-Asen.xlsx',
    );
    expect(asciiFileName(['Rapport', 'Tromsø (nord)'], 'xlsx')).toBe('Rapport-Tromso-nord.xlsx');
    expect(asciiFileName(['Rapport', 'Café Å'])).toMatch(/^[A-Za-z0-9._-]+$/);
  });
});

describe('table sheets', () => {
  it('writes amounts as numeric kroner with the NOK format under a bold, frozen header', async () => {
    const columns = [
      { key: 'name', header: 'Senter', kind: 'text' },
      { key: 'amount', header: 'Beløp', kind: 'money' },
      { key: 'date', header: 'Dato', kind: 'date' },
      { key: 'n', header: 'Antall', kind: 'integer' },
    ] as const satisfies readonly ColumnSpec[];
    const wb = createWorkbook(Date.UTC(2025, 0, 1));
    const sheet = addTableSheet(wb, 'Ark', columns);
    addDataRow(sheet, columns, {
      name: '=HYPERLINK("x")',
      amount: 185_336_805,
      date: '2025-03-20',
      n: 17,
    });
    addDataRow(sheet, columns, { name: 'Tom', amount: null });
    fitColumns(sheet, columns);

    const back = new ExcelJS.Workbook();
    await back.xlsx.load(Buffer.from(await workbookBase64(wb), 'base64') as unknown as ArrayBuffer);
    const ark = back.getWorksheet('Ark');
    if (!ark) throw new Error('sheet missing');
    expect(ark.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ark.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(ark.getRow(1).values).toEqual([undefined, 'Senter', 'Beløp', 'Dato', 'Antall']);
    const row = ark.getRow(2);
    expect(row.getCell(1).value).toBe('\'=HYPERLINK("x")');
    expect(row.getCell(2).value).toBe(1_853_368.05);
    expect(row.getCell(2).numFmt).toBe(NOK_FORMAT);
    expect(Math.round((row.getCell(2).value as number) * 100)).toBe(185_336_805);
    const d = row.getCell(3).value as Date;
    expect([d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()]).toEqual([2025, 2, 20]);
    expect(row.getCell(4).value).toBe(17);
    expect(ark.getRow(3).getCell(2).value).toBeNull();
    expect(ark.getColumn(1).width).toBeGreaterThanOrEqual(10);
  });
});
