/**
 * Handlers for the example dataset (first run): one line each. Typed as
 * `Pick<Handlers, ExampleMethods>`, so an `exampleData.*` method in the contract without a
 * handler is a compile error.
 */
import type { Services } from '../services';
import type { Handlers } from './handlers';

export type ExampleMethods = Extract<keyof Handlers, `exampleData.${string}`>;

export function createExampleHandlers(
  s: Pick<Services, 'exampleData'>,
): Pick<Handlers, ExampleMethods> {
  return {
    'exampleData.status': () => s.exampleData.status(),
    'exampleData.load': (i) => s.exampleData.load(i),
    'exampleData.remove': (i) => s.exampleData.remove(i),
  };
}
