/**
 * `grants.list` in SQL (issue 14): filters, the year a grant touches, received, the sort and
 * the page are all computed by SQLite, so a call reads one page of grants plus the sums over
 * every match, never the whole ledger. Four statements whatever the data size: the totals,
 * the page, and the movement years and year splits of the page's grants.
 *
 * Received per grant and the years a grant has movements in are read from `ledger_sums` (the
 * ledger summed per grant, type and year, kept by a trigger): a few rows per grant, never the
 * 200 000-row movements table.
 */
import type { GrantSummary, Output, ParsedInput } from '../../src-shared/api/contract';
import { GRANT_STATUSES, type GrantStatus, type KssRole } from '../../src-shared/grants/rules';
import { nameKey, type ServiceContext } from '../platform/context';
import { registerSortKeys } from '../platform/sort-keys';
import { cachedStatement } from '../platform/statements';
import { grantYears } from './queries';

const NO_YEAR = 9999;
const yearOfDate = (column: string) => `cast(substr(${column}, 1, 4) as integer)`;

/** The first fiscal year a grant touches (as `grantYears`), null when it touches none. */
const FIRST_YEAR_SQL = `nullif(min(
    case when g.period_from is not null
          and ${yearOfDate('coalesce(g.period_to, g.period_from)')} >= ${yearOfDate('g.period_from')}
         then ${yearOfDate('g.period_from')} else ${NO_YEAR} end,
    coalesce(g.edition_year, ${NO_YEAR}),
    coalesce(${yearOfDate('g.decision_date')}, ${NO_YEAR}),
    coalesce((select min(s.year) from grant_year_splits s where s.grant_id = g.id), ${NO_YEAR}),
    coalesce((select min(s.year) from ledger_sums s where s.grant_id = g.id), ${NO_YEAR})
  ), ${NO_YEAR})`;

/** Touches @year: its period, edition, decision, a split or a movement (as `grantYears`). */
const IN_YEAR_SQL = `(
    (g.period_from is not null and ${yearOfDate('g.period_from')} <= @year
      and ${yearOfDate('coalesce(g.period_to, g.period_from)')} >= @year)
    or g.edition_year = @year
    or ${yearOfDate('g.decision_date')} = @year
    or exists (select 1 from grant_year_splits s where s.grant_id = g.id and s.year = @year)
    or exists (select 1 from ledger_sums s where s.grant_id = g.id and s.year = @year))`;

const RECEIVED_SQL = `(select coalesce(sum(s.amount_ore), 0) from ledger_sums s
    where s.grant_id = g.id and s.type = 'received')`;

const WHERE_SQL = `(@funderId is null or g.funder_id = @funderId)
    and (@projectId is null or g.project_id = @projectId)
    and (@status is null or g.status = @status)
    and (@kssRole is null or p.kss_role = @kssRole)
    and (@year is null or ${IN_YEAR_SQL})
    and (@search is null
      or instr(nb_key(g.title), @search) > 0
      or instr(nb_key(p.name), @search) > 0
      or instr(nb_key(o.name), @search) > 0
      or instr(coalesce(nb_key(g.reference), ''), @search) > 0)`;

const FROM_SQL = `from grants g
    join projects p on p.id = g.project_id
    join organisations o on o.id = g.funder_id`;

/** Life-cycle order of the statuses (GRANT_STATUSES), not the codes' alphabetical order. */
const STATUS_ORDER_SQL = `case g.status ${GRANT_STATUSES.map((s, i) => `when '${s}' then ${i}`).join(' ')} end`;

const OUTER_ORDER: Partial<Record<ParsedInput<'grants.list'>['sort'], string>> = {
  year: `coalesce(sortValue, ${NO_YEAR})`,
  receivedOre: 'receivedOre',
};

/** The value each sort orders by (then the title in Norwegian order, then the id). */
const SORT_SQL: Record<ParsedInput<'grants.list'>['sort'], string> = {
  // Without a year at all first when newest first (as before paging), last when oldest first.
  year: FIRST_YEAR_SQL,
  title: 'nb_sort_key(g.title)',
  projectName: 'nb_sort_key(p.name)',
  funderName: 'nb_sort_key(o.name)',
  status: STATUS_ORDER_SQL,
  appliedOre: 'g.applied_ore',
  awardedOre: 'g.awarded_ore',
  receivedOre: 'null', // ordered by the receivedOre column itself
};

interface PageRow {
  id: number;
  title: string;
  projectId: number;
  projectName: string;
  kssRole: KssRole;
  funderId: number;
  funderName: string;
  status: GrantStatus;
  editionYear: number | null;
  reference: string | null;
  appliedOre: number | null;
  appliedDate: string | null;
  awardedOre: number | null;
  decisionDate: string | null;
  periodFrom: string | null;
  periodTo: string | null;
  receivedOre: number;
}

function paramsOf(input: ParsedInput<'grants.list'>) {
  return {
    funderId: input.funderId ?? null,
    projectId: input.projectId ?? null,
    status: input.status ?? null,
    kssRole: input.kssRole ?? null,
    year: input.year ?? null,
    search: input.search ? nameKey(input.search) : null,
  };
}

/** Years of the page's grants from their movements and year splits (one statement). */
function yearsOfPage(ctx: ServiceContext, rows: readonly PageRow[]): Map<number, number[]> {
  const moved = cachedStatement(
    ctx.sqlite,
    `select distinct grant_id as grantId, year, 'movement' as source
         from ledger_sums where grant_id in (select value from json_each(@ids))
       union all
       select grant_id, year, 'split' from grant_year_splits
        where grant_id in (select value from json_each(@ids))`,
  ).all({ ids: JSON.stringify(rows.map((r) => r.id)) }) as {
    grantId: number;
    year: number;
    source: 'movement' | 'split';
  }[];
  const ledger = new Map<number, { date: string; type: 'received'; amountOre: number }[]>();
  const splits = new Map<number, { year: number; amountOre: number }[]>();
  for (const m of moved) {
    if (m.source === 'movement') {
      const list = ledger.get(m.grantId) ?? [];
      list.push({ date: `${m.year}-01-01`, type: 'received', amountOre: 0 });
      ledger.set(m.grantId, list);
    } else {
      const list = splits.get(m.grantId) ?? [];
      list.push({ year: m.year, amountOre: 0 });
      splits.set(m.grantId, list);
    }
  }
  return new Map(
    rows.map((r) => [r.id, grantYears(r, ledger.get(r.id) ?? [], splits.get(r.id) ?? [])]),
  );
}

type Totals = Output<'grants.list'>['totals'];
type Counted = PageRow & {
  total: number;
  appliedTotal: number;
  awardedTotal: number;
  receivedTotal: number;
};

/**
 * One page in the order asked for, each row carrying the count and sums over every matching
 * grant (the matches are computed once: received is summed once per grant).
 */
function pageOf(ctx: ServiceContext, input: ParsedInput<'grants.list'>, page: number): Counted[] {
  const dir = (input.dir ?? (input.sort === 'year' ? 'desc' : 'asc')) === 'desc' ? 'desc' : 'asc';
  // Narrow rows through the filter and the sort; the page's 100 rows are joined for details.
  return cachedStatement(
    ctx.sqlite,
    `with matched as (
         select g.id, g.applied_ore as appliedOre, g.awarded_ore as awardedOre,
           ${RECEIVED_SQL} as receivedOre, ${SORT_SQL[input.sort]} as sortValue
         ${FROM_SQL} where ${WHERE_SQL}),
       sums as (select count(*) as total, coalesce(sum(appliedOre), 0) as appliedTotal,
           coalesce(sum(awardedOre), 0) as awardedTotal,
           coalesce(sum(receivedOre), 0) as receivedTotal from matched),
       paged as (select k.id, k.receivedOre, row_number() over () as position from
           (select matched.*, nb_sort_key(g.title) as titleKey from matched
              join grants g on g.id = matched.id
             order by ${OUTER_ORDER[input.sort] ?? 'sortValue'} ${dir}, titleKey, id
             limit @limit offset @offset) k)
       select g.id, g.title, g.project_id as projectId, p.name as projectName,
         p.kss_role as kssRole, g.funder_id as funderId, o.name as funderName, g.status,
         g.edition_year as editionYear, g.reference, g.applied_ore as appliedOre,
         g.applied_date as appliedDate, g.awarded_ore as awardedOre,
         g.decision_date as decisionDate, g.period_from as periodFrom, g.period_to as periodTo,
         paged.receivedOre, sums.*
       from paged join grants g on g.id = paged.id
         join projects p on p.id = g.project_id
         join organisations o on o.id = g.funder_id
         cross join sums
       order by paged.position`,
  ).all({
    ...paramsOf(input),
    limit: input.pageSize,
    offset: (page - 1) * input.pageSize,
  }) as Counted[];
}

/** Grants with filters, sorted and paged in SQL, with totals over every matching grant. */
export function listGrantsPaged(
  ctx: ServiceContext,
  input: ParsedInput<'grants.list'>,
): Output<'grants.list'> {
  registerSortKeys(ctx.sqlite);
  let page = input.page;
  let rows = pageOf(ctx, input, page);
  if (rows.length === 0 && page > 1) {
    // Past the last page (the filters now match fewer grants): answer the last page.
    const { n } = cachedStatement(
      ctx.sqlite,
      `select count(*) as n ${FROM_SQL} where ${WHERE_SQL}`,
    ).get(paramsOf(input)) as { n: number };
    page = Math.max(1, Math.ceil(n / input.pageSize));
    rows = pageOf(ctx, input, page);
  }
  const first = rows[0];
  const totals: Totals = {
    appliedOre: first?.appliedTotal ?? 0,
    awardedOre: first?.awardedTotal ?? 0,
    receivedOre: first?.receivedTotal ?? 0,
  };
  const years = yearsOfPage(ctx, rows);
  const summaries: GrantSummary[] = rows.map((r) => ({
    id: r.id,
    title: r.title,
    projectId: r.projectId,
    projectName: r.projectName,
    kssRole: r.kssRole,
    funderId: r.funderId,
    funderName: r.funderName,
    status: r.status,
    editionYear: r.editionYear,
    reference: r.reference,
    appliedOre: r.appliedOre,
    appliedDate: r.appliedDate,
    awardedOre: r.awardedOre,
    decisionDate: r.decisionDate,
    periodFrom: r.periodFrom,
    periodTo: r.periodTo,
    years: years.get(r.id) ?? [],
    receivedOre: r.receivedOre,
  }));
  return { rows: summaries, total: first?.total ?? 0, totals, page, pageSize: input.pageSize };
}
