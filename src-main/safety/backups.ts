/**
 * Verified backups of the data file. Never imports 'electron': paths, clock and the open
 * connection are passed in.
 *
 * How a copy is taken: `VACUUM INTO` a hidden `.partial` file in the backup folder (a
 * consistent snapshot read through the live connection, including what is still in the WAL;
 * never a file copy of an open database), fsync, then the copy is opened read-only and must
 * pass `integrity_check`, the migration-level check and `foreign_key_check` before it is
 * renamed into place with a JSON sidecar (reason, size, sha256, counts). Only copies with a
 * sidecar count; files this module did not write are never touched.
 *
 * Why VACUUM INTO rather than better-sqlite3's `backup()`: it is synchronous, so the core can
 * take the pre-migration copy inside `openDatabase` before `migrate()` and keep `startCore`
 * synchronous; and the copy comes out in rollback-journal mode, a single self-contained file
 * that opens read-only without -wal/-shm files (`backup()` keeps the WAL flag).
 *
 * Rotation (after every new copy), restic's `--keep-*` rule over all verified copies, newest
 * first:
 *   - the newest copy is always kept;
 *   - daily: the newest copy of each of the last `keepDaily` (7) calendar days that have copies;
 *   - weekly: the newest copy of each of the last `keepWeekly` (4) ISO weeks that have copies;
 *   - monthly: the newest copy of each of the last `keepMonthly` (12) months that have copies;
 *   - plus the newest `keepManual` (10) copies taken by hand or before a risky operation
 *     (manual, pre-restore, pre-migration, pre-import, pre-year-close), whatever their age.
 * A copy kept by any rule stays; every other copy (file and sidecar) is deleted.
 *
 * Default folder: `<dataDir>-sikkerhetskopier`, a sibling of the data folder, so deleting or
 * resetting the data folder does not take the copies with it. Settings live in
 * `<dataDir>/backup-settings.json`, not in the database, so they can be read when the data
 * file cannot be opened (recovery).
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
  type BackupInspection,
  type BackupReason,
  type BackupSettings,
  type FileContent,
  type ParsedInput,
} from '../../src-shared/api/contract';
import { AppError, badInput, notFound } from '../../src-shared/api/errors';
import { isoDateFromMs } from '../../src-shared/kernel/dates';
import { DatabaseOpenError, probeDatabase } from '../platform/database';
import type { Clock } from '../platform/context';
import { convertStagedToWal, restoreStep, STAGING_SUFFIX } from '../platform/restore-safety';
import { storageError } from '../platform/storage-errors';
import {
  checkBackupFolder,
  ensureFolder,
  FOLDER_CHECK_TIMEOUT_MS,
  realPathOf,
} from '../platform/backup-folder';

export const SETTINGS_FILE_NAME = 'backup-settings.json';
const FILE_PREFIX = 'tilskudd_';
const REPLACED_PREFIX = 'erstattet-datafil_';
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

const SLUG_TO_REASON = new Map(
  Object.entries(REASON_SLUGS).map(([reason, slug]) => [slug, reason as BackupReason]),
);

/** Reasons whose copies the `keepManual` rule protects. */
export const MANUAL_REASONS: ReadonlySet<BackupReason> = new Set([
  'manual',
  'pre-restore',
  'pre-migration',
  'pre-import',
  'pre-year-close',
]);

const NAME_PATTERN =
  /^tilskudd_(\d{4})-(\d{2})-(\d{2})_(\d{2})-(\d{2})-(\d{2})(?:-(\d+))?_([a-z-]+)\.sqlite$/;

export interface RotationRules {
  keepDaily: number;
  keepWeekly: number;
  keepMonthly: number;
  keepManual: number;
}

export const DEFAULT_RULES: RotationRules = {
  keepDaily: 7,
  keepWeekly: 4,
  keepMonthly: 12,
  keepManual: 10,
};

const StoredSettings = z.object({
  folder: z.string().nullable().catch(null),
  keepDaily: z.number().int().min(1).max(60).catch(DEFAULT_RULES.keepDaily),
  keepWeekly: z.number().int().min(0).max(52).catch(DEFAULT_RULES.keepWeekly),
  keepMonthly: z.number().int().min(0).max(120).catch(DEFAULT_RULES.keepMonthly),
  keepManual: z.number().int().min(1).max(100).catch(DEFAULT_RULES.keepManual),
});
type StoredSettings = z.infer<typeof StoredSettings>;

const Sidecar = z.object({
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
type Sidecar = z.infer<typeof Sidecar>;

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

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Makes a rename durable. Windows cannot open a folder for fsync; NTFS journals renames. */
function fsyncDir(dir: string): void {
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

function writeFileAtomic(file: string, content: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, content);
  fsyncFile(tmp);
  fs.renameSync(tmp, file);
  fsyncDir(path.dirname(file));
}

function isRegularFile(file: string): boolean {
  try {
    return fs.lstatSync(file).isFile();
  } catch {
    return false;
  }
}

/** `file`'s real path lies inside `dir`'s real path (symlinks resolved on both sides). */
function isInsideReal(file: string, dir: string): boolean {
  const realDir = realPathOf(dir);
  const realFile = realPathOf(file);
  return path.dirname(realFile) === realDir || realFile.startsWith(realDir + path.sep);
}

function missingFile(fileName: string): AppError {
  return notFound(`Fant ikke sikkerhetskopien ${fileName}.`);
}

function sha256Of(file: string): string {
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

/** The default backup folder: a sibling of the data folder. */
export function defaultBackupFolder(dataDir: string): string {
  const resolved = path.resolve(dataDir);
  return path.join(path.dirname(resolved), `${path.basename(resolved)}-sikkerhetskopier`);
}

// ---------------------------------------------------------------- rotation (pure)

/** ISO-8601 week of a local calendar date, as '2024-W24'. */
export function isoWeekKey(ms: number): string {
  const d = new Date(ms);
  const date = new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()));
  const day = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((date.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${date.getUTCFullYear()}-W${pad(week)}`;
}

export interface RotationEntry {
  fileName: string;
  createdAtMs: number;
  reason: BackupReason;
}

/** Which copies the rotation rule keeps (see the module comment); the rest may be deleted. */
export function planRotation(
  entries: readonly RotationEntry[],
  rules: RotationRules,
): { keep: string[]; remove: string[] } {
  const sorted = [...entries].sort(
    (a, b) => b.createdAtMs - a.createdAtMs || b.fileName.localeCompare(a.fileName),
  );
  const keep = new Set<string>();
  const newest = sorted[0];
  if (newest) keep.add(newest.fileName);

  const buckets: [number, (ms: number) => string][] = [
    [rules.keepDaily, (ms) => isoDateFromMs(ms)],
    [rules.keepWeekly, isoWeekKey],
    [rules.keepMonthly, (ms) => isoDateFromMs(ms).slice(0, 7)],
  ];
  for (const [limit, keyOf] of buckets) {
    const seen = new Set<string>();
    for (const e of sorted) {
      if (seen.size >= limit) break;
      const key = keyOf(e.createdAtMs);
      if (seen.has(key)) continue;
      seen.add(key);
      keep.add(e.fileName);
    }
  }
  let manual = 0;
  for (const e of sorted) {
    if (manual >= rules.keepManual) break;
    if (!MANUAL_REASONS.has(e.reason)) continue;
    manual++;
    keep.add(e.fileName);
  }
  return {
    keep: sorted.filter((e) => keep.has(e.fileName)).map((e) => e.fileName),
    remove: sorted.filter((e) => !keep.has(e.fileName)).map((e) => e.fileName),
  };
}

// ---------------------------------------------------------------- examining a database file

interface Examination {
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

const EMPTY_COUNTS: BackupCounts = { centres: null, grants: null, movements: null };

// ---------------------------------------------------------------- the manager

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

/** How long a refused folder from the settings file stays refused before it is looked at again. */
const FOLDER_RECHECK_MS = 60_000;

export type BackupManager = ReturnType<typeof createBackupManager>;

/** File operations on the backup folder; knows nothing about the live connection's owner. */
export function createBackupManager(options: BackupManagerOptions) {
  const dataDir = path.resolve(options.dataDir);
  const settingsFile = path.join(dataDir, SETTINGS_FILE_NAME);
  const defaultFolder = defaultBackupFolder(dataDir);
  const binding = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  const log = options.logger ?? { error: (m: string, d?: unknown) => console.error(m, d ?? '') };

  function readStored(): StoredSettings {
    const defaults: StoredSettings = { folder: null, ...DEFAULT_RULES };
    if (!fs.existsSync(settingsFile)) return defaults;
    try {
      const parsed = StoredSettings.safeParse(JSON.parse(fs.readFileSync(settingsFile, 'utf8')));
      return parsed.success ? parsed.data : defaults;
    } catch (error) {
      log.error('Backup settings unreadable; using the defaults', error);
      return defaults;
    }
  }

  const folderCheckTimeoutMs = options.folderCheckTimeoutMs ?? FOLDER_CHECK_TIMEOUT_MS;
  /**
   * The stored folder, checked once per value (at start-up, and after a change): a folder
   * from a hand-edited settings file that is relative, inside the data folder (real paths),
   * in /proc, /sys or /dev, missing, or not answering within the time limit is not used;
   * copies go to the default folder and `folderProblem()` says why. Never blocks start-up.
   */
  let checked: {
    raw: string | null;
    folder: string;
    problem: string | null;
    atMs: number;
  } | null = null;
  /** Set when a copy had to go to the default folder; cleared by a copy in the chosen one. */
  let fallbackProblem: string | null = null;

  function effectiveFolder(): { folder: string; problem: string | null } {
    const raw = readStored().folder;
    const fresh =
      checked !== null &&
      checked.raw === raw &&
      (checked.problem === null || Date.now() - checked.atMs < FOLDER_RECHECK_MS);
    if (fresh && checked) return checked;
    if (raw === null) {
      checked = { raw, folder: defaultFolder, problem: null, atMs: Date.now() };
      return checked;
    }
    const verdict = checkBackupFolder(raw, {
      dataDir,
      create: false,
      probeWrite: false,
      timeoutMs: folderCheckTimeoutMs,
    });
    if (verdict.ok) {
      checked = { raw, folder: verdict.folder, problem: null, atMs: Date.now() };
    } else {
      if (checked?.raw !== raw || checked.problem === null) {
        log.error(`Backup folder ${raw} from the settings is not used: ${verdict.message}`);
      }
      checked = {
        raw,
        folder: defaultFolder,
        problem: `${verdict.message} Sikkerhetskopiene lagres i standardmappen ${defaultFolder} inntil dette er rettet.`,
        atMs: Date.now(),
      };
    }
    return checked;
  }

  function folder(): string {
    return effectiveFolder().folder;
  }

  /** Set when the last copy could not be taken at all; cleared by the next one that is. */
  let failedProblem: string | null = null;

  /**
   * Why copies do not go to the chosen folder, or the last one could not be taken (Norwegian),
   * or null.
   */
  function folderProblem(): string | null {
    return failedProblem ?? effectiveFolder().problem ?? fallbackProblem;
  }

  function settings(): BackupSettings {
    const s = readStored();
    return {
      folder: s.folder ?? defaultFolder,
      isDefaultFolder: s.folder === null,
      defaultFolder,
      keepDaily: s.keepDaily,
      keepWeekly: s.keepWeekly,
      keepMonthly: s.keepMonthly,
      keepManual: s.keepManual,
    };
  }

  /**
   * Refuses a folder that is relative, inside the data folder (real paths), in /proc, /sys or
   * /dev, not writable, or not answering within the time limit; creates it otherwise.
   */
  function checkFolder(candidate: string): string {
    const verdict = checkBackupFolder(candidate, {
      dataDir,
      create: true,
      probeWrite: true,
      timeoutMs: folderCheckTimeoutMs,
    });
    if (!verdict.ok) throw badInput('folder', verdict.message);
    return verdict.folder;
  }

  function setSettings(input: ParsedInput<'backups.setSettings'>): BackupSettings {
    const chosen = input.folder === null ? null : checkFolder(input.folder);
    const stored: StoredSettings = {
      folder: chosen !== null && path.resolve(chosen) === defaultFolder ? null : chosen,
      keepDaily: input.keepDaily,
      keepWeekly: input.keepWeekly,
      keepMonthly: input.keepMonthly,
      keepManual: input.keepManual,
    };
    fs.mkdirSync(dataDir, { recursive: true });
    writeFileAtomic(settingsFile, JSON.stringify(stored, null, 2));
    checked = {
      raw: stored.folder,
      folder: stored.folder ?? defaultFolder,
      problem: null,
      atMs: Date.now(),
    };
    fallbackProblem = null;
    return settings();
  }

  function readSidecar(dir: string, fileName: string): Sidecar | null {
    const sidecar = path.join(dir, `${fileName}.json`);
    try {
      const parsed = Sidecar.safeParse(JSON.parse(fs.readFileSync(sidecar, 'utf8')));
      return parsed.success && parsed.data.fileName === fileName ? parsed.data : null;
    } catch {
      return null;
    }
  }

  function toBackup(s: Sidecar): Backup {
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
  function listIn(dir: string): Backup[] {
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
    return out.sort(
      (a, b) => b.createdAtMs - a.createdAtMs || b.fileName.localeCompare(a.fileName),
    );
  }

  function list(): Backup[] {
    return listIn(folder());
  }

  /**
   * Checks a database file read-only: integrity_check, migration level, foreign keys, counts.
   * Never throws for a bad file: the problem is in the answer.
   */
  function examine(file: string, schema: 'verify' | 'skip' = 'verify'): Examination {
    let latestMigration: number | null = null;
    try {
      const probe = probeDatabase(file, options.migrationsDir, {
        ...binding,
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
    const sqlite = new Database(file, { readonly: true, fileMustExist: true, ...binding });
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

  function uniqueName(dir: string, nowMs: number, reason: BackupReason): string {
    const stamp = fileStamp(nowMs);
    const slug = REASON_SLUGS[reason];
    for (let n = 1; ; n++) {
      const name = `${FILE_PREFIX}${stamp}${n === 1 ? '' : `-${n}`}_${slug}.sqlite`;
      if (
        !fs.existsSync(path.join(dir, name)) &&
        !fs.existsSync(path.join(dir, `.${name}.partial`))
      )
        return name;
    }
  }

  function removeLeftovers(dir: string): void {
    for (const name of fs.readdirSync(dir)) {
      if (name.startsWith(`.${FILE_PREFIX}`) && name.endsWith('.partial')) {
        fs.rmSync(path.join(dir, name), { force: true });
      }
    }
  }

  function takeInto(dir: string, sqlite: Database.Database, reason: BackupReason): TakenBackup {
    ensureFolder(dir);
    removeLeftovers(dir);
    const createdAtMs = options.clock.nowMs();
    const fileName = uniqueName(dir, createdAtMs, reason);
    const partial = path.join(dir, `.${fileName}.partial`);
    const final = path.join(dir, fileName);
    try {
      sqlite.prepare('VACUUM INTO ?').run(partial);
      fsyncFile(partial);
      // The schema is not required to match here: a copy of data whose triggers were dropped
      // still keeps the data. Restoring it is refused (stage), where the schema is checked.
      const exam = examine(partial, 'skip');
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
        appVersion: options.appVersion,
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
  function create(sqlite: Database.Database, reason: BackupReason): TakenBackup {
    try {
      const taken = createOrThrow(sqlite, reason);
      failedProblem = null;
      return taken;
    } catch (error) {
      // Shown on the backups page until a copy succeeds (a full disk, a folder gone read-only).
      const storage = storageError(error, folder());
      failedProblem = `Den siste sikkerhetskopien kunne ikke tas. ${
        storage ? storage.message : (error as Error).message
      }`;
      throw error;
    }
  }

  function createOrThrow(sqlite: Database.Database, reason: BackupReason): TakenBackup {
    const dir = folder();
    let backup: TakenBackup;
    let usedDir = dir;
    try {
      backup = takeInto(dir, sqlite, reason);
      if (dir !== defaultFolder) fallbackProblem = null;
    } catch (error) {
      if (dir === defaultFolder) throw error;
      log.error(`Backup folder ${dir} failed; using ${defaultFolder}`, error);
      usedDir = defaultFolder;
      backup = takeInto(defaultFolder, sqlite, reason);
      fallbackProblem =
        `Den siste sikkerhetskopien kunne ikke lagres i ${dir} og ble lagt i standardmappen ` +
        `${defaultFolder}. Kontroller at mappen finnes og kan skrives til, eller velg en annen mappe.`;
    }
    try {
      rotateIn(usedDir);
    } catch (error) {
      log.error('Backup rotation failed', error);
    }
    return backup;
  }

  function rotateIn(dir: string): string[] {
    const s = readStored();
    const { remove } = planRotation(listIn(dir), s);
    for (const name of remove) {
      fs.rmSync(path.join(dir, name), { force: true });
      fs.rmSync(path.join(dir, `${name}.json`), { force: true });
    }
    return remove;
  }

  /** Applies the rotation rule to the current folder; returns the removed file names. */
  function rotate(): string[] {
    return rotateIn(folder());
  }

  /**
   * Absolute path of a listed copy in the current folder: a plain file (not a symlink) whose
   * real path is inside the folder's real path, with a verified sidecar naming it. Anything
   * else named like a copy (put there by hand, a link to a database elsewhere) is refused:
   * NOT_FOUND when it is not in the list, CONFLICT when it is not a plain file in the folder.
   */
  function resolve(fileName: string): string {
    const missing = () =>
      notFound(
        `Fant ikke sikkerhetskopien ${fileName} blant de kontrollerte kopiene. ` +
          'Bare kopier i listen (tatt av programmet, med kontrollfil) kan brukes.',
      );
    if (!NAME_PATTERN.test(fileName) || path.basename(fileName) !== fileName) {
      throw notFound(`Fant ikke sikkerhetskopien ${fileName}.`);
    }
    const dir = folder();
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

  /** Facts about a copy from its name when it has no sidecar (e.g. one copied in by hand). */
  function describeFile(file: string): Backup {
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

  /** Checks a copy again now; changes nothing. */
  function inspectFile(file: string): BackupInspection {
    const base = describeFile(file);
    const exam = examine(file);
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

  function inspect(fileName: string): BackupInspection {
    return inspectFile(resolve(fileName));
  }

  /** Copies in the folder that pass the checks right now (slower: opens every file). */
  function listVerifiedNow(): BackupInspection[] {
    const dir = folder();
    return listIn(dir)
      .map((b) => inspectFile(path.join(dir, b.fileName)))
      .filter((i) => i.problem === null);
  }

  function download(fileName: string): FileContent {
    const file = resolve(fileName);
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
          `Sikkerhetskopien er for stor til å lagres herfra. Kopier den direkte fra ${folder()}.`,
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

  const stagingFile = `${options.dataFile}${STAGING_SUFFIX}`;

  /**
   * Step 1 of a restore: copies a verified file next to the data file, fsyncs it and checks
   * the copy again (the bytes that go in are the bytes that were checked). The live file is
   * untouched. Refuses a copy that is damaged, from a newer version, or changed since taken.
   */
  function stage(source: string): { staged: string; inspection: BackupInspection } {
    const inspection = inspectFile(source);
    if (inspection.problem !== null) {
      throw new AppError(
        'CONFLICT',
        `Sikkerhetskopien ${inspection.fileName} kan ikke gjenopprettes: ${inspection.problem}`,
      );
    }
    fs.rmSync(stagingFile, { force: true });
    fs.copyFileSync(source, stagingFile);
    fsyncFile(stagingFile);
    const again = examine(stagingFile);
    if (again.problem !== null) {
      fs.rmSync(stagingFile, { force: true });
      throw new AppError('CONFLICT', `Kopien ble skadet under gjenoppretting: ${again.problem}`);
    }
    // The bytes that go in are the ones the sidecar describes, even if the source was swapped
    // (for a link to another database, say) after it was checked.
    const sidecar = readSidecar(path.dirname(source), path.basename(source));
    if (sidecar && sidecar.sha256 !== sha256Of(stagingFile)) {
      fs.rmSync(stagingFile, { force: true });
      throw new AppError(
        'CONFLICT',
        `Sikkerhetskopien ${inspection.fileName} ble endret under gjenopprettingen. Prøv igjen.`,
      );
    }
    return { staged: stagingFile, inspection };
  }

  /**
   * Step 2, with the live connection closed: converts the staged copy to WAL with an empty WAL
   * (so the file that lands needs no journal conversion on its next open, and a kill can never
   * leave a hot journal beside the data file), removes the data file's -wal/-shm/-journal (a
   * stale WAL or journal would be replayed into the new file), renames the staged copy over the
   * data file and fsyncs the folder. A kill at any point leaves either the old or the new file
   * complete; a half-converted staging file is removed at the next start (restore-safety.ts).
   */
  function swapIn(staged: string): void {
    convertStagedToWal(staged, options.nativeBinding);
    restoreStep('swap:staged-wal');
    for (const suffix of ['-wal', '-shm', '-journal']) {
      fs.rmSync(`${options.dataFile}${suffix}`, { force: true });
    }
    restoreStep('swap:side-files-removed');
    fs.renameSync(staged, options.dataFile);
    restoreStep('swap:renamed');
    fsyncDir(path.dirname(options.dataFile));
    restoreStep('swap:done');
  }

  function discardStaged(): void {
    fs.rmSync(stagingFile, { force: true });
  }

  /**
   * Keeps the bytes of a data file that cannot be opened (and its -wal/-shm) in the backup
   * folder as `erstattet-datafil_<time>.sqlite` before a restore replaces it. A byte copy is
   * right here: nothing has the file open. Such files are never listed, rotated or deleted.
   * Returns the path of the kept copy, or null when there is no data file.
   */
  function preserveDamaged(): string | null {
    if (!fs.existsSync(options.dataFile)) return null;
    const dir = folder();
    ensureFolder(dir);
    const stamp = fileStamp(options.clock.nowMs());
    let target = path.join(dir, `${REPLACED_PREFIX}${stamp}.sqlite`);
    for (let n = 2; fs.existsSync(target); n++) {
      target = path.join(dir, `${REPLACED_PREFIX}${stamp}-${n}.sqlite`);
    }
    fs.copyFileSync(options.dataFile, target, fs.constants.COPYFILE_EXCL);
    fsyncFile(target);
    for (const suffix of ['-wal', '-shm']) {
      if (fs.existsSync(`${options.dataFile}${suffix}`)) {
        fs.copyFileSync(`${options.dataFile}${suffix}`, `${target}${suffix}`);
      }
    }
    fsyncDir(dir);
    return target;
  }

  /** True when the file passes the read-only checks openDatabase makes before writing. */
  function canOpen(file: string): boolean {
    try {
      probeDatabase(file, options.migrationsDir, binding);
      return true;
    } catch (error) {
      if (error instanceof DatabaseOpenError) return false;
      throw error;
    }
  }

  /** Takes a copy of a data file that is closed, through a read-only connection. */
  function createFromFile(file: string, reason: BackupReason): TakenBackup {
    const sqlite = new Database(file, { readonly: true, fileMustExist: true, ...binding });
    try {
      return create(sqlite, reason);
    } finally {
      sqlite.close();
    }
  }

  return {
    dataDir,
    dataFile: options.dataFile,
    defaultFolder,
    folder,
    settings,
    setSettings,
    list,
    listVerifiedNow,
    folderProblem,
    create,
    createFromFile,
    canOpen,
    rotate,
    resolve,
    inspect,
    inspectFile,
    examine,
    download,
    stage,
    swapIn,
    discardStaged,
    preserveDamaged,
  };
}
