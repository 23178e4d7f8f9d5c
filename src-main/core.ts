/**
 * The app core shared by the Electron shell and the browser host: open the data file,
 * build the services and the one dispatch. Never imports 'electron'.
 *
 * Backups (see safety/backups.ts): a verified copy before pending migrations run, one at
 * start-up of an existing data file, one a day while running (an unref'd timer), one before
 * every restore, and `backupBeforeRisk(reason)` for imports and year close.
 *
 * Restore: the core owns the connection. It closes it, swaps the verified file in and opens
 * it again; the dispatch looks handlers up at call time in a table that is rebuilt over the
 * new connection, so both transports keep answering without being re-registered.
 *
 * Recovery: when the data file cannot be opened (damaged, not SQLite, from a newer version),
 * `openCoreOrRecovery` answers with a recovery core instead. It never opens the data file for
 * writing; its dispatch serves the backup list, inspection and restore (and `system.info`),
 * refuses everything else with a plain message, and hands over to a real core once a backup
 * has been restored.
 *
 * size: the composition root — open, migrate, backups, restore and recovery mode — is kept
 * in one file so the order of start-up and restore steps reads top to bottom; the recovery
 * core (startRecovery) could move to a file of its own.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {
  METHODS,
  type Backup,
  type BackupInspection,
  type RestoreResult,
} from '../src-shared/api/contract';
import { AppError } from '../src-shared/api/errors';
import { formatInstant } from '../src-shared/safety/audit';
import { createDispatch, type Dispatch, type Logger, consoleLogger } from './transport/dispatch';
import { createHandlers, type Handlers } from './transport/handlers';
import { createSafetyHandlers } from './safety/handlers';
import { DatabaseOpenError, openDatabase, type OpenedDatabase } from './platform/database';
import { createServices, type Services } from './services';
import { unavailableAudit } from './safety/audit';
import {
  BackupError,
  countsOf,
  createBackupManager,
  type BackupManager,
  type TakenBackup,
} from './safety/backups';
import type { BackupController, RiskReason } from './platform/backup-controller';
import { systemClock, type Clock } from './platform/context';
import { prepareDataPath, removeRestoreLeftovers, restoreStep } from './platform/restore-safety';
import { storageError, storageKindOf } from './platform/storage-errors';
import { createFileLog, type FileLog } from './platform/file-log';

export const DATA_FILE_NAME = 'tilskudd.sqlite';
/** How often the running app looks whether a daily backup is due. */
export const BACKUP_CHECK_INTERVAL_MS = 60 * 60 * 1000;
/** A daily backup is taken when the newest copy is older than this. */
export const DAILY_BACKUP_AGE_MS = 24 * 60 * 60 * 1000;

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
function loggerFor(
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
function logTail(fileLog: FileLog | null): () => { file: string | null; lines: string[] } {
  return () => ({ file: fileLog?.file ?? null, lines: fileLog?.tail(LOG_TAIL_LINES) ?? [] });
}

/** How many lines «Vis logg» shows. */
export const LOG_TAIL_LINES = 200;

function dataFileOf(options: CoreOptions): string {
  return path.join(options.dataDir, DATA_FILE_NAME);
}

function managerFor(options: CoreOptions, clock: Clock, logger: Logger): BackupManager {
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

function toBackup(b: Backup): Backup {
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
function asAppError(error: unknown, prefix = ''): never {
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

type FileState = 'missing' | 'empty' | 'present';

function fileState(file: string): FileState {
  try {
    const stat = fs.statSync(file);
    return stat.isFile() && stat.size === 0 ? 'empty' : 'present';
  } catch {
    return 'missing';
  }
}

/** What a killed restore or backup left (restore-safety.ts); a failure here only logs. */
function removeLeftovers(manager: BackupManager, logger: Logger): void {
  try {
    removeRestoreLeftovers(manager.dataFile, [manager.folder(), manager.defaultFolder]);
  } catch (error) {
    logger.error('Removing leftovers of an interrupted restore failed', error);
  }
}

export function startCore(options: CoreOptions): Core {
  fs.mkdirSync(options.dataDir, { recursive: true });
  const file = dataFileOf(options);
  const clock = options.clock ?? systemClock;
  const { logger, fileLog } = loggerFor(options, clock);
  const manager = managerFor(options, clock, logger);
  removeLeftovers(manager, logger);
  const state = fileState(file);

  // SQLite takes a zero-length file for a new, empty database. If copies exist, the file was
  // more likely emptied by accident: say so instead of silently starting with no data.
  if (state === 'empty' && manager.list().length > 0) {
    throw new DatabaseOpenError(
      'empty',
      'Datafilen er tom (0 byte), men det finnes sikkerhetskopier. Den kan ha blitt tømt ved en feil. ' +
        'Gjenopprett den nyeste sikkerhetskopien.',
    );
  }

  const taken: { startup: Backup | null; migration: Backup | null } = {
    startup: null,
    migration: null,
  };
  const open = (): OpenedDatabase =>
    openDatabase(file, options.migrationsDir, {
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      // A new file has nothing to lose; an existing one is copied before its schema changes.
      beforeMigrate: ({ sqlite, applied, pending }) => {
        if (applied > 0) taken.migration = manager.create(sqlite, 'pre-migration');
        logger.info?.(
          `Updating the data file: ${pending} migration(s) after ${applied} applied` +
            (taken.migration ? `; copy taken first: ${taken.migration.fileName}` : ''),
        );
      },
    });

  let database = open();
  let services!: Services;
  const handlers = {} as Handlers;
  const info = {
    appVersion: options.appVersion,
    dataFile: file,
    today: () => clock.today(),
    log: logTail(fileLog),
  };

  const controller: BackupController = {
    status: () => ({
      mode: 'normal',
      problem: null,
      dataFile: file,
      folder: manager.folder(),
      folderProblem: manager.folderProblem(),
      latest: manager.list()[0] ?? null,
    }),
    list: () => manager.list(),
    create: () => {
      try {
        return toBackup(manager.create(database.sqlite, 'manual'));
      } catch (error) {
        return asAppError(error);
      }
    },
    inspect: (fileName) => manager.inspect(fileName),
    download: (fileName) => manager.download(fileName),
    getSettings: () => manager.settings(),
    setSettings: (input) => manager.setSettings(input),
    backupBeforeRisk: (reason) => {
      try {
        return toBackup(manager.create(database.sqlite, reason));
      } catch (error) {
        return asAppError(error, 'Kunne ikke ta sikkerhetskopi først, så ingenting ble endret. ');
      }
    },
    restore: (fileName) => restore(fileName),
  };

  function build(): void {
    services = createServices({
      db: database.db,
      sqlite: database.sqlite,
      clock,
      actor: options.actor ?? 'bruker',
      backups: controller,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
    Object.assign(handlers, createHandlers(services, info), options.overrides);
  }

  function restore(fileName: string): RestoreResult {
    const source = manager.resolve(fileName);
    // Staged before the safety copy: the rotation after that copy may delete the source.
    const { staged, inspection } = manager.stage(source);
    restoreStep('staged');
    let safety: TakenBackup;
    try {
      safety = manager.create(database.sqlite, 'pre-restore');
    } catch (error) {
      manager.discardStaged();
      return asAppError(
        error,
        'Gjenopprettingen ble stoppet fordi dagens data ikke kunne sikkerhetskopieres først. ',
      );
    }
    restoreStep('safety-copy');
    database.close();
    restoreStep('closed');
    try {
      manager.swapIn(staged);
      database = open();
      restoreStep('reopened');
    } catch (error) {
      logger.error('Restore failed; putting the data from just before it back', error);
      const back = manager.stage(safety.path);
      manager.swapIn(back.staged);
      database = open();
      build();
      throw new AppError(
        'CONFLICT',
        'Gjenopprettingen mislyktes, og dataene er satt tilbake slik de var. ' +
          (error instanceof Error ? error.message : ''),
      );
    }
    build();
    logger.info?.(`Restored ${fileName}; the data from just before is in ${safety.fileName}`);
    return {
      restored: toBackup({ ...inspection, verified: true }),
      safetyCopy: toBackup(safety),
      damagedCopy: null,
      counts: countsOf(database.sqlite).counts,
    };
  }

  build();
  const dispatch = createDispatch(handlers, logger, { dataDir: options.dataDir });

  const backupsOn = { atStartup: true, daily: true, ...options.backups };
  let startupTried = false;
  function takeStartupBackup(): Backup | null {
    if (!backupsOn.atStartup || startupTried) return null;
    if (state !== 'present' || taken.migration !== null) return null;
    startupTried = true;
    if (!database.sqlite.open) return null;
    try {
      taken.startup = manager.create(database.sqlite, 'startup');
    } catch (error) {
      // A full disk is one line in the log, not a stack trace; the backups page says it too.
      const storage = storageError(error, options.dataDir);
      logger.error('Start-up backup failed', storage ? storage.message : error);
    }
    return taken.startup ? toBackup(taken.startup) : null;
  }
  if (backupsOn.atStartup === true) takeStartupBackup();

  function runScheduledBackup(): Backup | null {
    const latest = manager.list()[0];
    if (latest && clock.nowMs() - latest.createdAtMs < DAILY_BACKUP_AGE_MS) return null;
    return toBackup(manager.create(database.sqlite, 'daily'));
  }

  let timer: NodeJS.Timeout | null = null;
  if (backupsOn.daily) {
    timer = setInterval(() => {
      try {
        runScheduledBackup();
      } catch (error) {
        logger.error('Daily backup failed', error);
      }
    }, BACKUP_CHECK_INTERVAL_MS);
    // The timer must not keep a host process alive on its own.
    timer.unref();
  }

  return {
    mode: 'normal',
    dispatch,
    get services() {
      return services;
    },
    get database() {
      return database;
    },
    close: () => {
      if (timer) clearInterval(timer);
      timer = null;
      if (database.sqlite.open) database.close();
    },
    backups: controller,
    backupManager: manager,
    backupBeforeRisk: (reason) => controller.backupBeforeRisk(reason),
    runScheduledBackup,
    takeStartupBackup,
    get startupBackup() {
      return taken.startup;
    },
    get migrationBackup() {
      return taken.migration;
    },
  };
}

// ---------------------------------------------------------------- restoring a closed data file

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

// ---------------------------------------------------------------- recovery

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

/** A core for a data file that cannot be opened: backups only, and it never writes the file. */
export function startRecovery(options: CoreOptions, problem: DatabaseOpenError): RecoveryCore {
  const file = dataFileOf(options);
  const clock = options.clock ?? systemClock;
  const { logger, fileLog } = loggerFor(options, clock);
  const manager = managerFor(options, clock, logger);
  removeLeftovers(manager, logger);
  logger.error('The data file cannot be opened; serving backups only (recovery)', problem);
  let real: Core | null = null;

  const controller: BackupController = {
    status: () => ({
      mode: 'recovery',
      problem: problem.message,
      dataFile: file,
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
      try {
        real = startCore(options);
      } catch (error) {
        logger.error('The restored data file did not open', error);
        throw new AppError(
          'CONFLICT',
          `Sikkerhetskopien ble lagt på plass, men kunne ikke åpnes: ${
            error instanceof Error ? error.message : String(error)
          } Velg en annen kopi.`,
        );
      }
      return result;
    },
  };

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
        dataFile: file,
        today: clock.today(),
      }),
      'system.log': logTail(fileLog),
    },
    options.overrides,
  );
  const recoveryDispatch = createDispatch(handlers as unknown as Handlers, logger, {
    dataDir: options.dataDir,
  });

  return {
    mode: 'recovery',
    dispatch: (method, input) =>
      real ? real.dispatch(method, input) : recoveryDispatch(method, input),
    problem,
    get message() {
      return recoveryMessage(problem, file, manager.folder(), manager.listVerifiedNow());
    },
    backupManager: manager,
    core: () => real,
    close: () => real?.close(),
  };
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

/**
 * The real core, or a recovery core when the data file cannot be opened. A full disk or a data
 * folder the app may not write is thrown as a StorageError (the hosts print its one line).
 */
export function openCoreOrRecovery(options: CoreOptions): Core | RecoveryCore {
  try {
    return startCore(options);
  } catch (error) {
    const storage = storageError(error, options.dataDir);
    if (storage) throw storage;
    if (error instanceof DatabaseOpenError && isRecoverable(error)) {
      return startRecovery(options, error);
    }
    throw error;
  }
}

/** `--restore <file>` before start: restores a copy into a closed data folder. */
export function restoreBeforeStart(options: CoreOptions, source: string): RestoreResult {
  fs.mkdirSync(options.dataDir, { recursive: true });
  const clock = options.clock ?? systemClock;
  const { logger } = loggerFor(options, clock);
  const manager = managerFor(options, clock, logger);
  const result = restoreDataFile(manager, path.resolve(source));
  logger.info?.(`Restored ${source} before start (--restore)`);
  return result;
}
