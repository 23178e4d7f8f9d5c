/**
 * The shared part of DateField and MoneyField: a text field that, when left, writes a readable
 * text out in its one full form and says at once, naming the field, when the text cannot be
 * read. An error from the form (the schema's message on save) goes before the field's own.
 */
import { useState, type ComponentProps } from 'react';
import { TextField } from './fields';

/** What DateField and MoneyField take: everything a TextField does. */
export type FieldProps = ComponentProps<typeof TextField>;

export function FormattedField({
  tidy,
  check,
  label,
  value,
  onChange,
  onBlur,
  error,
  ...rest
}: FieldProps & {
  /** The text written out in full, or null when it cannot be read (or is blank). */
  tidy(text: string): string | null;
  /** The message naming the field when the text cannot be read; null when it can. */
  check(text: string, label: string): string | null;
}) {
  const [own, setOwn] = useState<string | null>(null);
  return (
    <TextField
      autoComplete="off"
      {...rest}
      label={label}
      value={value}
      error={error ?? own ?? undefined}
      onChange={(v) => {
        setOwn(null);
        onChange(v);
      }}
      onBlur={(ev) => {
        const full = tidy(value);
        if (full !== null && full !== value) onChange(full);
        setOwn(check(value, label));
        onBlur?.(ev);
      }}
    />
  );
}
