import { describe, expect, it } from 'vitest';
import { fillPlaceholders } from '../../src-renderer/src/i18n/translate';

describe('fillPlaceholders (the one translate function)', () => {
  it('replaces every occurrence of a placeholder, not only the first', () => {
    expect(
      fillPlaceholders('Avslutte {year}? Etter at {year} er avsluttet, låses {year}.', {
        year: 2024,
      }),
    ).toBe('Avslutte 2024? Etter at 2024 er avsluttet, låses 2024.');
  });
  it('fills several placeholders and leaves unknown ones as written', () => {
    expect(fillPlaceholders('{a} og {b} og {c}', { a: 'x', b: 2 })).toBe('x og 2 og {c}');
  });
  it('returns the text unchanged without values', () => {
    expect(fillPlaceholders('Året {year}')).toBe('Året {year}');
  });
  it('does not re-expand placeholders inside an inserted value', () => {
    expect(fillPlaceholders('{a}-{b}', { a: '{b}', b: 'y' })).toBe('{b}-y');
  });
});
