/**
 * The parts of a restore that must survive a kill at any moment (services/backups.ts `swapIn`,
 * core.ts `restore` and `restoreDataFile`):
 *
 * - the staged copy is converted to WAL and checkpointed *before* the atomic rename, so the
 *   file that lands at the data path needs no journal conversion on its next open: a kill can
 *   no longer leave a hot rollback journal beside the data file (the read-only probe used to
 *   call that «damaged»);
 * - whatever a killed restore or backup leaves behind (the staging file and its side files,
 *   `.partial-journal` files of VACUUM INTO) is removed at the next start;
 * - a folder (or anything else that is not a file) at the data path is a plain refusal, not
 *   an internal error.
 *
 * `restoreStep` names each point of a restore where a kill lands between two durable states;
 * the crash test (scripts/crashtest.mjs) kills the process at every one of them.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../src-shared/api/errors';

/** The staged copy next to the data file: `<dataFile>` + this. */
export const STAGING_SUFFIX = '.gjenoppretting-tmp';

/** SQLite's side files of a database file. */
const SIDE_SUFFIXES = ['-journal', '-wal', '-shm'] as const;

/**
 * The points of a restore, in order. A restore in normal mode passes `staged`, `safety-copy`,
 * `closed`, the swap steps and `reopened`; a restore of a closed data file (recovery,
 * `--restore`) passes `staged`, `kept-current` and the swap steps.
 */
export const RESTORE_STEPS = [
  'staged',
  'safety-copy',
  'kept-current',
  'closed',
  'swap:staged-wal',
  'swap:side-files-removed',
  'swap:renamed',
  'swap:done',
  'reopened',
] as const;
export type RestoreStep = (typeof RESTORE_STEPS)[number];

let observer: ((step: RestoreStep) => void) | null = null;

/** Test seam: `fn` is called at every restore step (the crash test kills itself there). */
export function observeRestoreSteps(fn: ((step: RestoreStep) => void) | null): void {
  observer = fn;
}

export function restoreStep(step: RestoreStep): void {
  observer?.(step);
}

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Puts a staged (closed, rollback-journal) copy into WAL mode with an empty WAL, so it is
 * complete on its own: the conversion's own journal belongs to the staging file, never to the
 * data file. Closing the only connection checkpoints and removes the -wal and -shm.
 */
export function convertStagedToWal(staged: string, nativeBinding?: string): void {
  const sqlite = new Database(staged, {
    fileMustExist: true,
    ...(nativeBinding ? { nativeBinding } : {}),
  });
  try {
    sqlite.pragma('synchronous = FULL');
    const mode = sqlite.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw new Error(`journal_mode is ${String(mode)}, not wal`);
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    sqlite.close();
  }
  for (const suffix of SIDE_SUFFIXES) {
    if (fs.existsSync(`${staged}${suffix}`)) {
      throw new Error(`${path.basename(staged)}${suffix} is still there after closing`);
    }
  }
  fsyncFile(staged);
}

/**
 * Removes what a killed restore or backup left: the staging file and its side files next to
 * the data file, and hidden `.tilskudd_*.partial` files with their side files in the backup
 * folders. Only names this app writes are touched; a folder that cannot be read is skipped.
 * The caller holds the data folder's lock, so no other process is in the middle of either.
 */
export function removeRestoreLeftovers(
  dataFile: string,
  backupFolders: readonly string[],
): string[] {
  const removed: string[] = [];
  const remove = (file: string) => {
    try {
      if (fs.lstatSync(file).isFile()) {
        fs.rmSync(file, { force: true });
        removed.push(file);
      }
    } catch {
      // Already gone, or not ours to remove.
    }
  };
  const staging = `${dataFile}${STAGING_SUFFIX}`;
  for (const suffix of ['', ...SIDE_SUFFIXES]) remove(`${staging}${suffix}`);
  for (const dir of new Set(backupFolders)) {
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      if (/^\.tilskudd_.*\.partial(?:-journal|-wal|-shm)?$/.test(name)) {
        remove(path.join(dir, name));
      }
    }
  }
  return removed;
}

/**
 * Checks that a restore can put a file at the data path. An empty folder there is removed
 * (nothing is lost); a folder with contents, or anything else that is not a file, is refused
 * with a message that says what to do. Nothing is changed when it refuses.
 */
export function prepareDataPath(dataFile: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(dataFile);
  } catch {
    return;
  }
  if (stat.isFile()) return;
  if (stat.isSymbolicLink()) {
    // The rename replaces a link (to a file, or dangling) like a file; a link to a folder not.
    try {
      if (fs.statSync(dataFile).isFile()) return;
    } catch {
      return;
    }
  }
  if (stat.isDirectory()) {
    if (fs.readdirSync(dataFile).length === 0) {
      fs.rmdirSync(dataFile);
      return;
    }
    throw new AppError(
      'CONFLICT',
      `Det ligger en mappe der datafilen skal være (${dataFile}), og den er ikke tom. ` +
        'Gjenopprettingen ble stoppet, og ingenting er endret. Flytt mappen eller gi den et ' +
        'annet navn, og prøv igjen.',
    );
  }
  throw new AppError(
    'CONFLICT',
    `Det ligger noe som ikke er en vanlig fil der datafilen skal være (${dataFile}). ` +
      'Gjenopprettingen ble stoppet, og ingenting er endret. Flytt det bort, og prøv igjen.',
  );
}
