import { sql } from 'drizzle-orm';
import { blob, check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { funders, grants } from './grants';

/**
 * Notes and documents on a grant or a funder (exactly one of the two).
 *
 * Notes: a dated timeline of calls, e-mails, meetings and decisions.
 */
export const recordNotes = sqliteTable(
  'record_notes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    grantId: integer('grant_id').references(() => grants.id, { onDelete: 'restrict' }),
    funderId: integer('funder_id').references(() => funders.organisationId, {
      onDelete: 'restrict',
    }),
    noteDate: text('note_date').notNull(),
    kind: text('kind', { enum: ['call', 'email', 'meeting', 'decision', 'other'] }).notNull(),
    body: text('body').notNull(),
    createdAtMs: integer('created_at_ms').notNull(),
    updatedAtMs: integer('updated_at_ms').notNull(),
  },
  (t) => [
    index('record_notes_grant_id_idx').on(t.grantId),
    index('record_notes_funder_id_idx').on(t.funderId),
    check('record_notes_one_owner', sql`(${t.grantId} is null) <> (${t.funderId} is null)`),
    check(
      'record_notes_kind_check',
      sql`${t.kind} in ('call','email','meeting','decision','other')`,
    ),
    check('record_notes_body_not_blank', sql`length(trim(${t.body})) > 0`),
  ],
);

/**
 * The managed document store: the bytes of every attached file, once per SHA-256 (two
 * attachments of the same award letter share one row). The bytes live in the data file
 * itself, so every backup (VACUUM INTO) and every restore carries them.
 */
export const documentBlobs = sqliteTable(
  'document_blobs',
  {
    sha256: text('sha256').primaryKey(),
    sizeBytes: integer('size_bytes').notNull(),
    bytes: blob('bytes', { mode: 'buffer' }).notNull(),
  },
  (t) => [
    check('document_blobs_sha256_hex', sql`length(${t.sha256}) = 64`),
    check('document_blobs_size_matches', sql`${t.sizeBytes} = length(${t.bytes})`),
  ],
);

/** An attached file (award letter, contract, report) on a grant or a funder. */
export const documents = sqliteTable(
  'documents',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    grantId: integer('grant_id').references(() => grants.id, { onDelete: 'restrict' }),
    funderId: integer('funder_id').references(() => funders.organisationId, {
      onDelete: 'restrict',
    }),
    fileName: text('file_name').notNull(),
    sha256: text('sha256')
      .notNull()
      .references(() => documentBlobs.sha256, { onDelete: 'restrict' }),
    sizeBytes: integer('size_bytes').notNull(),
    description: text('description'),
    uploadedAtMs: integer('uploaded_at_ms').notNull(),
    uploadedBy: text('uploaded_by').notNull(),
  },
  (t) => [
    index('documents_grant_id_idx').on(t.grantId),
    index('documents_funder_id_idx').on(t.funderId),
    index('documents_sha256_idx').on(t.sha256),
    check('documents_one_owner', sql`(${t.grantId} is null) <> (${t.funderId} is null)`),
    check('documents_file_name_not_blank', sql`length(trim(${t.fileName})) > 0`),
  ],
);
