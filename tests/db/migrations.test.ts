import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DatabaseOpenError,
  openDatabase,
  type OpenFailure,
} from '../../src-main/platform/database';
import { MIGRATIONS_DIR } from '../helpers/paths';
import { tempDir, type TempDir } from '../helpers/temp';

interface JournalEntry {
  idx: number;
  when: number;
  tag: string;
}
interface Journal {
  version: string;
  dialect: string;
  entries: JournalEntry[];
}

const journal = JSON.parse(
  fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8'),
) as Journal;
const entries = journal.entries;
const latestWhen = Math.max(...entries.map((e) => e.when));

/** A migrations folder holding only the first `count` migrations of the real one. */
function partialMigrations(root: string, count: number): string {
  const dir = path.join(root, `migrations-${count}`);
  fs.mkdirSync(path.join(dir, 'meta'), { recursive: true });
  const kept = entries.slice(0, count);
  for (const entry of kept) {
    fs.copyFileSync(
      path.join(MIGRATIONS_DIR, `${entry.tag}.sql`),
      path.join(dir, `${entry.tag}.sql`),
    );
  }
  fs.writeFileSync(
    path.join(dir, 'meta', '_journal.json'),
    JSON.stringify({ ...journal, entries: kept }, null, 2),
  );
  return dir;
}

type SchemaObject = { type: string; name: string };

function schemaObjects(sqlite: Database.Database): SchemaObject[] {
  return sqlite
    .prepare(
      `select type, name from sqlite_master
        where name not like 'sqlite_%' order by type, name`,
    )
    .all() as SchemaObject[];
}

function openError(file: string, migrationsDir = MIGRATIONS_DIR): DatabaseOpenError {
  try {
    const opened = openDatabase(file, migrationsDir);
    opened.close();
  } catch (error) {
    if (error instanceof DatabaseOpenError) return error;
    throw error;
  }
  throw new Error(`${file} opened without complaint`);
}

/** Rows a KSS data file has at any migration: an organisation, its member-centre role, a membership. */
function insertCentreRows(sqlite: Database.Database): void {
  const now = new Date(2024, 5, 15, 12).getTime();
  sqlite
    .prepare(
      `insert into organisations (id, name, name_key, org_number, created_at_ms, updated_at_ms)
       values (1, 'Alta Krisesenter', 'alta krisesenter', '991000003', ?, ?)`,
    )
    .run(now, now);
  sqlite
    .prepare(
      `insert into member_centres (organisation_id, driftsform, region, contact_email)
       values (1, 'ideell', 'nord', 'post@altakrise.no')`,
    )
    .run();
  sqlite
    .prepare(
      `insert into memberships (id, centre_id, joined_date, left_date, note, created_at_ms)
       values (1, 1, '2024-06-01', null, 'Meldt inn på forsommeren', ?)`,
    )
    .run(now);
}

describe('openDatabase', () => {
  let tmp: TempDir;
  let file: string;

  beforeEach(() => {
    tmp = tempDir();
    file = path.join(tmp.dir, 'tilskudd.sqlite');
  });
  afterEach(() => tmp.cleanup());

  describe('on an empty data folder', () => {
    it('applies every migration in the journal', () => {
      const opened = openDatabase(file, MIGRATIONS_DIR);
      try {
        const applied = opened.sqlite
          .prepare('select created_at from __drizzle_migrations order by created_at')
          .all() as { created_at: number }[];
        expect(applied.map((r) => Number(r.created_at))).toEqual(entries.map((e) => e.when));
      } finally {
        opened.close();
      }
    });

    it('creates the member-centre tables and the change log with its guards', () => {
      const opened = openDatabase(file, MIGRATIONS_DIR);
      try {
        const names = schemaObjects(opened.sqlite).map((o) => `${o.type}:${o.name}`);
        for (const table of ['organisations', 'member_centres', 'memberships', 'audit_log']) {
          expect(names).toContain(`table:${table}`);
        }
        expect(names).toContain('index:organisations_name_key_idx');
        expect(names).toContain('trigger:audit_log_no_update');
        expect(names).toContain('trigger:audit_log_no_delete');
      } finally {
        opened.close();
      }
    });

    it('runs with WAL, synchronous=FULL and foreign keys on', () => {
      const opened = openDatabase(file, MIGRATIONS_DIR);
      try {
        expect(opened.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
        expect(opened.sqlite.pragma('synchronous', { simple: true })).toBe(2);
        expect(opened.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
        // So INSERT OR REPLACE fires the append-only DELETE triggers.
        expect(opened.sqlite.pragma('recursive_triggers', { simple: true })).toBe(1);
        expect(opened.file).toBe(file);
      } finally {
        opened.close();
      }
    });

    it('leaves a database that passes the integrity and foreign-key checks', () => {
      const opened = openDatabase(file, MIGRATIONS_DIR);
      try {
        expect(opened.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(opened.sqlite.pragma('foreign_key_check')).toEqual([]);
      } finally {
        opened.close();
      }
    });

    it('enforces foreign keys on the opened connection', () => {
      const opened = openDatabase(file, MIGRATIONS_DIR);
      try {
        expect(() =>
          opened.sqlite
            .prepare(
              `insert into memberships (centre_id, joined_date, created_at_ms) values (999, '2024-01-01', 0)`,
            )
            .run(),
        ).toThrow(/FOREIGN KEY/);
      } finally {
        opened.close();
      }
    });

    it('opens the same file again without re-running anything', () => {
      openDatabase(file, MIGRATIONS_DIR).close();
      const before = fs.readFileSync(file).length;
      const opened = openDatabase(file, MIGRATIONS_DIR);
      try {
        const count = opened.sqlite
          .prepare('select count(*) as n from __drizzle_migrations')
          .get() as { n: number };
        expect(count.n).toBe(entries.length);
        expect(fs.readFileSync(file).length).toBeGreaterThanOrEqual(before);
      } finally {
        opened.close();
      }
    });
  });

  // One upgrade per step: data written at migration k survives migrating to the latest.
  describe.each(entries.slice(1).map((entry, i) => ({ from: i + 1, to: entry.tag })))(
    'upgrading a data file that has the first $from migration(s) (next: $to)',
    ({ from }) => {
      it('keeps the data and ends with exactly the schema of a fresh database', () => {
        const older = openDatabase(file, partialMigrations(tmp.dir, from));
        insertCentreRows(older.sqlite);
        const dataBefore = {
          organisations: older.sqlite.prepare('select * from organisations').all(),
          member_centres: older.sqlite.prepare('select * from member_centres').all(),
          memberships: older.sqlite.prepare('select * from memberships').all(),
        };
        older.close();

        const upgraded = openDatabase(file, MIGRATIONS_DIR);
        const freshFile = path.join(tmp.dir, 'fresh.sqlite');
        const fresh = openDatabase(freshFile, MIGRATIONS_DIR);
        try {
          expect(upgraded.sqlite.prepare('select * from organisations').all()).toEqual(
            dataBefore.organisations,
          );
          expect(upgraded.sqlite.prepare('select * from member_centres').all()).toEqual(
            dataBefore.member_centres,
          );
          expect(upgraded.sqlite.prepare('select * from memberships').all()).toEqual(
            dataBefore.memberships,
          );
          // Tables, indexes and triggers added by the later migrations are all there.
          expect(schemaObjects(upgraded.sqlite)).toEqual(schemaObjects(fresh.sqlite));
          const applied = upgraded.sqlite
            .prepare('select count(*) as n from __drizzle_migrations')
            .get() as { n: number };
          expect(applied.n).toBe(entries.length);
          expect(upgraded.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
        } finally {
          upgraded.close();
          fresh.close();
        }
      });
    },
  );

  it('adds the change-log guards to a data file made before they existed', () => {
    const first = openDatabase(file, partialMigrations(tmp.dir, 1));
    insertCentreRows(first.sqlite);
    first.sqlite
      .prepare(
        `insert into audit_log (at_ms, actor, entity, entity_id, action, after_json)
         values (1, 'administrasjonsleder', 'centre', 1, 'create', '{}')`,
      )
      .run();
    // Before the guard migration, the change log could still be edited.
    first.sqlite.prepare(`update audit_log set actor = 'x'`).run();
    first.close();

    const upgraded = openDatabase(file, MIGRATIONS_DIR);
    try {
      expect(() => upgraded.sqlite.prepare(`update audit_log set actor = 'y'`).run()).toThrow(
        /append-only/,
      );
      expect(() => upgraded.sqlite.prepare('delete from audit_log').run()).toThrow(/append-only/);
      expect(upgraded.sqlite.prepare('select actor from audit_log').get()).toEqual({ actor: 'x' });
    } finally {
      upgraded.close();
    }
  });

  describe('refuses files it cannot use', () => {
    const cases: [string, (f: string) => void, OpenFailure][] = [
      ['random bytes', (f) => fs.writeFileSync(f, randomBytes(8192)), 'not-sqlite'],
      [
        'a text file',
        (f) =>
          fs.writeFileSync(
            f,
            'Navn;Driftsform\nAlta Krisesenter;Ideell organisasjon\n'.repeat(200),
          ),
        'not-sqlite',
      ],
    ];

    it.each(cases)('%s → %s', (_label, write, kind) => {
      write(file);
      const original = fs.readFileSync(file);
      const error = openError(file);
      expect(error.kind).toBe(kind);
      expect(error.message).toMatch(/ikke en database/);
      // The user's file is left exactly as it was.
      expect(fs.readFileSync(file).equals(original)).toBe(true);
    });

    it('a folder where the file should be → not-sqlite', () => {
      fs.mkdirSync(file);
      expect(openError(file).kind).toBe('not-sqlite');
    });

    it('a data file from a newer version of the app → newer-version', () => {
      openDatabase(file, MIGRATIONS_DIR).close();
      const raw = new Database(file);
      raw
        .prepare('insert into __drizzle_migrations (hash, created_at) values (?, ?)')
        .run('from-the-future', latestWhen + 365 * 24 * 3600 * 1000);
      raw.close();

      const error = openError(file);
      expect(error.kind).toBe('newer-version');
      expect(error.message).toMatch(/nyere versjon/);
    });

    it('a data file whose pages are damaged → corrupt', () => {
      const opened = openDatabase(file, MIGRATIONS_DIR);
      const insert = opened.sqlite.prepare(
        `insert into organisations (name, name_key, notes, created_at_ms, updated_at_ms)
         values (?, ?, ?, 0, 0)`,
      );
      for (let i = 0; i < 400; i++) insert.run(`Senter ${i}`, `senter ${i}`, 'x'.repeat(300));
      opened.sqlite.pragma('wal_checkpoint(TRUNCATE)');
      opened.close();

      // Overwrite every page after the first few with garbage, keeping the header valid.
      const bytes = fs.readFileSync(file);
      const pageSize = bytes.readUInt16BE(16);
      for (let offset = pageSize * 3; offset < bytes.length; offset += pageSize) {
        randomBytes(pageSize).copy(bytes, offset);
      }
      fs.writeFileSync(file, bytes);

      const error = openError(file);
      expect(error.kind).toBe('corrupt');
    });
  });
});
