/**
 * Handlers for import from Excel/CSV: one line each. Typed as `Pick<Handlers, ImportMethods>`,
 * so an `import.*` method in the contract without a handler is a compile error.
 */
import type { Services } from '../services';
import type { Handlers } from '../transport/handlers';

export type ImportMethods = Extract<keyof Handlers, `import.${string}`>;

export function createImportHandlers(s: Pick<Services, 'imports'>): Pick<Handlers, ImportMethods> {
  return {
    'import.preview': (i) => s.imports.preview(i),
    'import.commit': (i) => s.imports.commit(i),
    'import.list': () => s.imports.list(),
  };
}
