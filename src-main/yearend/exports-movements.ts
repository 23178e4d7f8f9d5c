/**
 * The two exports of the year's movements, streamed from SQLite (export-rows.ts): the
 * workbook's «Bevegelser» sheet (every movement of the year with voucher, account and
 * correction links, and a totals row) and the CSV for the accounting system. Neither holds
 * the year's movements in memory: each row is written as it is read.
 */
import type ExcelJS from 'exceljs';
import { formatIsoDate } from '../../src-shared/kernel/dates';
import { signedAmount } from '../../src-shared/grants/rules';
import { accountKeyFor, csvAmount } from '../../src-shared/yearend/rules';
import { spreadsheetText } from '../../src-shared/kernel/spreadsheet-text';
import { MOVEMENT_LABEL } from '../grants/queries';
import type { ServiceContext } from '../platform/context';
import type { ColumnSpec } from '../platform/xlsx';
import { writeTableSheet, type TableRow } from '../platform/xlsx-stream';
import type { AccountCodes } from './accounts';
import { iterateYearMovements, type ExportMovementRow } from './export-rows';

const date = (iso: string) => formatIsoDate(iso);

export const MOVEMENT_COLUMNS = [
  { key: 'id', header: 'Id', kind: 'integer' },
  { key: 'date', header: 'Dato', kind: 'date' },
  { key: 'type', header: 'Type', kind: 'text' },
  { key: 'amount', header: 'Beløp', kind: 'money' },
  { key: 'effect', header: 'Virkning på saldo', kind: 'money' },
  { key: 'voucher', header: 'Bilag', kind: 'text' },
  { key: 'note', header: 'Merknad', kind: 'text' },
  { key: 'grant', header: 'Tilskudd', kind: 'text' },
  { key: 'grantId', header: 'Tilskudd-id', kind: 'integer' },
  { key: 'projectNumber', header: 'Prosjektnummer', kind: 'text' },
  { key: 'account', header: 'Konto', kind: 'text' },
  { key: 'centre', header: 'Senter', kind: 'text' },
  { key: 'reverses', header: 'Korrigerer bevegelse', kind: 'integer' },
  { key: 'reversedBy', header: 'Korrigert av', kind: 'integer' },
  { key: 'counterpart', header: 'Motpost (bevegelse)', kind: 'integer' },
  { key: 'counterpartGrant', header: 'Motpost (tilskudd)', kind: 'text' },
  { key: 'approval', header: 'Godkjenning', kind: 'text' },
] as const satisfies readonly ColumnSpec[];

/** The account a movement is booked on (the grant's funder type decides income accounts). */
function movementAccount(m: ExportMovementRow, codes: AccountCodes): string {
  return m.funderType !== null ? codes[accountKeyFor(m.type, m.funderType)] : '';
}

/** «Bevegelser»: one row per movement of the year, then the totals row. */
function* movementRows(
  ctx: ServiceContext,
  year: number,
  codes: AccountCodes,
): Generator<TableRow> {
  let total = 0;
  let count = 0;
  for (const m of iterateYearMovements(ctx, year)) {
    const effect = signedAmount(m);
    total += effect;
    count += 1;
    yield {
      values: {
        id: m.id,
        date: m.date,
        type: MOVEMENT_LABEL[m.type] + (m.reversesId !== null ? ' (korrigering)' : ''),
        amount: m.amountOre,
        effect,
        voucher: m.voucherRef,
        note: m.note,
        grant: m.grantTitle ?? '',
        grantId: m.grantId,
        projectNumber: m.projectNumber,
        account: movementAccount(m, codes),
        centre: m.centreId !== null ? (m.centreName ?? String(m.centreId)) : null,
        reverses: m.reversesId,
        reversedBy: m.reversedById,
        counterpart: m.counterpartId,
        counterpartGrant: m.counterpartId !== null ? (m.counterpartGrantTitle ?? '') : null,
        approval: m.approvalRef
          ? `${m.approvalRef}${m.approvalDate ? ` (${date(m.approvalDate)})` : ''}`
          : null,
      },
    };
  }
  yield { values: { type: `Sum (${count} bevegelser)`, effect: total }, bold: true };
}

/** Writes «Bevegelser», reading the year's movements from SQLite twice (measure, then write). */
export function writeMovementSheet(
  ctx: ServiceContext,
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  year: number,
  codes: AccountCodes,
): void {
  writeTableSheet(workbook, 'Bevegelser', MOVEMENT_COLUMNS, () => movementRows(ctx, year, codes));
}

// ---------------------------------------------------------------- CSV

const CSV_HEADER = ['Dato', 'Bilag', 'Konto', 'Prosjekt', 'Beløp', 'Tekst'];

/** A CSV field: quoted when it holds `;`, a quote or a line break (quotes doubled). */
function csvField(value: string): string {
  return /[;"\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function csvText(m: ExportMovementRow): string {
  const parts = [`${MOVEMENT_LABEL[m.type]}: ${m.grantTitle ?? `tilskudd ${m.grantId}`}`];
  if (m.centreId !== null) parts.push(m.centreName ?? `senter ${m.centreId}`);
  if (m.note) parts.push(m.note);
  let text = parts.join(' – ');
  if (m.reversesId !== null) text += ` (korrigerer bevegelse ${m.reversesId})`;
  return `${text} [bevegelse ${m.id}]`;
}

/** Text is gathered into buffers of about this many characters as the rows are read. */
const CSV_CHUNK_CHARS = 64 * 1024;

/**
 * The year's movements for the accounting system: Dato;Bilag;Konto;Prosjekt;Beløp;Tekst,
 * UTF-8 with BOM, CRLF. Amounts are kroner with a decimal comma, signed as they move the
 * grant's balance (+ in, − out), so the column sums to the change in the year's balances.
 * Text fields that a spreadsheet would take for a formula are neutralised; dates, account
 * codes and amounts are not (a leading '-' on an amount is its sign).
 */
export function accountingCsvBytes(ctx: ServiceContext, year: number, codes: AccountCodes): Buffer {
  const chunks: Buffer[] = [];
  let pending = `\uFEFF${CSV_HEADER.join(';')}\r\n`;
  for (const m of iterateYearMovements(ctx, year)) {
    pending += `${[
      date(m.date),
      csvField(spreadsheetText(m.voucherRef ?? '')),
      movementAccount(m, codes),
      csvField(spreadsheetText(m.projectNumber ?? '')),
      csvAmount(signedAmount(m)),
      csvField(spreadsheetText(csvText(m))),
    ].join(';')}\r\n`;
    if (pending.length >= CSV_CHUNK_CHARS) {
      chunks.push(Buffer.from(pending, 'utf8'));
      pending = '';
    }
  }
  chunks.push(Buffer.from(pending, 'utf8'));
  return Buffer.concat(chunks);
}
