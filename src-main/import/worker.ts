/**
 * The import reader's worker thread, one job at a time: reads a file (CSV or xlsx) into a
 * table, or checks a read table against the rules (the preview's dry run) over a copy of
 * the database held in the worker's memory. It runs with a heap limit and is terminated at a
 * job's time limit by `import-worker-client.ts`, so a hostile file costs the worker, never
 * the app, and the main thread keeps answering meanwhile. Built as its own entry
 * (`out/main/import-worker.js`); under vitest a global setup bundles it.
 */
import { parentPort } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import * as schema from '../../db/schema';
import { AppError } from '../../src-shared/api/errors';
import { createImportService } from './import';
import { readImportFile } from './read';
import type { ReadTable } from './read';
import type { CheckedPlan, CheckJob, ImportWorkerJob, ImportWorkerReply } from './worker-protocol';

function errorOf(error: unknown): Extract<ImportWorkerReply, { ok: false }>['error'] {
  if (error instanceof AppError) {
    return { code: error.code, message: error.message, issues: [...(error.issues ?? [])] };
  }
  return {
    code: 'INTERNAL',
    message: error instanceof Error ? error.message : String(error),
    issues: [],
  };
}

/** The preview's dry run over an in-memory copy; nothing reaches the data file. */
function check(job: CheckJob): CheckedPlan {
  const image = Buffer.from(job.image.buffer, job.image.byteOffset, job.image.byteLength);
  // A copy of a WAL database says so in its header (bytes 18–19 = 2); in memory it is read
  // as a rollback-journal database (1), or SQLite refuses to open it.
  image[18] = 1;
  image[19] = 1;
  const sqlite = new Database(image, job.nativeBinding ? { nativeBinding: job.nativeBinding } : {});
  try {
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('recursive_triggers = ON');
    const ctx = {
      db: drizzle(sqlite, { schema, casing: 'snake_case' }),
      sqlite,
      clock: { nowMs: () => job.nowMs, today: () => job.today },
      actor: job.actor,
    };
    const t0 = performance.now();
    return createImportService(ctx, { limits: job.limits }).checkTable(
      job.input,
      job.table,
      () => job.elapsedMs + performance.now() - t0,
    );
  } finally {
    sqlite.close();
  }
}

parentPort?.on('message', (job: ImportWorkerJob) => {
  const t0 = performance.now();
  const run = async (): Promise<ReadTable | CheckedPlan> =>
    job.type === 'read'
      ? readImportFile(
          job.bytes,
          job.limits,
          () => job.elapsedMs + performance.now() - t0,
          job.options,
        )
      : check(job);
  run()
    .then(
      (value): ImportWorkerReply => ({ id: job.id, ok: true, value }),
      (error: unknown): ImportWorkerReply => ({ id: job.id, ok: false, error: errorOf(error) }),
    )
    .then((reply) => parentPort?.postMessage(reply))
    .catch(() => process.exit(1));
});
