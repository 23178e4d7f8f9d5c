import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BACKUP_CHECK_INTERVAL_MS, startCore } from '../../src-main/core';
import { openDatabase } from '../../src-main/platform/database';
import {
  DEFAULT_RULES,
  isoWeekKey,
  planRotation,
  type RotationEntry,
} from '../../src-main/safety/backups';
import { observeRestoreSteps } from '../../src-main/platform/restore-safety';
import { centreInput, dumpDatabase, MIGRATIONS_DIR } from '../helpers/db';
import {
  coreApi,
  fill2024,
  safetyEnv,
  sha256File,
  startSafetyCore,
  type CoreApi,
  type SafetyEnv,
  writeSidecar,
} from '../helpers/safety';

const DAY = 24 * 60 * 60 * 1000;

let env: SafetyEnv;
let api: CoreApi | null;

beforeEach(() => {
  env = safetyEnv();
  api = null;
});
afterEach(() => {
  api?.core.close();
  env.cleanup();
});

function start(extra: Parameters<typeof startSafetyCore>[1] = {}): CoreApi {
  api = startSafetyCore(env, extra);
  return api;
}

function backupFiles(dir = env.backupDir): string[] {
  return fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((n) => n.endsWith('.sqlite'))
        .sort()
    : [];
}

function sidecar(file: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(`${file}.json`, 'utf8')) as Record<string, unknown>;
}

function centreNames(sqlite: Database.Database): string[] {
  return (
    sqlite.prepare('select name from organisations order by id').all() as { name: string }[]
  ).map((r) => r.name);
}

describe('backups.create', () => {
  it('takes a verified copy outside the data folder, named by time and reason', async () => {
    const { call } = start();
    await call('centres.create', centreInput('alta', { joinedDate: '2024-06-01' }));
    await call('centres.create', centreInput('gjovik', { joinedDate: '2010-01-01' }));

    const backup = await call('backups.create', {});

    expect(backup).toMatchObject({
      fileName: 'tilskudd_2024-06-15_12-00-00_manuell.sqlite',
      reason: 'manual',
      verified: true,
      counts: { centres: 2, grants: 0, movements: 0 },
      appVersion: '0.0.0-test',
    });
    const file = path.join(env.backupDir, backup.fileName);
    // The default folder is a sibling of the data folder, not inside it.
    expect(path.relative(env.dataDir, file).startsWith('..')).toBe(true);
    expect(fs.statSync(file).size).toBe(backup.sizeBytes);
    expect(sidecar(file)).toMatchObject({
      reason: 'manual',
      verified: true,
      integrity: 'ok',
      sha256: sha256File(file),
      counts: { centres: 2, grants: 0, movements: 0 },
    });
    // A self-contained file (rollback journal, not WAL) that passes integrity_check read-only.
    const copy = new Database(file, { readonly: true, fileMustExist: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
      expect(centreNames(copy)).toEqual(['Alta Krisesenter', 'Gjøvik Krisesenter IKS']);
    } finally {
      copy.close();
    }
    // Nothing half-written is left behind.
    expect(fs.readdirSync(env.backupDir).filter((n) => n.endsWith('.partial'))).toEqual([]);
  });

  it('includes writes that are still only in the WAL (a snapshot, not a file copy)', async () => {
    const { call, core } = start();
    core.database.sqlite.pragma('wal_autocheckpoint = 0');
    await call('centres.create', centreInput('bergen'));
    // The main file alone does not hold the centre yet.
    const walSize = fs.statSync(`${env.dataFile}-wal`).size;
    expect(walSize).toBeGreaterThan(0);

    const backup = await call('backups.create', {});
    expect(backup.counts.centres).toBe(1);
  });

  it('gives two copies in the same second different names', async () => {
    const { call } = start();
    const a = await call('backups.create', {});
    const b = await call('backups.create', {});
    expect(a.fileName).toBe('tilskudd_2024-06-15_12-00-00_manuell.sqlite');
    expect(b.fileName).toBe('tilskudd_2024-06-15_12-00-00-2_manuell.sqlite');
  });

  it('lists copies newest first with time, size, reason and verified', async () => {
    const { call } = start();
    await call('backups.create', {});
    env.clock.advance(60_000);
    await call('centres.create', centreInput('tromso'));
    await call('backups.create', {});
    const list = await call('backups.list', {});
    expect(list.map((b) => [b.fileName, b.verified, b.counts.centres])).toEqual([
      ['tilskudd_2024-06-15_12-01-00_manuell.sqlite', true, 1],
      ['tilskudd_2024-06-15_12-00-00_manuell.sqlite', true, 0],
    ]);
    expect(list.every((b) => b.sizeBytes > 0)).toBe(true);
  });

  it('ignores files in the folder that it did not write, and never deletes them', async () => {
    const { call } = start();
    fs.mkdirSync(env.backupDir, { recursive: true });
    fs.writeFileSync(path.join(env.backupDir, 'min-egen-kopi.sqlite'), 'privat');
    fs.writeFileSync(path.join(env.backupDir, 'tilskudd_2020-01-01_00-00-00_manuell.sqlite'), 'x');
    for (let i = 0; i < 12; i++) {
      await call('backups.create', {});
      env.clock.advanceDays(40);
    }
    const list = await call('backups.list', {});
    expect(list.some((b) => b.fileName.startsWith('tilskudd_2020'))).toBe(false);
    expect(fs.existsSync(path.join(env.backupDir, 'min-egen-kopi.sqlite'))).toBe(true);
    expect(
      fs.existsSync(path.join(env.backupDir, 'tilskudd_2020-01-01_00-00-00_manuell.sqlite')),
    ).toBe(true);
  });

  it('falls back to the default folder when the chosen one has gone', async () => {
    const { call } = start();
    const usb = path.join(env.root, 'minnepinne');
    await call('backups.setSettings', { folder: usb, ...DEFAULT_RULES });
    // The stick is pulled out and something else now has its name.
    fs.rmSync(usb, { recursive: true });
    fs.writeFileSync(usb, 'ikke en mappe');

    const backup = await call('backups.create', {});
    expect(fs.existsSync(path.join(env.backupDir, backup.fileName))).toBe(true);
    expect(env.logger.calls.some((c) => c.message.includes('failed'))).toBe(true);
  });
});

describe('backupBeforeRisk', () => {
  it('takes a verified copy whose name says what it was for', async () => {
    const { core } = start();
    const backup = core.backupBeforeRisk('pre-import');
    expect(backup.fileName).toBe('tilskudd_2024-06-15_12-00-00_for-import.sqlite');
    expect(backup.verified).toBe(true);
    expect(core.backupBeforeRisk('pre-year-close').reason).toBe('pre-year-close');
  });

  it('is reachable from the services through their context', () => {
    const { core } = start();
    expect(core.services.backups.backupBeforeRisk('pre-import').reason).toBe('pre-import');
  });
});

describe('backups at start-up and once a day', () => {
  it('copies an existing data file at start-up, but not a brand-new one', async () => {
    const first = startCore(env.options);
    expect(first.startupBackup).toBeNull();
    await coreApi(first).call('centres.create', centreInput('alta'));
    first.close();

    env.clock.advance(3_600_000);
    const second = start();
    expect(second.core.startupBackup).toMatchObject({
      fileName: 'tilskudd_2024-06-15_13-00-00_oppstart.sqlite',
      reason: 'startup',
      counts: { centres: 1 },
    });
  });

  it('takes the daily copy when the newest one is a day old, not before', async () => {
    const { core } = start();
    expect(core.runScheduledBackup()?.reason).toBe('daily');
    env.clock.advance(23 * 3_600_000);
    expect(core.runScheduledBackup()).toBeNull();
    env.clock.advance(3_600_000);
    expect(core.runScheduledBackup()).toMatchObject({
      fileName: 'tilskudd_2024-06-16_12-00-00_daglig.sqlite',
      reason: 'daily',
    });
  });

  it('runs the daily check from an hourly timer that does not keep the process alive', () => {
    vi.useFakeTimers();
    const unref = vi.spyOn(globalThis, 'setInterval');
    try {
      const core = startCore({ ...env.options, backups: { atStartup: false, daily: true } });
      api = coreApi(core);
      const timer = unref.mock.results[0]?.value as NodeJS.Timeout;
      expect(timer.hasRef()).toBe(false);
      expect(backupFiles()).toEqual([]);
      vi.advanceTimersByTime(BACKUP_CHECK_INTERVAL_MS);
      expect(backupFiles()).toEqual(['tilskudd_2024-06-15_12-00-00_daglig.sqlite']);
      core.close();
      env.clock.advance(2 * DAY);
      vi.advanceTimersByTime(BACKUP_CHECK_INTERVAL_MS * 3);
      // Closed: the timer is gone.
      expect(backupFiles()).toHaveLength(1);
    } finally {
      unref.mockRestore();
      vi.useRealTimers();
    }
  });

  it('copies the file before pending migrations change it', () => {
    // A data file made by an older version: only the first two migrations.
    const journal = JSON.parse(
      fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8'),
    ) as { entries: { tag: string }[] };
    const older = path.join(env.root, 'migrations-old');
    fs.mkdirSync(path.join(older, 'meta'), { recursive: true });
    const kept = journal.entries.slice(0, 2);
    for (const e of kept) {
      fs.copyFileSync(path.join(MIGRATIONS_DIR, `${e.tag}.sql`), path.join(older, `${e.tag}.sql`));
    }
    fs.writeFileSync(
      path.join(older, 'meta', '_journal.json'),
      JSON.stringify({ ...journal, entries: kept }),
    );
    fs.mkdirSync(env.dataDir, { recursive: true });
    const old = openDatabase(env.dataFile, older);
    old.sqlite
      .prepare(
        `insert into organisations (name, name_key, created_at_ms, updated_at_ms)
         values ('Alta Krisesenter', 'alta krisesenter', 0, 0)`,
      )
      .run();
    old.close();

    const { core } = start();
    const copy = core.migrationBackup;
    expect(copy).toMatchObject({ reason: 'pre-migration', verified: true });
    // It holds the file as it was: the data, and no tables from the later migrations.
    expect(copy?.counts.grants).toBeNull();
    const raw = new Database(path.join(env.backupDir, copy!.fileName), { readonly: true });
    try {
      expect(centreNames(raw)).toEqual(['Alta Krisesenter']);
      expect(
        (raw.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number }).n,
      ).toBe(2);
    } finally {
      raw.close();
    }
    // The start-up copy would say the same thing again, so it is not taken.
    expect(core.startupBackup).toBeNull();
  });
});

describe('rotation', () => {
  function daily(from: string, days: number, reason: RotationEntry['reason'] = 'startup') {
    const [y, m, d] = from.split('-').map(Number) as [number, number, number];
    return Array.from({ length: days }, (_, i) => {
      const ms = new Date(y, m - 1, d + i, 12).getTime();
      return { fileName: `${reason}-${i}`, createdAtMs: ms, reason };
    });
  }

  it('keeps 7 daily, 4 weekly and 12 monthly copies (newest of each)', () => {
    // One start-up copy a day, 1 January to 31 March 2024 (31 March is a Sunday).
    const entries = daily('2024-01-01', 91);
    const { keep, remove } = planRotation(entries, DEFAULT_RULES);
    const dates = keep.map((name) =>
      new Date(entries.find((e) => e.fileName === name)!.createdAtMs).toDateString(),
    );
    expect(dates).toEqual([
      'Sun Mar 31 2024',
      'Sat Mar 30 2024',
      'Fri Mar 29 2024',
      'Thu Mar 28 2024',
      'Wed Mar 27 2024',
      'Tue Mar 26 2024',
      'Mon Mar 25 2024', // 7 daily
      'Sun Mar 24 2024', // weekly: week 12
      'Sun Mar 17 2024', // week 11
      'Sun Mar 10 2024', // week 10
      'Thu Feb 29 2024', // monthly: February
      'Wed Jan 31 2024', // January
    ]);
    expect(remove).toHaveLength(91 - 12);
  });

  it('keeps one copy per month for a year, then lets the oldest go', () => {
    const entries = daily('2023-01-01', 500);
    const { keep } = planRotation(entries, DEFAULT_RULES);
    const months = new Set(
      keep.map((n) => {
        const d = new Date(entries.find((e) => e.fileName === n)!.createdAtMs);
        return `${d.getFullYear()}-${d.getMonth() + 1}`;
      }),
    );
    expect(months.size).toBe(12);
    expect(months.has('2023-1')).toBe(false);
  });

  it('also keeps the latest 10 manual and pre-operation copies, whatever their age', () => {
    const old = daily('2020-01-01', 15, 'manual').map((e, i) => ({
      ...e,
      reason: (i % 2 ? 'manual' : 'pre-import') as RotationEntry['reason'],
    }));
    const recent = daily('2024-01-01', 91);
    const { keep } = planRotation([...old, ...recent], DEFAULT_RULES);
    const keptOld = keep.filter((n) => n.startsWith('manual-'));
    expect(keptOld).toEqual([
      'manual-14',
      ...Array.from({ length: 9 }, (_, i) => `manual-${13 - i}`),
    ]);
  });

  it('always keeps the newest copy', () => {
    const { keep } = planRotation(daily('2024-01-01', 3), {
      keepDaily: 1,
      keepWeekly: 0,
      keepMonthly: 0,
      keepManual: 1,
    });
    expect(keep).toEqual(['startup-2']);
  });

  it('uses ISO weeks (a week starts on Monday; 30 Dec 2024 is in week 1 of 2025)', () => {
    expect(isoWeekKey(new Date(2024, 11, 29, 12).getTime())).toBe('2024-W52');
    expect(isoWeekKey(new Date(2024, 11, 30, 12).getTime())).toBe('2025-W01');
    expect(isoWeekKey(new Date(2021, 0, 3, 12).getTime())).toBe('2020-W53');
  });

  it('deletes exactly the copies the rule lets go from the folder (fake clock, 91 days)', () => {
    const { core } = start();
    env.clock.set(new Date(2024, 0, 1, 12).getTime());
    for (let day = 0; day < 91; day++) {
      expect(core.runScheduledBackup()).not.toBeNull();
      env.clock.advanceDays(1);
    }
    const files = backupFiles();
    expect(files).toEqual(
      [
        '2024-01-31',
        '2024-02-29',
        '2024-03-10',
        '2024-03-17',
        '2024-03-24',
        '2024-03-25',
        '2024-03-26',
        '2024-03-27',
        '2024-03-28',
        '2024-03-29',
        '2024-03-30',
        '2024-03-31',
      ].map((d) => `tilskudd_${d}_12-00-00_daglig.sqlite`),
    );
    // Each kept copy still has its sidecar; no orphaned sidecars.
    const sidecars = fs.readdirSync(env.backupDir).filter((n) => n.endsWith('.json'));
    expect(sidecars.sort()).toEqual(files.map((f) => `${f}.json`));
  });
});

describe('backups.inspect', () => {
  it('tells what a copy holds without touching the live data', async () => {
    const { call, core } = start();
    fill2024(core.database.sqlite);
    const backup = await call('backups.create', {});
    const before = dumpDatabase(core.database.sqlite);
    const liveHash = sha256File(env.dataFile);

    const inspection = await call('backups.inspect', { fileName: backup.fileName });

    expect(inspection).toMatchObject({
      fileName: backup.fileName,
      createdAtMs: env.clock.nowMs(),
      reason: 'manual',
      verified: true,
      integrity: 'ok',
      compatible: true,
      problem: null,
      counts: { centres: 25, grants: 20, movements: 2000 },
    });
    expect(dumpDatabase(core.database.sqlite)).toEqual(before);
    expect(sha256File(env.dataFile)).toBe(liveHash);
  });

  it('finds a copy that was changed after it was taken', async () => {
    const { call } = start();
    await call('centres.create', centreInput('alta'));
    const backup = await call('backups.create', {});
    const file = path.join(env.backupDir, backup.fileName);
    const bytes = fs.readFileSync(file);
    // Change one letter of the centre's name: still a valid database, but not the copy taken.
    const at = bytes.indexOf(Buffer.from('Alta Krisesenter'));
    bytes[at] = 'E'.charCodeAt(0);
    fs.writeFileSync(file, bytes);

    const inspection = await call('backups.inspect', { fileName: backup.fileName });
    expect(inspection.verified).toBe(false);
    expect(inspection.problem).toMatch(/endret etter at sikkerhetskopien ble tatt/);
  });

  it('refuses names that are not copies in the folder', async () => {
    const { fail } = start();
    expect(await fail('backups.inspect', { fileName: '../data/tilskudd.sqlite' })).toMatchObject({
      code: 'BAD_INPUT',
      issues: [{ path: 'fileName', message: expect.stringMatching(/^Sikkerhetskopi/) }],
    });
    expect(
      await fail('backups.inspect', { fileName: 'tilskudd_2024-01-01_00-00-00_manuell.sqlite' }),
    ).toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/Fant ikke/) });
  });
});

describe('backups.restore', () => {
  it('swaps the copy in, and the core keeps answering with the restored data', async () => {
    const { call, core } = start();
    await call('centres.create', centreInput('alta', { joinedDate: '2024-06-01' }));
    await call('centres.create', centreInput('gjovik', { joinedDate: '2010-01-01' }));
    const backup = await call('backups.create', {});

    env.clock.advance(60_000);
    await call('centres.create', centreInput('bergen'));
    const bergenChange = (await call('centres.list', {})).rows;
    expect(bergenChange).toHaveLength(3);
    const connectionBefore = core.database.sqlite;

    env.clock.advance(60_000);
    const result = await call('backups.restore', { fileName: backup.fileName, confirmed: true });

    expect(result.restored.fileName).toBe(backup.fileName);
    expect(result.counts).toEqual({ centres: 2, grants: 0, movements: 0 });
    // The same dispatch answers from the restored file, through new services.
    expect((await call('centres.list', {})).rows.map((c) => c.name)).toEqual([
      'Alta Krisesenter',
      'Gjøvik Krisesenter IKS',
    ]);
    expect(connectionBefore.open).toBe(false);
    expect(core.database.sqlite.open).toBe(true);
    // And it keeps working: writes go to the restored file, in WAL mode again.
    await call('centres.create', centreInput('tromso'));
    expect(core.database.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(core.database.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(centreNames(core.database.sqlite)).toEqual([
      'Alta Krisesenter',
      'Gjøvik Krisesenter IKS',
      'Krisesenteret for Tromsø og omegn',
    ]);
    // No staging file left next to the data file.
    expect(fs.readdirSync(env.dataDir).filter((n) => n.includes('gjenoppretting'))).toEqual([]);
  });

  it('backs up the current data first, so the restore itself can be undone', async () => {
    const { call } = start();
    await call('centres.create', centreInput('alta'));
    const backup = await call('backups.create', {});
    env.clock.advance(60_000);
    await call('centres.create', centreInput('bergen'));

    const result = await call('backups.restore', { fileName: backup.fileName, confirmed: true });

    expect(result.safetyCopy).toMatchObject({
      fileName: 'tilskudd_2024-06-15_12-01-00_for-gjenoppretting.sqlite',
      reason: 'pre-restore',
      verified: true,
      counts: { centres: 2 },
    });
    // Undo: restore the safety copy.
    await call('backups.restore', { fileName: result.safetyCopy!.fileName, confirmed: true });
    expect((await call('centres.list', {})).rows).toHaveLength(2);
  });

  it('restores a 2024-size database and the grant figures come back', async () => {
    const { call, core } = start();
    fill2024(core.database.sqlite);
    const backup = await call('backups.create', {});
    core.database.sqlite.exec('drop trigger movements_no_delete');
    core.database.sqlite.exec('delete from movements');
    expect((await call('movements.list', { grantId: 1 })).rows).toEqual([]);

    const result = await call('backups.restore', { fileName: backup.fileName, confirmed: true });
    expect(result.counts).toEqual({ centres: 25, grants: 20, movements: 2000 });
    expect((await call('movements.list', { grantId: 1 })).total).toBe(100);
    // The restored file has its append-only guard back.
    expect(() => core.database.sqlite.exec('delete from movements')).toThrow(/append-only/);
  });

  it('refuses a damaged copy and changes nothing', async () => {
    const { call, fail, core } = start();
    await call('centres.create', centreInput('alta'));
    const backup = await call('backups.create', {});
    const file = path.join(env.backupDir, backup.fileName);
    const bytes = fs.readFileSync(file);
    bytes.fill(0x41, 4096, 8192);
    fs.writeFileSync(file, bytes);
    await call('centres.create', centreInput('bergen'));
    const before = dumpDatabase(core.database.sqlite);
    const listBefore = backupFiles();

    const error = await fail('backups.restore', { fileName: backup.fileName, confirmed: true });

    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(/kan ikke gjenopprettes/);
    expect(dumpDatabase(core.database.sqlite)).toEqual(before);
    expect(backupFiles()).toEqual(listBefore);
    expect((await call('centres.list', {})).rows).toHaveLength(2);
  });

  it('refuses an older copy whose schema has a table its next migration creates', async () => {
    const { call, fail, core } = start();
    await call('centres.create', centreInput('alta'));
    await call('centres.create', centreInput('bergen'));
    const before = dumpDatabase(core.database.sqlite);
    // An older file (two migrations) that already has a table the next migration creates:
    // it used to pass every check and fail to migrate; the schema check refuses it up front.
    const journal = JSON.parse(
      fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8'),
    ) as { entries: { tag: string }[] };
    const older = path.join(env.root, 'migrations-old');
    fs.mkdirSync(path.join(older, 'meta'), { recursive: true });
    const kept = journal.entries.slice(0, 2);
    for (const e of kept) {
      fs.copyFileSync(path.join(MIGRATIONS_DIR, `${e.tag}.sql`), path.join(older, `${e.tag}.sql`));
    }
    fs.writeFileSync(
      path.join(older, 'meta', '_journal.json'),
      JSON.stringify({ ...journal, entries: kept }),
    );
    const name = 'tilskudd_2024-06-15_11-00-00_manuell.sqlite';
    const crafted = openDatabase(path.join(env.root, name), older);
    crafted.sqlite.exec('create table grants (id integer primary key)');
    crafted.sqlite.pragma('journal_mode = DELETE');
    crafted.close();
    fs.mkdirSync(env.backupDir, { recursive: true });
    fs.renameSync(path.join(env.root, name), path.join(env.backupDir, name));
    // Listed like a copy the app took (an unlisted file is refused before any of this).
    writeSidecar(path.join(env.backupDir, name), env.clock.nowMs() - 3_600_000);

    const error = await fail('backups.restore', { fileName: name, confirmed: true });

    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(/kan ikke gjenopprettes.*ukjent tabell «grants»/);
    expect(dumpDatabase(core.database.sqlite)).toEqual(before);
    expect((await call('centres.list', {})).rows).toHaveLength(2);
  });

  it('puts the data back as it was when the restored file fails to open', async () => {
    const { call, fail, core } = start();
    await call('centres.create', centreInput('alta'));
    const backup = await call('backups.create', {});
    await call('centres.create', centreInput('bergen'));
    const before = dumpDatabase(core.database.sqlite);
    // The swapped-in file is damaged right after the rename (as a failing disk would), so
    // opening it fails and the core must put the data from just before the restore back.
    observeRestoreSteps((step) => {
      if (step !== 'swap:done') return;
      observeRestoreSteps(null);
      fs.writeFileSync(env.dataFile, 'ikke lenger en database'.repeat(500));
    });
    try {
      const error = await fail('backups.restore', { fileName: backup.fileName, confirmed: true });
      expect(error.code).toBe('CONFLICT');
      expect(error.message).toMatch(/^Gjenopprettingen mislyktes, og dataene er satt tilbake/);
    } finally {
      observeRestoreSteps(null);
    }
    expect(dumpDatabase(core.database.sqlite)).toEqual(before);
    expect((await call('centres.list', {})).rows).toHaveLength(2);
    await call('centres.create', centreInput('tromso'));
    expect(core.database.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('needs an explicit confirmation', async () => {
    const { call, fail } = start();
    const backup = await call('backups.create', {});
    const error = await fail('backups.restore', { fileName: backup.fileName });
    expect(error).toMatchObject({
      code: 'BAD_INPUT',
      issues: [{ path: 'confirmed', message: 'Gjenopprettingen må bekreftes.' }],
    });
  });
});

describe('backups.download', () => {
  it('hands out the copy’s bytes for "Lagre sikkerhetskopi som…"', async () => {
    const { call } = start();
    const backup = await call('backups.create', {});
    const file = await call('backups.download', { fileName: backup.fileName });
    expect(file.fileName).toBe(backup.fileName);
    expect(
      Buffer.from(file.contentBase64, 'base64').equals(
        fs.readFileSync(path.join(env.backupDir, backup.fileName)),
      ),
    ).toBe(true);
  });
});

describe('backups settings', () => {
  it('defaults to a folder beside the data folder', async () => {
    const { call } = start();
    expect(await call('backups.getSettings', {})).toEqual({
      folder: env.backupDir,
      isDefaultFolder: true,
      defaultFolder: env.backupDir,
      keepDaily: 7,
      keepWeekly: 4,
      keepMonthly: 12,
      keepManual: 10,
    });
  });

  it('moves new copies to the chosen folder and remembers it after a restart', async () => {
    const { call, core } = start();
    const chosen = path.join(env.root, 'Dokumenter', 'KSS-kopier');
    const saved = await call('backups.setSettings', {
      folder: chosen,
      keepDaily: 5,
      keepWeekly: 2,
      keepMonthly: 6,
      keepManual: 3,
    });
    expect(saved).toMatchObject({ folder: chosen, isDefaultFolder: false, keepDaily: 5 });
    const backup = await call('backups.create', {});
    expect(fs.existsSync(path.join(chosen, backup.fileName))).toBe(true);
    core.close();

    const again = start();
    expect(await again.call('backups.getSettings', {})).toMatchObject({
      folder: chosen,
      keepManual: 3,
    });
    expect((await again.call('backups.list', {})).map((b) => b.reason)).toEqual([
      'startup',
      'manual',
    ]);
  });

  it('refuses a relative folder, one inside the data folder, and bad counts, naming the field', async () => {
    const { fail } = start();
    const rules = { ...DEFAULT_RULES };
    expect(await fail('backups.setSettings', { folder: 'kopier', ...rules })).toMatchObject({
      code: 'BAD_INPUT',
      issues: [
        {
          path: 'folder',
          message: expect.stringMatching(/^Mappe for sikkerhetskopier må være en fullstendig sti/),
        },
      ],
    });
    expect(
      await fail('backups.setSettings', { folder: path.join(env.dataDir, 'kopier'), ...rules }),
    ).toMatchObject({
      issues: [{ path: 'folder', message: expect.stringMatching(/utenfor datamappen/) }],
    });
    expect(
      await fail('backups.setSettings', { folder: null, ...rules, keepDaily: 0 }),
    ).toMatchObject({
      issues: [{ path: 'keepDaily', message: 'Daglige kopier må være minst 1.' }],
    });
    // Nothing was saved.
    expect(fs.existsSync(path.join(env.dataDir, 'backup-settings.json'))).toBe(false);
  });
});
