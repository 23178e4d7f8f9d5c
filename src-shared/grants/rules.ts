/**
 * Pure grant arithmetic shared by services and UI, so a form previews exactly what the
 * service computes: the movement ledger's signs, year balances (invariant 2 of docs/DOMAIN.md), the
 * administration share rule, per-year splits and the grant status life-cycle.
 */
import { shareOfBasisPoints, splitLargestRemainder, type Ore } from '../kernel/money';

export const FUNDER_TYPES = [
  'departement',
  'direktorat',
  'stiftelse',
  'forskningsrad',
  'internasjonal',
  'kommune',
  'annen',
] as const;
export type FunderType = (typeof FUNDER_TYPES)[number];

export const PROJECT_KINDS = ['prosjekt', 'tiltak'] as const;
export type ProjectKind = (typeof PROJECT_KINDS)[number];

/** KSS's role in a project decides how money flows. */
export const KSS_ROLES = ['eier', 'partner', 'forvalter', 'stottepartner'] as const;
export type KssRole = (typeof KSS_ROLES)[number];

export const PROJECT_STATUSES = ['aktiv', 'avsluttet'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export const GRANT_STATUSES = [
  'utkast',
  'sokt',
  'innvilget',
  'delvis_innvilget',
  'avslatt',
  'trukket',
  'avsluttet',
] as const;
export type GrantStatus = (typeof GRANT_STATUSES)[number];

/** The only status changes that make sense; anything else is refused. */
export const GRANT_TRANSITIONS: Record<GrantStatus, readonly GrantStatus[]> = {
  utkast: ['sokt', 'trukket'],
  sokt: ['innvilget', 'delvis_innvilget', 'avslatt', 'trukket'],
  innvilget: ['avsluttet'],
  delvis_innvilget: ['avsluttet'],
  avslatt: [],
  trukket: [],
  avsluttet: [],
};

export function canTransition(from: GrantStatus, to: GrantStatus): boolean {
  return GRANT_TRANSITIONS[from].includes(to);
}

/** Statuses in which money has been granted and movements may be recorded. */
export const AWARDED_STATUSES: readonly GrantStatus[] = ['innvilget', 'delvis_innvilget'];

export const ADMIN_RULES = ['none', 'percent', 'fixed'] as const;
export type AdminRule = (typeof ADMIN_RULES)[number];

export interface AdminShareRule {
  adminRule: AdminRule;
  adminBasisPoints: number | null;
  adminFixedOre: number | null;
}

/**
 * The administration share KSS keeps. Percent: of the base (what comes to KSS: the award,
 * or KSS's part for "partner med andel"), rounded half away from zero to whole øre.
 * Fixed: the fixed amount. None: 0.
 */
export function adminShareOf(rule: AdminShareRule, baseOre: number): Ore {
  switch (rule.adminRule) {
    case 'percent':
      return shareOfBasisPoints(baseOre, rule.adminBasisPoints ?? 0);
    case 'fixed':
      return (rule.adminFixedOre ?? 0) as Ore;
    default:
      return 0 as Ore;
  }
}

export const MOVEMENT_TYPES = [
  'received',
  'admin_share',
  'own_costs',
  'repaid',
  'transfer_in',
  'transfer_out',
  'paid_to_centre',
  'returned_by_centre',
] as const;
export type MovementType = (typeof MOVEMENT_TYPES)[number];

/** Types a user records directly on a grant (transfers and centre payouts have their own calls). */
export const DIRECT_MOVEMENT_TYPES = ['received', 'admin_share', 'own_costs', 'repaid'] as const;
export type DirectMovementType = (typeof DIRECT_MOVEMENT_TYPES)[number];

/** +1: money into the grant's balance, −1: money out of it. */
export const MOVEMENT_SIGN: Record<MovementType, 1 | -1> = {
  received: 1,
  transfer_in: 1,
  returned_by_centre: 1,
  admin_share: -1,
  paid_to_centre: -1,
  own_costs: -1,
  repaid: -1,
  transfer_out: -1,
};

export interface LedgerEntry {
  date: string;
  type: MovementType;
  /** Positive for ordinary movements, negative for reversals. */
  amountOre: number;
}

export interface YearBalance {
  year: number;
  openingOre: number;
  receivedOre: number;
  transferInOre: number;
  adminShareOre: number;
  paidToCentresOre: number;
  ownCostsOre: number;
  returnedOre: number;
  repaidOre: number;
  transferOutOre: number;
  closingOre: number;
}

const FIELD: Record<MovementType, keyof Omit<YearBalance, 'year' | 'openingOre' | 'closingOre'>> = {
  received: 'receivedOre',
  transfer_in: 'transferInOre',
  admin_share: 'adminShareOre',
  paid_to_centre: 'paidToCentresOre',
  own_costs: 'ownCostsOre',
  returned_by_centre: 'returnedOre',
  repaid: 'repaidOre',
  transfer_out: 'transferOutOre',
};

/** Signed effect of one movement on the balance. */
export function signedAmount(entry: LedgerEntry): number {
  return MOVEMENT_SIGN[entry.type] * entry.amountOre;
}

/**
 * Invariant 2, per fiscal year: opening + received + transferred in − admin share − paid to
 * centres − own costs + returned by centres − repaid − transferred out = closing; the closing
 * balance of year Y is the opening balance of Y+1. Returns one row per year from the first
 * movement's year (or `fromYear`) to `toYear` (or the last movement's year).
 */
export function yearBalances(
  entries: readonly LedgerEntry[],
  range: { fromYear?: number; toYear?: number } = {},
): YearBalance[] {
  const years = entries.map((e) => Number(e.date.slice(0, 4)));
  const first = range.fromYear ?? (years.length ? Math.min(...years) : undefined);
  const last = range.toYear ?? (years.length ? Math.max(...years) : undefined);
  if (first === undefined || last === undefined || last < first) return [];
  const rows: YearBalance[] = [];
  let opening = 0;
  for (const e of entries) {
    if (Number(e.date.slice(0, 4)) < first) opening += signedAmount(e);
  }
  for (let year = first; year <= last; year++) {
    const row: YearBalance = {
      year,
      openingOre: opening,
      receivedOre: 0,
      transferInOre: 0,
      adminShareOre: 0,
      paidToCentresOre: 0,
      ownCostsOre: 0,
      returnedOre: 0,
      repaidOre: 0,
      transferOutOre: 0,
      closingOre: 0,
    };
    for (const e of entries) {
      if (Number(e.date.slice(0, 4)) === year) row[FIELD[e.type]] += e.amountOre;
    }
    row.closingOre = closingOf(row);
    rows.push(row);
    opening = row.closingOre;
  }
  return rows;
}

/** The closing balance exactly as invariant 2 states it. */
export function closingOf(row: Omit<YearBalance, 'year' | 'closingOre'>): number {
  return (
    row.openingOre +
    row.receivedOre +
    row.transferInOre -
    row.adminShareOre -
    row.paidToCentresOre -
    row.ownCostsOre +
    row.returnedOre -
    row.repaidOre -
    row.transferOutOre
  );
}

/** Splits an award evenly over the given years, exact to the øre (earlier years get the extra øre). */
export function splitAcrossYears(totalOre: number, years: readonly number[]) {
  const parts = splitLargestRemainder(
    totalOre,
    years.map(() => 1),
  );
  return years.map((year, i) => ({ year, amountOre: parts[i] ?? 0 }));
}

/** Years covered by a period (inclusive), e.g. 2023-01-01..2024-12-31 → [2023, 2024]. */
export function yearsOfPeriod(from: string | null, to: string | null): number[] {
  if (!from) return [];
  const a = Number(from.slice(0, 4));
  const b = to ? Number(to.slice(0, 4)) : a;
  const out: number[] = [];
  for (let y = a; y <= b; y++) out.push(y);
  return out;
}

/** What decides a grant's money: the project's role and the award. */
export interface GrantMoneyBasis extends AdminShareRule {
  kssRole: KssRole;
  awardedOre: number | null;
  kssShareOre: number | null;
}

/**
 * What the admin share is computed from: KSS's part for "partner med andel" when it is set,
 * otherwise the award (0 before the award, and always 0 for a støttepartner project).
 */
export function adminBaseOf(g: GrantMoneyBasis): Ore {
  if (g.kssRole === 'stottepartner') return 0 as Ore;
  if (g.kssRole === 'partner' && g.kssShareOre !== null) return g.kssShareOre as Ore;
  return (g.awardedOre ?? 0) as Ore;
}

export interface GrantMoney {
  baseOre: number;
  adminShareOre: number;
  transferInOre: number;
  transferOutOre: number;
  allocatedOre: number;
  availableOre: number;
}

/**
 * A grant's money at a glance. Available to allocate = base + transfers in − admin share −
 * allocated (invariant 3 says it may not go below 0). Transfers are net of reversals.
 */
export function grantMoneyOf(
  g: GrantMoneyBasis,
  entries: readonly LedgerEntry[],
  allocatedOre = 0,
): GrantMoney {
  const baseOre = adminBaseOf(g);
  const adminShareOre = g.kssRole === 'stottepartner' ? 0 : adminShareOf(g, baseOre);
  let transferInOre = 0;
  let transferOutOre = 0;
  for (const e of entries) {
    if (e.type === 'transfer_in') transferInOre += e.amountOre;
    if (e.type === 'transfer_out') transferOutOre += e.amountOre;
  }
  return {
    baseOre,
    adminShareOre,
    transferInOre,
    transferOutOre,
    allocatedOre,
    availableOre: baseOre + transferInOre - adminShareOre - allocatedOre,
  };
}

/** Net amount of one movement type (ordinary movements minus their reversals). */
export function netOfType(entries: readonly LedgerEntry[], type: MovementType): number {
  let total = 0;
  for (const e of entries) if (e.type === type) total += e.amountOre;
  return total;
}
