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
 * Memory stays small at any size (issue 14): the workbook is streamed (exceljs' streaming
 * writer, xlsx-stream.ts), each row committed as it is written; the three sheets per grant or
 * award and the checks come from one load of the year (queries.ts), let go before the year's
 * movements are streamed from SQLite (export-rows.ts, exports-movements.ts). The CSV reads
 * only that stream, never the year's read model. Everything is read synchronously, in one
 * go, so the sheets agree with each other; only the zip step is asynchronous.
 */
import type ExcelJS from 'exceljs';
import type { Output, ParsedInput } from '../../src-shared/api/contract';
import { grantMoneyOf } from '../../src-shared/grants/rules';
import { accountKeyFor } from '../../src-shared/yearend/rules';
import { ADMIN_RULE_LABELS } from '../../src-shared/grants/labels';
import { BALANCE_DECISION_FULL_LABELS } from '../../src-shared/yearend/labels';
import { formatOre } from '../../src-shared/kernel/money';
import { createAccountSettingsService, type AccountCodes } from './accounts';
import { REGION_LABEL, REPORT_STATUS_LABEL } from '../allocations/queries';
import type { ServiceContext } from '../platform/context';
import { ROLE_LABEL } from '../grants/queries';
import { asciiFileName, type CellInput, type ColumnSpec } from '../platform/xlsx';
import { createStreamedWorkbook, writeTableSheet, type TableRow } from '../platform/xlsx-stream';
import { grantsInYear, loadYear, type YearData } from './queries';
import { RESULT_DEVIATION, RESULT_OK, yearChecks, type Check } from './export-checks';
import { accountingCsvBytes, writeMovementSheet } from './exports-movements';

export { RESULT_DEVIATION, RESULT_OK };

const kr = (ore: number) => formatOre(ore);

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

/** «Sammendrag»: per grant, invariant 2 for the year and the decision on the closing balance. */
function summaryRows(data: YearData, codes: AccountCodes): TableRow[] {
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
  const rows: TableRow[] = [];
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
    rows.push({
      values: {
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
      },
    });
  }
  rows.push({ values: { project: `Sum (${list.length} tilskudd)`, ...t }, bold: true });
  return rows;
}

/** «Tildelinger»: every centre award decided, or paid or returned, in the year. */
function allocationRows(data: YearData): TableRow[] {
  const { year } = data;
  const shown = data.allocations.filter(
    (a) =>
      a.movedInYear ||
      ((a.awardedOre ?? 0) > 0 && a.decisionDate !== null && a.decisionDate.startsWith(`${year}-`)),
  );
  const t = { awarded: 0, paid: 0, returned: 0, paidTotal: 0, spent: 0, kept: 0 };
  const rows: TableRow[] = [];
  for (const a of shown) {
    t.awarded += a.awardedOre ?? 0;
    t.paid += a.paidInYearOre;
    t.returned += a.returnedInYearOre;
    t.paidTotal += a.paidTotalOre;
    t.spent += a.spentOre ?? 0;
    t.kept += a.keptUnusedOre ?? 0;
    rows.push({
      values: {
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
      },
    });
  }
  rows.push({ values: { centre: `Sum (${shown.length} tildelinger)`, ...t }, bold: true });
  return rows;
}

/** «Administrasjonsandel»: KSS's admin-share income per grant. */
function adminShareRows(data: YearData, codes: AccountCodes): TableRow[] {
  const start = `${data.year}-01-01`;
  const t = { byRule: 0, inYear: 0, before: 0, left: 0 };
  const rows: TableRow[] = [];
  for (const y of grantsInYear(data)) {
    const { g } = y;
    const byRule = grantMoneyOf(g, y.ledger).adminShareOre;
    const inYear = y.balance.adminShareOre;
    if (byRule === 0 && inYear === 0) continue;
    let before = 0;
    for (const m of y.ledger) if (m.type === 'admin_share' && m.date < start) before += m.amountOre;
    const left = byRule - before - inYear;
    t.byRule += byRule;
    t.inYear += inYear;
    t.before += before;
    t.left += left;
    rows.push({
      values: {
        project: g.projectName,
        grant: g.title,
        funder: g.funderName,
        rule: adminRuleText(g),
        account: codes.adminShare,
        byRule,
        inYear,
        before,
        left,
      },
    });
  }
  const label = `KSS sin administrasjonsinntekt ${data.year} (${rows.length} tilskudd)`;
  rows.push({ values: { project: label, ...t }, bold: true });
  return rows;
}

/** «Kontroller»: each check with OK/Avvik (in colour), then the rows behind it. */
function controlRows(checks: readonly Check[]): TableRow[] {
  const rows: TableRow[] = [];
  for (const c of checks) {
    rows.push({
      values: {
        rule: c.rule,
        check: c.name,
        result: c.ok ? RESULT_OK : RESULT_DEVIATION,
        note: c.summary,
      },
      bold: true,
      cellFonts: { result: { bold: true, color: { argb: c.ok ? 'FF1E7B34' : 'FFB00020' } } },
    });
    for (const r of c.rows) {
      const values: Record<string, CellInput> = { subject: r.subject, note: r.note };
      if (r.expected !== undefined) values.expected = r.expected;
      if (r.actual !== undefined) values.actual = r.actual;
      if (typeof r.expected === 'number' && typeof r.actual === 'number') {
        values.diff = r.actual - r.expected;
      }
      rows.push({ values });
    }
  }
  return rows;
}

/**
 * The sheets built from the year's read model (Sammendrag, Tildelinger, Administrasjonsandel),
 * written now; returns the checks for «Kontroller», so the model can be let go before the
 * movements are streamed.
 */
function writeYearModelSheets(
  ctx: ServiceContext,
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  year: number,
  codes: AccountCodes,
): Check[] {
  const data = loadYear(ctx, year);
  const checks = yearChecks(ctx, data);
  const table = (name: string, columns: readonly ColumnSpec[], rows: TableRow[]) =>
    writeTableSheet(workbook, name, columns, () => rows);
  table('Sammendrag', SUMMARY_COLUMNS(year), summaryRows(data, codes));
  table('Tildelinger', ALLOCATION_COLUMNS(year), allocationRows(data));
  table('Administrasjonsandel', ADMIN_COLUMNS(year), adminShareRows(data, codes));
  return checks;
}

export function createYearExportsService(ctx: ServiceContext) {
  const accounts = createAccountSettingsService(ctx);

  return {
    /** The accountant's workbook for the year (five sheets, see the file comment). */
    async yearWorkbook(
      input: ParsedInput<'yearEnd.exportWorkbook'>,
    ): Promise<Output<'yearEnd.exportWorkbook'>> {
      const codes = accounts.codes();
      const file = createStreamedWorkbook(ctx.clock.nowMs());
      file.workbook.title = `Årsavslutning ${input.year} – Krisesentersekretariatet`;
      // All reading happens here, synchronously, before the first await: one consistent view.
      const checks = writeYearModelSheets(ctx, file.workbook, input.year, codes);
      writeMovementSheet(ctx, file.workbook, input.year, codes);
      writeTableSheet(file.workbook, 'Kontroller', CONTROL_COLUMNS, () => controlRows(checks));
      const bytes = await file.finish();
      return {
        fileName: asciiFileName(['Årsavslutning', String(input.year)]),
        contentBase64: bytes.toString('base64'),
      };
    },

    /** The year's movements for the accounting system (see accountingCsvBytes). */
    accountingCsv(
      input: ParsedInput<'yearEnd.exportAccountingCsv'>,
    ): Output<'yearEnd.exportAccountingCsv'> {
      const bytes = accountingCsvBytes(ctx, input.year, accounts.codes());
      return {
        fileName: asciiFileName(['Bokføring', String(input.year)], 'csv'),
        contentBase64: bytes.toString('base64'),
      };
    },
  };
}

export type YearExportsService = ReturnType<typeof createYearExportsService>;
