/**
 * Damaged or foreign data files. Every fixture is made here from a real data file (no binary
 * files in the repository). For each: the app says so plainly, does not change a byte of the
 * file, offers the verified backups, and a restore brings the data back.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  openCoreOrRecovery,
  restoreBeforeStart,
  startCore,
  type Core,
  type RecoveryCore,
} from '../../src-main/core';
import {
  DatabaseOpenError,
  openDatabase,
  type OpenFailure,
} from '../../src-main/platform/database';
import { parseHostArgs } from '../../src-main/platform/host-paths';
import { centreInput, MIGRATIONS_DIR } from '../helpers/db';
import { coreApi, safetyEnv, sha256File, type SafetyEnv } from '../helpers/safety';

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

/** A real data file with two centres and one verified backup of it; the core is closed. */
async function realDataWithBackup(): Promise<string> {
  const core = startCore(env.options);
  const api = coreApi(core);
  await api.call('centres.create', centreInput('alta', { joinedDate: '2024-06-01' }));
  await api.call('centres.create', centreInput('gjovik', { joinedDate: '2010-01-01' }));
  const backup = await api.call('backups.create', {});
  // Enough rows for pages in the middle of the file to hold table data.
  const insert = core.database.sqlite.prepare(
    `insert into organisations (name, name_key, notes, created_at_ms, updated_at_ms)
     values (?, ?, ?, 0, 0)`,
  );
  for (let i = 0; i < 400; i++) insert.run(`Partner ${i}`, `partner ${i}`, 'x'.repeat(300));
  core.close();
  env.clock.advance(60_000);
  return backup.fileName;
}

type Fixture = {
  label: string;
  make: (file: string) => void;
  kind: OpenFailure;
  says: RegExp;
};

const FIXTURES: Fixture[] = [
  {
    label: 'random bytes',
    make: (f) => fs.writeFileSync(f, randomBytes(64 * 1024)),
    kind: 'not-sqlite',
    says: /ikke en database fra Tilskuddsoversikt/,
  },
  {
    label: 'a text file (a CSV export saved over the data file)',
    make: (f) =>
      fs.writeFileSync(
        f,
        'Navn;Driftsform;Region\r\nAlta Krisesenter;Ideell organisasjon;Nord\r\n'.repeat(300),
      ),
    kind: 'not-sqlite',
    says: /ikke en database fra Tilskuddsoversikt/,
  },
  {
    label: 'a truncated SQLite file (first half only)',
    make: (f) => {
      const bytes = fs.readFileSync(f);
      fs.writeFileSync(f, bytes.subarray(0, Math.floor(bytes.length / 2)));
    },
    kind: 'corrupt',
    says: /skadet/,
  },
  {
    label: 'a SQLite file with garbage written over pages in the middle',
    make: (f) => {
      const bytes = fs.readFileSync(f);
      const pageSize = bytes.readUInt16BE(16);
      const pages = bytes.length / pageSize;
      const middle = Math.floor(pages / 2);
      for (let p = middle - 1; p <= middle + 1; p++) {
        randomBytes(pageSize).copy(bytes, p * pageSize);
      }
      fs.writeFileSync(f, bytes);
    },
    kind: 'corrupt',
    says: /skadet/,
  },
  {
    label: 'a data file from a newer version of the app',
    make: (f) => {
      const raw = new Database(f);
      raw
        .prepare('insert into __drizzle_migrations (hash, created_at) values (?, ?)')
        .run('fra-fremtiden', Date.UTC(2100, 0, 1));
      raw.pragma('journal_mode = DELETE');
      raw.close();
    },
    kind: 'newer-version',
    says: /nyere versjon av Tilskuddsoversikt/,
  },
  {
    label: 'a data file whose records point at records that are gone',
    make: (f) => {
      const raw = new Database(f);
      raw.pragma('foreign_keys = OFF');
      raw
        .prepare(
          `insert into memberships (centre_id, joined_date, created_at_ms) values (9999, '2024-01-01', 0)`,
        )
        .run();
      raw.pragma('journal_mode = DELETE');
      raw.close();
    },
    kind: 'foreign-keys',
    says: /brutte koblinger/,
  },
  {
    label: 'a zero-length file while backups exist',
    make: (f) => fs.writeFileSync(f, ''),
    kind: 'empty',
    says: /tom \(0 byte\)/,
  },
];

describe('damaged or foreign data files', () => {
  describe.each(FIXTURES)('$label', ({ make, kind, says }) => {
    it(`is refused as ${kind}, left byte for byte as it was, and backups are offered`, async () => {
      const backupName = await realDataWithBackup();
      make(env.dataFile);
      const hash = sha256File(env.dataFile);
      const dirBefore = fs.readdirSync(env.dataDir).sort();

      const app = open();

      expect(app.mode).toBe('recovery');
      const recovery = app as RecoveryCore;
      expect(recovery.problem.kind).toBe(kind);
      expect(recovery.problem.message).toMatch(says);
      // The plain message: what is wrong, that the file is untouched, which copies exist.
      const message = recovery.message;
      expect(message).toContain(`Kan ikke åpne datafilen ${env.dataFile}`);
      expect(message).toMatch(says);
      expect(message).toContain('Filen er ikke endret');
      expect(message).toContain(path.join(env.backupDir, backupName));
      expect(message).toContain('2 sentre');
      expect(message).toContain('--restore');

      const api = coreApi(recovery);
      expect(await api.call('backups.status', {})).toMatchObject({
        mode: 'recovery',
        problem: expect.stringMatching(says),
      });
      const offered = await api.call('backups.list', {});
      expect(offered.map((b) => [b.fileName, b.verified, b.counts.centres])).toEqual([
        [backupName, true, 2],
      ]);
      // Everything else is refused with a message that says where to go.
      expect(await api.fail('centres.list', {})).toMatchObject({
        code: 'CONFLICT',
        message: expect.stringMatching(/Sikkerhetskopier/),
      });
      expect((await api.fail('backups.create', {})).code).toBe('CONFLICT');

      // Not a byte written, not a file added next to it.
      expect(sha256File(env.dataFile)).toBe(hash);
      expect(fs.readdirSync(env.dataDir).sort()).toEqual(dirBefore);

      // Restoring the offered copy brings the app back, and the bad file is kept.
      const result = await api.call('backups.restore', { fileName: backupName, confirmed: true });
      expect(recovery.core()).not.toBeNull();
      expect((await api.call('centres.list', {})).rows.map((c) => c.name)).toEqual([
        'Alta Krisesenter',
        'Gjøvik Krisesenter IKS',
      ]);
      if (kind === 'newer-version' || kind === 'foreign-keys' || kind === 'empty') {
        // Readable as SQLite but not usable here: kept as bytes all the same.
        expect(result.safetyCopy === null).toBe(true);
      }
      if (kind !== 'empty') {
        expect(result.damagedCopy).not.toBeNull();
        expect(sha256File(result.damagedCopy!)).toBe(hash);
      }
    });
  });

  it('a zero-length file with no backups is a new, empty database (what SQLite makes of it)', () => {
    fs.mkdirSync(env.dataDir, { recursive: true });
    fs.writeFileSync(env.dataFile, '');
    const app = open();
    expect(app.mode).toBe('normal');
    expect(fs.statSync(env.dataFile).size).toBeGreaterThan(0);
  });

  it('the read-only check itself writes nothing, even to a healthy file', async () => {
    await realDataWithBackup();
    const raw = new Database(env.dataFile);
    raw.pragma('journal_mode = DELETE');
    raw
      .prepare('insert into __drizzle_migrations (hash, created_at) values (?, ?)')
      .run('fra-fremtiden', Date.UTC(2100, 0, 1));
    raw.close();
    const hash = sha256File(env.dataFile);
    const mtime = fs.statSync(env.dataFile).mtimeMs;
    expect(() => openDatabase(env.dataFile, MIGRATIONS_DIR)).toThrow(DatabaseOpenError);
    expect(sha256File(env.dataFile)).toBe(hash);
    expect(fs.statSync(env.dataFile).mtimeMs).toBe(mtime);
  });

  it('shows only copies that pass the check now; a copy damaged since is left out', async () => {
    const good = await realDataWithBackup();
    const core = startCore(env.options);
    const bad = coreApi(core);
    env.clock.advance(60_000);
    const damaged = await bad.call('backups.create', {});
    core.close();
    const file = path.join(env.backupDir, damaged.fileName);
    const bytes = fs.readFileSync(file);
    bytes.fill(0x42, 4096, bytes.length);
    fs.writeFileSync(file, bytes);
    fs.writeFileSync(env.dataFile, randomBytes(8192));

    const recovery = open() as RecoveryCore;
    const offered = await coreApi(recovery).call('backups.list', {});
    expect(offered.map((b) => b.fileName)).not.toContain(damaged.fileName);
    expect(offered.map((b) => b.fileName)).toContain(good);
    expect(recovery.message).not.toContain(damaged.fileName);
  });

  it('says plainly when there is no verified backup at all', () => {
    fs.mkdirSync(env.dataDir, { recursive: true });
    fs.writeFileSync(env.dataFile, 'dette er ikke en database'.repeat(100));
    const recovery = open() as RecoveryCore;
    expect(recovery.mode).toBe('recovery');
    expect(recovery.message).toContain(
      `Fant ingen kontrollerte sikkerhetskopier i ${env.backupDir}`,
    );
  });
});

describe('--restore <file> on the browser host', () => {
  it('is parsed as a full path', () => {
    expect(parseHostArgs(['--restore', 'kopi.sqlite'], '/data')).toEqual({
      dataDir: '/data',
      port: 0,
      restore: path.resolve('kopi.sqlite'),
    });
    expect(parseHostArgs(['--restore'], '/data')).toMatch(/Mangler fil etter --restore/);
  });

  it('puts a verified copy in place of a damaged file before start, keeping the damaged bytes', async () => {
    const backupName = await realDataWithBackup();
    fs.writeFileSync(env.dataFile, randomBytes(32 * 1024));
    const hash = sha256File(env.dataFile);

    const result = restoreBeforeStart(env.options, path.join(env.backupDir, backupName));

    expect(result.counts.centres).toBe(2);
    expect(sha256File(result.damagedCopy!)).toBe(hash);
    const core = startCore(env.options);
    running.push(core);
    expect((await coreApi(core).call('centres.list', {})).rows).toHaveLength(2);
  });

  it('refuses a file that is not a verified database and leaves the data file alone', async () => {
    await realDataWithBackup();
    const hash = sha256File(env.dataFile);
    const bogus = path.join(env.root, 'kopi.sqlite');
    fs.writeFileSync(bogus, 'ikke en database');
    expect(() => restoreBeforeStart(env.options, bogus)).toThrow(/kan ikke gjenopprettes/);
    expect(sha256File(env.dataFile)).toBe(hash);
  });
});
