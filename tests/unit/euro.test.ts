/** EUR amounts (issue 10.8): integer cents, parsed without floats, formatted nb-NO. */
import { describe, expect, it } from 'vitest';
import { formatEurCents, impliedRate, parseEuro } from '../../src-shared/kernel/euro';

const NBSP = '\u00a0';

describe('parseEuro', () => {
  it.each([
    ['12 345,67', 1_234_567],
    ['12 345,67 €', 1_234_567],
    ['€100', 10_000],
    ['EUR 0,1', 10],
    ['1.234.567,89', 123_456_789],
    ['0.07', 7],
    ['−5', -500],
  ])('%s → %i cents', (text, cents) => {
    expect(parseEuro(text)).toEqual({ ok: true, value: cents });
  });

  it.each([
    ['12,345', 'decimals'],
    ['', 'empty'],
    ['12 kr', 'format'],
    ['1 2 3', 'format'],
  ])('refuses %s (%s)', (text, reason) => {
    expect(parseEuro(text)).toEqual({ ok: false, reason });
  });

  it('keeps exact cents where floats would not (0,1 + 0,2)', () => {
    const a = parseEuro('0,1');
    const b = parseEuro('0,2');
    expect(a.ok && b.ok && a.value + b.value).toBe(30);
  });
});

describe('formatEurCents and impliedRate', () => {
  it('formats nb-NO with no-break spaces', () => {
    expect(formatEurCents(1_234_567)).toBe(`12${NBSP}345,67${NBSP}€`);
    expect(formatEurCents(-50)).toBe(`\u22120,50${NBSP}€`);
    expect(formatEurCents(100, { unit: false })).toBe('1,00');
  });

  it('gives the NOK/EUR rate a booking implies, to four decimals', () => {
    expect(impliedRate(11_452_345, 1_000_000)).toBe('11,4523');
    expect(impliedRate(11_452_350, 1_000_000)).toBe('11,4524');
    expect(impliedRate(-100, 10)).toBe('\u221210,0000');
    expect(impliedRate(100, 0)).toBeNull();
  });
});
