import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The change log (invariant 6 of docs/DOMAIN.md): one row per create/update/delete of any record, with the
 * record before and after as JSON. Append-only: triggers in the migration refuse UPDATE
 * and DELETE on this table.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    atMs: integer('at_ms').notNull(),
    actor: text('actor').notNull(),
    entity: text('entity').notNull(),
    entityId: integer('entity_id').notNull(),
    action: text('action', { enum: ['create', 'update', 'delete'] }).notNull(),
    beforeJson: text('before_json'),
    afterJson: text('after_json'),
    reason: text('reason'),
  },
  (t) => [
    index('audit_log_entity_entity_id_idx').on(t.entity, t.entityId),
    index('audit_log_at_ms_idx').on(t.atMs),
  ],
);
