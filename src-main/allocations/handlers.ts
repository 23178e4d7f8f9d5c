/**
 * Handlers for rounds, allocations, centre reports and the funder report: one line each, calling a service. The return type lists every
 * method this domain owns in the contract, so a method without a handler is a compile error.
 */
import type { DomainHandlers } from '../../src-shared/api/contract';
import type { Services } from '../services';

export function createAllocationsHandlers(s: Services): DomainHandlers<'allocations'> {
  return {
    'rounds.list': (i) => s.rounds.list(i),
    'rounds.get': (i) => s.rounds.get(i),
    'rounds.create': (i) => s.rounds.create(i),
    'rounds.update': (i) => s.rounds.update(i),
    'rounds.eligibleCentres': (i) => s.rounds.eligibleCentres(i),
    'rounds.funderReport': (i) => s.roundReports.roundFunderReport(i),
    'rounds.funderReportXlsx': (i) => s.roundReports.roundFunderReportXlsx(i),
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
  };
}
