/**
 * Counts the SQL statements a piece of code executes on one better-sqlite3 connection (issue
 * 14: no N+1, a list costs the same number of statements whatever the data size). Wraps the
 * connection's `prepare` and `exec` so every run/get/all/iterate of every statement prepared
 * after `countStatements` is counted, including those drizzle prepares per query. Install it
 * before the services are created, so statements they prepare up front are wrapped too.
 */
import type Database from 'better-sqlite3';

export interface StatementCounter {
  /** Runs `fn` and returns how many statements it executed, with the SQL of each. */
  count<T>(fn: () => Promise<T> | T): Promise<{ value: T; statements: number; sql: string[] }>;
}

const EXECUTING = new Set(['run', 'get', 'all', 'iterate']);
/** Methods that return the statement itself; they must hand back the wrapper instead. */
const CHAINING = new Set(['raw', 'pluck', 'expand', 'safeIntegers', 'bind']);

export function countStatements(sqlite: Database.Database): StatementCounter {
  let active: string[] | null = null;
  const prepare = sqlite.prepare.bind(sqlite);
  const exec = sqlite.exec.bind(sqlite);

  const wrap = (stmt: Database.Statement, sql: string): Database.Statement => {
    const proxy: Database.Statement = new Proxy(stmt, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver) as unknown;
        if (typeof value !== 'function' || typeof key !== 'string') return value;
        if (EXECUTING.has(key)) {
          return (...args: unknown[]) => {
            active?.push(sql);
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        }
        if (CHAINING.has(key)) {
          return (...args: unknown[]) => {
            (value as (...a: unknown[]) => unknown).apply(target, args);
            return proxy;
          };
        }
        return (value as (...a: unknown[]) => unknown).bind(target);
      },
    });
    return proxy;
  };

  (sqlite as { prepare: (sql: string) => Database.Statement }).prepare = (sql: string) =>
    wrap(prepare(sql), sql);
  (sqlite as { exec: (sql: string) => Database.Database }).exec = (sql: string) => {
    active?.push(sql);
    return exec(sql);
  };

  return {
    async count(fn) {
      if (active) throw new Error('countStatements: counts may not be nested.');
      active = [];
      try {
        const value = await fn();
        return { value, statements: active.length, sql: active };
      } finally {
        active = null;
      }
    },
  };
}
