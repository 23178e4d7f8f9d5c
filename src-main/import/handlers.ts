/**
 * Handlers for import from Excel/CSV: one line each, calling a service. The return type lists every
 * method this domain owns in the contract, so a method without a handler is a compile error.
 */
import type { DomainHandlers } from '../../src-shared/api/contract';
import type { Services } from '../services';

export function createImportHandlers(s: Services): DomainHandlers<'import'> {
  return {
    'import.preview': (i) => s.import.preview(i),
    'import.commit': (i) => s.import.commit(i),
    'import.list': () => s.import.list(),
  };
}
