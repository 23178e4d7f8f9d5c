/**
 * What a data file's schema must be, from the migrations themselves: every table, index, view
 * and trigger, by name and by its SQL (whitespace-normalised), as it stands after each number
 * of applied migrations. The expected sets are computed once per migrations folder by applying
 * the migration files to an in-memory database, and cached.
 *
 * A file whose schema differs (a trigger dropped, an index altered, a table added by another
 * program) is «damaged or foreign»: the year lock and the append-only rules live in triggers,
 * so a file without them must not be opened or restored as if nothing were wrong.
 */
import Database from 'better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';

export interface SchemaObject {
  type: string;
  name: string;
  table: string;
  sql: string;
}

/** The schema after 0, 1, …, n migrations: index k is the schema of a file at level k. */
export type SchemaLevels = readonly ReadonlyMap<string, SchemaObject>[];

/** drizzle's own bookkeeping table; its presence is checked separately. */
export const MIGRATIONS_TABLE = '__drizzle_migrations';

const cache = new Map<string, SchemaLevels>();

/** SQL as text to compare: runs of whitespace are one space, no space at either end. */
export function normaliseSql(sql: string | null): string {
  return (sql ?? '').replace(/\s+/g, ' ').trim();
}

/** Every schema object a user (or a migration) made: not SQLite's own, not drizzle's table. */
export function schemaOf(sqlite: Database.Database): Map<string, SchemaObject> {
  const rows = sqlite
    .prepare(
      `select type, name, tbl_name as "table", sql from sqlite_master
        where substr(name, 1, 7) <> 'sqlite_' and name <> ?
        order by type, name`,
    )
    .all(MIGRATIONS_TABLE) as { type: string; name: string; table: string; sql: string | null }[];
  return new Map(rows.map((r) => [`${r.type}:${r.name}`, { ...r, sql: normaliseSql(r.sql) }]));
}

/** The expected schema after each number of migrations in `migrationsDir` (cached). */
export function expectedSchemas(
  migrationsDir: string,
  options: { nativeBinding?: string } = {},
): SchemaLevels {
  const cached = cache.get(migrationsDir);
  if (cached) return cached;
  const migrations = readMigrationFiles({ migrationsFolder: migrationsDir });
  const memory = new Database(':memory:', options);
  try {
    const levels: Map<string, SchemaObject>[] = [schemaOf(memory)];
    for (const migration of migrations) {
      for (const statement of migration.sql) {
        if (statement.trim()) memory.exec(statement);
      }
      levels.push(schemaOf(memory));
    }
    cache.set(migrationsDir, levels);
    return levels;
  } finally {
    memory.close();
  }
}

export interface SchemaDifference {
  missing: string[];
  changed: string[];
  extra: string[];
}

/** How `actual` differs from `expected`; every list empty when they match. */
export function compareSchemas(
  actual: ReadonlyMap<string, SchemaObject>,
  expected: ReadonlyMap<string, SchemaObject>,
): SchemaDifference {
  const missing: string[] = [];
  const changed: string[] = [];
  const extra: string[] = [];
  for (const [key, want] of expected) {
    const have = actual.get(key);
    if (!have) missing.push(key);
    else if (have.sql !== want.sql || have.table !== want.table) changed.push(key);
  }
  for (const key of actual.keys()) if (!expected.has(key)) extra.push(key);
  return { missing, changed, extra };
}

const TYPE_WORDS: Record<string, string> = {
  table: 'tabell',
  index: 'indeks',
  trigger: 'regel',
  view: 'visning',
};

function named(keys: readonly string[]): string {
  const shown = keys.slice(0, 3).map((key) => {
    const [type = '', ...rest] = key.split(':');
    return `${TYPE_WORDS[type] ?? type} «${rest.join(':')}»`;
  });
  return keys.length > 3 ? `${shown.join(', ')} og ${keys.length - 3} til` : shown.join(', ');
}

/** The difference in words for the user, or null when there is none. */
export function describeDifference(diff: SchemaDifference): string | null {
  const parts: string[] = [];
  if (diff.missing.length) parts.push(`mangler ${named(diff.missing)}`);
  if (diff.changed.length) parts.push(`endret ${named(diff.changed)}`);
  if (diff.extra.length) parts.push(`ukjent ${named(diff.extra)}`);
  return parts.length ? parts.join('; ') : null;
}
