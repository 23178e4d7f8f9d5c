/**
 * The copies in the backup folder as the user reaches them: resolving a listed name to its
 * file (refusing links and files without a verified sidecar), checking a copy again, and
 * reading one for download.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { BackupInspection, FileContent } from '../../src-shared/api/contract';
import { AppError, notFound } from '../../src-shared/api/errors';
import type { BackupContext } from './backup-context';
import {
  describeFile,
  examine,
  isInsideReal,
  listIn,
  MAX_DOWNLOAD_BYTES,
  missingFile,
  NAME_PATTERN,
  readSidecar,
  sha256Of,
} from './backup-files';
import { folder } from './backup-settings';

/**
 * Absolute path of a listed copy in the current folder: a plain file (not a symlink) whose
 * real path is inside the folder's real path, with a verified sidecar naming it. Anything
 * else named like a copy (put there by hand, a link to a database elsewhere) is refused:
 * NOT_FOUND when it is not in the list, CONFLICT when it is not a plain file in the folder.
 */
export function resolve(bctx: BackupContext, fileName: string): string {
  const missing = () =>
    notFound(
      `Fant ikke sikkerhetskopien ${fileName} blant de kontrollerte kopiene. ` +
        'Bare kopier i listen (tatt av programmet, med kontrollfil) kan brukes.',
    );
  if (!NAME_PATTERN.test(fileName) || path.basename(fileName) !== fileName) {
    throw notFound(`Fant ikke sikkerhetskopien ${fileName}.`);
  }
  const dir = folder(bctx);
  const file = path.join(dir, fileName);
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(file);
  } catch {
    throw notFound(`Fant ikke sikkerhetskopien ${fileName}.`);
  }
  if (!stat.isFile() || !isInsideReal(file, dir)) {
    throw new AppError(
      'CONFLICT',
      `${fileName} er ikke en vanlig fil i sikkerhetskopimappen (den kan være en snarvei til ` +
        'en annen fil) og kan ikke brukes. Velg en kopi fra listen.',
    );
  }
  const sidecar = readSidecar(dir, fileName);
  if (!sidecar?.verified) throw missing();
  return file;
}

/** Checks a copy again now; changes nothing. */
export function inspectFile(bctx: BackupContext, file: string): BackupInspection {
  const base = describeFile(file);
  const exam = examine(bctx, file);
  const sidecar = readSidecar(path.dirname(file), path.basename(file));
  let problem = exam.problem;
  if (problem === null && sidecar && sidecar.sha256 !== sha256Of(file)) {
    problem = 'Filen er endret etter at sikkerhetskopien ble tatt (kontrollsummen stemmer ikke).';
  }
  return {
    ...base,
    counts: exam.problem === null ? exam.counts : base.counts,
    verified: problem === null,
    integrity: exam.integrity,
    compatible: exam.compatible,
    problem,
    lastChangeAtMs: exam.lastChangeAtMs,
  };
}

export function inspect(bctx: BackupContext, fileName: string): BackupInspection {
  return inspectFile(bctx, resolve(bctx, fileName));
}

/** Copies in the folder that pass the checks right now (slower: opens every file). */
export function listVerifiedNow(bctx: BackupContext): BackupInspection[] {
  const dir = folder(bctx);
  return listIn(dir)
    .map((b) => inspectFile(bctx, path.join(dir, b.fileName)))
    .filter((i) => i.problem === null);
}

export function download(bctx: BackupContext, fileName: string): FileContent {
  const file = resolve(bctx, fileName);
  // Read through a descriptor that refuses a symlink put in place since resolve() looked.
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0));
  } catch {
    // ELOOP: it became a symlink; ENOENT: it went away.
    throw missingFile(fileName);
  }
  let bytes: Buffer;
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw missingFile(fileName);
    if (stat.size > MAX_DOWNLOAD_BYTES) {
      throw new AppError(
        'BAD_INPUT',
        `Sikkerhetskopien er for stor til å lagres herfra. Kopier den direkte fra ${folder(bctx)}.`,
      );
    }
    bytes = fs.readFileSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  const sidecar = readSidecar(path.dirname(file), fileName);
  if (!sidecar || createHash('sha256').update(bytes).digest('hex') !== sidecar.sha256) {
    throw new AppError(
      'CONFLICT',
      `Sikkerhetskopien ${fileName} er endret etter at den ble tatt (kontrollsummen stemmer ikke) og lagres ikke.`,
    );
  }
  return { fileName, contentBase64: bytes.toString('base64') };
}
