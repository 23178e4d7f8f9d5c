/**
 * Handlers for the first run: the 2024 example dataset. One line each; the return type lists
 * every method this domain owns, so a method without a handler is a compile error.
 */
import type { DomainHandlers } from '../../src-shared/api/contract';
import type { Services } from '../services';

export function createSetupHandlers(s: Pick<Services, 'exampleData'>): DomainHandlers<'setup'> {
  return {
    'exampleData.status': () => s.exampleData.status(),
    'exampleData.load': (i) => s.exampleData.load(i),
    'exampleData.remove': (i) => s.exampleData.remove(i),
  };
}
