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

export type Db = BetterSQLite3Database<typeof schema>;

export interface OpenedDatabase {
  db: Db;
  sqlite: Database.Database;
  file: string;
  close(): void;
}

export type OpenFailure = 'not-sqlite' | 'corrupt' | 'newer-version' | 'foreign-keys';

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
}

interface JournalEntry {
  tag: string;
  when: number;
}

function latestKnownMigration(migrationsDir: string): number {
  const journal = JSON.parse(
    fs.readFileSync(path.join(migrationsDir, 'meta', '_journal.json'), 'utf8'),
  ) as { entries: JournalEntry[] };
  return Math.max(0, ...journal.entries.map((e) => e.when));
}

function latestAppliedMigration(sqlite: Database.Database): number {
  const table = sqlite
    .prepare(`select name from sqlite_master where type='table' and name='__drizzle_migrations'`)
    .get();
  if (!table) return 0;
  const row = sqlite.prepare('select max(created_at) as latest from __drizzle_migrations').get() as
    { latest: number | null } | undefined;
  return row?.latest ?? 0;
}

/**
 * Opens a data file: WAL with synchronous=FULL (a committed transaction survives power
 * loss), foreign keys on, quick_check, then migrations with foreign keys off (drizzle runs
 * them in one transaction, where the pragma would be ignored) and foreign_key_check after.
 */
export function openDatabase(
  file: string,
  migrationsDir: string,
  options: OpenOptions = {},
): OpenedDatabase {
  let sqlite: Database.Database;
  try {
    sqlite = new Database(
      file,
      options.nativeBinding ? { nativeBinding: options.nativeBinding } : {},
    );
  } catch (cause) {
    throw new DatabaseOpenError('not-sqlite', `Kan ikke åpne datafilen ${file}.`, { cause });
  }
  try {
    try {
      sqlite.pragma('journal_mode = WAL');
      const check = sqlite.pragma('quick_check', { simple: true });
      if (check !== 'ok') {
        throw new DatabaseOpenError('corrupt', `Datafilen er skadet (${String(check)}).`);
      }
    } catch (cause) {
      if (cause instanceof DatabaseOpenError) throw cause;
      const text = String((cause as Error).message);
      const kind: OpenFailure = /not a database|file is not a database/i.test(text)
        ? 'not-sqlite'
        : 'corrupt';
      throw new DatabaseOpenError(
        kind,
        kind === 'not-sqlite'
          ? 'Filen er ikke en database fra Tilskuddsoversikt.'
          : 'Datafilen er skadet.',
        { cause },
      );
    }
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('busy_timeout = 5000');
    // Without this, `INSERT OR REPLACE` deletes the conflicting row without firing DELETE
    // triggers, so it could silently overwrite an append-only audit_log or movements row.
    sqlite.pragma('recursive_triggers = ON');

    if (latestAppliedMigration(sqlite) > latestKnownMigration(migrationsDir)) {
      throw new DatabaseOpenError(
        'newer-version',
        'Datafilen er laget av en nyere versjon av Tilskuddsoversikt. Oppdater programmet.',
      );
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
