/**
 * Norwegian organisation numbers (organisasjonsnummer): nine digits, the last a
 * MOD11 check digit with weights 3 2 7 6 5 4 3 2.
 */

const WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2];

/** Removes the spaces people type ("974 760 673"). */
export function normaliseOrgNumber(input: string): string {
  return input.replace(/[\s\u00a0]/g, '');
}

export function isValidOrgNumber(input: string): boolean {
  const s = normaliseOrgNumber(input);
  if (!/^\d{9}$/.test(s)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(s[i]) * (WEIGHTS[i] ?? 0);
  const rest = sum % 11;
  const check = rest === 0 ? 0 : 11 - rest;
  if (check === 10) return false;
  return check === Number(s[8]);
}

/** '974760673' → '974 760 673'. */
export function formatOrgNumber(value: string): string {
  const s = normaliseOrgNumber(value);
  return s.length === 9 ? `${s.slice(0, 3)} ${s.slice(3, 6)} ${s.slice(6)}` : value;
}
