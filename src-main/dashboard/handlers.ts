/**
 * Handlers for the overview page: one line each, calling a service. The return type lists every
 * method this domain owns in the contract, so a method without a handler is a compile error.
 */
import type { DomainHandlers } from '../../src-shared/api/contract';
import type { Services } from '../services';

export function createDashboardHandlers(s: Services): DomainHandlers<'dashboard'> {
  return {
    'dashboard.summary': () => s.dashboard.summary(),
    'dashboard.charts': (input) => s.dashboardCharts.charts(input),
  };
}
