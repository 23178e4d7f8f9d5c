/**
 * What the application pack says, read from the database: the project and KSS's role, the
 * partners, this funder's grants to the project in the three years before the application's
 * year, the project's key figures, last year's result where KSS is forvalter (awards to
 * centres per region and what the centres reported), and the application with its scenarios.
 * One query per part.
 */
import type { Application } from '../../src-shared/applications/contract';
import type { KeyFigureTable } from '../../src-shared/keyfigures/contract';
import type { KssRole } from '../../src-shared/grants/rules';
import type { Region } from '../../src-shared/registry/centres';
import { yearOf } from '../../src-shared/kernel/dates';
import { createKeyFiguresService } from '../keyfigures/keyfigures';
import type { ServiceContext } from '../platform/context';
import { applicationDetail } from './detail';

export interface PackHistoryRow {
  year: number;
  title: string;
  status: string;
  appliedOre: number | null;
  awardedOre: number | null;
}

export interface PackRegionRow {
  region: Region;
  centres: number;
  awardedOre: number;
  reports: number;
  spentOre: number;
  participants: number;
}

export interface PackData {
  application: Application;
  year: number;
  project: { name: string; description: string | null; kssRole: KssRole };
  partners: { name: string; role: string | null }[];
  history: PackHistoryRow[];
  keyFigures: KeyFigureTable;
  /** Null unless KSS is forvalter: then the previous year's awards per region. */
  lastYear: PackRegionRow[] | null;
}

const YEAR_SQL = `coalesce(g.edition_year, cast(substr(coalesce(g.period_from, g.applied_date, g.decision_date), 1, 4) as integer))`;

export function packData(ctx: ServiceContext, grantId: number): PackData {
  const application = applicationDetail(ctx, grantId);
  const year = application.year ?? yearOf(ctx.clock.today());
  const project = ctx.sqlite
    .prepare(`select name, description, kss_role as kssRole from projects where id = ?`)
    .get(application.projectId) as PackData['project'];
  const partners = ctx.sqlite
    .prepare(
      `select o.name, pp.role from project_partners pp
         join organisations o on o.id = pp.organisation_id
        where pp.project_id = ? order by o.name`,
    )
    .all(application.projectId) as PackData['partners'];
  const history = ctx.sqlite
    .prepare(
      `select ${YEAR_SQL} as year, g.title, g.status, g.applied_ore as appliedOre,
              g.awarded_ore as awardedOre
         from grants g
        where g.project_id = ? and g.funder_id = ? and g.id <> ?
          and ${YEAR_SQL} between ? and ?
        order by year, g.id`,
    )
    .all(
      application.projectId,
      application.funderId,
      grantId,
      year - 3,
      year - 1,
    ) as PackHistoryRow[];
  const keyFigures = createKeyFiguresService(ctx).list({ projectId: application.projectId });
  const lastYear =
    project.kssRole === 'forvalter'
      ? (ctx.sqlite
          .prepare(
            `select mc.region, count(*) as centres, sum(coalesce(a.awarded_ore, 0)) as awardedOre,
                    sum(case when a.report_received_date is not null
                              or a.report_status in ('mottatt','godkjent') then 1 else 0 end) as reports,
                    sum(coalesce(a.spent_ore, 0)) as spentOre,
                    sum(coalesce(a.participants_reached, 0)) as participants
               from allocations a
               join allocation_rounds r on r.id = a.round_id
               join grants g on g.id = r.grant_id
               join member_centres mc on mc.organisation_id = a.centre_id
              where g.project_id = ? and g.funder_id = ? and ${YEAR_SQL} = ?
                and coalesce(a.awarded_ore, 0) > 0
              group by mc.region order by mc.region`,
          )
          .all(application.projectId, application.funderId, year - 1) as PackRegionRow[])
      : null;
  return { application, year, project, partners, history, keyFigures, lastYear };
}
