/**
 * The pure grant arithmetic in src-shared/grants/rules.ts: admin share rounding, year
 * splits, year balances (invariant 2), the grant life-cycle and a grant's money figures.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  adminBaseOf,
  adminShareOf,
  canTransition,
  closingOf,
  GRANT_STATUSES,
  GRANT_TRANSITIONS,
  grantMoneyOf,
  MOVEMENT_TYPES,
  netOfType,
  splitAcrossYears,
  yearBalances,
  yearsOfPeriod,
  type LedgerEntry,
} from '../../src-shared/grants/rules';
import { kroner, MAX_ABS_ORE } from '../../src-shared/kernel/money';

/** Half away from zero, in BigInt: the reference the admin share must match. */
function referenceShare(amount: number, bp: number): number {
  const p = BigInt(amount) * BigInt(bp);
  const sign = p < 0n ? -1n : 1n;
  const abs = p * sign;
  return Number(((abs * 2n + 10_000n) / 20_000n) * sign);
}

const entry: fc.Arbitrary<LedgerEntry> = fc.record({
  date: fc
    .record({
      y: fc.integer({ min: 2023, max: 2026 }),
      m: fc.integer({ min: 1, max: 12 }),
      d: fc.integer({ min: 1, max: 28 }),
    })
    .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
  type: fc.constantFrom(...MOVEMENT_TYPES),
  amountOre: fc.integer({ min: -10_000_000_000, max: 10_000_000_000 }).filter((n) => n !== 0),
});

describe('adminShareOf', () => {
  it('percent: equals a BigInt reference of half-away-from-zero rounding', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: MAX_ABS_ORE }),
        fc.integer({ min: 0, max: 10_000 }),
        (base, bp) => {
          const share = adminShareOf(
            { adminRule: 'percent', adminBasisPoints: bp, adminFixedOre: null },
            base,
          );
          expect(share).toBe(referenceShare(base, bp));
          expect(share).toBeGreaterThanOrEqual(0);
          expect(share).toBeLessThanOrEqual(base);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('rounds half an øre up: 5 % of 1 832 639,50 kr … and the real cases', () => {
    const pct = (bp: number) => ({
      adminRule: 'percent' as const,
      adminBasisPoints: bp,
      adminFixedOre: null,
    });
    expect(adminShareOf(pct(500), 10)).toBe(1); // 0,5 øre → 1
    expect(adminShareOf(pct(500), 9)).toBe(0); // 0,45 øre → 0
    expect(adminShareOf(pct(500), kroner(1_832_639))).toBe(9_163_195);
    expect(adminShareOf(pct(1000), kroner(7_435_955))).toBe(kroner(743_595) + 50);
    expect(adminShareOf(pct(0), kroner(100))).toBe(0);
    expect(adminShareOf(pct(10_000), kroner(100))).toBe(kroner(100));
  });

  it('fixed gives the fixed amount and none gives 0, whatever the base', () => {
    expect(
      adminShareOf({ adminRule: 'fixed', adminBasisPoints: 500, adminFixedOre: kroner(75_000) }, 1),
    ).toBe(kroner(75_000));
    expect(
      adminShareOf({ adminRule: 'none', adminBasisPoints: 500, adminFixedOre: 100 }, kroner(1_000)),
    ).toBe(0);
  });
});

describe('splitAcrossYears', () => {
  it('always sums to the award, one part per year, parts differing by at most 1 øre', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: MAX_ABS_ORE }),
        fc.integer({ min: 1900, max: 2190 }),
        fc.integer({ min: 1, max: 10 }),
        (total, from, n) => {
          const years = Array.from({ length: n }, (_, i) => from + i);
          const parts = splitAcrossYears(total, years);
          expect(parts.map((p) => p.year)).toEqual(years);
          expect(parts.reduce((s, p) => s + p.amountOre, 0)).toBe(total);
          const amounts = parts.map((p) => p.amountOre);
          expect(Math.max(...amounts) - Math.min(...amounts)).toBeLessThanOrEqual(1);
          // Earlier years get the extra øre.
          for (let i = 1; i < amounts.length; i++) {
            expect(amounts[i]).toBeLessThanOrEqual(amounts[i - 1] ?? Infinity);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('KjøkkenKultur: 1 120 000 kr over 2023 and 2024 is 560 000 kr each', () => {
    expect(splitAcrossYears(kroner(1_120_000), [2023, 2024])).toEqual([
      { year: 2023, amountOre: kroner(560_000) },
      { year: 2024, amountOre: kroner(560_000) },
    ]);
    expect(splitAcrossYears(100, [2024, 2025, 2026]).map((p) => p.amountOre)).toEqual([34, 33, 33]);
  });
});

describe('yearsOfPeriod', () => {
  it('lists the years a period covers', () => {
    expect(yearsOfPeriod('2023-01-01', '2024-12-31')).toEqual([2023, 2024]);
    expect(yearsOfPeriod('2024-11-01', '2025-03-09')).toEqual([2024, 2025]);
    expect(yearsOfPeriod('2024-01-01', null)).toEqual([2024]);
    expect(yearsOfPeriod(null, '2024-01-01')).toEqual([]);
  });
});

describe('yearBalances', () => {
  it('satisfies invariant 2 in every year, and closing(Y) = opening(Y+1)', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 40 }), (entries) => {
        const rows = yearBalances(entries);
        for (const [i, row] of rows.entries()) {
          expect(row.closingOre).toBe(closingOf(row));
          if (i > 0) expect(row.openingOre).toBe(rows[i - 1]?.closingOre);
          const expected = entries
            .filter((e) => Number(e.date.slice(0, 4)) <= row.year)
            .reduce(
              (s, e) =>
                s +
                (['received', 'transfer_in', 'returned_by_centre'].includes(e.type)
                  ? e.amountOre
                  : -e.amountOre),
              0,
            );
          expect(row.closingOre).toBe(expected);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('adding a movement and its reversal leaves every year unchanged', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 20 }), entry, (entries, x) => {
        const range = { fromYear: 2023, toYear: 2026 };
        const before = yearBalances(entries, range);
        const after = yearBalances([...entries, x, { ...x, amountOre: -x.amountOre }], range);
        expect(after.map((r) => r.closingOre)).toEqual(before.map((r) => r.closingOre));
      }),
      { numRuns: 300 },
    );
  });

  it('carries a year without movements and sums earlier years into the opening', () => {
    const entries: LedgerEntry[] = [
      { date: '2023-02-01', type: 'received', amountOre: 1000 },
      { date: '2025-02-01', type: 'own_costs', amountOre: 400 },
    ];
    expect(yearBalances(entries).map((r) => [r.year, r.openingOre, r.closingOre])).toEqual([
      [2023, 0, 1000],
      [2024, 1000, 1000],
      [2025, 1000, 600],
    ]);
    expect(yearBalances(entries, { fromYear: 2025 })[0]?.openingOre).toBe(1000);
    expect(yearBalances([])).toEqual([]);
  });
});

describe('grant life-cycle', () => {
  it('only allows the listed transitions', () => {
    for (const from of GRANT_STATUSES) {
      for (const to of GRANT_STATUSES) {
        expect(canTransition(from, to)).toBe(GRANT_TRANSITIONS[from].includes(to));
      }
    }
    expect(canTransition('sokt', 'innvilget')).toBe(true);
    expect(canTransition('innvilget', 'sokt')).toBe(false);
    expect(canTransition('avsluttet', 'innvilget')).toBe(false);
  });
});

describe('grant money', () => {
  const rule = { adminRule: 'percent' as const, adminBasisPoints: 1000, adminFixedOre: null };

  it('Juleaksjonen 2024: 1 832 639 kr + 112 361 kr transferred in = 1 945 000 kr available', () => {
    const money = grantMoneyOf(
      {
        kssRole: 'forvalter',
        awardedOre: kroner(1_832_639),
        kssShareOre: null,
        adminRule: 'none',
        adminBasisPoints: null,
        adminFixedOre: null,
      },
      [{ date: '2024-10-15', type: 'transfer_in', amountOre: kroner(112_361) }],
    );
    expect(money).toEqual({
      baseOre: kroner(1_832_639),
      adminShareOre: 0,
      transferInOre: kroner(112_361),
      transferOutOre: 0,
      allocatedOre: 0,
      availableOre: kroner(1_945_000),
    });
  });

  it('uses KSS’s part as the base for «partner med andel», and nothing for a støttepartner', () => {
    const partner = {
      kssRole: 'partner' as const,
      awardedOre: kroner(1_000_000),
      kssShareOre: kroner(400_000),
      ...rule,
    };
    expect(adminBaseOf(partner)).toBe(kroner(400_000));
    expect(grantMoneyOf(partner, []).adminShareOre).toBe(kroner(40_000));
    expect(adminBaseOf({ ...partner, kssShareOre: null })).toBe(kroner(1_000_000));
    expect(adminBaseOf({ ...partner, kssRole: 'eier' })).toBe(kroner(1_000_000));
    expect(grantMoneyOf({ ...partner, kssRole: 'stottepartner' }, [])).toMatchObject({
      baseOre: 0,
      adminShareOre: 0,
      availableOre: 0,
    });
    expect(adminBaseOf({ ...partner, kssRole: 'forvalter', awardedOre: null })).toBe(0);
  });

  it('nets reversals into the transfer totals', () => {
    const entries: LedgerEntry[] = [
      { date: '2024-01-01', type: 'transfer_in', amountOre: 500 },
      { date: '2024-01-02', type: 'transfer_in', amountOre: -500 },
      { date: '2024-01-03', type: 'transfer_out', amountOre: 200 },
      { date: '2024-01-03', type: 'received', amountOre: 900 },
    ];
    const money = grantMoneyOf(
      { kssRole: 'eier', awardedOre: 1000, kssShareOre: null, ...rule },
      entries,
    );
    expect(money).toMatchObject({ transferInOre: 0, transferOutOre: 200, availableOre: 900 });
    expect(netOfType(entries, 'received')).toBe(900);
  });
});
