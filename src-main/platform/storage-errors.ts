/**
 * Errors the user can act on: a full disk and a data folder the app may not write. They come
 * from Node's fs (ENOSPC, EDQUOT, EROFS, EACCES, EPERM) or from SQLite through better-sqlite3
 * (SqliteError with code SQLITE_FULL, SQLITE_READONLY and its extended codes), possibly
 * wrapped (BackupError, DatabaseOpenError keep the original as `cause`). The dispatch answers
 * them with the typed STORAGE error and a Norwegian message that says what to do, instead of
 * «intern feil»; the hosts print one line at start-up instead of a stack trace.
 */
import path from 'node:path';
import { AppError } from '../../src-shared/api/errors';

export type StorageKind = 'full' | 'read-only';

const FULL_CODES = new Set(['ENOSPC', 'EDQUOT', 'SQLITE_FULL']);
/**
 * Not SQLITE_READONLY_ROLLBACK / _RECOVERY (a journal a read-only connection cannot replay)
 * nor _DBMOVED (the file was replaced): those are about the file's state, not permissions.
 */
const READ_ONLY_CODES = new Set([
  'EROFS',
  'EACCES',
  'EPERM',
  'SQLITE_READONLY',
  'SQLITE_READONLY_CANTLOCK',
  'SQLITE_READONLY_CANTINIT',
  'SQLITE_READONLY_DIRECTORY',
]);

/** A storage problem as an AppError (code STORAGE); `kind` says which. */
export class StorageError extends AppError {
  readonly kind: StorageKind;
  constructor(kind: StorageKind, message: string, cause?: unknown) {
    super('STORAGE', message);
    this.name = 'StorageError';
    this.kind = kind;
    if (cause !== undefined) Object.defineProperty(this, 'cause', { value: cause });
  }
}

interface Found {
  kind: StorageKind;
  /** The file the failing call named (fs errors carry it), if any. */
  file: string | null;
}

/** Looks through the error and its causes (a few levels) for a full disk or missing rights. */
function find(error: unknown): Found | null {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current instanceof Error; depth++) {
    if (current instanceof StorageError) return { kind: current.kind, file: null };
    // An AppError is already an answer for the user; do not second-guess it.
    if (current instanceof AppError) return null;
    const { code, path: file } = current as { code?: unknown; path?: unknown };
    if (typeof code === 'string') {
      const kind = FULL_CODES.has(code) ? 'full' : READ_ONLY_CODES.has(code) ? 'read-only' : null;
      if (kind) return { kind, file: typeof file === 'string' ? file : null };
    }
    current = current.cause;
  }
  return null;
}

/** 'full', 'read-only', or null when the error is not a storage problem. */
export function storageKindOf(error: unknown): StorageKind | null {
  return find(error)?.kind ?? null;
}

function where(found: Found, folder: string | undefined): string {
  if (found.file) return path.dirname(path.resolve(found.file));
  return folder ?? 'datamappen';
}

/** The message for a call that failed (the app keeps running). */
export function storageMessage(kind: StorageKind, place: string): string {
  return kind === 'full'
    ? `Disken er full, så endringen ble ikke lagret. Frigjør plass på disken der ${place} ligger ` +
        '(tøm for eksempel papirkurven eller flytt store filer), og prøv igjen.'
    : `Programmet får ikke skrive til ${place}: mappen eller filen er skrivebeskyttet, eller du ` +
        'mangler skrivetilgang. Endringen ble ikke lagret. Kontroller tilgangen til mappen, og ' +
        'start programmet på nytt.';
}

/**
 * The STORAGE AppError for a full disk or missing write access anywhere in `error`'s causes,
 * or null. `folder` names the place when the error does not (SQLite errors carry no path).
 */
export function storageError(error: unknown, folder?: string, prefix = ''): StorageError | null {
  if (error instanceof StorageError) return error;
  const found = find(error);
  if (!found) return null;
  return new StorageError(
    found.kind,
    `${prefix}${storageMessage(found.kind, where(found, folder))}`,
    error,
  );
}

/**
 * One line for the console or a dialog when the app cannot start because of the disk, or null
 * for other errors. No stack trace: the user can act on this line.
 */
export function startupStorageLine(error: unknown, dataDir: string): string | null {
  const found = find(error);
  if (!found) return null;
  const place = found.file ? where(found, dataDir) : dataDir;
  return found.kind === 'full'
    ? `Tilskuddsoversikt kan ikke starte fordi disken er full (${place}). ` +
        'Frigjør plass på disken og start programmet på nytt.'
    : `Tilskuddsoversikt kan ikke starte fordi programmet ikke får skrive til ${place} ` +
        '(skrivebeskyttet, eller du mangler skrivetilgang). Kontroller tilgangen til mappen og ' +
        'start programmet på nytt.';
}
