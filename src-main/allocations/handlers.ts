/**
 * Handlers for sub-allocations to member centres: allocation rounds, applications,
 * decisions, payouts, centre reports and the round reports. One line each, calling a
 * service. Typed as `Pick<Handlers, AllocationMethods>`, so a contract method in these
 * domains without a handler is a compile error.
 */
import type { Services } from '../services';
import type { Handlers } from '../transport/handlers';

export type AllocationMethods = Extract<
  keyof Handlers,
  | `rounds.${string}`
  | `allocations.${string}`
  | `centreReports.${string}`
  | `reports.round${string}`
>;

export function createAllocationHandlers(s: Services): Pick<Handlers, AllocationMethods> {
  return {
    'rounds.list': (i) => s.rounds.list(i),
    'rounds.get': (i) => s.rounds.get(i),
    'rounds.create': (i) => s.rounds.create(i),
    'rounds.update': (i) => s.rounds.update(i),
    'allocations.saveApplications': (i) => s.allocations.saveApplications(i),
    'allocations.removeApplication': (i) => s.allocations.removeApplication(i),
    'allocations.decide': (i) => s.allocations.decide(i),
    'allocations.markPaid': (i) => s.allocations.markPaid(i),
    'allocations.byCentre': (i) => s.allocations.byCentre(i),
    'allocations.payoutXlsx': (i) => s.roundReports.payoutXlsx(i),
    'centreReports.record': (i) => s.centreReports.record(i),
    'centreReports.recordReturn': (i) => s.centreReports.recordReturn(i),
    'centreReports.keepUnused': (i) => s.centreReports.keepUnused(i),
    'centreReports.overdue': (i) => s.centreReports.overdue(i),
    'centreReports.markReminded': (i) => s.centreReports.markReminded(i),
    'reports.roundFunderReport': (i) => s.roundReports.roundFunderReport(i),
    'reports.roundFunderReportXlsx': (i) => s.roundReports.roundFunderReportXlsx(i),
  };
}
