import { sql } from 'drizzle-orm';
import { check, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The organisation's own settings (first run, «Innstillinger»): one row, id 1. The default
 * admin share is what a new grant gets when its admin rule is not given. Every change goes to
 * the change log (entity 'settings').
 */
export const organisationSettings = sqliteTable(
  'organisation_settings',
  {
    id: integer('id').primaryKey(),
    name: text('name'),
    orgNumber: text('org_number'),
    /** Default admin share in basis points (1000 = 10 %); null = no default. */
    defaultAdminBasisPoints: integer('default_admin_basis_points'),
    /** When the welcome screen was dismissed (null = not dismissed). */
    welcomeDismissedAtMs: integer('welcome_dismissed_at_ms'),
    updatedAtMs: integer('updated_at_ms').notNull(),
  },
  (t) => [
    check('organisation_settings_single_row', sql`${t.id} = 1`),
    check(
      'organisation_settings_admin_bp_check',
      sql`${t.defaultAdminBasisPoints} is null or (${t.defaultAdminBasisPoints} >= 0 and ${t.defaultAdminBasisPoints} <= 10000)`,
    ),
  ],
);
