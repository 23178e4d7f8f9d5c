/**
 * What scripts/crashtest.mjs checks after every kill, in its own process: it opens the data
 * folder as the app would on the next start (the killed child's lock is taken over, the file is
 * probed read-only and opened with openDatabase), then checks
 *
 * - `PRAGMA integrity_check` is ok and `PRAGMA foreign_key_check` is empty;
 * - invariant 2 through the services' balances: per grant and year, opening + in − out =
 *   closing, each year opens with the previous year's closing, the last closing equals the
 *   ledger's signed sum, and no year ends below zero (the services refuse such movements);
 * - the ledger's links: a reversal mirrors its original, a transfer's two legs match;
 * - the change log has a create row for every movement;
 * - per round, the awards do not exceed the pot; per allocation, paid ≤ awarded and
 *   returned ≤ paid;
 * - every write the child reported as committed is there.
 */
import type Database from 'better-sqlite3';
import { closingOf } from '../../src-shared/grants/rules';
import { DATA_FILE_NAME } from '../../src-main/core';
import { openDatabase } from '../../src-main/platform/database';
import { acquireDataDirLock } from '../../src-main/platform/lock';
import { createServices } from '../../src-main/services';
import { systemClock } from '../../src-main/platform/context';
import type { Write } from './crash-protocol';

// The parent script imports only this bundle; it parses the child's lines the same way.
export { parseWrites, READY_LINE } from './crash-protocol';

export interface Verification {
  problems: string[];
  counts: { grants: number; movements: number; rounds: number; allocations: number; bytes: number };
}

const MAX_LISTED = 10;

export function verifyDataFolder(
  dataDir: string,
  migrationsDir: string,
  writes: readonly Write[],
): Verification {
  const problems: string[] = [];
  const problem = (text: string) => {
    if (problems.length < MAX_LISTED * 5) problems.push(text);
  };
  const counts = { grants: 0, movements: 0, rounds: 0, allocations: 0, bytes: 0 };

  let release: () => void;
  try {
    release = acquireDataDirLock(dataDir);
  } catch (error) {
    return { problems: [`the killed child's lock was not taken over: ${String(error)}`], counts };
  }
  try {
    let opened: ReturnType<typeof openDatabase>;
    try {
      opened = openDatabase(`${dataDir}/${DATA_FILE_NAME}`, migrationsDir);
    } catch (error) {
      return { problems: [`the data file does not open after the kill: ${String(error)}`], counts };
    }
    try {
      checkFile(opened.sqlite, problem);
      checkLedger(opened, problem, counts);
      checkAllocations(opened, problem, counts);
      checkReported(opened.sqlite, writes, problem);
      const pages = opened.sqlite.pragma('page_count', { simple: true }) as number;
      const size = opened.sqlite.pragma('page_size', { simple: true }) as number;
      counts.bytes = pages * size;
    } finally {
      opened.close();
    }
  } finally {
    release();
  }
  return { problems, counts };
}

type Problem = (text: string) => void;
type Opened = ReturnType<typeof openDatabase>;

function checkFile(sqlite: Database.Database, problem: Problem): void {
  const integrity = sqlite.pragma('integrity_check', { simple: true });
  if (integrity !== 'ok') problem(`integrity_check: ${String(integrity)}`);
  const fk = sqlite.pragma('foreign_key_check') as unknown[];
  if (fk.length > 0) problem(`foreign_key_check: ${JSON.stringify(fk.slice(0, MAX_LISTED))}`);
}

function checkLedger(opened: Opened, problem: Problem, counts: Verification['counts']): void {
  const { sqlite } = opened;
  const services = createServices({
    db: opened.db,
    sqlite,
    clock: systemClock,
    actor: 'krasjtest-kontroll',
  });
  const signed = new Map(
    (
      sqlite
        .prepare(
          `select grant_id as id,
                  sum(case when type in ('received', 'transfer_in', 'returned_by_centre')
                           then amount_ore else -amount_ore end) as total
             from movements group by grant_id`,
        )
        .all() as { id: number; total: number }[]
    ).map((r) => [r.id, r.total]),
  );
  const grantIds = (
    sqlite.prepare('select id from grants order by id').all() as { id: number }[]
  ).map((r) => r.id);
  counts.grants = grantIds.length;
  for (const grantId of grantIds) {
    const years = services.balances.forGrant({ grantId, fromYear: null, toYear: null });
    let previous: (typeof years)[number] | undefined;
    for (const row of years) {
      if (row.closingOre !== closingOf(row)) {
        problem(`grant ${grantId} ${row.year}: closing ${row.closingOre} ≠ ${closingOf(row)}`);
      }
      if (previous && row.openingOre !== previous.closingOre) {
        problem(
          `grant ${grantId} ${row.year}: opens at ${row.openingOre}, ${previous.year} closed at ${previous.closingOre}`,
        );
      }
      if (row.closingOre < 0)
        problem(`grant ${grantId} ends ${row.year} below zero: ${row.closingOre}`);
      previous = row;
    }
    const total = signed.get(grantId) ?? 0;
    if ((previous?.closingOre ?? 0) !== total) {
      problem(`grant ${grantId}: last closing ${previous?.closingOre ?? 0}, ledger sum ${total}`);
    }
  }

  counts.movements = (
    sqlite.prepare('select count(*) as n from movements').get() as { n: number }
  ).n;
  const unlogged = sqlite
    .prepare(
      `select m.id from movements m
        where not exists (select 1 from audit_log a where a.entity = 'movement'
                             and a.entity_id = m.id and a.action = 'create')
        limit ${MAX_LISTED}`,
    )
    .all() as { id: number }[];
  if (unlogged.length)
    problem(`movements without a change-log row: ${unlogged.map((r) => r.id).join(', ')}`);

  const badReversals = sqlite
    .prepare(
      `select r.id from movements r join movements o on o.id = r.reverses_id
        where r.grant_id <> o.grant_id or r.type <> o.type or r.amount_ore <> -o.amount_ore
        limit ${MAX_LISTED}`,
    )
    .all() as { id: number }[];
  if (badReversals.length)
    problem(
      `reversals that do not mirror their original: ${badReversals.map((r) => r.id).join(', ')}`,
    );

  const badTransfers = sqlite
    .prepare(
      `select i.id from movements i left join movements o on o.id = i.counterpart_id
        where i.type = 'transfer_in' and i.reverses_id is null
          and (o.id is null or o.type <> 'transfer_out' or o.amount_ore <> i.amount_ore
               or o.date <> i.date or o.grant_id = i.grant_id)
        limit ${MAX_LISTED}`,
    )
    .all() as { id: number }[];
  if (badTransfers.length)
    problem(`transfers without a matching out-leg: ${badTransfers.map((r) => r.id).join(', ')}`);
  const lonelyOut = sqlite
    .prepare(
      `select o.id from movements o
        where o.type = 'transfer_out' and o.reverses_id is null
          and not exists (select 1 from movements i where i.counterpart_id = o.id)
        limit ${MAX_LISTED}`,
    )
    .all() as { id: number }[];
  if (lonelyOut.length)
    problem(`transfer out-legs without an in-leg: ${lonelyOut.map((r) => r.id).join(', ')}`);
}

function checkAllocations(opened: Opened, problem: Problem, counts: Verification['counts']): void {
  const { sqlite } = opened;
  const services = createServices({
    db: opened.db,
    sqlite,
    clock: systemClock,
    actor: 'krasjtest-kontroll',
  });
  const rounds = [];
  for (let page = 1; ; page++) {
    const p = services.rounds.list({ search: null, sort: 'newest', page, pageSize: 200 });
    rounds.push(...p.rows);
    if (page * p.pageSize >= p.total) break;
  }
  counts.rounds = rounds.length;
  for (const r of rounds) {
    if (r.awardedTotalOre > r.potOre) {
      problem(`round ${r.id}: awarded ${r.awardedTotalOre} above the pot ${r.potOre}`);
    }
  }
  counts.allocations = (
    sqlite.prepare('select count(*) as n from allocations').get() as { n: number }
  ).n;
  const overpaid = sqlite
    .prepare(
      `select a.id, a.awarded_ore as awarded,
              coalesce(sum(case when m.type = 'paid_to_centre' then m.amount_ore end), 0) as paid,
              coalesce(sum(case when m.type = 'returned_by_centre' then m.amount_ore end), 0) as returned
         from allocations a left join movements m on m.allocation_id = a.id
        group by a.id
       having paid > coalesce(awarded, 0) or returned > paid or paid < 0 or returned < 0
        limit ${MAX_LISTED}`,
    )
    .all();
  if (overpaid.length)
    problem(`allocations paid above the award or returned above paid: ${JSON.stringify(overpaid)}`);
}

function checkReported(
  sqlite: Database.Database,
  writes: readonly Write[],
  problem: Problem,
): void {
  const q = {
    organisation: sqlite.prepare('select name from organisations where id = ?'),
    centre: sqlite.prepare('select 1 from member_centres where organisation_id = ?'),
    funder: sqlite.prepare('select 1 from funders where organisation_id = ?'),
    project: sqlite.prepare('select name from projects where id = ?'),
    grant: sqlite.prepare('select title, status, awarded_ore from grants where id = ?'),
    movement: sqlite.prepare('select grant_id, type, amount_ore from movements where id = ?'),
    round: sqlite.prepare('select grant_id from allocation_rounds where id = ?'),
    allocation: sqlite.prepare(
      'select round_id, centre_id, applied_ore, awarded_ore, decision_date from allocations where id = ?',
    ),
  };
  let missing = 0;
  const lost = (w: Write, found: unknown) => {
    missing++;
    if (missing <= MAX_LISTED)
      problem(`reported write lost: ${JSON.stringify(w)}; found ${JSON.stringify(found ?? null)}`);
  };
  for (const w of writes) {
    switch (w.k) {
      case 'centre':
      case 'funder': {
        const org = q.organisation.get(w.id) as { name: string } | undefined;
        const role = (w.k === 'centre' ? q.centre : q.funder).get(w.id);
        if (org?.name !== w.name || !role) lost(w, org);
        break;
      }
      case 'project': {
        const row = q.project.get(w.id) as { name: string } | undefined;
        if (row?.name !== w.name) lost(w, row);
        break;
      }
      case 'grant': {
        const row = q.grant.get(w.id) as { title: string } | undefined;
        if (row?.title !== w.title) lost(w, row);
        break;
      }
      case 'status': {
        const row = q.grant.get(w.id) as { status: string; awarded_ore: number | null } | undefined;
        // The child only moves a grant forward: utkast → søkt → innvilget.
        const ok =
          w.status === 'sokt'
            ? row?.status === 'sokt' || row?.status === 'innvilget'
            : row?.status === 'innvilget' && row.awarded_ore === w.awardedOre;
        if (!ok) lost(w, row);
        break;
      }
      case 'movement': {
        const row = q.movement.get(w.id) as
          { grant_id: number; type: string; amount_ore: number } | undefined;
        if (row?.grant_id !== w.grantId || row.type !== w.type || row.amount_ore !== w.amountOre) {
          lost(w, row);
        }
        break;
      }
      case 'round': {
        const row = q.round.get(w.id) as { grant_id: number } | undefined;
        if (row?.grant_id !== w.grantId) lost(w, row);
        break;
      }
      case 'application': {
        const row = q.allocation.get(w.id) as
          { round_id: number; centre_id: number; applied_ore: number } | undefined;
        if (
          row?.round_id !== w.roundId ||
          row.centre_id !== w.centreId ||
          row.applied_ore !== w.appliedOre
        ) {
          lost(w, row);
        }
        break;
      }
      case 'decision': {
        // The child decides each application once, so the award stays as reported.
        const row = q.allocation.get(w.id) as
          { awarded_ore: number | null; decision_date: string | null } | undefined;
        if (row?.awarded_ore !== w.awardedOre || row.decision_date !== w.decisionDate) lost(w, row);
        break;
      }
    }
  }
  if (missing > MAX_LISTED) problem(`… and ${missing - MAX_LISTED} more reported writes lost`);
}
