/** The form frame every screen uses: no browser validation bubbles, Enter submits, one action row. */
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';
import { Button } from './layout';

export function Form({
  onSubmit,
  label,
  className,
  children,
}: {
  onSubmit(): unknown;
  label?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <form
      className={className}
      aria-label={label}
      noValidate
      onSubmit={(ev) => {
        ev.preventDefault();
        void onSubmit();
      }}
    >
      {children}
    </form>
  );
}

/** Submit (primary or danger) and an optional cancel. */
export function FormActions({
  submitLabel,
  onCancel,
  busy = false,
  danger = false,
  disabled = false,
  children,
}: {
  submitLabel?: string;
  onCancel?: () => void;
  busy?: boolean;
  danger?: boolean;
  disabled?: boolean;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <div className="form__actions">
      <Button variant={danger ? 'danger' : 'primary'} type="submit" disabled={busy || disabled}>
        {busy ? t('common.saving') : (submitLabel ?? t('common.save'))}
      </Button>
      {onCancel ? <Button onClick={onCancel}>{t('common.cancel')}</Button> : null}
      {children}
    </div>
  );
}
