/**
 * The import's shared pieces: the context every planner takes, the plan of a file, and the
 * row helpers (mapping, reading cells, problems that name the row and the column, repeats).
 */
import type { z } from 'zod';
import type { ImportProblem } from '../../src-shared/api/contract';
import { AppError, type FieldIssue } from '../../src-shared/api/errors';
import { toFieldIssues } from '../../src-shared/api/issues';
import {
  IMPORT_FIELDS,
  cellText,
  normaliseCell,
  type CellValue,
  type ImportKind,
  type ImportMapping,
} from '../../src-shared/import/rules';
import type { createAllocationsService } from '../allocations/allocations';
import type { createGrantsService } from '../grants/grants';
import type { ServiceContext } from '../platform/context';
import type { createCentresService } from '../registry/centres';
import type { createFundersService } from '../registry/funders';
import type { Elapsed, ImportLimits, ReadTable } from './read';
import type { PlannedRow } from './worker-protocol';

/** What the import's named functions share: the service context, limits and the services rows are written through. */
export interface ImportContext {
  ctx: ServiceContext;
  db: ServiceContext['db'];
  limits: ImportLimits;
  /** Starts the clock for one file's time budget. */
  startTimer: () => Elapsed;
  centresService: ReturnType<typeof createCentresService>;
  fundersService: ReturnType<typeof createFundersService>;
  grantsService: ReturnType<typeof createGrantsService>;
  allocationsService: ReturnType<typeof createAllocationsService>;
}

/** One row as planned: its values, its problems so far, and how to write it. */
export interface Plan {
  table: ReadTable;
  mapping: ImportMapping;
  suggested: ImportMapping;
  fileProblems: string[];
  rows: PlannedRow[];
}

// ---------------------------------------------------------------- mapping

export function effectiveMapping(
  kind: ImportKind,
  columns: readonly string[],
  suggested: ImportMapping,
  chosen: Record<string, string | null> | null,
): ImportMapping {
  if (chosen === null) return { ...suggested };
  const fields = IMPORT_FIELDS[kind];
  const issues: FieldIssue[] = [];
  for (const [key, column] of Object.entries(chosen)) {
    const field = fields.find((f) => f.key === key);
    if (!field) {
      issues.push({ path: `mapping.${key}`, message: `Kolonnevalg: ukjent felt «${key}».` });
    } else if (column !== null && !columns.includes(column)) {
      issues.push({
        path: `mapping.${key}`,
        message: `${field.label}: kolonnen «${column}» finnes ikke i filen. Velg en av filens kolonner.`,
      });
    }
  }
  if (issues.length > 0) {
    throw new AppError('BAD_INPUT', issues[0]?.message ?? 'Kolonnevalget er ugyldig.', issues);
  }
  const mapping: ImportMapping = {};
  for (const f of fields)
    mapping[f.key] = Object.hasOwn(chosen, f.key)
      ? (chosen[f.key] ?? null)
      : (suggested[f.key] ?? null);
  return mapping;
}

// ---------------------------------------------------------------- rows

export function problemAt(
  mapping: ImportMapping,
  rowNumber: number,
  field: string | null,
  message: string,
): ImportProblem {
  const column = field ? (mapping[field] ?? null) : null;
  return {
    field,
    column,
    message: column
      ? `Rad ${rowNumber}, kolonne «${column}»: ${message}`
      : `Rad ${rowNumber}: ${message}`,
  };
}

/** The field a zod or service issue path points at («rows.0.centreId» → «centre»). */
export function fieldOfPath(
  kind: ImportKind,
  path: string,
  aliases: Record<string, string>,
): string | null {
  const segments = path.split('.').filter((s) => s !== '' && !/^\d+$/.test(s));
  for (let i = segments.length - 1; i >= 0; i--) {
    const seg = segments[i] as string;
    const key = Object.hasOwn(aliases, seg) ? (aliases[seg] as string) : seg;
    if (IMPORT_FIELDS[kind].some((f) => f.key === key)) return key;
  }
  return null;
}

/** Cells → values; a cell that cannot be read keeps its text and gets a problem. */
export function readRow(
  kind: ImportKind,
  plan: Omit<Plan, 'rows'>,
  cells: readonly unknown[],
  rowNumber: number,
) {
  const values: Record<string, CellValue> = {};
  const problems: ImportProblem[] = [];
  for (const field of IMPORT_FIELDS[kind]) {
    const column = plan.mapping[field.key] ?? null;
    if (column === null) {
      values[field.key] = null;
      if (field.required) {
        problems.push(
          problemAt(plan.mapping, rowNumber, field.key, `${field.label} må fylles ut.`),
        );
      }
      continue;
    }
    const cell = (cells[plan.table.columns.indexOf(column)] ?? null) as Parameters<
      typeof cellText
    >[0];
    const result = normaliseCell(field, cell, plan.table.date1904);
    if (result.ok) {
      values[field.key] = result.value;
      if (field.required && result.value === null) {
        problems.push(
          problemAt(plan.mapping, rowNumber, field.key, `${field.label} må fylles ut.`),
        );
      }
    } else {
      values[field.key] = cellText(cell);
      problems.push(problemAt(plan.mapping, rowNumber, field.key, result.message));
    }
  }
  return { values, problems };
}

/** Zod issues as problems, except on fields that already have one (a cell or a lookup). */
export function zodProblems(
  kind: ImportKind,
  mapping: ImportMapping,
  row: { rowNumber: number; problems: ImportProblem[] },
  error: z.ZodError,
  aliases: Record<string, string> = {},
): void {
  const taken = new Set(row.problems.map((p) => p.field));
  for (const issue of toFieldIssues(error)) {
    const field = fieldOfPath(kind, issue.path, aliases);
    if (taken.has(field)) continue;
    taken.add(field);
    row.problems.push(problemAt(mapping, row.rowNumber, field, issue.message));
  }
}

/** A rule a service refused, as the row's problem (the service's whole message). */
export function serviceProblem(
  kind: ImportKind,
  mapping: ImportMapping,
  rowNumber: number,
  error: unknown,
  aliases: Record<string, string>,
): ImportProblem {
  if (error instanceof AppError) {
    const field =
      (error.issues ?? []).map((i) => fieldOfPath(kind, i.path, aliases)).find((f) => f !== null) ??
      null;
    return problemAt(mapping, rowNumber, field, error.message);
  }
  const detail = error instanceof Error ? error.message : String(error);
  return problemAt(mapping, rowNumber, null, `Raden kunne ikke lagres (${detail}).`);
}

/** «står også i rad 4»: the later of two rows that mean the same record. */
export function flagRepeats(
  rows: PlannedRow[],
  keyOf: (row: PlannedRow) => string | null,
  field: string,
  mapping: ImportMapping,
  describe: (row: PlannedRow) => string,
): void {
  const first = new Map<string, number>();
  for (const row of rows) {
    const key = keyOf(row);
    if (key === null) continue;
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, row.rowNumber);
    else
      row.problems.push(
        problemAt(mapping, row.rowNumber, field, `${describe(row)} står også i rad ${earlier}.`),
      );
  }
}

// ---------------------------------------------------------------- the kinds

export const ALIASES: Record<ImportKind, Record<string, string>> = {
  centres: {},
  funders: {},
  grants: {
    projectId: 'project',
    funderId: 'funder',
    adminBasisPoints: 'adminPercent',
    adminRule: 'adminPercent',
  },
  allocations: { roundId: 'round', centreId: 'centre', awards: 'awardedOre', rows: 'centre' },
};

export const text = (v: CellValue | undefined): string | null =>
  typeof v === 'string' && v !== '' ? v : null;
