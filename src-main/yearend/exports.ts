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
import { formatInstant } from '../../src-shared/safety/audit';
import { isMemberOn } from '../../src-shared/registry/centres';
import {
  closingOf,
  grantMoneyOf,
  MOVEMENT_SIGN,
  netOfType,
  signedAmount,
} from '../../src-shared/grants/rules';
import { accountKeyFor, csvAmount } from '../../src-shared/yearend/rules';
import { ADMIN_RULE_LABELS } from '../../src-shared/grants/labels';
import {
  BALANCE_DECISION_FULL_LABELS,
  CHECKLIST_KIND_LABELS,
  FISCAL_YEAR_ACTION_LABELS,
} from '../../src-shared/yearend/labels';
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
import { checklistOf, grantsInYear, loadYear, type YearData } from './queries';

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

export const RESULT_OK = 'OK';
export const RESULT_DEVIATION = 'Avvik';

interface CheckRow {
  subject: string;
  expected?: number | null;
  actual?: number | null;
  note: string;
}

interface Check {
  /** The invariant's number in docs/DOMAIN.md, or '—' for a consistency check between sheets. */
  rule: string;
  name: string;
  ok: boolean;
  summary: string;
  rows: CheckRow[];
}

function grantLabel(g: { title: string; id: number }): string {
  return `«${g.title}» (id ${g.id})`;
}

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

// ---------------------------------------------------------------- the controls

/** Invariant 1: every amount stored for the year is whole øre (an integer in SQLite). */
function checkIntegers(ctx: ServiceContext, year: number): Check {
  const rows = ctx.sqlite
    .prepare(
      `select 'Bevegelse' as what, id, 'Beløp' as field, amount_ore as v from movements
         where typeof(amount_ore) <> 'integer' and substr(date, 1, 4) = :y
       union all select 'Tilskudd', id, 'Innvilget beløp', awarded_ore from grants
         where awarded_ore is not null and typeof(awarded_ore) <> 'integer'
       union all select 'Tilskudd', id, 'Søkt beløp', applied_ore from grants
         where applied_ore is not null and typeof(applied_ore) <> 'integer'
       union all select 'Tilskudd', id, 'KSS sin andel', kss_share_ore from grants
         where kss_share_ore is not null and typeof(kss_share_ore) <> 'integer'
       union all select 'Tilskudd', id, 'Administrasjonsandel (beløp)', admin_fixed_ore from grants
         where admin_fixed_ore is not null and typeof(admin_fixed_ore) <> 'integer'
       union all select 'Fordeling per år', id, 'Beløp', amount_ore from grant_year_splits
         where typeof(amount_ore) <> 'integer' and year = cast(:y as integer)
       union all select 'Tildeling', id, 'Tildelt beløp', awarded_ore from allocations
         where awarded_ore is not null and typeof(awarded_ore) <> 'integer'
       union all select 'Tildeling', id, 'Søkt beløp', applied_ore from allocations
         where typeof(applied_ore) <> 'integer'
       union all select 'Tildeling', id, 'Brukt beløp', spent_ore from allocations
         where spent_ore is not null and typeof(spent_ore) <> 'integer'
       union all select 'Tildeling', id, 'Beholdt beløp', kept_unused_ore from allocations
         where kept_unused_ore is not null and typeof(kept_unused_ore) <> 'integer'
       union all select 'Beslutning om saldo', id, 'Beløp', amount_ore from balance_decisions
         where typeof(amount_ore) <> 'integer' and year = cast(:y as integer)`,
    )
    .all({ y: String(year) }) as { what: string; id: number; field: string; v: unknown }[];
  return {
    rule: '1',
    name: 'Alle beløp er hele øre (heltall)',
    ok: rows.length === 0,
    summary:
      rows.length === 0
        ? 'Alle beløp i året er lagret som hele øre.'
        : `${rows.length} beløp er ikke hele øre.`,
    rows: rows.map((r) => ({
      subject: `${r.what} ${r.id}`,
      actual: typeof r.v === 'number' ? r.v : null,
      note: `${r.field}: ${String(r.v)} øre er ikke et heltall.`,
    })),
  };
}

/** Invariant 2: the balance equation per grant, Y → Y+1 continuity, and sheet totals. */
function checkBalances(ctx: ServiceContext, data: YearData): Check[] {
  const { year } = data;
  const inYear = grantsInYear(data);
  // The same balances summed by SQL, independently of the TypeScript ledger code.
  const signCase = Object.entries(MOVEMENT_SIGN)
    .map(([type, sign]) => `when '${type}' then ${sign} * amount_ore`)
    .join(' ');
  const sqlSums = new Map(
    (
      ctx.sqlite
        .prepare(
          `select grant_id as grantId,
                  coalesce(sum(case when date < :start then s else 0 end), 0) as opening,
                  coalesce(sum(case when date <= :end then s else 0 end), 0) as closing
             from (select grant_id, date, case type ${signCase} end as s from movements)
            group by grant_id`,
        )
        .all({ start: `${year}-01-01`, end: `${year}-12-31` }) as {
        grantId: number;
        opening: number;
        closing: number;
      }[]
    ).map((r) => [r.grantId, r] as const),
  );

  const equation: CheckRow[] = [];
  const continuity: CheckRow[] = [];
  const negative: CheckRow[] = [];
  for (const y of inYear) {
    const b = y.balance;
    const sums = sqlSums.get(y.g.id) ?? { opening: 0, closing: 0 };
    const byRule = closingOf(b);
    if (sums.opening !== b.openingOre) {
      equation.push({
        subject: grantLabel(y.g),
        expected: sums.opening,
        actual: b.openingOre,
        note: `Inngående saldo ${year} stemmer ikke med summen av bevegelsene før ${year}.`,
      });
    }
    if (sums.closing !== b.closingOre || byRule !== b.closingOre) {
      equation.push({
        subject: grantLabel(y.g),
        expected: sums.closing,
        actual: b.closingOre,
        note: `Utgående saldo ${year} stemmer ikke med inngående saldo pluss årets bevegelser.`,
      });
    }
    if (y.nextOpeningOre !== b.closingOre) {
      continuity.push({
        subject: grantLabel(y.g),
        expected: b.closingOre,
        actual: y.nextOpeningOre,
        note: `Inngående saldo ${year + 1} er ikke lik utgående saldo ${year}.`,
      });
    }
    const decision = data.decisions.get(y.g.id);
    if (decision && decision.amountOre !== b.closingOre && b.closingOre !== 0) {
      continuity.push({
        subject: grantLabel(y.g),
        expected: b.closingOre,
        actual: decision.amountOre,
        note: `Beslutningen om saldoen (${BALANCE_DECISION_FULL_LABELS[decision.decision]}) gjelder et annet beløp enn utgående saldo.`,
      });
    }
    if (b.closingOre < 0) {
      negative.push({
        subject: grantLabel(y.g),
        expected: 0,
        actual: b.closingOre,
        note: `Negativ saldo ved utgangen av ${year}.`,
      });
    }
  }

  let movementSum = 0;
  for (const m of data.movementsInYear) movementSum += signedAmount(m);
  let balanceChange = 0;
  for (const y of inYear) balanceChange += y.balance.closingOre - y.balance.openingOre;
  let paidByAllocation = 0;
  for (const a of data.allocations) paidByAllocation += a.paidInYearOre;
  const payouts = data.movementsInYear.filter((m) => m.type === 'paid_to_centre');
  const paidByLedger = payouts.reduce((s, m) => s + m.amountOre, 0);
  const unlinked = payouts.filter((m) => m.allocationId === null);

  return [
    {
      rule: '2',
      name: 'Saldoligningen per tilskudd',
      ok: equation.length === 0,
      summary:
        equation.length === 0
          ? `Inngående saldo + mottatt + overført inn − administrasjonsandel − utbetalt til sentre − egne kostnader + tilbakeført − tilbakebetalt − overført ut = utgående saldo for alle ${inYear.length} tilskudd (kontrollert mot summen av bevegelsene).`
          : `${equation.length} avvik i saldoligningen.`,
      rows: equation,
    },
    {
      rule: '2',
      name: `Utgående saldo ${year} = inngående saldo ${year + 1}`,
      ok: continuity.length === 0,
      summary:
        continuity.length === 0
          ? `Utgående saldo ${year} er inngående saldo ${year + 1} for alle tilskudd, og beslutningene gjelder utgående saldo.`
          : `${continuity.length} avvik mellom årene.`,
      rows: continuity,
    },
    {
      rule: '2',
      name: 'Ingen negativ saldo ved årets slutt',
      ok: negative.length === 0,
      summary:
        negative.length === 0
          ? 'Ingen tilskudd har negativ saldo.'
          : `${negative.length} tilskudd har negativ saldo.`,
      rows: negative,
    },
    {
      rule: '—',
      name: 'Sammendrag og Bevegelser stemmer',
      ok: movementSum === balanceChange,
      summary: `Summen av årets bevegelser (${kr(movementSum)}) er endringen i saldoene i Sammendrag (${kr(balanceChange)}).`,
      rows:
        movementSum === balanceChange
          ? []
          : [
              {
                subject: 'Alle tilskudd',
                expected: balanceChange,
                actual: movementSum,
                note: 'Summen av bevegelsene er ikke lik endringen i saldo.',
              },
            ],
    },
    {
      rule: '—',
      name: 'Tildelinger og Bevegelser stemmer',
      ok: paidByAllocation === paidByLedger && unlinked.length === 0,
      summary: `Utbetalt til sentrene i ${year}: ${kr(paidByAllocation)} ifølge tildelingene, ${kr(paidByLedger)} ifølge bevegelsene.`,
      rows: [
        ...(paidByAllocation === paidByLedger
          ? []
          : [
              {
                subject: 'Utbetalt til sentre',
                expected: paidByLedger,
                actual: paidByAllocation,
                note: 'Tildelingene og bevegelsene viser ulike utbetalinger.',
              },
            ]),
        ...unlinked.map((m) => ({
          subject: `Bevegelse ${m.id} (${date(m.date)})`,
          actual: m.amountOre,
          note: 'Utbetaling til senter uten tildeling.',
        })),
      ],
    },
  ];
}

/** Invariant 3: admin share + allocations ≤ awarded (or KSS's part) + transfers in. */
function checkAllocatedWithinAward(data: YearData): Check {
  const allocated = new Map<number, number>();
  for (const a of data.allocations) {
    allocated.set(a.grantId, (allocated.get(a.grantId) ?? 0) + (a.awardedOre ?? 0));
  }
  const rows: CheckRow[] = [];
  let checked = 0;
  for (const y of grantsInYear(data)) {
    const { g } = y;
    if (g.awardedOre === null) continue;
    checked += 1;
    const money = grantMoneyOf(g, y.ledger, allocated.get(g.id) ?? 0);
    const limit = money.baseOre + money.transferInOre;
    const used = money.adminShareOre + money.allocatedOre;
    if (used > limit) {
      rows.push({
        subject: grantLabel(g),
        expected: limit,
        actual: used,
        note: `Administrasjonsandel (${kr(money.adminShareOre)}) + tildelt sentrene (${kr(money.allocatedOre)}) er større enn innvilget + overført inn.`,
      });
    }
    const transferred = netOfType(y.ledger, 'admin_share');
    if (transferred > money.adminShareOre) {
      rows.push({
        subject: grantLabel(g),
        expected: money.adminShareOre,
        actual: transferred,
        note: 'Overført administrasjonsandel er større enn andelen etter tilskuddets regel.',
      });
    }
  }
  return {
    rule: '3',
    name: 'Administrasjonsandel + tildelinger ≤ innvilget + overført inn',
    ok: rows.length === 0,
    summary:
      rows.length === 0
        ? `Holder for alle ${checked} innvilgede tilskudd i året.`
        : `${rows.length} avvik.`,
    rows,
  };
}

/** Invariant 4: awards decided in the year go to members on the decision date, or have a reason. */
function checkMembers(data: YearData): Check {
  const { year } = data;
  const decided = data.allocations.filter(
    (a) =>
      (a.awardedOre ?? 0) > 0 && a.decisionDate !== null && a.decisionDate.startsWith(`${year}-`),
  );
  const rows: CheckRow[] = [];
  let overrides = 0;
  for (const a of decided) {
    const member = isMemberOn(data.periods.get(a.centreId) ?? [], a.decisionDate as string);
    const reason = a.overrideReason?.trim() ?? '';
    if (!member && reason) overrides += 1;
    if (!member && !reason) {
      rows.push({
        subject: `${a.centreName} i «${a.roundName}» (tildeling ${a.id})`,
        actual: a.awardedOre,
        note: `Ikke medlem på vedtaksdatoen ${date(a.decisionDate as string)}, og ingen begrunnelse for unntak.`,
      });
    }
  }
  return {
    rule: '4',
    name: 'Tildelinger bare til medlemmer på vedtaksdatoen (ellers begrunnet unntak)',
    ok: rows.length === 0,
    summary:
      rows.length === 0
        ? `Holder for alle ${decided.length} tildelinger vedtatt i ${year}${overrides > 0 ? ` (${overrides} med begrunnet unntak)` : ''}.`
        : `${rows.length} tildelinger til sentre som ikke var medlemmer, uten begrunnelse.`,
    rows,
  };
}

/** Invariant 5: the year's status and its close/reopen history. */
function checkStatus(data: YearData): Check {
  const closed = data.status === 'closed';
  return {
    rule: '5',
    name: `Regnskapsåret ${data.year} er avsluttet`,
    ok: closed,
    summary: closed
      ? `Avsluttet ${formatInstant(data.closedAtMs ?? 0)} av ${data.closedBy ?? ''}; endringer datert i året avvises av databasen.`
      : 'Året er ikke avsluttet; tallene kan fortsatt endres. Avslutt året før arbeidsboken leveres.',
    rows: data.events.map((e) => ({
      subject: `${FISCAL_YEAR_ACTION_LABELS[e.action].nb} ${formatInstant(e.atMs)}`,
      note: `${e.actor}${e.reason ? `: ${e.reason}` : ''}`,
    })),
  };
}

/** Invariant 6: every movement of the year has its «create» row in the change log. */
function checkAudit(data: YearData): Check {
  const missing = data.movementsInYear.filter((m) => !data.auditedMovementIds.has(m.id));
  return {
    rule: '6',
    name: 'Endringsloggen har alle årets bevegelser',
    ok: missing.length === 0,
    summary:
      missing.length === 0
        ? `Alle ${data.movementsInYear.length} bevegelser i ${data.year} står i endringsloggen.`
        : `${missing.length} bevegelser mangler i endringsloggen.`,
    rows: missing.map((m) => ({
      subject: `Bevegelse ${m.id} (${date(m.date)})`,
      actual: m.amountOre,
      note: `${MOVEMENT_LABEL[m.type]} uten rad i endringsloggen.`,
    })),
  };
}

/** The year-end checklist: open points and the exceptions confirmed for them. */
function checkChecklist(data: YearData): Check {
  const items = checklistOf(data);
  const open = items.filter((i) => i.exception === null);
  return {
    rule: '5',
    name: 'Sjekklisten for årsavslutning',
    ok: open.length === 0,
    summary:
      open.length === 0
        ? `Ingen åpne punkter${items.length > 0 ? `; ${items.length} bekreftet som unntak` : ''}.`
        : `${open.length} åpne punkter.`,
    rows: items.map((i) => ({
      subject: `${CHECKLIST_KIND_LABELS[i.kind].nb}: ${i.title}`,
      actual: i.amountOre,
      note: i.exception
        ? `Unntak bekreftet av ${i.exception.actor} ${formatInstant(i.exception.atMs)}: ${i.exception.reason}`
        : `Åpent. ${i.detail}`,
    })),
  };
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

/** Every check of the year, in the order of docs/DOMAIN.md's invariants. */
export function yearChecks(ctx: ServiceContext, data: YearData): Check[] {
  return [
    checkIntegers(ctx, data.year),
    ...checkBalances(ctx, data),
    checkAllocatedWithinAward(data),
    checkMembers(data),
    checkStatus(data),
    checkChecklist(data),
    checkAudit(data),
  ];
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
