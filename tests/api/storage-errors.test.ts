/**
 * Errors the user can act on (issue 11, item 10): a full disk or a data file the app may not
 * write answers the typed STORAGE error with a Norwegian message saying what to do, for every
 * method (in the dispatch), instead of «intern feil»; start-up on such a disk prints one line,
 * not a stack trace. The SQLite errors are real (a read-only connection, a page limit); the fs
 * ones are thrown by a stubbed fs call at the service boundary.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import * as schema from '../../db/schema';
import { createDispatch } from '../../src-main/transport/dispatch';
import { createHandlers } from '../../src-main/transport/handlers';
import { isRecoverable } from '../../src-main/core';
import { DatabaseOpenError } from '../../src-main/platform/database';
import { createServices } from '../../src-main/services';
import { fixedClock } from '../../src-main/platform/context';
import { startupStorageLine, storageKindOf } from '../../src-main/platform/storage-errors';
import { AppError } from '../../src-shared/api/errors';
import {
  ACTOR,
  centreInput,
  freshDb,
  makeDispatch,
  MIGRATIONS_DIR,
  recordingLogger,
  REPO_ROOT,
  tempDir,
  TODAY,
  type TestApi,
} from '../helpers/db';
import { bundleEntry, removeBundles, startNode } from '../helpers/child';

const cleanups: (() => void)[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const c of cleanups.splice(0).reverse()) c();
});
afterAll(() => removeBundles());

function api(): TestApi {
  const t = makeDispatch();
  cleanups.push(t.cleanup);
  return t;
}

/** Node's shape of an fs error (code, syscall, path). */
function fsError(code: string, file: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`${code}: stubbed, write '${file}'`);
  error.code = code;
  error.syscall = 'write';
  error.path = file;
  return error;
}

describe('a data file the app may not write (real SQLITE_READONLY)', () => {
  it('answers STORAGE saying to check the data folder, for every write; reads still work', async () => {
    const t = freshDb();
    t.sqlite.close();
    cleanups.push(t.cleanup);
    // What SQLite does when the OS refuses writing: the connection is read-only.
    const sqlite = new Database(t.file, { readonly: true, fileMustExist: true });
    cleanups.push(() => sqlite.close());
    const db = drizzle(sqlite, { schema, casing: 'snake_case' });
    const services = createServices({ db, sqlite, clock: fixedClock(TODAY), actor: ACTOR });
    const logger = recordingLogger();
    const dispatch = createDispatch(
      createHandlers(services, { appVersion: 't', dataFile: t.file, today: () => TODAY }),
      logger,
      { dataDir: t.dir },
    );

    for (const [method, input] of [
      ['centres.create', centreInput('alta')],
      ['organisations.create', { name: 'Sparebankstiftelsen DNB' }],
    ] as const) {
      const envelope = await dispatch(method, input);
      expect(envelope, method).toEqual({
        ok: false,
        error: {
          code: 'STORAGE',
          message: expect.stringMatching(/skrivebeskyttet.*Kontroller tilgangen/s),
        },
      });
      if (!envelope.ok) expect(envelope.error.message).toContain(t.dir);
    }
    expect(await dispatch('centres.list', {})).toEqual({
      ok: true,
      value: { rows: [], total: 0, page: 1, pageSize: 100 },
    });
    // Logged for whoever looks at the log, with the SQLite error itself.
    expect(logger.calls[0]?.message).toMatch(/Storage problem in centres.create/);
    expect((logger.calls[0]?.detail as { code?: string }).code).toBe('SQLITE_READONLY');
  });
});

describe('a full disk', () => {
  it('answers STORAGE saying to free disk space (real SQLITE_FULL)', async () => {
    const a = api();
    const pages = a.sqlite.pragma('page_count', { simple: true }) as number;
    a.sqlite.pragma(`max_page_count = ${pages}`);
    let envelope: Awaited<ReturnType<TestApi['dispatch']>> | null = null;
    // The page limit is the database's size now: the first write that needs a page fails.
    for (let i = 0; i < 200 && (envelope === null || envelope.ok); i++) {
      envelope = await a.dispatch('organisations.create', {
        name: `Stiftelse nr. ${i}`,
        notes: 'Merknad '.repeat(400),
      });
    }
    expect(envelope).toEqual({
      ok: false,
      error: { code: 'STORAGE', message: expect.stringMatching(/^Disken er full.*Frigjør plass/s) },
    });
  });

  it('answers STORAGE when the backup copy cannot be written (ENOSPC from fs)', async () => {
    const a = api();
    vi.spyOn(fs, 'fsyncSync').mockImplementation(() => {
      throw fsError('ENOSPC', path.join(`${a.dataDir}-sikkerhetskopier`, 'x.partial'));
    });
    expect(await a.fail('backups.create', {})).toEqual({
      code: 'STORAGE',
      message: expect.stringMatching(/^Sikkerhetskopien kunne ikke tas\. Disken er full/),
    });
    // The backups page says so until a copy succeeds.
    expect((await a.call('backups.status', {})).folderProblem).toMatch(
      /^Den siste sikkerhetskopien kunne ikke tas\. Disken er full/,
    );
    vi.restoreAllMocks();
    await a.call('backups.create', {});
    expect((await a.call('backups.status', {})).folderProblem).toBeNull();
  });

  it('answers STORAGE when the settings cannot be saved (ENOSPC from fs)', async () => {
    const a = api();
    const real = fs.writeFileSync;
    vi.spyOn(fs, 'writeFileSync').mockImplementation((file, ...rest) => {
      if (String(file).includes('backup-settings')) throw fsError('ENOSPC', String(file));
      return real(file, ...rest);
    });
    expect(
      await a.fail('backups.setSettings', {
        folder: null,
        keepDaily: 7,
        keepWeekly: 4,
        keepMonthly: 12,
        keepManual: 10,
      }),
    ).toEqual({
      code: 'STORAGE',
      message: expect.stringMatching(new RegExp(`^Disken er full.*${a.dataDir}`, 's')),
    });
  });
});

describe('the mapping', () => {
  it('knows the fs and SQLite codes, through causes, and leaves other errors alone', () => {
    for (const code of ['ENOSPC', 'EDQUOT', 'SQLITE_FULL']) {
      expect(storageKindOf(fsError(code, '/x')), code).toBe('full');
    }
    for (const code of [
      'EROFS',
      'EACCES',
      'EPERM',
      'SQLITE_READONLY',
      'SQLITE_READONLY_DIRECTORY',
    ]) {
      expect(storageKindOf(fsError(code, '/x')), code).toBe('read-only');
    }
    expect(storageKindOf(new Error('wrapped', { cause: fsError('EROFS', '/x') }))).toBe(
      'read-only',
    );
    // A journal a read-only probe cannot replay is about the file, not the disk.
    expect(storageKindOf(fsError('SQLITE_READONLY_ROLLBACK', '/x'))).toBeNull();
    expect(storageKindOf(fsError('SQLITE_IOERR', '/x'))).toBeNull();
    expect(storageKindOf(new AppError('CONFLICT', 'x'))).toBeNull();
  });

  it('every method: an fs error from any handler answers STORAGE, not INTERNAL', async () => {
    const t = makeDispatch({
      overrides: {
        'centres.list': () => {
          throw fsError('EACCES', '/srv/kss/data/tilskudd.sqlite');
        },
        'grants.list': () => {
          throw fsError('EROFS', '/srv/kss/data/tilskudd.sqlite');
        },
      },
    });
    cleanups.push(t.cleanup);
    for (const method of ['centres.list', 'grants.list']) {
      expect(await t.fail(method, {})).toEqual({
        code: 'STORAGE',
        message: expect.stringContaining('Programmet får ikke skrive til /srv/kss/data'),
      });
    }
  });

  it('a data file on a read-only folder is not «damaged»: no recovery mode, one start-up line', () => {
    const t = freshDb();
    cleanups.push(t.cleanup);
    let readonlyError: unknown;
    try {
      t.sqlite.pragma('query_only = 1');
      t.sqlite.exec(`insert into organisations (name, name_key, created_at_ms, updated_at_ms)
                     values ('a', 'a', 0, 0)`);
    } catch (error) {
      readonlyError = error;
    }
    expect((readonlyError as { code?: string }).code).toMatch(/^SQLITE_READONLY/);
    const problem = new DatabaseOpenError('corrupt', 'Datafilen er skadet.', {
      cause: readonlyError,
    });
    expect(isRecoverable(problem)).toBe(false);
    const line = startupStorageLine(problem, '/srv/kss/data');
    expect(line).toMatch(/^Tilskuddsoversikt kan ikke starte fordi programmet ikke får skrive/);
    expect(line).not.toContain('\n');
  });
});

describe('start-up of the browser host on a disk it may not write', () => {
  async function startHost(code: 'EROFS' | 'ENOSPC') {
    const tmp = tempDir('tilskudd-storage-');
    cleanups.push(tmp.cleanup);
    const dataDir = path.join(tmp.dir, 'data');
    fs.mkdirSync(dataDir);
    const file = await bundleEntry('src-main/browser.ts', { __APP_VERSION__: '"0.0.0-test"' });
    const result = await startNode(file, ['--data-dir', dataDir, '--port', '0'], {
      timeoutMs: 20_000,
      nodeArgs: ['--import', path.join(REPO_ROOT, 'tests/helpers/deny-writes.mjs')],
      env: {
        TILSKUDD_MIGRATIONS_DIR: MIGRATIONS_DIR,
        TILSKUDD_TEST_DENY_DIR: dataDir,
        TILSKUDD_TEST_DENY_CODE: code,
      },
    }).done;
    return { result, dataDir };
  }

  it('prints one Norwegian line saying to check the folder, no stack trace (read-only)', async () => {
    const { result, dataDir } = await startHost('EROFS');
    expect(result.timedOut).toBe(false);
    expect(result.code).not.toBe(0);
    const lines = result.stderr.trim().split('\n');
    expect(lines, result.stderr).toHaveLength(1);
    expect(lines[0]).toBe(
      `Tilskuddsoversikt kan ikke starte fordi programmet ikke får skrive til ${dataDir} ` +
        '(skrivebeskyttet, eller du mangler skrivetilgang). Kontroller tilgangen til mappen og ' +
        'start programmet på nytt.',
    );
    expect(result.stdout).not.toMatch(/127\.0\.0\.1/);
  }, 40_000);

  it('prints one line saying to free disk space (full disk)', async () => {
    const { result } = await startHost('ENOSPC');
    const lines = result.stderr.trim().split('\n');
    expect(lines, result.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^Tilskuddsoversikt kan ikke starte fordi disken er full .*Frigjør plass/,
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
  }, 40_000);
});
