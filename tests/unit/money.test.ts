import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatOre,
  formatOreForInput,
  kroner,
  MAX_ABS_ORE,
  MINUS,
  NBSP,
  ore,
  parseKroner,
  shareOfBasisPoints,
  splitLargestRemainder,
  sumOre,
  type ParseFailure,
} from '../../src-shared/kernel/money';

function parsed(input: string): number {
  const result = parseKroner(input);
  if (!result.ok) throw new Error(`"${input}" was refused: ${result.reason}`);
  return result.value;
}

function refused(input: string): ParseFailure {
  const result = parseKroner(input);
  if (result.ok) throw new Error(`"${input}" was accepted as ${result.value}`);
  return result.reason;
}

const amount = fc.integer({ min: -MAX_ABS_ORE, max: MAX_ABS_ORE });

describe('parseKroner', () => {
  it.each([
    ['1 945 000', 194_500_000],
    ['1945000', 194_500_000],
    ['1945000,50', 194_500_050],
    ['1 945 000,5', 194_500_050],
    ['1 234,5', 123_450],
    ['1.234,56', 123_456],
    ['1.234.567', 123_456_700],
    ['1.234', 123_400],
    ['1234.56', 123_456],
    ['1,234.56', 123_456],
    ['0,05', 5],
    [',5', 50],
    ['1832639', 183_263_900],
    ['112 361', 11_236_100],
  ])('reads "%s" as %i øre', (input, expected) => {
    expect(parsed(input)).toBe(expected);
  });

  it('accepts no-break and narrow no-break spaces as grouping', () => {
    expect(parsed(`1${NBSP}945${NBSP}000`)).toBe(194_500_000);
    expect(parsed('1\u202f945\u202f000')).toBe(194_500_000);
    expect(parsed(' 1 945 000 ')).toBe(194_500_000);
  });

  it('reads both the typographic minus and the hyphen as a negative sign', () => {
    expect(parsed('−500')).toBe(-50_000);
    expect(parsed(`${MINUS}500`)).toBe(-50_000);
    expect(parsed('-500')).toBe(-50_000);
    expect(parsed('- 1 234,50')).toBe(-123_450);
    expect(parsed('+500')).toBe(50_000);
  });

  it('never produces negative zero', () => {
    expect(Object.is(parsed('-0'), 0)).toBe(true);
    expect(Object.is(parsed('−0,00'), 0)).toBe(true);
  });

  it('accepts "kr" before or after the amount and the ",-" suffix', () => {
    expect(parsed('kr 100')).toBe(10_000);
    expect(parsed('100 kr')).toBe(10_000);
    expect(parsed('Kr 1 484 475')).toBe(148_447_500);
    expect(parsed('kr. 100')).toBe(10_000);
    expect(parsed('1 945 000,-')).toBe(194_500_000);
    expect(parsed('1 945 000,- kr')).toBe(194_500_000);
    expect(parsed('kr 1 945 000,-')).toBe(194_500_000);
    expect(parsed('kr −500')).toBe(-50_000);
  });

  it('accepts the largest amount and refuses anything above it', () => {
    expect(parsed('10 000 000 000')).toBe(MAX_ABS_ORE);
    expect(parsed('-10 000 000 000')).toBe(-MAX_ABS_ORE);
    expect(refused('10 000 000 000,01')).toBe('range');
    expect(refused('99999999999999')).toBe('range');
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['kr', 'empty'],
    ['abc', 'format'],
    ['-', 'format'],
    ['--5', 'format'],
    ['1,234,5', 'format'],
    ['1.2.3', 'format'],
    ['12,34.5', 'format'],
    ['1.23.456', 'format'],
    ['1e5', 'format'],
    ['NaN', 'format'],
    ['Infinity', 'format'],
    ['0x10', 'format'],
    ['5 %', 'format'],
    ['1 9 4 5', 'format'],
    ['19 45', 'format'],
    ['1945 000', 'format'],
    ['1,555', 'decimals'],
    ['1234,567', 'decimals'],
    ['1.234,567', 'decimals'],
  ] as const)('refuses "%s" (%s)', (input, reason) => {
    expect(refused(input)).toBe(reason);
  });

  it('never goes through a float: 0,10 + 0,20 is exactly 30 øre', () => {
    expect(parsed('0,10') + parsed('0,20')).toBe(30);
    expect(parsed('19,99')).toBe(1999);
    expect(parsed('4,35')).toBe(435);
  });
});

describe('formatOre', () => {
  it('formats whole kroner with no-break space grouping and a no-break space before kr', () => {
    expect(formatOre(194_500_000)).toBe(`1${NBSP}945${NBSP}000${NBSP}kr`);
    expect(formatOre(194_500_000)).toBe('1\u00a0945\u00a0000\u00a0kr');
    expect(formatOre(0)).toBe(`0${NBSP}kr`);
    expect(formatOre(99_900)).toBe(`999${NBSP}kr`);
    expect(formatOre(100_000)).toBe(`1${NBSP}000${NBSP}kr`);
  });

  it('writes negative amounts with the typographic minus U+2212', () => {
    expect(formatOre(-50_000)).toBe(`\u2212500${NBSP}kr`);
    expect(formatOre(-130_000_000)).toBe(`${MINUS}1${NBSP}300${NBSP}000${NBSP}kr`);
    expect(formatOre(-5)).toBe(`${MINUS}0,05${NBSP}kr`);
  });

  it('shows øre only when there are any by default', () => {
    expect(formatOre(194_500_050)).toBe(`1${NBSP}945${NBSP}000,50${NBSP}kr`);
    expect(formatOre(5)).toBe(`0,05${NBSP}kr`);
    expect(formatOre(10_000)).toBe(`100${NBSP}kr`);
  });

  it('always shows two decimals when asked', () => {
    expect(formatOre(10_000, { decimals: 'always' })).toBe(`100,00${NBSP}kr`);
    expect(formatOre(-1, { decimals: 'always' })).toBe(`${MINUS}0,01${NBSP}kr`);
  });

  it('rounds to whole kroner, half away from zero, when decimals are never shown', () => {
    expect(formatOre(194_500_050, { decimals: 'never' })).toBe(`1${NBSP}945${NBSP}001${NBSP}kr`);
    expect(formatOre(194_500_049, { decimals: 'never' })).toBe(`1${NBSP}945${NBSP}000${NBSP}kr`);
    expect(formatOre(-150, { decimals: 'never' })).toBe(`${MINUS}2${NBSP}kr`);
  });

  it('does not show "−0 kr" when a small negative amount rounds to zero', () => {
    expect(formatOre(-49, { decimals: 'never' })).toBe(`0${NBSP}kr`);
  });

  it('leaves out the unit when asked, and for input fields', () => {
    expect(formatOre(194_500_000, { unit: false })).toBe(`1${NBSP}945${NBSP}000`);
    expect(formatOreForInput(123_450)).toBe(`1${NBSP}234,50`);
  });

  it('formats the largest amount', () => {
    expect(formatOre(MAX_ABS_ORE)).toBe(`10${NBSP}000${NBSP}000${NBSP}000${NBSP}kr`);
  });
});

describe('formatOre → parseKroner', () => {
  it('round-trips every amount within the limit', () => {
    fc.assert(
      fc.property(
        amount,
        fc.constantFrom('auto', 'always') as fc.Arbitrary<'auto' | 'always'>,
        fc.boolean(),
        (value, decimals, unit) => {
          const text = formatOre(value, { decimals, unit });
          const back = parseKroner(text);
          expect(back).toEqual({ ok: true, value });
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('round-trips the input-field format', () => {
    fc.assert(
      fc.property(amount, (value) => {
        expect(parseKroner(formatOreForInput(value))).toEqual({ ok: true, value });
      }),
    );
  });

  it('reads the same amount however it is typed', () => {
    const groupings = fc.constantFrom(' ', '.', NBSP, '');
    const decimalMarks = fc.constantFrom(',', '.');
    const signs = fc.constantFrom('-', MINUS);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: MAX_ABS_ORE }),
        groupings,
        decimalMarks,
        signs,
        fc.boolean(),
        fc.constantFrom('', 'kr ', ''),
        (abs, group, mark, sign, negative, prefix) => {
          const kr = String(Math.floor(abs / 100));
          const ore2 = String(abs % 100).padStart(2, '0');
          // Dots group thousands only when the decimal mark is a comma (otherwise ambiguous).
          const sep = group === '.' && mark === '.' ? ' ' : group;
          const grouped = kr.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
          const text = `${prefix}${negative ? sign : ''}${grouped}${mark}${ore2}`;
          const expected = negative && abs !== 0 ? -abs : abs;
          expect(parseKroner(text)).toEqual({ ok: true, value: expected });
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('ore and kroner', () => {
  it('accept whole numbers and refuse fractions of an øre', () => {
    expect(ore(12)).toBe(12);
    expect(kroner(1_945_000)).toBe(194_500_000);
    expect(() => ore(0.5)).toThrow(RangeError);
    expect(() => ore(Number.NaN)).toThrow(RangeError);
    expect(() => ore(2 ** 53)).toThrow(RangeError);
  });

  it('sumOre adds exactly', () => {
    expect(sumOre([183_263_900, 11_236_100])).toBe(194_500_000);
    expect(sumOre([])).toBe(0);
  });
});

describe('splitLargestRemainder', () => {
  it('splits 100 kr in three so the parts sum exactly, the extra øre to the earliest', () => {
    expect(splitLargestRemainder(10_000, [1, 1, 1])).toEqual([3334, 3333, 3333]);
  });

  it('gives the extra øre to the largest remainder', () => {
    // 10 øre by 1:2:2 → exact 2, 4, 4 ; by 1:1:2 → 2.5, 2.5, 5
    expect(splitLargestRemainder(10, [1, 2, 2])).toEqual([2, 4, 4]);
    expect(splitLargestRemainder(10, [1, 1, 2])).toEqual([3, 2, 5]);
    expect(splitLargestRemainder(7, [3, 1])).toEqual([5, 2]);
  });

  it('splits equally when all weights are zero', () => {
    expect(splitLargestRemainder(100, [0, 0, 0])).toEqual([34, 33, 33]);
  });

  it('gives nothing to a zero weight', () => {
    expect(splitLargestRemainder(1000, [0, 1, 3])).toEqual([0, 250, 750]);
  });

  it('splits the Juleaksjonen money over 17 centres and keeps every øre', () => {
    const parts = splitLargestRemainder(194_500_000, Array<number>(17).fill(1));
    expect(parts.reduce((a, b) => a + b, 0)).toBe(194_500_000);
    expect(new Set(parts)).toEqual(new Set([11_441_177, 11_441_176]));
  });

  it('splits a negative total into non-positive parts', () => {
    expect(splitLargestRemainder(-10, [1, 1, 1])).toEqual([-4, -3, -3]);
  });

  it('returns nothing for no weights', () => {
    expect(splitLargestRemainder(500, [])).toEqual([]);
  });

  it('refuses negative weights, fractional totals and fractional-only weights', () => {
    expect(() => splitLargestRemainder(100, [1, -1])).toThrow(RangeError);
    expect(() => splitLargestRemainder(100.5, [1])).toThrow(RangeError);
    expect(() => splitLargestRemainder(100, [Number.NaN])).toThrow(RangeError);
    expect(() => splitLargestRemainder(100, [0.2, 0.3])).toThrow(RangeError);
  });

  const weights = fc.array(fc.integer({ min: 0, max: 1_000_000_000 }), {
    minLength: 1,
    maxLength: 40,
  });

  it('always sums exactly to the total', () => {
    fc.assert(
      fc.property(amount, weights, (total, ws) => {
        const parts = splitLargestRemainder(total, ws);
        expect(parts).toHaveLength(ws.length);
        const sum = parts.reduce((a, b) => a + BigInt(b), 0n);
        expect(sum).toBe(BigInt(total));
      }),
      { numRuns: 1000 },
    );
  });

  it('never strays a whole øre from the exact proportional share', () => {
    fc.assert(
      fc.property(amount, weights, (total, ws) => {
        const parts = splitLargestRemainder(total, ws);
        const allZero = ws.every((w) => w === 0);
        const big = ws.map((w) => BigInt(allZero ? 1 : w));
        const weightSum = big.reduce((a, b) => a + b, 0n);
        parts.forEach((part, i) => {
          // |part − total·w/W| < 1  ⇔  |part·W − total·w| < W   (exact, in integers)
          const diff = BigInt(part) * weightSum - BigInt(total) * (big[i] ?? 0n);
          expect(diff < 0n ? -diff : diff).toBeLessThan(weightSum);
        });
      }),
      { numRuns: 1000 },
    );
  });

  it('never gives a negative part when the total is not negative', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_ABS_ORE }), weights, (total, ws) => {
        for (const part of splitLargestRemainder(total, ws)) {
          expect(part).toBeGreaterThanOrEqual(0);
          expect(Number.isSafeInteger(part)).toBe(true);
        }
      }),
    );
  });
});

/** Reference: amount × bp / 10 000, rounded half away from zero, in BigInt. */
function shareReference(amountOre: number, bp: number): bigint {
  const product = BigInt(amountOre) * BigInt(bp);
  const q = product / 10_000n; // truncates toward zero
  const r = product - q * 10_000n;
  const twiceAbsR = (r < 0n ? -r : r) * 2n;
  if (twiceAbsR >= 10_000n) return product < 0n ? q - 1n : q + 1n;
  return q;
}

describe('shareOfBasisPoints', () => {
  it('takes a percentage given in basis points', () => {
    expect(shareOfBasisPoints(194_500_000, 1000)).toBe(19_450_000); // 10 %
    expect(shareOfBasisPoints(148_447_500, 750)).toBe(11_133_563); // 7,5 % of 1 484 475 kr
    expect(shareOfBasisPoints(100, 10_000)).toBe(100);
    expect(shareOfBasisPoints(100, 0)).toBe(0);
  });

  it('rounds half an øre away from zero', () => {
    expect(shareOfBasisPoints(1, 5000)).toBe(1); // 0,5 → 1
    expect(shareOfBasisPoints(3, 5000)).toBe(2); // 1,5 → 2
    expect(shareOfBasisPoints(-1, 5000)).toBe(-1); // −0,5 → −1
    expect(shareOfBasisPoints(-3, 5000)).toBe(-2);
    expect(shareOfBasisPoints(1, 4999)).toBe(0); // 0,4999 → 0
    expect(shareOfBasisPoints(-1, 4999)).toBe(0);
    expect(Object.is(shareOfBasisPoints(-1, 4999), 0)).toBe(true);
  });

  it('refuses fractional amounts or basis points', () => {
    expect(() => shareOfBasisPoints(10.5, 100)).toThrow(RangeError);
    expect(() => shareOfBasisPoints(100, 12.5)).toThrow(RangeError);
  });

  it('matches the half-away-from-zero rule computed exactly', () => {
    fc.assert(
      fc.property(amount, fc.integer({ min: -10_000, max: 10_000 }), (value, bp) => {
        expect(BigInt(shareOfBasisPoints(value, bp))).toBe(shareReference(value, bp));
      }),
      { numRuns: 5000 },
    );
  });

  it('matches the rule on exact halves', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), (k) => {
        // (2k+1) × 5000 bp = k + 0,5 øre exactly
        const value = 2 * k + 1;
        const expected = k >= 0 ? k + 1 : k;
        expect(shareOfBasisPoints(value, 5000)).toBe(expected);
      }),
    );
  });
});
