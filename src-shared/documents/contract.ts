/**
 * Contract slice: notes and documents on a grant or a funder. Notes are a dated timeline
 * (calls, e-mails, meetings, decisions); documents are attached files (award letters,
 * contracts, reports) kept in the data file's document store — hashed (SHA-256), stored once
 * per content, size-limited, and carried by every backup and restore.
 * Assembled with the other slices in src-shared/api/contract.ts.
 */
import { z } from 'zod';
import { FileSchema, isoDateOut, method } from '../api/shapes';
import { id, isoDate, oneOf, optionalText, requiredText } from '../api/fields';
import { NOTE_KINDS } from './labels';
import { fileNameProblem, MAX_DOCUMENT_BASE64, MAX_DOCUMENT_BYTES } from './rules';

const optionalId = (label: string) =>
  id(label)
    .nullish()
    .transform((v) => v ?? null);

/** A grant or a funder: exactly one of the two. */
const owner = {
  grantId: optionalId('Tilskudd'),
  funderId: optionalId('Tilskuddsyter'),
};
function oneOwner(v: { grantId: number | null; funderId: number | null }, ctx: z.RefinementCtx) {
  if ((v.grantId === null) === (v.funderId === null)) {
    ctx.addIssue({
      code: 'custom',
      path: ['grantId'],
      message: 'Tilskudd eller tilskuddsyter må velges (bare én av dem).',
    });
  }
}

export const OwnerInput = z.object(owner).superRefine(oneOwner);
export type OwnerInput = z.input<typeof OwnerInput>;

const NoteFields = {
  date: isoDate('Dato'),
  kind: oneOf('Type', NOTE_KINDS),
  text: requiredText('Notat', 10_000),
};

export const NoteCreateInput = z.object({ ...owner, ...NoteFields }).superRefine(oneOwner);
export type NoteCreateInput = z.input<typeof NoteCreateInput>;
export const NoteUpdateInput = z.object({ id: id('Notat'), ...NoteFields });
export type NoteUpdateInput = z.input<typeof NoteUpdateInput>;

export const NoteSchema = z.object({
  id: z.number(),
  grantId: z.number().nullable(),
  funderId: z.number().nullable(),
  date: isoDateOut,
  kind: z.enum(NOTE_KINDS),
  text: z.string(),
  createdAtMs: z.number(),
  updatedAtMs: z.number(),
});
export type Note = z.infer<typeof NoteSchema>;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const tooLarge = `Filen er for stor. Et dokument kan være høyst ${MAX_DOCUMENT_BYTES / (1024 * 1024)} MB.`;

/** A file name as given: refused (not silently changed) when it is hostile; see ./rules.ts. */
export const documentFileName = (label = 'Filnavn') =>
  z
    .string({ error: () => `${label} må fylles ut.` })
    .max(1000, `${label} kan ha høyst 200 tegn.`)
    .transform((v) => v.normalize('NFC'))
    .superRefine((v, ctx) => {
      const problem = fileNameProblem(v, label);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });

export const DocumentUploadInput = z
  .object({
    ...owner,
    fileName: documentFileName(),
    contentBase64: z
      .string({ error: () => 'Filinnhold mangler.' })
      .max(MAX_DOCUMENT_BASE64, tooLarge)
      .refine((v) => v.length > 0, 'Filen er tom.')
      .refine((v) => v.length % 4 === 0 && BASE64.test(v), 'Filinnholdet er ikke gyldig base64.'),
    description: optionalText('Beskrivelse', 500),
  })
  .superRefine(oneOwner);
export type DocumentUploadInput = z.input<typeof DocumentUploadInput>;

export const DocumentSchema = z.object({
  id: z.number(),
  grantId: z.number().nullable(),
  funderId: z.number().nullable(),
  fileName: z.string(),
  sizeBytes: z.number(),
  /** SHA-256 of the bytes, hex. */
  sha256: z.string(),
  description: z.string().nullable(),
  uploadedAtMs: z.number(),
  uploadedBy: z.string(),
});
export type DocumentSummary = z.infer<typeof DocumentSchema>;

export const documentsMethods = {
  'notes.list': method(
    'The note timeline of a grant or a funder, newest date first.',
    OwnerInput,
    z.array(NoteSchema),
  ),
  'notes.add': method('Adds a dated note (change-logged).', NoteCreateInput, NoteSchema),
  'notes.update': method('Changes a note (change-logged).', NoteUpdateInput, NoteSchema),
  'notes.remove': method(
    'Removes a note (kept in the change log).',
    z.object({ id: id('Notat') }),
    z.object({ removed: z.boolean() }),
  ),

  'documents.list': method(
    'The documents attached to a grant or a funder, newest first.',
    OwnerInput,
    z.array(DocumentSchema),
  ),
  'documents.upload': method(
    'Attaches a file: hashed (SHA-256), stored once per content in the data file, size-limited.',
    DocumentUploadInput,
    DocumentSchema.extend({ deduplicated: z.boolean() }),
  ),
  'documents.download': method(
    'A document’s name and bytes (browser mode downloads it).',
    z.object({ id: id('Dokument') }),
    FileSchema,
  ),
  'documents.open': method(
    'Desktop only: opens a copy of the document with the system’s default program.',
    z.object({ id: id('Dokument') }),
    z.object({ opened: z.boolean() }),
  ),
  'documents.remove': method(
    'Removes a document (logged; the bytes go when no other document uses them).',
    z.object({ id: id('Dokument'), reason: optionalText('Begrunnelse', 500) }),
    z.object({ removed: z.boolean() }),
  ),
} as const;
