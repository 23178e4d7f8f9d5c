/**
 * Backup files are not trusted by name (issue 11, item 8): only copies in the list — a plain
 * file (not a symlink) in the backup folder, by real path, with a verified sidecar — can be
 * inspected, downloaded or restored. The backup folder must lie outside the data folder by
 * real path (a symlink does not get round it), and a relative folder in a hand-edited
 * settings file is never used relative to the working directory.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/platform/database';
import { DEFAULT_RULES, SETTINGS_FILE_NAME } from '../../src-main/safety/backups';
import { centreInput, dumpDatabase, MIGRATIONS_DIR } from '../helpers/db';
import {
  safetyEnv,
  startSafetyCore,
  writeSidecar,
  type CoreApi,
  type SafetyEnv,
} from '../helpers/safety';

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

function start(): CoreApi {
  api = startSafetyCore(env);
  return api;
}

const NAME = 'tilskudd_2024-06-15_11-00-00_manuell.sqlite';

/** A valid database of this app outside the backup folder, holding a row the live data lacks. */
function foreignDatabase(): string {
  const file = path.join(env.root, 'annen-database.sqlite');
  const opened = openDatabase(file, MIGRATIONS_DIR);
  opened.sqlite
    .prepare(
      `insert into organisations (name, name_key, notes, created_at_ms, updated_at_ms)
       values ('Fremmed stiftelse', 'fremmed stiftelse', null, 0, 0)`,
    )
    .run();
  opened.sqlite.pragma('journal_mode = DELETE');
  opened.close();
  return file;
}

async function orgNames(a: CoreApi): Promise<string[]> {
  return (
    a.core.database.sqlite.prepare('select name from organisations order by id').all() as {
      name: string;
    }[]
  ).map((r) => r.name);
}

describe('backup files are trusted only when listed', () => {
  it('refuses a file named like a copy but without a sidecar: no restore, inspect or download', async () => {
    const a = start();
    await a.call('centres.create', centreInput('alta'));
    await a.call('backups.create', {});
    fs.copyFileSync(foreignDatabase(), path.join(env.backupDir, NAME));
    const before = dumpDatabase(a.core.database.sqlite);

    expect((await a.call('backups.list', {})).map((b) => b.fileName)).not.toContain(NAME);
    for (const method of ['backups.restore', 'backups.inspect', 'backups.download']) {
      expect(await a.fail(method, { fileName: NAME, confirmed: true })).toMatchObject({
        code: 'NOT_FOUND',
        message: expect.stringMatching(/Bare kopier i listen/),
      });
    }
    expect(dumpDatabase(a.core.database.sqlite)).toEqual(before);
    expect(await orgNames(a)).not.toContain('Fremmed stiftelse');
  });

  it('refuses a symlink named like a copy (even with a matching sidecar) to a database elsewhere', async () => {
    const a = start();
    await a.call('centres.create', centreInput('alta'));
    await a.call('backups.create', {});
    const link = path.join(env.backupDir, NAME);
    fs.symlinkSync(foreignDatabase(), link);
    writeSidecar(link, env.clock.nowMs() - 3_600_000);
    const before = dumpDatabase(a.core.database.sqlite);

    expect((await a.call('backups.list', {})).map((b) => b.fileName)).not.toContain(NAME);
    for (const method of ['backups.restore', 'backups.inspect', 'backups.download']) {
      expect(await a.fail(method, { fileName: NAME, confirmed: true })).toMatchObject({
        code: 'CONFLICT',
        message: expect.stringMatching(/ikke en vanlig fil i sikkerhetskopimappen/),
      });
    }
    expect(dumpDatabase(a.core.database.sqlite)).toEqual(before);
    expect(await orgNames(a)).not.toContain('Fremmed stiftelse');
  });

  it('does not hand out a listed copy whose bytes changed after it was taken', async () => {
    const a = start();
    await a.call('centres.create', centreInput('alta'));
    const backup = await a.call('backups.create', {});
    const file = path.join(env.backupDir, backup.fileName);
    const bytes = fs.readFileSync(file);
    bytes[bytes.indexOf(Buffer.from('Alta Krisesenter'))] = 'E'.charCodeAt(0);
    fs.writeFileSync(file, bytes);

    expect(await a.fail('backups.download', { fileName: backup.fileName })).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/endret etter at den ble tatt/),
    });
  });

  it('still restores a listed copy', async () => {
    const a = start();
    await a.call('centres.create', centreInput('alta'));
    const backup = await a.call('backups.create', {});
    await a.call('centres.create', centreInput('bergen'));
    const result = await a.call('backups.restore', { fileName: backup.fileName, confirmed: true });
    expect(result.counts.centres).toBe(1);
  });
});

describe('the backup folder lies outside the data folder by real path', () => {
  it('refuses a chosen folder that is a symlink into the data folder', async () => {
    const a = start();
    const inside = path.join(env.dataDir, 'kopier');
    fs.mkdirSync(inside);
    const link = path.join(env.root, 'ser-ut-som-utenfor');
    fs.symlinkSync(inside, link);

    expect(await a.fail('backups.setSettings', { folder: link, ...DEFAULT_RULES })).toMatchObject({
      code: 'BAD_INPUT',
      issues: [{ path: 'folder', message: expect.stringMatching(/utenfor datamappen/) }],
    });
    expect(fs.existsSync(path.join(env.dataDir, SETTINGS_FILE_NAME))).toBe(false);
  });

  /** Starts once to create the data file, writes the settings by hand, starts again. */
  async function restartWithSettings(folder: string): Promise<CoreApi> {
    const first = start();
    await first.call('centres.create', centreInput('alta'));
    first.core.close();
    fs.writeFileSync(
      path.join(env.dataDir, SETTINGS_FILE_NAME),
      JSON.stringify({ folder, ...DEFAULT_RULES }),
    );
    return start();
  }

  it('does not use a folder from the settings file that is a symlink into the data folder', async () => {
    const inside = path.join(env.dataDir, 'kopier');
    const link = path.join(env.root, 'lenke-til-datamappen');
    fs.mkdirSync(inside, { recursive: true });
    fs.symlinkSync(inside, link);

    const a = await restartWithSettings(link);

    const status = await a.call('backups.status', {});
    expect(status.folder).toBe(env.backupDir);
    expect(status.folderProblem).toMatch(/utenfor datamappen.*standardmappen/s);
    expect(a.core.startupBackup).not.toBeNull();
    expect(fs.readdirSync(inside)).toEqual([]);
    expect(fs.existsSync(path.join(env.backupDir, a.core.startupBackup!.fileName))).toBe(true);
  });

  it('never uses a relative folder from the settings file relative to the working directory', async () => {
    const relative = `kopier-relativ-${process.pid}-${Date.now()}`;
    const inCwd = path.resolve(relative);
    try {
      const a = await restartWithSettings(relative);

      const status = await a.call('backups.status', {});
      expect(status.folder).toBe(env.backupDir);
      expect(status.folderProblem).toMatch(/fullstendig sti/);
      expect(fs.existsSync(inCwd)).toBe(false);
      expect(fs.existsSync(path.join(env.backupDir, a.core.startupBackup!.fileName))).toBe(true);
    } finally {
      fs.rmSync(inCwd, { recursive: true, force: true });
    }
  });
});
