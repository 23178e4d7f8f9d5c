/**
 * Form state that validates with the same zod schema the contract uses, so the form
 * shows exactly the Norwegian message the main process would answer with.
 */
import { useCallback, useState } from 'react';
import type { z } from 'zod';
import type { ApiError, FieldIssue } from '../../../src-shared/api/errors';
import { toFieldIssues } from '../../../src-shared/api/issues';
import { markFormReset } from './form-reset';

export type FieldErrors = Record<string, string>;

export function issuesToErrors(issues: readonly FieldIssue[] | undefined): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues ?? []) {
    const key = issue.path.split('.')[0] ?? '';
    if (!(key in errors)) errors[key] = issue.message;
  }
  return errors;
}

export function useForm<T extends Record<string, unknown>>(initial: T) {
  const [values, setValuesState] = useState<T>(initial);
  /**
   * Sets all values at once (a reset: emptied after a save, or loaded with a row to edit), so
   * the form counts as unchanged again (ui/form.tsx). Typing goes through `set`.
   */
  const setValues = useCallback((next: T | ((v: T) => T)) => {
    markFormReset();
    setValuesState(next);
  }, []);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const set = useCallback(<K extends keyof T>(key: K, value: T[K]) => {
    setValuesState((v) => ({ ...v, [key]: value }));
    setErrors((e) => {
      if (!(key in e)) return e;
      const { [key as string]: _gone, ...rest } = e;
      return rest;
    });
  }, []);

  /** Validates `candidate` with the schema; on failure shows the messages and returns null. */
  function validate<S extends z.ZodType>(schema: S, candidate: unknown): z.output<S> | null {
    const parsed = schema.safeParse(candidate);
    if (parsed.success) {
      setErrors({});
      setFormError(null);
      return parsed.data;
    }
    const issues = toFieldIssues(parsed.error);
    setErrors(issuesToErrors(issues));
    setFormError(issues[0]?.message ?? null);
    return null;
  }

  /** Shows an error answered by the main process next to its field (or above the form). */
  function showApiError(error: ApiError) {
    const fieldErrors = issuesToErrors(error.issues);
    setErrors(fieldErrors);
    setFormError(error.message);
  }

  /** Props for a text field bound to `key`: name, value, onChange and its error. */
  function bind<K extends keyof T & string>(key: K) {
    return {
      name: key,
      value: String(values[key] ?? ''),
      onChange: (v: string) => set(key, v as T[K]),
      error: errors[key],
    };
  }

  return {
    values,
    setValues,
    bind,
    set,
    errors,
    setErrors,
    formError,
    setFormError,
    busy,
    setBusy,
    validate,
    showApiError,
  };
}
