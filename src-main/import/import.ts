/**
 * Import of member centres, funders, grants and allocations from Excel/CSV.
 *
 * Preview reads the file, maps columns to fields (suggested from the headers, or as chosen),
 * turns every cell into a value (øre, ISO dates, choice keys), validates each row with the
 * contract's own zod schemas, looks up the names it refers to, flags rows that repeat
 * another row, and then runs every clean row through the real services inside a transaction
 * that is always rolled back — so a row that would break a rule (a centre already
 * registered, a pot exceeded, a non-member without a reason) shows the service's own
 * Norwegian message before anything is written. Each problem names the row and the column.
 * The file is read, and the preview's dry run made, in a worker thread with a heap and time
 * limit (import-worker.ts; the dry run over an in-memory copy of the database), so a hostile
 * or large file never stops the main thread from answering.
 *
 * Commit does the same reading and checks, refuses (CONFLICT) if anything is wrong or the
 * same file (SHA-256 of its bytes) was imported before without a reason, takes a verified
 * backup, and then writes every row through the same service functions in ONE transaction:
 * all rows or none. The records created are in the change log as usual; the import itself
 * is recorded in `imports` and in the change log (entity «import»).
 *
 * The work is done by named functions taking an ImportContext: rows.ts (mapping, cells,
 * problems), plan-registry.ts, plan-grants.ts and plan-allocations.ts (one per kind),
 * plan.ts (plan a file, dry run), commit.ts; this factory wires them together.
 */
import { desc } from 'drizzle-orm';
import { imports } from '../../db/schema';
import type { ImportPreview, ImportRecord, ParsedInput } from '../../src-shared/api/contract';
import { IMPORT_FIELDS } from '../../src-shared/import/rules';
import { createAllocationsService } from '../allocations/allocations';
import { createGrantsService } from '../grants/grants';
import type { ServiceContext } from '../platform/context';
import { createCentresService } from '../registry/centres';
import { createFundersService } from '../registry/funders';
import { commitImport } from './commit';
import { checkOffThread, checkTable, decode, importsOf, readFile, sha256 } from './plan';
import { DEFAULT_IMPORT_LIMITS, type Elapsed, type ImportLimits, type ReadTable } from './read';
import type { ImportContext } from './rows';
import type { CheckedPlan } from './worker-protocol';

export type { CheckedPlan };

export interface ImportServiceOptions {
  limits?: Partial<ImportLimits>;
  /** Starts the clock for one file's time budget (tests pass one that jumps). */
  startTimer?: () => Elapsed;
}

/** Reads and checks a file, and shows every row as it would be imported; writes nothing. */
async function previewImport(
  ictx: ImportContext,
  input: ParsedInput<'import.preview'>,
): Promise<ImportPreview> {
  const fields = IMPORT_FIELDS[input.kind];
  // Problems in the order of the fields; those about the whole row first.
  const fieldOrder = (f: string | null) => (f === null ? -1 : fields.findIndex((x) => x.key === f));
  const bytes = decode(input.contentBase64);
  const fileHash = sha256(bytes);
  const table = await readFile(ictx, input, bytes);
  const plan = { table, ...(await checkOffThread(ictx, input, table)) };
  const problemCount = plan.rows.filter((r) => r.problems.length > 0).length;
  const previousImports = importsOf(ictx.db, fileHash);
  return {
    kind: input.kind,
    fileName: input.fileName,
    fileHash,
    sizeBytes: bytes.length,
    format: plan.table.format,
    sheetName: plan.table.sheetName,
    separator: plan.table.separator,
    encoding: plan.table.encoding,
    columns: plan.table.columns,
    suggestedMapping: plan.suggested,
    mapping: plan.mapping,
    fileProblems: plan.fileProblems,
    rows: plan.rows.map((r) => ({
      rowNumber: r.rowNumber,
      action: r.action,
      values: r.values,
      problems: [...r.problems].sort((a, b) => fieldOrder(a.field) - fieldOrder(b.field)),
    })),
    okCount: plan.rows.length - problemCount,
    problemCount,
    canImport: plan.fileProblems.length === 0 && problemCount === 0 && plan.rows.length > 0,
    alreadyImported: previousImports.length > 0,
    previousImports,
  };
}

export function createImportService(ctx: ServiceContext, options: ImportServiceOptions = {}) {
  const ictx: ImportContext = {
    ctx,
    db: ctx.db,
    limits: { ...DEFAULT_IMPORT_LIMITS, ...options.limits },
    startTimer:
      options.startTimer ??
      (() => {
        const t0 = performance.now();
        return () => performance.now() - t0;
      }),
    centresService: createCentresService(ctx),
    fundersService: createFundersService(ctx),
    grantsService: createGrantsService(ctx),
    allocationsService: createAllocationsService(ctx),
  };
  return {
    /** Reads and checks a file, and shows every row as it would be imported; writes nothing. */
    preview: (input: ParsedInput<'import.preview'>) => previewImport(ictx, input),

    /**
     * Imports a previewed file: refused with nothing written when the file is not the one
     * previewed, was imported before and no reason is given, or has any problem; otherwise a
     * verified backup first, then every row in one transaction (all or nothing).
     */
    commit: (input: ParsedInput<'import.commit'>) => commitImport(ictx, input),

    /** For the reader's worker: a read table checked against the rules over its own copy. */
    checkTable: (
      input: ParsedInput<'import.preview'>,
      table: ReadTable,
      elapsed?: Elapsed,
    ): CheckedPlan => checkTable(ictx, input, table, elapsed),

    /** Files imported so far, newest first. */
    list(): ImportRecord[] {
      return ctx.db
        .select()
        .from(imports)
        .orderBy(desc(imports.importedAtMs), desc(imports.id))
        .all();
    },
  };
}

export type ImportService = ReturnType<typeof createImportService>;
