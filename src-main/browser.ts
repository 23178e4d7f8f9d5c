/**
 * Browser mode: the same app served by the localhost transport on a real data folder.
 * Used where Electron cannot start, and by the e2e tests. Prints the URL to open (with the
 * per-launch token) on a line of its own once it answers.
 *
 * When the data file cannot be opened (damaged, not SQLite, from a newer version) it does
 * not write to it: it prints what is wrong and the verified backups, and serves the app in
 * recovery mode, where the page offers those backups for restore. `--restore FILE` puts a
 * verified copy in place before start (the current file is kept in the backup folder).
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { openCoreOrRecovery, restoreBeforeStart, type Core, type RecoveryCore } from './core';
import { serveThenBackup } from './startup-backup';
import { DatabaseOpenError } from './platform/database';
import { defaultDataDir, parseHostArgs } from './platform/host-paths';
import { startHttpServer, type RunningServer } from './transport/http/server';
import { acquireDataDirLock, DataDirLockedError } from './platform/lock';
import { startupStorageLine } from './platform/storage-errors';

declare const __APP_VERSION__: string;

type CoreOptions = Parameters<typeof openCoreOrRecovery>[0];

/** The data folder's lock; another instance on the same folder ends this one (exit 3). */
function lockDataDir(dataDir: string): () => void {
  try {
    return acquireDataDirLock(dataDir);
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      console.error(error.message);
      process.exit(3);
    }
    exitOnStorageProblem(error, dataDir);
    throw error;
  }
}

/** `--restore FILE`: the data file is closed (nothing has opened it yet) and ours (lock). */
function restoreFirst(coreOptions: CoreOptions, source: string, release: () => void): void {
  try {
    const result = restoreBeforeStart(coreOptions, source);
    console.log(`Sikkerhetskopien ${source} er gjenopprettet.`);
    if (result.safetyCopy) {
      console.log(`Dataene fra før gjenopprettingen ligger i ${result.safetyCopy.fileName}.`);
    }
    if (result.damagedCopy) {
      console.log(`Den gamle datafilen er tatt vare på som ${result.damagedCopy}.`);
    }
  } catch (error) {
    release();
    console.error(
      `Kunne ikke gjenopprette ${source}: ${error instanceof Error ? error.message : String(error)}`,
    );
    console.error('Datafilen er ikke endret.');
    process.exit(5);
  }
}

/** The core, or a recovery core; a data file that cannot be opened otherwise ends (exit 4). */
function openCore(coreOptions: CoreOptions, release: () => void): Core | RecoveryCore {
  let core: Core | RecoveryCore;
  try {
    core = openCoreOrRecovery(coreOptions);
  } catch (error) {
    release();
    exitOnStorageProblem(error, coreOptions.dataDir);
    if (error instanceof DatabaseOpenError) {
      console.error(`Kan ikke åpne datafilen i ${coreOptions.dataDir}: ${error.message}`);
      process.exit(4);
    }
    throw error;
  }
  if (core.mode === 'recovery') {
    // The file is not written; the page offers the verified backups.
    console.error(core.message);
    console.error('');
  }
  // A backup folder from the settings that cannot be used does not stop the start; say why.
  const folderProblem = core.backupManager.folderProblem();
  if (folderProblem) console.error(folderProblem);
  return core;
}

/** Ctrl+C and SIGTERM close the server, then the core, then the lock. */
function stopOnSignals(server: RunningServer, core: Core | RecoveryCore, release: () => void) {
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void server.close().finally(() => {
      core.close();
      release();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.on('exit', () => release());
}

async function main(): Promise<void> {
  const args = parseHostArgs(process.argv.slice(2), defaultDataDir());
  if (typeof args === 'string') {
    console.error(args);
    process.exit(2);
  }
  const here = import.meta.dirname;
  const migrationsDir =
    process.env.TILSKUDD_MIGRATIONS_DIR ?? path.resolve(here, '../../db/migrations');
  const rendererDir = path.resolve(here, '../renderer');
  const token = process.env.TILSKUDD_API_TOKEN || randomBytes(24).toString('hex');

  const release = lockDataDir(args.dataDir);
  const coreOptions = {
    dataDir: args.dataDir,
    migrationsDir,
    appVersion: __APP_VERSION__,
    actor: process.env.USER ?? process.env.USERNAME ?? 'bruker',
    // Taken once the server answers (serveThenBackup below), not before it listens.
    backups: { atStartup: 'deferred' as const },
  };
  if (args.restore) restoreFirst(coreOptions, args.restore, release);
  const core = openCore(coreOptions, release);

  const { served: server } = await serveThenBackup(core, () =>
    startHttpServer({
      dispatch: core.dispatch,
      token,
      rendererDir,
      port: args.port,
    }),
  );
  stopOnSignals(server, core, release);

  console.log(
    core.mode === 'recovery'
      ? `Tilskuddsoversikt kjører i gjenopprettingsmodus (bare sikkerhetskopier). Data: ${args.dataDir}`
      : `Tilskuddsoversikt kjører i nettlesermodus. Data: ${args.dataDir}`,
  );
  console.log('Åpne denne adressen i nettleseren (Ctrl+C avslutter):');
  console.log(`${server.url}?token=${token}`);
}

/** A full disk or a data folder the app may not write: one line the user can act on, no stack. */
function exitOnStorageProblem(error: unknown, dataDir: string): void {
  const line = startupStorageLine(error, dataDir);
  if (line === null) return;
  console.error(line);
  process.exit(6);
}

main().catch((error: unknown) => {
  exitOnStorageProblem(error, 'datamappen');
  console.error('Tilskuddsoversikt kunne ikke starte:', error);
  process.exit(1);
});
