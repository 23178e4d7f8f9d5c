/**
 * The form frame every screen uses: no browser validation bubbles, Enter submits, one action
 * row — and the unsaved-changes question. A field counts as changed when its value differs
 * from what it held when the user first went into it; a submit that leaves no error on screen
 * counts as saved, and so does a reset of the values by the program (`useForm().setValues`).
 * So a form whose fields were only filled in by the program, or that was saved and emptied, or
 * that is gone from the screen (cancelled, dialog closed), never asks.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';
import { takeFormReset } from '../lib/form-reset';
import { registerUnsaved, setUnsavedQuestion } from '../lib/unsaved';
import { Button } from './layout';

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

function isControl(el: EventTarget | null): el is Control {
  return (
    el instanceof HTMLInputElement ||
    el instanceof HTMLSelectElement ||
    el instanceof HTMLTextAreaElement
  );
}

function valueOf(c: Control): string {
  if (c instanceof HTMLInputElement && (c.type === 'checkbox' || c.type === 'radio')) {
    return String(c.checked);
  }
  if (c instanceof HTMLInputElement && c.type === 'file') return String(c.files?.length ?? 0);
  return c.value;
}

/** Errors still on screen after a submit mean it did not save. */
const ERROR_SELECTOR = '[role="alert"], [aria-invalid="true"]';

export function Form({
  onSubmit,
  label,
  className,
  guard = true,
  children,
}: {
  onSubmit(): unknown;
  label?: string;
  className?: string;
  /** false for a form that holds nothing worth keeping (a search box). */
  guard?: boolean;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const question = t('unsaved.confirm');
  const formRef = useRef<HTMLFormElement>(null);
  // Each field the user went into, with the value it held then.
  const before = useRef(new Map<Control, string>());
  useEffect(() => {
    setUnsavedQuestion(question);
  }, [question]);
  // After every render: values just set by the program start over as unchanged.
  useEffect(() => {
    if (takeFormReset()) before.current.clear();
  });
  // What each field held when the form appeared, for a field changed without focus first.
  const atMount = useRef(new WeakMap<Control, string>());
  useEffect(() => {
    for (const c of formRef.current?.querySelectorAll('input, select, textarea') ?? []) {
      if (isControl(c)) atMount.current.set(c, valueOf(c));
    }
  }, []);
  useEffect(() => {
    if (!guard) return;
    const seen = before.current;
    return registerUnsaved(() =>
      [...seen].some(([c, v]) => c.isConnected && !c.disabled && valueOf(c) !== v),
    );
  }, [guard]);
  return (
    <form
      ref={formRef}
      className={className}
      aria-label={label}
      noValidate
      onFocus={(ev) => {
        const c = ev.target;
        if (isControl(c) && !before.current.has(c)) before.current.set(c, valueOf(c));
      }}
      onChange={(ev) => {
        const c = ev.target;
        if (isControl(c) && !before.current.has(c)) {
          before.current.set(c, atMount.current.get(c) ?? '');
        }
      }}
      onSubmit={(ev) => {
        ev.preventDefault();
        void Promise.resolve(onSubmit()).then(() => {
          // Let the answer's render land, then forget the changes if no error shows.
          window.setTimeout(() => {
            const el = formRef.current;
            if (el && !el.querySelector(ERROR_SELECTOR)) before.current.clear();
          }, 30);
        });
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
