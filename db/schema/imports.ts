import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Files imported from Excel/CSV (member centres, funders, grants, allocations): one row per
 * import that was committed, so the same file (same SHA-256 of its bytes) imported again is
 * recognised. The records the import created are in the change log like any other change.
 */
export const imports = sqliteTable(
  'imports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: ['centres', 'funders', 'grants', 'allocations'] }).notNull(),
    fileName: text('file_name').notNull(),
    /** SHA-256 of the file's bytes, lower-case hex. */
    fileHash: text('file_hash').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    rowCount: integer('row_count').notNull(),
    importedAtMs: integer('imported_at_ms').notNull(),
    actor: text('actor').notNull(),
    /** Why a file that had been imported before was imported again (null the first time). */
    duplicateReason: text('duplicate_reason'),
  },
  (t) => [
    index('imports_file_hash_idx').on(t.fileHash),
    index('imports_imported_at_ms_idx').on(t.importedAtMs),
  ],
);
