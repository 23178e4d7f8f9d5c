/** Form fields with a visible label, an optional hint and an inline error tied by aria. */
import { useId, type InputHTMLAttributes, type ReactNode } from 'react';

interface FieldShellProps {
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  required?: boolean | undefined;
  children: (ids: { inputId: string; describedBy: string | undefined }) => ReactNode;
}

function FieldShell({ label, error, hint, required, children }: FieldShellProps) {
  const inputId = useId();
  const hintId = `${inputId}-hint`;
  const errorId = `${inputId}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ');
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <label htmlFor={inputId}>
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {children({ inputId, describedBy: describedBy || undefined })}
      {hint && !error ? (
        <div className="field__hint" id={hintId}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <div className="field__error" id={errorId} role="alert">
          {error}
        </div>
      ) : null}
    </div>
  );
}

type TextFieldProps = {
  label: string;
  value: string;
  onChange(value: string): void;
  error?: string | undefined;
  hint?: string | undefined;
  required?: boolean;
  name: string;
  /** A unit shown after the input («kr»); not part of the value. */
  suffix?: string;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'name'>;

export function TextField({
  label,
  value,
  onChange,
  error,
  hint,
  required,
  name,
  suffix,
  ...rest
}: TextFieldProps) {
  return (
    <FieldShell label={label} error={error} hint={hint} required={required}>
      {({ inputId, describedBy }) => {
        const input = (
          <input
            id={inputId}
            name={name}
            value={value}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy}
            aria-required={required || undefined}
            onChange={(e) => onChange(e.target.value)}
            {...rest}
          />
        );
        return suffix ? (
          <span className="field__affix">
            {input}
            <span className="field__suffix" aria-hidden="true">
              {suffix}
            </span>
          </span>
        ) : (
          input
        );
      }}
    </FieldShell>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField({
  label,
  value,
  onChange,
  options,
  error,
  hint,
  required,
  name,
  placeholder,
}: {
  label: string;
  value: string;
  onChange(value: string): void;
  options: readonly Option[];
  error?: string | undefined;
  hint?: string | undefined;
  required?: boolean;
  name: string;
  placeholder?: string;
}) {
  return (
    <FieldShell label={label} error={error} hint={hint} required={required}>
      {({ inputId, describedBy }) => (
        <select
          id={inputId}
          name={name}
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => onChange(e.target.value)}
        >
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}

export function TextAreaField({
  label,
  value,
  onChange,
  error,
  name,
  rows = 3,
}: {
  label: string;
  value: string;
  onChange(value: string): void;
  error?: string | undefined;
  name: string;
  rows?: number;
}) {
  return (
    <FieldShell label={label} error={error}>
      {({ inputId, describedBy }) => (
        <textarea
          id={inputId}
          name={name}
          rows={rows}
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </FieldShell>
  );
}
