/**
 * What the core (core.ts) and the recovery core (recovery.ts) share: the options and the
 * shape of a core, the loggers, the backup manager over the data folder, and the restore of
 * a closed data file. Never imports 'electron'.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Backup, RestoreResult } from '../src-shared/api/contract';
import { AppError } from '../src-shared/api/errors';
import { type Dispatch, type Logger, consoleLogger } from './transport/dispatch';
import type { Handlers } from './transport/handlers';
import type { OpenedDatabase } from './platform/database';
import type { Services } from './services';
import { BackupError, createBackupManager, type BackupManager } from './safety/backups';
import type { BackupController, RiskReason } from './platform/backup-controller';
import type { Clock } from './platform/context';
import { prepareDataPath, removeRestoreLeftovers, restoreStep } from './platform/restore-safety';
import { storageError } from './platform/storage-errors';
import { createFileLog, type FileLog } from './platform/file-log';

export const DATA_FILE_NAME = 'tilskudd.sqlite';

export interface CoreOptions {
  dataDir: string;
  migrationsDir: string;
  appVersion: string;
  nativeBinding?: string;
  clock?: Clock;
  actor?: string;
  logger?: Logger;
  /** Handlers the host replaces (the Electron shell supplies `files.saveAs`). */
  overrides?: Partial<Handlers>;
  /** The production log in `<dataDir>/logg/` is written unless turned off here. */
  fileLog?: boolean;
  /**
   * The start-up backup and the daily timer are on unless turned off here. `'deferred'`: the
   * host takes the start-up backup with `takeStartupBackup()` once its server answers.
   */
  backups?: { atStartup?: boolean | 'deferred'; daily?: boolean; folderCheckTimeoutMs?: number };
}

export interface Core {
  mode: 'normal';
  dispatch: Dispatch;
  /** The services over the current connection (new objects after a restore). */
  readonly services: Services;
  /** The current connection (a new one after a restore). */
  readonly database: OpenedDatabase;
  close(): void;
  /** Backups as the API sees them (list, create, inspect, restore, settings). */
  backups: BackupController;
  backupManager: BackupManager;
  /** A verified copy before a risky operation; throws AppError when none could be taken. */
  backupBeforeRisk(reason: RiskReason): Backup;
  /** Takes the daily copy when the newest one is older than a day; the timer calls this. */
  runScheduledBackup(): Backup | null;
  /**
   * Takes the start-up backup when it is deferred (`backups.atStartup: 'deferred'`): once,
   * verified like every copy; null for a new file, after a pre-migration copy, when it was
   * already taken, or when it failed (see the log).
   */
  takeStartupBackup(): Backup | null;
  /** The copy taken at start-up (null for a new file, or when it failed: see the log). */
  readonly startupBackup: Backup | null;
  /** The copy taken before pending migrations ran at start-up, if any. */
  readonly migrationBackup: Backup | null;
}

/**
 * What the core logs to: the production log file in the data folder (platform/file-log.ts)
 * and the host's logger (the console unless a test passes its own).
 */
export function loggerFor(
  options: CoreOptions,
  clock: Clock,
): { logger: Logger; fileLog: FileLog | null } {
  const host = options.logger ?? consoleLogger;
  if (options.fileLog === false) return { logger: host, fileLog: null };
  const fileLog = createFileLog({ dataDir: options.dataDir, nowMs: () => clock.nowMs() });
  return {
    fileLog,
    logger: {
      error: (message, detail) => {
        fileLog.error(message, detail);
        host.error(message, detail);
      },
      info: (message, detail) => {
        fileLog.info(message, detail);
        host.info?.(message, detail);
      },
    },
  };
}

/** `system.log`: the last lines of the production log for «Vis logg». */
export function logTail(fileLog: FileLog | null): () => { file: string | null; lines: string[] } {
  return () => ({ file: fileLog?.file ?? null, lines: fileLog?.tail(LOG_TAIL_LINES) ?? [] });
}

/** How many lines «Vis logg» shows. */
export const LOG_TAIL_LINES = 200;

export function dataFileOf(options: CoreOptions): string {
  return path.join(options.dataDir, DATA_FILE_NAME);
}

export function managerFor(options: CoreOptions, clock: Clock, logger: Logger): BackupManager {
  return createBackupManager({
    dataDir: options.dataDir,
    dataFile: dataFileOf(options),
    migrationsDir: options.migrationsDir,
    clock,
    appVersion: options.appVersion,
    logger,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.backups?.folderCheckTimeoutMs !== undefined
      ? { folderCheckTimeoutMs: options.backups.folderCheckTimeoutMs }
      : {}),
  });
}

export function toBackup(b: Backup): Backup {
  return {
    fileName: b.fileName,
    createdAtMs: b.createdAtMs,
    reason: b.reason,
    sizeBytes: b.sizeBytes,
    verified: b.verified,
    counts: b.counts,
    appVersion: b.appVersion,
  };
}

/**
 * BackupError → an error envelope the user can read: STORAGE with what to do when the disk is
 * full or the folder may not be written, else CONFLICT with the backup's own message.
 */
export function asAppError(error: unknown, prefix = ''): never {
  if (error instanceof BackupError) {
    const storage = storageError(
      error,
      error.folder,
      prefix || 'Sikkerhetskopien kunne ikke tas. ',
    );
    if (storage) throw storage;
    throw new AppError('CONFLICT', `${prefix}${error.message}`);
  }
  throw error;
}

export type FileState = 'missing' | 'empty' | 'present';

export function fileState(file: string): FileState {
  try {
    const stat = fs.statSync(file);
    return stat.isFile() && stat.size === 0 ? 'empty' : 'present';
  } catch {
    return 'missing';
  }
}

/** What a killed restore or backup left (restore-safety.ts); a failure here only logs. */
export function removeLeftovers(manager: BackupManager, logger: Logger): void {
  try {
    removeRestoreLeftovers(manager.dataFile, [manager.folder(), manager.defaultFolder]);
  } catch (error) {
    logger.error('Removing leftovers of an interrupted restore failed', error);
  }
}

/**
 * Replaces the (closed) data file with a verified copy: the copy is checked and staged, the
 * current file is kept first (a verified backup if it can be opened, else its bytes in the
 * backup folder), then the staged copy is renamed into place. Used by recovery and by the
 * browser host's `--restore <file>`. The caller holds the data folder's lock.
 */
export function restoreDataFile(manager: BackupManager, source: string): RestoreResult {
  const target = path.resolve(manager.dataFile);
  if (path.resolve(source) === target) {
    throw new AppError('BAD_INPUT', 'Datafilen kan ikke gjenopprettes fra seg selv.');
  }
  if (!fs.existsSync(source)) {
    throw new AppError('NOT_FOUND', `Fant ikke sikkerhetskopien ${source}.`);
  }
  prepareDataPath(target);
  const { staged, inspection } = manager.stage(source);
  restoreStep('staged');
  let safetyCopy: Backup | null = null;
  let damagedCopy: string | null = null;
  try {
    if (fileState(target) === 'present') {
      if (manager.canOpen(target))
        safetyCopy = toBackup(manager.createFromFile(target, 'pre-restore'));
      else damagedCopy = manager.preserveDamaged();
    }
  } catch (error) {
    manager.discardStaged();
    return asAppError(
      error,
      'Gjenopprettingen ble stoppet fordi dagens datafil ikke kunne tas vare på først. ',
    );
  }
  restoreStep('kept-current');
  manager.swapIn(staged);
  return {
    restored: toBackup({ ...inspection, verified: true }),
    safetyCopy,
    damagedCopy,
    counts: inspection.counts,
  };
}
