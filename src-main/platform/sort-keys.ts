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

/** How many keys a cache keeps before it starts over (a few names' worth of memory). */
const CACHE_LIMIT = 50_000;

/**
 * `fn` remembered per text. The key functions are pure, and a sorted list asks for the key
 * of every matching row on every call (2 000 grant titles at 100× data): locale-aware
 * lower-casing and normalising cost 3–5 µs a text, a lookup well under one. When the cache is
 * full it is emptied and filled again, so memory stays bounded however many names pass.
 */
export function cachedKey(fn: (text: string) => string): (value: unknown) => string | null {
  const cache = new Map<string, string>();
  return (value) => {
    if (value === null || value === undefined) return null;
    const text = String(value);
    let key = cache.get(text);
    if (key === undefined) {
      if (cache.size >= CACHE_LIMIT) cache.clear();
      key = fn(text);
      cache.set(text, key);
    }
    return key;
  };
}

/** Registers `nb_key` and `nb_sort_key` on the connection (once). */
export function registerSortKeys(sqlite: Database.Database): void {
  if (registered.has(sqlite)) return;
  sqlite.function('nb_key', { deterministic: true }, cachedKey(nameKey));
  sqlite.function('nb_sort_key', { deterministic: true }, cachedKey(norwegianSortKey));
  registered.add(sqlite);
}
