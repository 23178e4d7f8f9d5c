/**
 * Restoring a copy: stage it next to the data file and check it again, swap it in with the
 * live connection closed, and keep a damaged data file's bytes before it is replaced.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BackupInspection } from '../../src-shared/api/contract';
import { AppError } from '../../src-shared/api/errors';
import { DatabaseOpenError, probeDatabase } from '../platform/database';
import { ensureFolder } from '../platform/backup-folder';
import { convertStagedToWal, restoreStep } from '../platform/restore-safety';
import type { BackupContext } from './backup-context';
import {
  examine,
  fileStamp,
  fsyncDir,
  fsyncFile,
  readSidecar,
  REPLACED_PREFIX,
  sha256Of,
} from './backup-files';
import { inspectFile } from './backup-copies';
import { folder } from './backup-settings';

/**
 * Step 1 of a restore: copies a verified file next to the data file, fsyncs it and checks
 * the copy again (the bytes that go in are the bytes that were checked). The live file is
 * untouched. Refuses a copy that is damaged, from a newer version, or changed since taken.
 */
export function stage(
  bctx: BackupContext,
  source: string,
): { staged: string; inspection: BackupInspection } {
  const inspection = inspectFile(bctx, source);
  if (inspection.problem !== null) {
    throw new AppError(
      'CONFLICT',
      `Sikkerhetskopien ${inspection.fileName} kan ikke gjenopprettes: ${inspection.problem}`,
    );
  }
  fs.rmSync(bctx.stagingFile, { force: true });
  fs.copyFileSync(source, bctx.stagingFile);
  fsyncFile(bctx.stagingFile);
  const again = examine(bctx, bctx.stagingFile);
  if (again.problem !== null) {
    fs.rmSync(bctx.stagingFile, { force: true });
    throw new AppError('CONFLICT', `Kopien ble skadet under gjenoppretting: ${again.problem}`);
  }
  // The bytes that go in are the ones the sidecar describes, even if the source was swapped
  // (for a link to another database, say) after it was checked.
  const sidecar = readSidecar(path.dirname(source), path.basename(source));
  if (sidecar && sidecar.sha256 !== sha256Of(bctx.stagingFile)) {
    fs.rmSync(bctx.stagingFile, { force: true });
    throw new AppError(
      'CONFLICT',
      `Sikkerhetskopien ${inspection.fileName} ble endret under gjenopprettingen. Prøv igjen.`,
    );
  }
  return { staged: bctx.stagingFile, inspection };
}

/**
 * Step 2, with the live connection closed: converts the staged copy to WAL with an empty WAL
 * (so the file that lands needs no journal conversion on its next open, and a kill can never
 * leave a hot journal beside the data file), removes the data file's -wal/-shm/-journal (a
 * stale WAL or journal would be replayed into the new file), renames the staged copy over the
 * data file and fsyncs the folder. A kill at any point leaves either the old or the new file
 * complete; a half-converted staging file is removed at the next start (restore-safety.ts).
 */
export function swapIn(bctx: BackupContext, staged: string): void {
  convertStagedToWal(staged, bctx.options.nativeBinding);
  restoreStep('swap:staged-wal');
  for (const suffix of ['-wal', '-shm', '-journal']) {
    fs.rmSync(`${bctx.options.dataFile}${suffix}`, { force: true });
  }
  restoreStep('swap:side-files-removed');
  fs.renameSync(staged, bctx.options.dataFile);
  restoreStep('swap:renamed');
  fsyncDir(path.dirname(bctx.options.dataFile));
  restoreStep('swap:done');
}

export function discardStaged(bctx: BackupContext): void {
  fs.rmSync(bctx.stagingFile, { force: true });
}

/**
 * Keeps the bytes of a data file that cannot be opened (and its -wal/-shm) in the backup
 * folder as `erstattet-datafil_<time>.sqlite` before a restore replaces it. A byte copy is
 * right here: nothing has the file open. Such files are never listed, rotated or deleted.
 * Returns the path of the kept copy, or null when there is no data file.
 */
export function preserveDamaged(bctx: BackupContext): string | null {
  if (!fs.existsSync(bctx.options.dataFile)) return null;
  const dir = folder(bctx);
  ensureFolder(dir);
  const stamp = fileStamp(bctx.options.clock.nowMs());
  let target = path.join(dir, `${REPLACED_PREFIX}${stamp}.sqlite`);
  for (let n = 2; fs.existsSync(target); n++) {
    target = path.join(dir, `${REPLACED_PREFIX}${stamp}-${n}.sqlite`);
  }
  fs.copyFileSync(bctx.options.dataFile, target, fs.constants.COPYFILE_EXCL);
  fsyncFile(target);
  for (const suffix of ['-wal', '-shm']) {
    if (fs.existsSync(`${bctx.options.dataFile}${suffix}`)) {
      fs.copyFileSync(`${bctx.options.dataFile}${suffix}`, `${target}${suffix}`);
    }
  }
  fsyncDir(dir);
  return target;
}

/** True when the file passes the read-only checks openDatabase makes before writing. */
export function canOpen(bctx: BackupContext, file: string): boolean {
  try {
    probeDatabase(file, bctx.options.migrationsDir, bctx.binding);
    return true;
  } catch (error) {
    if (error instanceof DatabaseOpenError) return false;
    throw error;
  }
}
