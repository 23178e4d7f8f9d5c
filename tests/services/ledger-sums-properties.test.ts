/**
 * The write checks and the grant page read the ledger summed per year and type by SQLite
 * (`ledgerSums`, issue 14) instead of every movement. Property: after random sequences of
 * receipts, admin share, own costs, repayments, transfers and reversals on real SQLite, every decision
 * (accepted or refused) is the one the full ledger gives, and the balances, received and
 * transfers shown equal sums over the full ledger (movements.list).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Movement } from '../../src-shared/api/contract';
import { grantMoneyOf, netOfType, yearBalances } from '../../src-shared/grants/rules';
import { makeDispatch, type TestApi } from '../helpers/db';
import { awardedGrant, grantInput, seed2024, type Seed2024 } from '../helpers/grants';

const RUNS = 25;
const year = fc.integer({ min: 2023, max: 2026 });
const date = fc
  .record({ y: year, m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) })
  .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
const amount = fc.integer({ min: 1, max: 40_000_000 });

type Op =
  | {
      kind: 'record';
      type: 'received' | 'admin_share' | 'own_costs' | 'repaid';
      date: string;
      amountOre: number;
    }
  | { kind: 'transfer'; date: string; amountOre: number }
  | { kind: 'reverse'; pick: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('record' as const),
      type: fc.constantFrom('received', 'admin_share', 'own_costs', 'repaid') as fc.Arbitrary<
        'received' | 'admin_share' | 'own_costs' | 'repaid'
      >,
      date,
      amountOre: amount,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('transfer' as const), date, amountOre: amount }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('reverse' as const), pick: fc.nat() }) },
);

let api: TestApi;
let seed: Seed2024;
let n = 0;
beforeAll(async () => {
  api = makeDispatch();
  seed = await seed2024(api);
});
afterAll(() => api.cleanup());

async function grant(basisPoints: number) {
  return awardedGrant(
    api,
    grantInput(seed.projects.voLinjen.id, seed.funders.bufdir.id, `Summer ${++n}`, {
      appliedOre: 100_000_000,
      periodFrom: '2023-01-01',
      periodTo: '2026-12-31',
      adminRule: 'percent',
      adminBasisPoints: basisPoints,
    }),
    { awardedOre: 100_000_000, decisionDate: '2023-01-01' },
  );
}

/** What the full ledger says of a direct movement: refused (a rule) or accepted. */
function expectedRefusal(
  g: Parameters<typeof grantMoneyOf>[0],
  ledger: readonly Movement[],
  o: Extract<Op, { kind: 'record' }>,
): boolean {
  if (o.type === 'admin_share') {
    const share = grantMoneyOf(g, ledger).adminShareOre;
    if (netOfType(ledger, 'admin_share') + o.amountOre > share) return true;
  }
  if (o.type === 'received') return false;
  const fromYear = Number(o.date.slice(0, 4));
  const entry = { date: o.date, type: o.type, amountOre: o.amountOre };
  return yearBalances([...ledger, entry], { fromYear }).some((r) => r.closingOre < 0);
}

describe('SQL sums of the ledger', () => {
  it('decide and show exactly what the full ledger does', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 2_000 }),
        fc.array(op, { maxLength: 14 }),
        async (bp, ops) => {
          const a = await grant(bp);
          const b = await grant(0);
          for (const o of ops) {
            const ledger = (await api.call('movements.list', { grantId: a.id })).rows;
            if (o.kind === 'record') {
              const r = await api.dispatch('movements.record', {
                grantId: a.id,
                type: o.type,
                date: o.date,
                amountOre: o.amountOre,
                acknowledgeWarnings: true,
                reason: 'Egenskapstest',
              });
              expect(!r.ok, `${JSON.stringify(o)}: ${r.ok ? 'lagret' : r.error.message}`).toBe(
                expectedRefusal(a, ledger, o),
              );
            } else if (o.kind === 'transfer') {
              const r = await api.dispatch('movements.transfer', {
                fromGrantId: a.id,
                toGrantId: b.id,
                date: o.date,
                amountOre: o.amountOre,
                approvalRef: 'Godkjent',
                approvalDate: o.date,
              });
              const entry = { date: o.date, type: 'transfer_out' as const, amountOre: o.amountOre };
              const fromYear = Number(o.date.slice(0, 4));
              const short = yearBalances([...ledger, entry], { fromYear }).some(
                (x) => x.closingOre < 0,
              );
              expect(!r.ok).toBe(short);
            } else {
              const open = ledger.filter((m) => m.reversesId === null && m.reversedById === null);
              const target = open[o.pick % Math.max(1, open.length)];
              if (target) {
                await api.dispatch('movements.reverse', {
                  id: target.id,
                  date: target.date,
                  reason: 'Retting',
                });
              }
            }
          }
          for (const id of [a.id, b.id]) {
            const ledger = (await api.call('movements.list', { grantId: id })).rows;
            const g = await api.call('grants.get', { id });
            const shown = await api.call('balances.forGrant', {
              grantId: id,
              fromYear: 2022,
              toYear: 2027,
            });
            expect(shown).toEqual(yearBalances(ledger, { fromYear: 2022, toYear: 2027 }));
            expect(g.balances).toEqual(yearBalances(ledger, { fromYear: 2023, toYear: 2026 }));
            expect(g.receivedOre).toBe(netOfType(ledger, 'received'));
            expect(g.transferInOre).toBe(netOfType(ledger, 'transfer_in'));
            expect(g.transferOutOre).toBe(netOfType(ledger, 'transfer_out'));
          }
        },
      ),
      { numRuns: RUNS },
    );
  }, 120_000);
});
