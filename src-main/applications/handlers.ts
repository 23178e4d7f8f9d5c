/**
 * Handlers for funder applications: one line each, calling the service. The return type
 * lists every method this domain owns in the contract, so a missing handler is a compile error.
 */
import type { DomainHandlers } from '../../src-shared/api/contract';
import type { Services } from '../services';

export function createApplicationsHandlers(s: Services): DomainHandlers<'applications'> {
  return {
    'applications.list': (input) => s.applications.list(input),
    'applications.get': (input) => s.applications.get(input),
    'applications.setDeadline': (input) => s.applications.setDeadline(input),
    'applications.addScenario': (input) => s.applications.addScenario(input),
    'applications.updateScenario': (input) => s.applications.updateScenario(input),
    'applications.removeScenario': (input) => s.applications.removeScenario(input),
    'applications.chooseScenario': (input) => s.applications.chooseScenario(input),
    'applications.caps': (input) => s.applications.caps(input),
    'applications.setCap': (input) => s.applications.setCap(input),
    'applications.removeCap': (input) => s.applications.removeCap(input),
    'applications.createNextYear': (input) => s.applications.createNextYear(input),
    'applications.funderOverview': (input) => s.applications.funderOverview(input),
    'applications.pack': (input) => s.applications.pack(input),
    'applications.packView': (input) => s.packView.view(input),
  };
}
