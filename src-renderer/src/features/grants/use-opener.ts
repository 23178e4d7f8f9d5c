/**
 * A dialog or panel opened on demand from a button: `open(value)` remembers the element that
 * had focus (the button pressed), `close()` hides it again and gives focus back to that
 * button, so keyboard users are where they were (Escape closes the dialogs: ui/dialog.tsx).
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
    window.setTimeout(() => {
      if (el?.isConnected) el.focus();
    }, 0);
  }, []);
  return { value, open, close };
}
