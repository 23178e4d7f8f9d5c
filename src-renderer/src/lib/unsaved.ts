/**
 * Leaving a form with unsaved changes asks first — in-app navigation through the hash router
 * (a confirm dialog; a declined change is undone) and closing or reloading the window
 * (`beforeunload`). Every `<Form>` (ui/form.tsx) registers itself here, so every form gets
 * the question; `useUnsavedChanges(dirty)` adds a page's own notion of dirty on top. After a
 * save that moves on, navigate with `{ force: true }`.
 */
import { useEffect } from 'react';
import { useI18n } from '../i18n/i18n';
import { setLeaveGuard } from './router';

type DirtyCheck = () => boolean;

const checks = new Set<DirtyCheck>();
let question = 'Du har endringer som ikke er lagret. Vil du forlate siden og miste dem?';

/** True when any form on screen holds changes that are not saved. */
export function hasUnsavedChanges(): boolean {
  for (const check of checks) if (check()) return true;
  return false;
}

function sync(): void {
  setLeaveGuard(checks.size > 0 ? () => !hasUnsavedChanges() || window.confirm(question) : null);
}

/** Adds a dirty check while a form is on screen; returns the function that removes it. */
export function registerUnsaved(check: DirtyCheck): () => void {
  checks.add(check);
  sync();
  return () => {
    checks.delete(check);
    sync();
  };
}

/** The question in the user's language (set by the forms on screen). */
export function setUnsavedQuestion(text: string): void {
  question = text;
}

if (typeof window !== 'undefined') {
  window.addEventListener('beforeunload', (e) => {
    if (!hasUnsavedChanges()) return;
    e.preventDefault();
    e.returnValue = '';
  });
}

/** A page's own dirty flag (e.g. a form with values outside its fields). */
export function useUnsavedChanges(dirty: boolean): void {
  const { t } = useI18n();
  const text = t('unsaved.confirm');
  useEffect(() => {
    setUnsavedQuestion(text);
    if (!dirty) return;
    return registerUnsaved(() => true);
  }, [dirty, text]);
}
