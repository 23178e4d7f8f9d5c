/**
 * Pure rules of key figures (exact decimal values) and documents (file names refused, size
 * shown), as both the service and the forms use them.
 */
import { describe, expect, it } from 'vitest';
import { fileNameProblem, formatBytes } from '../../src-shared/documents/rules';
import { decimalToString, formatDecimal, parseDecimal } from '../../src-shared/keyfigures/rules';

describe('key-figure values', () => {
  it('parses what people type, exactly', () => {
    expect(parseDecimal('5 137')).toEqual({ units: 5137, scale: 0 });
    expect(parseDecimal('1\u00a0123\u00a0673')).toEqual({ units: 1123673, scale: 0 });
    expect(parseDecimal('12,50')).toEqual({ units: 125, scale: 1 });
    expect(parseDecimal('0.1')).toEqual({ units: 1, scale: 1 });
    expect(parseDecimal('−3')).toEqual({ units: -3, scale: 0 });
    expect(parseDecimal('-0')).toEqual({ units: 0, scale: 0 });
    for (const bad of ['', 'mange', '1e5', '51 37', '1,23456', '1.2.3', '99999999999999999'])
      expect(parseDecimal(bad), bad).toBeNull();
  });

  it('round-trips through the canonical text and formats the nb-NO way', () => {
    for (const text of ['5137', '12.5', '-3', '0.0001', '1123673']) {
      const parsed = parseDecimal(text);
      expect(parsed && decimalToString(parsed)).toBe(text);
    }
    expect(formatDecimal('1123673')).toBe('1\u00a0123\u00a0673');
    expect(formatDecimal('1234.5')).toBe('1\u00a0234,5');
    expect(formatDecimal('-3')).toBe('\u22123');
  });
});

describe('document file names', () => {
  it('refuses hostile names, naming the field', () => {
    for (const name of [
      '../x',
      'a\\b',
      'x\u0000',
      'x\u001f.pdf',
      'CON',
      'aux.txt',
      'com1',
      'LPT9.log',
      'name.',
      'name ',
      ' name',
      '..',
      'a?b',
      '',
    ])
      expect(fileNameProblem(name), JSON.stringify(name)).toMatch(/^Filnavn/);
    expect(fileNameProblem('x'.repeat(201))).toMatch(/høyst 200 tegn/);
  });

  it('accepts ordinary names', () => {
    for (const name of [
      'Tilsagnsbrev 2025.pdf',
      'Søknad – Juleaksjonen.docx',
      'console.log',
      'CONTRACT.pdf',
      '.env.pdf',
    ])
      expect(fileNameProblem(name), name).toBeNull();
  });

  it('shows sizes in B, kB and MB', () => {
    expect(formatBytes(500)).toBe('500 B');
    expect(formatBytes(5_009)).toBe('5\u00a0kB');
    expect(formatBytes(1_258_291)).toBe('1,2\u00a0MB');
  });
});
