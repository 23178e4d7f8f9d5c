/**
 * The overview's charts for one year (`dashboard.charts`): every figure is one GROUP BY query
 * over the grants, their year splits and the ledger (or its per-year sums) — no query per row.
 */
import type { DashboardCharts } from '../../src-shared/api/contract';
import { AWARDED_STATUSES, MOVEMENT_SIGN, type MovementType } from '../../src-shared/grants/rules';
import { GRANT_STATUS_LABELS } from '../../src-shared/grants/labels';
import { REGION_LABELS } from '../../src-shared/registry/labels';
import { REGIONS, type Region } from '../../src-shared/registry/centres';
import type { ServiceContext } from '../platform/context';

/** Statuses whose awarded amount counts (as in the year-end figures): awarded, partly, closed. */
const AWARD_STATUS_SQL = [...AWARDED_STATUSES, 'avsluttet'].map((s) => `'${s}'`).join(',');
const PIPELINE_STATUSES = ['utkast', 'sokt'] as const;
const SIGN_SQL = `case type ${Object.entries(MOVEMENT_SIGN)
  .map(([type, sign]) => `when '${type as MovementType}' then ${sign}`)
  .join(' ')} else 0 end`;

/**
 * Awarded per grant and year: its year splits when it has any, else the whole award in the
 * year of the decision. A sub-query the per-funder and headline sums share.
 */
const AWARDED_PER_YEAR = `
  select g.funder_id as funder_id, s.year as year, s.amount_ore as amount_ore
  from grant_year_splits s join grants g on g.id = s.grant_id
  where g.awarded_ore is not null and g.status in (${AWARD_STATUS_SQL})
  union all
  select g.funder_id, cast(substr(g.decision_date, 1, 4) as integer), g.awarded_ore
  from grants g
  where g.awarded_ore is not null and g.status in (${AWARD_STATUS_SQL})
    and g.decision_date is not null
    and not exists (select 1 from grant_year_splits s where s.grant_id = g.id)`;

type Sqlite = ServiceContext['sqlite'];
type Charts = DashboardCharts;

const sumOf = (rows: readonly { amountOre: number }[]) =>
  rows.reduce((sum, r) => sum + r.amountOre, 0);

/** Net amount of one movement type per year, `from` to `to` (reversals are negative rows). */
function netPerYear(sqlite: Sqlite, type: MovementType, from: number, to: number) {
  return sqlite
    .prepare(
      `select cast(substr(date, 1, 4) as integer) as year, sum(amount_ore) as amountOre
       from movements where type = ? and date between ? and ? group by 1`,
    )
    .all(type, `${from}-01-01`, `${to}-12-31`) as { year: number; amountOre: number }[];
}

/** Awarded per funder and year, `from` to `to`, rows with an amount only. */
function awardedByFunder(sqlite: Sqlite, from: number, to: number): Charts['awardedByFunder'] {
  return sqlite
    .prepare(
      `select a.funder_id as funderId, o.name as funderName, a.year as year,
              sum(a.amount_ore) as amountOre
       from (${AWARDED_PER_YEAR}) a join organisations o on o.id = a.funder_id
       where a.year between ? and ?
       group by a.funder_id, a.year
       having sum(a.amount_ore) <> 0
       order by o.name_key, a.year`,
    )
    .all(from, to) as Charts['awardedByFunder'];
}

/** Paid to centres minus returned by them in `year`, per region of the centre; every region. */
function paidByRegion(sqlite: Sqlite, year: number): Charts['paidByRegion'] {
  const rows = sqlite
    .prepare(
      `select c.region as region,
              sum(case m.type when 'paid_to_centre' then m.amount_ore
                              else -m.amount_ore end) as amountOre
       from movements m join member_centres c on c.organisation_id = m.centre_id
       where m.type in ('paid_to_centre', 'returned_by_centre')
         and m.date between ? and ?
       group by c.region`,
    )
    .all(`${year}-01-01`, `${year}-12-31`) as { region: Region; amountOre: number }[];
  const paid = new Map(rows.map((r) => [r.region, r.amountOre]));
  return REGIONS.map((region) => ({
    region,
    label: REGION_LABELS[region].nb,
    amountOre: paid.get(region) ?? 0,
  }));
}

/** Grants in «Utkast» and «Søkt» now: how many, and their applied amount. */
function pipelineByStatus(sqlite: Sqlite): Charts['pipelineByStatus'] {
  const rows = sqlite
    .prepare(
      `select status, count(*) as count, coalesce(sum(applied_ore), 0) as amountOre
       from grants where status in ('utkast', 'sokt') group by status`,
    )
    .all() as { status: 'utkast' | 'sokt'; count: number; amountOre: number }[];
  const byStatus = new Map(rows.map((r) => [r.status, r]));
  return PIPELINE_STATUSES.map((status) => ({
    status,
    label: GRANT_STATUS_LABELS[status].nb,
    count: byStatus.get(status)?.count ?? 0,
    amountOre: byStatus.get(status)?.amountOre ?? 0,
  }));
}

/**
 * Every grant's balance at 31 December of `year`, summed (invariant 2's signs), from the
 * ledger's per-year sums (`ledger_sums`, kept by a trigger): a movement dated on or before
 * 31 December is exactly one counted in a year up to `year`. A few rows per grant and year
 * instead of every movement ever recorded (200 000 at 100× data).
 */
function openBalanceAt(sqlite: Sqlite, year: number): number {
  const row = sqlite
    .prepare(
      `select coalesce(sum(${SIGN_SQL} * amount_ore), 0) as ore from ledger_sums where year <= ?`,
    )
    .get(year) as { ore: number };
  return row.ore;
}

export function createDashboardChartsService(ctx: ServiceContext) {
  const { sqlite } = ctx;
  return {
    charts(input: { year: number }): DashboardCharts {
      const year = input.year;
      const first = year - 4;
      const years = [first, first + 1, first + 2, first + 3, year];
      const awarded = awardedByFunder(sqlite, first, year);
      const admin = new Map(
        netPerYear(sqlite, 'admin_share', first, year).map((r) => [r.year, r.amountOre]),
      );
      const passedOnOre =
        sumOf(netPerYear(sqlite, 'paid_to_centre', year, year)) -
        sumOf(netPerYear(sqlite, 'returned_by_centre', year, year));
      return {
        year,
        years,
        awardedByFunder: awarded,
        adminShareByYear: years.map((y) => ({ year: y, amountOre: admin.get(y) ?? 0 })),
        paidByRegion: paidByRegion(sqlite, year),
        pipelineByStatus: pipelineByStatus(sqlite),
        headline: {
          awardedOre: sumOf(awarded.filter((r) => r.year === year)),
          passedOnOre,
          adminShareOre: admin.get(year) ?? 0,
          openBalanceOre: openBalanceAt(sqlite, year),
        },
      };
    },
  };
}
