/**
 * Key-figure values are exact decimals, never floats: «5 137», «1 123 673», «12,5», «−3».
 * Stored as an integer and a scale (value = units / 10^scale) so nothing is rounded on the
 * way in or out; shown the nb-NO way with no-break-space grouping and a decimal comma.
 */

/** At most four decimals (a percentage such as 12,25 % needs two). */
export const MAX_KEY_FIGURE_SCALE = 4;
/** Largest absolute value of `units`: well inside 2^53, so every stored value is exact. */
export const MAX_KEY_FIGURE_UNITS = 1_000_000_000_000_000;

export interface DecimalValue {
  units: number;
  scale: number;
}

const SPACES = /[\s\u00a0\u202f\u2009]/g;
const DECIMAL = /^([-+\u2212]?)(\d+)(?:[.,](\d+))?$/;

/**
 * Parses «5 137», «1 123 673», «12,5», «12.5», «-3», «−3». Trailing zeros in the decimals are
 * dropped (12,50 → 12,5). Null when the text is not such a number, has more than four
 * decimals or is too large.
 */
export function parseDecimal(text: string): DecimalValue | null {
  const trimmed = text.trim();
  // Spaces may only group thousands: «5 137», not «51 37».
  const wholePart = trimmed.replace(/^[-+\u2212]\s*/, '').split(/[.,]/)[0] ?? '';
  if (
    /[\s\u00a0\u202f\u2009]/.test(wholePart) &&
    !/^\d{1,3}([\s\u00a0\u202f\u2009]\d{3})*$/.test(wholePart)
  ) {
    return null;
  }
  const compact = trimmed.replace(SPACES, '');
  const m = DECIMAL.exec(compact);
  if (!m) return null;
  const [, sign = '', whole = '', rawDecimals = ''] = m;
  const decimals = rawDecimals.replace(/0+$/, '');
  if (decimals.length > MAX_KEY_FIGURE_SCALE) return null;
  const digits = (whole + decimals).replace(/^0+(?=\d)/, '');
  if (digits.length > 16) return null;
  const abs = Number(digits);
  if (!Number.isSafeInteger(abs) || abs > MAX_KEY_FIGURE_UNITS) return null;
  const negative = (sign === '-' || sign === '\u2212') && abs !== 0;
  return { units: negative ? -abs : abs, scale: decimals.length };
}

/** The canonical text of a value, as the API returns it: «5137», «12.5», «-3». */
export function decimalToString({ units, scale }: DecimalValue): string {
  const negative = units < 0;
  const digits = String(Math.abs(units)).padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const decimals = scale > 0 ? `.${digits.slice(digits.length - scale)}` : '';
  return `${negative ? '-' : ''}${whole}${decimals}`;
}

/** «5137» → «5 137», «1123673.5» → «1 123 673,5», «-3» → «−3» (no-break spaces). */
export function formatDecimal(canonical: string): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(canonical);
  if (!m) return canonical;
  const [, sign = '', whole = '', decimals] = m;
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  return `${sign ? '\u2212' : ''}${grouped}${decimals ? `,${decimals}` : ''}`;
}
