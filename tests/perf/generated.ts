/**
 * Generated data for the perf tests: a data folder from the bench generator, opened with the
 * app's own openDatabase, with the real services and dispatch over it (clock fixed at the
 * generator's «today») and a statement counter installed before the services exist.
 */
import path from 'node:path';
import { createDispatch, type Dispatch } from '../../src-main/transport/dispatch';
import { createHandlers } from '../../src-main/transport/handlers';
import { DATA_FILE_NAME } from '../../src-main/core';
import { openDatabase, type OpenedDatabase } from '../../src-main/platform/database';
import { createServices } from '../../src-main/services';
import { fixedClock } from '../../src-main/platform/context';
import { ACTOR, GEN_TODAY, generate, readGenInfo, type GenInfo } from '../bench/gen/generate';
import { countStatements, type StatementCounter } from '../helpers/statements';
import { MIGRATIONS_DIR } from '../helpers/paths';
import { tempDir } from '../helpers/temp';

export interface GeneratedApp {
  dir: string;
  info: GenInfo;
  opened: OpenedDatabase;
  dispatch: Dispatch;
  counter: StatementCounter;
  cleanup(): void;
}

export async function generatedApp(scale: number): Promise<GeneratedApp> {
  const tmp = tempDir('tilskudd-perf-');
  await generate({ scale, out: tmp.dir });
  const opened = openDatabase(path.join(tmp.dir, DATA_FILE_NAME), MIGRATIONS_DIR);
  const counter = countStatements(opened.sqlite);
  const services = createServices({
    db: opened.db,
    sqlite: opened.sqlite,
    clock: fixedClock(GEN_TODAY),
    actor: ACTOR,
  });
  const dispatch = createDispatch(
    createHandlers(services, { appVersion: 'test', dataFile: tmp.dir, today: () => GEN_TODAY }),
  );
  return {
    dir: tmp.dir,
    info: readGenInfo(tmp.dir),
    opened,
    dispatch,
    counter,
    cleanup: () => {
      if (opened.sqlite.open) opened.close();
      tmp.cleanup();
    },
  };
}
