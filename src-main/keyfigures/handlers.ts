/** Handlers for key figures: one line each, calling the service. */
import type { DomainHandlers } from '../../src-shared/api/contract';
import type { Services } from '../services';

export function createKeyFiguresHandlers(s: Services): DomainHandlers<'keyfigures'> {
  return {
    'keyFigures.list': (i) => s.keyFigures.list(i),
    'keyFigures.add': (i) => s.keyFigures.add(i),
    'keyFigures.update': (i) => s.keyFigures.update(i),
    'keyFigures.remove': (i) => s.keyFigures.remove(i),
  };
}
