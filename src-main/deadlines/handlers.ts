/** Handlers for Frister (the deadline calendar): one line each, calling the service. */
import type { DomainHandlers } from '../../src-shared/api/contract';
import type { Services } from '../services';

export function createDeadlinesHandlers(s: Services): DomainHandlers<'deadlines'> {
  return {
    'deadlines.list': (i) => s.deadlines.list(i),
    'deadlines.ics': () => s.deadlines.ics(),
  };
}
