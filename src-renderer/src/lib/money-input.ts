/**
 * Turns what the user typed in money fields into øre before the schema sees it, so a
 * mistyped amount gets a message naming the field and nothing is sent.
 */
import { formatOre, parseKroner } from '../../../src-shared/kernel/money';
import { parsePercentToBasisPoints } from '../../../src-shared/kernel/percent';
import type { FieldErrors } from './form';

export function amountMessage(label: string, reason: string): string {
  if (reason === 'decimals') return `${label} kan ha høyst to desimaler (øre).`;
  if (reason === 'range') return `${label} er for stort.`;
  return `${label} må være et beløp, for eksempel 1 945 000 eller 1945000,50.`;
}

/**
 * Parses the listed text fields as kroner. Blank → null. Returns the øre values and any
 * errors keyed by field name.
 */
export function parseAmounts<K extends string>(
  values: Record<K, string>,
  labels: Record<K, string>,
): { amounts: Record<K, number | null>; errors: FieldErrors } {
  const amounts = {} as Record<K, number | null>;
  const errors: FieldErrors = {};
  for (const key of Object.keys(labels) as K[]) {
    const text = values[key].trim();
    if (text === '') {
      amounts[key] = null;
      continue;
    }
    const parsed = parseKroner(text);
    if (parsed.ok) amounts[key] = parsed.value;
    else {
      amounts[key] = null;
      errors[key] = amountMessage(labels[key], parsed.reason);
    }
  }
  return { amounts, errors };
}

export function percentField(
  text: string,
  label: string,
): { value: number | null; error: string | null } {
  if (text.trim() === '') return { value: null, error: null };
  const bp = parsePercentToBasisPoints(text);
  return bp === null
    ? { value: null, error: `${label} må være en prosent mellom 0 og 100, for eksempel 7,5.` }
    : { value: bp, error: null };
}

/** øre → text for an input field ("1 945 000", "1 945 000,50"); blank for null. */
export function oreToInput(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : formatOre(value, { unit: false });
}

export const kr = (value: number | null | undefined): string =>
  value === null || value === undefined ? '—' : formatOre(value);
