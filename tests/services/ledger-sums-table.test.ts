/**
 * `ledger_sums` (issue 14): the ledger summed per grant, year, type and centre award by a
 * trigger on movements. Property: after random sequences of receipts, admin share, own
 * costs, repayments (NOK and EUR), transfers, reversals, corrections, payouts to centres and
 * their returns through the services (accepted or refused), the table equals the same sums
 * computed from `movements` exactly. Direct INSERT, UPDATE and DELETE on it are refused, also
 * when they mimic the trigger, and the migration fills it from a ledger recorded before it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/platform/database';
import type { Grant, Round } from '../../src-shared/api/contract';
import { decideProportionally, juleaksjonenCase } from '../helpers/allocations';
import { makeDispatch, type TestApi } from '../helpers/db';
import { grantInput } from '../helpers/grants';
import { MIGRATIONS_DIR } from '../helpers/paths';
import { tempDir, type TempDir } from '../helpers/temp';

const RUNS = 40;

const TRUTH = `select grant_id as grantId, cast(substr(date, 1, 4) as integer) as year, type,
    coalesce(allocation_id, 0) as allocationId, sum(amount_ore) as amountOre,
    coalesce(sum(amount_eur_cents), 0) as eurCents, count(*) as count, max(id) as lastMovementId
  from movements group by 1, 2, 3, 4 order by 1, 2, 3, 4`;
const STORED = `select grant_id as grantId, year, type, allocation_id as allocationId,
    amount_ore as amountOre, eur_cents as eurCents, count, last_movement_id as lastMovementId
  from ledger_sums order by 1, 2, 3, 4`;

function expectExact(sqlite: Database.Database): void {
  const truth = sqlite.prepare(TRUTH).all();
  expect(truth.length).toBeGreaterThan(0);
  expect(sqlite.prepare(STORED).all()).toEqual(truth);
}

const date = fc
  .record({
    y: fc.integer({ min: 2023, max: 2026 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
  })
  .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
const amount = fc.integer({ min: 1, max: 40_000_000 });
const DIRECT = ['received', 'admin_share', 'own_costs', 'repaid'] as const;

type Op =
  | { kind: 'record'; eur: boolean; type: (typeof DIRECT)[number]; date: string; amountOre: number }
  | { kind: 'transfer'; date: string; amountOre: number }
  | { kind: 'reverse'; pick: number; correctedOre: number | null }
  | { kind: 'return'; pick: number; date: string; amountOre: number }
  | { kind: 'reversePayout'; pick: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('record' as const),
      eur: fc.boolean(),
      type: fc.constantFrom(...DIRECT),
      date,
      amountOre: amount,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('transfer' as const), date, amountOre: amount }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('reverse' as const),
      pick: fc.nat(),
      correctedOre: fc.option(amount, { nil: null }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('return' as const),
      pick: fc.nat(),
      date,
      amountOre: fc.integer({ min: 1, max: 2_000_000 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('reversePayout' as const), pick: fc.nat() }),
  },
);

/** A sequence with every kind of write: receipts (NOK and euro), a cost, a transfer, a
 * reversal with a corrected entry, a return from a centre and a reversed payout. */
const EVERY_KIND: Op[] = [
  { kind: 'record', eur: false, type: 'received', date: '2025-03-01', amountOre: 5_000_000 },
  // Corrected while nothing is spent: the reversal alone must not make the balance negative.
  { kind: 'reverse', pick: 0, correctedOre: 5_500_000 },
  { kind: 'record', eur: true, type: 'received', date: '2025-03-02', amountOre: 3_000_000 },
  { kind: 'record', eur: false, type: 'own_costs', date: '2025-03-03', amountOre: 400_000 },
  { kind: 'transfer', date: '2025-03-04', amountOre: 200_000 },
  { kind: 'return', pick: 0, date: '2025-03-05', amountOre: 10_000 },
  { kind: 'reversePayout', pick: 0 },
];

describe('ledger_sums kept by the trigger', () => {
  let api: TestApi;
  let round: Round;
  let pot: Grant;
  let projectId: number;
  let funderId: number;
  let n = 0;
  beforeAll(async () => {
    api = makeDispatch();
    const c = await juleaksjonenCase(api);
    round = await decideProportionally(api, c.round);
    await api.call('allocations.markPaid', {
      allocationIds: round.allocations.map((a) => a.id),
      date: '2024-11-05',
      voucherRef: 'B-2024-412',
    });
    pot = c.grant;
    projectId = c.seed.projects.voLinjen.id;
    funderId = c.seed.funders.bufdir.id;
  }, 60_000);
  afterAll(() => api.cleanup());

  async function grant(currency: 'NOK' | 'EUR'): Promise<Grant> {
    const created = await api.call(
      'grants.create',
      grantInput(projectId, funderId, `Summer ${++n}`, {
        appliedOre: 100_000_000,
        periodFrom: '2023-01-01',
        periodTo: '2026-12-31',
        adminRule: 'percent',
        adminBasisPoints: 1_000,
        currency,
      }),
    );
    await api.call('grants.setStatus', { id: created.id, status: 'sokt' });
    return api.call('grants.setStatus', {
      id: created.id,
      status: 'innvilget',
      awardedOre: 100_000_000,
      decisionDate: '2023-01-01',
      ...(currency === 'EUR' ? { awardedEurCents: 9_000_000 } : {}),
    });
  }

  async function reverseOne(grantId: number, pick: number, correctedOre: number | null) {
    const ledger = (await api.call('movements.list', { grantId })).rows;
    const open = ledger.filter((m) => m.reversesId === null && m.reversedById === null);
    const target = open[pick % Math.max(1, open.length)];
    if (!target) return;
    await api.dispatch('movements.reverse', {
      id: target.id,
      date: target.date,
      reason: 'Retting',
      ...(correctedOre !== null ? { correctedAmountOre: correctedOre } : {}),
    });
  }

  async function apply(o: Op, a: Grant, b: Grant, e: Grant): Promise<void> {
    if (o.kind === 'record') {
      const g = o.eur ? e : a;
      await api.dispatch('movements.record', {
        grantId: g.id,
        type: o.type,
        date: o.date,
        amountOre: o.amountOre,
        ...(o.eur && o.type === 'received' ? { amountEurCents: Math.ceil(o.amountOre / 11) } : {}),
        acknowledgeWarnings: true,
        reason: 'Egenskapstest',
      });
    } else if (o.kind === 'transfer') {
      await api.dispatch('movements.transfer', {
        fromGrantId: a.id,
        toGrantId: b.id,
        date: o.date,
        amountOre: o.amountOre,
        approvalRef: 'Godkjent',
        approvalDate: o.date,
      });
    } else if (o.kind === 'reverse') {
      await reverseOne(o.pick % 2 === 0 ? a.id : e.id, o.pick, o.correctedOre);
    } else if (o.kind === 'return') {
      const allocation = round.allocations[o.pick % round.allocations.length];
      if (!allocation) return;
      await api.dispatch('centreReports.recordReturn', {
        allocationId: allocation.id,
        date: o.date,
        amountOre: o.amountOre,
      });
    } else {
      await reverseOne(pot.id, o.pick, null);
    }
  }

  it('equals the sums of movements after any sequence of writes', async () => {
    expectExact(api.sqlite);
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 12 }), async (ops) => {
        const a = await grant('NOK');
        const b = await grant('NOK');
        const e = await grant('EUR');
        for (const o of ops) await apply(o, a, b, e);
        expectExact(api.sqlite);
      }),
      // One fixed sequence first with every kind of write, so the coverage checked below never
      // depends on what the random runs happened to draw.
      { numRuns: RUNS, examples: [[EVERY_KIND]] },
    );
    // The sequences did reach centre awards and euro cents (the keys the year-end reads).
    const kinds = api.sqlite
      .prepare(
        `select sum(allocation_id > 0) as awards, sum(eur_cents <> 0) as euro from ledger_sums`,
      )
      .get() as { awards: number; euro: number };
    expect(kinds.awards).toBeGreaterThan(0);
    expect(kinds.euro).toBeGreaterThan(0);
    // ... and every kind of write was saved at least once.
    const saved = api.sqlite
      .prepare(
        `select sum(corrects_id is not null) as corrections, sum(reverses_id is not null) as reversals,
           sum(type = 'returned_by_centre') as returns, sum(type = 'transfer_in') as transfers
         from movements`,
      )
      .get() as Record<string, number>;
    for (const [kind, count] of Object.entries(saved)) expect(count, kind).toBeGreaterThan(0);
  }, 300_000);

  it('refuses direct changes, also those that look like the trigger', async () => {
    const s = api.sqlite;
    const g = await grant('NOK');
    for (const day of ['2024-03-01', '2024-04-01']) {
      await api.call('movements.record', {
        grantId: g.id,
        type: 'received',
        date: day,
        amountOre: 1_000_000,
      });
    }
    const row = s
      .prepare(`select * from ledger_sums where count > 1 order by grant_id, type, year limit 1`)
      .get() as { grant_id: number; type: string; year: number; allocation_id: number };
    const key = `grant_id = ${row.grant_id} and type = '${row.type}' and year = ${row.year}
      and allocation_id = ${row.allocation_id}`;
    const newest = s
      .prepare(
        `select id, amount_ore as amountOre from movements where id =
           (select last_movement_id from ledger_sums where ${key})`,
      )
      .get() as { id: number; amountOre: number };
    const older = s
      .prepare(
        `select max(id) as id from movements where grant_id = ${row.grant_id} and type = '${row.type}'
           and substr(date, 1, 4) = '${row.year}' and coalesce(allocation_id, 0) = ${row.allocation_id}
           and id < ${newest.id}`,
      )
      .get() as { id: number };
    const refused = /ledger_sums is derived from movements/;
    const before = s.prepare(STORED).all();
    const attempts = [
      `update ledger_sums set amount_ore = amount_ore + 1 where ${key}`,
      `update ledger_sums set count = count + 1 where ${key}`,
      // Replays of a counted movement, the newest or an older one.
      `update ledger_sums set amount_ore = amount_ore + ${newest.amountOre}, count = count + 1
         where ${key}`,
      `update ledger_sums set amount_ore = amount_ore + (select amount_ore from movements where id = ${older.id}),
         count = count + 1, last_movement_id = ${older.id} where ${key}`,
      `update ledger_sums set year = year + 10 where ${key}`,
      `delete from ledger_sums where ${key}`,
      'delete from ledger_sums',
      `insert into ledger_sums (grant_id, year, type, allocation_id, amount_ore, eur_cents, count, last_movement_id)
         values (${row.grant_id}, 2099, 'received', 0, 100, 0, 1, ${newest.id})`,
      `insert into ledger_sums (grant_id, year, type, allocation_id, amount_ore, eur_cents, count, last_movement_id)
         values (${row.grant_id}, 2099, 'received', 0, 0, 0, 0, 0)`,
      `insert or replace into ledger_sums (grant_id, year, type, allocation_id, amount_ore, eur_cents, count, last_movement_id)
         values (${row.grant_id}, ${row.year}, '${row.type}', ${row.allocation_id}, 0, 0, 0, 0)`,
    ];
    for (const sql of attempts) expect(() => s.exec(sql), sql).toThrow(refused);
    expect(s.prepare(STORED).all()).toEqual(before);
    expectExact(s);
  });
});

describe('migration ledger_sums', () => {
  let tmp: TempDir;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.cleanup());

  interface Journal {
    entries: { tag: string }[];
  }

  /** The migrations up to (not including) the custom `ledger_sums` one. */
  function migrationsBefore(): string {
    const journal = JSON.parse(
      fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8'),
    ) as Journal;
    const at = journal.entries.findIndex((e) => /^\d+_ledger_sums$/.test(e.tag));
    expect(at).toBeGreaterThan(0);
    const dir = path.join(tmp.dir, 'migrations-before');
    fs.mkdirSync(path.join(dir, 'meta'), { recursive: true });
    const kept = journal.entries.slice(0, at);
    for (const e of kept) {
      fs.copyFileSync(path.join(MIGRATIONS_DIR, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
    }
    fs.writeFileSync(
      path.join(dir, 'meta', '_journal.json'),
      JSON.stringify({ ...journal, entries: kept }, null, 2),
    );
    return dir;
  }

  it('fills the table from the movements recorded before it, then keeps it', () => {
    const file = path.join(tmp.dir, 'data.sqlite');
    const old = openDatabase(file, migrationsBefore());
    old.sqlite.exec(`
      insert into organisations (id, name, name_key, created_at_ms, updated_at_ms)
        values (1, 'Gjensidigestiftelsen', 'gjensidigestiftelsen', 0, 0);
      insert into funders (organisation_id, funder_type) values (1, 'stiftelse');
      insert into projects (id, name, name_key, kind, kss_role, status, recurring, created_at_ms, updated_at_ms)
        values (1, 'Juleaksjonen', 'juleaksjonen', 'prosjekt', 'forvalter', 'aktiv', 1, 0, 0);
      insert into grants (id, project_id, funder_id, title, status, awarded_ore, decision_date, admin_rule, created_at_ms, updated_at_ms) values
        (1, 1, 1, 'Juleaksjonen 2023', 'innvilget', 100000, '2023-10-10', 'none', 0, 0),
        (2, 1, 1, 'Juleaksjonen 2024', 'innvilget', 100000, '2024-10-10', 'none', 0, 0);
      insert into movements (grant_id, date, type, amount_ore, allocation_id, amount_eur_cents, created_at_ms, actor) values
        (1, '2023-10-20', 'received', 60000, null, null, 0, 'x'),
        (1, '2023-11-20', 'received', 40000, null, 7, 0, 'x'),
        (1, '2024-01-05', 'own_costs', 500, null, null, 0, 'x'),
        (2, '2024-10-20', 'received', 100000, null, null, 0, 'x'),
        (2, '2024-11-05', 'paid_to_centre', 3000, 17, null, 0, 'x'),
        (2, '2024-11-06', 'paid_to_centre', 2000, 17, null, 0, 'x'),
        (2, '2024-11-05', 'paid_to_centre', 4000, 18, null, 0, 'x');
    `);
    old.close();
    const upgraded = openDatabase(file, MIGRATIONS_DIR);
    try {
      const s = upgraded.sqlite;
      expectExact(s);
      expect(s.prepare(STORED).all()).toContainEqual({
        grantId: 2,
        year: 2024,
        type: 'paid_to_centre',
        allocationId: 17,
        amountOre: 5000,
        eurCents: 0,
        count: 2,
        lastMovementId: 6,
      });
      s.exec(`insert into movements (grant_id, date, type, amount_ore, allocation_id, created_at_ms, actor)
        values (2, '2024-12-01', 'paid_to_centre', 1000, 17, 0, 'x'),
               (1, '2025-02-01', 'repaid', 300, null, 0, 'x')`);
      expectExact(s);
      expect(() => s.exec('delete from ledger_sums')).toThrow(/derived from movements/);
    } finally {
      upgraded.close();
    }
  });
});
