import { describe, expect, it } from 'vitest';
import {
  LEAVE_BUTTON,
  leaveQuestion,
  leaves,
  STAY_BUTTON,
} from '../../src-main/electron/leave-question';

describe('the question before closing a window with unsaved changes', () => {
  it('asks in Norwegian, with staying as the default and as Escape', () => {
    const q = leaveQuestion();
    expect(q.message).toBe('Du har endringer som ikke er lagret.');
    expect(q.buttons?.[LEAVE_BUTTON]).toBe('Lukk uten å lagre');
    expect(q.buttons?.[STAY_BUTTON]).toBe('Bli på siden');
    expect(q.defaultId).toBe(STAY_BUTTON);
    expect(q.cancelId).toBe(STAY_BUTTON);
  });

  it('lets the window close only on «Lukk uten å lagre»', () => {
    expect(leaves(LEAVE_BUTTON)).toBe(true);
    expect(leaves(STAY_BUTTON)).toBe(false);
  });
});
