/**
 * The list comparators (src-renderer/src/ui/sort.ts): statuses by life-cycle, money by value,
 * dates by the calendar, text by Norwegian collation, empty values last.
 */
import { describe, expect, it } from 'vitest';
import { dateFieldError, moneyFieldError } from '../../src-renderer/src/ui/field-messages';
import { GRANT_STATUSES } from '../../src-shared/grants/rules';
import { REPORT_STATUSES } from '../../src-shared/allocations/rules';
import type { compareValues } from '../../src-renderer/src/ui/sort';
import { compareText, sortRows, sortDirOf } from '../../src-renderer/src/ui/sort';

const byValue = <T>(
  rows: T[],
  kind: Parameters<typeof compareValues>[0],
  dir: 'asc' | 'desc',
  order?: readonly string[],
) => sortRows(rows, { kind, value: (v: T) => v as never, order }, dir);

describe('list sorting', () => {
  it('orders grant statuses by their life-cycle, not by their codes', () => {
    const codes = [
      'avsluttet',
      'sokt',
      'avslatt',
      'innvilget',
      'utkast',
      'trukket',
      'delvis_innvilget',
    ];
    expect(byValue(codes, 'status', 'asc', GRANT_STATUSES)).toEqual([...GRANT_STATUSES]);
    // Alphabetical would put «avslatt» first; the life-cycle starts with «utkast».
    expect(byValue(codes, 'status', 'asc', GRANT_STATUSES)[0]).toBe('utkast');
    expect(byValue(codes, 'status', 'desc', GRANT_STATUSES)[0]).toBe('avsluttet');
    expect(
      byValue(['purret', 'venter', 'godkjent', 'mottatt'], 'status', 'asc', REPORT_STATUSES),
    ).toEqual(['venter', 'mottatt', 'godkjent', 'purret']);
  });

  it('orders money by value in øre, not as text', () => {
    expect(byValue([100_000, 9_000, 1_945_000_00, -500], 'money', 'asc')).toEqual([
      -500, 9_000, 100_000, 1_945_000_00,
    ]);
    expect(byValue([100_000, 9_000, 1_945_000_00], 'money', 'desc')).toEqual([
      1_945_000_00, 100_000, 9_000,
    ]);
  });

  it('orders dates by the calendar', () => {
    expect(byValue(['2024-12-31', '2024-02-01', '2023-12-24'], 'date', 'asc')).toEqual([
      '2023-12-24',
      '2024-02-01',
      '2024-12-31',
    ]);
  });

  it('orders Norwegian names with æ, ø and å after z, case-insensitively and by number', () => {
    const names = ['Østfold', 'Ålesund', 'Zeta', 'Ærfugl', 'alta', 'Bodø', 'Senter 10', 'Senter 2'];
    expect(byValue(names, 'text', 'asc')).toEqual([
      'alta',
      'Bodø',
      'Senter 2',
      'Senter 10',
      'Zeta',
      'Ærfugl',
      'Østfold',
      'Ålesund',
    ]);
    expect(compareText('alta', 'Alta')).toBe(0);
  });

  it('keeps empty values last in both directions and ties in their incoming order', () => {
    const rows = [
      { id: 1, d: null },
      { id: 2, d: '2024-05-01' },
      { id: 3, d: '' },
      { id: 4, d: '2024-01-01' },
      { id: 5, d: '2024-01-01' },
    ];
    const spec = { kind: 'date' as const, value: (r: (typeof rows)[number]) => r.d };
    expect(sortRows(rows, spec, 'asc').map((r) => r.id)).toEqual([4, 5, 2, 1, 3]);
    expect(sortRows(rows, spec, 'desc').map((r) => r.id)).toEqual([2, 4, 5, 1, 3]);
  });

  it('reads the direction from the address', () => {
    expect(sortDirOf('desc')).toBe('desc');
    expect(sortDirOf('')).toBe('asc');
    expect(sortDirOf('sideways')).toBe('asc');
  });
});

describe('date and money fields', () => {
  it('name the field when the text is not a date, and accept Norwegian and ISO dates', () => {
    expect(dateFieldError('31.02.2025', 'Søknadsfrist')).toBe(
      'Søknadsfrist må være en gyldig dato (dd.mm.åååå).',
    );
    expect(dateFieldError('neste uke', 'Rapportfrist')).toContain('Rapportfrist');
    expect(dateFieldError('9.3.2025', 'Søknadsfrist')).toBeNull();
    expect(dateFieldError('2025-03-09', 'Søknadsfrist')).toBeNull();
    expect(dateFieldError('  ', 'Søknadsfrist')).toBeNull();
  });

  it('name the field when the text is not an amount in kroner', () => {
    expect(moneyFieldError('12,345', 'Øvre beløpsgrense')).toBe(
      'Øvre beløpsgrense kan ha høyst to desimaler (øre).',
    );
    expect(moneyFieldError('mange', 'Beløp')).toContain('Beløp må være et beløp');
    expect(moneyFieldError('1 945 000,50', 'Beløp')).toBeNull();
    expect(moneyFieldError('', 'Beløp')).toBeNull();
  });
});
