/**
 * What the backup manager's named functions share: its options, the folders and files it
 * works in, and the little state it keeps (the checked folder, and why copies went elsewhere
 * or failed).
 */
import path from 'node:path';
import type { Clock } from '../platform/context';
import { FOLDER_CHECK_TIMEOUT_MS } from '../platform/backup-folder';
import { STAGING_SUFFIX } from '../platform/restore-safety';

export const SETTINGS_FILE_NAME = 'backup-settings.json';

export interface BackupManagerOptions {
  dataDir: string;
  /** The live data file (tilskudd.sqlite). */
  dataFile: string;
  migrationsDir: string;
  clock: Clock;
  appVersion: string;
  nativeBinding?: string;
  logger?: { error(message: string, detail?: unknown): void };
  /** Time limit for checking a chosen backup folder (see backup-folder.ts). */
  folderCheckTimeoutMs?: number;
}

/** The stored folder as last checked (see effectiveFolder in backup-settings.ts). */
export interface CheckedFolder {
  raw: string | null;
  folder: string;
  problem: string | null;
  atMs: number;
}

export interface BackupContext {
  options: BackupManagerOptions;
  dataDir: string;
  settingsFile: string;
  defaultFolder: string;
  /** Where step 1 of a restore puts the copy, next to the data file. */
  stagingFile: string;
  binding: { nativeBinding?: string };
  log: { error(message: string, detail?: unknown): void };
  folderCheckTimeoutMs: number;
  state: {
    /**
     * The stored folder, checked once per value (at start-up, and after a change): a folder
     * from a hand-edited settings file that is relative, inside the data folder (real paths),
     * in /proc, /sys or /dev, missing, or not answering within the time limit is not used;
     * copies go to the default folder and `folderProblem()` says why. Never blocks start-up.
     */
    checked: CheckedFolder | null;
    /** Set when a copy had to go to the default folder; cleared by a copy in the chosen one. */
    fallbackProblem: string | null;
    /** Set when the last copy could not be taken at all; cleared by the next one that is. */
    failedProblem: string | null;
  };
}

/** The default backup folder: a sibling of the data folder. */
export function defaultBackupFolder(dataDir: string): string {
  const resolved = path.resolve(dataDir);
  return path.join(path.dirname(resolved), `${path.basename(resolved)}-sikkerhetskopier`);
}

export function createBackupContext(options: BackupManagerOptions): BackupContext {
  const dataDir = path.resolve(options.dataDir);
  return {
    options,
    dataDir,
    settingsFile: path.join(dataDir, SETTINGS_FILE_NAME),
    defaultFolder: defaultBackupFolder(dataDir),
    stagingFile: `${options.dataFile}${STAGING_SUFFIX}`,
    binding: options.nativeBinding ? { nativeBinding: options.nativeBinding } : {},
    log: options.logger ?? { error: (m: string, d?: unknown) => console.error(m, d ?? '') },
    folderCheckTimeoutMs: options.folderCheckTimeoutMs ?? FOLDER_CHECK_TIMEOUT_MS,
    state: { checked: null, fallbackProblem: null, failedProblem: null },
  };
}
