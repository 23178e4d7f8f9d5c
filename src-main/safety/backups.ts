/**
 * Verified backups of the data file. Never imports 'electron': paths, clock and the open
 * connection are passed in.
 *
 * How a copy is taken: `VACUUM INTO` a hidden `.partial` file in the backup folder (a
 * consistent snapshot read through the live connection, including what is still in the WAL;
 * never a file copy of an open database), fsync, then the copy is opened read-only and must
 * pass `integrity_check`, the migration-level check and `foreign_key_check` before it is
 * renamed into place with a JSON sidecar (reason, size, sha256, counts). Only copies with a
 * sidecar count; files this module did not write are never touched.
 *
 * Why VACUUM INTO rather than better-sqlite3's `backup()`: it is synchronous, so the core can
 * take the pre-migration copy inside `openDatabase` before `migrate()` and keep `startCore`
 * synchronous; and the copy comes out in rollback-journal mode, a single self-contained file
 * that opens read-only without -wal/-shm files (`backup()` keeps the WAL flag).
 *
 * Rotation (after every new copy), restic's `--keep-*` rule over all verified copies, newest
 * first:
 *   - the newest copy is always kept;
 *   - daily: the newest copy of each of the last `keepDaily` (7) calendar days that have copies;
 *   - weekly: the newest copy of each of the last `keepWeekly` (4) ISO weeks that have copies;
 *   - monthly: the newest copy of each of the last `keepMonthly` (12) months that have copies;
 *   - plus the newest `keepManual` (10) copies taken by hand or before a risky operation
 *     (manual, pre-restore, pre-migration, pre-import, pre-year-close), whatever their age.
 * A copy kept by any rule stays; every other copy (file and sidecar) is deleted.
 *
 * Default folder: `<dataDir>-sikkerhetskopier`, a sibling of the data folder, so deleting or
 * resetting the data folder does not take the copies with it. Settings live in
 * `<dataDir>/backup-settings.json`, not in the database, so they can be read when the data
 *
 * The manager is a factory that wires named functions taking a BackupContext:
 * backup-context.ts (options, folders, state), backup-settings.ts (settings, the folder in
 * use), backup-files.ts (names, sidecars, fsync, examining a file), backup-rotation.ts
 * (pure rotation rule), backup-take.ts (taking a copy), backup-copies.ts (resolve, inspect,
 * download) and backup-restore.ts (stage, swap in, keep a damaged file).
 */
import type Database from 'better-sqlite3';
import type { BackupReason, ParsedInput } from '../../src-shared/api/contract';
import { createBackupContext, type BackupManagerOptions } from './backup-context';
import { download, inspect, inspectFile, listVerifiedNow, resolve } from './backup-copies';
import { examine, listIn } from './backup-files';
import { canOpen, discardStaged, preserveDamaged, stage, swapIn } from './backup-restore';
import { folder, folderProblem, setSettings, settings } from './backup-settings';
import { create, createFromFile, rotate } from './backup-take';

export {
  SETTINGS_FILE_NAME,
  defaultBackupFolder,
  type BackupManagerOptions,
} from './backup-context';
export {
  BackupError,
  MAX_DOWNLOAD_BYTES,
  REASON_SLUGS,
  countsOf,
  fileStamp,
  type TakenBackup,
} from './backup-files';
export {
  DEFAULT_RULES,
  MANUAL_REASONS,
  isoWeekKey,
  planRotation,
  type RotationEntry,
  type RotationRules,
} from './backup-rotation';

export type BackupManager = ReturnType<typeof createBackupManager>;

/** File operations on the backup folder; knows nothing about the live connection's owner. */
export function createBackupManager(options: BackupManagerOptions) {
  const bctx = createBackupContext(options);
  return {
    dataDir: bctx.dataDir,
    dataFile: options.dataFile,
    defaultFolder: bctx.defaultFolder,
    folder: () => folder(bctx),
    settings: () => settings(bctx),
    setSettings: (input: ParsedInput<'backups.setSettings'>) => setSettings(bctx, input),
    list: () => listIn(folder(bctx)),
    listVerifiedNow: () => listVerifiedNow(bctx),
    folderProblem: () => folderProblem(bctx),
    create: (sqlite: Database.Database, reason: BackupReason) => create(bctx, sqlite, reason),
    createFromFile: (file: string, reason: BackupReason) => createFromFile(bctx, file, reason),
    canOpen: (file: string) => canOpen(bctx, file),
    rotate: () => rotate(bctx),
    resolve: (fileName: string) => resolve(bctx, fileName),
    inspect: (fileName: string) => inspect(bctx, fileName),
    inspectFile: (file: string) => inspectFile(bctx, file),
    examine: (file: string, schema: 'verify' | 'skip' = 'verify') => examine(bctx, file, schema),
    download: (fileName: string) => download(bctx, fileName),
    stage: (source: string) => stage(bctx, source),
    swapIn: (staged: string) => swapIn(bctx, staged),
    discardStaged: () => discardStaged(bctx),
    preserveDamaged: () => preserveDamaged(bctx),
  };
}
