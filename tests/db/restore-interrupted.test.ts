/**
 * What an interrupted restore (or a kill mid-transaction) leaves, and the next start: a hot
 * rollback journal beside the data file is rolled back, not called damage; the restored file is
 * already in WAL mode when it lands (nothing left to convert on the next open); staging files
 * and `.partial-journal` files are removed at start. And a folder at the data path is a plain
 * refusal in recovery mode, not an internal error.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCoreOrRecovery, startCore, type Core, type RecoveryCore } from '../../src-main/core';
import { observeRestoreSteps, STAGING_SUFFIX } from '../../src-main/platform/restore-safety';
import { centreInput } from '../helpers/db';
import { coreApi, safetyEnv, sha256File, type SafetyEnv } from '../helpers/safety';

let env: SafetyEnv;
let running: (Core | RecoveryCore)[] = [];

beforeEach(() => {
  env = safetyEnv({ backups: { atStartup: false, daily: false } });
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

async function centreNames(app: Core | RecoveryCore): Promise<string[]> {
  return (await coreApi(app).call('centres.list', {})).rows.map((c) => c.name);
}

/**
 * Leaves the data file in rollback-journal mode with a hot journal beside it, exactly as a
 * process killed in the middle of a write transaction would: a transaction that spilled pages
 * into the file is copied (file and journal) while it is still open.
 */
async function hotJournalAtDataPath(): Promise<void> {
  const core = startCore(env.options);
  await coreApi(core).call('centres.create', centreInput('alta'));
  core.close();
  const source = path.join(env.root, 'kilde.sqlite');
  fs.copyFileSync(env.dataFile, source);
  const raw = new Database(source);
  raw.pragma('journal_mode = DELETE');
  raw.pragma('cache_size = 2');
  raw.exec('begin');
  const insert = raw.prepare(
    `insert into organisations (name, name_key, notes, created_at_ms, updated_at_ms)
     values (?, ?, ?, 0, 0)`,
  );
  for (let i = 0; i < 300; i++) insert.run(`Uferdig ${i}`, `uferdig ${i}`, 'x'.repeat(400));
  expect(fs.existsSync(`${source}-journal`)).toBe(true);
  fs.copyFileSync(source, env.dataFile);
  fs.copyFileSync(`${source}-journal`, `${env.dataFile}-journal`);
  raw.exec('rollback');
  raw.close();
  for (const suffix of ['-wal', '-shm']) fs.rmSync(`${env.dataFile}${suffix}`, { force: true });
}

describe('a start after a kill mid-transaction or mid-restore', () => {
  it('rolls a hot journal back and starts in normal mode with the committed data', async () => {
    await hotJournalAtDataPath();
    // The state the old probe called damaged: a read-only connection cannot roll it back.
    const ro = new Database(env.dataFile, { readonly: true });
    expect(() => ro.prepare('select count(*) from organisations').get()).toThrow(
      expect.objectContaining({ code: 'SQLITE_READONLY_ROLLBACK' }),
    );
    ro.close();

    const app = open();

    expect(app.mode).toBe('normal');
    expect(await centreNames(app)).toEqual(['Alta Krisesenter']);
    expect(fs.existsSync(`${env.dataFile}-journal`)).toBe(false);
    const core = app as Core;
    expect(core.database.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(core.database.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('a restored file lands in WAL mode, so its next open converts nothing', async () => {
    const core = startCore(env.options);
    running.push(core);
    const api = coreApi(core);
    await api.call('centres.create', centreInput('alta'));
    const backup = await api.call('backups.create', {});
    // The copy itself is a rollback-journal file (bytes 18–19 are 1).
    expect([
      ...fs.readFileSync(path.join(env.backupDir, backup.fileName)).subarray(18, 20),
    ]).toEqual([1, 1]);
    await api.call('centres.create', centreInput('bergen'));
    // What is on disk the moment the copy has been renamed into place, before any open.
    let landed: { header: number[]; side: string[] } | null = null;
    observeRestoreSteps((step) => {
      if (step !== 'swap:renamed') return;
      landed = {
        header: [...fs.readFileSync(env.dataFile).subarray(18, 20)],
        side: ['-journal', '-wal'].filter((s) => fs.existsSync(`${env.dataFile}${s}`)),
      };
    });
    try {
      await api.call('backups.restore', { fileName: backup.fileName, confirmed: true });
    } finally {
      observeRestoreSteps(null);
    }
    core.close();
    // WAL (2, 2) already on disk, with no -wal or -journal beside it.
    expect(landed).toEqual({ header: [2, 2], side: [] });
    expect(fs.existsSync(`${env.dataFile}-journal`)).toBe(false);
    expect(fs.existsSync(`${env.dataFile}${STAGING_SUFFIX}`)).toBe(false);
    const again = open();
    expect(again.mode).toBe('normal');
    expect(await centreNames(again)).toEqual(['Alta Krisesenter']);
  });

  it('removes a leftover staging file and .partial-journal files at start', async () => {
    const core = startCore(env.options);
    const backup = await coreApi(core).call('backups.create', {});
    core.close();
    const staging = `${env.dataFile}${STAGING_SUFFIX}`;
    const leftovers = [
      staging,
      `${staging}-journal`,
      `${staging}-wal`,
      path.join(env.backupDir, `.${backup.fileName.replace('manuell', 'daglig')}.partial`),
      path.join(env.backupDir, `.${backup.fileName.replace('manuell', 'daglig')}.partial-journal`),
    ];
    for (const file of leftovers) fs.writeFileSync(file, 'rester');
    const unrelated = path.join(env.backupDir, 'notat.txt');
    fs.writeFileSync(unrelated, 'behold meg');

    const app = open();

    expect(app.mode).toBe('normal');
    for (const file of leftovers) expect(fs.existsSync(file), file).toBe(false);
    expect(fs.readFileSync(unrelated, 'utf8')).toBe('behold meg');
    expect(fs.existsSync(path.join(env.backupDir, backup.fileName))).toBe(true);
  });

  it('removes them in recovery mode too', async () => {
    const core = startCore(env.options);
    await coreApi(core).call('backups.create', {});
    core.close();
    fs.writeFileSync(env.dataFile, 'ødelagt'.repeat(1000));
    const staging = `${env.dataFile}${STAGING_SUFFIX}`;
    fs.writeFileSync(staging, 'rester');
    fs.writeFileSync(`${staging}-journal`, 'rester');
    const app = open();
    expect(app.mode).toBe('recovery');
    expect(fs.existsSync(staging)).toBe(false);
    expect(fs.existsSync(`${staging}-journal`)).toBe(false);
  });
});

describe('a folder at the data path', () => {
  async function folderAtDataPath(contents: boolean): Promise<string> {
    const core = startCore(env.options);
    await coreApi(core).call('centres.create', centreInput('alta'));
    const backup = await coreApi(core).call('backups.create', {});
    core.close();
    for (const suffix of ['', '-wal', '-shm'])
      fs.rmSync(`${env.dataFile}${suffix}`, { force: true });
    fs.mkdirSync(env.dataFile);
    if (contents) fs.writeFileSync(path.join(env.dataFile, 'noe.txt'), 'innhold');
    return backup.fileName;
  }

  it('recovery mode says so, and a restore is a plain refusal that changes nothing', async () => {
    const fileName = await folderAtDataPath(true);
    const app = open();
    expect(app.mode).toBe('recovery');
    const recovery = app as RecoveryCore;
    expect(recovery.problem.message).toMatch(/mappe der datafilen skal være/);

    const api = coreApi(recovery);
    const error = await api.fail('backups.restore', { fileName, confirmed: true });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(/mappe der datafilen skal være.*Flytt mappen/);
    expect(fs.statSync(env.dataFile).isDirectory()).toBe(true);
    expect(fs.readFileSync(path.join(env.dataFile, 'noe.txt'), 'utf8')).toBe('innhold');
    expect(fs.existsSync(`${env.dataFile}${STAGING_SUFFIX}`)).toBe(false);
    expect(recovery.core()).toBeNull();
  });

  it('an empty folder there is removed and the restore goes through', async () => {
    const fileName = await folderAtDataPath(false);
    const app = open() as RecoveryCore;
    expect(app.mode).toBe('recovery');
    const api = coreApi(app);
    const result = await api.call('backups.restore', { fileName, confirmed: true });
    expect(result.counts.centres).toBe(1);
    expect(app.core()).not.toBeNull();
    expect(await centreNames(app)).toEqual(['Alta Krisesenter']);
    expect(fs.statSync(env.dataFile).isFile()).toBe(true);
    expect(sha256File(env.dataFile)).toMatch(/^[0-9a-f]{64}$/);
  });
});
