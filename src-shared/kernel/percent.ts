/**
 * Percentages are stored as basis points (1 % = 100 bp) so "7,5 %" stays exact.
 */

/** Parses "10", "7,5", "7.5 %", "12,25%" into basis points; null when not a percentage 0–100 with ≤ 2 decimals. */
export function parsePercentToBasisPoints(input: string): number | null {
  const s = input.replace(/[\s\u00a0%]/g, '').replace(',', '.');
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return bp <= 10000 ? bp : null;
}

/** 750 → "7,5 %", 1000 → "10 %". */
export function formatBasisPoints(bp: number): string {
  const whole = Math.floor(bp / 100);
  const frac = bp % 100;
  const text =
    frac === 0 ? String(whole) : `${whole},${String(frac).padStart(2, '0').replace(/0$/, '')}`;
  return `${text}\u00a0%`;
}
