import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { grants } from './grants';

/**
 * Fiscal years (regnskapsår) that have been closed at least once. A year without a row is
 * open. While a year is closed, the database itself refuses changes to money data dated in
 * or before it (triggers in migration 0006, see there for the exact rule); the status only
 * changes together with a close/reopen event (another trigger checks that).
 */
export const fiscalYears = sqliteTable(
  'fiscal_years',
  {
    year: integer('year').primaryKey(),
    status: text('status', { enum: ['open', 'closed'] }).notNull(),
    closedAtMs: integer('closed_at_ms'),
    closedBy: text('closed_by'),
    closeReason: text('close_reason'),
    updatedAtMs: integer('updated_at_ms').notNull(),
  },
  (t) => [
    check('fiscal_years_status_check', sql`${t.status} in ('open','closed')`),
    check(
      'fiscal_years_closed_check',
      sql`${t.status} = 'open' or (${t.closedAtMs} is not null and ${t.closedBy} is not null)`,
    ),
  ],
);

/**
 * Every close and reopen of a fiscal year, with time, who and why (a reopen needs a reason).
 * Append-only: triggers refuse UPDATE and DELETE.
 */
export const fiscalYearEvents = sqliteTable(
  'fiscal_year_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    year: integer('year').notNull(),
    action: text('action', { enum: ['close', 'reopen'] }).notNull(),
    atMs: integer('at_ms').notNull(),
    actor: text('actor').notNull(),
    reason: text('reason'),
  },
  (t) => [
    index('fiscal_year_events_year_idx').on(t.year, t.id),
    check('fiscal_year_events_action_check', sql`${t.action} in ('close','reopen')`),
    check(
      'fiscal_year_events_reason_check',
      sql`${t.action} <> 'reopen' or length(trim(coalesce(${t.reason}, ''))) > 0`,
    ),
  ],
);

/**
 * What happens to a grant's closing balance at the end of a fiscal year: carried forward
 * with the funder's approval, to be repaid to the funder (the amount owed), or explained.
 * `amount_ore` is the closing balance the decision was made on; when the balance changes
 * later, the year-end checklist asks for the decision again.
 */
export const balanceDecisions = sqliteTable(
  'balance_decisions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    grantId: integer('grant_id')
      .notNull()
      .references(() => grants.id, { onDelete: 'restrict' }),
    year: integer('year').notNull(),
    decision: text('decision', { enum: ['carried_forward', 'to_repay', 'explained'] }).notNull(),
    amountOre: integer('amount_ore').notNull(),
    approvalRef: text('approval_ref'),
    approvalDate: text('approval_date'),
    note: text('note'),
    actor: text('actor').notNull(),
    createdAtMs: integer('created_at_ms').notNull(),
    updatedAtMs: integer('updated_at_ms').notNull(),
  },
  (t) => [
    uniqueIndex('balance_decisions_grant_id_year_idx').on(t.grantId, t.year),
    index('balance_decisions_year_idx').on(t.year),
    check(
      'balance_decisions_decision_check',
      sql`${t.decision} in ('carried_forward','to_repay','explained')`,
    ),
    check(
      'balance_decisions_approval_check',
      sql`${t.decision} <> 'carried_forward' or (${t.approvalRef} is not null and ${t.approvalDate} is not null)`,
    ),
    check(
      'balance_decisions_note_check',
      sql`${t.decision} <> 'explained' or length(trim(coalesce(${t.note}, ''))) > 0`,
    ),
  ],
);

/** An open checklist item the user accepts for the year, with her reason. */
export const checklistExceptions = sqliteTable(
  'checklist_exceptions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    year: integer('year').notNull(),
    itemKey: text('item_key').notNull(),
    reason: text('reason').notNull(),
    actor: text('actor').notNull(),
    createdAtMs: integer('created_at_ms').notNull(),
  },
  (t) => [
    uniqueIndex('checklist_exceptions_year_item_key_idx').on(t.year, t.itemKey),
    check('checklist_exceptions_reason_check', sql`length(trim(${t.reason})) > 0`),
  ],
);

/**
 * Account codes for the accounting export, by key (income per funder type, admin share,
 * payouts to centres, …). A key without a row uses the built-in default (NS 4102).
 */
export const accountSettings = sqliteTable(
  'account_settings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    key: text('key').notNull(),
    accountCode: text('account_code').notNull(),
    updatedAtMs: integer('updated_at_ms').notNull(),
  },
  (t) => [
    uniqueIndex('account_settings_key_idx').on(t.key),
    check('account_settings_code_check', sql`length(trim(${t.accountCode})) > 0`),
  ],
);
