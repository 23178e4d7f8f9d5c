/**
 * Euro amounts are integer cents end to end (issue 10.8), parsed without floats the same way
 * as kroner (see money.ts) and formatted nb-NO: «12 345,67 €». The NOK actually booked stays
 * in øre; the rate a receipt implies is NOK øre / EUR cents, shown with four decimals.
 */
import { MINUS, NBSP, parseKroner, type ParseResult } from './money';

/** Parses «12 345,67», «12 345,67 €», «EUR 100», «€100» into cents. */
export function parseEuro(input: string): ParseResult {
  const stripped = input
    .replace(/^\s*(?:€|eur)\s*/i, '')
    .replace(/\s*(?:€|eur)\s*$/i, '')
    .trim();
  if (/kr/i.test(stripped)) return { ok: false, reason: 'format' };
  return parseKroner(stripped);
}

function group(digits: string): string {
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += NBSP;
    out += digits[i];
  }
  return out;
}

/** Formats cents as «12 345,67 €» (always two decimals; «−» for negatives). */
export function formatEurCents(cents: number, options: { unit?: boolean } = {}): string {
  const abs = Math.abs(Math.round(cents));
  const text = `${cents < 0 ? MINUS : ''}${group(String(Math.floor(abs / 100)))},${String(abs % 100).padStart(2, '0')}`;
  return options.unit === false ? text : `${text}${NBSP}€`;
}

/**
 * The exchange rate a booking implies (NOK per EUR), rounded half up to four decimals, as
 * a string «11,4523». Null when there are no cents.
 */
export function impliedRate(nokOre: number, eurCents: number): string | null {
  if (eurCents === 0) return null;
  const neg = nokOre < 0 !== eurCents < 0;
  const n = BigInt(Math.abs(nokOre)) * 10000n;
  const d = BigInt(Math.abs(eurCents));
  const q = (n * 2n + d) / (2n * d);
  const whole = q / 10000n;
  const frac = String(q % 10000n).padStart(4, '0');
  return `${neg ? MINUS : ''}${whole},${frac}`;
}
