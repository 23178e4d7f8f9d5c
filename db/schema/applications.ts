import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { funders, grants } from './grants';
import { memberCentres } from './organisations';

/**
 * Priced alternatives of one application (e.g. «Kun medlemssentre» / «Alle krisesentre»).
 * The amount may be empty (a next year's edition copies names, never amounts). At most one
 * scenario per grant is `chosen`: the one applied for, and after the decision the one awarded.
 */
export const applicationScenarios = sqliteTable(
  'application_scenarios',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    grantId: integer('grant_id')
      .notNull()
      .references(() => grants.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    nameKey: text('name_key').notNull(),
    amountOre: integer('amount_ore'),
    description: text('description'),
    chosen: integer('chosen', { mode: 'boolean' }).notNull().default(false),
    createdAtMs: integer('created_at_ms').notNull(),
    updatedAtMs: integer('updated_at_ms').notNull(),
  },
  (t) => [
    uniqueIndex('application_scenarios_grant_id_name_key_idx').on(t.grantId, t.nameKey),
    uniqueIndex('application_scenarios_chosen_idx')
      .on(t.grantId)
      .where(sql`${t.chosen} = 1`),
    check('application_scenarios_amount_check', sql`${t.amountOre} is null or ${t.amountOre} >= 0`),
    check('application_scenarios_name_check', sql`length(trim(${t.name})) > 0`),
  ],
);

/**
 * A funder's upper limit (øvre beløpsgrense): either for one year (any scheme) or for one
 * named scheme (every year), never both. Exceeding it warns; it never refuses.
 */
export const funderCaps = sqliteTable(
  'funder_caps',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    funderId: integer('funder_id')
      .notNull()
      .references(() => funders.organisationId, { onDelete: 'cascade' }),
    year: integer('year'),
    schemeName: text('scheme_name'),
    schemeKey: text('scheme_key'),
    amountOre: integer('amount_ore').notNull(),
    note: text('note'),
    createdAtMs: integer('created_at_ms').notNull(),
    updatedAtMs: integer('updated_at_ms').notNull(),
  },
  (t) => [
    uniqueIndex('funder_caps_funder_year_idx')
      .on(t.funderId, t.year)
      .where(sql`${t.schemeKey} is null`),
    uniqueIndex('funder_caps_funder_scheme_idx')
      .on(t.funderId, t.schemeKey)
      .where(sql`${t.year} is null`),
    check(
      'funder_caps_key_check',
      sql`(${t.year} is null) <> (${t.schemeKey} is null) and (${t.schemeKey} is null) = (${t.schemeName} is null)`,
    ),
    check('funder_caps_amount_check', sql`${t.amountOre} >= 0`),
  ],
);

/**
 * The centres meant to take part in an application's round(s): copied from last year's
 * rounds by «Lag neste års søknad», so next year's round can be pre-filled.
 */
export const applicationParticipants = sqliteTable(
  'application_participants',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    grantId: integer('grant_id')
      .notNull()
      .references(() => grants.id, { onDelete: 'cascade' }),
    centreId: integer('centre_id')
      .notNull()
      .references(() => memberCentres.organisationId, { onDelete: 'restrict' }),
    createdAtMs: integer('created_at_ms').notNull(),
  },
  (t) => [
    uniqueIndex('application_participants_grant_id_centre_id_idx').on(t.grantId, t.centreId),
    index('application_participants_centre_id_idx').on(t.centreId),
  ],
);
