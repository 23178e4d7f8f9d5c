/**
 * The accountant's workbook and the accounting CSV, read back: the five sheets, Sammendrag
 * agreeing with balances.forGrant to the øre, numeric NOK cells, neutralised formula text,
 * Kontroller all OK on consistent data and «Avvik» with the rows behind it when an invariant
 * is broken through raw SQL; the CSV's BOM, `;`, CRLF, quoting and amounts summing to the
 * ledger; and the account code settings.
 */
import fs from 'node:fs';
import type ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCsvAmount } from '../../src-shared/yearend/rules';
import { kroner } from '../../src-shared/kernel/money';
import { defaultBackupFolder } from '../../src-main/safety/backups';
import { NOK_FORMAT } from '../../src-main/platform/xlsx';
import { auditRows, dumpDatabase, makeDispatch, type TestApi } from '../helpers/db';
import {
  carryForwardExtra,
  parseCsvRecords,
  readWorkbook,
  tableOf,
  yearEndCase,
  type YearEndCase,
} from '../helpers/yearend';

let api: TestApi;
let c: YearEndCase;

beforeEach(async () => {
  api = makeDispatch({ today: '2025-01-20' });
  c = await yearEndCase(api);
  // A note that a spreadsheet would take for a formula, and one with `;`, quotes and a newline.
  await api.call('movements.record', {
    grantId: c.extra.id,
    type: 'own_costs',
    date: '2024-12-21',
    amountOre: kroner(1_234.5),
    voucherRef: '=B-2024-481',
    note: '=HYPERLINK("http://eksempel.invalid";"Klikk")',
  });
  await api.call('movements.record', {
    grantId: c.extra.id,
    type: 'own_costs',
    date: '2024-12-22',
    amountOre: 1,
    note: 'Linje 1; «sitat» "med anførsel"\nLinje 2',
  });
});
afterEach(() => {
  api.cleanup();
  fs.rmSync(defaultBackupFolder(api.dataDir), { recursive: true, force: true });
});

async function workbook(year = 2024) {
  const file = await api.call('yearEnd.exportWorkbook', { year });
  return { file, wb: await readWorkbook(file.contentBase64) };
}

function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const s = wb.getWorksheet(name);
  if (!s) throw new Error(`sheet ${name} missing`);
  return s;
}

/** An amount cell: a number in kroner with the NOK format; returns øre. */
function ore(cell: ExcelJS.Cell | undefined): number {
  if (!cell) throw new Error('no cell');
  expect(typeof cell.value, `${cell.address} is numeric`).toBe('number');
  expect(cell.numFmt, `${cell.address} has the NOK format`).toBe(NOK_FORMAT);
  return Math.round((cell.value as number) * 100);
}

const text = (cell: ExcelJS.Cell | undefined) => (cell?.value === null ? '' : String(cell?.value));

/** Kontroller as [check, result] for the summary rows, and the detail rows after each. */
function controls(wb: ExcelJS.Workbook) {
  const rows = tableOf(sheet(wb, 'Kontroller'));
  const out: { check: string; result: string; rule: string; details: string[] }[] = [];
  for (const r of rows) {
    if (text(r.Kontroll)) {
      out.push({
        check: text(r.Kontroll),
        result: text(r.Resultat),
        rule: text(r.Regel),
        details: [],
      });
    } else out[out.length - 1]?.details.push(`${text(r.Gjelder)} | ${text(r.Forklaring)}`);
  }
  return out;
}

describe('yearEnd.exportWorkbook', () => {
  it('has exactly the five sheets, bold frozen headers, and an ASCII file name', async () => {
    const { file, wb } = await workbook();
    expect(file.fileName).toBe('Arsavslutning-2024.xlsx');
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Sammendrag',
      'Tildelinger',
      'Administrasjonsandel',
      'Bevegelser',
      'Kontroller',
    ]);
    for (const w of wb.worksheets) {
      expect(w.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(w.getRow(1).getCell(1).font?.bold).toBe(true);
      expect(w.getColumn(2).width ?? 0).toBeGreaterThanOrEqual(10);
    }
  });

  it('Sammendrag agrees with balances.forGrant to the øre, with a totals row', async () => {
    const { wb } = await workbook();
    const rows = tableOf(sheet(wb, 'Sammendrag'));
    const total = rows[rows.length - 1];
    const grants = rows.slice(0, -1);
    expect(text(total?.Prosjekt)).toBe(`Sum (${grants.length} tilskudd)`);
    expect(grants.map((r) => text(r.Tilskudd)).sort()).toEqual(
      [
        'Ekstra driftsmidler 2024',
        'Juleaksjonen 2023',
        'Juleaksjonen 2024',
        'Taushet tar liv 2024',
      ].sort(),
    );
    const columns = {
      'Inngående saldo': 'openingOre',
      Mottatt: 'receivedOre',
      Administrasjonsandel: 'adminShareOre',
      'Utbetalt til sentre': 'paidToCentresOre',
      'Egne kostnader': 'ownCostsOre',
      'Tilbakeført fra sentre': 'returnedOre',
      Tilbakebetalt: 'repaidOre',
      'Overført inn': 'transferInOre',
      'Overført ut': 'transferOutOre',
      'Utgående saldo': 'closingOre',
    } as const;
    const sums = Object.fromEntries(Object.keys(columns).map((k) => [k, 0])) as Record<
      keyof typeof columns,
      number
    >;
    for (const r of grants) {
      const id = Number(r.Id?.value);
      const [balance] = await api.call('balances.forGrant', {
        grantId: id,
        fromYear: 2024,
        toYear: 2024,
      });
      if (!balance) throw new Error('no balance');
      for (const [header, field] of Object.entries(columns) as [
        keyof typeof columns,
        keyof typeof balance,
      ][]) {
        expect(ore(r[header]), `${header} of grant ${id}`).toBe(balance[field]);
        sums[header] += balance[field];
      }
    }
    for (const header of Object.keys(columns) as (keyof typeof columns)[]) {
      expect(ore(total?.[header]), `total ${header}`).toBe(sums[header]);
    }
    const extra = grants.find((r) => Number(r.Id?.value) === c.extra.id);
    expect(text(extra?.Tilskuddsyter)).toBe('Bufdir');
    expect(text(extra?.Referanse)).toBe('BUFDIR-24/3311');
    expect(text(extra?.['KSS sin rolle'])).toBe('Eier');
    expect(text(extra?.Inntektskonto)).toBe('3400');
    expect(text(extra?.['Beslutning om saldo'])).toBe('Ingen beslutning');
    expect(ore(extra?.['Innvilget totalt'])).toBe(kroner(1_500_000));

    await carryForwardExtra(api, c);
    const after = tableOf(sheet((await workbook()).wb, 'Sammendrag'));
    const decided = after.find((r) => Number(r.Id?.value) === c.extra.id);
    expect(text(decided?.['Beslutning om saldo'])).toBe(
      'Overføres til neste år (godkjent av tilskuddsyter)',
    );
    expect(text(decided?.['Godkjenning (referanse)'])).toBe('Bufdir 24/3311-7');
    const approved = decided?.['Godkjent dato']?.value as Date;
    expect(approved.toISOString().slice(0, 10)).toBe('2024-12-18');
  });

  it('Bevegelser lists every movement of the year with numbers, links and neutralised text', async () => {
    const { wb } = await workbook();
    const rows = tableOf(sheet(wb, 'Bevegelser'));
    const movements = rows.slice(0, -1);
    const inDb = api.sqlite
      .prepare(`select count(*) as n from movements where date like '2024-%'`)
      .get() as { n: number };
    expect(movements).toHaveLength(inDb.n);
    const formula = movements.find((r) => text(r.Merknad).includes('HYPERLINK'));
    expect(formula?.Merknad?.value).toBe('\'=HYPERLINK("http://eksempel.invalid";"Klikk")');
    expect(formula?.Merknad?.formula).toBeUndefined();
    expect(formula?.Bilag?.value).toBe("'=B-2024-481");
    expect(ore(formula?.Beløp)).toBe(kroner(1_234.5));
    expect(ore(formula?.['Virkning på saldo'])).toBe(-kroner(1_234.5));
    expect(text(formula?.Konto)).toBe('7790');
    const transferOut = movements.find((r) => text(r.Type) === 'Overført til annet tilskudd');
    expect(text(transferOut?.['Motpost (tilskudd)'])).toBe('Juleaksjonen 2024');
    expect(typeof transferOut?.['Motpost (bevegelse)']?.value).toBe('number');
    let effect = 0;
    for (const r of movements) effect += ore(r['Virkning på saldo']);
    expect(ore(rows[rows.length - 1]?.['Virkning på saldo'])).toBe(effect);
  });

  it('Tildelinger and Administrasjonsandel add up to the ledger', async () => {
    const { wb } = await workbook();
    const awards = tableOf(sheet(wb, 'Tildelinger'));
    const awardRows = awards.slice(0, -1);
    expect(awardRows).toHaveLength(17);
    let paid = 0;
    for (const r of awardRows) paid += ore(r['Utbetalt i 2024']);
    const [jul] = await api.call('balances.forGrant', {
      grantId: c.grant.id,
      fromYear: 2024,
      toYear: 2024,
    });
    expect(paid).toBe(jul?.paidToCentresOre);
    expect(ore(awards[awards.length - 1]?.['Utbetalt i 2024'])).toBe(paid);
    const bergen = awardRows.find((r) => text(r.Senter) === 'Krisesenter for Bergen og omegn');
    expect(text(bergen?.Region)).toBe('Midt-Vest');
    expect(text(bergen?.Rapportstatus)).toBe('Venter');
    expect(text(bergen?.Organisasjonsnummer)).toMatch(/^\d{9}$/);

    const admin = tableOf(sheet(wb, 'Administrasjonsandel'));
    expect(admin).toHaveLength(2);
    expect(text(admin[0]?.Tilskudd)).toBe('Juleaksjonen 2024');
    expect(text(admin[0]?.Regel)).toBe('5 % av tilskuddet');
    expect(ore(admin[0]?.['Overført 2024'])).toBe(jul?.adminShareOre);
    expect(ore(admin[1]?.['Overført 2024'])).toBe(jul?.adminShareOre);
    expect(text(admin[1]?.Prosjekt)).toMatch(/^KSS sin administrasjonsinntekt 2024/);
  });

  it('Kontroller is all OK on consistent data once the year is closed', async () => {
    await carryForwardExtra(api, c);
    await api.call('yearEnd.close', { year: 2024 });
    const { wb } = await workbook();
    const checks = controls(wb);
    expect(checks.map((k) => k.rule)).toEqual(
      expect.arrayContaining(['1', '2', '3', '4', '5', '6']),
    );
    for (const k of checks) expect(k.result, k.check).toBe('OK');
  });

  it('Kontroller shows Avvik with the rows behind it when invariants are broken through raw SQL', async () => {
    // Invariant 4: an award to Alta (a member from 1 June) decided in May, without a reason.
    api.sqlite
      .prepare(
        `insert into allocations (round_id, centre_id, applied_ore, awarded_ore, decision_date,
                                  report_status, created_at_ms, updated_at_ms)
         values (?, ?, 100000, 100000, '2024-05-02', 'venter', 0, 0)`,
      )
      .run(c.round.id, c.centres.alta.id);
    // Invariant 6: a movement that never went through the service (no change-log row).
    const raw = api.sqlite
      .prepare(
        `insert into movements (grant_id, date, type, amount_ore, voucher_ref, created_at_ms, actor)
         values (?, '2024-12-23', 'own_costs', 5000, 'B-RAW', 0, 'ukjent')`,
      )
      .run(c.extra.id);
    // Invariant 1: an amount that is not whole øre.
    api.sqlite
      .prepare(
        `insert into movements (grant_id, date, type, amount_ore, created_at_ms, actor)
         values (?, '2024-12-24', 'own_costs', 10.5, 0, 'ukjent')`,
      )
      .run(c.extra.id);

    const checks = controls((await workbook()).wb);
    const byRule = (rule: string) => checks.filter((k) => k.rule === rule);
    const members = byRule('4')[0];
    expect(members?.result).toBe('Avvik');
    expect(members?.details).toEqual([
      expect.stringMatching(
        /^Alta Krisesenter i «Juleaksjonen 2024 – JuleVinter».*Ikke medlem på vedtaksdatoen 02\.05\.2024/,
      ),
    ]);
    // The same award also breaks invariant 3: it is more than the pot.
    expect(byRule('3')[0]?.result).toBe('Avvik');
    expect(byRule('3')[0]?.details[0]).toMatch(/Juleaksjonen 2024/);
    const audit = byRule('6')[0];
    expect(audit?.result).toBe('Avvik');
    expect(audit?.details).toContain(
      `Bevegelse ${Number(raw.lastInsertRowid)} (23.12.2024) | Egne kostnader uten rad i endringsloggen.`,
    );
    const integers = byRule('1')[0];
    expect(integers?.result).toBe('Avvik');
    expect(integers?.details[0]).toMatch(
      /^Bevegelse \d+ \| Beløp: 10\.5 øre er ikke et heltall\.$/,
    );
    expect(byRule('5').map((k) => k.result)).toEqual(['Avvik', 'Avvik']);
  });
});

describe('yearEnd.exportAccountingCsv', () => {
  it('is ;-separated UTF-8 with BOM and CRLF, quoted where needed, and sums to the ledger', async () => {
    const file = await api.call('yearEnd.exportAccountingCsv', { year: 2024 });
    expect(file.fileName).toBe('Bokforing-2024.csv');
    const bytes = Buffer.from(file.contentBase64, 'base64');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const content = bytes.toString('utf8').slice(1);
    expect(content.endsWith('\r\n')).toBe(true);
    // Every line break outside a quoted field is CRLF.
    expect(content.replace(/"[^"]*(?:""[^"]*)*"/g, '').match(/(?<!\r)\n/)).toBeNull();

    const [header, ...records] = parseCsvRecords(content);
    expect(header).toEqual(['Dato', 'Bilag', 'Konto', 'Prosjekt', 'Beløp', 'Tekst']);
    const n = (
      api.sqlite.prepare(`select count(*) as n from movements where date like '2024-%'`).get() as {
        n: number;
      }
    ).n;
    expect(records).toHaveLength(n);
    for (const r of records) {
      expect(r).toHaveLength(6);
      expect(r[0]).toMatch(/^\d{2}\.\d{2}\.2024$/);
      expect(r[4]).toMatch(/^-?\d+,\d{2}$/);
      expect(r[2]).toMatch(/^\d{4}$/);
    }

    const o = await api.call('yearEnd.overview', { year: 2024 });
    let sum = 0;
    for (const r of records) sum += parseCsvAmount(r[4] ?? '');
    expect(sum).toBe(o.totals.closingOre - o.totals.openingOre);

    const odd = records.find((r) => r[5]?.includes('Linje 2'));
    expect(odd?.[5]).toMatch(
      /^Egne kostnader: Ekstra driftsmidler 2024 – Linje 1; «sitat» "med anførsel"\nLinje 2 \[bevegelse \d+\]$/,
    );
    expect(odd?.[4]).toBe('-0,01');
    const formula = records.find((r) => r[5]?.includes('HYPERLINK'));
    expect(formula?.[1]).toBe("'=B-2024-481");
    expect(formula?.[4]).toBe('-1234,50');
    const received = records.find((r) => r[1] === 'B-2024-390');
    expect(received).toEqual([
      '25.10.2024',
      'B-2024-390',
      '3950',
      '',
      '1832639,00',
      expect.stringMatching(/^Mottatt fra tilskuddsyter: Juleaksjonen 2024 \[bevegelse \d+\]$/),
    ]);
    const payout = records.find((r) => r[5]?.startsWith('Utbetalt til senter'));
    expect(payout?.[2]).toBe('7430');
    expect(payout?.[4]).toMatch(/^-/);
  });

  it('uses the account codes from the settings', async () => {
    await api.call('accounts.set', { incomeStiftelse: '3920', paidToCentres: '5990' });
    const file = await api.call('yearEnd.exportAccountingCsv', { year: 2024 });
    const records = parseCsvRecords(
      Buffer.from(file.contentBase64, 'base64').toString('utf8').slice(1),
    );
    expect(records.find((r) => r[1] === 'B-2024-390')?.[2]).toBe('3920');
    expect(records.find((r) => r[5]?.startsWith('Utbetalt til senter'))?.[2]).toBe('5990');
  });
});

describe('settings.getAccounts / settings.setAccounts', () => {
  it('starts with the NS 4102 defaults and logs every change', async () => {
    const accounts = await api.call('accounts.list', {});
    const code = (key: string) => accounts.find((a) => a.key === key);
    expect(code('incomeDirektorat')).toMatchObject({ accountCode: '3400', isDefault: true });
    expect(code('incomeDepartement')?.accountCode).toBe('3400');
    expect(code('incomeKommune')?.accountCode).toBe('3400');
    expect(code('incomeForskningsrad')?.accountCode).toBe('3440');
    expect(code('adminShare')?.accountCode).toBe('3900');
    expect(code('paidToCentres')?.accountCode).toBe('7430');

    const saved = await api.call('accounts.set', { incomeStiftelse: '3920' });
    expect(saved.find((a) => a.key === 'incomeStiftelse')).toMatchObject({
      accountCode: '3920',
      defaultCode: '3950',
      isDefault: false,
    });
    await api.call('accounts.set', { incomeStiftelse: '3921' });
    const log = auditRows(api.sqlite).filter((r) => r.entity === 'account_setting');
    expect(log.map((r) => r.action)).toEqual(['create', 'update']);
    expect(log[1]?.reason).toBe('Inntektskonto for tilskudd fra stiftelse: 3920 → 3921');
  });

  it('refuses a malformed code with a message naming the field, and changes nothing', async () => {
    for (const input of [{ adminShare: '39A0' }, { adminShare: '12' }, {}, { transfers: 2990 }]) {
      const before = dumpDatabase(api.sqlite);
      const error = await api.fail('accounts.set', input);
      expect(error.code).toBe('BAD_INPUT');
      expect(dumpDatabase(api.sqlite)).toEqual(before);
    }
    const error = await api.fail('accounts.set', { adminShare: '39A0' });
    expect(error.message).toBe(
      'Konto for administrasjonsandel må være et kontonummer med 4–6 siffer (for eksempel 3400).',
    );
    expect(error.issues?.[0]?.path).toBe('adminShare');
  });
});

describe('the year-end API with malformed input', () => {
  it.each([
    ['yearEnd.overview', { year: '2024' }],
    ['yearEnd.overview', {}],
    ['yearEnd.close', { year: 1800 }],
    ['yearEnd.reopen', { year: 2024, reason: '' }],
    ['yearEnd.confirmException', { year: 2024, itemKey: 'balance:1' }],
    ['yearEnd.exportWorkbook', { year: 2024.5 }],
    ['yearEnd.exportAccountingCsv', null],
    ['annualReport.projects', { year: 'i fjor' }],
    ['annualReport.members', []],
  ])('%s %j → BAD_INPUT, nothing changed', async (method, input) => {
    const before = dumpDatabase(api.sqlite);
    const error = await api.fail(method, input);
    expect(error.code).toBe('BAD_INPUT');
    expect(error.message).not.toMatch(/[A-Za-z]+Error|undefined|expected/);
    expect(dumpDatabase(api.sqlite)).toEqual(before);
  });
});
