import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
  type AnySQLiteColumn,
} from 'drizzle-orm/sqlite-core';
import { organisations } from './organisations';

/** The funder role of an organisation (tilskuddsyter). */
export const funders = sqliteTable(
  'funders',
  {
    organisationId: integer('organisation_id')
      .primaryKey()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    funderType: text('funder_type', {
      enum: [
        'departement',
        'direktorat',
        'stiftelse',
        'forskningsrad',
        'internasjonal',
        'kommune',
        'annen',
      ],
    }).notNull(),
  },
  (t) => [
    check(
      'funders_type_check',
      sql`${t.funderType} in ('departement','direktorat','stiftelse','forskningsrad','internasjonal','kommune','annen')`,
    ),
  ],
);

/** People at a funder KSS deals with (saksbehandler, rapportmottaker, utbetaling …). */
export const funderContacts = sqliteTable(
  'funder_contacts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    funderId: integer('funder_id')
      .notNull()
      .references(() => funders.organisationId, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    role: text('role'),
    email: text('email'),
    phone: text('phone'),
    createdAtMs: integer('created_at_ms').notNull(),
  },
  (t) => [index('funder_contacts_funder_id_idx').on(t.funderId)],
);

/** Projects (time-limited or recurring) and measures (standing services such as ROSA). */
export const projects = sqliteTable(
  'projects',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    nameKey: text('name_key').notNull(),
    kind: text('kind', { enum: ['prosjekt', 'tiltak'] }).notNull(),
    parentId: integer('parent_id').references((): AnySQLiteColumn => projects.id, {
      onDelete: 'restrict',
    }),
    kssRole: text('kss_role', {
      enum: ['eier', 'partner', 'forvalter', 'stottepartner'],
    }).notNull(),
    projectNumber: text('project_number'),
    startDate: text('start_date'),
    endDate: text('end_date'),
    status: text('status', { enum: ['aktiv', 'avsluttet'] }).notNull(),
    recurring: integer('recurring', { mode: 'boolean' }).notNull(),
    recurringSinceYear: integer('recurring_since_year'),
    description: text('description'),
    createdAtMs: integer('created_at_ms').notNull(),
    updatedAtMs: integer('updated_at_ms').notNull(),
  },
  (t) => [
    uniqueIndex('projects_name_key_idx').on(t.nameKey),
    index('projects_parent_id_idx').on(t.parentId),
    check('projects_kind_check', sql`${t.kind} in ('prosjekt','tiltak')`),
    check(
      'projects_kss_role_check',
      sql`${t.kssRole} in ('eier','partner','forvalter','stottepartner')`,
    ),
    check('projects_status_check', sql`${t.status} in ('aktiv','avsluttet')`),
    check(
      'projects_period_check',
      sql`${t.endDate} is null or ${t.startDate} is null or ${t.endDate} >= ${t.startDate}`,
    ),
  ],
);

/** Partners on a project; the organisation may also be a member centre or a funder. */
export const projectPartners = sqliteTable(
  'project_partners',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    role: text('role'),
  },
  (t) => [
    uniqueIndex('project_partners_project_id_organisation_id_idx').on(
      t.projectId,
      t.organisationId,
    ),
  ],
);

/**
 * A grant (tilskudd): one application/award from one funder to one project, possibly
 * spanning several years. Amounts are integer øre; støttepartner grants carry none.
 */
export const grants = sqliteTable(
  'grants',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'restrict' }),
    funderId: integer('funder_id')
      .notNull()
      .references(() => funders.organisationId, { onDelete: 'restrict' }),
    title: text('title').notNull(),
    schemeName: text('scheme_name'),
    reference: text('reference'),
    editionYear: integer('edition_year'),
    /** When the application must reach the funder (søknadsfrist); set by applications.*. */
    applicationDeadline: text('application_deadline'),
    status: text('status', {
      enum: ['utkast', 'sokt', 'innvilget', 'delvis_innvilget', 'avslatt', 'trukket', 'avsluttet'],
    }).notNull(),
    appliedOre: integer('applied_ore'),
    appliedDate: text('applied_date'),
    awardedOre: integer('awarded_ore'),
    decisionDate: text('decision_date'),
    /** For "partner med andel": the part of the award that comes to KSS. */
    kssShareOre: integer('kss_share_ore'),
    periodFrom: text('period_from'),
    periodTo: text('period_to'),
    activityFrom: text('activity_from'),
    activityTo: text('activity_to'),
    adminRule: text('admin_rule', { enum: ['none', 'percent', 'fixed'] }).notNull(),
    adminBasisPoints: integer('admin_basis_points'),
    adminFixedOre: integer('admin_fixed_ore'),
    notes: text('notes'),
    /** The currency of the award: 'NOK' (default) or 'EUR' (checked by the service). */
    currency: text('currency', { enum: ['NOK', 'EUR'] })
      .notNull()
      .default('NOK'),
    /** For a grant awarded in EUR: the award in whole euro cents. */
    awardedEurCents: integer('awarded_eur_cents'),
    createdAtMs: integer('created_at_ms').notNull(),
    updatedAtMs: integer('updated_at_ms').notNull(),
  },
  (t) => [
    index('grants_project_id_idx').on(t.projectId),
    index('grants_funder_id_idx').on(t.funderId),
    check(
      'grants_status_check',
      sql`${t.status} in ('utkast','sokt','innvilget','delvis_innvilget','avslatt','trukket','avsluttet')`,
    ),
    check('grants_admin_rule_check', sql`${t.adminRule} in ('none','percent','fixed')`),
    check(
      'grants_amounts_check',
      sql`coalesce(${t.appliedOre}, 0) >= 0 and coalesce(${t.awardedOre}, 0) >= 0 and coalesce(${t.kssShareOre}, 0) >= 0 and coalesce(${t.adminFixedOre}, 0) >= 0`,
    ),
    check(
      'grants_admin_bp_check',
      sql`${t.adminBasisPoints} is null or (${t.adminBasisPoints} >= 0 and ${t.adminBasisPoints} <= 10000)`,
    ),
    check(
      'grants_period_check',
      sql`${t.periodTo} is null or ${t.periodFrom} is null or ${t.periodTo} >= ${t.periodFrom}`,
    ),
    check(
      'grants_activity_check',
      sql`${t.activityTo} is null or ${t.activityFrom} is null or ${t.activityTo} >= ${t.activityFrom}`,
    ),
  ],
);

/** How a multi-year award is spread over fiscal years; the parts sum exactly to the award. */
export const grantYearSplits = sqliteTable(
  'grant_year_splits',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    grantId: integer('grant_id')
      .notNull()
      .references(() => grants.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    amountOre: integer('amount_ore').notNull(),
    /** false while the row is the app's suggestion; true once the user confirmed the split. */
    confirmed: integer('confirmed', { mode: 'boolean' }).notNull().default(true),
  },
  (t) => [
    uniqueIndex('grant_year_splits_grant_id_year_idx').on(t.grantId, t.year),
    check('grant_year_splits_amount_check', sql`${t.amountOre} >= 0`),
  ],
);

/** What KSS owes the funder and when (reports, final report). */
export const grantDeadlines = sqliteTable(
  'grant_deadlines',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    grantId: integer('grant_id')
      .notNull()
      .references(() => grants.id, { onDelete: 'cascade' }),
    dueDate: text('due_date').notNull(),
    description: text('description').notNull(),
    doneDate: text('done_date'),
  },
  (t) => [index('grant_deadlines_grant_id_idx').on(t.grantId)],
);

/**
 * The movement ledger. Amounts are positive øre for ordinary movements; a correction is a
 * new movement of the same type with the opposite amount that points at the original
 * (`reverses_id`). Rows are never edited or deleted (triggers in the migration refuse it).
 */
export const movements = sqliteTable(
  'movements',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    grantId: integer('grant_id')
      .notNull()
      .references(() => grants.id, { onDelete: 'restrict' }),
    date: text('date').notNull(),
    type: text('type', {
      enum: [
        'received',
        'admin_share',
        'own_costs',
        'repaid',
        'transfer_in',
        'transfer_out',
        'paid_to_centre',
        'returned_by_centre',
      ],
    }).notNull(),
    amountOre: integer('amount_ore').notNull(),
    voucherRef: text('voucher_ref'),
    note: text('note'),
    /** For transfers: the movement on the other grant. */
    counterpartId: integer('counterpart_id').references((): AnySQLiteColumn => movements.id),
    approvalRef: text('approval_ref'),
    approvalDate: text('approval_date'),
    reversesId: integer('reverses_id').references((): AnySQLiteColumn => movements.id),
    /** Set by the sub-allocation feature for payouts to / returns from a centre. */
    centreId: integer('centre_id').references(() => organisations.id),
    /** The centre's allocation a payout or return belongs to (allocations.id). */
    allocationId: integer('allocation_id'),
    /** For a grant awarded in EUR: the euro cents of this movement (the NOK booked is amount_ore). */
    amountEurCents: integer('amount_eur_cents'),
    /**
     * For the corrected entry that replaces a reversed movement (a correction): the original
     * it corrects. The reversal itself points at it through `reverses_id`.
     */
    correctsId: integer('corrects_id').references((): AnySQLiteColumn => movements.id),
    /**
     * Why the movement was recorded as it is: the reason for correcting a closed year's
     * movement in a later year, or for going on despite plausibility warnings.
     */
    reason: text('reason'),
    createdAtMs: integer('created_at_ms').notNull(),
    actor: text('actor').notNull(),
  },
  (t) => [
    index('movements_grant_id_date_idx').on(t.grantId, t.date),
    index('movements_date_idx').on(t.date),
    // Covering: the overview's sums per type and year read the index alone.
    index('movements_type_date_amount_ore_idx').on(t.type, t.date, t.amountOre),
    uniqueIndex('movements_reverses_id_idx').on(t.reversesId),
    index('movements_counterpart_id_idx').on(t.counterpartId),
    index('movements_allocation_id_idx').on(t.allocationId),
    // Covering: a grant's sums per type (and year), a centre award's cash, read from the index.
    index('movements_grant_id_type_date_amount_ore_idx').on(t.grantId, t.type, t.date, t.amountOre),
    index('movements_allocation_id_type_date_amount_ore_idx').on(
      t.allocationId,
      t.type,
      t.date,
      t.amountOre,
    ),
    // The year-end page's «corrections of earlier years»: the year's reversals and corrected
    // entries by date, without reading the year's other movements.
    index('movements_corrections_date_idx')
      .on(t.date)
      .where(sql`${t.reversesId} is not null or ${t.correctsId} is not null`),
    check(
      'movements_type_check',
      sql`${t.type} in ('received','admin_share','own_costs','repaid','transfer_in','transfer_out','paid_to_centre','returned_by_centre')`,
    ),
    check(
      'movements_sign_check',
      sql`(${t.reversesId} is null and ${t.amountOre} > 0) or (${t.reversesId} is not null and ${t.amountOre} < 0)`,
    ),
  ],
);

/**
 * The ledger summed per grant, fiscal year, type and centre award (issue 14): derived from
 * `movements`, kept exact by an AFTER INSERT trigger on movements in the same transaction
 * (migration `ledger_sums`), and refused to anything else (direct INSERT, UPDATE, DELETE).
 * The lists, the grant's write checks and the year's read model sum this instead of the
 * 200 000-row ledger. `allocationId` 0 means no centre award; `lastMovementId` is the newest
 * movement counted, which is how the guard triggers know an update is the trigger's own.
 */
export const ledgerSums = sqliteTable(
  'ledger_sums',
  {
    grantId: integer('grant_id')
      .notNull()
      .references(() => grants.id, { onDelete: 'restrict' }),
    year: integer('year').notNull(),
    type: text('type', { enum: movements.type.enumValues }).notNull(),
    allocationId: integer('allocation_id').notNull().default(0),
    amountOre: integer('amount_ore').notNull(),
    eurCents: integer('eur_cents').notNull(),
    count: integer('count').notNull(),
    lastMovementId: integer('last_movement_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.grantId, t.type, t.year, t.allocationId] }),
    // Covering: a grant's sums up to a year (the year-end read model), read from the index.
    index('ledger_sums_grant_id_year_covering_idx').on(
      t.grantId,
      t.year,
      t.type,
      t.allocationId,
      t.amountOre,
      t.eurCents,
    ),
    // Covering: each centre award's cash per type and year, read from the index alone.
    index('ledger_sums_allocation_id_type_year_amount_ore_idx').on(
      t.allocationId,
      t.type,
      t.year,
      t.amountOre,
    ),
  ],
);

/**
 * Changes to an award after the decision, like the funder's letters: a correction of the
 * original award (amount and/or decision date, with a reason) or a later top-up/reduction with
 * its own decision date and reference. The original award is derived: the first row's
 * previous total and decision date (or the grant itself when there are no changes).
 * Append-only; rows dated in a closed year are refused by triggers.
 */
export const grantAwardChanges = sqliteTable(
  'grant_award_changes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    grantId: integer('grant_id')
      .notNull()
      .references(() => grants.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['correction', 'top_up'] }).notNull(),
    /** Top-up: its decision date. Correction: the original award's (corrected) decision date. */
    decisionDate: text('decision_date').notNull(),
    /** Correction: the decision date before it. */
    previousDecisionDate: text('previous_decision_date'),
    previousTotalOre: integer('previous_total_ore').notNull(),
    totalOre: integer('total_ore').notNull(),
    reference: text('reference'),
    reason: text('reason'),
    createdAtMs: integer('created_at_ms').notNull(),
    actor: text('actor').notNull(),
  },
  (t) => [
    index('grant_award_changes_grant_id_idx').on(t.grantId),
    check('grant_award_changes_kind_check', sql`${t.kind} in ('correction','top_up')`),
    check(
      'grant_award_changes_amounts_check',
      sql`${t.previousTotalOre} >= 0 and ${t.totalOre} >= 0`,
    ),
  ],
);
