/**
 * Attached documents (award letters, contracts, reports) on a grant or a funder.
 *
 * The document store lives INSIDE the data file: `document_blobs` holds the bytes once per
 * SHA-256, `documents` the attachments (name, owner, size, hash). Chosen over a folder next
 * to the data file because every backup is a `VACUUM INTO` copy of that file and every
 * restore swaps it: documents travel with backups and restores, and come back byte-identical,
 * with nothing to keep in step. The size limit (src-shared/documents/rules.ts) keeps the file
 * reasonable. Hostile file names are refused by the contract, never rewritten silently.
 */
import { createHash } from 'node:crypto';
import { and, count, desc, eq } from 'drizzle-orm';
import { documentBlobs, documents } from '../../db/schema';
import type { DocumentSummary, FileContent, ParsedInput } from '../../src-shared/api/contract';
import { badInput, conflict, notFound } from '../../src-shared/api/errors';
import { MAX_DOCUMENT_BYTES } from '../../src-shared/documents/rules';
import { recordChange, type ServiceContext } from '../platform/context';
import { assertOwner, ownerWhere } from './owner';

type DocumentRecord = typeof documents.$inferSelect;

function toSummary(r: DocumentRecord): DocumentSummary {
  return {
    id: r.id,
    grantId: r.grantId,
    funderId: r.funderId,
    fileName: r.fileName,
    sizeBytes: r.sizeBytes,
    sha256: r.sha256,
    description: r.description,
    uploadedAtMs: r.uploadedAtMs,
    uploadedBy: r.uploadedBy,
  };
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function record(ctx: ServiceContext, id: number): DocumentRecord {
  const found = ctx.db.select().from(documents).where(eq(documents.id, id)).get();
  if (!found) throw notFound('Fant ikke dokumentet.');
  return found;
}

/** The bytes of a document, checked against its hash (a damaged store is not handed out). */
export function readDocument(ctx: ServiceContext, id: number): { fileName: string; bytes: Buffer } {
  const doc = record(ctx, id);
  const blob = ctx.db
    .select({ bytes: documentBlobs.bytes })
    .from(documentBlobs)
    .where(eq(documentBlobs.sha256, doc.sha256))
    .get();
  if (!blob || sha256Hex(blob.bytes) !== doc.sha256) {
    throw conflict(
      `Innholdet i dokumentet ${doc.fileName} er skadet. Gjenopprett en sikkerhetskopi for å få det tilbake.`,
    );
  }
  return { fileName: doc.fileName, bytes: blob.bytes };
}

function decode(base64: string): Buffer {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length > MAX_DOCUMENT_BYTES) {
    throw badInput(
      'contentBase64',
      `Filen er for stor. Et dokument kan være høyst ${MAX_DOCUMENT_BYTES / (1024 * 1024)} MB.`,
    );
  }
  if (bytes.length === 0) throw badInput('contentBase64', 'Filen er tom.');
  return bytes;
}

export function listDocuments(
  ctx: ServiceContext,
  owner: ParsedInput<'documents.list'>,
): DocumentSummary[] {
  assertOwner(ctx, owner);
  return ctx.db
    .select()
    .from(documents)
    .where(ownerWhere(documents, owner))
    .orderBy(desc(documents.uploadedAtMs), desc(documents.id))
    .all()
    .map(toSummary);
}

/** Hashes the bytes, stores them once per SHA-256, and records the attachment. */
export function uploadDocument(
  ctx: ServiceContext,
  input: ParsedInput<'documents.upload'>,
): DocumentSummary & { deduplicated: boolean } {
  const { db } = ctx;
  const bytes = decode(input.contentBase64);
  const sha256 = sha256Hex(bytes);
  return db.transaction(() => {
    assertOwner(ctx, input);
    const twin = db
      .select({ fileName: documents.fileName })
      .from(documents)
      .where(and(ownerWhere(documents, input), eq(documents.sha256, sha256)))
      .get();
    if (twin) throw conflict(`Dette dokumentet er allerede lagt ved (som ${twin.fileName}).`);
    const stored = db
      .select({ sha256: documentBlobs.sha256 })
      .from(documentBlobs)
      .where(eq(documentBlobs.sha256, sha256))
      .get();
    if (!stored) db.insert(documentBlobs).values({ sha256, sizeBytes: bytes.length, bytes }).run();
    const saved = db
      .insert(documents)
      .values({
        grantId: input.grantId,
        funderId: input.funderId,
        fileName: input.fileName,
        sha256,
        sizeBytes: bytes.length,
        description: input.description,
        uploadedAtMs: ctx.clock.nowMs(),
        uploadedBy: ctx.actor,
      })
      .returning()
      .get();
    const after = toSummary(saved);
    recordChange(ctx, { entity: 'document', entityId: saved.id, action: 'create', after });
    return { ...after, deduplicated: stored !== undefined };
  });
}

/** Removes an attachment (logged); the bytes go too when no other attachment uses them. */
export function removeDocument(
  ctx: ServiceContext,
  input: ParsedInput<'documents.remove'>,
): { removed: boolean } {
  const { db } = ctx;
  return db.transaction(() => {
    const doc = record(ctx, input.id);
    db.delete(documents).where(eq(documents.id, input.id)).run();
    const users =
      db.select({ n: count() }).from(documents).where(eq(documents.sha256, doc.sha256)).get()?.n ??
      0;
    if (users === 0) db.delete(documentBlobs).where(eq(documentBlobs.sha256, doc.sha256)).run();
    recordChange(ctx, {
      entity: 'document',
      entityId: input.id,
      action: 'delete',
      before: toSummary(doc),
      reason: input.reason,
    });
    return { removed: true };
  });
}

export function createDocumentsService(ctx: ServiceContext) {
  return {
    read: (id: number) => readDocument(ctx, id),
    list: (input: ParsedInput<'documents.list'>) => listDocuments(ctx, input),
    upload: (input: ParsedInput<'documents.upload'>) => uploadDocument(ctx, input),
    download(input: ParsedInput<'documents.download'>): FileContent {
      const { fileName, bytes } = readDocument(ctx, input.id);
      return { fileName, contentBase64: bytes.toString('base64') };
    },
    remove: (input: ParsedInput<'documents.remove'>) => removeDocument(ctx, input),
  };
}

export type DocumentsService = ReturnType<typeof createDocumentsService>;
