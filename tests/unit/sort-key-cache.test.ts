import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cachedKey, norwegianSortKey, registerSortKeys } from '../../src-main/platform/sort-keys';
import { cachedStatement } from '../../src-main/platform/statements';

describe('sort keys remembered per text', () => {
  it('computes a key once per text and gives the same key as the function', () => {
    const seen: string[] = [];
    const key = cachedKey((text) => {
      seen.push(text);
      return norwegianSortKey(text);
    });
    expect(key('Ålesund krisesenter')).toBe(norwegianSortKey('Ålesund krisesenter'));
    expect(key('Ålesund krisesenter')).toBe(norwegianSortKey('Ålesund krisesenter'));
    expect(key(null)).toBeNull();
    expect(key(undefined)).toBeNull();
    expect(seen).toEqual(['Ålesund krisesenter']);
  });

  it('stays bounded: past the limit it starts over and still answers right', () => {
    let calls = 0;
    const key = cachedKey((text) => {
      calls += 1;
      return text.toUpperCase();
    });
    for (let i = 0; i < 60_000; i += 1) expect(key(`navn ${i}`)).toBe(`NAVN ${i}`);
    calls = 0;
    // The first names were dropped when the cache started over; they are computed again.
    expect(key('navn 0')).toBe('NAVN 0');
    expect(calls).toBe(1);
  });

  it('orders Norwegian names in SQL with the registered functions', () => {
    const db = new Database(':memory:');
    registerSortKeys(db);
    db.exec(
      "create table t(name text); insert into t values ('Øst'),('Aust'),('Åsen'),('Zeta'),('Æra')",
    );
    const names = () =>
      (
        cachedStatement(db, 'select name from t order by nb_sort_key(name)').all() as {
          name: string;
        }[]
      ).map((r) => r.name);
    expect(names()).toEqual(['Aust', 'Zeta', 'Æra', 'Øst', 'Åsen']);
    // The same statement object is reused for the same SQL on the same connection.
    expect(cachedStatement(db, 'select 1')).toBe(cachedStatement(db, 'select 1'));
    expect(cachedStatement(new Database(':memory:'), 'select 1')).not.toBe(
      cachedStatement(db, 'select 1'),
    );
    expect(names()).toEqual(['Aust', 'Zeta', 'Æra', 'Øst', 'Åsen']);
  });
});
