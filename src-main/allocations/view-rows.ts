/**
 * The allocation rows behind the allocation views in one SQL statement (issue 14): the
 * allocations a filter picks, with their centre (name, region, contacts), their round and
 * grant, and the money that has moved for each, summed by SQLite from the ledger rows that
 * point at them — the same figures as `allocationCash` (reversals included; the first and
 * last payout dates leave out reversals and reversed payouts), so a view of 800 allocations
 * costs one statement and no per-row work but the view itself.
 */
import type Database from 'better-sqlite3';
import type { allocations } from '../../db/schema';
import type { Allocation } from '../../src-shared/api/contract';

/**
 * An allocation row with its centre, its cash (as `AllocationCash` in queries.ts), its
 * round's name and its grant's title and funder.
 */
export type AllocationViewRow = typeof allocations.$inferSelect & {
  centreName: string;
  region: Allocation['region'];
  orgNumber: string | null;
  contactEmail: string | null;
  paidOre: number;
  returnedOre: number;
  lastPaidDate: string | null;
  firstPaidDate: string | null;
  roundName: string;
  grantTitle: string;
  funderName: string;
};

/** Which allocations: one round's, one centre's, or the awards with an overdue report. */
export type ViewFilter =
  | { round: number }
  | { centre: number }
  /** Due date before `asOf`, no report received, «Venter» or «Purret», a positive award. */
  | { overdueOn: string };

type FilterKey = 'round' | 'centre' | 'overdueOn';

/**
 * Each filter's condition; the overdue one reads more allocations than it keeps (due date
 * passed, report status and award checked row by row), so its picks are materialised once.
 */
const FILTERS: Record<FilterKey, { where: string; materialized: boolean }> = {
  round: { where: 'a.round_id = @value', materialized: false },
  centre: { where: 'a.centre_id = @value', materialized: false },
  overdueOn: {
    where: `a.report_due_date is not null and a.report_due_date < @value
      and a.report_received_date is null and a.report_status in ('venter', 'purret')
      and coalesce(a.awarded_ore, 0) > 0`,
    materialized: true,
  },
};

/**
 * `picked`: the allocations with their centre (member centres only, as the views always were);
 * `moved`: the payouts and returns pointing at them, read from the covering index on
 * (allocation id, type, date, amount) alone; `reversed`: the ids those of them that are
 * reversals point at (a reversal is the only movement with a negative amount, by the
 * ledger's CHECK, so only reversals are looked up in the table); `cash`: per allocation, net
 * paid and returned, and the first and last payout that is neither a reversal nor reversed.
 * Unordered: every caller sorts the rows its own way.
 */
function statementSql({ where, materialized }: { where: string; materialized: boolean }): string {
  return `with picked as ${materialized ? 'materialized ' : ''}(
      select a.*, o.name as centreName, mc.region as region, o.org_number as orgNumber,
        mc.contact_email as contactEmail
      from allocations a
        join member_centres mc on mc.organisation_id = a.centre_id
        join organisations o on o.id = a.centre_id
      where ${where}),
    moved as materialized (
      select m.id, m.allocation_id as allocationId, m.type, m.amount_ore as amountOre, m.date
      from movements m
      where m.allocation_id in (select id from picked)
        and m.type in ('paid_to_centre', 'returned_by_centre')),
    reversed as (
      select m.reverses_id as id
      from moved p join movements m on m.id = p.id
      where p.amountOre < 0),
    cash as (
      select p.allocationId,
        sum(case when p.type = 'paid_to_centre' then p.amountOre else 0 end) as paidOre,
        sum(case when p.type = 'returned_by_centre' then p.amountOre else 0 end) as returnedOre,
        min(case when p.type = 'paid_to_centre' and p.amountOre > 0
          and p.id not in (select id from reversed) then p.date end) as firstPaidDate,
        max(case when p.type = 'paid_to_centre' and p.amountOre > 0
          and p.id not in (select id from reversed) then p.date end) as lastPaidDate
      from moved p group by p.allocationId)
    select a.id, a.round_id as roundId, a.centre_id as centreId, a.applied_ore as appliedOre,
      a.purpose, a.expected_participants as expectedParticipants,
      a.received_date as receivedDate, a.awarded_ore as awardedOre,
      a.decision_date as decisionDate, a.override_reason as overrideReason,
      a.report_due_date as reportDueDate, a.report_received_date as reportReceivedDate,
      a.spent_ore as spentOre, a.participants_reached as participantsReached,
      a.report_text as reportText, a.report_status as reportStatus,
      a.reminded_date as remindedDate, a.kept_unused_ore as keptUnusedOre,
      a.kept_approval_ref as keptApprovalRef, a.created_at_ms as createdAtMs,
      a.updated_at_ms as updatedAtMs, a.centreName, a.region, a.orgNumber, a.contactEmail,
      coalesce(c.paidOre, 0) as paidOre, coalesce(c.returnedOre, 0) as returnedOre,
      c.firstPaidDate, c.lastPaidDate,
      r.name as roundName, g.title as grantTitle, f.name as funderName
    from picked a
      left join cash c on c.allocationId = a.id
      join allocation_rounds r on r.id = a.round_id
      join grants g on g.id = r.grant_id
      join organisations f on f.id = g.funder_id`;
}

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function statementFor(sqlite: Database.Database, key: FilterKey): Database.Statement {
  let byKey = statements.get(sqlite);
  if (!byKey) {
    byKey = new Map();
    statements.set(sqlite, byKey);
  }
  let stmt = byKey.get(key);
  if (!stmt) {
    stmt = sqlite.prepare(statementSql(FILTERS[key]));
    byKey.set(key, stmt);
  }
  return stmt;
}

/** The allocations the filter picks (unordered) with cash, round and grant: one statement. */
export function allocationViewRows(
  sqlite: Database.Database,
  filter: ViewFilter,
): AllocationViewRow[] {
  const [key, value] =
    'round' in filter
      ? (['round', filter.round] as const)
      : 'centre' in filter
        ? (['centre', filter.centre] as const)
        : (['overdueOn', filter.overdueOn] as const);
  return statementFor(sqlite, key).all({ value }) as AllocationViewRow[];
}
