/**
 * The crash-test child (scripts/crashtest.mjs bundles and starts it): opens the data folder as
 * the app does (the folder lock, then startCore with the real services and dispatch) and writes
 * at random until it is killed. After every write the dispatch answered `ok` (its transaction
 * has committed) it prints one line `W <json>` naming what was written, with a synchronous
 * write to stdout, so a reported write is one the parent may expect to find after the kill.
 *
 * Usage: node child.mjs <dataDir> <migrationsDir> <seed>
 */
import fs from 'node:fs';
import type { Input, Method, Output } from '../../src-shared/api/contract';
import { startCore } from '../../src-main/core';
import { acquireDataDirLock } from '../../src-main/platform/lock';
import { READY_LINE, WRITE_PREFIX, type Write } from './crash-protocol';

/** A child the parent forgot is never left writing for long. */
const MAX_RUN_MS = 30_000;

const [dataDir, migrationsDir, seedText] = process.argv.slice(2);
if (!dataDir || !migrationsDir || !seedText) {
  process.stderr.write('usage: child.mjs <dataDir> <migrationsDir> <seed>\n');
  process.exit(2);
}
const seed = Number(seedText);

/** mulberry32: a small seeded generator, so a failing run can be looked at again. */
function random(state: number): () => number {
  let a = state >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = random(seed);
const int = (min: number, max: number) => min + Math.floor(rnd() * (max - min + 1));
function pick<T>(items: readonly T[]): T | undefined {
  return items.length ? items[Math.floor(rnd() * items.length)] : undefined;
}
const DAY_MS = 24 * 60 * 60 * 1000;
/** A calendar date from `from` to `to` (both 'YYYY-MM-DD'). */
function dateBetween(from: string, to: string): string {
  const a = Date.parse(`${from}T00:00:00Z`) / DAY_MS;
  const b = Date.parse(`${to}T00:00:00Z`) / DAY_MS;
  return new Date(int(a, Math.max(a, b)) * DAY_MS).toISOString().slice(0, 10);
}
const kr = (kroner: number) => kroner * 100;

/** Synchronous, complete write to stdout (a pipe may take it in parts). */
function emit(line: string): void {
  const buf = Buffer.from(`${line}\n`);
  let offset = 0;
  while (offset < buf.length) {
    try {
      offset += fs.writeSync(1, buf, offset);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
    }
  }
}
const report = (write: Write) => emit(`${WRITE_PREFIX}${JSON.stringify(write)}`);

acquireDataDirLock(dataDir);
const core = startCore({
  dataDir,
  migrationsDir,
  appVersion: 'krasjtest',
  actor: 'krasjtest',
  backups: { atStartup: false, daily: false },
  logger: { error: (message, detail) => process.stderr.write(`${message}: ${String(detail)}\n`) },
});

/** Calls through the dispatch; null when refused. An internal error ends the child (a bug). */
async function call<M extends Method>(method: M, input: Input<M>): Promise<Output<M> | null> {
  const envelope = await core.dispatch(method, input);
  if (envelope.ok) return envelope.value as Output<M>;
  if (envelope.error.code === 'INTERNAL') {
    process.stderr.write(`INTERNAL from ${method} ${JSON.stringify(input)}\n`);
    process.exit(70);
  }
  return null;
}

function rows<T>(sql: string, ...params: unknown[]): T[] {
  return core.database.sqlite.prepare(sql).all(...params) as T[];
}
const count = (sql: string) => rows<{ n: number }>(sql)[0]?.n ?? 0;
const maxMovementId = () =>
  rows<{ m: number | null }>('select max(id) as m from movements')[0]?.m ?? 0;

/** Movements created since `afterId` (payouts and returns do not return their ids). */
function reportMovementsAfter(afterId: number): void {
  for (const m of rows<{ id: number; grant_id: number; type: string; amount_ore: number }>(
    'select id, grant_id, type, amount_ore from movements where id > ? order by id',
    afterId,
  )) {
    report({ k: 'movement', id: m.id, grantId: m.grant_id, type: m.type, amountOre: m.amount_ore });
  }
}

const tag = seed.toString(36);
let serial = 0;
const next = () => `${tag}-${++serial}`;

const awardedGrants = (role?: string) =>
  rows<{ id: number }>(
    `select g.id from grants g join projects p on p.id = g.project_id
      where g.status in ('innvilget', 'delvis_innvilget') and p.kss_role <> 'stottepartner'
      ${role ? `and p.kss_role = '${role}'` : ''}`,
  ).map((r) => r.id);

const ops: [weight: number, op: () => Promise<void>][] = [
  [
    3,
    async () => {
      if (count('select count(*) as n from member_centres') >= 60) return;
      const c = await call('centres.create', {
        name: `Krisesenter ${next()}`,
        driftsform: pick(['kommunalt', 'iks', 'stiftelse', 'ideell'] as const) ?? 'ideell',
        region: pick(['sor-ost', 'nord', 'midt-vest'] as const) ?? 'nord',
        joinedDate: '2020-01-01',
      });
      if (c) report({ k: 'centre', id: c.id, name: c.name });
    },
  ],
  [
    1,
    async () => {
      if (count('select count(*) as n from funders') >= 8) return;
      const f = await call('funders.create', {
        name: `Stiftelse ${next()}`,
        funderType: 'stiftelse',
      });
      if (f) report({ k: 'funder', id: f.id, name: f.name });
    },
  ],
  [
    1,
    async () => {
      if (count('select count(*) as n from projects') >= 12) return;
      const p = await call('projects.create', {
        name: `Prosjekt ${next()}`,
        kind: 'prosjekt',
        kssRole: pick(['forvalter', 'forvalter', 'eier'] as const) ?? 'forvalter',
        status: 'aktiv',
        recurring: false,
      });
      if (p) report({ k: 'project', id: p.id, name: p.name });
    },
  ],
  [
    2,
    async () => {
      if (awardedGrants().length >= 25) return;
      const funderId = pick(rows<{ id: number }>('select organisation_id as id from funders'))?.id;
      const projectId = pick(
        rows<{ id: number }>("select id from projects where kss_role <> 'stottepartner'"),
      )?.id;
      if (!funderId || !projectId) return;
      const percent = rnd() < 0.5;
      const g = await call('grants.create', {
        projectId,
        funderId,
        title: `Tilskudd ${next()}`,
        adminRule: percent ? 'percent' : 'none',
        ...(percent ? { adminBasisPoints: 500 } : {}),
      });
      if (!g) return;
      report({ k: 'grant', id: g.id, title: g.title });
      if (!(await call('grants.setStatus', { id: g.id, status: 'sokt' }))) return;
      report({ k: 'status', id: g.id, status: 'sokt', awardedOre: null });
      const awardedOre = kr(int(100_000, 3_000_000));
      const awarded = await call('grants.setStatus', {
        id: g.id,
        status: 'innvilget',
        awardedOre,
        decisionDate: dateBetween('2023-01-01', '2024-06-30'),
      });
      if (awarded) report({ k: 'status', id: g.id, status: 'innvilget', awardedOre });
    },
  ],
  [
    10,
    async () => {
      const grantId = pick(awardedGrants());
      if (!grantId) return;
      const [type, amountOre] = pick([
        ['received', kr(int(10_000, 500_000))],
        ['received', kr(int(10_000, 500_000))],
        ['received', kr(int(10_000, 500_000))],
        ['own_costs', kr(int(1_000, 100_000))],
        ['own_costs', kr(int(1_000, 100_000))],
        ['admin_share', kr(int(100, 20_000))],
        ['repaid', kr(int(100, 10_000))],
      ] as const) ?? ['received', 100];
      const m = await call('movements.record', {
        grantId,
        type,
        date: dateBetween('2023-01-01', '2025-12-31'),
        amountOre,
        voucherRef: `B-${next()}`,
        acknowledgeWarnings: true,
        reason: 'Krasjtest',
      });
      if (m) report({ k: 'movement', id: m.id, grantId, type: m.type, amountOre: m.amountOre });
    },
  ],
  [
    2,
    async () => {
      const original = pick(
        rows<{ id: number; date: string }>(
          `select m.id, m.date from movements m
            where m.reverses_id is null
              and not exists (select 1 from movements r where r.reverses_id = m.id)
            order by m.id desc limit 200`,
        ),
      );
      if (!original) return;
      const reversals = await call('movements.reverse', {
        id: original.id,
        // A correction lands in the original's year (issue 10.1).
        date: dateBetween(original.date, `${original.date.slice(0, 4)}-12-31`),
        reason: 'Feilført (krasjtest)',
      });
      for (const m of reversals ?? []) {
        report({
          k: 'movement',
          id: m.id,
          grantId: m.grantId,
          type: m.type,
          amountOre: m.amountOre,
        });
      }
    },
  ],
  [
    2,
    async () => {
      const grants = awardedGrants();
      const fromGrantId = pick(grants);
      const toGrantId = pick(grants.filter((g) => g !== fromGrantId));
      if (!fromGrantId || !toGrantId) return;
      const date = dateBetween('2023-06-01', '2025-12-31');
      const t = await call('movements.transfer', {
        fromGrantId,
        toGrantId,
        date,
        amountOre: kr(int(1_000, 50_000)),
        approvalRef: `GODKJ-${next()}`,
        approvalDate: date,
      });
      if (!t) return;
      for (const m of [t.out, t.in]) {
        report({
          k: 'movement',
          id: m.id,
          grantId: m.grantId,
          type: m.type,
          amountOre: m.amountOre,
        });
      }
    },
  ],
  [
    1,
    async () => {
      if (count('select count(*) as n from allocation_rounds') >= 10) return;
      const grantId = pick(awardedGrants('forvalter'));
      if (!grantId) return;
      const r = await call('rounds.create', { grantId, name: `Runde ${next()}` });
      if (r) report({ k: 'round', id: r.id, grantId });
    },
  ],
  [
    2,
    async () => {
      const roundId = pick(rows<{ id: number }>('select id from allocation_rounds'))?.id;
      if (!roundId) return;
      const free = rows<{ id: number }>(
        `select organisation_id as id from member_centres
          where organisation_id not in (select centre_id from allocations where round_id = ?)`,
        roundId,
      ).map((r) => r.id);
      const chosen = [...new Set([pick(free), pick(free), pick(free)])].filter(
        (id): id is number => id !== undefined,
      );
      if (!chosen.length) return;
      const applied = new Map(chosen.map((id) => [id, kr(int(5_000, 100_000))]));
      const r = await call('allocations.saveApplications', {
        roundId,
        rows: chosen.map((centreId) => ({ centreId, appliedOre: applied.get(centreId) ?? 0 })),
      });
      for (const a of r?.allocations ?? []) {
        const appliedOre = applied.get(a.centreId);
        if (appliedOre === undefined) continue;
        report({ k: 'application', id: a.id, roundId, centreId: a.centreId, appliedOre });
      }
    },
  ],
  [
    2,
    async () => {
      const roundId = pick(
        rows<{ id: number }>(
          'select distinct round_id as id from allocations where awarded_ore is null',
        ),
      )?.id;
      if (!roundId) return;
      const round = await call('rounds.get', { id: roundId });
      if (!round) return;
      const open = round.allocations.filter((a) => a.awardedOre === null);
      const share = Math.max(0, Math.floor(round.remainingOre / Math.max(1, open.length)));
      const awards = open.map((a) => ({
        allocationId: a.id,
        awardedOre: Math.min(a.appliedOre, share),
      }));
      const decisionDate = dateBetween('2024-01-01', '2024-12-31');
      if (!(await call('allocations.decide', { roundId, decisionDate, awards }))) return;
      for (const a of awards) {
        report({ k: 'decision', id: a.allocationId, awardedOre: a.awardedOre, decisionDate });
      }
    },
  ],
  [
    2,
    async () => {
      const due = rows<{ id: number; round_id: number; decision_date: string }>(
        `select a.id, a.round_id, a.decision_date from allocations a
          where a.awarded_ore > coalesce((select sum(m.amount_ore) from movements m
                 where m.allocation_id = a.id and m.type = 'paid_to_centre'), 0)`,
      );
      const roundId = pick(due)?.round_id;
      const list = due.filter((a) => a.round_id === roundId).slice(0, 5);
      if (!list.length) return;
      const latest =
        list
          .map((a) => a.decision_date)
          .sort()
          .at(-1) ?? '2024-12-31';
      const before = maxMovementId();
      const paid = await call('allocations.markPaid', {
        allocationIds: list.map((a) => a.id),
        date: dateBetween(latest, '2025-06-30'),
      });
      if (paid) reportMovementsAfter(before);
    },
  ],
  [
    1,
    async () => {
      const a = pick(
        rows<{ id: number; net: number; last: string }>(
          `select m.allocation_id as id, sum(case when m.type = 'paid_to_centre' then m.amount_ore
                                                  else -m.amount_ore end) as net,
                  max(m.date) as last
             from movements m
            where m.allocation_id is not null
            group by m.allocation_id
           having net > 0`,
        ),
      );
      if (!a) return;
      const before = maxMovementId();
      const returned = await call('centreReports.recordReturn', {
        allocationId: a.id,
        date: dateBetween(a.last, '2025-12-31'),
        amountOre: Math.min(a.net, kr(int(100, 5_000))),
      });
      if (returned) reportMovementsAfter(before);
    },
  ],
];

const totalWeight = ops.reduce((s, [w]) => s + w, 0);
function chooseOp(): () => Promise<void> {
  let x = rnd() * totalWeight;
  for (const [w, op] of ops) {
    x -= w;
    if (x < 0) return op;
  }
  return (ops[0] as [number, () => Promise<void>])[1];
}

emit(READY_LINE);
const started = Date.now();
while (Date.now() - started < MAX_RUN_MS) await chooseOp()();
core.close();
