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
 * The options, the shape of a core and the restore of a closed data file are in
 * core-support.ts; the recovery core's pieces in recovery.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Backup, RestoreResult } from '../src-shared/api/contract';
import { AppError } from '../src-shared/api/errors';
import { createDispatch, type Logger } from './transport/dispatch';
import { createHandlers, type Handlers } from './transport/handlers';
import { DatabaseOpenError, openDatabase, type OpenedDatabase } from './platform/database';
import { createServices, type Services } from './services';
import { countsOf, type BackupManager, type TakenBackup } from './safety/backups';
import type { BackupController } from './platform/backup-controller';
import { systemClock, type Clock } from './platform/context';
import { restoreStep } from './platform/restore-safety';
import { storageError } from './platform/storage-errors';
import {
  asAppError,
  dataFileOf,
  fileState,
  loggerFor,
  logTail,
  managerFor,
  removeLeftovers,
  restoreDataFile,
  toBackup,
  type Core,
  type CoreOptions,
  type FileState,
} from './core-support';
import {
  isRecoverable,
  recoveryController,
  recoveryHandlers,
  recoveryMessage,
  type RecoveryCore,
} from './recovery';

export {
  DATA_FILE_NAME,
  LOG_TAIL_LINES,
  restoreDataFile,
  type Core,
  type CoreOptions,
} from './core-support';
export { isRecoverable, recoveryMessage, type RecoveryCore } from './recovery';

/** How often the running app looks whether a daily backup is due. */
export const BACKUP_CHECK_INTERVAL_MS = 60 * 60 * 1000;
/** A daily backup is taken when the newest copy is older than this. */
export const DAILY_BACKUP_AGE_MS = 24 * 60 * 60 * 1000;

/** What the running core's parts share; `database`, `services` and `handlers` change on restore. */
interface CoreState {
  options: CoreOptions;
  file: string;
  clock: Clock;
  logger: Logger;
  manager: BackupManager;
  taken: { startup: Backup | null; migration: Backup | null };
  database: OpenedDatabase;
  services: Services;
  /** The one table the dispatch looks handlers up in, refilled by `build`. */
  handlers: Handlers;
  info: Parameters<typeof createHandlers>[1];
  controller: BackupController;
}

/** Opens (and migrates) the data file; an existing one is copied before its schema changes. */
function openData(s: Pick<CoreState, 'file' | 'options' | 'manager' | 'logger' | 'taken'>) {
  return openDatabase(s.file, s.options.migrationsDir, {
    ...(s.options.nativeBinding ? { nativeBinding: s.options.nativeBinding } : {}),
    // A new file has nothing to lose; an existing one is copied before its schema changes.
    beforeMigrate: ({ sqlite, applied, pending }) => {
      if (applied > 0) s.taken.migration = s.manager.create(sqlite, 'pre-migration');
      s.logger.info?.(
        `Updating the data file: ${pending} migration(s) after ${applied} applied` +
          (s.taken.migration ? `; copy taken first: ${s.taken.migration.fileName}` : ''),
      );
    },
  });
}

/** The services and handlers over the current connection. */
function build(s: CoreState): void {
  s.services = createServices({
    db: s.database.db,
    sqlite: s.database.sqlite,
    clock: s.clock,
    actor: s.options.actor ?? 'bruker',
    backups: s.controller,
    ...(s.options.nativeBinding ? { nativeBinding: s.options.nativeBinding } : {}),
  });
  Object.assign(s.handlers, createHandlers(s.services, s.info), s.options.overrides);
}

/** Backups as the API sees them while the data file is open. */
function normalController(s: CoreState): BackupController {
  const { manager } = s;
  return {
    status: () => ({
      mode: 'normal',
      problem: null,
      dataFile: s.file,
      folder: manager.folder(),
      folderProblem: manager.folderProblem(),
      latest: manager.list()[0] ?? null,
    }),
    list: () => manager.list(),
    create: () => {
      try {
        return toBackup(manager.create(s.database.sqlite, 'manual'));
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
        return toBackup(manager.create(s.database.sqlite, reason));
      } catch (error) {
        return asAppError(error, 'Kunne ikke ta sikkerhetskopi først, så ingenting ble endret. ');
      }
    },
    restore: (fileName) => restoreInPlace(s, fileName),
  };
}

/**
 * Restore while running: the copy is staged, today's data copied, the connection closed, the
 * copy swapped in and opened again; on failure the data from just before is put back.
 */
function restoreInPlace(s: CoreState, fileName: string): RestoreResult {
  const { manager } = s;
  const source = manager.resolve(fileName);
  // Staged before the safety copy: the rotation after that copy may delete the source.
  const { staged, inspection } = manager.stage(source);
  restoreStep('staged');
  let safety: TakenBackup;
  try {
    safety = manager.create(s.database.sqlite, 'pre-restore');
  } catch (error) {
    manager.discardStaged();
    return asAppError(
      error,
      'Gjenopprettingen ble stoppet fordi dagens data ikke kunne sikkerhetskopieres først. ',
    );
  }
  restoreStep('safety-copy');
  s.database.close();
  restoreStep('closed');
  try {
    manager.swapIn(staged);
    s.database = openData(s);
    restoreStep('reopened');
  } catch (error) {
    s.logger.error('Restore failed; putting the data from just before it back', error);
    const back = manager.stage(safety.path);
    manager.swapIn(back.staged);
    s.database = openData(s);
    build(s);
    throw new AppError(
      'CONFLICT',
      'Gjenopprettingen mislyktes, og dataene er satt tilbake slik de var. ' +
        (error instanceof Error ? error.message : ''),
    );
  }
  build(s);
  s.logger.info?.(`Restored ${fileName}; the data from just before is in ${safety.fileName}`);
  return {
    restored: toBackup({ ...inspection, verified: true }),
    safetyCopy: toBackup(safety),
    damagedCopy: null,
    counts: countsOf(s.database.sqlite).counts,
  };
}

/** The start-up copy (now, or deferred to the host), and the daily timer. */
function scheduleBackups(s: CoreState, state: FileState) {
  const { manager, options, logger, taken } = s;
  const backupsOn = { atStartup: true, daily: true, ...options.backups };
  let startupTried = false;
  function takeStartupBackup(): Backup | null {
    if (!backupsOn.atStartup || startupTried) return null;
    if (state !== 'present' || taken.migration !== null) return null;
    startupTried = true;
    if (!s.database.sqlite.open) return null;
    try {
      taken.startup = manager.create(s.database.sqlite, 'startup');
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
    if (latest && s.clock.nowMs() - latest.createdAtMs < DAILY_BACKUP_AGE_MS) return null;
    return toBackup(manager.create(s.database.sqlite, 'daily'));
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
  const stopTimer = () => {
    if (timer) clearInterval(timer);
    timer = null;
  };
  return { takeStartupBackup, runScheduledBackup, stopTimer };
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

  const taken: CoreState['taken'] = { startup: null, migration: null };
  const s = {
    options,
    file,
    clock,
    logger,
    manager,
    taken,
    database: openData({ file, options, manager, logger, taken }),
    handlers: {} as Handlers,
    info: {
      appVersion: options.appVersion,
      dataFile: file,
      today: () => clock.today(),
      log: logTail(fileLog),
    },
  } as CoreState;
  s.controller = normalController(s);
  build(s);
  const dispatch = createDispatch(s.handlers, logger, { dataDir: options.dataDir });
  const backups = scheduleBackups(s, state);

  return {
    mode: 'normal',
    dispatch,
    get services() {
      return s.services;
    },
    get database() {
      return s.database;
    },
    close: () => {
      backups.stopTimer();
      if (s.database.sqlite.open) s.database.close();
    },
    backups: s.controller,
    backupManager: manager,
    backupBeforeRisk: (reason) => s.controller.backupBeforeRisk(reason),
    runScheduledBackup: backups.runScheduledBackup,
    takeStartupBackup: backups.takeStartupBackup,
    get startupBackup() {
      return taken.startup;
    },
    get migrationBackup() {
      return taken.migration;
    },
  };
}

/** A core for a data file that cannot be opened: backups only, and it never writes the file. */
export function startRecovery(options: CoreOptions, problem: DatabaseOpenError): RecoveryCore {
  const file = dataFileOf(options);
  const clock = options.clock ?? systemClock;
  const { logger, fileLog } = loggerFor(options, clock);
  const manager = managerFor(options, clock, logger);
  removeLeftovers(manager, logger);
  logger.error('The data file cannot be opened; serving backups only (recovery)', problem);
  let real: Core | null = null;

  const controller = recoveryController(problem, file, manager, logger, () => {
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
  });
  const handlers = recoveryHandlers(options, file, clock, fileLog, controller);
  const recoveryDispatch = createDispatch(handlers, logger, { dataDir: options.dataDir });

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
