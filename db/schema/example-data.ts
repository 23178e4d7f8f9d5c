import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * The example dataset (Årsmelding 2024) loaded into this database, if any: one row per load,
 * with the verified copy taken just before it (what «Fjern eksempeldata» restores) and the
 * last change-log entry the load wrote (later entries are the user's own changes).
 */
export const exampleDataLoads = sqliteTable('example_data_loads', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  version: integer('version').notNull(),
  source: text('source').notNull(),
  loadedAtMs: integer('loaded_at_ms').notNull(),
  actor: text('actor').notNull(),
  /** File name of the verified copy taken before the load (null when backups were off). */
  backupFileName: text('backup_file_name'),
  /** The newest audit_log id written by the load. */
  lastAuditId: integer('last_audit_id').notNull(),
});

/**
 * Which records are example data («Eksempeldata» in the UI): entity as in the change log
 * (organisation, project, grant, movement, round, allocation, membership) and its id.
 */
export const exampleRecords = sqliteTable(
  'example_records',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    loadId: integer('load_id')
      .notNull()
      .references(() => exampleDataLoads.id, { onDelete: 'cascade' }),
    entity: text('entity', {
      enum: [
        'organisation',
        'membership',
        'project',
        'project_partner',
        'grant',
        'movement',
        'round',
        'allocation',
      ],
    }).notNull(),
    entityId: integer('entity_id').notNull(),
  },
  (t) => [
    uniqueIndex('example_records_entity_entity_id_idx').on(t.entity, t.entityId),
    index('example_records_load_id_idx').on(t.loadId),
    check(
      'example_records_entity_check',
      sql`${t.entity} in ('organisation','membership','project','project_partner','grant','movement','round','allocation')`,
    ),
  ],
);
