/**
 * A dialog or panel opened on demand from a button: `open(value)` remembers the element that
 * had focus (the button pressed), `close()` hides it again and gives focus back to that
 * button, so keyboard users are where they were (Escape closes the dialogs: ui/dialog.tsx).
 * Used on the grant page, whose content sits in a tab panel.
 */
import { useCallback, useRef, useState } from 'react';

export function useOpener<T>(): {
  value: T | null;
  open(value: T): void;
  close(): void;
} {
  const [value, setValue] = useState<T | null>(null);
  const opener = useRef<HTMLElement | null>(null);
  const open = useCallback((v: T) => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setValue(v);
  }, []);
  const close = useCallback(() => {
    setValue(null);
    const el = opener.current;
    opener.current = null;
    // After React has removed the dialog (its removal would otherwise leave focus on <body>).
    // A button the change removed (a status already left, a movement already corrected)
    // hands focus to the tab panel it was in, so keyboard users stay in place.
    window.setTimeout(() => {
      if (el?.isConnected) el.focus();
      else document.querySelector<HTMLElement>('[role="tabpanel"]')?.focus();
    }, 0);
  }, []);
  return { value, open, close };
}
