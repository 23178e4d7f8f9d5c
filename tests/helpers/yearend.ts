/**
 * Fixtures for the year-end close: KSS's 2024 figures built through the real dispatch.
 * Juleaksjonen 2024 decided and paid out to 17 centres (with 112 361 kr carried over from
 * 2023), Taushet tar liv spent in full, and KSS's extra 1.5 mill. kr from Bufdir of which
 * 1.3 mill. kr are unused at the end of 2024 (moved to 2025 with Bufdir's approval).
 */
import ExcelJS from 'exceljs';
import type { Grant, Round } from '../../src-shared/api/contract';
import { kroner } from '../../src-shared/kernel/money';
import { decideProportionally, juleaksjonenCase, type JuleaksjonenCase } from './allocations';
import type { TestApi } from './db';
import { awardedGrant, grantInput } from './grants';

export interface YearEndCase extends JuleaksjonenCase {
  paid: Round;
  taushet: Grant;
  /** KSS's extra funds from Bufdir: 1 500 000 kr received, 200 000 kr spent in 2024. */
  extra: Grant;
}

export const EXTRA_CLOSING_2024 = kroner(1_300_000);

/** Juleaksjonen paid out, Taushet tar liv spent, and Bufdir's extra funds partly unused. */
export async function yearEndCase(api: TestApi): Promise<YearEndCase> {
  const c = await juleaksjonenCase(api);
  const decided = await decideProportionally(api, c.round);
  const paid = await api.call('allocations.markPaid', {
    allocationIds: decided.allocations.map((a) => a.id),
    date: '2024-11-05',
    voucherRef: 'B-2024-412',
  });

  const taushet = await awardedGrant(
    api,
    grantInput(
      c.seed.projects.taushet.id,
      c.seed.funders.konfliktradene.id,
      'Taushet tar liv 2024',
      {
        editionYear: 2024,
        appliedOre: kroner(500_000),
      },
    ),
    { awardedOre: kroner(500_000), decisionDate: '2024-01-15', reference: 'SFK-2024-07' },
  );
  await api.call('movements.record', {
    grantId: taushet.id,
    type: 'received',
    date: '2024-02-01',
    amountOre: kroner(500_000),
    voucherRef: 'B-2024-031',
  });
  await api.call('movements.record', {
    grantId: taushet.id,
    type: 'own_costs',
    date: '2024-12-10',
    amountOre: kroner(500_000),
    voucherRef: 'B-2024-470',
    note: 'Kommunekurs, nasjonalt kurs og 16-dagerskampanjen.',
  });

  const extra = await awardedGrant(
    api,
    grantInput(c.seed.projects.voLinjen.id, c.seed.funders.bufdir.id, 'Ekstra driftsmidler 2024', {
      schemeName: 'Revidert nasjonalbudsjett 2024',
      periodFrom: '2024-01-01',
      periodTo: '2024-12-31',
      appliedOre: kroner(1_500_000),
    }),
    { awardedOre: kroner(1_500_000), decisionDate: '2024-06-20', reference: 'BUFDIR-24/3311' },
  );
  await api.call('movements.record', {
    grantId: extra.id,
    type: 'received',
    date: '2024-07-01',
    amountOre: kroner(1_500_000),
    voucherRef: 'B-2024-201',
  });
  await api.call('movements.record', {
    grantId: extra.id,
    type: 'own_costs',
    date: '2024-12-20',
    amountOre: kroner(200_000),
    voucherRef: 'B-2024-480',
  });
  return {
    ...c,
    paid,
    taushet: await api.call('grants.get', { id: taushet.id }),
    extra: await api.call('grants.get', { id: extra.id }),
  };
}

/** Bufdir's approval to use the unused 1.3 mill. kr in 2025. */
export async function carryForwardExtra(api: TestApi, c: YearEndCase) {
  return api.call('yearEnd.decideBalance', {
    grantId: c.extra.id,
    year: 2024,
    decision: 'carried_forward',
    approvalRef: 'Bufdir 24/3311-7',
    approvalDate: '2024-12-18',
    note: 'Ubrukte midler brukes i 2025 etter avtale med Bufdir.',
  });
}

export async function readWorkbook(contentBase64: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(contentBase64, 'base64') as unknown as ArrayBuffer);
  return wb;
}

/** A sheet's rows as header → cell, for reading a table back. */
export function tableOf(sheet: ExcelJS.Worksheet): Record<string, ExcelJS.Cell>[] {
  const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Record<string, ExcelJS.Cell>[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const out: Record<string, ExcelJS.Cell> = {};
    headers.forEach((h, i) => {
      out[h] = row.getCell(i + 1);
    });
    rows.push(out);
  }
  return rows;
}

/** Splits a CSV line on `;` outside quotes and unquotes the fields. */
export function parseCsvRecords(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ';') {
      record.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 1;
    } else field += ch;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}
