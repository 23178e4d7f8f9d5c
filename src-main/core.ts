/**
 * The app core shared by the Electron shell and the browser host: open the data file,
 * build the services and the one dispatch. Never imports 'electron'.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createDispatch, type Dispatch, type Logger, consoleLogger } from './api/dispatch';
import { createHandlers, type Handlers } from './api/handlers';
import { openDatabase, type OpenedDatabase } from './db/open';
import { createServices, type Services } from './services';
import { systemClock, type Clock } from './services/context';

export const DATA_FILE_NAME = 'tilskudd.sqlite';

export interface CoreOptions {
  dataDir: string;
  migrationsDir: string;
  appVersion: string;
  nativeBinding?: string;
  clock?: Clock;
  actor?: string;
  logger?: Logger;
  /** Handlers the host replaces (the Electron shell supplies `files.saveAs`). */
  overrides?: Partial<Handlers>;
}

export interface Core {
  dispatch: Dispatch;
  services: Services;
  database: OpenedDatabase;
  close(): void;
}

export function startCore(options: CoreOptions): Core {
  fs.mkdirSync(options.dataDir, { recursive: true });
  const file = path.join(options.dataDir, DATA_FILE_NAME);
  const database = openDatabase(
    file,
    options.migrationsDir,
    options.nativeBinding ? { nativeBinding: options.nativeBinding } : {},
  );
  const clock = options.clock ?? systemClock;
  const services = createServices({
    db: database.db,
    sqlite: database.sqlite,
    clock,
    actor: options.actor ?? 'bruker',
  });
  const handlers: Handlers = {
    ...createHandlers(services, {
      appVersion: options.appVersion,
      dataFile: file,
      today: () => clock.today(),
    }),
    ...options.overrides,
  };
  const dispatch = createDispatch(handlers, options.logger ?? consoleLogger);
  return { dispatch, services, database, close: () => database.close() };
}
