/**
 * `round_sums` (issue 14): each round's allocations counted and summed (applied, awarded) and
 * the payouts and returns pointing at them, kept by triggers. Property: after random
 * sequences of new rounds, applications saved and removed, decisions, payouts, reversals and
 * returns through the services (accepted or refused), the table equals the same sums computed
 * from `allocation_rounds`, `allocations` and `movements` exactly. Direct INSERT, UPDATE and
 * DELETE that disagree with the source rows are refused, and the migration fills it from the
 * rounds recorded before it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/platform/database';
import type { Centre, Grant } from '../../src-shared/api/contract';
import { juleaksjonenCase } from '../helpers/allocations';
import { makeDispatch, type TestApi } from '../helpers/db';
import { MIGRATIONS_DIR } from '../helpers/paths';
import { tempDir, type TempDir } from '../helpers/temp';

const RUNS = 30;

const CASH = (type: string) => `(select coalesce(sum(m.amount_ore), 0) from allocations a
    join movements m on m.allocation_id = a.id where a.round_id = r.id and m.type = '${type}')`;
const TRUTH = `select r.id as roundId,
    (select count(*) from allocations a where a.round_id = r.id) as centreCount,
    (select coalesce(sum(a.applied_ore), 0) from allocations a where a.round_id = r.id) as appliedOre,
    (select coalesce(sum(a.awarded_ore), 0) from allocations a where a.round_id = r.id) as awardedOre,
    ${CASH('paid_to_centre')} as paidOre, ${CASH('returned_by_centre')} as returnedOre
  from allocation_rounds r order by r.id`;
const STORED = `select round_id as roundId, centre_count as centreCount, applied_ore as appliedOre,
    awarded_ore as awardedOre, paid_ore as paidOre, returned_ore as returnedOre
  from round_sums order by round_id`;

function expectExact(sqlite: Database.Database): void {
  const truth = sqlite.prepare(TRUTH).all();
  expect(truth.length).toBeGreaterThan(0);
  expect(sqlite.prepare(STORED).all()).toEqual(truth);
}

const day = fc
  .record({ m: fc.integer({ min: 0, max: 5 }), d: fc.integer({ min: 1, max: 28 }) })
  .map(({ m, d }) => {
    const [y, mm] = m < 2 ? [2024, 11 + m] : [2025, m - 1];
    return `${y}-${String(mm).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  });
const kr = fc.integer({ min: 0, max: 20_000_000 });

type Op =
  | { kind: 'round' }
  | { kind: 'apply'; pick: number; centres: number[]; appliedOre: number }
  | { kind: 'remove'; pick: number }
  | { kind: 'decide'; pick: number; awards: number[] }
  | { kind: 'pay'; pick: number; date: string }
  | { kind: 'reverse'; pick: number }
  | { kind: 'return'; pick: number; share: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('round' as const) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('apply' as const),
      pick: fc.nat(),
      centres: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
      appliedOre: kr,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('decide' as const),
      pick: fc.nat(),
      awards: fc.array(fc.integer({ min: 0, max: 2_000_000 }), { minLength: 1, maxLength: 6 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('pay' as const), pick: fc.nat(), date: day }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('reverse' as const), pick: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('return' as const),
      pick: fc.nat(),
      share: fc.integer({ min: 1, max: 100 }),
    }),
  },
);

const pick = <T>(list: readonly T[], n: number): T | undefined =>
  list[n % Math.max(1, list.length)];

describe('round_sums kept by triggers', () => {
  let api: TestApi;
  let grant: Grant;
  let centres: Centre[];
  let rounds = 1;
  beforeAll(async () => {
    api = makeDispatch({ today: '2025-05-10' });
    const c = await juleaksjonenCase(api);
    grant = c.grant;
    centres = Object.values(c.centres);
  }, 60_000);
  afterAll(() => api.cleanup());

  const ids = (sql: string, ...args: unknown[]) =>
    (api.sqlite.prepare(sql).all(...args) as { id: number }[]).map((r) => r.id);

  async function apply(o: Op): Promise<void> {
    const roundId = pick(
      ids('select id from allocation_rounds order by id'),
      o.kind === 'round' ? 0 : o.pick,
    );
    const allocationsOf = () =>
      ids('select id from allocations where round_id = ? order by id', roundId);
    if (o.kind === 'round') {
      await api.dispatch('rounds.create', { grantId: grant.id, name: `Runde ${++rounds}` });
    } else if (o.kind === 'apply') {
      const rows = [...new Set(o.centres.map((n) => pick(centres, n)?.id))].map((centreId) => ({
        centreId,
        appliedOre: o.appliedOre,
      }));
      await api.dispatch('allocations.saveApplications', { roundId, rows });
    } else if (o.kind === 'remove') {
      const id = pick(allocationsOf(), o.pick);
      if (id) await api.dispatch('allocations.removeApplication', { id, reason: 'Trukket.' });
    } else if (o.kind === 'decide') {
      const awards = allocationsOf().map((allocationId, i) => ({
        allocationId,
        awardedOre: o.awards[i % o.awards.length] ?? 0,
      }));
      await api.dispatch('allocations.decide', { roundId, decisionDate: '2024-10-20', awards });
    } else if (o.kind === 'pay') {
      const id = pick(allocationsOf(), o.pick);
      if (id) await api.dispatch('allocations.markPaid', { allocationIds: [id], date: o.date });
    } else if (o.kind === 'reverse') {
      const open = ids(
        `select id from movements m where allocation_id is not null and reverses_id is null
           and not exists (select 1 from movements x where x.reverses_id = m.id) order by id`,
      );
      const id = pick(open, o.pick);
      if (id) await api.dispatch('movements.reverse', { id, reason: 'Feil beløp.' });
    } else {
      // A return after the latest payout day, on an allocation that has been paid.
      const paid = api.sqlite
        .prepare(
          `select allocation_id as id, sum(amount_ore) as n from movements
            where type = 'paid_to_centre' group by allocation_id having n > 0 order by 1`,
        )
        .all() as { id: number; n: number }[];
      const hit = pick(paid, o.pick);
      const amountOre = Math.floor(((hit?.n ?? 0) * o.share) / 400);
      if (hit && amountOre > 0) {
        await api.dispatch('centreReports.recordReturn', {
          allocationId: hit.id,
          date: '2025-04-30',
          amountOre,
        });
      }
    }
  }

  it('equals the sums of the allocations and the ledger after any sequence of writes', async () => {
    expectExact(api.sqlite);
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 12 }), async (ops) => {
        for (const o of ops) await apply(o);
        expectExact(api.sqlite);
      }),
      { numRuns: RUNS, seed: 14 },
    );
    // No write was refused by the guards (a trigger out of step would show as an internal error).
    expect(api.logger.calls).toEqual([]);
    // Every kind of write was saved at least once (else the property proves too little).
    const saved = api.sqlite
      .prepare(
        `select (select count(*) from allocation_rounds) - 1 as rounds,
           (select count(*) from allocations where awarded_ore > 0) as awards,
           (select count(*) from audit_log where entity = 'allocation' and action = 'delete') as removed,
           (select count(*) from movements where type = 'paid_to_centre' and reverses_id is null) as payouts,
           (select count(*) from movements where allocation_id is not null and reverses_id is not null) as reversals,
           (select count(*) from movements where type = 'returned_by_centre') as returns`,
      )
      .get() as Record<string, number>;
    for (const [kind, count] of Object.entries(saved)) expect(count, kind).toBeGreaterThan(0);
  }, 300_000);

  it('refuses direct changes that disagree with the source rows', () => {
    const s = api.sqlite;
    const roundId = (
      s.prepare('select round_id as id from round_sums where paid_ore > 0 limit 1').get() as {
        id: number;
      }
    ).id;
    const refused = /round_sums is derived from the allocations and the ledger/;
    const before = s.prepare(STORED).all();
    const attempts = [
      `update round_sums set applied_ore = applied_ore + 1 where round_id = ${roundId}`,
      `update round_sums set centre_count = centre_count + 1 where round_id = ${roundId}`,
      `update round_sums set paid_ore = 0 where round_id = ${roundId}`,
      `update round_sums set round_id = round_id + 1000 where round_id = ${roundId}`,
      `delete from round_sums where round_id = ${roundId}`,
      'delete from round_sums',
      `insert into round_sums values (${roundId + 1000}, 0, 0, 0, 0, 0)`,
      `insert or replace into round_sums values (${roundId}, 0, 0, 0, 0, 0)`,
    ];
    for (const sql of attempts) expect(() => s.exec(sql), sql).toThrow(refused);
    expect(s.prepare(STORED).all()).toEqual(before);
    expectExact(s);
  });
});

describe('migration round_sums', () => {
  let tmp: TempDir;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.cleanup());

  /** The migrations up to (not including) the custom `round_sums` one. */
  function migrationsBefore(): string {
    const journal = JSON.parse(
      fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8'),
    ) as { entries: { tag: string }[] };
    const at = journal.entries.findIndex((e) => /^\d+_round_sums$/.test(e.tag));
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

  it('fills the table from the rounds recorded before it, then keeps it', () => {
    const file = path.join(tmp.dir, 'data.sqlite');
    const old = openDatabase(file, migrationsBefore());
    old.sqlite.exec(`
      insert into organisations (id, name, name_key, created_at_ms, updated_at_ms) values
        (1, 'Gjensidigestiftelsen', 'gjensidigestiftelsen', 0, 0),
        (2, 'Krisesenteret i Telemark', 'krisesenteret i telemark', 0, 0),
        (3, 'Krisesenteret i Salten', 'krisesenteret i salten', 0, 0);
      insert into funders (organisation_id, funder_type) values (1, 'stiftelse');
      insert into member_centres (organisation_id, region, driftsform) values
        (2, 'sor-ost', 'iks'), (3, 'nord', 'iks');
      insert into projects (id, name, name_key, kind, kss_role, status, recurring, created_at_ms, updated_at_ms)
        values (1, 'Juleaksjonen', 'juleaksjonen', 'prosjekt', 'forvalter', 'aktiv', 1, 0, 0);
      insert into grants (id, project_id, funder_id, title, status, awarded_ore, decision_date, admin_rule, created_at_ms, updated_at_ms)
        values (1, 1, 1, 'Juleaksjonen 2024', 'innvilget', 100000, '2024-10-10', 'none', 0, 0);
      insert into allocation_rounds (id, grant_id, name, created_at_ms, updated_at_ms) values
        (1, 1, 'JuleVinter', 0, 0), (2, 1, 'Tom runde', 0, 0);
      insert into allocations (id, round_id, centre_id, applied_ore, awarded_ore, report_status, created_at_ms, updated_at_ms) values
        (17, 1, 2, 5000, 4000, 'venter', 0, 0), (18, 1, 3, 3000, null, 'venter', 0, 0);
      insert into movements (grant_id, date, type, amount_ore, allocation_id, created_at_ms, actor) values
        (1, '2024-10-20', 'received', 100000, null, 0, 'x'),
        (1, '2024-11-05', 'paid_to_centre', 4000, 17, 0, 'x'),
        (1, '2024-12-05', 'returned_by_centre', 500, 17, 0, 'x');
    `);
    old.close();
    const upgraded = openDatabase(file, MIGRATIONS_DIR);
    try {
      const s = upgraded.sqlite;
      expectExact(s);
      expect(s.prepare(STORED).all()).toEqual([
        {
          roundId: 1,
          centreCount: 2,
          appliedOre: 8000,
          awardedOre: 4000,
          paidOre: 4000,
          returnedOre: 500,
        },
        { roundId: 2, centreCount: 0, appliedOre: 0, awardedOre: 0, paidOre: 0, returnedOre: 0 },
      ]);
      s.exec(`
        update allocations set awarded_ore = 2000 where id = 18;
        insert into movements (grant_id, date, type, amount_ore, allocation_id, created_at_ms, actor)
          values (1, '2024-11-06', 'paid_to_centre', 2000, 18, 0, 'x');
        insert into allocations (id, round_id, centre_id, applied_ore, report_status, created_at_ms, updated_at_ms)
          values (19, 2, 2, 700, 'venter', 0, 0);
        update allocations set round_id = 2 where id = 18;
        insert into allocation_rounds (id, grant_id, name, created_at_ms, updated_at_ms)
          values (3, 1, 'Sommer', 0, 0);
      `);
      expectExact(s);
      expect(s.prepare(STORED).all()).toContainEqual({
        roundId: 2,
        centreCount: 2,
        appliedOre: 3700,
        awardedOre: 2000,
        paidOre: 2000,
        returnedOre: 0,
      });
      s.exec('delete from allocation_rounds where id = 3');
      expectExact(s);
      expect(() => s.exec('delete from round_sums')).toThrow(/derived from the allocations/);
    } finally {
      upgraded.close();
    }
  });
});
