/**
 * What leaves the app about an allocation round: the funder report (per centre awarded,
 * paid, spent, returned, kept, participants and report status, with totals that are
 * checked against the grant's ledger to the øre) and the payout list for the accountant or
 * the bank, both as xlsx with numeric NOK cells.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { allocations, movements } from '../../db/schema';
import type { Allocation, FunderReport, Output, ParsedInput } from '../../src-shared/api/contract';
import { formatIsoDate, isoDateFromMs } from '../../src-shared/kernel/dates';
import {
  createAllocationModel,
  REGION_LABEL,
  REPORT_STATUS_LABEL,
  type RoundRecord,
} from './queries';
import type { ServiceContext } from '../platform/context';
import type { GrantRow } from '../grants/queries';
import { eurSummaryOf, type EurSummary } from '../grants/euro';
import { formatEurCents, impliedRate } from '../../src-shared/kernel/euro';
import { formatOre } from '../../src-shared/kernel/money';
import {
  addDataRow,
  addTableSheet,
  asciiFileName,
  createWorkbook,
  fitColumns,
  workbookBase64,
  type ColumnSpec,
} from '../platform/xlsx';

/** The award and receipts of a EUR grant in both currencies, with the rate they imply. */
function eurFacts(eur: EurSummary | null): [string, string | null][] {
  if (!eur) return [];
  const both = (ore: number | null, cents: number | null) =>
    `${ore === null ? '—' : formatOre(ore)} / ${cents === null ? '—' : formatEurCents(cents)}`;
  const rate = impliedRate(eur.receivedOre, eur.receivedEurCents);
  return [
    ['Innvilget (NOK / EUR)', both(eur.awardedOre, eur.awardedEurCents)],
    [
      'Mottatt fra tilskuddsyter (NOK / EUR)',
      `${both(eur.receivedOre, eur.receivedEurCents)}${rate ? ` (kurs ${rate})` : ''}`,
    ],
  ];
}

interface ReportData {
  round: RoundRecord;
  grant: GrantRow;
  /** The allocations the report shows (an award, or money moved), in name order. */
  shown: Allocation[];
  report: FunderReport;
}

type ReportModel = ReturnType<typeof createAllocationModel>;

/** What the report functions take: the context and the allocation read model. */
interface ReportContext {
  ctx: ServiceContext;
  model: ReportModel;
}

/** Paid and returned over the round's allocations, straight from the grant's ledger. */
function ledgerOf({ ctx: { db } }: ReportContext, r: RoundRecord): FunderReport['ledger'] {
  const ids = db
    .select({ id: allocations.id })
    .from(allocations)
    .where(eq(allocations.roundId, r.id))
    .all()
    .map((a) => a.id);
  if (ids.length === 0) return { paidOre: 0, returnedOre: 0 };
  const sums = db
    .select({
      type: movements.type,
      total: sql<number>`coalesce(sum(${movements.amountOre}), 0)`,
    })
    .from(movements)
    .where(
      and(
        eq(movements.grantId, r.grantId),
        inArray(movements.allocationId, ids),
        inArray(movements.type, ['paid_to_centre', 'returned_by_centre']),
      ),
    )
    .groupBy(movements.type)
    .all();
  const of = (type: string) => Number(sums.find((s) => s.type === type)?.total ?? 0);
  return { paidOre: of('paid_to_centre'), returnedOre: of('returned_by_centre') };
}

function reportData(c: ReportContext, roundId: number): ReportData {
  const { model } = c;
  const round = model.round(roundId);
  const grant = model.grantModel.row(round.grantId);
  const shown = model
    .views(model.allocationRows(eq(allocations.roundId, round.id)))
    .filter((a) => (a.awardedOre ?? 0) > 0 || a.paidOre !== 0 || a.returnedOre !== 0);
  const rows = shown.map((a) => ({
    centreName: a.centreName,
    region: a.region,
    awardedOre: a.awardedOre ?? 0,
    paidOre: a.paidOre,
    spentOre: a.spentOre,
    returnedOre: a.returnedOre,
    keptUnusedOre: a.keptUnusedOre ?? 0,
    participantsReached: a.participantsReached,
    reportStatus: a.reportStatus,
  }));
  const totals = {
    awardedOre: 0,
    paidOre: 0,
    spentOre: 0,
    returnedOre: 0,
    keptUnusedOre: 0,
    participantsReached: 0,
  };
  for (const row of rows) {
    totals.awardedOre += row.awardedOre;
    totals.paidOre += row.paidOre;
    totals.spentOre += row.spentOre ?? 0;
    totals.returnedOre += row.returnedOre;
    totals.keptUnusedOre += row.keptUnusedOre;
    totals.participantsReached += row.participantsReached ?? 0;
  }
  return {
    round,
    grant,
    shown,
    report: {
      roundId: round.id,
      title: `Rapport til ${grant.funderName}: ${round.name}`,
      grantTitle: grant.title,
      funderName: grant.funderName,
      reference: grant.reference,
      rows,
      totals,
      ledger: ledgerOf(c, round),
      eur: eurSummaryOf(grant, model.grantModel.ledger(grant.id)),
    },
  };
}

const REPORT_COLUMNS = [
  { key: 'centre', header: 'Senter', kind: 'text' },
  { key: 'region', header: 'Region', kind: 'text' },
  { key: 'awarded', header: 'Tildelt', kind: 'money' },
  { key: 'paid', header: 'Utbetalt', kind: 'money' },
  { key: 'spent', header: 'Brukt', kind: 'money' },
  { key: 'returned', header: 'Tilbakeført', kind: 'money' },
  { key: 'kept', header: 'Beholdt (godkjent)', kind: 'money' },
  { key: 'participants', header: 'Deltakere', kind: 'integer' },
  { key: 'status', header: 'Rapportstatus', kind: 'text' },
  { key: 'received', header: 'Rapport mottatt', kind: 'date' },
  { key: 'purpose', header: 'Formål', kind: 'text' },
  { key: 'text', header: 'Kort rapport', kind: 'text' },
] as const satisfies readonly ColumnSpec[];

const CONTROL_COLUMNS = [
  { key: 'what', header: 'Kontroll', kind: 'text' },
  { key: 'report', header: 'Ifølge rapporten', kind: 'money' },
  { key: 'ledger', header: 'Ifølge tilskuddets bevegelser', kind: 'money' },
  { key: 'diff', header: 'Avvik', kind: 'money' },
] as const satisfies readonly ColumnSpec[];

const ABOUT_COLUMNS = [
  { key: 'field', header: 'Opplysning', kind: 'text' },
  { key: 'value', header: 'Verdi', kind: 'text' },
] as const satisfies readonly ColumnSpec[];

const PAYOUT_COLUMNS = [
  { key: 'centre', header: 'Senter', kind: 'text' },
  { key: 'orgNumber', header: 'Organisasjonsnummer', kind: 'text' },
  { key: 'awarded', header: 'Tildelt', kind: 'money' },
  { key: 'paid', header: 'Utbetalt', kind: 'money' },
  { key: 'due', header: 'Til utbetaling', kind: 'money' },
  { key: 'lastPaid', header: 'Sist utbetalt', kind: 'date' },
  { key: 'reference', header: 'Referanse', kind: 'text' },
] as const satisfies readonly ColumnSpec[];

function period(from: string | null, to: string | null): string {
  if (!from) return '';
  return to ? `${formatIsoDate(from)}–${formatIsoDate(to)}` : `fra ${formatIsoDate(from)}`;
}

type Workbook = ReturnType<typeof createWorkbook>;

/** Sheet «Rapport»: one row per centre shown, then the totals in bold. */
function addReportSheet(workbook: Workbook, { shown, report }: ReportData): void {
  const sheet = addTableSheet(workbook, 'Rapport', REPORT_COLUMNS);
  for (const a of shown) {
    addDataRow(sheet, REPORT_COLUMNS, {
      centre: a.centreName,
      region: REGION_LABEL[a.region],
      awarded: a.awardedOre ?? 0,
      paid: a.paidOre,
      spent: a.spentOre,
      returned: a.returnedOre,
      kept: a.keptUnusedOre ?? 0,
      participants: a.participantsReached,
      status: REPORT_STATUS_LABEL[a.reportStatus],
      received: a.reportReceivedDate,
      purpose: a.purpose,
      text: a.reportText,
    });
  }
  const t = report.totals;
  addDataRow(
    sheet,
    REPORT_COLUMNS,
    {
      centre: `Sum (${shown.length} sentre)`,
      awarded: t.awardedOre,
      paid: t.paidOre,
      spent: t.spentOre,
      returned: t.returnedOre,
      kept: t.keptUnusedOre,
      participants: t.participantsReached,
    },
    { bold: true },
  );
  fitColumns(sheet, REPORT_COLUMNS);
}

/** Sheet «Kontroll»: the report's paid and returned against the grant's ledger. */
function addControlSheet(workbook: Workbook, { report }: ReportData): void {
  const t = report.totals;
  const control = addTableSheet(workbook, 'Kontroll', CONTROL_COLUMNS);
  addDataRow(control, CONTROL_COLUMNS, {
    what: 'Utbetalt til sentrene',
    report: t.paidOre,
    ledger: report.ledger.paidOre,
    diff: t.paidOre - report.ledger.paidOre,
  });
  addDataRow(control, CONTROL_COLUMNS, {
    what: 'Tilbakeført fra sentrene',
    report: t.returnedOre,
    ledger: report.ledger.returnedOre,
    diff: t.returnedOre - report.ledger.returnedOre,
  });
  fitColumns(control, CONTROL_COLUMNS);
}

/** Sheet «Om rapporten»: round, grant, funder, periods and when the report was made. */
function addAboutSheet(workbook: Workbook, { round, grant, report }: ReportData, nowMs: number) {
  const about = addTableSheet(workbook, 'Om rapporten', ABOUT_COLUMNS);
  const facts: [string, string | null][] = [
    ['Rapport', report.title],
    ['Tildelingsrunde', round.name],
    ['Tilskudd', grant.title],
    ['Tilskuddsyter', grant.funderName],
    ['Referanse hos tilskuddsyter', grant.reference],
    ['Aktivitetsperiode', period(round.activityFrom, round.activityTo)],
    [
      'Rapporteringsfrist for sentrene',
      round.reportDeadline ? formatIsoDate(round.reportDeadline) : null,
    ],
    ...eurFacts(report.eur),
    ['Laget', formatIsoDate(isoDateFromMs(nowMs))],
    ['Laget av', 'Krisesentersekretariatet'],
  ];
  for (const [field, value] of facts) addDataRow(about, ABOUT_COLUMNS, { field, value });
  fitColumns(about, ABOUT_COLUMNS);
}

/** The funder report as xlsx: sheets «Rapport», «Kontroll» and «Om rapporten». */
async function roundFunderReportXlsx(
  c: ReportContext,
  input: ParsedInput<'rounds.funderReportXlsx'>,
): Promise<Output<'rounds.funderReportXlsx'>> {
  const data = reportData(c, input.roundId);
  const workbook = createWorkbook(c.ctx.clock.nowMs());
  addReportSheet(workbook, data);
  addControlSheet(workbook, data);
  addAboutSheet(workbook, data, c.ctx.clock.nowMs());
  return {
    fileName: asciiFileName(['Rapport', data.round.name]),
    contentBase64: await workbookBase64(workbook),
  };
}

/** The payout list: every award with organisation number, paid so far and what is left. */
async function payoutXlsx(
  c: ReportContext,
  input: ParsedInput<'allocations.payoutXlsx'>,
): Promise<Output<'allocations.payoutXlsx'>> {
  const { model } = c;
  const round = model.round(input.roundId);
  const grant = model.grantModel.row(round.grantId);
  const list = model
    .views(model.allocationRows(eq(allocations.roundId, round.id)))
    .filter((a) => (a.awardedOre ?? 0) > 0);
  const workbook = createWorkbook(c.ctx.clock.nowMs());
  const sheet = addTableSheet(workbook, 'Utbetalingsliste', PAYOUT_COLUMNS);
  const reference = `Tildeling ${round.name}${grant.reference ? ` (${grant.reference})` : ''}`;
  const total = { awarded: 0, paid: 0, due: 0 };
  for (const a of list) {
    const awarded = a.awardedOre ?? 0;
    const due = Math.max(0, awarded - a.paidOre);
    total.awarded += awarded;
    total.paid += a.paidOre;
    total.due += due;
    addDataRow(sheet, PAYOUT_COLUMNS, {
      centre: a.centreName,
      orgNumber: a.orgNumber,
      awarded,
      paid: a.paidOre,
      due,
      lastPaid: a.lastPaidDate,
      reference,
    });
  }
  addDataRow(
    sheet,
    PAYOUT_COLUMNS,
    {
      centre: `Sum (${list.length} sentre)`,
      awarded: total.awarded,
      paid: total.paid,
      due: total.due,
    },
    { bold: true },
  );
  fitColumns(sheet, PAYOUT_COLUMNS);
  return {
    fileName: asciiFileName(['Utbetalingsliste', round.name]),
    contentBase64: await workbookBase64(workbook),
  };
}

export function createRoundReportsService(ctx: ServiceContext) {
  const c: ReportContext = { ctx, model: createAllocationModel(ctx) };
  return {
    /** The funder report with totals and the same totals taken from the grant's ledger. */
    roundFunderReport: (input: ParsedInput<'rounds.funderReport'>): FunderReport =>
      reportData(c, input.roundId).report,
    roundFunderReportXlsx: (input: ParsedInput<'rounds.funderReportXlsx'>) =>
      roundFunderReportXlsx(c, input),
    payoutXlsx: (input: ParsedInput<'allocations.payoutXlsx'>) => payoutXlsx(c, input),
  };
}

export type RoundReportsService = ReturnType<typeof createRoundReportsService>;
