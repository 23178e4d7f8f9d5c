import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareIsoDate,
  daysInMonth,
  formatIsoDate,
  isIsoDate,
  isoDateFromMs,
  parseNorwegianDate,
  periodContains,
  periodsOverlap,
  yearOf,
} from '../../src-shared/kernel/dates';
import { fixedClock } from '../../src-main/platform/context';

/** Any real calendar date in the supported range, as 'YYYY-MM-DD'. */
const isoDateArb = fc
  .record({
    y: fc.integer({ min: 1900, max: 2199 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 31 }),
  })
  .map(({ y, m, d }) => {
    const day = Math.min(d, daysInMonth(y, m));
    return `${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  });

describe('daysInMonth', () => {
  it('knows leap years, including the century rules', () => {
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2025, 2)).toBe(28);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2024, 4)).toBe(30);
    expect(daysInMonth(2024, 12)).toBe(31);
  });

  it('agrees with the JavaScript calendar for every month', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2199 }), fc.integer({ min: 1, max: 12 }), (y, m) => {
        expect(daysInMonth(y, m)).toBe(new Date(y, m, 0).getDate());
      }),
    );
  });
});

describe('isIsoDate', () => {
  it.each(['2024-01-01', '2024-02-29', '2024-12-31', '1900-01-01', '2199-12-31'])(
    'accepts %s',
    (value) => expect(isIsoDate(value)).toBe(true),
  );

  it.each([
    '2023-02-29',
    '2024-13-01',
    '2024-00-10',
    '2024-04-31',
    '2024-01-00',
    '1899-12-31',
    '2200-01-01',
    '2024-1-01',
    '24-01-01',
    '2024-01-01T00:00',
    ' 2024-01-01',
    '01.01.2024',
    '',
  ])('refuses "%s"', (value) => expect(isIsoDate(value)).toBe(false));
});

describe('parseNorwegianDate', () => {
  it('reads the ways a Norwegian user types a date', () => {
    expect(parseNorwegianDate('9.3.2025')).toBe('2025-03-09');
    expect(parseNorwegianDate('09.03.2025')).toBe('2025-03-09');
    expect(parseNorwegianDate('1.11.2024')).toBe('2024-11-01');
    expect(parseNorwegianDate('2025-03-09')).toBe('2025-03-09');
    expect(parseNorwegianDate('  31.12.2024 ')).toBe('2024-12-31');
  });

  it('refuses dates that do not exist and other notations', () => {
    expect(parseNorwegianDate('31.4.2025')).toBeNull();
    expect(parseNorwegianDate('29.2.2025')).toBeNull();
    expect(parseNorwegianDate('9.3.25')).toBeNull();
    expect(parseNorwegianDate('9/3/2025')).toBeNull();
    expect(parseNorwegianDate('mars 2025')).toBeNull();
    expect(parseNorwegianDate('')).toBeNull();
  });

  it('reads back every date it formats', () => {
    fc.assert(
      fc.property(isoDateArb, (iso) => {
        expect(parseNorwegianDate(formatIsoDate(iso))).toBe(iso);
      }),
    );
  });
});

describe('formatIsoDate', () => {
  it('writes dd.mm.åååå', () => {
    expect(formatIsoDate('2025-03-09')).toBe('09.03.2025');
    expect(formatIsoDate('2024-12-31')).toBe('31.12.2024');
  });

  it('leaves text that is not an ISO date alone', () => {
    expect(formatIsoDate('snart')).toBe('snart');
  });
});

describe('yearOf and compareIsoDate', () => {
  it('takes the year of a date', () => {
    expect(yearOf('2024-12-31')).toBe(2024);
  });

  it('orders dates as the calendar does', () => {
    expect(compareIsoDate('2024-12-31', '2025-01-01')).toBe(-1);
    expect(compareIsoDate('2025-01-01', '2024-12-31')).toBe(1);
    expect(compareIsoDate('2024-06-15', '2024-06-15')).toBe(0);
    fc.assert(
      fc.property(isoDateArb, isoDateArb, (a, b) => {
        const [ya, ma, da] = a.split('-').map(Number) as [number, number, number];
        const [yb, mb, db] = b.split('-').map(Number) as [number, number, number];
        const expected = Math.sign(
          new Date(ya, ma - 1, da).getTime() - new Date(yb, mb - 1, db).getTime(),
        );
        expect(compareIsoDate(a, b)).toBe(expected === 0 ? 0 : expected);
      }),
    );
  });
});

describe('isoDateFromMs', () => {
  it('gives the local calendar date of an instant, not the UTC one', () => {
    expect(isoDateFromMs(new Date(2024, 11, 31, 23, 59, 59).getTime())).toBe('2024-12-31');
    expect(isoDateFromMs(new Date(2025, 0, 1, 0, 0, 1).getTime())).toBe('2025-01-01');
  });
});

describe('fixedClock', () => {
  it('stands still on the given day', () => {
    const clock = fixedClock('2024-06-15');
    expect(clock.today()).toBe('2024-06-15');
    expect(isoDateFromMs(clock.nowMs())).toBe('2024-06-15');
    expect(clock.nowMs()).toBe(clock.nowMs());
  });
});

describe('periodContains', () => {
  it('includes both the first and the last day', () => {
    expect(periodContains('2024-11-01', '2025-03-09', '2024-11-01')).toBe(true);
    expect(periodContains('2024-11-01', '2025-03-09', '2025-03-09')).toBe(true);
    expect(periodContains('2024-11-01', '2025-03-09', '2024-10-31')).toBe(false);
    expect(periodContains('2024-11-01', '2025-03-09', '2025-03-10')).toBe(false);
  });

  it('treats a missing end as open', () => {
    expect(periodContains('2024-06-01', null, '2199-12-31')).toBe(true);
    expect(periodContains('2024-06-01', null, '2024-05-31')).toBe(false);
  });
});

describe('periodsOverlap', () => {
  it('counts a shared single day as overlap', () => {
    expect(periodsOverlap('2024-01-01', '2024-12-31', '2024-12-31', null)).toBe(true);
  });

  it('does not count adjacent periods as overlapping', () => {
    expect(periodsOverlap('2024-01-01', '2024-12-31', '2025-01-01', null)).toBe(false);
    expect(periodsOverlap('2025-01-01', null, '2024-01-01', '2024-12-31')).toBe(false);
  });

  it('lets two open periods always overlap', () => {
    expect(periodsOverlap('2010-01-01', null, '2024-06-01', null)).toBe(true);
  });

  it('is symmetric and agrees with day-by-day containment', () => {
    const period = fc
      .tuple(isoDateArb, fc.option(isoDateArb, { nil: null }))
      .map(([a, b]) => (b !== null && b < a ? ([b, a] as const) : ([a, b] as const)));
    fc.assert(
      fc.property(period, period, isoDateArb, ([af, at], [bf, bt], day) => {
        const overlap = periodsOverlap(af, at, bf, bt);
        expect(periodsOverlap(bf, bt, af, at)).toBe(overlap);
        // A day in both periods proves overlap.
        if (periodContains(af, at, day) && periodContains(bf, bt, day)) {
          expect(overlap).toBe(true);
        }
        // The later start is in both periods whenever they overlap.
        const later = af > bf ? af : bf;
        expect(periodContains(af, at, later) && periodContains(bf, bt, later)).toBe(overlap);
      }),
    );
  });
});
