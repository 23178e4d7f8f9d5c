/**
 * Closing or reloading the window while a form has unsaved changes. The renderer's guard
 * (lib/unsaved.ts) cancels `beforeunload`; Chromium in a browser then asks by itself, but
 * Electron only emits `will-prevent-unload` and, unanswered, silently keeps the window open.
 * The question as data (only the type comes from 'electron', so it is unit-tested);
 * src-main/index.ts shows it and lets the window close when the user chooses to leave.
 */
import type { MessageBoxSyncOptions } from 'electron';

export const LEAVE_BUTTON = 0;
export const STAY_BUTTON = 1;

export function leaveQuestion(): MessageBoxSyncOptions {
  return {
    type: 'question',
    title: 'Ulagrede endringer',
    message: 'Du har endringer som ikke er lagret.',
    detail: 'Lukker du nå, går endringene tapt. Velg «Bli på siden» for å lagre dem først.',
    buttons: ['Lukk uten å lagre', 'Bli på siden'],
    defaultId: STAY_BUTTON,
    cancelId: STAY_BUTTON,
    noLink: true,
  };
}

/** True when the answer was to leave: the caller then lets the unload go ahead. */
export function leaves(choice: number): boolean {
  return choice === LEAVE_BUTTON;
}
