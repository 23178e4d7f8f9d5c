/**
 * Key figures (nøkkeltall) per project and year. Values are exact decimals (integer units and
 * a scale, see src-shared/keyfigures/rules.ts); a label is unique per project and year, so
 * the same label in several years is one row of the cross-year table. Every change is logged.
 */
import { and, asc, eq, ne } from 'drizzle-orm';
import { keyFigures, projects } from '../../db/schema';
import type {
  KeyFigure,
  KeyFigureRow,
  KeyFigureTable,
  ParsedInput,
} from '../../src-shared/api/contract';
import { conflict, notFound } from '../../src-shared/api/errors';
import { decimalToString, parseDecimal } from '../../src-shared/keyfigures/rules';
import { nameKey, recordChange, type ServiceContext } from '../platform/context';
import { insertRecorded } from '../platform/records';

type KeyFigureRecord = typeof keyFigures.$inferSelect;

function toKeyFigure(r: KeyFigureRecord): KeyFigure {
  return {
    id: r.id,
    projectId: r.projectId,
    year: r.year,
    label: r.label,
    value: decimalToString({ units: r.valueUnits, scale: r.valueScale }),
    unit: r.unit,
    source: r.source,
    note: r.note,
  };
}

/** The stored form of a canonical value (the contract has already checked it). */
function stored(value: string): { valueUnits: number; valueScale: number } {
  const parsed = parseDecimal(value);
  if (parsed === null) throw new Error(`not a canonical decimal: ${value}`);
  return { valueUnits: parsed.units, valueScale: parsed.scale };
}

/** Rows in the order labels were first entered (the oldest year's order), years ascending. */
export function keyFigureTable(projectId: number, figures: readonly KeyFigure[]): KeyFigureTable {
  const years = [...new Set(figures.map((f) => f.year))].sort((a, b) => a - b);
  const rows = new Map<string, { label: string; unit: string; byYear: Map<number, KeyFigure> }>();
  for (const f of figures) {
    const key = nameKey(f.label);
    let row = rows.get(key);
    if (!row) {
      row = { label: f.label, unit: f.unit, byYear: new Map() };
      rows.set(key, row);
    }
    row.byYear.set(f.year, f);
    // The newest year's wording and unit name the row.
    if (f.year === Math.max(...row.byYear.keys())) {
      row.label = f.label;
      row.unit = f.unit;
    }
  }
  return {
    projectId,
    years,
    rows: [...rows.values()].map((r): KeyFigureRow => ({
      label: r.label,
      unit: r.unit,
      cells: years.map((y) => r.byYear.get(y) ?? null),
    })),
  };
}

function assertProject(ctx: ServiceContext, projectId: number): void {
  const found = ctx.db.select({ id: projects.id }).from(projects).where(eq(projects.id, projectId));
  if (!found.get()) throw notFound('Fant ikke prosjektet.');
}

function record(ctx: ServiceContext, id: number): KeyFigureRecord {
  const found = ctx.db.select().from(keyFigures).where(eq(keyFigures.id, id)).get();
  if (!found) throw notFound('Fant ikke nøkkeltallet.');
  return found;
}

function assertLabelFree(
  ctx: ServiceContext,
  at: { projectId: number; year: number; label: string },
  exceptId?: number,
): void {
  const clash = ctx.db
    .select({ id: keyFigures.id })
    .from(keyFigures)
    .where(
      and(
        eq(keyFigures.projectId, at.projectId),
        eq(keyFigures.year, at.year),
        eq(keyFigures.labelKey, nameKey(at.label)),
        exceptId === undefined ? undefined : ne(keyFigures.id, exceptId),
      ),
    )
    .get();
  if (clash) {
    throw conflict(`Prosjektet har allerede nøkkeltallet «${at.label}» for ${at.year}.`, [
      { path: 'label', message: `Nøkkeltallet «${at.label}» finnes allerede for ${at.year}.` },
    ]);
  }
}

/** The columns an add or an update writes. */
function fields(input: ParsedInput<'keyFigures.add'> | ParsedInput<'keyFigures.update'>) {
  return {
    year: input.year,
    label: input.label,
    labelKey: nameKey(input.label),
    ...stored(input.value),
    unit: input.unit,
    source: input.source,
    note: input.note,
  };
}

export function listKeyFigures(ctx: ServiceContext, projectId: number): KeyFigureTable {
  assertProject(ctx, projectId);
  const figures = ctx.db
    .select()
    .from(keyFigures)
    .where(eq(keyFigures.projectId, projectId))
    .orderBy(asc(keyFigures.year), asc(keyFigures.id))
    .all()
    .map(toKeyFigure);
  return keyFigureTable(projectId, figures);
}

export function addKeyFigure(ctx: ServiceContext, input: ParsedInput<'keyFigures.add'>): KeyFigure {
  return ctx.db.transaction(() => {
    assertProject(ctx, input.projectId);
    assertLabelFree(ctx, input);
    const now = ctx.clock.nowMs();
    const saved = insertRecorded(
      ctx,
      keyFigures,
      { projectId: input.projectId, ...fields(input), createdAtMs: now, updatedAtMs: now },
      { entity: 'key_figure', view: toKeyFigure },
    );
    return toKeyFigure(saved);
  });
}

export function updateKeyFigure(
  ctx: ServiceContext,
  input: ParsedInput<'keyFigures.update'>,
): KeyFigure {
  return ctx.db.transaction(() => {
    const current = record(ctx, input.id);
    assertLabelFree(ctx, { ...input, projectId: current.projectId }, input.id);
    const saved = ctx.db
      .update(keyFigures)
      .set({ ...fields(input), updatedAtMs: ctx.clock.nowMs() })
      .where(eq(keyFigures.id, input.id))
      .returning()
      .get();
    const after = toKeyFigure(saved);
    const before = toKeyFigure(current);
    recordChange(ctx, {
      entity: 'key_figure',
      entityId: input.id,
      action: 'update',
      before,
      after,
    });
    return after;
  });
}

export function removeKeyFigure(ctx: ServiceContext, id: number): { removed: boolean } {
  return ctx.db.transaction(() => {
    const before = toKeyFigure(record(ctx, id));
    ctx.db.delete(keyFigures).where(eq(keyFigures.id, id)).run();
    recordChange(ctx, { entity: 'key_figure', entityId: id, action: 'delete', before });
    return { removed: true };
  });
}

export function createKeyFiguresService(ctx: ServiceContext) {
  return {
    list: (input: ParsedInput<'keyFigures.list'>) => listKeyFigures(ctx, input.projectId),
    add: (input: ParsedInput<'keyFigures.add'>) => addKeyFigure(ctx, input),
    update: (input: ParsedInput<'keyFigures.update'>) => updateKeyFigure(ctx, input),
    remove: (input: ParsedInput<'keyFigures.remove'>) => removeKeyFigure(ctx, input.id),
  };
}

export type KeyFiguresService = ReturnType<typeof createKeyFiguresService>;
