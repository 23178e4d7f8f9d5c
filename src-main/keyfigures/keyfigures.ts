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

export function createKeyFiguresService(ctx: ServiceContext) {
  const { db } = ctx;

  function assertProject(projectId: number): void {
    const found = db.select({ id: projects.id }).from(projects).where(eq(projects.id, projectId));
    if (!found.get()) throw notFound('Fant ikke prosjektet.');
  }

  function record(id: number): KeyFigureRecord {
    const found = db.select().from(keyFigures).where(eq(keyFigures.id, id)).get();
    if (!found) throw notFound('Fant ikke nøkkeltallet.');
    return found;
  }

  function assertLabelFree(projectId: number, year: number, label: string, exceptId?: number) {
    const clash = db
      .select({ id: keyFigures.id })
      .from(keyFigures)
      .where(
        and(
          eq(keyFigures.projectId, projectId),
          eq(keyFigures.year, year),
          eq(keyFigures.labelKey, nameKey(label)),
          exceptId === undefined ? undefined : ne(keyFigures.id, exceptId),
        ),
      )
      .get();
    if (clash) {
      throw conflict(`Prosjektet har allerede nøkkeltallet «${label}» for ${year}.`, [
        { path: 'label', message: `Nøkkeltallet «${label}» finnes allerede for ${year}.` },
      ]);
    }
  }

  return {
    list(input: ParsedInput<'keyFigures.list'>): KeyFigureTable {
      assertProject(input.projectId);
      const figures = db
        .select()
        .from(keyFigures)
        .where(eq(keyFigures.projectId, input.projectId))
        .orderBy(asc(keyFigures.year), asc(keyFigures.id))
        .all()
        .map(toKeyFigure);
      return keyFigureTable(input.projectId, figures);
    },

    add(input: ParsedInput<'keyFigures.add'>): KeyFigure {
      return db.transaction(() => {
        assertProject(input.projectId);
        assertLabelFree(input.projectId, input.year, input.label);
        const now = ctx.clock.nowMs();
        const saved = db
          .insert(keyFigures)
          .values({
            projectId: input.projectId,
            year: input.year,
            label: input.label,
            labelKey: nameKey(input.label),
            ...stored(input.value),
            unit: input.unit,
            source: input.source,
            note: input.note,
            createdAtMs: now,
            updatedAtMs: now,
          })
          .returning()
          .get();
        const after = toKeyFigure(saved);
        recordChange(ctx, { entity: 'key_figure', entityId: saved.id, action: 'create', after });
        return after;
      });
    },

    update(input: ParsedInput<'keyFigures.update'>): KeyFigure {
      return db.transaction(() => {
        const current = record(input.id);
        assertLabelFree(current.projectId, input.year, input.label, input.id);
        const saved = db
          .update(keyFigures)
          .set({
            year: input.year,
            label: input.label,
            labelKey: nameKey(input.label),
            ...stored(input.value),
            unit: input.unit,
            source: input.source,
            note: input.note,
            updatedAtMs: ctx.clock.nowMs(),
          })
          .where(eq(keyFigures.id, input.id))
          .returning()
          .get();
        const after = toKeyFigure(saved);
        recordChange(ctx, {
          entity: 'key_figure',
          entityId: input.id,
          action: 'update',
          before: toKeyFigure(current),
          after,
        });
        return after;
      });
    },

    remove(input: ParsedInput<'keyFigures.remove'>): { removed: boolean } {
      return db.transaction(() => {
        const before = toKeyFigure(record(input.id));
        db.delete(keyFigures).where(eq(keyFigures.id, input.id)).run();
        recordChange(ctx, { entity: 'key_figure', entityId: input.id, action: 'delete', before });
        return { removed: true };
      });
    },
  };
}

export type KeyFiguresService = ReturnType<typeof createKeyFiguresService>;
