/**
 * A calendar date typed the Norwegian way (dd.mm.åååå; «9.3.2025» and «2025-03-09» are
 * understood). Leaving the field writes a valid date out in full and says at once, naming the
 * field, when the text is not a date. The form still sends the text through `dateInputToIso`
 * (lib/format.ts), so the contract's schema gives the same message on save.
 */
import { useState } from 'react';
import { parseNorwegianDate } from '../../../src-shared/kernel/dates';
import { useI18n } from '../i18n/i18n';
import { formatIsoDate } from '../lib/format';
import { dateFieldError } from './field-messages';
import { TextField } from './fields';

export function DateField({
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
      placeholder={t('date.placeholder')}
      autoComplete="off"
      className="input--date"
      onChange={(v) => {
        setOwn(null);
        onChange(v);
      }}
      onBlur={() => {
        const iso = parseNorwegianDate(value.trim());
        if (iso && formatIsoDate(iso) !== value) onChange(formatIsoDate(iso));
        setOwn(dateFieldError(value, label));
      }}
    />
  );
}
