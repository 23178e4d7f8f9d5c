/**
 * `rounds.list` in SQL (issue 14), as `grants.list`: the filters, each round's totals and pot,
 * the sort and the page are computed by SQLite, so a call returns one page of rounds plus
 * the sums over every match. One statement whatever the data size (two when the page asked
 * for is past the last one).
 *
 * The pot is `grantMoneyOf(...).availableOre` with the awards of the grant's other rounds:
 * the grant's base less its admin share comes from the same rule functions (`adminBaseOf`,
 * `adminShareOf`) registered as a SQL function, transfers in and awards are summed by SQLite.
 * Each round's totals come from `round_sums` (kept by triggers, migration `round_sums`), so a
 * sort by a total or the pot reads one row per round, not every allocation and payout.
 */
import type { Statement } from 'better-sqlite3';
import type { Output, ParsedInput } from '../../src-shared/api/contract';
import { adminBaseOf, adminShareOf, type GrantMoneyBasis } from '../../src-shared/grants/rules';
import { nameKey, type ServiceContext } from '../platform/context';
import { registerSortKeys } from '../platform/sort-keys';

/** `nb_key`, `nb_sort_key` (as grants.list) and `round_pot_base`: base − admin share. */
function registerFunctions(ctx: Pick<ServiceContext, 'sqlite'>): void {
  registerSortKeys(ctx.sqlite);
  ctx.sqlite.function(
    'round_pot_base',
    { deterministic: true },
    (
      kssRole: unknown,
      awardedOre: unknown,
      kssShareOre: unknown,
      adminRule: unknown,
      adminBasisPoints: unknown,
      adminFixedOre: unknown,
    ): number => {
      const g = {
        kssRole,
        awardedOre,
        kssShareOre,
        adminRule,
        adminBasisPoints,
        adminFixedOre,
      } as GrantMoneyBasis;
      const base = adminBaseOf(g);
      return base - (g.kssRole === 'stottepartner' ? 0 : adminShareOf(g, base));
    },
  );
}

const registered = new WeakSet<object>();

const WHERE_SQL = `(@grantId is null or r.grant_id = @grantId)
    and (@search is null
      or instr(nb_key(r.name), @search) > 0
      or instr(nb_key(g.title), @search) > 0)`;

const FROM_SQL = `from allocation_rounds r
    join grants g on g.id = r.grant_id
    join projects p on p.id = g.project_id`;

/** The matching rounds with what the cheap sorts order by. */
const MATCHED_SQL = `matched as materialized (
    select r.id, r.grant_id as grantId, r.name, r.application_deadline as applicationDeadline,
      g.title as grantTitle, p.kss_role as kssRole, g.awarded_ore as grantAwardedOre,
      g.kss_share_ore as kssShareOre, g.admin_rule as adminRule,
      g.admin_basis_points as adminBasisPoints, g.admin_fixed_ore as adminFixedOre
    ${FROM_SQL} where ${WHERE_SQL})`;

/**
 * Per round of `scope` (a CTE of round ids and grant ids): its totals from `round_sums` (the
 * round's allocations and the ledger rows pointing at them, reversals included, kept by
 * triggers), and its pot: the grant's base less the admin share, plus transfers in, less the
 * awards of the grant's other rounds.
 */
function aggregatesSql(name: string, scope: string): string {
  return `${name}_granted as (select r.grant_id as grantId, sum(s.awarded_ore) as awardedOre
        from allocation_rounds r join round_sums s on s.round_id = r.id
        where r.grant_id in (select grantId from ${scope}) group by r.grant_id),
    ${name} as materialized (select k.*,
        s.centre_count as centreCount,
        s.applied_ore as appliedTotalOre,
        s.awarded_ore as awardedTotalOre,
        s.paid_ore as paidTotalOre,
        s.returned_ore as returnedTotalOre,
        round_pot_base(m.kssRole, m.grantAwardedOre, m.kssShareOre, m.adminRule,
            m.adminBasisPoints, m.adminFixedOre)
          + (select coalesce(sum(t.amount_ore), 0) from movements t
              where t.grant_id = k.grantId and t.type = 'transfer_in')
          - (coalesce(gr.awardedOre, 0) - s.awarded_ore) as potOre
      from ${scope} k join matched m on m.id = k.id
        join round_sums s on s.round_id = k.id
        left join ${name}_granted gr on gr.grantId = k.grantId)`;
}

/** Count and sums over every matching round (not only the page), from `round_sums`. */
const SUMS_SQL = `sums as (select count(*) as total,
      coalesce(sum(s.applied_ore), 0) as appliedSum,
      coalesce(sum(s.awarded_ore), 0) as awardedSum,
      coalesce(sum(s.paid_ore), 0) as paidSum,
      coalesce(sum(s.returned_ore), 0) as returnedSum
    from matched k join round_sums s on s.round_id = k.id)`;

type Sort = ParsedInput<'rounds.list'>['sort'];

/** The value each sort orders by (then the round's name in Norwegian order, then newest). */
const SORT_SQL: Record<Sort, string> = {
  newest: 'k.id',
  name: 'nb_sort_key(k.name)',
  grantTitle: 'nb_sort_key(k.grantTitle)',
  applicationDeadline: 'k.applicationDeadline',
  centreCount: 'k.centreCount',
  potOre: 'k.potOre',
  appliedTotalOre: 'k.appliedTotalOre',
  awardedTotalOre: 'k.awardedTotalOre',
  paidTotalOre: 'k.paidTotalOre',
  remainingOre: 'k.potOre - k.awardedTotalOre',
};

/** Sorts by a round's totals or pot: those are computed for every match, not only the page. */
const BY_AGGREGATE = new Set<Sort>([
  'centreCount',
  'potOre',
  'appliedTotalOre',
  'awardedTotalOre',
  'paidTotalOre',
  'remainingOre',
]);

interface Counted {
  id: number;
  grantId: number;
  grantTitle: string;
  funderName: string;
  name: string;
  applicationDeadline: string | null;
  activityFrom: string | null;
  activityTo: string | null;
  reportDeadline: string | null;
  potOre: number;
  appliedTotalOre: number;
  awardedTotalOre: number;
  paidTotalOre: number;
  returnedTotalOre: number;
  centreCount: number;
  total: number;
  appliedSum: number;
  awardedSum: number;
  paidSum: number;
  returnedSum: number;
}

function paramsOf(input: ParsedInput<'rounds.list'>) {
  return {
    grantId: input.grantId ?? null,
    search: input.search ? nameKey(input.search) : null,
  };
}

const prepared = new WeakMap<object, Map<string, Statement>>();

/** The statement for `sql` on this connection, prepared once (one per sort and direction). */
function statementOf(ctx: ServiceContext, sql: string): Statement {
  let bySql = prepared.get(ctx.sqlite);
  if (!bySql) {
    bySql = new Map();
    prepared.set(ctx.sqlite, bySql);
  }
  let stmt = bySql.get(sql);
  if (!stmt) {
    stmt = ctx.sqlite.prepare(sql);
    bySql.set(sql, stmt);
  }
  return stmt;
}

/** One page in the order asked for, each row carrying the count and sums over every match. */
function pageOf(ctx: ServiceContext, input: ParsedInput<'rounds.list'>, page: number): Counted[] {
  const dir = (input.dir ?? (input.sort === 'newest' ? 'desc' : 'asc')) === 'desc' ? 'desc' : 'asc';
  const sortValue = SORT_SQL[input.sort];
  // The id is unique: sorted by it, the name key (a JS function per round) would never decide.
  const order =
    input.sort === 'newest'
      ? `k.id ${dir}`
      : `(${sortValue}) is null, ${sortValue} ${dir}, nb_sort_key(k.name), k.id desc`;
  // Sorted by a total or the pot: every match's totals, the page and the sums taken from them.
  const ranked = BY_AGGREGATE.has(input.sort)
    ? `${aggregatesSql('everyRound', 'matched')},
       ${SUMS_SQL},
       shown as (select k.*, row_number() over (order by ${order}) as position
           from everyRound k order by position limit @limit offset @offset)`
    : `${SUMS_SQL},
       paged as (select k.id, k.grantId, k.name, k.grantTitle, k.applicationDeadline
           from matched k order by ${order} limit @limit offset @offset),
       ${aggregatesSql('shown', 'paged')}`;
  // The page of a cheap sort is taken by a bounded sort (no window over every match) and
  // ordered again by the same key; the page of an aggregate sort carries its position.
  const pageOrder = BY_AGGREGATE.has(input.sort) ? 'k.position' : order;
  return statementOf(
    ctx,
    `with ${MATCHED_SQL}, ${ranked}
       select k.id, k.grantId, g.title as grantTitle, o.name as funderName, r.name,
         r.application_deadline as applicationDeadline, r.activity_from as activityFrom,
         r.activity_to as activityTo, r.report_deadline as reportDeadline,
         k.potOre, k.appliedTotalOre, k.awardedTotalOre, k.paidTotalOre,
         k.returnedTotalOre, k.centreCount, sums.*
       from shown k join allocation_rounds r on r.id = k.id
         join grants g on g.id = k.grantId
         join organisations o on o.id = g.funder_id
         cross join sums
       order by ${pageOrder}`,
  ).all({
    ...paramsOf(input),
    limit: input.pageSize,
    offset: (page - 1) * input.pageSize,
  }) as Counted[];
}

/** Rounds with filters, sorted and paged in SQL, with totals over every matching round. */
export function listRoundsPaged(
  ctx: ServiceContext,
  input: ParsedInput<'rounds.list'>,
): Output<'rounds.list'> {
  if (!registered.has(ctx.sqlite)) {
    registerFunctions(ctx);
    registered.add(ctx.sqlite);
  }
  let page = input.page;
  let rows = pageOf(ctx, input, page);
  if (rows.length === 0 && page > 1) {
    // Past the last page (the filters now match fewer rounds): answer the last page.
    const { n } = ctx.sqlite
      .prepare(`select count(*) as n ${FROM_SQL} where ${WHERE_SQL}`)
      .get(paramsOf(input)) as { n: number };
    page = Math.max(1, Math.ceil(n / input.pageSize));
    rows = pageOf(ctx, input, page);
  }
  const first = rows[0];
  const totals = {
    appliedOre: first?.appliedSum ?? 0,
    awardedOre: first?.awardedSum ?? 0,
    paidOre: first?.paidSum ?? 0,
    returnedOre: first?.returnedSum ?? 0,
  };
  return {
    rows: rows.map((r) => ({
      id: r.id,
      grantId: r.grantId,
      grantTitle: r.grantTitle,
      funderName: r.funderName,
      name: r.name,
      applicationDeadline: r.applicationDeadline,
      activityFrom: r.activityFrom,
      activityTo: r.activityTo,
      reportDeadline: r.reportDeadline,
      potOre: r.potOre,
      appliedTotalOre: r.appliedTotalOre,
      awardedTotalOre: r.awardedTotalOre,
      paidTotalOre: r.paidTotalOre,
      returnedTotalOre: r.returnedTotalOre,
      remainingOre: r.potOre - r.awardedTotalOre,
      centreCount: r.centreCount,
    })),
    total: first?.total ?? 0,
    totals,
    page,
    pageSize: input.pageSize,
  };
}
