/**
 * Property tests for issue 10.3/10.4 over the real services and a real SQLite file: random
 * sequences of award changes (corrections, top-ups, reductions), movements and reversals keep
 * the per-year balances equal to the ledger and closing(Y) = opening(Y+1); the award history
 * always adds up to the awarded total; and a suggested split always sums exactly to the award.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError } from '../../src-shared/api/errors';
import { suggestYearSplit, SPLIT_METHODS } from '../../src-shared/grants/year-split';
import { makeDispatch, type TestApi } from '../helpers/db';
import { awardedGrant, grantInput, seed2024, type Seed2024 } from '../helpers/grants';

const INTO = new Set(['received', 'transfer_in', 'returned_by_centre']);

const isoDate = (years: [number, number]) =>
  fc
    .record({
      y: fc.integer({ min: years[0], max: years[1] }),
      m: fc.integer({ min: 1, max: 12 }),
      d: fc.integer({ min: 1, max: 28 }),
    })
    .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);

type Op =
  | { kind: 'record'; type: 'received' | 'own_costs' | 'admin_share'; date: string; amount: number }
  | { kind: 'topUp'; date: string; change: number }
  | { kind: 'correct'; awarded: number; date: string }
  | { kind: 'reverse'; pick: number; date: string };

const date = isoDate([2023, 2026]);
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('record' as const),
    type: fc.constantFrom('received' as const, 'own_costs' as const, 'admin_share' as const),
    date,
    amount: fc.integer({ min: 1, max: 5_000_000 }),
  }),
  fc.record({
    kind: fc.constant('topUp' as const),
    date,
    change: fc.integer({ min: -3_000_000, max: 10_000_000 }).filter((v) => v !== 0),
  }),
  fc.record({
    kind: fc.constant('correct' as const),
    awarded: fc.integer({ min: 0, max: 50_000_000 }),
    date: isoDate([2023, 2023]),
  }),
  fc.record({ kind: fc.constant('reverse' as const), pick: fc.nat(), date }),
);

let api: TestApi;
let seed: Seed2024;
let counter = 0;
beforeAll(async () => {
  api = makeDispatch();
  seed = await seed2024(api);
});
afterAll(() => api.cleanup());

/** A refusal must be a clear CONFLICT or BAD_INPUT, never an internal error. */
async function tryCall(method: string, input: unknown): Promise<void> {
  const envelope = await api.dispatch(method as never, input as never);
  if (!envelope.ok) {
    const error = envelope.error as ApiError;
    expect(['CONFLICT', 'BAD_INPUT'], `${method}: ${error.message}`).toContain(error.code);
  }
}

async function apply(grantId: number, o: Op): Promise<void> {
  if (o.kind === 'record') {
    await tryCall('movements.record', { grantId, type: o.type, date: o.date, amountOre: o.amount });
  } else if (o.kind === 'topUp') {
    await tryCall('grants.addAwardChange', {
      id: grantId,
      changeOre: o.change,
      decisionDate: o.date,
      reference: `E-${o.date}`,
    });
  } else if (o.kind === 'correct') {
    await tryCall('grants.correctAward', {
      id: grantId,
      awardedOre: o.awarded,
      decisionDate: o.date,
      reason: 'Rettet etter vedtaksbrevet.',
    });
  } else {
    const list = (await api.call('movements.list', { grantId })).rows;
    const open = list.filter((m) => m.reversesId === null && m.reversedById === null);
    const target = open[o.pick % Math.max(open.length, 1)];
    if (target) {
      await tryCall('movements.reverse', {
        id: target.id,
        date: o.date < target.date ? target.date : o.date,
        reason: 'Feilført.',
      });
    }
  }
}

describe('award changes with movements (property)', () => {
  it('keep balances equal to the ledger, closing(Y) = opening(Y+1), and the history adding up', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1_000_000, max: 50_000_000 }),
        fc.integer({ min: 0, max: 1500 }),
        fc.array(op, { minLength: 1, maxLength: 14 }),
        async (award, adminBp, ops) => {
          const g0 = await awardedGrant(
            api,
            grantInput(seed.projects.voLinjen.id, seed.funders.bufdir.id, `Prop ${++counter}`, {
              periodFrom: '2023-01-01',
              periodTo: '2026-12-31',
              adminRule: 'percent',
              adminBasisPoints: adminBp,
            }),
            { awardedOre: award, decisionDate: '2023-01-01' },
          );
          for (const o of ops) await apply(g0.id, o);
          const g = await api.call('grants.get', { id: g0.id });
          const moves = (await api.call('movements.list', { grantId: g.id })).rows;

          // Per-year balances equal the ledger, computed here on their own.
          for (const b of g.balances) {
            let closing = 0;
            for (const m of moves) {
              if (Number(m.date.slice(0, 4)) <= b.year) {
                closing += (INTO.has(m.type) ? 1 : -1) * m.amountOre;
              }
            }
            expect(b.closingOre).toBe(closing);
          }
          for (let i = 1; i < g.balances.length; i++) {
            expect(g.balances[i]?.openingOre).toBe(g.balances[i - 1]?.closingOre);
          }
          // The history tells the awarded total, and the split sums to it exactly.
          const h = g.awardHistory;
          expect(h[h.length - 1]?.totalOre).toBe(g.awardedOre);
          expect(h.reduce((a, e) => a + e.changeOre, 0)).toBe(g.awardedOre);
          expect(g.yearSplits.reduce((a, s) => a + s.amountOre, 0)).toBe(g.awardedOre);
          expect(g.yearSplits.every((s) => s.amountOre >= 0)).toBe(true);
          // Admin share follows the total.
          expect(g.adminShareOre).toBe(Math.round(((g.awardedOre ?? 0) * adminBp) / 10000));
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('suggested splits (property)', () => {
  it('always sum exactly to the award, within the period, never negative', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000_000_000 }),
        isoDate([2020, 2030]),
        fc.integer({ min: 0, max: 2000 }),
        fc.option(fc.tuple(fc.integer({ min: -400, max: 800 }), fc.integer({ min: 0, max: 900 }))),
        isoDate([2019, 2031]),
        fc.constantFrom(...SPLIT_METHODS),
        (award, from, days, activity, decision, method) => {
          const to = new Date(Date.parse(`${from}T00:00:00Z`) + days * 86_400_000)
            .toISOString()
            .slice(0, 10);
          const shift = (d: number) =>
            new Date(Date.parse(`${from}T00:00:00Z`) + d * 86_400_000).toISOString().slice(0, 10);
          const parts = suggestYearSplit(
            {
              awardedOre: award,
              periodFrom: from,
              periodTo: to,
              activityFrom: activity ? shift(activity[0]) : null,
              activityTo: activity ? shift(activity[0] + activity[1]) : null,
              decisionDate: decision,
              editionYear: null,
            },
            method,
          );
          expect(parts.length).toBeGreaterThan(0);
          expect(parts.reduce((a, p) => a + p.amountOre, 0)).toBe(award);
          const first = Number(from.slice(0, 4));
          const last = Number(to.slice(0, 4));
          for (const p of parts) {
            expect(p.amountOre).toBeGreaterThanOrEqual(0);
            expect(Number.isSafeInteger(p.amountOre)).toBe(true);
            expect(p.year).toBeGreaterThanOrEqual(first);
            expect(p.year).toBeLessThanOrEqual(last);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
