/**
 * The pure allocation arithmetic in src-shared/allocations/rules.ts — distributing a pot
 * over the centres that applied, exact to the øre — and the small rules the round page and
 * the services share: overdue reports, the reminder text, and the «leaving» flag.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysBetween } from '../../src-shared/kernel/dates';
import {
  DISTRIBUTION_MODES,
  distribute,
  isReportOverdue,
  reminderText,
} from '../../src-shared/allocations/rules';
import { leavingDateOn } from '../../src-shared/registry/centres';
import { kroner } from '../../src-shared/kernel/money';
import { misspelledKrisesenter } from '../helpers/spelling';

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** Pots up to 100 mill. kr, applications up to 5 mill. kr each, 1–40 centres. */
const pot = fc.integer({ min: 0, max: 10_000_000_000 });
const applied = fc.array(fc.integer({ min: 0, max: 500_000_000 }), {
  minLength: 1,
  maxLength: 40,
});
/** Small amounts, where rounding matters most. */
const smallPot = fc.integer({ min: 0, max: 1_000 });
const smallApplied = fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 12 });
const cases = fc.oneof(fc.tuple(pot, applied), fc.tuple(smallPot, smallApplied));

describe('distribute', () => {
  it('proportional and equal sum exactly to the pot', () => {
    fc.assert(
      fc.property(
        cases,
        fc.constantFrom('proportional', 'equal') as fc.Arbitrary<'proportional' | 'equal'>,
        ([p, a], mode) => {
          const parts = distribute(p, a, mode);
          expect(parts).toHaveLength(a.length);
          expect(sum(parts)).toBe(p);
        },
      ),
    );
  });

  it('capped never gives a centre more than it applied for, and sums to min(pot, applied)', () => {
    fc.assert(
      fc.property(cases, ([p, a]) => {
        const parts = distribute(p, a, 'capped');
        parts.forEach((part, i) => expect(part).toBeLessThanOrEqual(a[i] ?? 0));
        expect(sum(parts)).toBe(Math.min(p, sum(a)));
      }),
    );
  });

  it('never gives a negative amount or a fraction of an øre, in any mode', () => {
    fc.assert(
      fc.property(cases, fc.constantFrom(...DISTRIBUTION_MODES), ([p, a], mode) => {
        for (const part of distribute(p, a, mode)) {
          expect(part).toBeGreaterThanOrEqual(0);
          expect(Number.isSafeInteger(part)).toBe(true);
        }
      }),
    );
  });

  it('equal parts differ by at most 1 øre', () => {
    fc.assert(
      fc.property(cases, ([p, a]) => {
        const parts = distribute(p, a, 'equal');
        expect(Math.max(...parts) - Math.min(...parts)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('proportional gives more to a larger application, never less', () => {
    fc.assert(
      fc.property(cases, ([p, a]) => {
        const parts = distribute(p, a, 'proportional');
        for (let i = 0; i < a.length; i++) {
          for (let j = 0; j < a.length; j++) {
            if ((a[i] ?? 0) > (a[j] ?? 0)) {
              expect(parts[i] ?? 0).toBeGreaterThanOrEqual(parts[j] ?? 0);
            }
          }
        }
      }),
    );
  });

  it('splits 100 kr over three equal applications exactly, and caps at the applied amounts', () => {
    const parts = distribute(kroner(100), [kroner(1), kroner(1), kroner(1)], 'proportional');
    expect(parts).toEqual([3334, 3333, 3333]);
    expect(distribute(kroner(10), [kroner(4), kroner(8)], 'capped')).toEqual([333, 667]);
    expect(distribute(kroner(100), [kroner(4), kroner(8)], 'capped')).toEqual([
      kroner(4),
      kroner(8),
    ]);
    expect(distribute(kroner(100), [], 'equal')).toEqual([]);
  });

  it('refuses a negative pot or application, and fractions of an øre', () => {
    expect(() => distribute(-1, [1], 'equal')).toThrow(RangeError);
    expect(() => distribute(100, [-1], 'equal')).toThrow(RangeError);
    expect(() => distribute(100.5, [1], 'equal')).toThrow(RangeError);
  });
});

describe('isReportOverdue', () => {
  const base = {
    awardedOre: kroner(10_000),
    reportDueDate: '2025-04-30',
    reportReceivedDate: null,
    reportStatus: 'venter',
  } as const;

  it('is overdue the day after the due date, while no report has come', () => {
    expect(isReportOverdue(base, '2025-04-30')).toBe(false);
    expect(isReportOverdue(base, '2025-05-01')).toBe(true);
    expect(isReportOverdue({ ...base, reportStatus: 'purret' }, '2025-05-01')).toBe(true);
  });

  it('is not overdue once received, without a due date, or without an award', () => {
    expect(isReportOverdue({ ...base, reportReceivedDate: '2025-05-02' }, '2025-06-01')).toBe(
      false,
    );
    expect(isReportOverdue({ ...base, reportStatus: 'godkjent' }, '2025-06-01')).toBe(false);
    expect(isReportOverdue({ ...base, reportDueDate: null }, '2025-06-01')).toBe(false);
    expect(isReportOverdue({ ...base, awardedOre: 0 }, '2025-06-01')).toBe(false);
    expect(isReportOverdue({ ...base, awardedOre: null }, '2025-06-01')).toBe(false);
  });
});

describe('reminderText', () => {
  it('greets the centre, names the round, grant and due date, and is signed by KSS', () => {
    const text = reminderText({
      centreName: 'Krisesenter for Bergen og omegn',
      roundName: 'Juleaksjonen 2024 – JuleVinter',
      grantTitle: 'Juleaksjonen 2024',
      funderName: 'Gjensidigestiftelsen',
      reportDueDate: '2025-04-30',
      awardedOre: kroner(120_000),
      paidOre: kroner(120_000),
    });
    const lines = text.split('\n');
    expect(lines[0]).toBe('Hei, Krisesenter for Bergen og omegn!');
    expect(text).toContain(
      '«Juleaksjonen 2024 – JuleVinter» (Juleaksjonen 2024, Gjensidigestiftelsen)',
    );
    expect(text).toContain('30.04.2025');
    expect(text).toContain('Tildelt beløp: 120\u00a0000\u00a0kr');
    expect(text).toMatch(/barn og unge/);
    expect(lines.slice(-2)).toEqual(['Med vennlig hilsen', 'Krisesentersekretariatet']);
    expect(misspelledKrisesenter(text)).toEqual([]);
  });
});

describe('leavingDateOn', () => {
  const halden = [{ joinedDate: '2010-01-01', leftDate: '2024-12-31' }];
  it('flags a member with an announced end, not one that has left or stays', () => {
    expect(leavingDateOn(halden, '2024-10-20')).toBe('2024-12-31');
    expect(leavingDateOn(halden, '2024-12-31')).toBe('2024-12-31');
    expect(leavingDateOn(halden, '2025-01-01')).toBeNull();
    expect(leavingDateOn([{ joinedDate: '2010-01-01', leftDate: null }], '2025-01-01')).toBeNull();
  });
});

describe('daysBetween', () => {
  it('counts calendar days across month, year and leap day, without time zones', () => {
    expect(daysBetween('2025-04-30', '2025-05-01')).toBe(1);
    expect(daysBetween('2024-12-31', '2025-01-01')).toBe(1);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2025-03-29', '2025-03-31')).toBe(2); // DST change in Norway
    expect(daysBetween('2025-05-01', '2025-04-30')).toBe(-1);
  });
});
