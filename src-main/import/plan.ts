/**
 * Planning a file: read it (in the worker), map its columns, read every row, plan it by kind,
 * and check the clean rows against the real services in a transaction that is rolled back.
 */
import { createHash } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import { imports } from '../../db/schema';
import type { ImportRecord, ParsedInput } from '../../src-shared/api/contract';
import { AppError } from '../../src-shared/api/errors';
import { IMPORT_FIELDS, suggestMapping, type ImportKind } from '../../src-shared/import/rules';
import { planAllocations } from './plan-allocations';
import { planGrants } from './plan-grants';
import { planCentres, planFunders } from './plan-registry';
import type { Elapsed, ReadTable } from './read';
import {
  ALIASES,
  effectiveMapping,
  problemAt,
  readRow,
  serviceProblem,
  type ImportContext,
  type Plan,
} from './rows';
import { checkImportInWorker, readImportFileInWorker } from './worker-client';
import type { CheckedPlan, PlannedRow } from './worker-protocol';

export type FileInput = ParsedInput<'import.preview'>;

/** Thrown to end the preview's transaction: everything it wrote is rolled back. */
class PreviewRollback extends Error {}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function readFile(
  ictx: ImportContext,
  input: FileInput,
  bytes: Uint8Array,
): Promise<ReadTable> {
  return readImportFileInWorker(bytes, ictx.limits, ictx.startTimer(), {
    encoding: input.encoding ?? null,
  });
}

export async function planFile(
  ictx: ImportContext,
  input: FileInput,
  bytes: Uint8Array,
): Promise<Plan> {
  return planTable(ictx, input, await readFile(ictx, input, bytes));
}

function planTable(ictx: ImportContext, input: FileInput, table: ReadTable): Plan {
  const suggested = suggestMapping(input.kind, table.columns);
  const mapping = effectiveMapping(input.kind, table.columns, suggested, input.mapping);
  const fileProblems: string[] = [...(table.fileProblems ?? [])];
  for (const field of IMPORT_FIELDS[input.kind]) {
    if (field.required && mapping[field.key] === null) {
      fileProblems.push(`Velg hvilken kolonne som inneholder ${field.label} (må fylles ut).`);
    }
  }
  if (table.rows.length === 0) fileProblems.push('Filen har ingen rader under overskriftsraden.');
  const base = { table, mapping, suggested, fileProblems };
  const rows: PlannedRow[] = table.rows.map((r) => ({
    rowNumber: r.rowNumber,
    action: 'create',
    ...readRow(input.kind, base, r.cells, r.rowNumber),
    write: null,
  }));
  // Rows the reader found fault with (not valid UTF-8): a problem on the whole row.
  for (const p of table.rowProblems ?? []) {
    rows
      .find((r) => r.rowNumber === p.rowNumber)
      ?.problems.unshift(problemAt(mapping, p.rowNumber, null, p.message));
  }
  switch (input.kind) {
    case 'centres':
      planCentres(ictx, base, rows);
      break;
    case 'funders':
      planFunders(ictx, base, rows);
      break;
    case 'grants':
      planGrants(ictx, base, rows, input.fileName);
      break;
    case 'allocations':
      planAllocations(ictx, base, rows);
      break;
  }
  for (const row of rows) if (row.problems.length > 0) row.write = null;
  return { ...base, rows };
}

/** Runs the clean rows through the services and rolls everything back; failures become problems. */
export function dryRun(
  ictx: ImportContext,
  kind: ImportKind,
  plan: Plan,
  elapsed: Elapsed = ictx.startTimer(),
): void {
  const { ctx, limits } = ictx;
  try {
    ctx.sqlite.transaction(() => {
      for (const row of plan.rows) {
        if (!row.write) continue;
        if (elapsed() > limits.maxCheckMs) {
          const message = `Det tok for lang tid å kontrollere radene (over ${Math.round(limits.maxCheckMs / 1000)} sekunder), så filen ble avvist. Del den i mindre filer.`;
          throw new AppError('BAD_INPUT', message, [{ path: 'contentBase64', message }]);
        }
        try {
          // A savepoint per row: a refused row leaves nothing behind for the next one.
          ctx.sqlite.transaction(row.write)();
        } catch (error) {
          row.problems.push(
            serviceProblem(kind, plan.mapping, row.rowNumber, error, ALIASES[kind]),
          );
          row.write = null;
        }
      }
      throw new PreviewRollback('preview');
    })();
  } catch (error) {
    if (!(error instanceof PreviewRollback)) throw error;
  }
}

/** The plan of a table checked against the rules (the dry run), without its writers. */
export function checkTable(
  ictx: ImportContext,
  input: FileInput,
  table: ReadTable,
  elapsed?: Elapsed,
): CheckedPlan {
  const plan = planTable(ictx, input, table);
  dryRun(ictx, input.kind, plan, elapsed);
  return {
    mapping: plan.mapping,
    suggested: plan.suggested,
    fileProblems: plan.fileProblems,
    rows: plan.rows.map((r) => ({
      rowNumber: r.rowNumber,
      action: r.action,
      values: r.values,
      problems: r.problems,
    })),
  };
}

/**
 * The dry run in the reader's worker, over a copy of the database in its memory: the main
 * thread keeps answering while thousands of rows go through the rules. Where the worker
 * cannot open the copy, the check runs here as before.
 */
export async function checkOffThread(
  ictx: ImportContext,
  input: FileInput,
  table: ReadTable,
): Promise<CheckedPlan> {
  const { ctx, limits } = ictx;
  const elapsed = ictx.startTimer();
  try {
    return await checkImportInWorker({
      image: ctx.sqlite.serialize(),
      nowMs: ctx.clock.nowMs(),
      today: ctx.clock.today(),
      actor: ctx.actor,
      nativeBinding: ctx.nativeBinding ?? null,
      input,
      table,
      limits,
      elapsedMs: elapsed(),
    });
  } catch (error) {
    if (error instanceof AppError) throw error;
    return checkTable(ictx, input, table, elapsed);
  }
}

export function importsOf(db: ImportContext['db'], hash: string): ImportRecord[] {
  return db
    .select()
    .from(imports)
    .where(eq(imports.fileHash, hash))
    .orderBy(desc(imports.importedAtMs), desc(imports.id))
    .all();
}

export function decode(contentBase64: string): Uint8Array {
  return new Uint8Array(Buffer.from(contentBase64, 'base64'));
}
