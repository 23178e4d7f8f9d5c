/**
 * What leaves the app about a round: the funder report (totals checked against the grant's
 * ledger to the øre) and its xlsx read back with exceljs, the payout list, and the centres'
 * reports — recording them, the overdue list with its reminder text, and reminders.
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Allocation, Round } from '../../src-shared/api/contract';
import { kroner } from '../../src-shared/kernel/money';
import { NOK_FORMAT } from '../../src-main/platform/xlsx';
import {
  decideProportionally,
  JULEAKSJONEN_POT_ORE,
  juleaksjonenCase,
  type JuleaksjonenCase,
} from '../helpers/allocations';
import { auditRows, dumpDatabase, makeDispatch, type TestApi } from '../helpers/db';

let api: TestApi;
let c: JuleaksjonenCase;
let paid: Round;

beforeEach(async () => {
  api = makeDispatch({ today: '2025-05-10' });
  c = await juleaksjonenCase(api);
  const decided = await decideProportionally(api, c.round);
  paid = await api.call('allocations.markPaid', {
    allocationIds: decided.allocations.map((a) => a.id),
    date: '2024-11-05',
    voucherRef: 'B-2024-412',
  });
});
afterEach(() => api.cleanup());

async function refusedWithoutChange(method: string, input: unknown) {
  const before = dumpDatabase(api.sqlite);
  const error = await api.fail(method, input);
  expect(dumpDatabase(api.sqlite)).toEqual(before);
  return error;
}

function allocationOf(round: Round, centreId: number): Allocation {
  const a = round.allocations.find((x) => x.centreId === centreId);
  if (!a) throw new Error(`no allocation for centre ${centreId}`);
  return a;
}

async function readXlsx(contentBase64: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(contentBase64, 'base64') as unknown as ArrayBuffer);
  return wb;
}

/** Amount cells must be numbers in kroner with the NOK format; returns øre. */
function oreIn(cell: ExcelJS.Cell): number {
  expect(typeof cell.value, `${cell.address} is numeric`).toBe('number');
  expect(cell.numFmt, `${cell.address} has the NOK format`).toBe(NOK_FORMAT);
  return Math.round((cell.value as number) * 100);
}

/** Reports from three centres, a return, kept funds and a report text that looks like a formula. */
async function reportsIn(): Promise<Round> {
  const bergen = allocationOf(paid, c.centres.bergen.id);
  const tromso = allocationOf(paid, c.centres.tromso.id);
  const gjovik = allocationOf(paid, c.centres.gjovik.id);
  await api.call('allocations.saveApplications', {
    roundId: paid.id,
    rows: [
      {
        centreId: bergen.centreId,
        appliedOre: bergen.appliedOre,
        purpose: '=HYPERLINK("http://eksempel.invalid","Klikk")',
      },
    ],
  });
  await api.call('centreReports.record', {
    allocationId: bergen.id,
    reportReceivedDate: '2025-04-02',
    spentOre: (bergen.paidOre ?? 0) - kroner(12_500.5),
    participantsReached: 41,
    reportText: '+ skøyting, kino og juleverksted',
    reportStatus: 'godkjent',
  });
  await api.call('centreReports.recordReturn', {
    allocationId: bergen.id,
    date: '2025-03-20',
    amountOre: kroner(12_500.5),
    voucherRef: 'B-2025-101',
  });
  await api.call('centreReports.record', {
    allocationId: tromso.id,
    reportReceivedDate: '2025-04-28',
    spentOre: tromso.paidOre - kroner(4_000),
    participantsReached: 25,
    reportStatus: 'mottatt',
  });
  await api.call('centreReports.keepUnused', {
    allocationId: tromso.id,
    amountOre: kroner(4_000),
    approvalRef: 'KSS-2025-11',
  });
  return api.call('centreReports.record', {
    allocationId: gjovik.id,
    reportReceivedDate: '2025-04-15',
    spentOre: gjovik.paidOre,
    participantsReached: 30,
    reportStatus: 'mottatt',
  });
}

describe('rounds.funderReport', () => {
  it('has per-centre rows and totals that agree with the grant’s ledger to the øre', async () => {
    await reportsIn();
    const report = await api.call('rounds.funderReport', { roundId: paid.id });
    expect(report).toMatchObject({
      title: 'Rapport til Gjensidigestiftelsen: Juleaksjonen 2024 – JuleVinter',
      grantTitle: 'Juleaksjonen 2024',
      funderName: 'Gjensidigestiftelsen',
      reference: 'GJS-2024-JUL',
    });
    expect(report.rows).toHaveLength(17);
    const sumOf = (k: 'awardedOre' | 'paidOre' | 'returnedOre' | 'keptUnusedOre') =>
      report.rows.reduce((s, r) => s + r[k], 0);
    expect(report.totals).toEqual({
      awardedOre: JULEAKSJONEN_POT_ORE,
      paidOre: JULEAKSJONEN_POT_ORE,
      spentOre: report.rows.reduce((s, r) => s + (r.spentOre ?? 0), 0),
      returnedOre: kroner(12_500.5),
      keptUnusedOre: kroner(4_000),
      participantsReached: 41 + 25 + 30,
    });
    expect(sumOf('awardedOre')).toBe(report.totals.awardedOre);
    expect(sumOf('keptUnusedOre')).toBe(report.totals.keptUnusedOre);
    // The ledger check, from the movements table.
    expect(report.ledger).toEqual({
      paidOre: report.totals.paidOre,
      returnedOre: report.totals.returnedOre,
    });
    const balances = await api.call('balances.forGrant', { grantId: c.grant.id });
    expect(balances.reduce((s, b) => s + b.paidToCentresOre, 0)).toBe(report.ledger.paidOre);
    expect(balances.reduce((s, b) => s + b.returnedOre, 0)).toBe(report.ledger.returnedOre);
    const bergen = report.rows.find((r) => r.centreName === 'Krisesenter for Bergen og omegn');
    expect(bergen).toMatchObject({ reportStatus: 'godkjent', participantsReached: 41 });
  });

  it('reads back from xlsx with numeric NOK cells and the same totals', async () => {
    await reportsIn();
    const report = await api.call('rounds.funderReport', { roundId: paid.id });
    const file = await api.call('rounds.funderReportXlsx', { roundId: paid.id });
    expect(file.fileName).toBe('Rapport-Juleaksjonen-2024-JuleVinter.xlsx');
    const wb = await readXlsx(file.contentBase64);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Rapport', 'Kontroll', 'Om rapporten']);

    const sheet = wb.getWorksheet('Rapport');
    if (!sheet) throw new Error('sheet Rapport');
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
      'Senter',
      'Region',
      'Tildelt',
      'Utbetalt',
      'Brukt',
      'Tilbakeført',
      'Beholdt (godkjent)',
      'Deltakere',
      'Rapportstatus',
      'Rapport mottatt',
      'Formål',
      'Kort rapport',
    ]);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.rowCount).toBe(1 + 17 + 1);

    const money = { awarded: 3, paid: 4, returned: 6, kept: 7 } as const;
    const sums = { awarded: 0, paid: 0, returned: 0, kept: 0 };
    for (let r = 2; r <= 18; r++) {
      const row = sheet.getRow(r);
      for (const [k, col] of Object.entries(money) as [keyof typeof money, number][]) {
        sums[k] += oreIn(row.getCell(col));
      }
    }
    const total = sheet.getRow(19);
    expect(total.getCell(1).value).toBe('Sum (17 sentre)');
    expect(total.font?.bold).toBe(true);
    expect(oreIn(total.getCell(money.awarded))).toBe(report.totals.awardedOre);
    expect(oreIn(total.getCell(money.paid))).toBe(report.totals.paidOre);
    expect(oreIn(total.getCell(5))).toBe(report.totals.spentOre);
    expect(oreIn(total.getCell(money.returned))).toBe(report.totals.returnedOre);
    expect(oreIn(total.getCell(money.kept))).toBe(report.totals.keptUnusedOre);
    expect(total.getCell(8).value).toBe(report.totals.participantsReached);
    expect(sums).toEqual({
      awarded: report.totals.awardedOre,
      paid: report.ledger.paidOre,
      returned: report.ledger.returnedOre,
      kept: report.totals.keptUnusedOre,
    });

    // Text that looks like a formula comes back as text, not as a formula.
    const bergenRow = sheet
      .getColumn(1)
      .values.findIndex((v) => v === 'Krisesenter for Bergen og omegn');
    const purpose = sheet.getRow(bergenRow).getCell(11);
    expect(purpose.type).toBe(ExcelJS.ValueType.String);
    expect(purpose.formula).toBeUndefined();
    expect(purpose.value).toBe('\'=HYPERLINK("http://eksempel.invalid","Klikk")');
    expect(sheet.getRow(bergenRow).getCell(12).value).toBe("'+ skøyting, kino og juleverksted");
    expect(sheet.getRow(bergenRow).getCell(2).value).toBe('Midt-Vest');
    expect(sheet.getRow(bergenRow).getCell(9).value).toBe('Godkjent');

    const control = wb.getWorksheet('Kontroll');
    if (!control) throw new Error('sheet Kontroll');
    for (const r of [2, 3]) {
      const row = control.getRow(r);
      expect(oreIn(row.getCell(2))).toBe(oreIn(row.getCell(3)));
      expect(oreIn(row.getCell(4))).toBe(0);
    }
    expect(oreIn(control.getRow(2).getCell(3))).toBe(report.ledger.paidOre);
    expect(oreIn(control.getRow(3).getCell(3))).toBe(kroner(12_500.5));
  });
});

describe('allocations.payoutXlsx', () => {
  it('lists centre, organisation number, amounts and reference, with numeric totals', async () => {
    const file = await api.call('allocations.payoutXlsx', { roundId: paid.id });
    expect(file.fileName).toBe('Utbetalingsliste-Juleaksjonen-2024-JuleVinter.xlsx');
    const wb = await readXlsx(file.contentBase64);
    const sheet = wb.getWorksheet('Utbetalingsliste');
    if (!sheet) throw new Error('sheet Utbetalingsliste');
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
      'Senter',
      'Organisasjonsnummer',
      'Tildelt',
      'Utbetalt',
      'Til utbetaling',
      'Sist utbetalt',
      'Referanse',
    ]);
    expect(sheet.rowCount).toBe(19);
    const first = sheet.getRow(2);
    const alloc = paid.allocations.find((a) => a.centreName === first.getCell(1).value);
    expect(first.getCell(2).value).toBe(alloc?.orgNumber);
    expect(oreIn(first.getCell(3))).toBe(alloc?.awardedOre);
    expect(oreIn(first.getCell(5))).toBe(0);
    expect(first.getCell(7).value).toBe('Tildeling Juleaksjonen 2024 – JuleVinter (GJS-2024-JUL)');
    const total = sheet.getRow(19);
    expect(oreIn(total.getCell(3))).toBe(JULEAKSJONEN_POT_ORE);
    expect(oreIn(total.getCell(4))).toBe(JULEAKSJONEN_POT_ORE);
    expect(oreIn(total.getCell(5))).toBe(0);
  });
});

describe('centre reports', () => {
  it('lists overdue reports with e-mail and a reminder text, and records reminders', async () => {
    await reportsIn();
    const overdue = await api.call('centreReports.overdue', {});
    expect(overdue).toHaveLength(17 - 3);
    const salten = overdue.find((o) => o.centreName === 'Krisesenteret i Salten');
    expect(salten).toMatchObject({
      roundName: 'Juleaksjonen 2024 – JuleVinter',
      grantTitle: 'Juleaksjonen 2024',
      contactEmail: 'krisesenteret@bodo.kommune.no',
      reportDueDate: '2025-04-30',
      daysOverdue: 10,
    });
    expect(salten?.reminderText).toContain('Hei, Krisesenteret i Salten!');
    expect(salten?.reminderText).toContain('30.04.2025');
    expect(salten?.reminderText.endsWith('Krisesentersekretariatet')).toBe(true);
    expect(overdue.map((o) => o.centreName)).not.toContain('Krisesenter for Bergen og omegn');
    // Not overdue on the due date itself.
    expect(await api.call('centreReports.overdue', { asOf: '2025-04-30' })).toEqual([]);

    const round = await api.call('centreReports.markReminded', {
      allocationId: salten?.allocationId ?? 0,
      date: '2025-05-10',
    });
    expect(round.allocations.find((a) => a.id === salten?.allocationId)).toMatchObject({
      reportStatus: 'purret',
      remindedDate: '2025-05-10',
      overdue: true,
    });
    // Still owed after a reminder.
    const again = await api.call('centreReports.overdue', { asOf: '2025-05-20' });
    expect(again.find((o) => o.allocationId === salten?.allocationId)?.daysOverdue).toBe(20);
    const log = auditRows(api.sqlite).filter(
      (r) => r.entity === 'allocation' && r.entity_id === salten?.allocationId,
    );
    expect(JSON.parse(log[log.length - 1]?.after_json ?? '{}')).toMatchObject({
      reportStatus: 'purret',
      remindedDate: '2025-05-10',
    });

    const bergen = allocationOf(round, c.centres.bergen.id);
    const received = await refusedWithoutChange('centreReports.markReminded', {
      allocationId: bergen.id,
      date: '2025-05-10',
    });
    expect(received.code).toBe('CONFLICT');
    expect(received.message).toContain('allerede mottatt (02.04.2025)');
  });

  it('needs a received date for «Mottatt», none for «Venter», and an award', async () => {
    const bergen = allocationOf(paid, c.centres.bergen.id);
    const noDate = await refusedWithoutChange('centreReports.record', {
      allocationId: bergen.id,
      reportStatus: 'mottatt',
    });
    expect(noDate.code).toBe('BAD_INPUT');
    expect(noDate.issues?.[0]?.path).toBe('reportReceivedDate');
    const waiting = await refusedWithoutChange('centreReports.record', {
      allocationId: bergen.id,
      reportStatus: 'venter',
      reportReceivedDate: '2025-04-01',
    });
    expect(waiting.code).toBe('BAD_INPUT');

    const saved = await api.call('centreReports.record', {
      allocationId: bergen.id,
      reportStatus: 'venter',
      reportDueDate: '2025-06-30',
    });
    expect(allocationOf(saved, c.centres.bergen.id)).toMatchObject({
      reportDueDate: '2025-06-30',
      overdue: false,
    });

    const oslo = await api.call('allocations.saveApplications', {
      roundId: paid.id,
      rows: [{ centreId: c.centres.oslo.id, appliedOre: kroner(1_000) }],
    });
    const noAward = await refusedWithoutChange('centreReports.record', {
      allocationId: allocationOf(oslo, c.centres.oslo.id).id,
      reportStatus: 'mottatt',
      reportReceivedDate: '2025-04-01',
    });
    expect(noAward.code).toBe('CONFLICT');
    expect(noAward.message).toContain('ingen vedtatt tildeling');
  });
});
