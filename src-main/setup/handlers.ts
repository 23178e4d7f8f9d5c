/**
 * Handlers for the first run: the 2024 example dataset, the welcome screen and the
 * organisation's settings. One line each; the return type lists every method this domain
 * owns, so a method without a handler is a compile error.
 */
import type { DomainHandlers } from '../../src-shared/api/contract';
import type { Services } from '../services';

export function createSetupHandlers(
  s: Pick<Services, 'exampleData' | 'settings'>,
): DomainHandlers<'setup'> {
  return {
    'exampleData.status': () => s.exampleData.status(),
    'exampleData.load': (i) => s.exampleData.load(i),
    'exampleData.remove': (i) => s.exampleData.remove(i),
    'settings.getOrganisation': () => s.settings.getOrganisation(),
    'settings.setOrganisation': (i) => s.settings.setOrganisation(i),
    'setup.firstRunStatus': () => s.settings.firstRunStatus(),
    'setup.dismissWelcome': () => s.settings.dismissWelcome(),
  };
}
