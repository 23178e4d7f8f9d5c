/**
 * The streamed year exports (issue 14) over generated data with a few thousand movements in
 * a year (the bench generator at scale 10): the workbook read back with exceljs agrees with
 * SQL run here on the same file, row by row in «Bevegelser» and total by total in the totals
 * rows of «Bevegelser», «Sammendrag», «Tildelinger» and «Administrasjonsandel»; «Kontroller»
 * finds the sheets consistent; the CSV has the same movements in the same order and sums to
 * the same change. The signs are spelled out in SQL here, not taken from the app's rules.
 * 2023 is a closed year with centre payouts; in 2025 (open) a transfer and two corrections are
 * added through the API, so the link columns are checked against SQL too.
 */
import { spawnSync } from 'node:child_process';
import type ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Method, Output } from '../../src-shared/api/contract';
import { parseCsvAmount } from '../../src-shared/yearend/rules';
import { NOK_FORMAT } from '../../src-main/platform/xlsx';
import { REPO_ROOT } from '../helpers/paths';
import { parseCsvRecords, readWorkbook } from '../helpers/yearend';
import { generatedApp, type GeneratedApp } from './generated';

/** A movement's effect on its grant's balance, as SQL: + into the grant, − out of it. */
const SIGNED = `case when type in ('received', 'transfer_in', 'returned_by_centre')
                     then amount_ore else -amount_ore end`;

let app: GeneratedApp;
beforeAll(async () => {
  app = await generatedApp(10);
  // The two grants with the largest balance mid-2025: a transfer between them, reversed.
  const [from, to] = sql<{ id: number }>(
    `select grant_id as id from movements where date <= '2025-06-30'
      group by grant_id order by sum(${SIGNED}) desc, grant_id limit 2`,
  );
  const transfer = await call('movements.transfer', {
    fromGrantId: from?.id,
    toGrantId: to?.id,
    date: '2025-06-30',
    amountOre: 100_000,
    approvalRef: 'Godkjent overføring',
    approvalDate: '2025-06-29',
  });
  await call('movements.transfer', {
    fromGrantId: to?.id,
    toGrantId: from?.id,
    date: '2025-07-01',
    amountOre: 50_000,
    approvalRef: 'Tilbake',
    approvalDate: '2025-06-30',
  });
  await call('movements.reverse', { id: transfer.out.id, date: '2025-07-02', reason: 'Feil' });
  const [cost] = sql<{ id: number; amountOre: number }>(
    `select id, amount_ore as amountOre from movements
      where type = 'own_costs' and date like '2025-%' order by id limit 1`,
  );
  await call('movements.reverse', {
    id: cost?.id,
    reason: 'Feil beløp',
    correctedAmountOre: (cost?.amountOre ?? 0) + 100,
    acknowledgeWarnings: true,
  });
});
afterAll(() => app?.cleanup());

async function call<M extends Method>(method: M, input: unknown): Promise<Output<M>> {
  const r = await app.dispatch(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as Output<M>;
}

function sql<T>(query: string, params: Record<string, unknown> = {}): T[] {
  return app.opened.sqlite.prepare(query).all(params) as T[];
}

/** A sheet as header → cell per row (the row count read once: exceljs counts by walking). */
function table(wb: ExcelJS.Workbook, name: string): Record<string, ExcelJS.Cell>[] {
  const sheet = wb.getWorksheet(name);
  if (!sheet) throw new Error(`sheet ${name} missing`);
  const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const count = sheet.rowCount;
  const rows: Record<string, ExcelJS.Cell>[] = [];
  for (let r = 2; r <= count; r++) {
    const row = sheet.getRow(r);
    rows.push(Object.fromEntries(headers.map((h, i) => [h, row.getCell(i + 1)])));
  }
  return rows;
}

/** An amount cell: numeric kroner with the NOK format; returns øre. */
function ore(cell: ExcelJS.Cell | undefined): number {
  if (!cell) throw new Error('no cell');
  expect(typeof cell.value, `${cell.address} is numeric`).toBe('number');
  expect(cell.numFmt, `${cell.address} has the NOK format`).toBe(NOK_FORMAT);
  return Math.round((cell.value as number) * 100);
}

const text = (cell: ExcelJS.Cell | undefined) =>
  cell?.value === null || cell?.value === undefined ? '' : String(cell.value);

interface LedgerRow {
  id: number;
  date: string;
  grantId: number;
  amountOre: number;
  signedOre: number;
  reversedBy: number | null;
  counterpart: number | null;
  counterpartGrant: string | null;
}

function ledgerOf(year: number): LedgerRow[] {
  return sql<LedgerRow>(
    `select m.id, m.date, m.grant_id as grantId, m.amount_ore as amountOre,
            case when m.type in ('received', 'transfer_in', 'returned_by_centre')
                 then m.amount_ore else -m.amount_ore end as signedOre,
            (select r.id from movements r where r.reverses_id = m.id) as reversedBy,
            cp.id as counterpart, cg.title as counterpartGrant
       from movements m
       left join movements cp on cp.id = m.counterpart_id or cp.counterpart_id = m.id
       left join grants cg on cg.id = cp.grant_id
      where m.date between :start and :end order by m.date, m.id`,
    { start: `${year}-01-01`, end: `${year}-12-31` },
  );
}

describe.each([2023, 2025])('the %i exports over generated data', (year) => {
  let wb: ExcelJS.Workbook;
  let ledger: LedgerRow[];
  const range = { start: `${year}-01-01`, end: `${year}-12-31` };
  beforeAll(async () => {
    wb = await readWorkbook((await call('yearEnd.exportWorkbook', { year })).contentBase64);
    ledger = ledgerOf(year);
  });

  it('Bevegelser: every movement of the year in order, cell by cell, and the SQL total', () => {
    expect(ledger.length).toBeGreaterThan(1_000);
    const rows = table(wb, 'Bevegelser');
    expect(rows).toHaveLength(ledger.length + 1);
    ledger.forEach((m, i) => {
      const r = rows[i];
      expect(r?.Id?.value, `row ${i + 2}`).toBe(m.id);
      expect((r?.Dato?.value as Date).toISOString().slice(0, 10)).toBe(m.date);
      expect(ore(r?.Beløp)).toBe(m.amountOre);
      expect(ore(r?.['Virkning på saldo'])).toBe(m.signedOre);
      expect(r?.['Tilskudd-id']?.value).toBe(m.grantId);
      expect(r?.['Korrigert av']?.value ?? null).toBe(m.reversedBy);
      expect(r?.['Motpost (bevegelse)']?.value ?? null).toBe(m.counterpart);
      expect(r?.['Motpost (tilskudd)']?.value ?? null).toBe(m.counterpartGrant);
    });
    // The links are there where the API made them (2025), so the checks above compare values.
    expect(ledger.filter((m) => m.reversedBy !== null)).toHaveLength(year === 2025 ? 3 : 0);
    expect(ledger.filter((m) => m.counterpart !== null)).toHaveLength(year === 2025 ? 6 : 0);
    const total = rows[rows.length - 1];
    expect(text(total?.Type)).toBe(`Sum (${ledger.length} bevegelser)`);
    expect(total?.Type?.font?.bold).toBe(true);
    const [sum] = sql<{ s: number }>(
      `select coalesce(sum(${SIGNED}), 0) as s from movements where date between :start and :end`,
      range,
    );
    expect(ore(total?.['Virkning på saldo'])).toBe(sum?.s);
  });

  it('Sammendrag: the totals row is what SQL sums from the ledger', () => {
    const rows = table(wb, 'Sammendrag');
    const total = rows[rows.length - 1];
    expect(text(total?.Prosjekt)).toBe(`Sum (${rows.length - 1} tilskudd)`);
    // Grants outside the year have no opening balance and no movements in it, so the sums
    // over every grant KSS keeps accounts for are the sheet's totals.
    const [s] = sql<Record<string, number>>(
      `select coalesce(sum(case when m.date < :start then ${SIGNED} else 0 end), 0) as opening,
              coalesce(sum(case when m.date <= :end then ${SIGNED} else 0 end), 0) as closing,
              ${[
                'received',
                'admin_share',
                'paid_to_centre',
                'own_costs',
                'returned_by_centre',
                'repaid',
                'transfer_in',
                'transfer_out',
              ]
                .map(
                  (t) =>
                    `coalesce(sum(case when m.type = '${t}' and m.date between :start and :end
                                       then m.amount_ore else 0 end), 0) as ${t}`,
                )
                .join(', ')}
         from movements m join grants g on g.id = m.grant_id
         join projects p on p.id = g.project_id
        where p.kss_role <> 'stottepartner'`,
      range,
    );
    if (!s) throw new Error('no sums');
    expect(s.received).toBeGreaterThan(0);
    expect({
      opening: ore(total?.['Inngående saldo']),
      received: ore(total?.Mottatt),
      admin_share: ore(total?.Administrasjonsandel),
      paid_to_centre: ore(total?.['Utbetalt til sentre']),
      own_costs: ore(total?.['Egne kostnader']),
      returned_by_centre: ore(total?.['Tilbakeført fra sentre']),
      repaid: ore(total?.Tilbakebetalt),
      transfer_in: ore(total?.['Overført inn']),
      transfer_out: ore(total?.['Overført ut']),
      closing: ore(total?.['Utgående saldo']),
    }).toEqual(s);
  });

  it('Tildelinger and Administrasjonsandel: the totals rows are what SQL sums', () => {
    const awards = table(wb, 'Tildelinger');
    const awardTotal = awards[awards.length - 1];
    const [cash] = sql<{ paid: number; returned: number }>(
      `select coalesce(sum(case when m.type = 'paid_to_centre' then m.amount_ore end), 0) as paid,
              coalesce(sum(case when m.type = 'returned_by_centre' then m.amount_ore end), 0)
                as returned
         from movements m join allocations a on a.id = m.allocation_id
        where m.date between :start and :end`,
      range,
    );
    expect(cash?.paid).toBeGreaterThan(0);
    expect(ore(awardTotal?.[`Utbetalt i ${year}`])).toBe(cash?.paid);
    expect(ore(awardTotal?.[`Tilbakeført i ${year}`])).toBe(cash?.returned);

    const admin = table(wb, 'Administrasjonsandel');
    const adminTotal = admin[admin.length - 1];
    expect(text(adminTotal?.Prosjekt)).toBe(
      `KSS sin administrasjonsinntekt ${year} (${admin.length - 1} tilskudd)`,
    );
    const [share] = sql<{ s: number }>(
      `select coalesce(sum(m.amount_ore), 0) as s
         from movements m join grants g on g.id = m.grant_id
         join projects p on p.id = g.project_id
        where m.type = 'admin_share' and m.date between :start and :end
          and p.kss_role <> 'stottepartner'`,
      range,
    );
    expect(ore(adminTotal?.[`Overført ${year}`])).toBe(share?.s);
  });

  it('Kontroller finds the streamed sheets consistent with each other and the ledger', () => {
    const checks = table(wb, 'Kontroller').filter((r) => text(r.Kontroll) !== '');
    const result = (name: string) => text(checks.find((r) => text(r.Kontroll) === name)?.Resultat);
    expect(result('Sammendrag og Bevegelser stemmer')).toBe('OK');
    expect(result('Saldoligningen per tilskudd')).toBe('OK');
    expect(result('Endringsloggen har alle årets bevegelser')).toBe('OK');
    expect(result('Alle beløp er hele øre (heltall)')).toBe('OK');
  });

  it('the CSV has the same movements in the same order, summing to the same change', async () => {
    const file = await call('yearEnd.exportAccountingCsv', { year });
    const content = Buffer.from(file.contentBase64, 'base64').toString('utf8');
    expect(content.startsWith('\uFEFFDato;Bilag;Konto;Prosjekt;Beløp;Tekst\r\n')).toBe(true);
    const [, ...records] = parseCsvRecords(content.slice(1));
    expect(records.map((r) => Number(/\[bevegelse (\d+)\]$/.exec(r[5] ?? '')?.[1]))).toEqual(
      ledger.map((m) => m.id),
    );
    expect(records.map((r) => parseCsvAmount(r[4] ?? ''))).toEqual(ledger.map((m) => m.signedOre));
  });
});

describe("the bench's export child", () => {
  it('exports from the data folder in a process of its own and reports one result line', async () => {
    for (const kind of ['accountingCsv', 'yearWorkbook'] as const) {
      const r = spawnSync(
        process.execPath,
        ['scripts/run-ts.mjs', 'tests/bench/export-child.ts', app.dir, kind],
        { cwd: REPO_ROOT, encoding: 'utf8' },
      );
      expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
      const line = r.stdout.split('\n').find((l) => l.startsWith('BENCH-RESULT '));
      const result = JSON.parse(line?.slice('BENCH-RESULT '.length) ?? '{}') as {
        kind: string;
        bytes: number;
        peakRssMiB: number;
      };
      expect(result.kind).toBe(kind);
      expect(result.peakRssMiB).toBeGreaterThan(0);
      if (kind === 'accountingCsv') {
        // The child exports the year before the generator's last (2024), as here.
        const here = await call('yearEnd.exportAccountingCsv', { year: 2024 });
        expect(result.bytes).toBe(Buffer.from(here.contentBase64, 'base64').length);
      } else expect(result.bytes).toBeGreaterThan(10_000);
    }
  });
});
