/**
 * Two shapes every service repeats: «insert a row, then record the change» (invariant 6 of
 * docs/DOMAIN.md: the change log row is written in the same transaction as the change), and
 * «refuse a name another row already has» (names are compared by `nameKey`: case, spacing
 * and Unicode normalisation do not make a new name).
 */
import { and, eq, ne, type InferInsertModel, type InferSelectModel } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { conflict } from '../../src-shared/api/errors';
import { nameKey, recordChange, type ServiceContext } from './context';

type WithId = { id: number };

/**
 * Inserts one row and appends its «create» to the change log; returns the row as stored.
 * `view` chooses what the log shows (default: the row itself).
 */
export function insertRecorded<T extends SQLiteTable>(
  ctx: ServiceContext,
  table: T,
  values: InferInsertModel<T>,
  audit: {
    entity: string;
    view?: (row: InferSelectModel<T>) => unknown;
    reason?: string | null;
    /** The id to log, when the row's key is not a column called `id`. */
    entityId?: (row: InferSelectModel<T>) => number;
  },
): InferSelectModel<T> {
  // drizzle's generic insert loses the row type; the cast restores what `returning()` gives.
  const row = (
    ctx.db.insert(table as SQLiteTable).values(values as never) as unknown as {
      returning(): { get(): InferSelectModel<T> };
    }
  )
    .returning()
    .get();
  recordChange(ctx, {
    entity: audit.entity,
    entityId: audit.entityId ? audit.entityId(row) : (row as unknown as WithId).id,
    action: 'create',
    after: audit.view ? audit.view(row) : row,
    reason: audit.reason ?? null,
  });
  return row;
}

/** Where a unique name lives: its table, the row id, the name as typed and its key. */
export interface NameColumns {
  table: SQLiteTable;
  id: SQLiteColumn;
  name: SQLiteColumn;
  nameKey: SQLiteColumn;
}

/**
 * Refuses (CONFLICT, with the field issue on `name`) a name that another row already has.
 * `exceptId` is the row being renamed; `message` words the refusal for its kind of record.
 */
export function assertNameFree(
  ctx: Pick<ServiceContext, 'db'>,
  where: NameColumns,
  name: string,
  exceptId: number | undefined,
  message: (existing: string) => string,
): void {
  const key = nameKey(name);
  const clash = ctx.db
    .select({ name: where.name })
    .from(where.table)
    .where(
      exceptId === undefined
        ? eq(where.nameKey, key)
        : and(eq(where.nameKey, key), ne(where.id, exceptId)),
    )
    .get() as { name: string } | undefined;
  if (clash) {
    throw conflict(message(clash.name), [
      { path: 'name', message: `Navn: «${clash.name}» finnes allerede.` },
    ]);
  }
}
