import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { projects } from './grants';

/**
 * Key figures (nøkkeltall) per project and year: «Henvendelser totalt 5 137 antall». The value
 * is an exact decimal stored as an integer and a scale (value = units / 10^scale, scale 0–4),
 * never a float: 5 137 is (5137, 0), 12,5 % is (125, 1), 1 234,50 kr is (123450, 2). The label
 * is the row across years, so it is unique per project and year (case-insensitive via
 * label_key).
 */
export const keyFigures = sqliteTable(
  'key_figures',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'restrict' }),
    year: integer('year').notNull(),
    label: text('label').notNull(),
    labelKey: text('label_key').notNull(),
    valueUnits: integer('value_units').notNull(),
    valueScale: integer('value_scale').notNull(),
    unit: text('unit').notNull(),
    source: text('source'),
    note: text('note'),
    createdAtMs: integer('created_at_ms').notNull(),
    updatedAtMs: integer('updated_at_ms').notNull(),
  },
  (t) => [
    uniqueIndex('key_figures_project_year_label_idx').on(t.projectId, t.year, t.labelKey),
    index('key_figures_project_id_idx').on(t.projectId),
    check('key_figures_label_not_blank', sql`length(trim(${t.label})) > 0`),
    check('key_figures_year_check', sql`${t.year} between 1900 and 2199`),
    check('key_figures_scale_check', sql`${t.valueScale} between 0 and 4`),
    check('key_figures_units_integer', sql`typeof(${t.valueUnits}) = 'integer'`),
  ],
);
