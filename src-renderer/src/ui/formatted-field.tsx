/**
 * The shared part of DateField and MoneyField: a text field that, when left, writes a readable
 * text out in its one full form and says at once, naming the field, when the text cannot be
 * read. An error from the form (the schema's message on save) goes before the field's own.
 * With `cell` it is a bare input for a row of an entry table: the label is its accessible
 * name (the column heading shows it), the error its tooltip and red border.
 */
import { useState, type ComponentProps, type FocusEvent } from 'react';
import { TextField } from './fields';

/** What DateField and MoneyField take: everything a TextField does, or a table cell. */
export type FieldProps = ComponentProps<typeof TextField> & { cell?: boolean };

export function FormattedField({
  tidy,
  check,
  cell = false,
  label,
  value,
  onChange,
  onBlur,
  error,
  hint,
  suffix,
  className,
  ...rest
}: FieldProps & {
  /** The text written out in full, or null when it cannot be read (or is blank). */
  tidy(text: string): string | null;
  /** The message naming the field when the text cannot be read; null when it can. */
  check(text: string, label: string): string | null;
}) {
  const [own, setOwn] = useState<string | null>(null);
  const shown = error ?? own ?? undefined;
  const change = (v: string) => {
    setOwn(null);
    onChange(v);
  };
  const leave = (ev: FocusEvent<HTMLInputElement>) => {
    const full = tidy(value);
    if (full !== null && full !== value) onChange(full);
    setOwn(check(value, label));
    onBlur?.(ev);
  };
  if (cell) {
    const { required, ...input } = rest;
    return (
      <input
        autoComplete="off"
        {...input}
        aria-label={label}
        aria-invalid={shown ? true : undefined}
        aria-required={required || undefined}
        title={shown}
        className={`cell-input${shown ? ' cell-input--error' : ''} ${className ?? ''}`.trim()}
        value={value}
        onChange={(e) => change(e.target.value)}
        onBlur={leave}
      />
    );
  }
  return (
    <TextField
      autoComplete="off"
      {...rest}
      label={label}
      hint={hint}
      suffix={suffix}
      className={className}
      value={value}
      error={shown}
      onChange={change}
      onBlur={leave}
    />
  );
}
