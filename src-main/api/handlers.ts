/**
 * The handler table: one entry per contract method. Written with `satisfies Handlers`,
 * so a method in the contract without a handler is a compile error.
 */
import type { Method, Output, ParsedInput } from '../../src-shared/api/contract';
import { AppError } from '../../src-shared/api/errors';
import type { Services } from '../services';
import { createAllocationHandlers } from './handlers-allocations';
import { createExampleHandlers } from './handlers-example';
import { createGrantHandlers } from './handlers-grants';
import { createImportHandlers } from './handlers-import';
import { createSafetyHandlers } from './handlers-safety';
import { createYearEndHandlers } from './handlers-yearend';

export type Handler<M extends Method> = (input: ParsedInput<M>) => Output<M> | Promise<Output<M>>;
export type Handlers = { [M in Method]: Handler<M> };

export interface SystemInfo {
  appVersion: string;
  dataFile: string;
  today: () => string;
}

export function createHandlers(s: Services, info: SystemInfo): Handlers {
  return {
    'system.info': () => ({
      appVersion: info.appVersion,
      dataFile: info.dataFile,
      today: info.today(),
    }),
    'files.saveAs': () => {
      // Replaced by the Electron shell; the browser renderer downloads files itself.
      throw new AppError('FORBIDDEN', 'Lagre som… finnes bare i skrivebordsprogrammet.');
    },
    'dashboard.summary': () => s.dashboard.summary(),
    'centres.list': (i) => s.centres.list(i),
    'centres.get': (i) => s.centres.get(i),
    'centres.create': (i) => s.centres.create(i),
    'centres.update': (i) => s.centres.update(i),
    'centres.addMembership': (i) => s.centres.addMembership(i),
    'centres.updateMembership': (i) => s.centres.updateMembership(i),
    'centres.deleteMembership': (i) => s.centres.deleteMembership(i),
    ...createGrantHandlers(s),
    ...createAllocationHandlers(s),
    ...createSafetyHandlers(s),
    ...createYearEndHandlers(s),
    ...createImportHandlers(s),
    ...createExampleHandlers(s),
  } satisfies Handlers;
}
