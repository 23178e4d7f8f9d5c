/**
 * The allocation views read rows, centre, round, grant and cash in one SQL statement
 * (`allocationViewRows`, issue 14). Property: after random sequences of payouts, reversals
 * (of payouts and of returns), returns and reminders on real SQLite, the cash that
 * rounds.get, allocations.byCentre and centreReports.overdue show for every allocation is
 * the one computed here movement by movement from the ledger's rows (net paid and returned;
 * the last payout that is neither a reversal nor reversed), equals `allocationCash` (the
 * per-allocation reader the writes use), and the overdue list picks exactly the awards whose
 * report is owed.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Allocation, Round } from '../../src-shared/api/contract';
import { allocationCash } from '../../src-main/allocations/queries';
import { allocationViewRows } from '../../src-main/allocations/view-rows';
import { decideProportionally, juleaksjonenCase } from '../helpers/allocations';
import { makeDispatch, type TestApi } from '../helpers/db';

const RUNS = 20;
const TODAY = '2025-05-10';
const day = fc
  .record({ m: fc.integer({ min: 0, max: 5 }), d: fc.integer({ min: 1, max: 28 }) })
  .map(({ m, d }) => {
    const [y, mm] = m < 2 ? [2024, 11 + m] : [2025, m - 1];
    return `${y}-${String(mm).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  });

type Op =
  | { kind: 'pay'; pick: number; date: string }
  | { kind: 'reverse'; pick: number }
  | { kind: 'return'; pick: number; date: string; share: number }
  | { kind: 'remind'; pick: number; date: string };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('pay' as const), pick: fc.nat(), date: day }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('reverse' as const), pick: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('return' as const),
      pick: fc.nat(),
      date: day,
      share: fc.integer({ min: 1, max: 100 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('remind' as const), pick: fc.nat(), date: day }),
  },
);

let api: TestApi;
let round: Round;
let grantId: number;
beforeAll(async () => {
  api = makeDispatch({ today: TODAY });
  const c = await juleaksjonenCase(api);
  grantId = c.grant.id;
  round = await decideProportionally(api, c.round);
});
afterAll(() => api.cleanup());

/** A ledger row as stored (the contract's Movement does not carry the allocation). */
interface Moved {
  id: number;
  type: string;
  amountOre: number;
  date: string;
  reversesId: number | null;
  allocationId: number | null;
}

function ledgerRows(): Moved[] {
  return api.sqlite
    .prepare(
      `select id, type, amount_ore as amountOre, date, reverses_id as reversesId,
         allocation_id as allocationId from movements where grant_id = ? order by id`,
    )
    .all(grantId) as Moved[];
}

const pick = <T>(list: readonly T[], n: number): T | undefined =>
  list[n % Math.max(1, list.length)];

/** Applies one operation; a refusal (a rule of the domain) is part of the sequence too. */
async function apply(o: Op, ledger: readonly Moved[]): Promise<void> {
  const a = pick(round.allocations, o.pick);
  if (!a) return;
  if (o.kind === 'pay') {
    await api.dispatch('allocations.markPaid', { allocationIds: [a.id], date: o.date });
  } else if (o.kind === 'reverse') {
    const open = ledger.filter(
      (m) =>
        (m.type === 'paid_to_centre' || m.type === 'returned_by_centre') &&
        m.reversesId === null &&
        !ledger.some((x) => x.reversesId === m.id),
    );
    const m = pick(open, o.pick);
    if (m) await api.dispatch('movements.reverse', { id: m.id, reason: 'Feil beløp.' });
  } else if (o.kind === 'return') {
    const paid = expectedCash(ledger, a.id).paidOre;
    const amountOre = Math.floor((paid * o.share) / 400);
    if (amountOre > 0) {
      await api.dispatch('centreReports.recordReturn', {
        allocationId: a.id,
        date: o.date,
        amountOre,
      });
    }
  } else {
    await api.dispatch('centreReports.markReminded', { allocationId: a.id, date: o.date });
  }
}

/** The cash of one allocation, movement by movement. */
function expectedCash(ledger: readonly Moved[], allocationId: number) {
  const mine = ledger.filter((m) => m.allocationId === allocationId);
  const sum = (type: string) =>
    mine.filter((m) => m.type === type).reduce((s, m) => s + m.amountOre, 0);
  const standing = mine
    .filter(
      (m) =>
        m.type === 'paid_to_centre' &&
        m.reversesId === null &&
        !mine.some((x) => x.reversesId === m.id),
    )
    .map((m) => m.date)
    .sort();
  return {
    paidOre: sum('paid_to_centre'),
    returnedOre: sum('returned_by_centre'),
    lastPaidDate: standing[standing.length - 1] ?? null,
    firstPaidDate: standing[0] ?? null,
  };
}

const cashOf = (a: Pick<Allocation, 'paidOre' | 'returnedOre' | 'lastPaidDate'>) => ({
  paidOre: a.paidOre,
  returnedOre: a.returnedOre,
  lastPaidDate: a.lastPaidDate,
});

async function checkViews(ledger: readonly Moved[]): Promise<void> {
  const got = await api.call('rounds.get', { id: round.id });
  const ids = got.allocations.map((a) => a.id);
  const old = allocationCash(api.core.database.db, ids);
  const rows = new Map(
    allocationViewRows(api.sqlite, { round: round.id }).map((r) => [r.id, r] as const),
  );
  for (const a of got.allocations) {
    const want = expectedCash(ledger, a.id);
    expect(cashOf(a)).toEqual(cashOf(want));
    const row = rows.get(a.id);
    const { paidOre, returnedOre, lastPaidDate, firstPaidDate } = old.get(a.id) ?? {
      paidOre: 0,
      returnedOre: 0,
      lastPaidDate: null,
      firstPaidDate: null,
    };
    expect({ paidOre, returnedOre, lastPaidDate, firstPaidDate }).toEqual(want);
    expect({
      paidOre: row?.paidOre,
      returnedOre: row?.returnedOre,
      lastPaidDate: row?.lastPaidDate,
      firstPaidDate: row?.firstPaidDate,
    }).toEqual(want);
    const [byCentre] = await api.call('allocations.byCentre', { centreId: a.centreId });
    expect(byCentre).toEqual({ ...a, roundName: got.name, grantTitle: got.grantTitle });
  }
  for (const asOf of ['2025-04-30', '2025-05-01', '2026-01-01']) {
    const overdue = await api.call('centreReports.overdue', { asOf });
    const owed = got.allocations.filter(
      (a) =>
        (a.awardedOre ?? 0) > 0 &&
        a.reportDueDate !== null &&
        a.reportDueDate < asOf &&
        a.reportReceivedDate === null &&
        (a.reportStatus === 'venter' || a.reportStatus === 'purret'),
    );
    expect(overdue.map((o) => o.allocationId).sort((x, y) => x - y)).toEqual(
      owed.map((a) => a.id).sort((x, y) => x - y),
    );
    for (const o of overdue) {
      const a = owed.find((x) => x.id === o.allocationId);
      expect(o.reminderText).toContain(a?.centreName ?? '?');
    }
  }
}

describe('allocation views summed by SQLite', () => {
  it('show the cash of every allocation exactly as its movements give it', async () => {
    let seen = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 8 }), async (ops) => {
        for (const o of ops) {
          await apply(o, ledgerRows());
        }
        const ledger = ledgerRows();
        seen = Math.max(seen, ledger.filter((m) => m.reversesId !== null).length);
        await checkViews(ledger);
      }),
      { numRuns: RUNS, seed: 14 },
    );
    // The sequences did reverse payouts and returns (else the property proves too little).
    expect(seen).toBeGreaterThan(0);
  });
});
