/**
 * What DateField and MoneyField say when the text cannot be read, naming the field — the same
 * words the contract's schema and `parseAmounts` use on save. Blank is left to `required`.
 */
import { parseNorwegianDate } from '../../../src-shared/kernel/dates';
import { parseKroner } from '../../../src-shared/kernel/money';
import { amountMessage } from '../lib/money-input';

export function dateFieldError(text: string, label: string): string | null {
  const s = text.trim();
  if (s === '' || parseNorwegianDate(s) !== null) return null;
  return `${label} må være en gyldig dato (dd.mm.åååå).`;
}

export function moneyFieldError(text: string, label: string): string | null {
  const s = text.trim();
  if (s === '') return null;
  const parsed = parseKroner(s);
  return parsed.ok ? null : amountMessage(label, parsed.reason);
}
