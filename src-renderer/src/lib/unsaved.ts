/**
 * `useUnsavedChanges(dirty)`: while a form has unsaved changes, leaving it asks first —
 * in-app navigation through the hash router (a confirm dialog) and closing or reloading the
 * window (`beforeunload`). After a save, navigate with `{ force: true }`.
 */
import { useEffect } from 'react';
import { useI18n } from '../i18n/i18n';
import { setLeaveGuard } from './router';

export function useUnsavedChanges(dirty: boolean): void {
  const { t } = useI18n();
  const question = t('unsaved.confirm');
  useEffect(() => {
    if (!dirty) return;
    setLeaveGuard(() => window.confirm(question));
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      setLeaveGuard(null);
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, [dirty, question]);
}
