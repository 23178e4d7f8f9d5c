import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { grants } from './grants';
import { memberCentres } from './organisations';

/**
 * An allocation round (tildelingsrunde) passes a grant's money on to member centres:
 * Sommeraksjonen, Juleaksjonen, KjøkkenKultur. The pot is the grant's available amount.
 */
export const allocationRounds = sqliteTable(
  'allocation_rounds',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    grantId: integer('grant_id')
      .notNull()
      .references(() => grants.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    applicationDeadline: text('application_deadline'),
    activityFrom: text('activity_from'),
    activityTo: text('activity_to'),
    reportDeadline: text('report_deadline'),
    notes: text('notes'),
    createdAtMs: integer('created_at_ms').notNull(),
    updatedAtMs: integer('updated_at_ms').notNull(),
  },
  (t) => [
    index('allocation_rounds_grant_id_idx').on(t.grantId),
    check(
      'allocation_rounds_activity_check',
      sql`${t.activityTo} is null or ${t.activityFrom} is null or ${t.activityTo} >= ${t.activityFrom}`,
    ),
  ],
);

/**
 * One centre in a round: its application, KSS's decision, and the centre's report back.
 * Payouts and returns are movements on the grant's ledger that point here.
 */
export const allocations = sqliteTable(
  'allocations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    roundId: integer('round_id')
      .notNull()
      .references(() => allocationRounds.id, { onDelete: 'restrict' }),
    centreId: integer('centre_id')
      .notNull()
      .references(() => memberCentres.organisationId, { onDelete: 'restrict' }),
    appliedOre: integer('applied_ore').notNull(),
    purpose: text('purpose'),
    expectedParticipants: integer('expected_participants'),
    receivedDate: text('received_date'),
    awardedOre: integer('awarded_ore'),
    decisionDate: text('decision_date'),
    /** Why a centre that was not a member on the decision date may still be awarded. */
    overrideReason: text('override_reason'),
    reportDueDate: text('report_due_date'),
    reportReceivedDate: text('report_received_date'),
    spentOre: integer('spent_ore'),
    participantsReached: integer('participants_reached'),
    reportText: text('report_text'),
    reportStatus: text('report_status', {
      enum: ['venter', 'mottatt', 'godkjent', 'purret'],
    }).notNull(),
    remindedDate: text('reminded_date'),
    /** Unused money the centre may keep, with KSS's approval. */
    keptUnusedOre: integer('kept_unused_ore'),
    keptApprovalRef: text('kept_approval_ref'),
    createdAtMs: integer('created_at_ms').notNull(),
    updatedAtMs: integer('updated_at_ms').notNull(),
  },
  (t) => [
    uniqueIndex('allocations_round_id_centre_id_idx').on(t.roundId, t.centreId),
    index('allocations_centre_id_idx').on(t.centreId),
    index('allocations_report_due_date_idx').on(t.reportDueDate),
    // Reports still owed (issue 14): centreReports.overdue and the overview's count seek the
    // due dates passed among these few instead of every award whose due date has passed.
    index('allocations_open_report_due_date_idx')
      .on(t.reportDueDate)
      .where(sql`${t.reportReceivedDate} is null and ${t.reportStatus} in ('venter', 'purret')`),
    check(
      'allocations_amounts_check',
      sql`${t.appliedOre} >= 0 and coalesce(${t.awardedOre}, 0) >= 0 and coalesce(${t.spentOre}, 0) >= 0 and coalesce(${t.keptUnusedOre}, 0) >= 0`,
    ),
    check(
      'allocations_report_status_check',
      sql`${t.reportStatus} in ('venter','mottatt','godkjent','purret')`,
    ),
    check(
      'allocations_counts_check',
      sql`coalesce(${t.expectedParticipants}, 0) >= 0 and coalesce(${t.participantsReached}, 0) >= 0`,
    ),
  ],
);

/**
 * Each round's totals (issue 14): its allocations counted and their applied and awarded sums,
 * and the payouts and returns on the ledger that point at them (reversals included). Derived:
 * kept exact by triggers on allocation_rounds, allocations and movements in the same
 * transaction (migration `round_sums`), so `rounds.list` sorts and sums every round from 800
 * rows instead of 16 000 allocations and their movements. A property test checks it against
 * the source rows.
 */
export const roundSums = sqliteTable('round_sums', {
  roundId: integer('round_id').primaryKey(),
  centreCount: integer('centre_count').notNull(),
  appliedOre: integer('applied_ore').notNull(),
  awardedOre: integer('awarded_ore').notNull(),
  paidOre: integer('paid_ore').notNull(),
  returnedOre: integer('returned_ore').notNull(),
});
