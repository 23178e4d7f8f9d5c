/**
 * Handlers for the system calls: version, data file and today's date; «Lagre som…» exists
 * only in the desktop app, where the Electron shell replaces this handler.
 */
import type { DomainHandlers } from '../../src-shared/api/contract';
import { AppError } from '../../src-shared/api/errors';

export interface SystemInfo {
  appVersion: string;
  dataFile: string;
  today: () => string;
  /** The last lines of the production log (`<dataDir>/logg/tilskudd.log`). */
  log?: () => { file: string | null; lines: string[] };
}

export function createSystemHandlers(info: SystemInfo): DomainHandlers<'system'> {
  return {
    'system.info': () => ({
      appVersion: info.appVersion,
      dataFile: info.dataFile,
      today: info.today(),
    }),
    'system.log': () => info.log?.() ?? { file: null, lines: [] },
    'files.saveAs': () => {
      // Replaced by the Electron shell; the browser renderer downloads files itself.
      throw new AppError('FORBIDDEN', 'Lagre som… finnes bare i skrivebordsprogrammet.');
    },
  };
}
