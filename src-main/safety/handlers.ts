/**
 * Handlers for the change log and backups: one line each. Typed as
 * `Pick<Handlers, SafetyMethods>`, so an `audit.*` or `backups.*` method in the contract
 * without a handler is a compile error.
 */
import type { Services } from '../services';
import type { Handlers } from '../transport/handlers';

export type SafetyMethods = Extract<keyof Handlers, `audit.${string}` | `backups.${string}`>;

export function createSafetyHandlers(
  s: Pick<Services, 'audit' | 'backups'>,
): Pick<Handlers, SafetyMethods> {
  return {
    'audit.list': (i) => s.audit.list(i),
    'audit.exportXlsx': (i) => s.audit.exportXlsx(i),
    'backups.status': () => s.backups.status(),
    'backups.list': () => s.backups.list(),
    'backups.create': () => s.backups.create(),
    'backups.inspect': (i) => s.backups.inspect(i.fileName),
    'backups.restore': (i) => s.backups.restore(i.fileName),
    'backups.download': (i) => s.backups.download(i.fileName),
    'backups.getSettings': () => s.backups.getSettings(),
    'backups.setSettings': (i) => s.backups.setSettings(i),
  };
}
