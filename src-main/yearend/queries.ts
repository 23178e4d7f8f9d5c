/**
 * The read model of one fiscal year, loaded with a handful of queries and shared by the
 * year-end checklist, the accountant's workbook and the accounting CSV: every grant with its
 * project, funder, ledger, split and balance for the year, the centres' awards with their
 * cash from the ledger, the balance decisions, exceptions, status and events.
 *
 * size: one read model, loaded once and shared by the checklist, workbook and CSV, so its
 * loader and the checklist built from it stay together; the checklist (checklistOf) could
 * move to its own file.
 */
import { and, asc, eq, gte, inArray, lte } from 'drizzle-orm';
import {
  allocationRounds,
  allocations,
  auditLog,
  balanceDecisions,
  checklistExceptions,
  fiscalYearEvents,
  fiscalYears,
  funders,
  grantDeadlines,
  grantYearSplits,
  grants,
  memberCentres,
  memberships,
  movements,
  organisations,
  projects,
} from '../../db/schema';
import type {
  BalanceDecisionView,
  ChecklistItem,
  FiscalYearEvent,
  YearEndGrant,
  YearEndOverview,
} from '../../src-shared/api/contract';
import { formatIsoDate, yearOf } from '../../src-shared/kernel/dates';
import { isReportOverdue } from '../../src-shared/allocations/rules';
import type { MembershipPeriod } from '../../src-shared/registry/centres';
import {
  adminBaseOf,
  AWARDED_STATUSES,
  yearBalances,
  type FunderType,
  type GrantStatus,
  type KssRole,
  type YearBalance,
} from '../../src-shared/grants/rules';
import { checklistKey, type FiscalYearStatus } from '../../src-shared/yearend/rules';
import { formatOre } from '../../src-shared/kernel/money';
import type { ServiceContext } from '../platform/context';
import { lockingYear } from './locks';
import { unconfirmedSplitItems } from './split-check';
import { NAME_ORDER, type GrantRecord, type MovementRecord } from '../grants/queries';
import { plausibilityItems, priorYearCorrectionsOf } from './plausibility';

const kr = (ore: number) => formatOre(ore);
const date = (iso: string) => formatIsoDate(iso);

/** Statuses in which a grant has an award that counts (also after it is closed). */
export const AWARD_STATUSES: readonly GrantStatus[] = [...AWARDED_STATUSES, 'avsluttet'];

export type YearGrantRow = GrantRecord & {
  projectName: string;
  projectNumber: string | null;
  projectKind: 'prosjekt' | 'tiltak';
  projectParentId: number | null;
  kssRole: KssRole;
  funderName: string;
  funderType: FunderType;
};

export interface YearGrant {
  g: YearGrantRow;
  /** Every movement of the grant, oldest first. */
  ledger: MovementRecord[];
  splits: { year: number; amountOre: number; confirmed: boolean }[];
  /** Invariant 2 of docs/DOMAIN.md for the year. */
  balance: YearBalance;
  /** Opening balance of the next year, computed on its own from the ledger. */
  nextOpeningOre: number;
  /** The year's part of the award: its split, or the award when decided that year without one. */
  awardedForYearOre: number | null;
  /** Money in the year: an opening balance, a movement, or an award for the year. */
  inYear: boolean;
}

export interface YearAllocation {
  id: number;
  roundId: number;
  roundName: string;
  grantId: number;
  centreId: number;
  centreName: string;
  orgNumber: string | null;
  region: 'sor-ost' | 'nord' | 'midt-vest';
  appliedOre: number;
  awardedOre: number | null;
  decisionDate: string | null;
  overrideReason: string | null;
  reportDueDate: string | null;
  reportReceivedDate: string | null;
  reportStatus: 'venter' | 'mottatt' | 'godkjent' | 'purret';
  spentOre: number | null;
  keptUnusedOre: number | null;
  paidTotalOre: number;
  returnedTotalOre: number;
  paidInYearOre: number;
  returnedInYearOre: number;
  lastPaidInYear: string | null;
  movedInYear: boolean;
}

export interface YearData {
  year: number;
  status: FiscalYearStatus;
  lockedByYear: number | null;
  closedAtMs: number | null;
  closedBy: string | null;
  closeReason: string | null;
  events: FiscalYearEvent[];
  /** All grants (with or without money in the year), by id. */
  grants: YearGrant[];
  grantById: Map<number, YearGrant>;
  /** Movements dated in the year, by date then id. */
  movementsInYear: MovementRecord[];
  allocations: YearAllocation[];
  periods: Map<number, MembershipPeriod[]>;
  decisions: Map<number, BalanceDecisionView>;
  exceptions: Map<string, { reason: string; actor: string; atMs: number }>;
  deadlines: { id: number; grantId: number; dueDate: string; description: string }[];
  /** Ids of movements that have their «create» row in the change log. */
  auditedMovementIds: Set<number>;
  centreNames: Map<number, string>;
}

function groupBy<T, K>(rows: readonly T[], key: (r: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = map.get(k);
    if (list) list.push(r);
    else map.set(k, [r]);
  }
  return map;
}

/** Loads everything about `year` in one go (a few queries, no per-grant round trips). */
export function loadYear(ctx: ServiceContext, year: number): YearData {
  const { db } = ctx;
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;

  const grantRows: YearGrantRow[] = db
    .select({
      grant: grants,
      projectName: projects.name,
      projectNumber: projects.projectNumber,
      projectKind: projects.kind,
      projectParentId: projects.parentId,
      kssRole: projects.kssRole,
      funderName: organisations.name,
      funderType: funders.funderType,
    })
    .from(grants)
    .innerJoin(projects, eq(projects.id, grants.projectId))
    .innerJoin(organisations, eq(organisations.id, grants.funderId))
    .innerJoin(funders, eq(funders.organisationId, grants.funderId))
    .orderBy(asc(grants.id))
    .all()
    .map((r) => ({
      ...r.grant,
      projectName: r.projectName,
      projectNumber: r.projectNumber,
      projectKind: r.projectKind,
      projectParentId: r.projectParentId,
      kssRole: r.kssRole,
      funderName: r.funderName,
      funderType: r.funderType,
    }));

  const allMoves = db
    .select()
    .from(movements)
    .orderBy(asc(movements.date), asc(movements.id))
    .all();
  const movesByGrant = groupBy(allMoves, (m) => m.grantId);
  const splitsByGrant = groupBy(
    db
      .select({
        grantId: grantYearSplits.grantId,
        year: grantYearSplits.year,
        amountOre: grantYearSplits.amountOre,
        confirmed: grantYearSplits.confirmed,
      })
      .from(grantYearSplits)
      .orderBy(asc(grantYearSplits.year))
      .all(),
    (s) => s.grantId,
  );

  const yearGrants: YearGrant[] = grantRows.map((g) => {
    const ledger = movesByGrant.get(g.id) ?? [];
    const splits = (splitsByGrant.get(g.id) ?? []).map((s) => ({
      year: s.year,
      amountOre: s.amountOre,
      confirmed: s.confirmed,
    }));
    const balance = yearBalances(ledger, { fromYear: year, toYear: year })[0] as YearBalance;
    const next = yearBalances(ledger, { fromYear: year + 1, toYear: year + 1 })[0] as YearBalance;
    let awardedForYearOre: number | null = null;
    if (g.awardedOre !== null && AWARD_STATUSES.includes(g.status)) {
      const split = splits.find((s) => s.year === year);
      if (split) awardedForYearOre = split.amountOre;
      else if (splits.length === 0 && g.decisionDate && yearOf(g.decisionDate) === year) {
        awardedForYearOre = g.awardedOre;
      } else awardedForYearOre = 0;
    }
    const moved = ledger.some((m) => m.date >= start && m.date <= end);
    const inYear =
      g.kssRole !== 'stottepartner' &&
      (balance.openingOre !== 0 || moved || (awardedForYearOre ?? 0) > 0);
    return {
      g,
      ledger,
      splits,
      balance,
      nextOpeningOre: next.openingOre,
      awardedForYearOre,
      inYear,
    };
  });
  const grantById = new Map(yearGrants.map((y) => [y.g.id, y]));

  const movementsInYear = allMoves.filter((m) => m.date >= start && m.date <= end);

  // Centres' awards and their cash, from the ledger rows that point at them.
  const allocationRows = db
    .select({
      a: allocations,
      roundName: allocationRounds.name,
      grantId: allocationRounds.grantId,
      centreName: organisations.name,
      orgNumber: organisations.orgNumber,
      region: memberCentres.region,
    })
    .from(allocations)
    .innerJoin(allocationRounds, eq(allocationRounds.id, allocations.roundId))
    .innerJoin(organisations, eq(organisations.id, allocations.centreId))
    .innerJoin(memberCentres, eq(memberCentres.organisationId, allocations.centreId))
    .all();
  const cashMoves = groupBy(
    allMoves.filter(
      (m) =>
        m.allocationId !== null && (m.type === 'paid_to_centre' || m.type === 'returned_by_centre'),
    ),
    (m) => m.allocationId as number,
  );
  const yearAllocations: YearAllocation[] = allocationRows
    .map(({ a, roundName, grantId, centreName, orgNumber, region }) => {
      let paidTotalOre = 0;
      let returnedTotalOre = 0;
      let paidInYearOre = 0;
      let returnedInYearOre = 0;
      let lastPaidInYear: string | null = null;
      let movedInYear = false;
      for (const m of cashMoves.get(a.id) ?? []) {
        const inYear = m.date >= start && m.date <= end;
        if (inYear) movedInYear = true;
        if (m.type === 'paid_to_centre') {
          paidTotalOre += m.amountOre;
          if (inYear) {
            paidInYearOre += m.amountOre;
            if (m.amountOre > 0) lastPaidInYear = m.date;
          }
        } else {
          returnedTotalOre += m.amountOre;
          if (inYear) returnedInYearOre += m.amountOre;
        }
      }
      return {
        id: a.id,
        roundId: a.roundId,
        roundName,
        grantId,
        centreId: a.centreId,
        centreName,
        orgNumber,
        region,
        appliedOre: a.appliedOre,
        awardedOre: a.awardedOre,
        decisionDate: a.decisionDate,
        overrideReason: a.overrideReason,
        reportDueDate: a.reportDueDate,
        reportReceivedDate: a.reportReceivedDate,
        reportStatus: a.reportStatus,
        spentOre: a.spentOre,
        keptUnusedOre: a.keptUnusedOre,
        paidTotalOre,
        returnedTotalOre,
        paidInYearOre,
        returnedInYearOre,
        lastPaidInYear,
        movedInYear,
      };
    })
    .sort((x, y) => NAME_ORDER.compare(x.centreName, y.centreName) || x.id - y.id);

  const periods = new Map<number, MembershipPeriod[]>();
  for (const m of db
    .select({
      centreId: memberships.centreId,
      joinedDate: memberships.joinedDate,
      leftDate: memberships.leftDate,
    })
    .from(memberships)
    .orderBy(asc(memberships.joinedDate))
    .all()) {
    const list = periods.get(m.centreId) ?? [];
    list.push({ joinedDate: m.joinedDate, leftDate: m.leftDate });
    periods.set(m.centreId, list);
  }

  const fy = db.select().from(fiscalYears).where(eq(fiscalYears.year, year)).get();
  const events = db
    .select()
    .from(fiscalYearEvents)
    .where(eq(fiscalYearEvents.year, year))
    .orderBy(asc(fiscalYearEvents.id))
    .all()
    .map((e) => ({ ...e }));

  const decisions = new Map<number, BalanceDecisionView>();
  for (const d of db.select().from(balanceDecisions).where(eq(balanceDecisions.year, year)).all()) {
    const closing = grantById.get(d.grantId)?.balance.closingOre ?? 0;
    decisions.set(d.grantId, {
      grantId: d.grantId,
      year: d.year,
      decision: d.decision,
      amountOre: d.amountOre,
      approvalRef: d.approvalRef,
      approvalDate: d.approvalDate,
      note: d.note,
      actor: d.actor,
      updatedAtMs: d.updatedAtMs,
      stale: d.amountOre !== closing,
    });
  }

  const exceptions = new Map(
    db
      .select()
      .from(checklistExceptions)
      .where(eq(checklistExceptions.year, year))
      .all()
      .map((e) => [e.itemKey, { reason: e.reason, actor: e.actor, atMs: e.createdAtMs }] as const),
  );

  const deadlines = db
    .select({
      id: grantDeadlines.id,
      grantId: grantDeadlines.grantId,
      dueDate: grantDeadlines.dueDate,
      description: grantDeadlines.description,
      doneDate: grantDeadlines.doneDate,
    })
    .from(grantDeadlines)
    .orderBy(asc(grantDeadlines.dueDate), asc(grantDeadlines.id))
    .all()
    .filter((d) => d.doneDate === null && d.dueDate <= end);

  // One query: the movements of the year that have their «create» row in the change log.
  const auditedMovementIds = new Set<number>(
    db
      .select({ id: auditLog.entityId })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.entity, 'movement'),
          eq(auditLog.action, 'create'),
          inArray(
            auditLog.entityId,
            db
              .select({ id: movements.id })
              .from(movements)
              .where(and(gte(movements.date, start), lte(movements.date, end))),
          ),
        ),
      )
      .all()
      .map((r) => r.id),
  );

  const centreNames = new Map(
    db
      .select({ id: organisations.id, name: organisations.name })
      .from(organisations)
      .innerJoin(memberCentres, eq(memberCentres.organisationId, organisations.id))
      .all()
      .map((c) => [c.id, c.name] as const),
  );

  return {
    year,
    status: fy?.status ?? 'open',
    lockedByYear: lockingYear(db, year),
    closedAtMs: fy?.status === 'closed' ? fy.closedAtMs : null,
    closedBy: fy?.status === 'closed' ? fy.closedBy : null,
    closeReason: fy?.status === 'closed' ? fy.closeReason : null,
    events,
    grants: yearGrants,
    grantById,
    movementsInYear,
    allocations: yearAllocations,
    periods,
    decisions,
    exceptions,
    deadlines,
    auditedMovementIds,
    centreNames,
  };
}

/** Net of one movement type among a grant's movements up to and including `end`. */
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

/** The year-end checklist: every open point with its stable key and any confirmed exception. */
export function checklistOf(data: YearData): ChecklistItem[] {
  const { year } = data;
  const end = `${year}-12-31`;
  const items: Omit<ChecklistItem, 'exception'>[] = [];
  const base = { grantId: null, allocationId: null, amountOre: null };

  for (const y of data.grants) {
    const { g, balance } = y;
    if (g.kssRole === 'stottepartner') continue;
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
  }

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
    if (isReportOverdue(a, `${year + 1}-01-01`)) {
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

  for (const d of data.deadlines) {
    const g = data.grantById.get(d.grantId)?.g;
    items.push({
      ...base,
      key: checklistKey('deadline_overdue', d.id),
      kind: 'deadline_overdue',
      grantId: d.grantId,
      title: `«${g?.title ?? `tilskudd ${d.grantId}`}»: «${d.description}» hadde frist ${date(d.dueDate)}`,
      detail: 'Marker rapporten som levert, eller bekreft et unntak med begrunnelse.',
    });
  }

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
export function grantsInYear(data: YearData): YearGrant[] {
  return data.grants
    .filter((y) => y.inYear)
    .sort(
      (a, b) =>
        NAME_ORDER.compare(a.g.projectName, b.g.projectName) ||
        NAME_ORDER.compare(a.g.title, b.g.title) ||
        a.g.id - b.g.id,
    );
}

/** The overview the year-end page shows. */
export function overviewOf(data: YearData): YearEndOverview {
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
    priorYearCorrections: priorYearCorrectionsOf(data),
    canClose: data.status === 'open' && openItemCount === 0,
  };
}
