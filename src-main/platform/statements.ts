/**
 * Prepared statements kept per connection for the SQL a list runs on every call. Preparing
 * a long statement (a paged list with its sort, filters and sums) costs SQLite a fraction of
 * a millisecond each time, comparable to running it over a page; a statement is prepared once
 * and reused after.
 *
 * Only for statements read with `all` or `get`: an iterating statement is busy until the
 * iteration ends, so a streamed read (`iterate`) prepares its own.
 */
import type Database from 'better-sqlite3';

const byConnection = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** The statement for `sql` on this connection, prepared the first time it is asked for. */
export function cachedStatement(sqlite: Database.Database, sql: string): Database.Statement {
  let statements = byConnection.get(sqlite);
  if (!statements) {
    statements = new Map();
    byConnection.set(sqlite, statements);
  }
  let statement = statements.get(sql);
  if (!statement) {
    statement = sqlite.prepare(sql);
    statements.set(sql, statement);
  }
  return statement;
}
