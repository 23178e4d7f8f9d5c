/**
 * Handlers for the year-end close, the accountant's exports, the annual report tables and account codes: one line each, calling a service. The return type lists every
 * method this domain owns in the contract, so a method without a handler is a compile error.
 */
import type { DomainHandlers } from '../../src-shared/api/contract';
import type { Services } from '../services';

export function createYearEndHandlers(s: Services): DomainHandlers<'yearend'> {
  return {
    'yearEnd.overview': (i) => s.yearEnd.overview(i),
    'yearEnd.decideBalance': (i) => s.yearEnd.decideBalance(i),
    'yearEnd.confirmException': (i) => s.yearEnd.confirmException(i),
    'yearEnd.close': (i) => s.yearEnd.close(i),
    'yearEnd.reopen': (i) => s.yearEnd.reopen(i),
    'yearEnd.exportWorkbook': (i) => s.yearExports.yearWorkbook(i),
    'yearEnd.exportAccountingCsv': (i) => s.yearExports.accountingCsv(i),
    'annualReport.projects': (i) => s.annualReport.annualProjects(i),
    'annualReport.projectsXlsx': (i) => s.annualReport.annualProjectsXlsx(i),
    'annualReport.members': (i) => s.annualReport.annualMembers(i),
    'annualReport.membersXlsx': (i) => s.annualReport.annualMembersXlsx(i),
    'accounts.list': () => s.accountSettings.getAccounts(),
    'accounts.set': (i) => s.accountSettings.setAccounts(i),
  };
}
