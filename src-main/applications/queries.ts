/**
 * Read models of the application pipeline, in SQL: the paged pipeline with its totals per
 * status, the caps that apply to an application, and a funder's success rates. Each read is
 * one statement (no query per row); aggregates are computed by SQLite.
 */
import type {
  ApplicationList,
  Cap,
  FunderApplications,
  ParsedInput,
} from '../../src-shared/api/contract';
import {
  DECIDED_APPLICATION_STATUSES,
  DECIDED_WINDOW_MONTHS,
  monthsBefore,
  OPEN_APPLICATION_STATUSES,
  type ApplicationSort,
  type PipelineStatus,
} from '../../src-shared/applications/rules';
import {
  GRANT_STATUSES,
  GRANT_TRANSITIONS,
  type GrantStatus,
  type KssRole,
} from '../../src-shared/grants/rules';
import { nameKey, type ServiceContext } from '../platform/context';

/** The SQL function `nb_key(text)`: the same case-insensitive key as `nameKey`. */
export function registerNameKeyFunction(ctx: Pick<ServiceContext, 'sqlite'>): void {
  ctx.sqlite.function('nb_key', { deterministic: true }, (value: unknown) =>
    value === null || value === undefined ? null : nameKey(String(value)),
  );
}

/** An application's year: edition year, else the year of its deadline, application or decision. */
export const APPLICATION_YEAR_SQL = `coalesce(g.edition_year,
  cast(substr(g.application_deadline, 1, 4) as integer),
  cast(substr(g.applied_date, 1, 4) as integer),
  cast(substr(g.decision_date, 1, 4) as integer))`;

const quoted = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

const IN_PIPELINE_SQL = `(g.status in (${quoted(OPEN_APPLICATION_STATUSES)})
  or (g.status in (${quoted(DECIDED_APPLICATION_STATUSES)}) and g.decision_date >= @since))`;

/**
 * The pipeline's order per column: empty values last in either direction, then the column in
 * the direction asked for (or its natural one), then deadline, funder, title and id. Status
 * follows the life-cycle (utkast → søkt → … ), not the codes' alphabet.
 */
const STATUS_ORDER_SQL = `case g.status ${GRANT_STATUSES.map((s, i) => `when '${s}' then ${i}`).join(' ')} end`;
const ORDER: Record<ApplicationSort, { empty?: string; key: string; natural: 'asc' | 'desc' }> = {
  deadline: {
    empty: 'g.application_deadline is null',
    key: 'g.application_deadline',
    natural: 'asc',
  },
  funder: { key: 'fo.name_key', natural: 'asc' },
  applied: { empty: 'g.applied_ore is null', key: 'g.applied_ore', natural: 'desc' },
  project: { key: 'p.name_key', natural: 'asc' },
  status: { key: STATUS_ORDER_SQL, natural: 'asc' },
  scenario: { empty: 's.name is null', key: 'nb_key(s.name)', natural: 'asc' },
};
const TIES = 'g.application_deadline is null, g.application_deadline, fo.name_key, g.title, g.id';

function orderBy(sort: ApplicationSort, dir: 'asc' | 'desc' | null): string {
  const o = ORDER[sort];
  return [o.empty, `${o.key} ${dir ?? o.natural}`, TIES].filter(Boolean).join(', ');
}

interface ListRow {
  grantId: number;
  title: string;
  status: GrantStatus;
  year: number | null;
  deadline: string | null;
  funderId: number;
  funderName: string;
  schemeName: string | null;
  projectId: number;
  projectName: string;
  kssRole: KssRole;
  appliedOre: number | null;
  awardedOre: number | null;
  decisionDate: string | null;
  scenarioCount: number;
  chosenScenarioId: number | null;
  chosenScenarioName: string | null;
  chosenScenarioOre: number | null;
}

/** The pipeline: one statement for the page, one for the totals per status. */
export function listApplications(
  ctx: ServiceContext,
  input: ParsedInput<'applications.list'>,
): ApplicationList {
  const since = monthsBefore(ctx.clock.today(), DECIDED_WINDOW_MONTHS);
  const params = {
    since,
    status: input.status,
    funderId: input.funderId,
    year: input.year,
    search: input.search === null ? null : nameKey(input.search),
  };
  const where = `${IN_PIPELINE_SQL}
    and (@status is null or g.status = @status)
    and (@funderId is null or g.funder_id = @funderId)
    and (@year is null or ${APPLICATION_YEAR_SQL} = @year)
    and (@search is null
      or instr(nb_key(g.title), @search) > 0
      or instr(fo.name_key, @search) > 0
      or instr(p.name_key, @search) > 0
      or instr(coalesce(nb_key(g.scheme_name), ''), @search) > 0
      or instr(coalesce(nb_key(g.reference), ''), @search) > 0)`;
  const from = `from grants g
    join organisations fo on fo.id = g.funder_id
    join projects p on p.id = g.project_id`;
  const totals = ctx.sqlite
    .prepare(
      `select g.status as status, count(*) as count,
         coalesce(sum(g.applied_ore), 0) as appliedOre,
         coalesce(sum(g.awarded_ore), 0) as awardedOre
       ${from} where ${where} group by g.status`,
    )
    .all(params) as {
    status: PipelineStatus;
    count: number;
    appliedOre: number;
    awardedOre: number;
  }[];
  const total = totals.reduce((n, t) => n + t.count, 0);
  const pageCount = Math.max(1, Math.ceil(total / input.pageSize));
  const page = Math.min(input.page, pageCount);
  const rows = ctx.sqlite
    .prepare(
      `select g.id as grantId, g.title, g.status, ${APPLICATION_YEAR_SQL} as year,
         g.application_deadline as deadline, g.funder_id as funderId, fo.name as funderName,
         g.scheme_name as schemeName, g.project_id as projectId, p.name as projectName,
         p.kss_role as kssRole, g.applied_ore as appliedOre, g.awarded_ore as awardedOre,
         g.decision_date as decisionDate,
         (select count(*) from application_scenarios c where c.grant_id = g.id) as scenarioCount,
         s.id as chosenScenarioId, s.name as chosenScenarioName, s.amount_ore as chosenScenarioOre
       ${from}
       left join application_scenarios s on s.grant_id = g.id and s.chosen = 1
       where ${where}
       order by ${orderBy(input.sort, input.dir)}
       limit @limit offset @offset`,
    )
    .all({ ...params, limit: input.pageSize, offset: (page - 1) * input.pageSize }) as ListRow[];
  const order = [...OPEN_APPLICATION_STATUSES, ...DECIDED_APPLICATION_STATUSES] as string[];
  return {
    rows: rows.map((r) => ({ ...r, allowedTransitions: [...GRANT_TRANSITIONS[r.status]] })),
    totals: totals.sort((a, b) => order.indexOf(a.status) - order.indexOf(b.status)),
    total,
    page,
    pageSize: input.pageSize,
    pageCount,
    decidedSince: since,
  };
}

const CAP_COLUMNS = `c.id, c.funder_id as funderId, o.name as funderName,
  case when c.year is null then 'scheme' else 'year' end as kind,
  c.year, c.scheme_name as schemeName, c.amount_ore as amountOre, c.note`;

/** Caps of one funder (or all), per-year caps newest first, then per-scheme ones by name. */
export function capsOf(ctx: ServiceContext, funderId: number | null): Cap[] {
  return ctx.sqlite
    .prepare(
      `select ${CAP_COLUMNS} from funder_caps c join organisations o on o.id = c.funder_id
       where @funderId is null or c.funder_id = @funderId
       order by o.name_key, c.year is null, c.year desc, c.scheme_key`,
    )
    .all({ funderId }) as Cap[];
}

/** The caps that apply to one application: its scheme's, and its funder's for its year. */
export function capsForGrant(ctx: ServiceContext, grantId: number): Cap[] {
  return ctx.sqlite
    .prepare(
      `select ${CAP_COLUMNS} from grants g
       join funder_caps c on c.funder_id = g.funder_id
       join organisations o on o.id = c.funder_id
       where g.id = @grantId
         and ((c.scheme_key is not null and c.scheme_key = nb_key(g.scheme_name))
           or (c.year is not null and c.year = ${APPLICATION_YEAR_SQL}))
       order by c.amount_ore, c.id`,
    )
    .all({ grantId }) as Cap[];
}

const AWARDED_SQL = `g.status in ('innvilget', 'delvis_innvilget', 'avsluttet')`;
const DECIDED_SQL = `(${AWARDED_SQL} or g.status = 'avslatt')`;

/** A funder's page: success per year, last decisions, caps and deadlines. */
export function funderOverview(ctx: ServiceContext, funderId: number): FunderApplications {
  const successByYear = ctx.sqlite
    .prepare(
      `select year, appliedCount, appliedOre, pendingCount, decidedCount, decidedAppliedOre,
         awardedCount, awardedOre,
         case when decidedCount > 0
           then cast(round(awardedCount * 10000.0 / decidedCount) as integer) end as countRateBp,
         case when decidedAppliedOre > 0
           then cast(round(awardedOre * 10000.0 / decidedAppliedOre) as integer) end as amountRateBp
       from (
         select ${APPLICATION_YEAR_SQL} as year,
           count(*) as appliedCount,
           coalesce(sum(g.applied_ore), 0) as appliedOre,
           sum(g.status = 'sokt') as pendingCount,
           sum(${DECIDED_SQL}) as decidedCount,
           coalesce(sum(case when ${DECIDED_SQL} then g.applied_ore end), 0) as decidedAppliedOre,
           sum(${AWARDED_SQL}) as awardedCount,
           coalesce(sum(case when ${AWARDED_SQL} then g.awarded_ore end), 0) as awardedOre
         from grants g
         where g.funder_id = @funderId and g.status not in ('utkast', 'trukket')
         group by 1
       ) where year is not null
       order by year desc`,
    )
    .all({ funderId }) as FunderApplications['successByYear'];
  const lastDecisions = ctx.sqlite
    .prepare(
      `select g.id as grantId, g.title, p.name as projectName, g.status,
         g.decision_date as decisionDate, g.applied_ore as appliedOre, g.awarded_ore as awardedOre
       from grants g join projects p on p.id = g.project_id
       where g.funder_id = @funderId and g.decision_date is not null
       order by g.decision_date desc, g.id desc limit 10`,
    )
    .all({ funderId }) as FunderApplications['lastDecisions'];
  const deadlines = (
    ctx.sqlite
      .prepare(
        `select g.id as grantId, g.title, g.application_deadline as date, 'application' as kind,
           'Søknadsfrist' as what, 0 as done
         from grants g
         where g.funder_id = @funderId and g.application_deadline is not null
           and g.status in (${quoted(OPEN_APPLICATION_STATUSES)})
         union all
         select g.id, g.title, d.due_date, 'report', d.description, d.done_date is not null
         from grant_deadlines d join grants g on g.id = d.grant_id
         where g.funder_id = @funderId
         order by 6, 3, 1`,
      )
      .all({ funderId }) as (Omit<FunderApplications['deadlines'][number], 'done'> & {
      done: number;
    })[]
  ).map((d) => ({ ...d, done: d.done === 1 }));
  return { funderId, successByYear, lastDecisions, caps: capsOf(ctx, funderId), deadlines };
}
