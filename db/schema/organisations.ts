import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * Every organisation KSS deals with — member centres, funders, partners — is one row
 * here, so a member centre that is also a project partner is not duplicated.
 */
export const organisations = sqliteTable(
  'organisations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    /** Lower-cased name (Norwegian locale) for case-insensitive uniqueness, incl. æ/ø/å. */
    nameKey: text('name_key').notNull(),
    orgNumber: text('org_number'),
    website: text('website'),
    notes: text('notes'),
    createdAtMs: integer('created_at_ms').notNull(),
    updatedAtMs: integer('updated_at_ms').notNull(),
  },
  (t) => [
    uniqueIndex('organisations_name_key_idx').on(t.nameKey),
    check('organisations_name_not_blank', sql`length(trim(${t.name})) > 0`),
  ],
);

/** The member-centre role of an organisation. */
export const memberCentres = sqliteTable(
  'member_centres',
  {
    organisationId: integer('organisation_id')
      .primaryKey()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    driftsform: text('driftsform', {
      enum: ['kommunalt', 'iks', 'stiftelse', 'ideell'],
    }).notNull(),
    region: text('region', { enum: ['sor-ost', 'nord', 'midt-vest'] }).notNull(),
    dailyLeader: text('daily_leader'),
    contactEmail: text('contact_email'),
  },
  (t) => [
    check(
      'member_centres_driftsform_check',
      sql`${t.driftsform} in ('kommunalt','iks','stiftelse','ideell')`,
    ),
    check('member_centres_region_check', sql`${t.region} in ('sor-ost','nord','midt-vest')`),
  ],
);

/** Membership periods; left_date is the last day as a member (null = still a member). */
export const memberships = sqliteTable(
  'memberships',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    centreId: integer('centre_id')
      .notNull()
      .references(() => memberCentres.organisationId, { onDelete: 'restrict' }),
    joinedDate: text('joined_date').notNull(),
    leftDate: text('left_date'),
    note: text('note'),
    createdAtMs: integer('created_at_ms').notNull(),
  },
  (t) => [
    // The centre's periods in date order: the latest period without sorting (centres.list).
    index('memberships_centre_joined_idx').on(t.centreId, t.joinedDate),
    check(
      'memberships_dates_check',
      sql`${t.leftDate} is null or ${t.leftDate} >= ${t.joinedDate}`,
    ),
  ],
);
