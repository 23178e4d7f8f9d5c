/**
 * Grants awarded in EUR (issue 10.8): the award is kept in euro cents next to the NOK figure
 * the rules use, and each receipt records the euro cents received next to the NOK actually
 * booked (amount_ore). Balances, exports and the workbook stay in NOK.
 */
import { conflict } from '../../src-shared/api/errors';

/** The EUR award to store when awarding: required for a EUR grant, refused for a NOK grant. */
export function eurAwardOf(
  g: { currency: 'NOK' | 'EUR'; title: string },
  cents: number | null,
): number | null {
  if (g.currency === 'EUR' && cents === null) {
    throw conflict(
      `«${g.title}» er innvilget i euro: fyll ut innvilget beløp i euro i tillegg til kronebeløpet.`,
      [{ path: 'awardedEurCents', message: 'Innvilget beløp i euro må fylles ut.' }],
    );
  }
  if (g.currency === 'NOK' && cents !== null) {
    throw conflict(`«${g.title}» er i kroner: innvilget beløp i euro skal være tomt.`, [
      { path: 'awardedEurCents', message: 'Innvilget beløp i euro: skal være tomt.' },
    ]);
  }
  return cents;
}

/**
 * The euro cents of a movement: a receipt on a EUR grant must say how many euro came in
 * (the NOK amount is what the bank booked); other movements and NOK grants carry none.
 */
export function eurOfMovement(
  g: { currency: 'NOK' | 'EUR'; title: string },
  type: string,
  cents: number | null,
): number | null {
  if (g.currency === 'EUR' && type === 'received') {
    if (cents === null || cents <= 0) {
      throw conflict(
        `«${g.title}» er innvilget i euro: fyll ut beløpet i euro som kom inn, i tillegg til kronene som ble bokført.`,
        [{ path: 'amountEurCents', message: 'Beløp i euro må fylles ut.' }],
      );
    }
    return cents;
  }
  if (cents !== null) {
    throw conflict(
      g.currency === 'EUR'
        ? 'Beløp i euro føres bare for innbetalinger fra tilskuddsyteren.'
        : `«${g.title}» er i kroner: beløp i euro skal være tomt.`,
      [{ path: 'amountEurCents', message: 'Beløp i euro: skal være tomt.' }],
    );
  }
  return null;
}

/** A EUR grant's award and net receipts in both currencies (null for a grant in kroner). */
export interface EurSummary {
  awardedOre: number | null;
  awardedEurCents: number | null;
  receivedOre: number;
  receivedEurCents: number;
}

export function eurSummaryOf(
  g: { currency: 'NOK' | 'EUR'; awardedOre: number | null; awardedEurCents: number | null },
  ledger: readonly { type: string; amountOre: number; amountEurCents: number | null }[],
): EurSummary | null {
  if (g.currency !== 'EUR') return null;
  let receivedOre = 0;
  let receivedEurCents = 0;
  for (const m of ledger) {
    if (m.type !== 'received') continue;
    receivedOre += m.amountOre;
    receivedEurCents += m.amountEurCents ?? 0;
  }
  return {
    awardedOre: g.awardedOre,
    awardedEurCents: g.awardedEurCents,
    receivedOre,
    receivedEurCents,
  };
}

/** The currency is part of the award: it cannot change once the grant is awarded. */
export function assertCurrencyKept(
  before: { currency: 'NOK' | 'EUR'; awardedOre: number | null; title: string },
  next: 'NOK' | 'EUR',
): void {
  if (before.awardedOre === null || before.currency === next) return;
  throw conflict(
    `«${before.title}» er innvilget i ${before.currency === 'EUR' ? 'euro' : 'kroner'}; valutaen kan ikke endres etter vedtaket.`,
    [{ path: 'currency', message: 'Valuta: kan ikke endres etter vedtaket.' }],
  );
}
