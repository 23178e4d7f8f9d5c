/**
 * The «Kontroller» sheet's checks for a fiscal year: each invariant of docs/DOMAIN.md checked
 * against the year's data (and, for whole øre and the ledger sums, against SQLite itself),
 * with OK/Avvik and the rows behind a deviation.
 */
import { formatIsoDate } from '../../src-shared/kernel/dates';
import { isMemberOn } from '../../src-shared/registry/centres';
import {
  closingOf,
  grantMoneyOf,
  MOVEMENT_SIGN,
  netOfType,
  signedAmount,
} from '../../src-shared/grants/rules';
import {
  BALANCE_DECISION_FULL_LABELS,
  CHECKLIST_KIND_LABELS,
  FISCAL_YEAR_ACTION_LABELS,
} from '../../src-shared/yearend/labels';
import { formatInstant } from '../../src-shared/safety/audit';
import { MOVEMENT_LABEL } from '../grants/queries';
import { formatOre } from '../../src-shared/kernel/money';
import type { ServiceContext } from '../platform/context';
import { checklistOf, grantsInYear, type YearData } from './queries';

const kr = (ore: number) => formatOre(ore);
const date = (iso: string) => formatIsoDate(iso);

export const RESULT_OK = 'OK';
export const RESULT_DEVIATION = 'Avvik';

export interface CheckRow {
  subject: string;
  expected?: number | null;
  actual?: number | null;
  note: string;
}

export interface Check {
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
/** Each grant's opening and closing balance for the year, summed by SQL from the ledger. */
function sqlBalanceSums(ctx: ServiceContext, year: number) {
  // The same balances summed by SQL, independently of the TypeScript ledger code.
  const signCase = Object.entries(MOVEMENT_SIGN)
    .map(([type, sign]) => `when '${type}' then ${sign} * amount_ore`)
    .join(' ');
  return new Map(
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
}

/** Invariant 2 per grant: the balance equation, year-to-year continuity, no negative closing. */
function balanceDeviations(
  ctx: ServiceContext,
  data: YearData,
  inYear: ReturnType<typeof grantsInYear>,
) {
  const { year } = data;
  const sqlSums = sqlBalanceSums(ctx, year);
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
  return { equation, continuity, negative };
}

/** The consistency checks between the sheets: Sammendrag vs Bevegelser, Tildelinger vs Bevegelser. */
function crossSheetChecks(data: YearData, inYear: ReturnType<typeof grantsInYear>): Check[] {
  const { year } = data;
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

function checkBalances(ctx: ServiceContext, data: YearData): Check[] {
  const { year } = data;
  const inYear = grantsInYear(data);
  const { equation, continuity, negative } = balanceDeviations(ctx, data, inYear);
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
    ...crossSheetChecks(data, inYear),
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
