/**
 * Recovery: when the data file cannot be opened (damaged, not SQLite, from a newer version),
 * core.ts answers with a recovery core. It never opens the data file for writing; its
 * dispatch serves the backup list, inspection and restore (and `system.info`), refuses
 * everything else with a plain message, and hands over to a real core once a backup has been
 * restored. This file holds its pieces: the console message, the backup controller and the
 * handler table; `startRecovery` in core.ts puts them together.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { METHODS, type Backup, type BackupInspection } from '../src-shared/api/contract';
import { AppError } from '../src-shared/api/errors';
import { formatInstant } from '../src-shared/safety/audit';
import type { Dispatch, Logger } from './transport/dispatch';
import type { Handlers } from './transport/handlers';
import { createSafetyHandlers } from './safety/handlers';
import type { DatabaseOpenError } from './platform/database';
import { unavailableAudit } from './safety/audit';
import type { BackupManager } from './safety/backups';
import type { BackupController } from './platform/backup-controller';
import type { Clock } from './platform/context';
import { storageKindOf } from './platform/storage-errors';
import type { FileLog } from './platform/file-log';
import { logTail, restoreDataFile, toBackup, type Core, type CoreOptions } from './core-support';

export interface RecoveryCore {
  mode: 'recovery';
  /** Serves backups and system.info until a restore succeeds, then the real core. */
  dispatch: Dispatch;
  problem: DatabaseOpenError;
  /** Plain Norwegian text for a console: what is wrong, the verified copies, how to restore. */
  message: string;
  backupManager: BackupManager;
  /** The real core once a copy has been restored, else null. */
  core(): Core | null;
  close(): void;
}

const REASON_WORDS: Record<Backup['reason'], string> = {
  startup: 'ved oppstart',
  daily: 'daglig',
  manual: 'tatt manuelt',
  'pre-restore': 'før gjenoppretting',
  'pre-migration': 'før oppdatering',
  'pre-import': 'før import',
  'pre-year-close': 'før årsavslutning',
};

const nbInt = new Intl.NumberFormat('nb-NO');

function countWords(c: Backup['counts']): string {
  const part = (n: number | null, one: string, many: string) =>
    n === null ? null : `${nbInt.format(n)} ${n === 1 ? one : many}`;
  return [
    part(c.centres, 'senter', 'sentre'),
    part(c.grants, 'tilskudd', 'tilskudd'),
    part(c.movements, 'bevegelse', 'bevegelser'),
  ]
    .filter((p): p is string => p !== null)
    .join(', ');
}

/** What the browser host prints when it cannot open the data file. */
export function recoveryMessage(
  problem: DatabaseOpenError,
  dataFile: string,
  folder: string,
  backups: readonly BackupInspection[],
): string {
  const lines = [
    `Kan ikke åpne datafilen ${dataFile}`,
    problem.message,
    'Filen er ikke endret: programmet skriver ikke til den.',
    '',
  ];
  if (backups.length === 0) {
    lines.push(`Fant ingen kontrollerte sikkerhetskopier i ${folder}.`);
  } else {
    lines.push(`Kontrollerte sikkerhetskopier i ${folder} (nyeste først):`);
    for (const b of backups) {
      lines.push(
        `  ${formatInstant(b.createdAtMs)}  ${REASON_WORDS[b.reason]}  ${countWords(b.counts)}`,
        `      ${path.join(folder, b.fileName)}`,
      );
    }
    lines.push(
      '',
      'Slik gjenoppretter du en av dem:',
      '  – åpne adressen nedenfor og velg en kopi på siden «Sikkerhetskopier», eller',
      '  – avslutt og start på nytt med  --restore "<full sti til kopien>"',
      'Den nåværende datafilen blir tatt vare på i sikkerhetskopimappen før den byttes ut.',
    );
  }
  return lines.join('\n');
}

const RECOVERY_REFUSAL =
  'Datafilen kan ikke åpnes. Gå til «Sikkerhetskopier» og gjenopprett en kontrollert sikkerhetskopi.';

/**
 * The backups as a recovery core offers them: the verified copies, inspection and restore;
 * no new copy of a file that cannot be opened. `handOver` starts the real core after a
 * restore (it throws when the restored file does not open either).
 */
export function recoveryController(
  problem: DatabaseOpenError,
  dataFile: string,
  manager: BackupManager,
  logger: Logger,
  handOver: () => void,
): BackupController {
  return {
    status: () => ({
      mode: 'recovery',
      problem: problem.message,
      dataFile,
      folder: manager.folder(),
      folderProblem: manager.folderProblem(),
      latest: manager.list()[0] ?? null,
    }),
    // Checked again now: these are the copies offered to replace a damaged file.
    list: () => manager.listVerifiedNow().map(toBackup),
    create: () => {
      throw new AppError(
        'CONFLICT',
        'Datafilen kan ikke åpnes, så det kan ikke tas en ny sikkerhetskopi av den. Gjenopprett en av kopiene i listen.',
      );
    },
    inspect: (fileName) => manager.inspect(fileName),
    download: (fileName) => manager.download(fileName),
    getSettings: () => manager.settings(),
    setSettings: (input) => manager.setSettings(input),
    backupBeforeRisk: () => {
      throw new AppError('CONFLICT', RECOVERY_REFUSAL);
    },
    restore: (fileName) => {
      const result = restoreDataFile(manager, manager.resolve(fileName));
      logger.info?.(`Restored ${fileName} in recovery mode`);
      handOver();
      return result;
    },
  };
}

/** Every method refused with a plain message, except the backups, `system.info` and the log. */
export function recoveryHandlers(
  options: CoreOptions,
  dataFile: string,
  clock: Clock,
  fileLog: FileLog | null,
  controller: BackupController,
): Handlers {
  const handlers = {} as Record<string, (input: unknown) => unknown>;
  for (const m of METHODS) {
    handlers[m] = () => {
      throw new AppError('CONFLICT', RECOVERY_REFUSAL);
    };
  }
  Object.assign(
    handlers,
    createSafetyHandlers({ audit: unavailableAudit(RECOVERY_REFUSAL), backups: controller }),
    {
      'system.info': () => ({
        appVersion: options.appVersion,
        dataFile,
        today: clock.today(),
      }),
      'system.log': logTail(fileLog),
    },
    options.overrides,
  );
  return handlers as unknown as Handlers;
}

/**
 * A data-file problem that a restore can fix. A better-sqlite3 binary for the wrong runtime
 * also surfaces as a failed open, but no backup helps there; nor for a full disk or a folder
 * the app may not write (SQLITE_READONLY_DIRECTORY is not damage).
 */
export function isRecoverable(problem: DatabaseOpenError): boolean {
  if (storageKindOf(problem) !== null) return false;
  return !(problem.cause instanceof Error) || problem.cause instanceof Database.SqliteError;
}
