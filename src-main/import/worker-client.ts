/**
 * Reads an import file in a worker thread with a heap limit and a time limit, so a hostile
 * file (a zip bomb, a sheet that takes minutes) costs a clear BAD_INPUT and nothing else:
 * the main process keeps its memory and keeps answering other calls while the file is read.
 *
 * Starting a worker and loading exceljs takes about a second, so one worker is kept while it
 * is in use and for a minute after; files are read one at a time. A worker that runs out of
 * heap, passes the time limit or stops is replaced for the next file.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../src-shared/api/errors';
import type { Elapsed, ImportLimits, ReadOptions, ReadTable } from './read';
import type {
  CheckedPlan,
  CheckJob,
  ImportWorkerJob,
  ImportWorkerReply,
  ReadJob,
} from './worker-protocol';

/** The worker's V8 heap; exceljs on a 5 000-row sheet needs a fraction of it. */
export const IMPORT_WORKER_HEAP_MB = 256;
/** Time the worker gets beyond the reading budget to answer with its own message. */
const GRACE_MS = 5_000;
/** An idle worker is stopped after this long. */
const IDLE_MS = 60_000;

/** Set by the test setup to the worker bundled from the TypeScript sources. */
export const IMPORT_WORKER_ENV = 'TILSKUDD_IMPORT_WORKER';

/**
 * The built worker: `out/main/import-worker.js`, next to the entry that imports this module
 * or one folder up (when this module ends up in `out/main/chunks/`).
 */
export function importWorkerPath(): string {
  const self = fileURLToPath(import.meta.url);
  // Only the TypeScript sources (under vitest) take the worker from the environment; the
  // built app always runs its own.
  const fromEnv = process.env[IMPORT_WORKER_ENV];
  if (fromEnv && self.endsWith('.ts')) return fromEnv;
  const here = dirname(self);
  for (const candidate of [join(here, 'import-worker.js'), join(here, '..', 'import-worker.js')]) {
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(
    `The import worker was not found next to ${here}; build the app (npm run build) or set ${IMPORT_WORKER_ENV}.`,
  );
}

function refuse(message: string): AppError {
  return new AppError('BAD_INPUT', message, [{ path: 'contentBase64', message }]);
}

const seconds = (ms: number) => new Intl.NumberFormat('nb-NO').format(Math.round(ms / 1000));

interface Pending {
  id: number;
  resolve: (value: ReadTable | CheckedPlan) => void;
  reject: (error: unknown) => void;
  timer: NodeJS.Timeout;
}

/** One worker with a given heap, reading one file at a time. */
class ReaderWorker {
  private worker: Worker | null = null;
  private pending: Pending | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private idle: NodeJS.Timeout | undefined;
  private nextId = 1;

  constructor(private readonly heapMb: number) {}

  /** Runs a job when the jobs before it are done; `job` is made when it is its turn. */
  submit<T extends ReadTable | CheckedPlan>(
    job: () => ReadJob | CheckJob,
    timeLimitMs: (job: ReadJob | CheckJob) => number,
    tooSlow: () => AppError,
  ): Promise<T> {
    const run = this.queue.then(() => this.run(job(), timeLimitMs, tooSlow));
    this.queue = run.catch(() => {});
    return run as Promise<T>;
  }

  private start(): Worker {
    const worker = new Worker(importWorkerPath(), {
      resourceLimits: {
        maxOldGenerationSizeMb: this.heapMb,
        maxYoungGenerationSizeMb: Math.min(32, Math.max(1, Math.floor(this.heapMb / 4))),
        codeRangeSizeMb: 64,
      },
      // The reader needs nothing from the app's environment.
      env: {},
    });
    worker.on('message', (reply: ImportWorkerReply) => {
      const pending = this.pending;
      if (!pending || reply.id !== pending.id) return;
      this.settle(() => {
        if (reply.ok) pending.resolve(reply.value);
        else if (reply.error.code === 'INTERNAL') pending.reject(new Error(reply.error.message));
        else
          pending.reject(new AppError(reply.error.code, reply.error.message, reply.error.issues));
      });
    });
    worker.on('error', (error: Error & { code?: string }) => {
      this.discard(worker);
      const pending = this.pending;
      if (!pending) return;
      this.settle(() =>
        pending.reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? refuse(
                'Filen krever for mye minne å lese, så den ble avvist. Lagre bare arket som skal importeres, eller lagre det som CSV.',
              )
            : error,
        ),
      );
    });
    worker.on('exit', (code) => {
      this.discard(worker);
      const pending = this.pending;
      if (!pending) return;
      this.settle(() =>
        pending.reject(
          new Error(`The import worker stopped (exit code ${code}) without an answer.`),
        ),
      );
    });
    return worker;
  }

  /** Forgets a worker that has failed or was stopped; the next file gets a new one. */
  private discard(worker: Worker): void {
    if (this.worker === worker) this.worker = null;
    void worker.terminate();
  }

  private settle(outcome: () => void): void {
    const pending = this.pending;
    if (!pending) return;
    clearTimeout(pending.timer);
    this.pending = null;
    outcome();
    const worker = this.worker;
    if (worker) {
      // Idle: it must not keep the process alive, and it is stopped after a while.
      worker.unref();
      this.idle = setTimeout(() => this.discard(worker), IDLE_MS);
      this.idle.unref();
    }
  }

  private run(
    body: ReadJob | CheckJob,
    timeLimitMs: (job: ReadJob | CheckJob) => number,
    tooSlow: () => AppError,
  ): Promise<ReadTable | CheckedPlan> {
    clearTimeout(this.idle);
    const worker = this.worker ?? (this.worker = this.start());
    worker.ref();
    return new Promise<ReadTable | CheckedPlan>((resolve, reject) => {
      const job: ImportWorkerJob = { id: this.nextId++, ...body };
      const timer = setTimeout(
        () => {
          this.discard(worker);
          this.settle(() => reject(tooSlow()));
        },
        Math.max(0, timeLimitMs(body)) + GRACE_MS,
      );
      this.pending = { id: job.id, resolve, reject, timer };
      worker.postMessage(job);
    });
  }
}

const readers = new Map<number, ReaderWorker>();

function readerWith(heapMb: number): ReaderWorker {
  let reader = readers.get(heapMb);
  if (!reader) {
    reader = new ReaderWorker(heapMb);
    readers.set(heapMb, reader);
  }
  return reader;
}

/** Reads an import file in the reader's worker thread (see the module's comment). */
export function readImportFileInWorker(
  bytes: Uint8Array,
  limits: ImportLimits,
  elapsed: Elapsed,
  options: ReadOptions = {},
  heapMb: number = IMPORT_WORKER_HEAP_MB,
): Promise<ReadTable> {
  return readerWith(heapMb).submit<ReadTable>(
    () => ({ type: 'read', bytes, limits, elapsedMs: elapsed(), options }),
    (job) => limits.maxParseMs - job.elapsedMs,
    () =>
      refuse(
        `Det tok for lang tid å lese filen (over ${seconds(limits.maxParseMs)} sekunder), så den ble avvist. Del den i mindre filer, eller lagre bare arket som skal importeres som CSV.`,
      ),
  );
}

/** Checks a read table against the rules in the worker, over a copy of the database. */
export function checkImportInWorker(job: Omit<CheckJob, 'type'>): Promise<CheckedPlan> {
  return readerWith(IMPORT_WORKER_HEAP_MB).submit<CheckedPlan>(
    () => ({ type: 'check', ...job }),
    () => job.limits.maxCheckMs - job.elapsedMs,
    () =>
      refuse(
        `Det tok for lang tid å kontrollere radene (over ${seconds(job.limits.maxCheckMs)} sekunder), så filen ble avvist. Del den i mindre filer.`,
      ),
  );
}
