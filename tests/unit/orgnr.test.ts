import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatOrgNumber,
  isValidOrgNumber,
  normaliseOrgNumber,
} from '../../src-shared/kernel/orgnr';
import { VALID_ORG_NUMBERS } from '../helpers/fixtures';

/** Reference MOD11 check digit (weights 3 2 7 6 5 4 3 2); 10 means "no valid number". */
function checkDigit(first8: string): number {
  const weights = [3, 2, 7, 6, 5, 4, 3, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(first8[i]), 0);
  const rest = sum % 11;
  return rest === 0 ? 0 : 11 - rest;
}

describe('isValidOrgNumber', () => {
  it('accepts nine digits with the right MOD11 check digit', () => {
    expect(isValidOrgNumber('974760673')).toBe(true); // Brønnøysundregistrene
    for (const n of VALID_ORG_NUMBERS) expect(isValidOrgNumber(n), n).toBe(true);
  });

  it('accepts the number with spaces as people type it', () => {
    expect(isValidOrgNumber('974 760 673')).toBe(true);
    expect(isValidOrgNumber('991\u00a0000\u00a0003')).toBe(true);
    expect(isValidOrgNumber(' 991000003 ')).toBe(true);
  });

  it('refuses a wrong check digit', () => {
    expect(isValidOrgNumber('974760672')).toBe(false);
    expect(isValidOrgNumber('991000004')).toBe(false);
  });

  it('refuses every number whose check digit would be 10', () => {
    expect(checkDigit('99100002')).toBe(10);
    for (let last = 0; last <= 9; last++) {
      expect(isValidOrgNumber(`99100002${last}`)).toBe(false);
    }
  });

  it('accepts a check digit of 0 when the sum is divisible by 11', () => {
    expect(checkDigit('99100007')).toBe(0);
    expect(isValidOrgNumber('991000070')).toBe(true);
  });

  it.each(['', '99100000', '9910000030', '99100000a', '991-000-003', '991.000.003', '+99100000'])(
    'refuses "%s"',
    (value) => expect(isValidOrgNumber(value)).toBe(false),
  );

  it('agrees with the reference for any nine digits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{9}$/), (n) => {
        const expected = checkDigit(n.slice(0, 8)) === Number(n[8]);
        expect(isValidOrgNumber(n)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts exactly one last digit for a base, or none when the check digit is 10', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{8}$/), (base) => {
        const valid = Array.from({ length: 10 }, (_, d) => isValidOrgNumber(base + d)).filter(
          Boolean,
        ).length;
        expect(valid).toBe(checkDigit(base) === 10 ? 0 : 1);
      }),
    );
  });
});

describe('normaliseOrgNumber and formatOrgNumber', () => {
  it('removes the spaces people type', () => {
    expect(normaliseOrgNumber('974 760 673')).toBe('974760673');
    expect(normaliseOrgNumber('974\u00a0760\u00a0673')).toBe('974760673');
  });

  it('groups nine digits in threes', () => {
    expect(formatOrgNumber('974760673')).toBe('974 760 673');
    expect(formatOrgNumber('974 760673')).toBe('974 760 673');
  });

  it('leaves anything else as it was', () => {
    expect(formatOrgNumber('12345')).toBe('12345');
  });
});
