/**
 * The messages between the import service (main thread, via worker-client.ts) and the
 * import worker (worker.ts), and the checked plan the worker sends back. Types only, in a
 * file of their own so the service, the client and the worker do not import each other.
 */
import type { ImportProblem, ParsedInput } from '../../src-shared/api/contract';
import type { ErrorCode, FieldIssue } from '../../src-shared/api/errors';
import type { CellValue, ImportMapping } from '../../src-shared/import/rules';
import type { IsoDate } from '../../src-shared/kernel/dates';
import type { ImportLimits, ReadOptions, ReadTable } from './read';

/** One row as the import would write it. */
export interface PlannedRow {
  rowNumber: number;
  action: 'create' | 'update';
  values: Record<string, CellValue>;
  problems: ImportProblem[];
  /** Writes the row through the services (throws AppError on a rule); null when it has problems. */
  write: (() => void) | null;
}

/** A plan as the preview shows it: every row's values and problems, nothing to write. */
export interface CheckedPlan {
  mapping: ImportMapping;
  suggested: ImportMapping;
  fileProblems: string[];
  rows: Pick<PlannedRow, 'rowNumber' | 'action' | 'values' | 'problems'>[];
}

export interface ReadJob {
  type: 'read';
  bytes: Uint8Array;
  limits: ImportLimits;
  /** Time already spent on the file's budget before the job reached the worker (ms). */
  elapsedMs: number;
  options: ReadOptions;
}

export interface CheckJob {
  type: 'check';
  /** The database, serialised by the main thread's connection. */
  image: Uint8Array;
  nowMs: number;
  today: IsoDate;
  actor: string;
  nativeBinding: string | null;
  input: ParsedInput<'import.preview'>;
  table: ReadTable;
  limits: ImportLimits;
  /** Time already spent on the check's budget (ms). */
  elapsedMs: number;
}

export type ImportWorkerJob = { id: number } & (ReadJob | CheckJob);

export type ImportWorkerReply = { id: number } & (
  | { ok: true; value: ReadTable | CheckedPlan }
  | { ok: false; error: { code: ErrorCode; message: string; issues: FieldIssue[] } }
);
