/**
 * Plausibility on a grant's ledger (issue 10.2): figures that are allowed by the ledger's
 * hard rules but are almost certainly a typing mistake or a missing record. The movement
 * dialog warns before saving (the user may go on with a reason) and the year-end checklist
 * lists each one until it is resolved or confirmed. Pure: the service, the checklist and the
 * tests compute exactly the same findings.
 */
import { formatOre } from '../kernel/money';
import {
  grantMoneyOf,
  netOfType,
  yearBalances,
  type GrantMoneyBasis,
  type LedgerEntry,
} from './rules';
import { formatEurCents } from '../kernel/euro';

export const PLAUSIBILITY_KINDS = [
  /** Received from the funder (net of reversals) above awarded + transfers in. */
  'received_above_award',
  /** Admin share transferred (net) above the amount by the grant's rule. */
  'admin_share_above_rule',
  /** Paid to a centre (net of reversals) above what its round decided. */
  'payout_above_decided',
  /** A closing balance below zero at the end of a year. */
  'negative_balance',
] as const;
export type PlausibilityKind = (typeof PLAUSIBILITY_KINDS)[number];

export interface PlausibilityFinding {
  kind: PlausibilityKind;
  /** The allocation a payout finding is about; null otherwise. */
  allocationId: number | null;
  /** How much the figure is above what it may be (for a negative balance: how far below 0). */
  excessOre: number;
  message: string;
}

export type PlausibilityLedgerEntry = LedgerEntry & {
  allocationId?: number | null;
  /** For a grant awarded in EUR: the euro cents of a receipt (the NOK booked is amountOre). */
  amountEurCents?: number | null;
};

/** What a EUR grant was awarded in euro cents; the NOK figure is only the estimate then. */
interface EuroBasis {
  currency?: string;
  awardedEurCents?: number | null;
}

/**
 * «Received above awarded» for a grant awarded in EUR is judged in euro: the kroner booked
 * follow the exchange rate on the day, so a receipt of exactly the awarded euros may book a
 * few kroner more than the award's NOK estimate without anything being wrong.
 */
function receivedAboveEuroAward(
  grant: EuroBasis & { title: string },
  ledger: readonly PlausibilityLedgerEntry[],
): PlausibilityFinding | null {
  const awarded = grant.awardedEurCents ?? 0;
  const received = ledger
    .filter((e) => e.type === 'received')
    .reduce((sum, e) => sum + (e.amountEurCents ?? 0), 0);
  if (received <= awarded) return null;
  const eur = (cents: number) => formatEurCents(cents);
  return {
    kind: 'received_above_award',
    allocationId: null,
    excessOre: 0,
    message: `«${grant.title}»: mottatt fra tilskuddsyter (${eur(received)}) er mer enn innvilget (${eur(awarded)}); ${eur(received - awarded)} for mye. Sjekk beløpet.`,
  };
}

export interface PlausibilityAllocation {
  id: number;
  awardedOre: number | null;
  centreName: string;
  roundName: string;
}

const kr = (ore: number) => formatOre(ore);

/**
 * Every finding on the ledger as it stands. `years` limits the negative-balance check to the
 * closing balances of those years (all years of the ledger by default).
 */
export function plausibilityFindings(
  grant: GrantMoneyBasis & EuroBasis & { title: string },
  ledger: readonly PlausibilityLedgerEntry[],
  allocations: readonly PlausibilityAllocation[],
  years: { fromYear?: number; toYear?: number } = {},
): PlausibilityFinding[] {
  if (grant.kssRole === 'stottepartner') return [];
  const out: PlausibilityFinding[] = [];
  const money = grantMoneyOf(grant, ledger);
  const received = netOfType(ledger, 'received');
  const allowed = money.baseOre + money.transferInOre;
  const inEuro = grant.currency === 'EUR' && grant.awardedEurCents != null;
  const euroFinding = inEuro ? receivedAboveEuroAward(grant, ledger) : null;
  if (euroFinding) out.push(euroFinding);
  if (!inEuro && received > allowed) {
    const what =
      money.transferInOre !== 0
        ? `innvilget pluss overført inn (${kr(money.baseOre)} + ${kr(money.transferInOre)} = ${kr(allowed)})`
        : `innvilget (${kr(allowed)})`;
    out.push({
      kind: 'received_above_award',
      allocationId: null,
      excessOre: received - allowed,
      message: `«${grant.title}»: mottatt fra tilskuddsyter (${kr(received)}) er mer enn ${what}; ${kr(received - allowed)} for mye. Sjekk beløpet.`,
    });
  }
  const adminShare = netOfType(ledger, 'admin_share');
  if (adminShare > money.adminShareOre) {
    out.push({
      kind: 'admin_share_above_rule',
      allocationId: null,
      excessOre: adminShare - money.adminShareOre,
      message: `«${grant.title}»: overført administrasjonsandel (${kr(adminShare)}) er mer enn andelen etter tilskuddets regel (${kr(money.adminShareOre)}); ${kr(adminShare - money.adminShareOre)} for mye.`,
    });
  }
  const paid = new Map<number, number>();
  for (const e of ledger) {
    if (e.type === 'paid_to_centre' && e.allocationId != null) {
      paid.set(e.allocationId, (paid.get(e.allocationId) ?? 0) + e.amountOre);
    }
  }
  for (const a of allocations) {
    const total = paid.get(a.id) ?? 0;
    const decided = a.awardedOre ?? 0;
    if (total > decided) {
      out.push({
        kind: 'payout_above_decided',
        allocationId: a.id,
        excessOre: total - decided,
        message: `${a.centreName}: utbetalt ${kr(total)} fra «${grant.title}», men «${a.roundName}» vedtok ${kr(decided)}; ${kr(total - decided)} for mye.`,
      });
    }
  }
  const negative = yearBalances(ledger, years).find((r) => r.closingOre < 0);
  if (negative) {
    out.push({
      kind: 'negative_balance',
      allocationId: null,
      excessOre: -negative.closingOre,
      message: `«${grant.title}»: saldoen er negativ ved utgangen av ${negative.year} (${kr(negative.closingOre)}).`,
    });
  }
  return out;
}

/** Findings that `after` has and `before` had not, or that grew (what a new movement causes). */
export function newFindings(
  before: readonly PlausibilityFinding[],
  after: readonly PlausibilityFinding[],
): PlausibilityFinding[] {
  const key = (f: PlausibilityFinding) => `${f.kind}:${f.allocationId ?? ''}`;
  const was = new Map(before.map((f) => [key(f), f.excessOre]));
  return after.filter((f) => f.excessOre > (was.get(key(f)) ?? 0));
}
