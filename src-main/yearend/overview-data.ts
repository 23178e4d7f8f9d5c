/**
 * The year-end page's read model (issue 14): what the checklist and the overview of one year
 * need, summed in SQL instead of loading the ledger and every centre award. The grants read
 * are only those the year can show or list (money in the year, an award decided in it, a split
 * for it), each with a ledger of sums from `ledger_sums` up to the year (one row per type and
 * centre award, before the year and in it); the centre awards read are only those that can
 * give an item. The checklist and overview code is the same as for the whole read model
 * (`loadYear`, which the exports use), so both give the same answer; a test compares them.
 */
import type Database from 'better-sqlite3';
import { grants } from '../../db/schema';
import type { PriorYearCorrection } from '../../src-shared/api/contract';
import { NAME_ORDER, type MovementRecord } from '../grants/queries';
import type { ServiceContext } from '../platform/context';
import type { ChecklistAllocation, ChecklistData, YearStatusData } from './queries';
import { yearCommonOf, yearGrantsOf, type YearGrant, type YearGrantRow } from './year-data';
import { columnsOf, groupBy, type Span } from './year-ledger';

export interface OverviewData extends ChecklistData, YearStatusData {
  grantById: Map<number, YearGrant>;
  priorYearCorrections: PriorYearCorrection[];
}

/**
 * The read model's statements, prepared once per connection: the page asks for the overview
 * after every write, and preparing these statements costs about as much as running some.
 */
const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function prepared(ctx: ServiceContext, sql: string): Database.Statement {
  let cache = statements.get(ctx.sqlite);
  if (!cache) statements.set(ctx.sqlite, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = ctx.sqlite.prepare(sql)));
  return statement;
}

/** Signed effect of a movement type on the balance (as `MOVEMENT_SIGN`), in SQL. */
const SIGNED = `case when type in ('received', 'transfer_in', 'returned_by_centre')
  then amount_ore else -amount_ore end`;

/**
 * The grants the year can show or list, with their project and funder, by id: an opening
 * balance or a movement in the year (any role: a balance decision is judged against it), an
 * award decided in the year, or a split for the year; and `extraIds`. Over the covering index
 * of `ledger_sums` by grant and year.
 */
function candidateGrants(ctx: ServiceContext, span: Span, extraIds: readonly number[]) {
  return prepared(
    ctx,
    `with sums as (
         select grant_id, sum(case when year < @year then ${SIGNED} else 0 end) as opening,
           max(year = @year) as moved
         from ledger_sums where year <= @year group by grant_id),
       wanted as (
         select grant_id as id from sums where opening <> 0 or moved
         union select grant_id from grant_year_splits where year = @year
         union select id from grants where cast(substr(decision_date, 1, 4) as integer) = @year
         union select value from json_each(@extra))
       select ${columnsOf(grants, 'g')}, p.name as projectName,
         p.project_number as projectNumber, p.kind as projectKind, p.parent_id as projectParentId,
         p.kss_role as kssRole, o.name as funderName, f.funder_type as funderType
       from wanted w join grants g on g.id = w.id join projects p on p.id = g.project_id
         join organisations o on o.id = g.funder_id
         join funders f on f.organisation_id = g.funder_id
       order by g.id`,
  ).all({ year: span.year, extra: JSON.stringify(extraIds) }) as YearGrantRow[];
}

interface SumRow {
  grantId: number;
  type: MovementRecord['type'];
  allocationId: number;
  year: number;
  amountOre: number;
  eurCents: number;
}

/**
 * The centre awards of these grants paid more up to the end of the year than decided,
 * counting only payouts booked on the award's own grant (a plausibility finding).
 */
function overpaidAllocations(ctx: ServiceContext, span: Span, ids: readonly number[]): number[] {
  return prepared(
    ctx,
    `select s.allocation_id
       from ledger_sums s join allocations a on a.id = s.allocation_id
         join allocation_rounds r on r.id = a.round_id and r.grant_id = s.grant_id
       where s.grant_id in (select value from json_each(@ids)) and s.type = 'paid_to_centre'
         and s.year <= @year and s.allocation_id > 0
       group by s.allocation_id having sum(s.amount_ore) > coalesce(a.awarded_ore, 0)`,
  )
    .pluck()
    .all({ year: span.year, ids: JSON.stringify(ids) }) as number[];
}

/**
 * Each grant's ledger up to the end of the year as sums: one row per year and type, dated 31
 * December of its year (kept when it sums to 0: the grant moved that year), with the payouts
 * of an overpaid centre award in rows of their own. The year's balances, the type totals up
 * to the year and the plausibility findings are the same as from the movements themselves.
 * Grouped in the order of the covering index, so SQLite needs no sort.
 */
function ledgersUpTo(
  ctx: ServiceContext,
  span: Span,
  ids: readonly number[],
  overpaid: readonly number[],
) {
  const rows = prepared(
    ctx,
    `select grant_id as grantId, year, type, 0 as allocationId, sum(amount_ore) as amountOre,
         sum(eur_cents) as eurCents
       from ledger_sums
       where grant_id in (select value from json_each(@ids)) and year <= @year
         and not (type = 'paid_to_centre' and allocation_id in (select value from json_each(@overpaid)))
       group by grant_id, year, type
       union all
       select grant_id, year, type, allocation_id, sum(amount_ore), sum(eur_cents)
       from ledger_sums
       where grant_id in (select value from json_each(@ids)) and year <= @year
         and type = 'paid_to_centre' and allocation_id in (select value from json_each(@overpaid))
       group by grant_id, year, type, allocation_id`,
  ).all({
    year: span.year,
    ids: JSON.stringify(ids),
    overpaid: JSON.stringify(overpaid),
  }) as SumRow[];
  let id = 0;
  const ledger = rows.map((r): MovementRecord => ({
    id: --id,
    grantId: r.grantId,
    date: `${r.year}-12-31`,
    type: r.type,
    amountOre: r.amountOre,
    voucherRef: null,
    note: null,
    counterpartId: null,
    approvalRef: null,
    approvalDate: null,
    reversesId: null,
    correctsId: null,
    reason: null,
    centreId: null,
    allocationId: r.allocationId === 0 ? null : r.allocationId,
    amountEurCents: r.eurCents,
    createdAtMs: 0,
    actor: '',
  }));
  return groupBy(ledger, (m) => m.grantId);
}

function splitsOf(ctx: ServiceContext, ids: readonly number[]) {
  return (
    prepared(
      ctx,
      `select grant_id as grantId, year, amount_ore as amountOre, confirmed
         from grant_year_splits where grant_id in (select value from json_each(@ids))
         order by year, grant_id`,
    ).all({ ids: JSON.stringify(ids) }) as {
      grantId: number;
      year: number;
      amountOre: number;
      confirmed: number;
    }[]
  ).map((s) => ({ ...s, confirmed: s.confirmed === 1 }));
}

/**
 * The centre awards that can give a checklist item, in Norwegian centre-name order: decided
 * by the end of the year with an award, and either not fully paid (all payouts, any year)
 * or without a report received by its due date; and the overpaid ones (a plausibility
 * finding). The checklist checks each one exactly.
 */
function checklistAllocations(
  ctx: ServiceContext,
  span: Span,
  overpaid: readonly number[],
): ChecklistAllocation[] {
  const rows = prepared(
    ctx,
    `select a.id, r.grant_id as grantId, o.name as centreName, r.name as roundName,
         a.awarded_ore as awardedOre, a.decision_date as decisionDate,
         a.report_due_date as reportDueDate, a.report_received_date as reportReceivedDate,
         a.report_status as reportStatus,
         (select coalesce(sum(p.amount_ore), 0) from ledger_sums p
           where p.allocation_id = a.id and p.type = 'paid_to_centre') as paidTotalOre
       from allocations a join allocation_rounds r on r.id = a.round_id
         join organisations o on o.id = a.centre_id
         join member_centres c on c.organisation_id = a.centre_id
       where (a.awarded_ore > 0 and a.decision_date <= @end and a.decision_date <> ''
           and (paidTotalOre < a.awarded_ore
             or (a.report_due_date < @asOf and a.report_received_date is null)))
         or a.id in (select value from json_each(@overpaid))`,
  ).all({
    end: span.end,
    asOf: `${span.year + 1}-01-01`,
    overpaid: JSON.stringify(overpaid),
  }) as ChecklistAllocation[];
  return rows.sort((x, y) => NAME_ORDER.compare(x.centreName, y.centreName) || x.id - y.id);
}

/**
 * Reversals and corrected entries dated in the year of a movement dated before it, oldest
 * first (the «korreksjoner av tidligere år»), over the partial index of such movements.
 */
function priorYearCorrections(ctx: ServiceContext, span: Span): PriorYearCorrection[] {
  return (
    prepared(
      ctx,
      `select m.id as movementId, m.grant_id as grantId, g.title as grantTitle, m.date,
           m.type, m.amount_ore as amountOre, m.reverses_id is not null as reversal,
           o.id as originalId, o.date as originalDate, o.amount_ore as originalAmountOre,
           coalesce(m.reason, m.note) as reason
         from movements m join movements o on o.id = coalesce(m.reverses_id, m.corrects_id)
           join grants g on g.id = m.grant_id
         where m.date >= @start and m.date <= @end
           and (m.reverses_id is not null or m.corrects_id is not null)
           and cast(substr(o.date, 1, 4) as integer) < @year
         order by m.date, m.id`,
    ).all({ start: span.start, end: span.end, year: span.year }) as (Omit<
      PriorYearCorrection,
      'kind'
    > & { reversal: number })[]
  ).map(({ reversal, ...c }) => ({
    movementId: c.movementId,
    grantId: c.grantId,
    grantTitle: c.grantTitle,
    date: c.date,
    type: c.type,
    amountOre: c.amountOre,
    kind: reversal === 1 ? 'reversal' : 'corrected_entry',
    originalId: c.originalId,
    originalDate: c.originalDate,
    originalAmountOre: c.originalAmountOre,
    reason: c.reason,
  }));
}

/**
 * Loads what the year-end page shows for `year` with a fixed number of statements, each
 * limited to the year and the sums before it. `extraGrantIds` are read as well (a balance
 * decision asks about one grant).
 */
export function loadOverviewData(
  ctx: ServiceContext,
  year: number,
  extraGrantIds: readonly number[] = [],
): OverviewData {
  const span: Span = { year, start: `${year}-01-01`, end: `${year}-12-31` };
  const rows = candidateGrants(ctx, span, extraGrantIds);
  const ids = rows.map((g) => g.id);
  const overpaid = overpaidAllocations(ctx, span, ids);
  const ledgers = ledgersUpTo(ctx, span, ids, overpaid);
  const yearGrants = yearGrantsOf(span, rows, ledgers, splitsOf(ctx, ids));
  return {
    ...yearCommonOf(ctx, span, yearGrants),
    allocations: checklistAllocations(ctx, span, overpaid),
    priorYearCorrections: priorYearCorrections(ctx, span),
  };
}
