/**
 * Handlers for the global search. One line each; the return type lists every method this
 * domain owns, so a method without a handler is a compile error.
 */
import type { DomainHandlers } from '../../src-shared/api/contract';
import type { Services } from '../services';

export function createSearchHandlers(s: Pick<Services, 'search'>): DomainHandlers<'search'> {
  return {
    'search.query': (i) => s.search.query(i),
  };
}
