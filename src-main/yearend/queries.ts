/**
 * The year-end checklist and the overview the year-end page shows, built from the year's
 * read model (year-data.ts, re-exported here for the services and the exports).
 */
import type {
  ChecklistItem,
  PriorYearCorrection,
  YearEndGrant,
  YearEndOverview,
} from '../../src-shared/api/contract';
import { formatIsoDate, yearOf } from '../../src-shared/kernel/dates';
import { isReportOverdue } from '../../src-shared/allocations/rules';
import { adminBaseOf, type YearBalance } from '../../src-shared/grants/rules';
import { checklistKey } from '../../src-shared/yearend/rules';
import { formatOre } from '../../src-shared/kernel/money';
import { unconfirmedSplitItems } from './split-check';
import { NAME_ORDER, type MovementRecord } from '../grants/queries';
import { plausibilityItems, priorYearCorrectionsOf } from './plausibility';

import {
  AWARD_STATUSES,
  type YearAllocation,
  type YearData,
  type YearDeadline,
  type YearGrant,
} from './year-data';

export {
  AWARD_STATUSES,
  loadYear,
  type YearAllocation,
  type YearData,
  type YearDeadline,
  type YearGrant,
  type YearGrantRow,
} from './year-data';

/** What a centre award's checklist items read. */
export type ChecklistAllocation = Pick<
  YearAllocation,
  | 'id'
  | 'grantId'
  | 'centreName'
  | 'roundName'
  | 'awardedOre'
  | 'decisionDate'
  | 'reportDueDate'
  | 'reportReceivedDate'
  | 'reportStatus'
  | 'paidTotalOre'
>;

/**
 * What the checklist and the overview read of a year: the whole read model (`YearData`, for
 * the exports) or the year-end page's smaller one (overview-data.ts). `grants` holds at least
 * every grant with money in the year, an award decided in the year or a split for the year
 * (by id); `allocations` at least every centre award that can give an item (by centre name).
 */
export interface ChecklistData {
  year: number;
  grants: YearGrant[];
  allocations: readonly ChecklistAllocation[];
  decisions: YearData['decisions'];
  exceptions: YearData['exceptions'];
  deadlines: readonly YearDeadline[];
}

/** The year's status and events, as the overview shows them. */
export type YearStatusData = Pick<
  YearData,
  'status' | 'lockedByYear' | 'closedAtMs' | 'closedBy' | 'closeReason' | 'events'
>;

const kr = (ore: number) => formatOre(ore);
const date = (iso: string) => formatIsoDate(iso);

function netUpTo(ledger: readonly MovementRecord[], type: MovementRecord['type'], end: string) {
  let total = 0;
  for (const m of ledger) if (m.type === type && m.date <= end) total += m.amountOre;
  return total;
}

/**
 * What the funder should have paid KSS by the end of the year: the award's parts for the year
 * and the years before (KSS's part, for «partner med andel»).
 */
function expectedThrough(y: YearGrant, year: number): number {
  const { g } = y;
  if (g.awardedOre === null || g.awardedOre === 0) return 0;
  const base = adminBaseOf(g);
  let awardedThrough: number;
  if (y.splits.length > 0) {
    awardedThrough = y.splits.filter((s) => s.year <= year).reduce((a, s) => a + s.amountOre, 0);
  } else {
    awardedThrough = g.decisionDate && yearOf(g.decisionDate) <= year ? g.awardedOre : 0;
  }
  if (base === g.awardedOre) return awardedThrough;
  // KSS's part of the years' share, rounded half up, in integers.
  return Number(
    (BigInt(base) * BigInt(awardedThrough) * 2n + BigInt(g.awardedOre)) /
      (2n * BigInt(g.awardedOre)),
  );
}

type Item = Omit<ChecklistItem, 'exception'>;
const NO_REF = { grantId: null, allocationId: null, amountOre: null };

/** A closing balance without a (current) decision on what happens to it. */
function balanceItems(data: ChecklistData, y: YearGrant): Item[] {
  const { g, balance } = y;
  const items: Item[] = [];
  const base = NO_REF;
  const closing = balance.closingOre;
  if (y.inYear && closing !== 0) {
    const decision = data.decisions.get(g.id);
    if (!decision) {
      items.push({
        ...base,
        key: checklistKey('balance', g.id),
        kind: 'balance',
        grantId: g.id,
        amountOre: closing,
        title: `«${g.title}»: utgående saldo ${kr(closing)} uten beslutning`,
        detail:
          'Registrer om saldoen overføres til neste år (med godkjenning fra tilskuddsyteren), skal tilbakebetales, eller forklar den.',
      });
    } else if (decision.amountOre !== closing) {
      items.push({
        ...base,
        key: checklistKey('balance', g.id),
        kind: 'balance',
        grantId: g.id,
        amountOre: closing,
        title: `«${g.title}»: saldoen er endret etter beslutningen (${kr(decision.amountOre)} → ${kr(closing)})`,
        detail: 'Registrer beslutningen om saldoen på nytt.',
      });
    }
  }

  return items;
}

/** An award without a split that adds up, or less received than the award's parts so far. */
function awardItems(data: ChecklistData, y: YearGrant): Item[] {
  const { year } = data;
  const end = `${year}-12-31`;
  const { g } = y;
  const items: Item[] = [];
  const base = NO_REF;
  if (
    g.awardedOre !== null &&
    AWARD_STATUSES.includes(g.status) &&
    (y.inYear || (g.decisionDate !== null && yearOf(g.decisionDate) === year))
  ) {
    const splitSum = y.splits.reduce((a, s) => a + s.amountOre, 0);
    if (y.splits.length === 0 || splitSum !== g.awardedOre) {
      items.push({
        ...base,
        key: checklistKey('year_split', g.id),
        kind: 'year_split',
        grantId: g.id,
        amountOre: g.awardedOre,
        title:
          y.splits.length === 0
            ? `«${g.title}»: innvilget ${kr(g.awardedOre)} uten fordeling per år`
            : `«${g.title}»: fordelingen per år (${kr(splitSum)}) stemmer ikke med innvilget beløp (${kr(g.awardedOre)})`,
        detail: 'Fordel tilskuddet på regnskapsårene på tilskuddets side.',
      });
    }
    const expected = expectedThrough(y, year);
    const received = netUpTo(y.ledger, 'received', end);
    if (received < expected) {
      items.push({
        ...base,
        key: checklistKey('grant_not_received', g.id),
        kind: 'grant_not_received',
        grantId: g.id,
        amountOre: expected - received,
        title: `«${g.title}»: mottatt ${kr(received)} av ${kr(expected)} innvilget til og med ${year}`,
        detail: `Registrer innbetalingen fra ${g.funderName}, eller bekreft et unntak (for eksempel at resten kommer senere år).`,
      });
    }
  }

  return items;
}

/** Centre awards decided by the end of the year: not fully paid, or a report overdue. */
function allocationItems(data: ChecklistData): Item[] {
  const end = `${data.year}-12-31`;
  const items: Item[] = [];
  const base = NO_REF;
  for (const a of data.allocations) {
    const awarded = a.awardedOre ?? 0;
    if (awarded <= 0 || !a.decisionDate || a.decisionDate > end) continue;
    if (a.paidTotalOre < awarded) {
      items.push({
        ...base,
        key: checklistKey('allocation_unpaid', a.id),
        kind: 'allocation_unpaid',
        grantId: a.grantId,
        allocationId: a.id,
        amountOre: awarded - a.paidTotalOre,
        title: `${a.centreName}: tildelt ${kr(awarded)} i «${a.roundName}», utbetalt ${kr(a.paidTotalOre)}`,
        detail: 'Registrer utbetalingen, eller bekreft et unntak med begrunnelse.',
      });
    }
    if (isReportOverdue(a, `${data.year + 1}-01-01`)) {
      items.push({
        ...base,
        key: checklistKey('report_overdue', a.id),
        kind: 'report_overdue',
        grantId: a.grantId,
        allocationId: a.id,
        title: `${a.centreName}: rapporten for «${a.roundName}» hadde frist ${date(a.reportDueDate as string)}`,
        detail: 'Registrer rapporten, send en purring, eller bekreft et unntak med begrunnelse.',
      });
    }
  }

  return items;
}

/** Reporting deadlines to funders due by the end of the year and not delivered. */
function deadlineItems(data: ChecklistData): Item[] {
  const items: Item[] = [];
  const base = NO_REF;
  for (const d of data.deadlines) {
    items.push({
      ...base,
      key: checklistKey('deadline_overdue', d.id),
      kind: 'deadline_overdue',
      grantId: d.grantId,
      title: `«${d.grantTitle}»: «${d.description}» hadde frist ${date(d.dueDate)}`,
      detail: 'Marker rapporten som levert, eller bekreft et unntak med begrunnelse.',
    });
  }

  return items;
}

/** The year-end checklist: every open point with its stable key and any confirmed exception. */
export function checklistOf(data: ChecklistData): ChecklistItem[] {
  const items: Item[] = [];
  for (const y of data.grants) {
    if (y.g.kssRole === 'stottepartner') continue;
    items.push(...balanceItems(data, y), ...awardItems(data, y));
  }
  items.push(...allocationItems(data), ...deadlineItems(data));
  items.push(...unconfirmedSplitItems(data));
  items.push(...plausibilityItems(data));
  return items.map((i) => ({ ...i, exception: data.exceptions.get(i.key) ?? null }));
}

const MONEY_KEYS = [
  'openingOre',
  'receivedOre',
  'transferInOre',
  'adminShareOre',
  'paidToCentresOre',
  'ownCostsOre',
  'returnedOre',
  'repaidOre',
  'transferOutOre',
  'closingOre',
] as const;

/** Sums of the year balances of several grants. */
export function sumBalances(rows: readonly YearBalance[]): YearEndOverview['totals'] {
  const totals = Object.fromEntries(MONEY_KEYS.map((k) => [k, 0])) as YearEndOverview['totals'];
  for (const r of rows) for (const k of MONEY_KEYS) totals[k] += r[k];
  return totals;
}

/** Grants with money in the year in the order the workbook and the page show them. */
export function grantsInYear(data: ChecklistData): YearGrant[] {
  return data.grants
    .filter((y) => y.inYear)
    .sort(
      (a, b) =>
        NAME_ORDER.compare(a.g.projectName, b.g.projectName) ||
        NAME_ORDER.compare(a.g.title, b.g.title) ||
        a.g.id - b.g.id,
    );
}

/** The overview the year-end page shows, from the whole read model of the year. */
export function overviewOf(data: YearData): YearEndOverview {
  return overviewFrom(data, priorYearCorrectionsOf(data));
}

/** The overview from the checklist's data, the year's status and its corrections of earlier years. */
export function overviewFrom(
  data: ChecklistData & YearStatusData,
  priorYearCorrections: PriorYearCorrection[],
): YearEndOverview {
  const list = grantsInYear(data);
  const items = checklistOf(data);
  const openItemCount = items.filter((i) => i.exception === null).length;
  const grantViews: YearEndGrant[] = list.map((y) => {
    const decision = data.decisions.get(y.g.id) ?? null;
    const closing = y.balance.closingOre;
    return {
      grantId: y.g.id,
      title: y.g.title,
      projectId: y.g.projectId,
      projectName: y.g.projectName,
      projectNumber: y.g.projectNumber,
      funderName: y.g.funderName,
      funderType: y.g.funderType,
      reference: y.g.reference,
      kssRole: y.g.kssRole,
      status: y.g.status,
      awardedOre: y.g.awardedOre,
      awardedForYearOre: y.awardedForYearOre,
      awardedForYearConfirmed: y.splits.find((s) => s.year === data.year)?.confirmed ?? true,
      balance: y.balance,
      nextOpeningOre: y.nextOpeningOre,
      decision,
      needsDecision: closing !== 0 && (decision === null || decision.stale),
    };
  });
  return {
    year: data.year,
    status: data.status,
    lockedByYear: data.lockedByYear,
    closedAtMs: data.closedAtMs,
    closedBy: data.closedBy,
    closeReason: data.closeReason,
    events: data.events,
    grants: grantViews,
    totals: sumBalances(list.map((y) => y.balance)),
    items,
    openItemCount,
    priorYearCorrections,
    canClose: data.status === 'open' && openItemCount === 0,
  };
}
