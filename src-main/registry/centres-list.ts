/**
 * `centres.list` in SQL (issue 14): filters, membership status, the sort and the page are
 * computed by SQLite, so a call reads one page of centres plus the count of every match.
 * One statement whatever the data size (two when the page asked for is past the last one).
 *
 * Membership values, as `isMemberOn` / `isMemberInYear` in src-shared/registry/centres.ts:
 * a centre is a member during [@from, @to] when one of its periods overlaps it (joined on or
 * before @to, not left before @from). On a date, @from = @to = that date; for a year without a
 * date, the year's first and last day. joinedDate/leftDate are those of the latest period
 * (by joined date, then id), read through `memberships_centre_joined_idx`.
 */
import type { CentreSummary, Output, ParsedInput } from '../../src-shared/api/contract';
import { DRIFTSFORMER, REGIONS } from '../../src-shared/registry/centres';
import { DRIFTSFORM_LABELS, REGION_LABELS } from '../../src-shared/registry/labels';
import { nameKey, type ServiceContext } from '../platform/context';
import { norwegianSortKey, registerSortKeys } from '../platform/sort-keys';
import { cachedStatement } from '../platform/statements';

type Input = ParsedInput<'centres.list'>;

/** A centre is a member during [from, to] when one of its periods overlaps it. */
const memberDuring = (from: string, to: string) => `exists (select 1 from memberships m
    where m.centre_id = o.id and m.joined_date <= ${to}
      and (m.left_date is null or m.left_date >= ${from}))`;

/** The centre's latest membership period (by joined date, then id). */
const LATEST_SQL = `(select m.id from memberships m where m.centre_id = o.id
    order by m.joined_date desc, m.id desc limit 1)`;

/** Codes ranked by their Bokmål labels in Norwegian order (what she reads in the column). */
function labelOrderSql(
  column: string,
  codes: readonly string[],
  labels: Readonly<Record<string, { nb: string }>>,
): string {
  const ranked = [...codes].sort((a, b) =>
    norwegianSortKey(labels[a]!.nb) < norwegianSortKey(labels[b]!.nb) ? -1 : 1,
  );
  return `case ${column} ${ranked.map((c, i) => `when '${c}' then ${i}`).join(' ')} end`;
}

/** member (0) → leaving: member with an end set on the latest period (1) → former (2). */
const MEMBER_STATUS_SQL = `case when not ${memberDuring('@statusFrom', '@statusTo')} then 2
    when (select l.left_date from memberships l where l.id = ${LATEST_SQL}) is not null then 1
    else 0 end`;

/**
 * The value each sort orders by (nulls last in both directions, then name, then id). The
 * name's key is computed once a row (a call into JavaScript each): «name» orders by it alone.
 */
const SORT_SQL: Record<Input['sort'], string> = {
  name: 'null',
  driftsform: labelOrderSql('mc.driftsform', DRIFTSFORMER, DRIFTSFORM_LABELS),
  region: labelOrderSql('mc.region', REGIONS, REGION_LABELS),
  dailyLeader: `nb_sort_key(nullif(mc.daily_leader, ''))`,
  contactEmail: `nb_sort_key(nullif(mc.contact_email, ''))`,
  memberStatus: MEMBER_STATUS_SQL,
};

const FROM_SQL = `from member_centres mc join organisations o on o.id = mc.organisation_id`;

const WHERE_SQL = `(@region is null or mc.region = @region)
    and (@driftsform is null or mc.driftsform = @driftsform)
    and (@search is null or instr(nb_key(o.name), @search) > 0)
    and (@yearFrom is null or ${memberDuring('@yearFrom', '@yearTo')})`;

type Row = Omit<CentreSummary, 'isMember'> & { isMember: number; total: number };

function paramsOf(ctx: ServiceContext, input: Input) {
  const year = input.memberInYear ?? null;
  const asOf = input.asOf ?? ctx.clock.today();
  // Filtered to a year without a date: the status is for that year, not for today.
  const byYear = year !== null && !input.asOf;
  return {
    region: input.region ?? null,
    driftsform: input.driftsform ?? null,
    search: input.search ? nameKey(input.search) : null,
    yearFrom: year === null ? null : `${year}-01-01`,
    yearTo: year === null ? null : `${year}-12-31`,
    statusFrom: byYear ? `${year}-01-01` : asOf,
    statusTo: byYear ? `${year}-12-31` : asOf,
  };
}

/** One page in the order asked for, each row carrying the count of every match. */
function pageOf(ctx: ServiceContext, input: Input, page: number): Row[] {
  const dir = input.dir === 'desc' ? 'desc' : 'asc';
  const order =
    input.sort === 'name'
      ? `nameValue ${dir}, id`
      : `sortValue is null, sortValue ${dir}, nameValue, id`;
  return cachedStatement(
    ctx.sqlite,
    `with matched as (
         select o.id, ${SORT_SQL[input.sort]} as sortValue, nb_sort_key(o.name) as nameValue
         ${FROM_SQL} where ${WHERE_SQL}),
       counted as (select count(*) as total from matched),
       paged as (select k.id, row_number() over () as position from
           (select id from matched
             order by ${order}
             limit @limit offset @offset) k)
       select o.id, o.name, o.org_number as orgNumber, mc.driftsform, mc.region,
         mc.daily_leader as dailyLeader, mc.contact_email as contactEmail,
         ${memberDuring('@statusFrom', '@statusTo')} as isMember,
         l.joined_date as joinedDate, l.left_date as leftDate, counted.total
       from paged join organisations o on o.id = paged.id
         join member_centres mc on mc.organisation_id = o.id
         left join memberships l on l.id = ${LATEST_SQL}
         cross join counted
       order by paged.position`,
  ).all({
    ...paramsOf(ctx, input),
    limit: input.pageSize,
    offset: (page - 1) * input.pageSize,
  }) as Row[];
}

/** Member centres with filters and membership status, sorted and paged in SQL. */
export function listCentres(ctx: ServiceContext, input: Input): Output<'centres.list'> {
  registerSortKeys(ctx.sqlite);
  let page = input.page;
  let rows = pageOf(ctx, input, page);
  if (rows.length === 0 && page > 1) {
    // Past the last page (the filters now match fewer centres): answer the last page.
    const { n } = cachedStatement(
      ctx.sqlite,
      `select count(*) as n ${FROM_SQL} where ${WHERE_SQL}`,
    ).get(paramsOf(ctx, input)) as { n: number };
    page = Math.max(1, Math.ceil(n / input.pageSize));
    rows = pageOf(ctx, input, page);
  }
  return {
    rows: rows.map(({ total: _t, isMember, ...r }) => ({ ...r, isMember: isMember === 1 })),
    total: rows[0]?.total ?? 0,
    page,
    pageSize: input.pageSize,
  };
}
