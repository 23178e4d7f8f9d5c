/**
 * Opens (and migrates) the SQLite data file. Takes paths as arguments: only
 * src-main/electron/paths.ts asks Electron where user data lives.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from '../../db/schema';
import {
  compareSchemas,
  describeDifference,
  expectedSchemas,
  MIGRATIONS_TABLE,
  schemaOf,
} from './schema-check';

export type Db = BetterSQLite3Database<typeof schema>;

export interface OpenedDatabase {
  db: Db;
  sqlite: Database.Database;
  file: string;
  close(): void;
}

export type OpenFailure =
  | 'not-sqlite'
  | 'corrupt'
  | 'newer-version'
  | 'foreign-keys'
  /** A SQLite file from another program: not empty, and without this app's migration table. */
  | 'foreign'
  /** Tables, indexes or triggers differ from what the migrations define (e.g. a dropped trigger). */
  | 'schema'
  /** A zero-length data file while verified backups exist (see startCore). */
  | 'empty';

/** Why a data file could not be opened, in words the user can act on. */
export class DatabaseOpenError extends Error {
  readonly kind: OpenFailure;
  constructor(kind: OpenFailure, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseOpenError';
    this.kind = kind;
  }
}

export interface OpenOptions {
  /** Path of a better_sqlite3.node built for the running runtime (Electron needs its own ABI). */
  nativeBinding?: string;
  /**
   * Called on the open connection after every check and before the first pending migration
   * runs (not called when nothing is pending). `applied` is how many migrations the file had:
   * 0 for a new file. The core takes its pre-migration backup here; a throw stops the open.
   */
  beforeMigrate?: (info: { sqlite: Database.Database; pending: number; applied: number }) => void;
}

interface JournalEntry {
  tag: string;
  when: number;
}

function journalEntries(migrationsDir: string): JournalEntry[] {
  const journal = JSON.parse(
    fs.readFileSync(path.join(migrationsDir, 'meta', '_journal.json'), 'utf8'),
  ) as { entries: JournalEntry[] };
  return journal.entries;
}

function latestKnownMigration(migrationsDir: string): number {
  return Math.max(0, ...journalEntries(migrationsDir).map((e) => e.when));
}

function appliedMigrations(sqlite: Database.Database): { count: number; latest: number } {
  const table = sqlite
    .prepare(`select name from sqlite_master where type='table' and name='__drizzle_migrations'`)
    .get();
  if (!table) return { count: 0, latest: 0 };
  const row = sqlite
    .prepare('select count(*) as n, max(created_at) as latest from __drizzle_migrations')
    .get() as { n: number; latest: number | null } | undefined;
  return { count: row?.n ?? 0, latest: Number(row?.latest ?? 0) };
}

/** What a readable data file holds, as far as opening it is concerned. */
export interface ProbeResult {
  /** Number of migrations recorded in the file (0 for an empty or new file). */
  appliedCount: number;
  /** `created_at` of the newest applied migration (0 when none). */
  latestApplied: number;
  /** How many of the app's migrations the file does not have yet. */
  pending: number;
}

function classify(cause: unknown, file: string): DatabaseOpenError {
  if (cause instanceof DatabaseOpenError) return cause;
  const code = (cause as { code?: unknown }).code;
  const text = String((cause as Error).message);
  if (code === 'SQLITE_NOTADB' || /not a database/i.test(text)) {
    return new DatabaseOpenError('not-sqlite', 'Filen er ikke en database fra Tilskuddsoversikt.', {
      cause,
    });
  }
  if (code === 'SQLITE_CANTOPEN' || !(cause instanceof Database.SqliteError)) {
    return new DatabaseOpenError('not-sqlite', `Kan ikke åpne datafilen ${file}.`, { cause });
  }
  return new DatabaseOpenError('corrupt', 'Datafilen er skadet.', { cause });
}

/**
 * A read-only connection to a WAL-mode file still creates the -wal and -shm files beside it.
 * This removes those it created (an empty -wal, and the -shm), so a check leaves the folder
 * as it found it. Safe because only one process may use a data folder (the lock).
 */
function removeCreatedSideFiles(file: string, existed: { wal: boolean; shm: boolean }): void {
  try {
    if (!existed.wal && fs.existsSync(`${file}-wal`) && fs.statSync(`${file}-wal`).size === 0) {
      fs.rmSync(`${file}-wal`, { force: true });
      if (!existed.shm) fs.rmSync(`${file}-shm`, { force: true });
    }
  } catch {
    // Leftover side files are harmless; SQLite reuses or removes them on the next open.
  }
}

/** True for the error a read-only connection gives when a hot rollback journal is beside the file. */
function isHotJournal(cause: unknown): boolean {
  return (cause as { code?: unknown } | null)?.code === 'SQLITE_READONLY_ROLLBACK';
}

/**
 * Finishes what a process killed in the middle of a rollback-journal transaction left: opens the
 * file read-write and reads from it, which makes SQLite roll the hot journal back (the file
 * returns to its last committed state, as on any open by SQLite) and delete it. This is SQLite's
 * own crash recovery, not a repair: the probe checks the result again afterwards.
 */
function rollBackHotJournal(file: string, nativeBinding: string | undefined): void {
  const sqlite = new Database(file, {
    fileMustExist: true,
    ...(nativeBinding ? { nativeBinding } : {}),
  });
  try {
    sqlite.prepare('select count(*) from sqlite_master').get();
  } finally {
    sqlite.close();
  }
}

/** A file this app may initialise: no schema objects at all (0 bytes, or SQLite's empty file). */
function isEmptySchema(sqlite: Database.Database): boolean {
  const row = sqlite
    .prepare(`select count(*) as n from sqlite_master where substr(name, 1, 7) <> 'sqlite_'`)
    .get() as { n: number };
  return row.n === 0;
}

/** Throws unless the file's schema is exactly what its applied migrations define. */
function checkSchema(
  sqlite: Database.Database,
  migrationsDir: string,
  latestApplied: number,
  nativeBinding: string | undefined,
): void {
  const hasMigrationTable = sqlite
    .prepare(`select 1 from sqlite_master where type = 'table' and name = ?`)
    .get(MIGRATIONS_TABLE);
  if (!hasMigrationTable) {
    if (isEmptySchema(sqlite)) return;
    throw new DatabaseOpenError(
      'foreign',
      'Filen er ikke en database fra Tilskuddsoversikt: den er laget av et annet program. ' +
        'Programmet har ikke endret den.',
    );
  }
  const level = journalEntries(migrationsDir).filter((e) => e.when <= latestApplied).length;
  const levels = expectedSchemas(migrationsDir, nativeBinding ? { nativeBinding } : {});
  const expected = levels[level];
  const difference = expected
    ? describeDifference(compareSchemas(schemaOf(sqlite), expected))
    : null;
  if (difference !== null) {
    throw new DatabaseOpenError(
      'schema',
      `Datafilen er skadet eller endret utenfor programmet: databasestrukturen stemmer ikke med ` +
        `Tilskuddsoversikt (${difference}). Regler som årslåsen kan mangle.`,
    );
  }
}

/**
 * Checks a data file without writing a byte to it: opened read-only, then `quick_check`
 * (or the full `integrity_check`), the migration level against the app's, the schema against
 * what the migrations define (schema-check.ts), and `foreign_key_check`. A file without this
 * app's migration table is refused as foreign unless it has no schema at all. Throws
 * DatabaseOpenError; a missing file is the caller's business.
 *
 * A hot rollback journal beside the file (a process killed mid-transaction: SQLite says
 * SQLITE_READONLY_ROLLBACK to a read-only connection) is not damage. With
 * `hotJournal: 'roll-back'` (openDatabase) the journal is rolled back through a read-write
 * connection and the file checked again; by default (backups) the file is refused.
 */
export function probeDatabase(
  file: string,
  migrationsDir: string,
  options: {
    nativeBinding?: string;
    check?: 'quick_check' | 'integrity_check';
    hotJournal?: 'refuse' | 'roll-back';
    /** 'skip' only when taking a copy of the live data (backups.ts); never for opening. */
    schema?: 'verify' | 'skip';
  } = {},
): ProbeResult {
  const stat = fs.statSync(file);
  if (stat.isDirectory()) {
    throw new DatabaseOpenError(
      'not-sqlite',
      `Kan ikke åpne datafilen ${file}: det ligger en mappe der datafilen skal være. ` +
        'Flytt mappen eller gi den et annet navn, og start programmet på nytt.',
    );
  }
  if (!stat.isFile()) {
    throw new DatabaseOpenError(
      'not-sqlite',
      `Kan ikke åpne datafilen ${file}: det er ikke en fil.`,
    );
  }
  try {
    return probeOnce(file, migrationsDir, options);
  } catch (error) {
    if (options.hotJournal !== 'roll-back' || !isHotJournal(error)) {
      throw classify(error, file);
    }
  }
  try {
    rollBackHotJournal(file, options.nativeBinding);
  } catch (cause) {
    throw new DatabaseOpenError(
      'corrupt',
      'Datafilen har en uavsluttet endring som ikke kunne rulles tilbake.',
      { cause },
    );
  }
  try {
    return probeOnce(file, migrationsDir, options);
  } catch (error) {
    throw classify(error, file);
  }
}

/** One read-only pass of the checks; throws the raw error (the caller classifies it). */
function probeOnce(
  file: string,
  migrationsDir: string,
  options: {
    nativeBinding?: string;
    check?: 'quick_check' | 'integrity_check';
    schema?: 'verify' | 'skip';
  },
): ProbeResult {
  const existed = { wal: fs.existsSync(`${file}-wal`), shm: fs.existsSync(`${file}-shm`) };
  const sqlite = new Database(file, {
    readonly: true,
    fileMustExist: true,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    const check = sqlite.pragma(options.check ?? 'quick_check', { simple: true });
    if (check !== 'ok') {
      throw new DatabaseOpenError('corrupt', `Datafilen er skadet (${String(check)}).`);
    }
    const applied = appliedMigrations(sqlite);
    const entries = journalEntries(migrationsDir);
    if (applied.latest > latestKnownMigration(migrationsDir)) {
      throw new DatabaseOpenError(
        'newer-version',
        'Datafilen er laget av en nyere versjon av Tilskuddsoversikt. Oppdater programmet.',
      );
    }
    if (options.schema !== 'skip') {
      checkSchema(sqlite, migrationsDir, applied.latest, options.nativeBinding);
    }
    const fkProblems = sqlite.pragma('foreign_key_check') as unknown[];
    if (fkProblems.length > 0) {
      throw new DatabaseOpenError(
        'foreign-keys',
        `Datafilen har ${fkProblems.length} brutte koblinger mellom poster.`,
      );
    }
    return {
      appliedCount: applied.count,
      latestApplied: applied.latest,
      pending: entries.filter((e) => e.when > applied.latest).length,
    };
  } finally {
    sqlite.close();
    removeCreatedSideFiles(file, existed);
  }
}

/**
 * Opens a data file. An existing file is first checked read-only (probeDatabase), so a
 * damaged, foreign or newer file is refused before anything writes to it. Then: WAL with
 * synchronous=FULL (a committed transaction survives power loss), foreign keys on, and
 * migrations with foreign keys off (drizzle runs them in one transaction, where the pragma
 * would be ignored) and foreign_key_check after.
 */
export function openDatabase(
  file: string,
  migrationsDir: string,
  options: OpenOptions = {},
): OpenedDatabase {
  const binding = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  // The probe's quick_check stands for the open too: nothing writes between the two.
  const probed = fs.existsSync(file);
  if (probed) probeDatabase(file, migrationsDir, { ...binding, hotJournal: 'roll-back' });

  let sqlite: Database.Database;
  try {
    sqlite = new Database(file, binding);
  } catch (cause) {
    throw new DatabaseOpenError('not-sqlite', `Kan ikke åpne datafilen ${file}.`, { cause });
  }
  try {
    try {
      sqlite.pragma('journal_mode = WAL');
      const check = probed ? 'ok' : sqlite.pragma('quick_check', { simple: true });
      if (check !== 'ok') {
        throw new DatabaseOpenError('corrupt', `Datafilen er skadet (${String(check)}).`);
      }
    } catch (cause) {
      throw classify(cause, file);
    }
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('busy_timeout = 5000');
    // Without this, `INSERT OR REPLACE` deletes the conflicting row without firing DELETE
    // triggers, so it could silently overwrite an append-only audit_log or movements row.
    sqlite.pragma('recursive_triggers = ON');

    const applied = appliedMigrations(sqlite);
    if (applied.latest > latestKnownMigration(migrationsDir)) {
      throw new DatabaseOpenError(
        'newer-version',
        'Datafilen er laget av en nyere versjon av Tilskuddsoversikt. Oppdater programmet.',
      );
    }
    const pending = journalEntries(migrationsDir).filter((e) => e.when > applied.latest).length;
    if (pending > 0 && options.beforeMigrate) {
      options.beforeMigrate({ sqlite, pending, applied: applied.count });
    }

    const db = drizzle(sqlite, { schema, casing: 'snake_case' });
    sqlite.pragma('foreign_keys = OFF');
    migrate(db, { migrationsFolder: migrationsDir });
    sqlite.pragma('foreign_keys = ON');
    const fkProblems = sqlite.pragma('foreign_key_check') as unknown[];
    if (fkProblems.length > 0) {
      throw new DatabaseOpenError(
        'foreign-keys',
        `Datafilen har ${fkProblems.length} brutte koblinger mellom poster.`,
      );
    }
    return { db, sqlite, file, close: () => sqlite.close() };
  } catch (error) {
    sqlite.close();
    throw error;
  }
}
