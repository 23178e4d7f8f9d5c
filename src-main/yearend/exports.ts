/**
 * What the accountant and the auditor get for a fiscal year:
 *
 * - the workbook `Arsavslutning-YYYY.xlsx` with exactly five sheets: «Sammendrag» (per grant:
 *   invariant 2 for the year and the decision on the closing balance, with totals),
 *   «Tildelinger» (every centre award decided or paid/returned in the year), «Administrasjons-
 *   andel» (KSS's admin-share income), «Bevegelser» (every movement of the year with voucher,
 *   account and correction links) and «Kontroller» (each invariant of docs/DOMAIN.md checked for
 *   the year, OK/Avvik, and the rows behind a deviation). Amounts are numeric cells with
 *   `#,##0.00 "kr"`, headers bold and frozen, text that looks like a formula neutralised.
 * - the CSV for the accounting system: the year's movements, `;`-separated, UTF-8 with BOM,
 *   CRLF, dd.mm.yyyy dates, decimal-comma amounts signed as they move the grant's balance
 *   (+ into the grant, − out of it), account codes from the settings.
 *
 * Both are built synchronously from one load of the year (yearend-model.ts); only exceljs'
 * zip step is asynchronous.
 */
import type ExcelJS from 'exceljs';
import type { Output, ParsedInput } from '../../src-shared/api/contract';
import { formatIsoDate } from '../../src-shared/kernel/dates';
import { grantMoneyOf, signedAmount } from '../../src-shared/grants/rules';
import { accountKeyFor, csvAmount } from '../../src-shared/yearend/rules';
import { ADMIN_RULE_LABELS } from '../../src-shared/grants/labels';
import { BALANCE_DECISION_FULL_LABELS } from '../../src-shared/yearend/labels';
import { formatOre } from '../../src-shared/kernel/money';
import { createAccountSettingsService, type AccountCodes } from './accounts';
import { REGION_LABEL, REPORT_STATUS_LABEL } from '../allocations/queries';
import type { ServiceContext } from '../platform/context';
import { MOVEMENT_LABEL, ROLE_LABEL, type MovementRecord } from '../grants/queries';
import { spreadsheetText } from '../../src-shared/kernel/spreadsheet-text';
import {
  addDataRow,
  addTableSheet,
  asciiFileName,
  createWorkbook,
  fitColumns,
  workbookBase64,
  type CellInput,
  type ColumnSpec,
} from '../platform/xlsx';
import { grantsInYear, loadYear, type YearData } from './queries';
import { RESULT_DEVIATION, RESULT_OK, yearChecks, type Check } from './export-checks';

export { RESULT_DEVIATION, RESULT_OK };

const kr = (ore: number) => formatOre(ore);
const date = (iso: string) => formatIsoDate(iso);

/** The five sheets, in order. */
export const YEAR_WORKBOOK_SHEETS = [
  'Sammendrag',
  'Tildelinger',
  'Administrasjonsandel',
  'Bevegelser',
  'Kontroller',
] as const;

function adminRuleText(g: {
  adminRule: 'none' | 'percent' | 'fixed';
  adminBasisPoints: number | null;
  adminFixedOre: number | null;
}): string {
  if (g.adminRule === 'percent') {
    return `${String((g.adminBasisPoints ?? 0) / 100).replace('.', ',')} % av tilskuddet`;
  }
  if (g.adminRule === 'fixed') return `${ADMIN_RULE_LABELS.fixed.nb} (${kr(g.adminFixedOre ?? 0)})`;
  return ADMIN_RULE_LABELS.none.nb;
}

function movementAccount(m: MovementRecord, data: YearData, codes: AccountCodes): string {
  const g = data.grantById.get(m.grantId)?.g;
  return g ? codes[accountKeyFor(m.type, g.funderType)] : '';
}
// ---------------------------------------------------------------- sheets

const SUMMARY_COLUMNS = (year: number) =>
  [
    { key: 'id', header: 'Id', kind: 'integer' },
    { key: 'project', header: 'Prosjekt', kind: 'text' },
    { key: 'projectNumber', header: 'Prosjektnummer', kind: 'text' },
    { key: 'grant', header: 'Tilskudd', kind: 'text' },
    { key: 'funder', header: 'Tilskuddsyter', kind: 'text' },
    { key: 'reference', header: 'Referanse', kind: 'text' },
    { key: 'role', header: 'KSS sin rolle', kind: 'text' },
    { key: 'account', header: 'Inntektskonto', kind: 'text' },
    { key: 'awarded', header: 'Innvilget totalt', kind: 'money' },
    { key: 'awardedYear', header: `Innvilget for ${year}`, kind: 'money' },
    { key: 'awardedYearNote', header: `Fordeling ${year}`, kind: 'text' },
    { key: 'opening', header: 'Inngående saldo', kind: 'money' },
    { key: 'received', header: 'Mottatt', kind: 'money' },
    { key: 'adminShare', header: 'Administrasjonsandel', kind: 'money' },
    { key: 'paidToCentres', header: 'Utbetalt til sentre', kind: 'money' },
    { key: 'ownCosts', header: 'Egne kostnader', kind: 'money' },
    { key: 'returned', header: 'Tilbakeført fra sentre', kind: 'money' },
    { key: 'repaid', header: 'Tilbakebetalt', kind: 'money' },
    { key: 'transferIn', header: 'Overført inn', kind: 'money' },
    { key: 'transferOut', header: 'Overført ut', kind: 'money' },
    { key: 'closing', header: 'Utgående saldo', kind: 'money' },
    { key: 'decision', header: 'Beslutning om saldo', kind: 'text' },
    { key: 'owed', header: 'Skyldig tilskuddsyter', kind: 'money' },
    { key: 'approvalRef', header: 'Godkjenning (referanse)', kind: 'text' },
    { key: 'approvalDate', header: 'Godkjent dato', kind: 'date' },
    { key: 'note', header: 'Merknad', kind: 'text' },
  ] as const satisfies readonly ColumnSpec[];

const ALLOCATION_COLUMNS = (year: number) =>
  [
    { key: 'centre', header: 'Senter', kind: 'text' },
    { key: 'orgNumber', header: 'Organisasjonsnummer', kind: 'text' },
    { key: 'region', header: 'Region', kind: 'text' },
    { key: 'grant', header: 'Tilskudd', kind: 'text' },
    { key: 'round', header: 'Tildelingsrunde', kind: 'text' },
    { key: 'decisionDate', header: 'Vedtaksdato', kind: 'date' },
    { key: 'awarded', header: 'Tildelt', kind: 'money' },
    { key: 'paid', header: `Utbetalt i ${year}`, kind: 'money' },
    { key: 'paidDate', header: 'Utbetalt dato', kind: 'date' },
    { key: 'returned', header: `Tilbakeført i ${year}`, kind: 'money' },
    { key: 'paidTotal', header: 'Utbetalt totalt', kind: 'money' },
    { key: 'status', header: 'Rapportstatus', kind: 'text' },
    { key: 'due', header: 'Rapportfrist', kind: 'date' },
    { key: 'spent', header: 'Brukt', kind: 'money' },
    { key: 'kept', header: 'Beholdt (godkjent)', kind: 'money' },
    { key: 'override', header: 'Unntak fra medlemskravet', kind: 'text' },
  ] as const satisfies readonly ColumnSpec[];

const ADMIN_COLUMNS = (year: number) =>
  [
    { key: 'project', header: 'Prosjekt', kind: 'text' },
    { key: 'grant', header: 'Tilskudd', kind: 'text' },
    { key: 'funder', header: 'Tilskuddsyter', kind: 'text' },
    { key: 'rule', header: 'Regel', kind: 'text' },
    { key: 'account', header: 'Konto', kind: 'text' },
    { key: 'byRule', header: 'Andel etter regelen', kind: 'money' },
    { key: 'inYear', header: `Overført ${year}`, kind: 'money' },
    { key: 'before', header: 'Overført tidligere år', kind: 'money' },
    { key: 'left', header: 'Gjenstår å overføre', kind: 'money' },
  ] as const satisfies readonly ColumnSpec[];

const MOVEMENT_COLUMNS = [
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

const CONTROL_COLUMNS = [
  { key: 'rule', header: 'Regel', kind: 'text' },
  { key: 'check', header: 'Kontroll', kind: 'text' },
  { key: 'result', header: 'Resultat', kind: 'text' },
  { key: 'subject', header: 'Gjelder', kind: 'text' },
  { key: 'expected', header: 'Forventet', kind: 'money' },
  { key: 'actual', header: 'Faktisk', kind: 'money' },
  { key: 'diff', header: 'Differanse', kind: 'money' },
  { key: 'note', header: 'Forklaring', kind: 'text', width: 90 },
] as const satisfies readonly ColumnSpec[];

function finish(sheet: ExcelJS.Worksheet, columns: readonly ColumnSpec[]): void {
  fitColumns(sheet, columns);
}

function sheetSummary(wb: ExcelJS.Workbook, data: YearData, codes: AccountCodes): void {
  const columns = SUMMARY_COLUMNS(data.year);
  const sheet = addTableSheet(wb, 'Sammendrag', columns);
  const list = grantsInYear(data);
  const t = {
    awarded: 0,
    awardedYear: 0,
    opening: 0,
    received: 0,
    adminShare: 0,
    paidToCentres: 0,
    ownCosts: 0,
    returned: 0,
    repaid: 0,
    transferIn: 0,
    transferOut: 0,
    closing: 0,
    owed: 0,
  };
  for (const y of list) {
    const { g, balance: b } = y;
    const d = data.decisions.get(g.id);
    const owed = d?.decision === 'to_repay' ? d.amountOre : 0;
    const values = {
      awarded: g.awardedOre ?? 0,
      awardedYear: y.awardedForYearOre ?? 0,
      opening: b.openingOre,
      received: b.receivedOre,
      adminShare: b.adminShareOre,
      paidToCentres: b.paidToCentresOre,
      ownCosts: b.ownCostsOre,
      returned: b.returnedOre,
      repaid: b.repaidOre,
      transferIn: b.transferInOre,
      transferOut: b.transferOutOre,
      closing: b.closingOre,
      owed,
    };
    for (const k of Object.keys(t) as (keyof typeof t)[]) t[k] += values[k];
    addDataRow(sheet, columns, {
      id: g.id,
      project: g.projectName,
      projectNumber: g.projectNumber,
      grant: g.title,
      funder: g.funderName,
      reference: g.reference,
      role: ROLE_LABEL[g.kssRole],
      account: codes[accountKeyFor('received', g.funderType)],
      ...values,
      awarded: g.awardedOre,
      // Issue 10.4: a year's part that is still the app's suggestion is labelled.
      awardedYearNote:
        y.splits.find((p) => p.year === data.year)?.confirmed === false ? '(forslag)' : null,
      owed: d?.decision === 'to_repay' ? owed : null,
      decision: d
        ? `${BALANCE_DECISION_FULL_LABELS[d.decision]}${d.stale ? ` (gjelder ${kr(d.amountOre)}, saldoen er endret)` : ''}`
        : b.closingOre === 0
          ? 'Saldo 0 kr'
          : 'Ingen beslutning',
      approvalRef: d?.approvalRef,
      approvalDate: d?.approvalDate,
      note: d?.note,
    });
  }
  addDataRow(sheet, columns, { project: `Sum (${list.length} tilskudd)`, ...t }, { bold: true });
  finish(sheet, columns);
}

function sheetAllocations(wb: ExcelJS.Workbook, data: YearData): void {
  const columns = ALLOCATION_COLUMNS(data.year);
  const sheet = addTableSheet(wb, 'Tildelinger', columns);
  const { year } = data;
  const shown = data.allocations.filter(
    (a) =>
      a.movedInYear ||
      ((a.awardedOre ?? 0) > 0 && a.decisionDate !== null && a.decisionDate.startsWith(`${year}-`)),
  );
  const t = { awarded: 0, paid: 0, returned: 0, paidTotal: 0, spent: 0, kept: 0 };
  for (const a of shown) {
    t.awarded += a.awardedOre ?? 0;
    t.paid += a.paidInYearOre;
    t.returned += a.returnedInYearOre;
    t.paidTotal += a.paidTotalOre;
    t.spent += a.spentOre ?? 0;
    t.kept += a.keptUnusedOre ?? 0;
    addDataRow(sheet, columns, {
      centre: a.centreName,
      orgNumber: a.orgNumber,
      region: REGION_LABEL[a.region],
      grant: data.grantById.get(a.grantId)?.g.title ?? '',
      round: a.roundName,
      decisionDate: a.decisionDate,
      awarded: a.awardedOre,
      paid: a.paidInYearOre,
      paidDate: a.lastPaidInYear,
      returned: a.returnedInYearOre,
      paidTotal: a.paidTotalOre,
      status: REPORT_STATUS_LABEL[a.reportStatus],
      due: a.reportDueDate,
      spent: a.spentOre,
      kept: a.keptUnusedOre,
      override: a.overrideReason,
    });
  }
  addDataRow(sheet, columns, { centre: `Sum (${shown.length} tildelinger)`, ...t }, { bold: true });
  finish(sheet, columns);
}

function sheetAdminShare(wb: ExcelJS.Workbook, data: YearData, codes: AccountCodes): void {
  const columns = ADMIN_COLUMNS(data.year);
  const sheet = addTableSheet(wb, 'Administrasjonsandel', columns);
  const start = `${data.year}-01-01`;
  const t = { byRule: 0, inYear: 0, before: 0, left: 0 };
  let count = 0;
  for (const y of grantsInYear(data)) {
    const { g } = y;
    const byRule = grantMoneyOf(g, y.ledger).adminShareOre;
    const inYear = y.balance.adminShareOre;
    if (byRule === 0 && inYear === 0) continue;
    let before = 0;
    for (const m of y.ledger) if (m.type === 'admin_share' && m.date < start) before += m.amountOre;
    const left = byRule - before - inYear;
    count += 1;
    t.byRule += byRule;
    t.inYear += inYear;
    t.before += before;
    t.left += left;
    addDataRow(sheet, columns, {
      project: g.projectName,
      grant: g.title,
      funder: g.funderName,
      rule: adminRuleText(g),
      account: codes.adminShare,
      byRule,
      inYear,
      before,
      left,
    });
  }
  addDataRow(
    sheet,
    columns,
    { project: `KSS sin administrasjonsinntekt ${data.year} (${count} tilskudd)`, ...t },
    { bold: true },
  );
  finish(sheet, columns);
}

function sheetMovements(wb: ExcelJS.Workbook, data: YearData, codes: AccountCodes): void {
  const sheet = addTableSheet(wb, 'Bevegelser', MOVEMENT_COLUMNS);
  // Links across the whole ledger: a 2025 reversal of a 2024 movement still shows here.
  const reversedBy = new Map<number, number>();
  const inLegOf = new Map<number, MovementRecord>();
  const byId = new Map<number, MovementRecord>();
  for (const y of data.grants) {
    for (const m of y.ledger) {
      byId.set(m.id, m);
      if (m.reversesId !== null) reversedBy.set(m.reversesId, m.id);
      if (m.counterpartId !== null) inLegOf.set(m.counterpartId, m);
    }
  }
  let total = 0;
  for (const m of data.movementsInYear) {
    const y = data.grantById.get(m.grantId);
    const counterpart = m.counterpartId !== null ? byId.get(m.counterpartId) : inLegOf.get(m.id);
    const effect = signedAmount(m);
    total += effect;
    addDataRow(sheet, MOVEMENT_COLUMNS, {
      id: m.id,
      date: m.date,
      type: MOVEMENT_LABEL[m.type] + (m.reversesId !== null ? ' (korrigering)' : ''),
      amount: m.amountOre,
      effect,
      voucher: m.voucherRef,
      note: m.note,
      grant: y?.g.title ?? '',
      grantId: m.grantId,
      projectNumber: y?.g.projectNumber,
      account: movementAccount(m, data, codes),
      centre: m.centreId !== null ? (data.centreNames.get(m.centreId) ?? String(m.centreId)) : null,
      reverses: m.reversesId,
      reversedBy: reversedBy.get(m.id) ?? null,
      counterpart: counterpart?.id ?? null,
      counterpartGrant: counterpart
        ? (data.grantById.get(counterpart.grantId)?.g.title ?? '')
        : null,
      approval: m.approvalRef
        ? `${m.approvalRef}${m.approvalDate ? ` (${date(m.approvalDate)})` : ''}`
        : null,
    });
  }
  addDataRow(
    sheet,
    MOVEMENT_COLUMNS,
    { type: `Sum (${data.movementsInYear.length} bevegelser)`, effect: total },
    { bold: true },
  );
  finish(sheet, MOVEMENT_COLUMNS);
}

function sheetControls(wb: ExcelJS.Workbook, checks: readonly Check[]): void {
  const sheet = addTableSheet(wb, 'Kontroller', CONTROL_COLUMNS);
  for (const c of checks) {
    const row = addDataRow(
      sheet,
      CONTROL_COLUMNS,
      { rule: c.rule, check: c.name, result: c.ok ? RESULT_OK : RESULT_DEVIATION, note: c.summary },
      { bold: true },
    );
    row.getCell(3).font = { bold: true, color: { argb: c.ok ? 'FF1E7B34' : 'FFB00020' } };
    for (const r of c.rows) {
      const values: Record<string, CellInput> = { subject: r.subject, note: r.note };
      if (r.expected !== undefined) values.expected = r.expected;
      if (r.actual !== undefined) values.actual = r.actual;
      if (typeof r.expected === 'number' && typeof r.actual === 'number') {
        values.diff = r.actual - r.expected;
      }
      addDataRow(sheet, CONTROL_COLUMNS, values);
    }
  }
  finish(sheet, CONTROL_COLUMNS);
}

// ---------------------------------------------------------------- CSV

const CSV_HEADER = ['Dato', 'Bilag', 'Konto', 'Prosjekt', 'Beløp', 'Tekst'];

/** A CSV field: quoted when it holds `;`, a quote or a line break (quotes doubled). */
function csvField(value: string): string {
  return /[;"\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function csvText(m: MovementRecord, data: YearData): string {
  const g = data.grantById.get(m.grantId)?.g;
  const parts = [`${MOVEMENT_LABEL[m.type]}: ${g?.title ?? `tilskudd ${m.grantId}`}`];
  if (m.centreId !== null) parts.push(data.centreNames.get(m.centreId) ?? `senter ${m.centreId}`);
  if (m.note) parts.push(m.note);
  let text = parts.join(' – ');
  if (m.reversesId !== null) text += ` (korrigerer bevegelse ${m.reversesId})`;
  return `${text} [bevegelse ${m.id}]`;
}

export function createYearExportsService(ctx: ServiceContext) {
  const accounts = createAccountSettingsService(ctx);

  return {
    /** The accountant's workbook for the year (five sheets, see the file comment). */
    async yearWorkbook(
      input: ParsedInput<'yearEnd.exportWorkbook'>,
    ): Promise<Output<'yearEnd.exportWorkbook'>> {
      const data = loadYear(ctx, input.year);
      const codes = accounts.codes();
      const wb = createWorkbook(ctx.clock.nowMs());
      wb.title = `Årsavslutning ${input.year} – Krisesentersekretariatet`;
      sheetSummary(wb, data, codes);
      sheetAllocations(wb, data);
      sheetAdminShare(wb, data, codes);
      sheetMovements(wb, data, codes);
      sheetControls(wb, yearChecks(ctx, data));
      return {
        fileName: asciiFileName(['Årsavslutning', String(input.year)]),
        contentBase64: await workbookBase64(wb),
      };
    },

    /**
     * The year's movements for the accounting system: Dato;Bilag;Konto;Prosjekt;Beløp;Tekst,
     * UTF-8 with BOM, CRLF. Amounts are kroner with a decimal comma, signed as they move the
     * grant's balance (+ in, − out), so the column sums to the change in the year's balances.
     * Text fields that a spreadsheet would take for a formula are neutralised; dates, account
     * codes and amounts are not (a leading '-' on an amount is its sign).
     */
    accountingCsv(
      input: ParsedInput<'yearEnd.exportAccountingCsv'>,
    ): Output<'yearEnd.exportAccountingCsv'> {
      const data = loadYear(ctx, input.year);
      const codes = accounts.codes();
      const lines = [CSV_HEADER.join(';')];
      for (const m of data.movementsInYear) {
        const g = data.grantById.get(m.grantId)?.g;
        lines.push(
          [
            date(m.date),
            csvField(spreadsheetText(m.voucherRef ?? '')),
            movementAccount(m, data, codes),
            csvField(spreadsheetText(g?.projectNumber ?? '')),
            csvAmount(signedAmount(m)),
            csvField(spreadsheetText(csvText(m, data))),
          ].join(';'),
        );
      }
      const content = `\uFEFF${lines.join('\r\n')}\r\n`;
      return {
        fileName: asciiFileName(['Bokføring', String(input.year)], 'csv'),
        contentBase64: Buffer.from(content, 'utf8').toString('base64'),
      };
    },
  };
}

export type YearExportsService = ReturnType<typeof createYearExportsService>;
