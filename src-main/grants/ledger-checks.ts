/**
 * The checks a movement passes before it is saved, on the grant's ledger summed per year and
 * type (`ledgerSums` in queries.ts), so their cost does not grow with the grant's number of
 * movements: no negative year-end balance (invariant 2 of docs/DOMAIN.md), the admin share
 * within the grant's rule, and plausibility warnings acknowledged with a reason.
 */
import { conflict } from '../../src-shared/api/errors';
import { yearOf } from '../../src-shared/kernel/dates';
import { formatOre } from '../../src-shared/kernel/money';
import {
  grantMoneyOf,
  netOfType,
  signedAmount,
  yearBalances,
  type LedgerEntry,
} from '../../src-shared/grants/rules';
import {
  newFindings,
  plausibilityFindings,
  type PlausibilityFinding,
  type PlausibilityLedgerEntry,
} from '../../src-shared/grants/plausibility';
import { acknowledged } from './plausibility-check';
import { MOVEMENT_LABEL, type GrantRow } from './queries';

const kr = (ore: number) => formatOre(ore);

/**
 * Refuses movements that would leave the grant below zero at the end of a year, from the
 * earliest added movement's year on. The message names the shortfall.
 */
export function assertBalanceHolds(
  g: { title: string },
  ledger: readonly LedgerEntry[],
  added: LedgerEntry | readonly LedgerEntry[],
  what: string,
): void {
  const list: readonly LedgerEntry[] = Array.isArray(added) ? added : [added as LedgerEntry];
  if (list.length === 0) return;
  const fromYear = Math.min(...list.map((e) => yearOf(e.date)));
  const rows = yearBalances([...ledger, ...list], { fromYear });
  const short = rows.find((r) => r.closingOre < 0);
  if (short) {
    const amount = Math.abs(list.reduce((sum, e) => sum + e.amountOre, 0));
    throw conflict(
      `${what} (${kr(amount)}) gir negativ saldo på «${g.title}» ved utgangen av ${short.year}: saldoen blir ${kr(short.closingOre)}, det mangler ${kr(-short.closingOre)}.`,
      [{ path: 'amountOre', message: `Beløp: ${kr(-short.closingOre)} mer enn saldoen.` }],
    );
  }
}

/** The admin share transferred in all may not exceed the share by the grant's rule. */
export function assertAdminShareLeft(
  g: GrantRow,
  sums: readonly LedgerEntry[],
  amountOre: number,
  path: string,
  label: string,
): void {
  const share = grantMoneyOf(g, sums).adminShareOre;
  const total = netOfType(sums, 'admin_share') + amountOre;
  if (total > share) {
    throw conflict(
      `Administrasjonsandel overført (samlet ${kr(total)}) kan ikke overstige administrasjonsandelen etter tilskuddets regel (${kr(share)}); det er ${kr(total - share)} for mye.`,
      [{ path, message: `${label}: ${kr(total - share)} for mye.` }],
    );
  }
}

/**
 * The plausibility warnings a direct movement newly causes, judged on the ledger's sums per
 * year and type (the same findings as on the full ledger: a direct movement cannot change a
 * payout to a centre, so those findings are the same before and after and never new).
 */
export function directWarnings(
  g: GrantRow,
  sums: readonly PlausibilityLedgerEntry[],
  added: readonly PlausibilityLedgerEntry[],
): PlausibilityFinding[] {
  const fromYear = Math.min(...added.map((e) => yearOf(e.date)));
  const before = plausibilityFindings(g, sums, [], { fromYear });
  const after = plausibilityFindings(g, [...sums, ...added], [], { fromYear });
  return newFindings(before, after);
}

/**
 * The checks a direct movement (received, admin share, own costs, repaid) passes before it
 * is saved: admin share within the rule, no negative year-end balance from its year on,
 * warnings acknowledged with a reason. `sums` is the grant's ledger without the new entry.
 */
export function checkDirect(
  g: GrantRow,
  sums: readonly PlausibilityLedgerEntry[],
  entry: PlausibilityLedgerEntry,
  input: { acknowledgeWarnings: boolean; reason: string | null },
  amountPath: string,
): string | null {
  if (entry.type === 'admin_share') {
    assertAdminShareLeft(
      g,
      sums,
      entry.amountOre,
      amountPath,
      amountPath === 'amountOre' ? 'Beløp' : 'Riktig beløp',
    );
  }
  if (signedAmount(entry) < 0) assertBalanceHolds(g, sums, entry, MOVEMENT_LABEL[entry.type]);
  return acknowledged(directWarnings(g, sums, [entry]), input);
}
