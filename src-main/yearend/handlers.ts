/**
 * Handlers for the year-end close, the accountant's exports, the annual report's tables and
 * the account codes: one line each, calling a service. Typed as `Pick<Handlers,
 * YearEndMethods>`, so a contract method in these domains without a handler is a compile
 * error.
 */
import type { Services } from '../services';
import type { Handlers } from '../transport/handlers';

export type YearEndMethods = Extract<
  keyof Handlers,
  `yearEnd.${string}` | `exports.${string}` | `reports.annual${string}` | `settings.${string}`
>;

export function createYearEndHandlers(s: Services): Pick<Handlers, YearEndMethods> {
  return {
    'yearEnd.overview': (i) => s.yearEnd.overview(i),
    'yearEnd.decideBalance': (i) => s.yearEnd.decideBalance(i),
    'yearEnd.confirmException': (i) => s.yearEnd.confirmException(i),
    'yearEnd.close': (i) => s.yearEnd.close(i),
    'yearEnd.reopen': (i) => s.yearEnd.reopen(i),
    'exports.yearWorkbook': (i) => s.yearExports.yearWorkbook(i),
    'exports.accountingCsv': (i) => s.yearExports.accountingCsv(i),
    'reports.annualProjects': (i) => s.annualReport.annualProjects(i),
    'reports.annualProjectsXlsx': (i) => s.annualReport.annualProjectsXlsx(i),
    'reports.annualMembers': (i) => s.annualReport.annualMembers(i),
    'reports.annualMembersXlsx': (i) => s.annualReport.annualMembersXlsx(i),
    'settings.getAccounts': () => s.accountSettings.getAccounts(),
    'settings.setAccounts': (i) => s.accountSettings.setAccounts(i),
  };
}
