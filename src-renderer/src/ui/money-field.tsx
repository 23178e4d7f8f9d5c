/**
 * An amount in kroner («1 945 000» or «1945000,50»), right-aligned with «kr» after it; with
 * `currency="EUR"` an amount in euro with «€». Leaving the field writes a valid amount out with
 * thousands spaces and says at once, naming the field, when the text is not an amount. The
 * form turns the text into øre with `parseAmounts` (lib/money-input.ts) — or into cents with
 * `parseEuro` — on save, which gives the same message.
 */
import { formatEurCents, parseEuro } from '../../../src-shared/kernel/euro';
import { parseKroner } from '../../../src-shared/kernel/money';
import { useI18n } from '../i18n/i18n';
import { amountMessage, oreToInput } from '../lib/money-input';
import { moneyFieldError } from './field-messages';
import { FormattedField, type FieldProps } from './formatted-field';
import './ui.css';

function fullAmount(text: string): string | null {
  if (text.trim() === '') return null;
  const parsed = parseKroner(text);
  return parsed.ok ? oreToInput(parsed.value) : null;
}

function fullEuro(text: string): string | null {
  if (text.trim() === '') return null;
  const parsed = parseEuro(text);
  return parsed.ok ? formatEurCents(parsed.value, { unit: false }) : null;
}

function euroError(text: string, label: string): string | null {
  if (text.trim() === '') return null;
  const parsed = parseEuro(text);
  return parsed.ok ? null : amountMessage(label, parsed.reason);
}

export function MoneyField({
  currency = 'NOK',
  ...props
}: FieldProps & { currency?: 'NOK' | 'EUR' }) {
  const { t } = useI18n();
  const eur = currency === 'EUR';
  return (
    <FormattedField
      {...props}
      inputMode={props.inputMode ?? 'decimal'}
      className={props.className ? `input--money ${props.className}` : 'input--money'}
      suffix={props.suffix ?? (eur ? '€' : t('ui.kr'))}
      tidy={eur ? fullEuro : fullAmount}
      check={eur ? euroError : moneyFieldError}
    />
  );
}
