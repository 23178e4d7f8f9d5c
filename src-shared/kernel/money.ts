/**
 * Money is integer øre end to end. These helpers parse what people type
 * ("1 945 000", "1945000,50", "−500", "1.234,56") without ever going through
 * a float, and format amounts the nb-NO way ("1 945 000 kr" with no-break spaces).
 */

declare const oreBrand: unique symbol;
/** An amount in whole øre (1 kr = 100 øre). Always a safe integer. */
export type Ore = number & { readonly [oreBrand]: true };

/** The largest amount we accept: 10 000 000 000 kr, far above any grant, well inside 2^53. */
export const MAX_ABS_ORE = 1_000_000_000_000;

export const NBSP = '\u00a0';
export const MINUS = '\u2212';

export function ore(value: number): Ore {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`Not a whole number of øre: ${value}`);
  }
  return value as Ore;
}

export function kroner(kr: number): Ore {
  return ore(kr * 100);
}

export type ParseResult = { ok: true; value: Ore } | { ok: false; reason: ParseFailure };
export type ParseFailure = 'empty' | 'format' | 'decimals' | 'range';

const SPACES = /[\s\u00a0\u202f\u2009]/g;

/**
 * Parses a kroner amount as typed by a Norwegian user or found in a spreadsheet.
 * Accepts: grouping by spaces (incl. no-break), by dots ("1.234.567"), decimal comma
 * or dot with at most two decimals, a leading "-", "−" (U+2212) or "+", and "kr" before or after.
 */
export function parseKroner(input: string): ParseResult {
  if (!spacesGroupThousands(input)) return { ok: false, reason: 'format' };
  let s = input.replace(SPACES, '');
  // "kr 100", "100 kr", "100,-" and "100,- kr" (the suffixes can come together).
  s = s.replace(/^kr\.?/i, '').replace(/(?:,[-–])?(?:kr\.?)?$/i, '');
  if (s === '') return { ok: false, reason: 'empty' };
  let negative = false;
  if (/^[-\u2212+]/.test(s)) {
    negative = s[0] !== '+';
    s = s.slice(1);
  }
  if (s === '') return { ok: false, reason: 'format' };

  let intPart: string;
  let fracPart = '';
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  if (lastComma >= 0 && lastDot >= 0) {
    // Both present: the one that comes last is the decimal separator.
    const decimalAt = Math.max(lastComma, lastDot);
    const groupSep = decimalAt === lastComma ? '.' : ',';
    intPart = s.slice(0, decimalAt);
    fracPart = s.slice(decimalAt + 1);
    if (!isGrouped(intPart, groupSep)) return { ok: false, reason: 'format' };
    intPart = intPart.split(groupSep).join('');
  } else if (lastComma >= 0) {
    if (s.indexOf(',') !== lastComma) return { ok: false, reason: 'format' };
    intPart = s.slice(0, lastComma);
    fracPart = s.slice(lastComma + 1);
  } else if (lastDot >= 0) {
    const parts = s.split('.');
    const last = parts[parts.length - 1] ?? '';
    if (parts.length > 2 || last.length === 3) {
      // "1.234" and "1.234.567" are Norwegian thousands grouping.
      if (!isGrouped(s, '.')) return { ok: false, reason: 'format' };
      intPart = parts.join('');
    } else {
      intPart = parts[0] ?? '';
      fracPart = last;
    }
  } else {
    intPart = s;
  }
  if (intPart === '') intPart = '0';
  if (!/^\d+$/.test(intPart) || !/^\d*$/.test(fracPart)) return { ok: false, reason: 'format' };
  if (fracPart.length > 2) return { ok: false, reason: 'decimals' };
  if (intPart.length > 13) return { ok: false, reason: 'range' };
  const whole = Number(intPart) * 100 + Number(fracPart.padEnd(2, '0'));
  if (whole > MAX_ABS_ORE) return { ok: false, reason: 'range' };
  return { ok: true, value: ore(negative && whole !== 0 ? -whole : whole) };
}

/** Spaces inside the whole-kroner digits must group thousands: "1 945 000", not "1 9 4 5". */
function spacesGroupThousands(input: string): boolean {
  const run = /^\s*(?:kr\.?)?\s*[-\u2212+]?\s*([\d\s\u00a0\u202f\u2009]+)/i.exec(input)?.[1];
  if (!run) return true;
  const groups = run.trim().split(/[\s\u00a0\u202f\u2009]+/);
  if (groups.length < 2) return true;
  const [first, ...rest] = groups;
  return /^\d{1,3}$/.test(first ?? '') && rest.every((g) => /^\d{3}$/.test(g));
}

function isGrouped(intPart: string, sep: string): boolean {
  if (!intPart.includes(sep)) return /^\d+$/.test(intPart);
  const groups = intPart.split(sep);
  const [first, ...rest] = groups;
  return first !== undefined && /^\d{1,3}$/.test(first) && rest.every((g) => /^\d{3}$/.test(g));
}

function groupDigits(digits: string): string {
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += NBSP;
    out += digits[i];
  }
  return out;
}

export interface FormatOptions {
  /** 'auto' shows øre only when there are any; 'always' always shows two decimals; 'never' rounds to whole kroner. */
  decimals?: 'auto' | 'always' | 'never';
  /** Append " kr" (default true). */
  unit?: boolean;
}

/** Formats øre as nb-NO kroner: `1 945 000 kr`, `−500 kr`, `1 945 000,50 kr`. */
export function formatOre(value: number, options: FormatOptions = {}): string {
  const { decimals = 'auto', unit = true } = options;
  // Amounts are whole øre; round defensively so a stray fraction never prints as "0,10.5".
  let abs = Math.abs(Math.round(value));
  let negative = value < 0;
  if (decimals === 'never') {
    abs = Math.round(abs / 100) * 100;
    if (abs === 0) negative = false;
  }
  const kr = Math.floor(abs / 100);
  const rest = abs % 100;
  let text = groupDigits(String(kr));
  if (decimals === 'always' || (decimals === 'auto' && rest !== 0)) {
    text += ',' + String(rest).padStart(2, '0');
  }
  if (negative) text = MINUS + text;
  return unit ? `${text}${NBSP}kr` : text;
}

/** Formats øre for an input field: no unit, no grouping symbols that confuse editing beyond spaces. */
export function formatOreForInput(value: number): string {
  return formatOre(value, { unit: false });
}

/** Sums amounts exactly (they are integers, but this guards against unsafe totals). */
export function sumOre(values: readonly number[]): Ore {
  let total = 0;
  for (const v of values) total += v;
  return ore(total);
}

/**
 * Splits `total` øre in proportion to `weights` so that the parts sum exactly to `total`
 * (largest remainder method; ties go to the earlier entry). Weights must be ≥ 0; if all are 0
 * the split is equal.
 */
export function splitLargestRemainder(total: number, weights: readonly number[]): Ore[] {
  if (weights.length === 0) return [];
  if (!Number.isSafeInteger(total)) throw new RangeError('total must be whole øre');
  if (weights.some((w) => w < 0 || !Number.isFinite(w))) {
    throw new RangeError('weights must be non-negative');
  }
  const sign = total < 0 ? -1n : 1n;
  const absTotal = BigInt(Math.abs(total));
  const allZero = weights.every((w) => w === 0);
  const ws = weights.map((w) => (allZero ? 1n : BigInt(Math.round(w))));
  const weightSum = ws.reduce((a, b) => a + b, 0n);
  if (weightSum === 0n) {
    // Non-zero weights that round to 0 (fractions) are not supported: weights are øre or counts.
    throw new RangeError('weights must contain a whole positive number');
  }
  const floors = ws.map((w) => (absTotal * w) / weightSum);
  const remainders = ws.map((w, i) => ({ i, r: (absTotal * w) % weightSum, f: floors[i] ?? 0n }));
  let left = absTotal - floors.reduce((a, b) => a + b, 0n);
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  const result = [...floors];
  for (const { i } of remainders) {
    if (left === 0n) break;
    result[i] = (result[i] ?? 0n) + 1n;
    left -= 1n;
  }
  return result.map((v) => ore(Number(v * sign)));
}

/**
 * A percentage share, given in basis points (1 % = 100 bp), of an amount in øre.
 * Rounding rule (documented, used everywhere): half an øre rounds away from zero.
 */
export function shareOfBasisPoints(amount: number, basisPoints: number): Ore {
  if (!Number.isSafeInteger(amount) || !Number.isSafeInteger(basisPoints)) {
    throw new RangeError('amount and basis points must be integers');
  }
  const product = BigInt(amount) * BigInt(basisPoints);
  const neg = product < 0n;
  const abs = neg ? -product : product;
  const q = abs / 10000n;
  const r = abs % 10000n;
  const rounded = r * 2n >= 10000n ? q + 1n : q;
  return ore(Number(neg ? -rounded : rounded));
}
