/**
 * An amount in kroner («1 945 000» or «1945000,50»), right-aligned with «kr» after it. Leaving
 * the field writes a valid amount out with thousands spaces and says at once, naming the
 * field, when the text is not an amount. The form turns the text into øre with `parseAmounts`
 * (lib/money-input.ts) on save, which gives the same message.
 */
import { useState } from 'react';
import { parseKroner } from '../../../src-shared/kernel/money';
import { useI18n } from '../i18n/i18n';
import { oreToInput } from '../lib/money-input';
import { moneyFieldError } from './field-messages';
import { TextField } from './fields';
import './ui.css';

export function MoneyField({
  label,
  name,
  value,
  onChange,
  error,
  hint,
  required,
}: {
  label: string;
  name: string;
  value: string;
  onChange(value: string): void;
  error?: string | undefined;
  hint?: string | undefined;
  required?: boolean;
}) {
  const { t } = useI18n();
  const [own, setOwn] = useState<string | null>(null);
  return (
    <TextField
      label={label}
      name={name}
      value={value}
      required={required}
      hint={hint}
      error={error ?? own ?? undefined}
      inputMode="decimal"
      autoComplete="off"
      className="input--money"
      suffix={t('ui.kr')}
      onChange={(v) => {
        setOwn(null);
        onChange(v);
      }}
      onBlur={() => {
        const parsed = value.trim() === '' ? null : parseKroner(value);
        if (parsed?.ok && oreToInput(parsed.value) !== value) onChange(oreToInput(parsed.value));
        setOwn(moneyFieldError(value, label));
      }}
    />
  );
}
