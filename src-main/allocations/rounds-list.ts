/**
 * `rounds.list` in SQL (issue 14), as `grants.list`: the filters, each round's totals and pot,
 * the sort and the page are computed by SQLite, so a call returns one page of rounds plus
 * the sums over every match. One statement whatever the data size (two when the page asked
 * for is past the last one).
 *
 * The pot is `grantMoneyOf(...).availableOre` with the awards of the grant's other rounds:
 * the grant's base less its admin share comes from the same rule functions (`adminBaseOf`,
 * `adminShareOf`) registered as a SQL function, transfers in and awards are summed by SQLite.
 */
import type { Output, ParsedInput } from '../../src-shared/api/contract';
import {
  adminBaseOf,
  adminShareOf,
  type AdminShareRule,
  type GrantMoneyBasis,
} from '../../src-shared/grants/rules';
import { nameKey, type ServiceContext } from '../platform/context';
import { norwegianSortKey } from '../grants/list';

/** `nb_key`, `nb_sort_key` (as grants.list) and `round_pot_base`: base − admin share. */
function registerFunctions(ctx: Pick<ServiceContext, 'sqlite'>): void {
  ctx.sqlite.function('nb_key', { deterministic: true }, (value: unknown) =>
    value === null || value === undefined ? null : nameKey(String(value)),
  );
  ctx.sqlite.function('nb_sort_key', { deterministic: true }, (value: unknown) =>
    value === null || value === undefined ? null : norwegianSortKey(String(value)),
  );
  ctx.sqlite.function('round_pot_base', { deterministic: true }, (...args: unknown[]): number => {
    const [kssRole, awardedOre, kssShareOre, adminRule, adminBasisPoints, adminFixedOre] = args as [
      GrantMoneyBasis['kssRole'],
      number | null,
      number | null,
      AdminShareRule['adminRule'],
      number | null,
      number | null,
    ];
    const g = {
      kssRole,
      awardedOre,
      kssShareOre,
      adminRule,
      adminBasisPoints,
      adminFixedOre,
    } as GrantMoneyBasis & AdminShareRule;
    const base = adminBaseOf(g);
    return base - (kssRole === 'stottepartner' ? 0 : adminShareOf(g, base));
  });
}

const registered = new WeakSet<object>();

const WHERE_SQL = `(@grantId is null or r.grant_id = @grantId)
    and (@search is null
      or instr(nb_key(r.name), @search) > 0
      or instr(nb_key(g.title), @search) > 0)`;

const FROM_SQL = `from allocation_rounds r
    join grants g on g.id = r.grant_id
    join projects p on p.id = g.project_id`;

/**
 * Per matching round: its totals from its allocations and the ledger rows pointing at them
 * (reversals included), and its pot (the grant's other rounds' awards subtracted).
 */
const MATCHED_SQL = `matched as (
    select r.id, r.grant_id as grantId,
      coalesce(al.centreCount, 0) as centreCount,
      coalesce(al.appliedTotalOre, 0) as appliedTotalOre,
      coalesce(al.awardedTotalOre, 0) as awardedTotalOre,
      coalesce(cash.paidTotalOre, 0) as paidTotalOre,
      coalesce(cash.returnedTotalOre, 0) as returnedTotalOre,
      round_pot_base(p.kss_role, g.awarded_ore, g.kss_share_ore, g.admin_rule,
          g.admin_basis_points, g.admin_fixed_ore)
        + (select coalesce(sum(m.amount_ore), 0) from movements m
            where m.grant_id = g.id and m.type = 'transfer_in')
        - (select coalesce(sum(a.awarded_ore), 0) from allocation_rounds o
             join allocations a on a.round_id = o.id
            where o.grant_id = r.grant_id and o.id <> r.id) as potOre
    ${FROM_SQL}
    left join (select a.round_id, count(*) as centreCount,
        sum(a.applied_ore) as appliedTotalOre, sum(a.awarded_ore) as awardedTotalOre
        from allocations a group by a.round_id) al on al.round_id = r.id
    left join (select a.round_id,
        sum(case when m.type = 'paid_to_centre' then m.amount_ore end) as paidTotalOre,
        sum(case when m.type = 'returned_by_centre' then m.amount_ore end) as returnedTotalOre
        from allocations a join movements m on m.allocation_id = a.id
         and m.type in ('paid_to_centre', 'returned_by_centre')
        group by a.round_id) cash on cash.round_id = r.id
    where ${WHERE_SQL})`;

type Sort = ParsedInput<'rounds.list'>['sort'];

/** The value each sort orders by (then the round's name in Norwegian order, then newest). */
const SORT_SQL: Record<Sort, string> = {
  newest: 'k.id',
  name: 'nb_sort_key(r.name)',
  grantTitle: 'nb_sort_key(g.title)',
  applicationDeadline: 'r.application_deadline',
  centreCount: 'k.centreCount',
  potOre: 'k.potOre',
  appliedTotalOre: 'k.appliedTotalOre',
  awardedTotalOre: 'k.awardedTotalOre',
  paidTotalOre: 'k.paidTotalOre',
  remainingOre: 'k.potOre - k.awardedTotalOre',
};

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
  potSum: number;
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

/** One page in the order asked for, each row carrying the count and sums over every match. */
function pageOf(ctx: ServiceContext, input: ParsedInput<'rounds.list'>, page: number): Counted[] {
  const dir = (input.dir ?? (input.sort === 'newest' ? 'desc' : 'asc')) === 'desc' ? 'desc' : 'asc';
  const sortValue = SORT_SQL[input.sort];
  return ctx.sqlite
    .prepare(
      `with ${MATCHED_SQL},
       sums as (select count(*) as total, coalesce(sum(potOre), 0) as potSum,
           coalesce(sum(appliedTotalOre), 0) as appliedSum,
           coalesce(sum(awardedTotalOre), 0) as awardedSum,
           coalesce(sum(paidTotalOre), 0) as paidSum,
           coalesce(sum(returnedTotalOre), 0) as returnedSum from matched),
       paged as (select k.*, row_number() over (
             order by (${sortValue}) is null, ${sortValue} ${dir}, nb_sort_key(r.name), k.id desc
           ) as position
           from matched k join allocation_rounds r on r.id = k.id join grants g on g.id = k.grantId
           order by position limit @limit offset @offset)
       select paged.id, paged.grantId, g.title as grantTitle, o.name as funderName, r.name,
         r.application_deadline as applicationDeadline, r.activity_from as activityFrom,
         r.activity_to as activityTo, r.report_deadline as reportDeadline,
         paged.potOre, paged.appliedTotalOre, paged.awardedTotalOre, paged.paidTotalOre,
         paged.returnedTotalOre, paged.centreCount, sums.*
       from paged join allocation_rounds r on r.id = paged.id
         join grants g on g.id = paged.grantId
         join organisations o on o.id = g.funder_id
         cross join sums
       order by paged.position`,
    )
    .all({
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
    potOre: first?.potSum ?? 0,
    appliedOre: first?.appliedSum ?? 0,
    awardedOre: first?.awardedSum ?? 0,
    paidOre: first?.paidSum ?? 0,
    returnedOre: first?.returnedSum ?? 0,
    remainingOre: (first?.potSum ?? 0) - (first?.awardedSum ?? 0),
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
