/** Taking a verified copy (VACUUM INTO, check, sidecar) into the chosen folder, and rotating. */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { BackupReason } from '../../src-shared/api/contract';
import { ensureFolder } from '../platform/backup-folder';
import { storageError } from '../platform/storage-errors';
import type { BackupContext } from './backup-context';
import {
  BackupError,
  examine,
  fsyncFile,
  listIn,
  removeLeftovers,
  sha256Of,
  toBackup,
  uniqueName,
  writeFileAtomic,
  type Sidecar,
  type TakenBackup,
} from './backup-files';
import { planRotation } from './backup-rotation';
import { folder, readStored } from './backup-settings';

function takeInto(
  bctx: BackupContext,
  dir: string,
  sqlite: Database.Database,
  reason: BackupReason,
): TakenBackup {
  ensureFolder(dir);
  removeLeftovers(dir);
  const createdAtMs = bctx.options.clock.nowMs();
  const fileName = uniqueName(dir, createdAtMs, reason);
  const partial = path.join(dir, `.${fileName}.partial`);
  const final = path.join(dir, fileName);
  try {
    sqlite.prepare('VACUUM INTO ?').run(partial);
    fsyncFile(partial);
    // The schema is not required to match here: a copy of data whose triggers were dropped
    // still keeps the data. Restoring it is refused (stage), where the schema is checked.
    const exam = examine(bctx, partial, 'skip');
    if (exam.problem !== null) {
      throw new BackupError(`Sikkerhetskopien besto ikke kontrollen: ${exam.problem}`);
    }
    const sidecar: Sidecar = {
      format: 1,
      fileName,
      createdAtMs,
      reason,
      sizeBytes: fs.statSync(partial).size,
      sha256: sha256Of(partial),
      verified: true,
      integrity: exam.integrity,
      counts: exam.counts,
      appVersion: bctx.options.appVersion,
      latestMigration: exam.latestMigration,
    };
    fs.renameSync(partial, final);
    writeFileAtomic(`${final}.json`, JSON.stringify(sidecar, null, 2));
    return { ...toBackup(sidecar), path: final };
  } catch (error) {
    fs.rmSync(partial, { force: true });
    if (!fs.existsSync(`${final}.json`)) fs.rmSync(final, { force: true });
    if (error instanceof BackupError) throw error;
    throw new BackupError(`Kunne ikke ta sikkerhetskopi i ${dir}: ${(error as Error).message}`, {
      cause: error,
      folder: dir,
    });
  }
}

/**
 * Takes a verified copy through `sqlite` (the live connection, or a read-only one) into the
 * chosen folder, then rotates. If the chosen folder cannot be written (a USB disk that is
 * not plugged in), the copy goes to the default folder instead of not being taken at all.
 */
export function create(
  bctx: BackupContext,
  sqlite: Database.Database,
  reason: BackupReason,
): TakenBackup {
  try {
    const taken = createOrThrow(bctx, sqlite, reason);
    bctx.state.failedProblem = null;
    return taken;
  } catch (error) {
    // Shown on the backups page until a copy succeeds (a full disk, a folder gone read-only).
    const storage = storageError(error, folder(bctx));
    bctx.state.failedProblem = `Den siste sikkerhetskopien kunne ikke tas. ${
      storage ? storage.message : (error as Error).message
    }`;
    throw error;
  }
}

function createOrThrow(
  bctx: BackupContext,
  sqlite: Database.Database,
  reason: BackupReason,
): TakenBackup {
  const dir = folder(bctx);
  let backup: TakenBackup;
  let usedDir = dir;
  try {
    backup = takeInto(bctx, dir, sqlite, reason);
    if (dir !== bctx.defaultFolder) bctx.state.fallbackProblem = null;
  } catch (error) {
    if (dir === bctx.defaultFolder) throw error;
    bctx.log.error(`Backup folder ${dir} failed; using ${bctx.defaultFolder}`, error);
    usedDir = bctx.defaultFolder;
    backup = takeInto(bctx, bctx.defaultFolder, sqlite, reason);
    bctx.state.fallbackProblem =
      `Den siste sikkerhetskopien kunne ikke lagres i ${dir} og ble lagt i standardmappen ` +
      `${bctx.defaultFolder}. Kontroller at mappen finnes og kan skrives til, eller velg en annen mappe.`;
  }
  try {
    rotateIn(bctx, usedDir);
  } catch (error) {
    bctx.log.error('Backup rotation failed', error);
  }
  return backup;
}

function rotateIn(bctx: BackupContext, dir: string): string[] {
  const s = readStored(bctx);
  const { remove } = planRotation(listIn(dir), s);
  for (const name of remove) {
    fs.rmSync(path.join(dir, name), { force: true });
    fs.rmSync(path.join(dir, `${name}.json`), { force: true });
  }
  return remove;
}

/** Applies the rotation rule to the current folder; returns the removed file names. */
export function rotate(bctx: BackupContext): string[] {
  return rotateIn(bctx, folder(bctx));
}

/** Takes a copy of a data file that is closed, through a read-only connection. */
export function createFromFile(
  bctx: BackupContext,
  file: string,
  reason: BackupReason,
): TakenBackup {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true, ...bctx.binding });
  try {
    return create(bctx, sqlite, reason);
  } finally {
    sqlite.close();
  }
}
