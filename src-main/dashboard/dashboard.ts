/** The overview page's figures, summed in SQL from the same tables the ledgers use. */
import type { Dashboard } from '../../src-shared/api/contract';
import { addDays } from '../../src-shared/kernel/dates';
import { isMemberOn } from '../../src-shared/registry/centres';
import type { ServiceContext } from '../platform/context';

interface YearRow {
  year: number;
  amount: number;
}

export function createDashboardService(ctx: ServiceContext, deps: { overdueCount(): number }) {
  const { sqlite } = ctx;
  const sumBy = (sql: string): Map<number, number> =>
    new Map((sqlite.prepare(sql).all() as YearRow[]).map((r) => [r.year, r.amount]));
  const movementsBy = (type: string) =>
    sumBy(
      `select cast(substr(date, 1, 4) as integer) as year, sum(amount_ore) as amount
       from movements where type = '${type}' group by 1`,
    );

  return {
    summary(): Dashboard {
      const today = ctx.clock.today();
      const awarded = sumBy(
        'select year, sum(amount_ore) as amount from grant_year_splits group by year',
      );
      const unconfirmed = sumBy(
        'select year, sum(amount_ore) as amount from grant_year_splits where confirmed = 0 group by year',
      );
      const received = movementsBy('received');
      const admin = movementsBy('admin_share');
      const paid = movementsBy('paid_to_centre');
      const years = [...new Set([...awarded.keys(), ...received.keys(), ...paid.keys()])]
        .sort((a, b) => a - b)
        .slice(-6);
      const horizon = addDays(today, 60);
      const grantDeadlines = sqlite
        .prepare(
          `select d.due_date as date, g.title as title, d.description as what, g.id as id
           from grant_deadlines d join grants g on g.id = d.grant_id
           where d.done_date is null and d.due_date between ? and ?`,
        )
        .all(today, horizon) as { date: string; title: string; what: string; id: number }[];
      const centreDeadlines = sqlite
        .prepare(
          `select a.report_due_date as date, o.name as title, r.name as what, r.id as id
           from allocations a
           join allocation_rounds r on r.id = a.round_id
           join organisations o on o.id = a.centre_id
           where a.report_received_date is null and coalesce(a.awarded_ore, 0) > 0
             and a.report_due_date between ? and ?`,
        )
        .all(today, horizon) as { date: string; title: string; what: string; id: number }[];
      const periods = sqlite
        .prepare(
          'select centre_id as centreId, joined_date as joinedDate, left_date as leftDate from memberships',
        )
        .all() as { centreId: number; joinedDate: string; leftDate: string | null }[];
      return {
        today,
        membersToday: isMemberOnAny(periods, today),
        perYear: years.map((year) => ({
          year,
          awardedOre: awarded.get(year) ?? 0,
          awardedUnconfirmedOre: unconfirmed.get(year) ?? 0,
          receivedOre: received.get(year) ?? 0,
          adminShareOre: admin.get(year) ?? 0,
          paidToCentresOre: paid.get(year) ?? 0,
        })),
        overdueReports: deps.overdueCount(),
        upcoming: [
          ...grantDeadlines.map((d) => ({
            date: d.date,
            kind: 'grant' as const,
            title: d.title,
            what: d.what,
            link: `/grants/${d.id}`,
          })),
          ...centreDeadlines.map((d) => ({
            date: d.date,
            kind: 'centre' as const,
            title: d.title,
            what: `Rapport: ${d.what}`,
            link: `/rounds/${d.id}`,
          })),
        ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
      };
    },
  };
}

/** How many distinct centres are members on the date. */
function isMemberOnAny(
  periods: readonly { centreId: number; joinedDate: string; leftDate: string | null }[],
  date: string,
): number {
  const byCentre = new Map<number, { joinedDate: string; leftDate: string | null }[]>();
  for (const p of periods) byCentre.set(p.centreId, [...(byCentre.get(p.centreId) ?? []), p]);
  let n = 0;
  for (const list of byCentre.values()) if (isMemberOn(list, date)) n++;
  return n;
}
