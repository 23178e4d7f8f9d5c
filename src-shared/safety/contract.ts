/**
 * Contract slice: Data safety: the change log (Endringslogg), backups and restore.
 * Assembled with the other slices in src-shared/api/contract.ts.
 */
import { z } from 'zod';
import { FileSchema, method } from '../api/shapes';
import { id, isoDate, optionalIsoDate, optionalText, requiredText } from '../api/fields';
import { AUDIT_ACTIONS, BACKUP_REASONS } from './labels';

// Change history (Endringslogg) and backups: the schemas of `audit.*` and `backups.*`. Their
// methods are the last block of `contract` below.

export const AuditEntrySchema = z.object({
  id: z.number().int(),
  atMs: z.number().int(),
  actor: z.string(),
  entity: z.string(),
  entityId: z.number().int(),
  action: z.enum(AUDIT_ACTIONS),
  /** The record before the change (parsed JSON), null for a create. */
  before: z.unknown().nullable(),
  /** The record after the change (parsed JSON), null for a delete. */
  after: z.unknown().nullable(),
  reason: z.string().nullable(),
  /**
   * The records the entry refers to, named by the server in one query for the page:
   * `<kind>:<id>` → the record's words (JSON array), null when it no longer exists.
   * src-shared/safety/audit.ts turns them into «Prosjekt: Juleaksjonen» / «#12 (slettet)».
   */
  names: z.record(z.string(), z.string().nullable()),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const wholeNumber = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label} må være et tall.` })
    .int(`${label} må være et heltall.`)
    .min(min, `${label} må være minst ${min}.`)
    .max(max, `${label} kan være høyst ${max}.`);

type AuditFilter = {
  entity: string | null;
  entityId: number | null;
  fromDate: string | null;
  toDate: string | null;
};

/** Cross-field rules of a change-log filter, with messages naming the field. */
export function checkAuditFilter(v: AuditFilter, ctx: z.RefinementCtx): void {
  if (v.fromDate && v.toDate && v.toDate < v.fromDate) {
    ctx.addIssue({
      code: 'custom',
      path: ['toDate'],
      message: 'Til dato kan ikke være før Fra dato.',
    });
  }
  if (v.entityId !== null && v.entity === null) {
    ctx.addIssue({
      code: 'custom',
      path: ['entity'],
      message: 'Type post må fylles ut når en bestemt post er valgt.',
    });
  }
}

export const auditFilter = {
  entity: optionalText('Type post', 60),
  entityId: id('Post')
    .nullish()
    .transform((v) => v ?? null),
};

export const AuditListInput = z
  .object({
    ...auditFilter,
    fromDate: optionalIsoDate('Fra dato'),
    toDate: optionalIsoDate('Til dato'),
    limit: wholeNumber('Antall rader', 1, 500).default(50),
    offset: wholeNumber('Hopp over', 0, 10_000_000).default(0),
  })
  .superRefine(checkAuditFilter)
  .prefault({});

export const AuditExportInput = z
  .object({ ...auditFilter, fromDate: isoDate('Fra dato'), toDate: isoDate('Til dato') })
  .superRefine(checkAuditFilter);

export { BACKUP_REASONS, type BackupReason } from './labels';

export const BackupCountsSchema = z.object({
  centres: z.number().int().nullable(),
  grants: z.number().int().nullable(),
  movements: z.number().int().nullable(),
});
export type BackupCounts = z.infer<typeof BackupCountsSchema>;

export const BackupSchema = z.object({
  fileName: z.string(),
  createdAtMs: z.number().int(),
  reason: z.enum(BACKUP_REASONS),
  sizeBytes: z.number().int(),
  /** integrity_check answered ok when the copy was taken (only such copies are kept). */
  verified: z.boolean(),
  counts: BackupCountsSchema,
  appVersion: z.string().nullable(),
});
export type Backup = z.infer<typeof BackupSchema>;

export const BackupInspectionSchema = BackupSchema.extend({
  /** 'ok', or what integrity_check found just now. */
  integrity: z.string(),
  /** This version of the app can open it (not from a newer version). */
  compatible: z.boolean(),
  /** Why it cannot be restored, in Norwegian; null when it can. */
  problem: z.string().nullable(),
  /** Newest entry in its change log. */
  lastChangeAtMs: z.number().int().nullable(),
});
export type BackupInspection = z.infer<typeof BackupInspectionSchema>;

export const BackupSettingsSchema = z.object({
  folder: z.string(),
  isDefaultFolder: z.boolean(),
  defaultFolder: z.string(),
  keepDaily: z.number().int(),
  keepWeekly: z.number().int(),
  keepMonthly: z.number().int(),
  keepManual: z.number().int(),
});
export type BackupSettings = z.infer<typeof BackupSettingsSchema>;

export const BackupSettingsInput = z.object({
  /** Blank = the default folder beside the data folder. */
  folder: optionalText('Mappe for sikkerhetskopier', 1000),
  keepDaily: wholeNumber('Daglige kopier', 1, 60),
  keepWeekly: wholeNumber('Ukentlige kopier', 0, 52),
  keepMonthly: wholeNumber('Månedlige kopier', 0, 120),
  keepManual: wholeNumber('Manuelle kopier', 1, 100),
});

export const backupFileName = requiredText('Sikkerhetskopi', 200).refine(
  (v) => /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(v),
  'Sikkerhetskopi har et ugyldig filnavn. Velg en kopi fra listen.',
);

export const BackupStatusSchema = z.object({
  /** 'recovery': the data file could not be opened; only backups can be listed and restored. */
  mode: z.enum(['normal', 'recovery']),
  problem: z.string().nullable(),
  dataFile: z.string(),
  folder: z.string(),
  /** Why copies do not go to the chosen folder right now (Norwegian), or null. */
  folderProblem: z.string().nullable(),
  latest: BackupSchema.nullable(),
});
export type BackupStatus = z.infer<typeof BackupStatusSchema>;

export const RestoreResultSchema = z.object({
  restored: BackupSchema,
  /** The copy of the data as it was just before the restore (null if it could not be opened). */
  safetyCopy: BackupSchema.nullable(),
  /** Where the unreadable data file's bytes were kept, when it was damaged. */
  damagedCopy: z.string().nullable(),
  counts: BackupCountsSchema,
});
export type RestoreResult = z.infer<typeof RestoreResultSchema>;

export const safetyMethods = {
  'audit.list': method(
    'The change log, newest first: by record (entity + entityId) and/or period, with paging.',
    AuditListInput,
    z.object({
      rows: z.array(AuditEntrySchema),
      total: z.number().int(),
      limit: z.number().int(),
      offset: z.number().int(),
    }),
  ),
  'audit.exportXlsx': method(
    'The change log of a period as an xlsx workbook for the auditor (sheet "Endringslogg").',
    AuditExportInput,
    FileSchema,
  ),
  'backups.status': method(
    'Whether the data file is open or the app runs in recovery mode, and the newest backup.',
    z.object({}).prefault({}),
    BackupStatusSchema,
  ),
  'backups.list': method(
    'Verified backups in the backup folder, newest first.',
    z.object({}).prefault({}),
    z.array(BackupSchema),
  ),
  'backups.create': method(
    'Takes a verified backup now (reason "manual").',
    z.object({}).prefault({}),
    BackupSchema,
  ),
  'backups.inspect': method(
    'Checks one backup again and tells what it holds, without touching the live data.',
    z.object({ fileName: backupFileName }),
    BackupInspectionSchema,
  ),
  'backups.restore': method(
    'Backs up the current data, verifies the chosen backup and swaps it in atomically.',
    z.object({
      fileName: backupFileName,
      confirmed: z.literal(true, { error: 'Gjenopprettingen må bekreftes.' }),
    }),
    RestoreResultSchema,
  ),
  'backups.download': method(
    'The backup file itself (base64), for "Lagre sikkerhetskopi som…".',
    z.object({ fileName: backupFileName }),
    FileSchema,
  ),
  'backups.getSettings': method(
    'Backup folder and how many copies are kept.',
    z.object({}).prefault({}),
    BackupSettingsSchema,
  ),
  'backups.setSettings': method(
    'Changes the backup folder (must be writable, outside the data folder) and rotation.',
    BackupSettingsInput,
    BackupSettingsSchema,
  ),
} as const;
