/**
 * Files that are SQLite but not (or no longer) this app's: a foreign program's database at the
 * data path, a data file or backup whose triggers were dropped, and the INSERT OR REPLACE
 * bypass of the append-only and year-lock triggers on a connection with recursive_triggers=OFF.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCoreOrRecovery, startCore, type Core, type RecoveryCore } from '../../src-main/core';
import { openDatabase } from '../../src-main/platform/database';
import { LOG_FILE_NAME, LOG_FOLDER_NAME } from '../../src-main/platform/file-log';
import { centreInput, MIGRATIONS_DIR } from '../helpers/db';
import { coreApi, fill2024, safetyEnv, sha256File, type SafetyEnv } from '../helpers/safety';

let env: SafetyEnv;
let running: (Core | RecoveryCore)[] = [];

beforeEach(() => {
  env = safetyEnv();
  running = [];
});
afterEach(() => {
  for (const c of running) c.close();
  env.cleanup();
});

function open(): Core | RecoveryCore {
  const c = openCoreOrRecovery(env.options);
  running.push(c);
  return c;
}

/** A file another program made: a rollback-journal SQLite database with its own tables. */
function foreignFile(file: string, clashingTable: boolean): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const raw = new Database(file);
  raw.exec(`create table kunder (id integer primary key, navn text not null);
            insert into kunder (navn) values ('Eksempel AS'), ('Prøve ASA');`);
  if (clashingTable) {
    // Same name as one of the app's tables, different columns.
    raw.exec(`create table organisations (id integer primary key, tittel text);
              insert into organisations (tittel) values ('ikke vår');`);
  }
  raw.close();
}

describe('a foreign SQLite file at the data path', () => {
  it.each([
    ['without a clashing table name', false],
    ['with a table named like one of the app’s', true],
  ])('%s opens recovery mode and is left untouched (no WAL, same bytes)', async (_l, clash) => {
    foreignFile(env.dataFile, clash);
    const hash = sha256File(env.dataFile);
    const dirBefore = fs.readdirSync(env.dataDir).sort();

    const app = open();

    expect(app.mode).toBe('recovery');
    const recovery = app as RecoveryCore;
    expect(recovery.problem.kind).toBe('foreign');
    expect(recovery.problem.message).toMatch(/annet program/);
    expect(await coreApi(recovery).call('backups.status', {})).toMatchObject({
      mode: 'recovery',
    });
    expect(sha256File(env.dataFile)).toBe(hash);
    // Nothing beside the file (no -wal, -shm or -journal); only the production log says why.
    const dirAfter = fs.readdirSync(env.dataDir).filter((n) => n !== LOG_FOLDER_NAME);
    expect(dirAfter.sort()).toEqual(dirBefore);
    expect(
      fs.readFileSync(path.join(env.dataDir, LOG_FOLDER_NAME, LOG_FILE_NAME), 'utf8'),
    ).toContain('ERROR The data file cannot be opened; serving backups only (recovery)');
    // Bytes 18–19 are 1 (rollback journal); WAL would have made them 2.
    const header = fs.readFileSync(env.dataFile).subarray(18, 20);
    expect([...header]).toEqual([1, 1]);
    const raw = new Database(env.dataFile, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('delete');
    raw.close();
  });

  it('an empty SQLite file (no tables) is still initialised as a new database', () => {
    fs.mkdirSync(env.dataDir, { recursive: true });
    const raw = new Database(env.dataFile);
    raw.pragma('user_version = 0');
    raw.exec('create table t (x); drop table t;');
    raw.close();
    expect(fs.statSync(env.dataFile).size).toBeGreaterThan(0);
    expect(open().mode).toBe('normal');
  });
});

/** A data file with a centre and a verified backup of it; the core is closed. */
async function dataWithBackup(): Promise<string> {
  const core = startCore(env.options);
  const api = coreApi(core);
  await api.call('centres.create', centreInput('alta', { joinedDate: '2024-06-01' }));
  const backup = await api.call('backups.create', {});
  core.close();
  env.clock.advance(60_000);
  return backup.fileName;
}

function dropTrigger(file: string, trigger: string): void {
  const raw = new Database(file);
  raw.exec(`drop trigger ${trigger}`);
  raw.close();
}

describe('a data file or backup whose triggers were dropped', () => {
  it('a data file without the movement ledger’s trigger opens recovery mode', async () => {
    await dataWithBackup();
    dropTrigger(env.dataFile, 'movements_no_update');
    const hash = sha256File(env.dataFile);

    const app = open();

    expect(app.mode).toBe('recovery');
    const recovery = app as RecoveryCore;
    expect(recovery.problem.kind).toBe('schema');
    expect(recovery.problem.message).toMatch(/stemmer ikke/);
    expect(recovery.problem.message).toContain('movements_no_update');
    expect(sha256File(env.dataFile)).toBe(hash);
  });

  it('a data file whose trigger was altered (same name, no refusal) opens recovery mode', async () => {
    await dataWithBackup();
    const raw = new Database(env.dataFile);
    raw.exec(`drop trigger movements_no_delete;
              create trigger movements_no_delete before delete on movements begin select 1; end;`);
    raw.close();
    const app = open();
    expect(app.mode).toBe('recovery');
    expect((app as RecoveryCore).problem.message).toMatch(/endret regel «movements_no_delete»/);
  });

  it('a data file with an extra index opens recovery mode', async () => {
    await dataWithBackup();
    const raw = new Database(env.dataFile);
    raw.exec('create index ekstra_idx on movements (note)');
    raw.close();
    const app = open();
    expect(app.mode).toBe('recovery');
    expect((app as RecoveryCore).problem.message).toMatch(/ukjent indeks «ekstra_idx»/);
  });

  it('a trigger-stripped backup with a matching sidecar is refused for restore', async () => {
    const fileName = await dataWithBackup();
    const backup = path.join(env.backupDir, fileName);
    dropTrigger(backup, 'fiscal_years_no_delete');
    // The sidecar is made to match the stripped file, as someone tampering would.
    const sidecarFile = `${backup}.json`;
    const sidecar = JSON.parse(fs.readFileSync(sidecarFile, 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(
      sidecarFile,
      JSON.stringify({
        ...sidecar,
        sha256: sha256File(backup),
        sizeBytes: fs.statSync(backup).size,
      }),
    );

    const core = startCore({ ...env.options, backups: { atStartup: false, daily: false } });
    running.push(core);
    const api = coreApi(core);
    await api.call('centres.create', centreInput('gjovik', { joinedDate: '2010-01-01' }));
    const dataHash = () => {
      core.database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
      return sha256File(env.dataFile);
    };
    const before = dataHash();

    const inspection = await api.call('backups.inspect', { fileName });
    expect(inspection.problem).toMatch(/stemmer ikke.*fiscal_years_no_delete/);
    const error = await api.fail('backups.restore', { fileName, confirmed: true });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(/kan ikke gjenopprettes/);
    expect(error.message).toContain('fiscal_years_no_delete');
    expect((await api.call('centres.list', {})).rows.map((c) => c.name)).toHaveLength(2);
    expect(dataHash()).toBe(before);
  });
});

describe('INSERT OR REPLACE on a plain connection (recursive_triggers=OFF)', () => {
  let file: string;

  beforeEach(() => {
    fs.mkdirSync(env.dataDir, { recursive: true });
    file = env.dataFile;
    const opened = openDatabase(file, MIGRATIONS_DIR);
    fill2024(opened.sqlite, { centres: 3, grants: 2, movements: 10 });
    const now = 0;
    opened.sqlite.exec(`
      insert into movements (grant_id, date, type, amount_ore, created_at_ms, actor)
        values (1, '2024-05-02', 'received', 100000000, ${now}, 'administrasjonsleder');
      insert into audit_log (at_ms, actor, entity, entity_id, action) values (0, 'a', 'centre', 1, 'create');
      insert into allocation_rounds (grant_id, name, created_at_ms, updated_at_ms) values (1, 'Runde', 0, 0);
      insert into allocations (round_id, centre_id, applied_ore, report_status, created_at_ms, updated_at_ms)
        values (1, 1, 5000, 'venter', 0, 0);
      insert into grant_year_splits (grant_id, year, amount_ore) values (1, 2024, 1000);
      insert into balance_decisions (grant_id, year, decision, amount_ore, note, actor, created_at_ms, updated_at_ms)
        values (1, 2024, 'explained', 10, 'Forklart', 'a', 0, 0);
      insert into checklist_exceptions (year, item_key, reason, actor, created_at_ms)
        values (2024, 'x', 'Grunn', 'a', 0);
      insert into fiscal_year_events (year, action, at_ms, actor) values (2023, 'close', 0, 'a');
      insert into fiscal_years (year, status, closed_at_ms, closed_by, updated_at_ms)
        values (2023, 'closed', 0, 'a', 0);
    `);
    opened.close();
  });

  function plain(): Database.Database {
    const raw = new Database(file);
    raw.pragma('recursive_triggers = OFF');
    expect(raw.pragma('recursive_triggers', { simple: true })).toBe(0);
    return raw;
  }

  it('cannot replace a 1 000 000 kr movement with a 1-øre row', () => {
    const raw = plain();
    try {
      const big = raw
        .prepare('select * from movements where amount_ore = 100000000')
        .get() as Record<string, unknown>;
      expect(() =>
        raw
          .prepare(
            `insert or replace into movements (id, grant_id, date, type, amount_ore, created_at_ms, actor)
             values (?, 1, '2024-05-02', 'received', 1, 0, 'noen')`,
          )
          .run(big.id),
      ).toThrow(/append-only/);
      expect(() =>
        raw
          .prepare(
            `replace into movements (id, grant_id, date, type, amount_ore, created_at_ms, actor)
             values (?, 1, '2024-05-02', 'received', 1, 0, 'noen')`,
          )
          .run(big.id),
      ).toThrow(/append-only/);
      expect(raw.prepare('select * from movements where id = ?').get(big.id)).toEqual(big);
    } finally {
      raw.close();
    }
  });

  it('refuses REPLACE over an existing key on every append-only or year-locked table', () => {
    const raw = plain();
    try {
      const tables: [table: string, keyOnly: string][] = [
        ['audit_log', 'id'],
        ['movements', 'id'],
        ['fiscal_year_events', 'id'],
        ['fiscal_years', 'year'],
        ['grants', 'id'],
        ['allocations', 'id'],
        ['grant_year_splits', 'id'],
        ['balance_decisions', 'id'],
        ['checklist_exceptions', 'id'],
      ];
      for (const [table, key] of tables) {
        const row = raw.prepare(`select * from ${table} order by ${key} limit 1`).get() as Record<
          string,
          unknown
        >;
        expect(row, table).toBeDefined();
        const before = raw.prepare(`select * from ${table} order by rowid`).all();
        const cols = Object.keys(row);
        const sql = `insert or replace into ${table} (${cols.join(', ')}) values (${cols
          .map(() => '?')
          .join(', ')})`;
        expect(() => raw.prepare(sql).run(...cols.map((c) => row[c])), table).toThrow();
        expect(raw.prepare(`select * from ${table} order by rowid`).all(), table).toEqual(before);
      }
      // A unique key other than the primary key: a second application of the same centre.
      expect(() =>
        raw
          .prepare(
            `insert or replace into allocations (round_id, centre_id, applied_ore, report_status,
                                                 created_at_ms, updated_at_ms)
             values (1, 1, 1, 'venter', 0, 0)`,
          )
          .run(),
      ).toThrow(/allocations/);
      expect(
        (raw.prepare('select applied_ore from allocations').get() as { applied_ore: number })
          .applied_ore,
      ).toBe(5000);
      // Reopening a closed year by replacing its row (no reopen event) is refused too.
      expect(() =>
        raw
          .prepare(
            `insert or replace into fiscal_years (year, status, updated_at_ms) values (2023, 'open', 0)`,
          )
          .run(),
      ).toThrow(/fiscal_years/);
    } finally {
      raw.close();
    }
  });

  it('ordinary inserts with new keys still work on the plain connection', () => {
    const raw = plain();
    try {
      raw
        .prepare(
          `insert into movements (grant_id, date, type, amount_ore, created_at_ms, actor)
           values (1, '2024-07-01', 'received', 500, 0, 'a')`,
        )
        .run();
      raw
        .prepare(
          `insert into audit_log (at_ms, actor, entity, entity_id, action) values (1, 'a', 'x', 1, 'create')`,
        )
        .run();
    } finally {
      raw.close();
    }
  });
});
