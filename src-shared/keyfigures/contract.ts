/**
 * Contract slice: key figures (nøkkeltall) per project and year — «Henvendelser totalt
 * 5 137 antall» — listed as a table with the years as columns, so the figures compare across
 * years. Values are exact decimals sent and returned as text (see ./rules.ts).
 * Assembled with the other slices in src-shared/api/contract.ts.
 */
import { z } from 'zod';
import { method } from '../api/shapes';
import { id, optionalText, requiredText, year } from '../api/fields';
import { decimalToString, parseDecimal } from './rules';

/** A value as typed: «5 137», «12,5»; becomes the canonical text («5137», «12.5»). */
export const keyFigureValue = (label = 'Verdi') =>
  z
    .string({
      error: (iss) =>
        iss.input === undefined || iss.input === null
          ? `${label} må fylles ut.`
          : `${label} må være et tall.`,
    })
    .max(40, `${label} kan ha høyst 40 tegn.`)
    .refine((v) => v.trim() !== '', `${label} må fylles ut.`)
    .transform((v, ctx) => {
      const parsed = parseDecimal(v);
      if (parsed === null) {
        ctx.addIssue({
          code: 'custom',
          message: `${label} må være et tall med høyst fire desimaler (for eksempel 5 137 eller 12,5).`,
        });
        return z.NEVER;
      }
      return decimalToString(parsed);
    });

const KeyFigureFields = {
  year: year(),
  label: requiredText('Nøkkeltall', 200),
  value: keyFigureValue(),
  unit: requiredText('Enhet', 40),
  source: optionalText('Kilde', 500),
  note: optionalText('Merknad', 2000),
};

export const KeyFigureCreateInput = z.object({
  projectId: id('Prosjekt'),
  ...KeyFigureFields,
});
export type KeyFigureCreateInput = z.input<typeof KeyFigureCreateInput>;

export const KeyFigureUpdateInput = z.object({ id: id('Nøkkeltall'), ...KeyFigureFields });
export type KeyFigureUpdateInput = z.input<typeof KeyFigureUpdateInput>;

export const KeyFigureSchema = z.object({
  id: z.number(),
  projectId: z.number(),
  year: z.number(),
  label: z.string(),
  /** Canonical decimal text: «5137», «12.5», «-3». */
  value: z.string(),
  unit: z.string(),
  source: z.string().nullable(),
  note: z.string().nullable(),
});
export type KeyFigure = z.infer<typeof KeyFigureSchema>;

/** One row of the cross-year table: one label, its figure per year (null where none). */
export const KeyFigureRowSchema = z.object({
  label: z.string(),
  unit: z.string(),
  /** Aligned with `years`. */
  cells: z.array(KeyFigureSchema.nullable()),
});
export type KeyFigureRow = z.infer<typeof KeyFigureRowSchema>;

export const KeyFigureTableSchema = z.object({
  projectId: z.number(),
  /** Ascending. */
  years: z.array(z.number()),
  rows: z.array(KeyFigureRowSchema),
});
export type KeyFigureTable = z.infer<typeof KeyFigureTableSchema>;

export const keyfiguresMethods = {
  'keyFigures.list': method(
    'A project’s key figures for all years: years as columns, labels as rows.',
    z.object({ projectId: id('Prosjekt') }),
    KeyFigureTableSchema,
  ),
  'keyFigures.add': method(
    'Adds a key figure to a project for one year (change-logged).',
    KeyFigureCreateInput,
    KeyFigureSchema,
  ),
  'keyFigures.update': method(
    'Changes a key figure (change-logged).',
    KeyFigureUpdateInput,
    KeyFigureSchema,
  ),
  'keyFigures.remove': method(
    'Removes a key figure (kept in the change log).',
    z.object({ id: id('Nøkkeltall') }),
    z.object({ removed: z.boolean() }),
  ),
} as const;
