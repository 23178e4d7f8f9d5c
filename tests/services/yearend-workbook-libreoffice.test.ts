/**
 * The streamed accountant's workbook opened by a second, independent reader: LibreOffice Calc
 * (headless) converts every sheet to CSV with the raw cell values. Each sheet has the rows
 * exceljs reads, the amounts are numbers (not text) in kroner, and Sammendrag's totals row
 * equals the sum of its grant rows and the year's ledger in SQL — so the file is not only
 * readable by the library that wrote it.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultBackupFolder } from '../../src-main/safety/backups';
import { makeDispatch, type TestApi } from '../helpers/db';
import { readWorkbook, yearEndCase } from '../helpers/yearend';

let api: TestApi;
let scratch: string;
beforeEach(() => {
  api = makeDispatch({ today: '2025-01-20' });
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'tilskudd-calc-'));
});
afterEach(() => {
  api.cleanup();
  fs.rmSync(defaultBackupFolder(api.dataDir), { recursive: true, force: true });
  fs.rmSync(scratch, { recursive: true, force: true });
});

/** Every sheet as LibreOffice reads it: sheet name → rows of raw cell texts. */
function calcSheets(base64: string): Map<string, string[][]> {
  const file = path.join(scratch, 'year.xlsx');
  fs.writeFileSync(file, Buffer.from(base64, 'base64'));
  const profile = `file://${path.join(scratch, `lo-${process.pid}`)}`;
  // CSV filter tokens: ',' '"' UTF-8, from line 1, …, raw values (not as shown), all sheets (-1).
  const filter =
    'csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,false,false,false,false,-1';
  execFileSync(
    '/usr/bin/soffice',
    [
      `-env:UserInstallation=${profile}`,
      '--headless',
      '--convert-to',
      filter,
      '--outdir',
      scratch,
      file,
    ],
    { timeout: 120_000, stdio: 'pipe' },
  );
  const out = new Map<string, string[][]>();
  for (const name of fs.readdirSync(scratch)) {
    const m = /^year-(.+)\.csv$/.exec(name);
    if (m) out.set(m[1]!, parseCsv(fs.readFileSync(path.join(scratch, name), 'utf8')));
  }
  return out;
}

/** RFC 4180 CSV (quoted fields may hold commas, quotes and newlines). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') endField();
    else if (ch === '\n') {
      endField();
      rows.push(row);
      row = [];
    } else if (ch !== '\r') field += ch;
  }
  if (field !== '' || row.length > 0) {
    endField();
    rows.push(row);
  }
  return rows;
}

/** Kroner as LibreOffice writes a raw number ('1832639', '-1234.5') → øre, exactly. */
function ore(cell: string): number {
  expect(cell, 'an amount is a plain number').toMatch(/^-?\d+(\.\d{1,2})?$/);
  const [whole, frac = ''] = cell.replace('-', '').split('.');
  const value = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  return cell.startsWith('-') ? -value : value;
}

describe('the year workbook read by LibreOffice Calc', () => {
  it('has every sheet and row exceljs reads, and numeric amounts that add up', async () => {
    await yearEndCase(api);
    const file = await api.call('yearEnd.exportWorkbook', { year: 2024 });
    const wb = await readWorkbook(file.contentBase64);
    const calc = calcSheets(file.contentBase64);
    expect([...calc.keys()].sort()).toEqual(wb.worksheets.map((w) => w.name).sort());
    for (const w of wb.worksheets) {
      expect(calc.get(w.name)!.length, `${w.name}: rows`).toBe(w.rowCount);
    }

    const summary = calc.get('Sammendrag')!;
    const header = summary[0]!;
    const col = (name: string) => {
      const i = header.indexOf(name);
      expect(i, `column ${name}`).toBeGreaterThanOrEqual(0);
      return i;
    };
    const grants = summary.slice(1, -1);
    const total = summary[summary.length - 1]!;
    expect(total[col('Prosjekt')]).toBe(`Sum (${grants.length} tilskudd)`);
    for (const name of [
      'Mottatt',
      'Administrasjonsandel',
      'Utbetalt til sentre',
      'Utgående saldo',
    ]) {
      const sum = grants.reduce((s, r) => s + ore(r[col(name)]!), 0);
      expect(ore(total[col(name)]!), `${name}: totals row`).toBe(sum);
    }
    const received = api.sqlite
      .prepare(
        `select coalesce(sum(amount_ore), 0) as s from movements
          where type = 'received' and date between '2024-01-01' and '2024-12-31'`,
      )
      .get() as { s: number };
    expect(ore(total[col('Mottatt')]!)).toBe(received.s);
  });
});
