/**
 * The file mechanics of backups: names, sidecars, durable writes (fsync of file and folder),
 * examining a database file read-only, listing the verified copies of a folder.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { z } from 'zod';
import {
  BACKUP_REASONS,
  type Backup,
  type BackupCounts,
  type BackupReason,
} from '../../src-shared/api/contract';
import { type AppError, notFound } from '../../src-shared/api/errors';
import { realPathOf } from '../platform/backup-folder';
import { DatabaseOpenError, probeDatabase } from '../platform/database';
import type { BackupContext } from './backup-context';

export const FILE_PREFIX = 'tilskudd_';
export const REPLACED_PREFIX = 'erstattet-datafil_';
/** Copies above this size are not offered for download through the API (base64 in memory). */
export const MAX_DOWNLOAD_BYTES = 60 * 1024 * 1024;

/** Reason → the word in the file name (ASCII, so every file system and zip tool is happy). */
export const REASON_SLUGS: Record<BackupReason, string> = {
  startup: 'oppstart',
  daily: 'daglig',
  manual: 'manuell',
  'pre-restore': 'for-gjenoppretting',
  'pre-migration': 'for-oppdatering',
  'pre-import': 'for-import',
  'pre-year-close': 'for-arsavslutning',
};

export const SLUG_TO_REASON = new Map(
  Object.entries(REASON_SLUGS).map(([reason, slug]) => [slug, reason as BackupReason]),
);

export const NAME_PATTERN =
  /^tilskudd_(\d{4})-(\d{2})-(\d{2})_(\d{2})-(\d{2})-(\d{2})(?:-(\d+))?_([a-z-]+)\.sqlite$/;

export const Sidecar = z.object({
  format: z.literal(1),
  fileName: z.string(),
  createdAtMs: z.number().int(),
  reason: z.enum(BACKUP_REASONS),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  verified: z.boolean(),
  integrity: z.string(),
  counts: z.object({
    centres: z.number().int().nullable(),
    grants: z.number().int().nullable(),
    movements: z.number().int().nullable(),
  }),
  appVersion: z.string().nullable(),
  latestMigration: z.number().nullable(),
});
export type Sidecar = z.infer<typeof Sidecar>;

/** A copy just taken, with where it went (the default folder if the chosen one failed). */
export type TakenBackup = Backup & { path: string };

/** A backup could not be taken or checked; the message is for the user. */
export class BackupError extends Error {
  /** The folder the copy was to be written to, when known (named in a full-disk message). */
  readonly folder: string | undefined;
  constructor(message: string, options?: { cause?: unknown; folder?: string }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'BackupError';
    this.folder = options?.folder;
  }
}

// ---------------------------------------------------------------- small file helpers

export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Makes a rename durable. Windows cannot open a folder for fsync; NTFS journals renames. */
export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Not supported on this platform/file system.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

export function writeFileAtomic(file: string, content: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, content);
  fsyncFile(tmp);
  fs.renameSync(tmp, file);
  fsyncDir(path.dirname(file));
}

export function isRegularFile(file: string): boolean {
  try {
    return fs.lstatSync(file).isFile();
  } catch {
    return false;
  }
}

/** `file`'s real path lies inside `dir`'s real path (symlinks resolved on both sides). */
export function isInsideReal(file: string, dir: string): boolean {
  const realDir = realPathOf(dir);
  const realFile = realPathOf(file);
  return path.dirname(realFile) === realDir || realFile.startsWith(realDir + path.sep);
}

export function missingFile(fileName: string): AppError {
  return notFound(`Fant ikke sikkerhetskopien ${fileName}.`);
}

export function sha256Of(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Local time as '2024-06-15_12-00-00' for file names. */
export function fileStamp(ms: number): string {
  const d = new Date(ms);
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}_` +
    `${pad(d.getHours())}-${pad(d.getMinutes())}-${pad(d.getSeconds())}`
  );
}

// ---------------------------------------------------------------- examining a database file

export interface Examination {
  integrity: string;
  compatible: boolean;
  problem: string | null;
  counts: BackupCounts;
  lastChangeAtMs: number | null;
  latestMigration: number | null;
}

function tableExists(sqlite: Database.Database, name: string): boolean {
  return (
    sqlite.prepare(`select 1 from sqlite_master where type = 'table' and name = ?`).get(name) !==
    undefined
  );
}

function countIfExists(sqlite: Database.Database, table: string): number | null {
  if (!tableExists(sqlite, table)) return null;
  return (sqlite.prepare(`select count(*) as n from "${table}"`).get() as { n: number }).n;
}

/** What a database file holds: counts of the tables that exist and its newest change. */
export function countsOf(sqlite: Database.Database): {
  counts: BackupCounts;
  lastChangeAtMs: number | null;
} {
  const last = tableExists(sqlite, 'audit_log')
    ? (sqlite.prepare('select max(at_ms) as t from audit_log').get() as { t: number | null }).t
    : null;
  return {
    counts: {
      centres: countIfExists(sqlite, 'member_centres'),
      grants: countIfExists(sqlite, 'grants'),
      movements: countIfExists(sqlite, 'movements'),
    },
    lastChangeAtMs: last,
  };
}

export const EMPTY_COUNTS: BackupCounts = { centres: null, grants: null, movements: null };

export function readSidecar(dir: string, fileName: string): Sidecar | null {
  const sidecar = path.join(dir, `${fileName}.json`);
  try {
    const parsed = Sidecar.safeParse(JSON.parse(fs.readFileSync(sidecar, 'utf8')));
    return parsed.success && parsed.data.fileName === fileName ? parsed.data : null;
  } catch {
    return null;
  }
}

export function toBackup(s: Sidecar): Backup {
  return {
    fileName: s.fileName,
    createdAtMs: s.createdAtMs,
    reason: s.reason,
    sizeBytes: s.sizeBytes,
    verified: s.verified,
    counts: s.counts,
    appVersion: s.appVersion,
  };
}

/** Copies with a sidecar in the current folder, newest first. */
export function listIn(dir: string): Backup[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const out: Backup[] = [];
  for (const name of names) {
    if (!NAME_PATTERN.test(name)) continue;
    // A symlink or anything but a plain file named like a copy is not one of ours.
    if (!isRegularFile(path.join(dir, name))) continue;
    const sidecar = readSidecar(dir, name);
    if (sidecar?.verified) out.push(toBackup(sidecar));
  }
  return out.sort((a, b) => b.createdAtMs - a.createdAtMs || b.fileName.localeCompare(a.fileName));
}

export function uniqueName(dir: string, nowMs: number, reason: BackupReason): string {
  const stamp = fileStamp(nowMs);
  const slug = REASON_SLUGS[reason];
  for (let n = 1; ; n++) {
    const name = `${FILE_PREFIX}${stamp}${n === 1 ? '' : `-${n}`}_${slug}.sqlite`;
    if (!fs.existsSync(path.join(dir, name)) && !fs.existsSync(path.join(dir, `.${name}.partial`)))
      return name;
  }
}

export function removeLeftovers(dir: string): void {
  for (const name of fs.readdirSync(dir)) {
    if (name.startsWith(`.${FILE_PREFIX}`) && name.endsWith('.partial')) {
      fs.rmSync(path.join(dir, name), { force: true });
    }
  }
}

/** Facts about a copy from its name when it has no sidecar (e.g. one copied in by hand). */
export function describeFile(file: string): Backup {
  const name = path.basename(file);
  const sidecar = readSidecar(path.dirname(file), name);
  if (sidecar) return toBackup(sidecar);
  const m = NAME_PATTERN.exec(name);
  const createdAtMs = m
    ? new Date(
        Number(m[1]),
        Number(m[2]) - 1,
        Number(m[3]),
        Number(m[4]),
        Number(m[5]),
        Number(m[6]),
      ).getTime()
    : Math.round(fs.statSync(file).mtimeMs);
  return {
    fileName: name,
    createdAtMs,
    reason: (m && SLUG_TO_REASON.get(m[8] ?? '')) || 'manual',
    sizeBytes: fs.statSync(file).size,
    verified: false,
    counts: EMPTY_COUNTS,
    appVersion: null,
  };
}

/**
 * Checks a database file read-only: integrity_check, migration level, foreign keys, counts.
 * Never throws for a bad file: the problem is in the answer.
 */
export function examine(
  bctx: BackupContext,
  file: string,
  schema: 'verify' | 'skip' = 'verify',
): Examination {
  let latestMigration: number | null = null;
  try {
    const probe = probeDatabase(file, bctx.options.migrationsDir, {
      ...bctx.binding,
      check: 'integrity_check',
      schema,
    });
    latestMigration = probe.latestApplied;
  } catch (error) {
    if (!(error instanceof DatabaseOpenError)) throw error;
    return {
      integrity: error.kind === 'newer-version' ? 'ok' : error.message,
      compatible: error.kind !== 'newer-version',
      problem: error.message,
      counts: EMPTY_COUNTS,
      lastChangeAtMs: null,
      latestMigration,
    };
  }
  const sqlite = new Database(file, { readonly: true, fileMustExist: true, ...bctx.binding });
  try {
    const { counts, lastChangeAtMs } = countsOf(sqlite);
    return {
      integrity: 'ok',
      compatible: true,
      problem: null,
      counts,
      lastChangeAtMs,
      latestMigration,
    };
  } finally {
    sqlite.close();
  }
}
