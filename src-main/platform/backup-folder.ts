/**
 * Checking and creating the backup folder without ever hanging the app.
 *
 * Why this exists: Node's `mkdirSync(dir, { recursive: true })` loops forever at 100 % CPU on
 * special file systems (`/proc/x`: mkdir answers ENOENT, the parent exists, so it tries
 * again), and a folder on a network share that has gone away can block any file call. So:
 *   - /proc, /sys and /dev (and folders on proc/sysfs/… file systems wherever they are
 *     mounted) are refused outright;
 *   - missing folders are created one component at a time with plain `mkdir`, after the
 *     nearest existing ancestor has been found to be a directory (a bounded walk);
 *   - «outside the data folder» compares real paths (symlinks resolved), not `path.resolve`;
 *   - the full check of a folder the user chose (or one read from the settings file) runs in
 *     a worker thread with a time limit: the calling thread waits on a shared flag
 *     (`Atomics.wait`) and gives up after `timeoutMs`, so a hung mount costs a clear answer,
 *     not a frozen app. The check is synchronous for its callers (settings and start-up).
 */
import fs from 'node:fs';
import path from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';

/** How long the folder check may take before the folder counts as not answering. */
export const FOLDER_CHECK_TIMEOUT_MS = 3000;

/** Kernel pseudo file systems (statfs f_type) where no backup can live. */
const SPECIAL_FS_TYPES = [
  0x9fa0, // proc
  0x62656572, // sysfs
  0x1cd1, // devpts
  0x64626720, // debugfs
  0x74726163, // tracefs
  0x73636673, // securityfs
  0x27e0eb, // cgroup
  0x63677270, // cgroup2
  0xcafe4a11, // bpf
  0x6165676c, // pstore
  0x42494e4d, // binfmt_misc
  0x19800202, // mqueue
];

const SPECIAL_ROOTS = ['/proc', '/sys', '/dev'];

/** True for a path in /proc, /sys or /dev (on Windows: never). */
export function isSpecialPath(p: string): boolean {
  if (process.platform === 'win32') return false;
  const r = path.resolve(p);
  return SPECIAL_ROOTS.some((root) => r === root || r.startsWith(`${root}/`));
}

function norm(p: string): string {
  const r = path.resolve(p);
  return process.platform === 'win32' ? r.toLowerCase() : r;
}

/** `child` is `parent` or lies below it (both as given: resolve real paths first). */
export function isInsidePath(child: string, parent: string): boolean {
  const c = norm(child);
  const p = norm(parent);
  return c === p || c.startsWith(p.endsWith(path.sep) ? p : p + path.sep);
}

/** The real path of `p`, following symlinks as far as the path exists (the rest appended). */
export function realPathOf(p: string): string {
  const missing: string[] = [];
  let current = path.resolve(p);
  for (let depth = 0; depth < 256; depth++) {
    try {
      return path.join(fs.realpathSync.native(current), ...missing);
    } catch {
      const up = path.dirname(current);
      if (up === current) break;
      missing.unshift(path.basename(current));
      current = up;
    }
  }
  return path.resolve(p);
}

function errnoError(code: string, message: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`${code}: ${message}`);
  error.code = code;
  return error;
}

/**
 * Makes sure `dir` exists as a directory, creating missing components one by one with plain
 * `mkdir` (never the recursive kind). Throws (with an errno code) for /proc, /sys, /dev, a
 * file in the way, or a folder that cannot be created. Bounded: at most one mkdir per path
 * component.
 */
export function ensureFolder(dir: string): void {
  const target = path.resolve(dir);
  if (isSpecialPath(target)) throw errnoError('EPERM', `special file system, ${target}`);
  const missing: string[] = [];
  let current = target;
  for (let depth = 0; ; depth++) {
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(current);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (stat) {
      if (!stat.isDirectory()) throw errnoError('ENOTDIR', `not a directory, ${current}`);
      break;
    }
    const up = path.dirname(current);
    if (up === current || depth >= 256) throw errnoError('ENOENT', `no such folder, ${target}`);
    missing.unshift(current);
    current = up;
  }
  for (const component of missing) {
    try {
      fs.mkdirSync(component);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (!fs.statSync(component).isDirectory()) {
        throw errnoError('ENOTDIR', `not a directory, ${component}`);
      }
    }
  }
}

// ---------------------------------------------------------------- the bounded check

/** Why a folder cannot be used; the message is for the user. */
export type FolderVerdict = { ok: true; folder: string } | { ok: false; message: string };

export interface FolderCheckOptions {
  /** The data folder: the backup folder must lie outside it (real paths compared). */
  dataDir: string;
  /** Create the folder if missing (settings) or only look (start-up). */
  create: boolean;
  /** Write and remove a small file to prove the folder is writable. */
  probeWrite: boolean;
  timeoutMs?: number;
}

/** Norwegian messages, one per reason the worker (or the quick checks) can give. */
function messageFor(reason: string, folder: string, dataDir: string, detail = ''): string {
  switch (reason) {
    case 'relative':
      return 'Mappe for sikkerhetskopier må være en fullstendig sti, for eksempel C:\\Users\\navn\\Documents\\Sikkerhetskopier.';
    case 'special':
      return `Mappe for sikkerhetskopier: ${folder} ligger i en systemmappe (/proc, /sys eller /dev) der det ikke kan lagres filer. Velg en mappe på en vanlig disk.`;
    case 'inside':
      return `Mappe for sikkerhetskopier må ligge utenfor datamappen (${dataDir}); ellers forsvinner kopiene sammen med dataene.`;
    case 'timeout':
      return `Mappe for sikkerhetskopier: ${folder} svarte ikke (er det en nettverksmappe eller en disk som er koblet fra?). Velg en annen mappe.`;
    case 'missing':
      return `Mappe for sikkerhetskopier: ${folder} finnes ikke. Koble til disken eller velg en annen mappe.`;
    default:
      return `Mappe for sikkerhetskopier: kan ikke skrive til ${folder}${detail ? ` (${detail})` : ''}. Velg en annen mappe.`;
  }
}

/**
 * The worker's code (CommonJS, run with `eval: true` so the bundle needs no extra entry). It
 * mirrors realPathOf/ensureFolder above and answers { ok, folder } or { ok: false, reason }.
 */
const WORKER_SOURCE = String.raw`
const { workerData } = require('node:worker_threads');
const fs = require('node:fs');
const path = require('node:path');
const { candidate, dataDir, create, probeWrite, specialRoots, specialTypes, flag, port } = workerData;
const win = process.platform === 'win32';
const norm = (p) => (win ? path.resolve(p).toLowerCase() : path.resolve(p));
const inside = (c, p) => {
  c = norm(c); p = norm(p);
  return c === p || c.startsWith(p.endsWith(path.sep) ? p : p + path.sep);
};
const special = (p) => !win && specialRoots.some((r) => p === r || p.startsWith(r + '/'));
function fail(reason, detail) { const e = new Error(detail || reason); e.reason = reason; throw e; }
function check() {
  const missing = [];
  let current = path.resolve(candidate);
  let real = null;
  for (let depth = 0; depth < 256 && real === null; depth++) {
    try {
      real = fs.realpathSync.native(current);
    } catch (error) {
      if (error.code !== 'ENOENT') fail('unwritable', error.code);
      const up = path.dirname(current);
      if (up === current) fail('missing');
      missing.unshift(path.basename(current));
      current = up;
    }
  }
  if (real === null) fail('missing');
  const folderReal = path.join(real, ...missing);
  if (special(real) || special(folderReal)) fail('special');
  if (!win && typeof fs.statfsSync === 'function') {
    try { if (specialTypes.includes(fs.statfsSync(real).type)) fail('special'); }
    catch (error) { if (error.reason) throw error; }
  }
  let dataReal = path.resolve(dataDir);
  try { dataReal = fs.realpathSync.native(dataReal); } catch {}
  if (inside(folderReal, dataReal)) fail('inside');
  if (!fs.statSync(real).isDirectory()) fail('unwritable', 'ENOTDIR');
  if (missing.length > 0 && !create) fail('missing');
  let made = real;
  for (const part of missing) {
    made = path.join(made, part);
    try { fs.mkdirSync(made); }
    catch (error) {
      if (error.code !== 'EEXIST' || !fs.statSync(made).isDirectory()) fail('unwritable', error.code);
    }
  }
  if (probeWrite) {
    const probe = path.join(made, '.skrivetest-' + process.pid);
    try { fs.writeFileSync(probe, 'ok'); fs.rmSync(probe, { force: true }); }
    catch (error) { fail('unwritable', error.code); }
  }
  return { ok: true, folder: folderReal };
}
let answer;
try { answer = check(); }
catch (error) { answer = { ok: false, reason: error.reason || 'unwritable', detail: error.reason ? '' : String(error.code || '') }; }
port.postMessage(answer);
const cell = new Int32Array(flag);
Atomics.store(cell, 0, 1);
Atomics.notify(cell, 0);
`;

interface WorkerAnswer {
  ok: boolean;
  folder?: string;
  reason?: string;
  detail?: string;
}

/**
 * Checks a backup folder the user chose or the settings file names: absolute, not in /proc,
 * /sys or /dev or on a kernel pseudo file system, outside the data folder by real path, an
 * existing directory (or creatable, with `create`), writable (with `probeWrite`), all within
 * `timeoutMs`. Synchronous for the caller; the file system work runs in a worker thread, so a
 * hung mount ends in a «did not answer» verdict, not a hang. Returns the folder as given
 * (resolved, not the real path) when it can be used.
 */
export function checkBackupFolder(candidate: string, options: FolderCheckOptions): FolderVerdict {
  const timeoutMs = options.timeoutMs ?? FOLDER_CHECK_TIMEOUT_MS;
  if (!path.isAbsolute(candidate)) {
    return { ok: false, message: messageFor('relative', candidate, options.dataDir) };
  }
  const resolved = path.resolve(candidate);
  // The quick checks first: these need no file system at all.
  if (isSpecialPath(resolved)) {
    return { ok: false, message: messageFor('special', resolved, options.dataDir) };
  }
  if (isInsidePath(resolved, options.dataDir)) {
    return { ok: false, message: messageFor('inside', resolved, options.dataDir) };
  }

  const flag = new SharedArrayBuffer(4);
  const { port1, port2 } = new MessageChannel();
  let worker: Worker;
  try {
    worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        candidate: resolved,
        dataDir: options.dataDir,
        create: options.create,
        probeWrite: options.probeWrite,
        specialRoots: SPECIAL_ROOTS,
        specialTypes: SPECIAL_FS_TYPES,
        flag,
        port: port2,
      },
      transferList: [port2],
      resourceLimits: { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 8 },
      stdout: false,
      stderr: false,
    });
  } catch {
    port1.close();
    return { ok: false, message: messageFor('unwritable', resolved, options.dataDir) };
  }
  worker.unref();
  // A worker that dies early never sets the flag; the wait then ends at the time limit.
  worker.on('error', () => undefined);
  Atomics.wait(new Int32Array(flag), 0, 0, timeoutMs);
  const received = receiveMessageOnPort(port1) as { message: WorkerAnswer } | undefined;
  port1.close();
  // A worker stuck in a system call cannot be stopped; unref'd, it does not keep the app alive.
  void worker.terminate().catch(() => undefined);
  const answer = received?.message;
  if (!answer) return { ok: false, message: messageFor('timeout', resolved, options.dataDir) };
  if (answer.ok) return { ok: true, folder: resolved };
  return {
    ok: false,
    message: messageFor(answer.reason ?? 'unwritable', resolved, options.dataDir, answer.detail),
  };
}
