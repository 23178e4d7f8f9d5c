/**
 * Handlers for the change log and backups: one line each, calling a service. The return type lists every
 * method this domain owns in the contract, so a method without a handler is a compile error.
 */
import type { DomainHandlers } from '../../src-shared/api/contract';
import type { Services } from '../services';

export function createSafetyHandlers(
  s: Pick<Services, 'audit' | 'backups'>,
): DomainHandlers<'safety'> {
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
