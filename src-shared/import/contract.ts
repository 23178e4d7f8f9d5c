/**
 * Contract slice: Import from Excel/CSV with a preview of every row.
 * Assembled with the other slices in src-shared/api/contract.ts.
 */
import { z } from 'zod';
import { method } from '../api/shapes';
import { oneOf, optionalText, requiredText } from '../api/fields';
import { CSV_ENCODINGS, IMPORT_KINDS, IMPORT_MAX_BYTES } from './rules';

// Schemas of `import.*`; the methods are the last block of `contract` below. (The import
// declaration sits here to keep the section in one piece; imports are hoisted.)

/** Base64 a little above the size limit, so the service can answer with the file's actual size. */
export const IMPORT_MAX_BASE64_CHARS = 16_000_000;

export const importFileFields = {
  kind: oneOf('Hva som skal importeres', IMPORT_KINDS),
  fileName: requiredText('Filnavn', 260),
  contentBase64: z
    .string({ error: 'Filen mangler.' })
    .min(1, 'Filen er tom.')
    .max(
      IMPORT_MAX_BASE64_CHARS,
      `Filen er for stor. Største tillatte størrelse er ${IMPORT_MAX_BYTES / (1024 * 1024)} MB.`,
    )
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Filen kunne ikke leses (ugyldig filinnhold).'),
  /** Field → column header. A field left out gets the suggested column; null = not in the file. */
  mapping: z
    .record(z.string().max(60), z.string().max(300).nullable(), {
      error: 'Kolonnevalget er ugyldig.',
    })
    .refine((m) => Object.keys(m).length <= 40, 'Kolonnevalget er ugyldig.')
    .nullish()
    .transform((v) => v ?? null),
  /** CSV: the character set chosen for a file whose lines are not all UTF-8; null = found from the file. */
  encoding: z
    .enum(CSV_ENCODINGS, { error: 'Tegnkodingen må være UTF-8 eller Windows-1252.' })
    .nullish(),
};

export const ImportPreviewInput = z.object(importFileFields);

export const ImportCommitInput = z.object({
  ...importFileFields,
  /** The SHA-256 the preview answered: the file imported is the file previewed. */
  fileHash: z
    .string({ error: 'Forhåndsvis filen før den importeres.' })
    .regex(/^[0-9a-f]{64}$/, 'Forhåndsvis filen før den importeres.'),
  confirmed: z.literal(true, { error: 'Importen må bekreftes.' }),
  /** Needed only to import a file that was imported before (same SHA-256). */
  duplicateReason: optionalText('Begrunnelse for å importere filen på nytt', 1000),
});

export const ImportRecordSchema = z.object({
  id: z.number().int(),
  kind: z.enum(IMPORT_KINDS),
  fileName: z.string(),
  fileHash: z.string(),
  sizeBytes: z.number().int(),
  rowCount: z.number().int(),
  importedAtMs: z.number().int(),
  actor: z.string(),
  duplicateReason: z.string().nullable(),
});
export type ImportRecord = z.infer<typeof ImportRecordSchema>;

export const ImportProblemSchema = z.object({
  /** The field (e.g. "contactEmail"), null for a problem with the whole row. */
  field: z.string().nullable(),
  /** The file's column the field was read from, if any. */
  column: z.string().nullable(),
  /** Norwegian, naming the row and the column: «Rad 4, kolonne «E-post»: …». */
  message: z.string(),
});
export type ImportProblem = z.infer<typeof ImportProblemSchema>;

export const ImportRowSchema = z.object({
  /** The row number as the spreadsheet shows it (the header is usually row 1). */
  rowNumber: z.number().int(),
  /** 'update' when the row changes an existing record (an application already in the round). */
  action: z.enum(['create', 'update']),
  /** Normalised: øre integers, ISO dates, choice keys, trimmed text; null for empty. */
  values: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  problems: z.array(ImportProblemSchema),
});
export type ImportRow = z.infer<typeof ImportRowSchema>;

export const ImportPreviewSchema = z.object({
  kind: z.enum(IMPORT_KINDS),
  fileName: z.string(),
  /** SHA-256 of the file's bytes; the commit must send it back. */
  fileHash: z.string(),
  sizeBytes: z.number().int(),
  format: z.enum(['csv', 'xlsx']),
  /** The worksheet read (xlsx: the first visible sheet with data). */
  sheetName: z.string().nullable(),
  /** CSV: the separator found (";", "," or a tab). */
  separator: z.string().nullable(),
  /** CSV: the character set found (UTF-8, Windows-1252, UTF-16). */
  encoding: z.string().nullable(),
  columns: z.array(z.string()),
  suggestedMapping: z.record(z.string(), z.string().nullable()),
  /** The mapping used for this preview. */
  mapping: z.record(z.string(), z.string().nullable()),
  /** Problems with the file as a whole (a required field without a column, no rows). */
  fileProblems: z.array(z.string()),
  rows: z.array(ImportRowSchema),
  okCount: z.number().int(),
  problemCount: z.number().int(),
  /** No problems at all, at least one row: the commit will be accepted (given a reason if imported before). */
  canImport: z.boolean(),
  /** The same file (same SHA-256) has been imported before. */
  alreadyImported: z.boolean(),
  previousImports: z.array(ImportRecordSchema),
});
export type ImportPreview = z.infer<typeof ImportPreviewSchema>;

export const ImportResultSchema = z.object({
  kind: z.enum(IMPORT_KINDS),
  imported: z.number().int(),
  importId: z.number().int(),
  /** The verified backup taken just before (null where backups are off, as in unit tests). */
  backupFileName: z.string().nullable(),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;

export const importMethods = {
  'import.preview': method(
    'Reads a CSV or xlsx file and shows every row as it would be imported, with its problems; writes nothing.',
    ImportPreviewInput,
    ImportPreviewSchema,
  ),
  'import.commit': method(
    'Imports a previewed file after a backup, all rows in one transaction; refused on any problem or an unexplained re-import.',
    ImportCommitInput,
    ImportResultSchema,
  ),
  'import.list': method(
    'Files imported so far, newest first.',
    z.object({}).prefault({}),
    z.array(ImportRecordSchema),
  ),
} as const;
