/**
 * What services see of backups: the controller the core supplies in the service context, and
 * `backupBeforeRisk`, which an import or a year close calls before it writes. The file
 * mechanics live in src-main/safety/backups.ts; this file only names the interface, so the
 * context (platform) does not depend on the safety domain.
 */
import type {
  Backup,
  BackupInspection,
  BackupReason,
  BackupSettings,
  BackupStatus,
  FileContent,
  ParsedInput,
  RestoreResult,
} from '../../src-shared/api/contract';
import { AppError } from '../../src-shared/api/errors';

/** The reasons a service may name when it calls `backupBeforeRisk`. */
export type RiskReason = Extract<
  BackupReason,
  'pre-restore' | 'pre-migration' | 'pre-import' | 'pre-year-close'
>;

/** Backups as the API and other services use them; implemented by the core. */
export interface BackupController {
  status(): BackupStatus;
  list(): Backup[];
  /** A manual backup now. */
  create(): Backup;
  inspect(fileName: string): BackupInspection;
  restore(fileName: string): RestoreResult;
  download(fileName: string): FileContent;
  getSettings(): BackupSettings;
  setSettings(input: ParsedInput<'backups.setSettings'>): BackupSettings;
  /**
   * A verified copy before something that could lose data (import, year close, migration,
   * restore). Throws BackupError when no copy could be taken: the caller must not go on.
   */
  backupBeforeRisk(reason: RiskReason): Backup;
}

/** For service contexts without a core (unit tests): every call says backups are off. */
export function unavailableBackups(
  message = 'Sikkerhetskopier er ikke tilgjengelige her.',
): BackupController {
  const fail = (): never => {
    throw new AppError('CONFLICT', message);
  };
  return {
    status: fail,
    list: fail,
    create: fail,
    inspect: fail,
    restore: fail,
    download: fail,
    getSettings: fail,
    setSettings: fail,
    backupBeforeRisk: fail,
  };
}

/**
 * What an import or year close calls first: a verified copy, or a thrown error that stops the
 * operation. Without a backup controller in the context (unit tests), does nothing.
 */
export function backupBeforeRisk(
  ctx: { backups?: BackupController | undefined },
  reason: RiskReason,
): Backup | null {
  return ctx.backups ? ctx.backups.backupBeforeRisk(reason) : null;
}
