/**
 * Norwegian order in SQL, for the lists sorted by SQLite (grants.list, rounds.list): the
 * functions `nb_key` (the unique-name key, `nameKey`) and `nb_sort_key` (below), registered
 * once per connection.
 */
import type Database from 'better-sqlite3';
import { nameKey } from './context';

/**
 * A key whose byte order is Norwegian alphabetical order: case and accents folded (é → e),
 * Æ, Ø, Å after Z in that order, and digit runs compared as numbers («Runde 2» before
 * «Runde 10»). Unlike the collator it does not read «aa» as «å».
 */
export function norwegianSortKey(text: string): string {
  return text
    .normalize('NFC')
    .toLocaleLowerCase('nb-NO')
    .replace(/[æøå]/g, (c) => ({ æ: '\u{10FFF0}', ø: '\u{10FFF1}', å: '\u{10FFF2}' })[c] ?? c)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\d+/g, (d) => d.replace(/^0+(?=\d)/, '').padStart(20, '0'))
    .trim()
    .replace(/\s+/g, ' ');
}

const registered = new WeakSet<object>();

/** Registers `nb_key` and `nb_sort_key` on the connection (once). */
export function registerSortKeys(sqlite: Database.Database): void {
  if (registered.has(sqlite)) return;
  sqlite.function('nb_key', { deterministic: true }, (value: unknown) =>
    value === null || value === undefined ? null : nameKey(String(value)),
  );
  sqlite.function('nb_sort_key', { deterministic: true }, (value: unknown) =>
    value === null || value === undefined ? null : norwegianSortKey(String(value)),
  );
  registered.add(sqlite);
}
