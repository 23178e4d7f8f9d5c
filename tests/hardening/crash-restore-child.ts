/**
 * The restore crash-test child (scripts/crashtest.mjs bundles and starts it): opens the data
 * folder as the app does (the lock, then the real core, or the recovery core for a damaged
 * file) and restores one backup through the dispatch. With a step name it SIGKILLs itself when
 * the restore reaches that step; with `-` the parent kills it after a delay. Prints READY just
 * before the restore starts and `DONE <ms>` if the restore finished.
 *
 * Usage: node restore-child.mjs <dataDir> <migrationsDir> <backupFileName> <step|->
 */
import fs from 'node:fs';
import { openCoreOrRecovery } from '../../src-main/core';
import { acquireDataDirLock } from '../../src-main/platform/lock';
import { observeRestoreSteps } from '../../src-main/platform/restore-safety';
import { READY_LINE } from './crash-protocol';

const [dataDir, migrationsDir, fileName, killAt] = process.argv.slice(2);
if (!dataDir || !migrationsDir || !fileName || !killAt) {
  process.stderr.write('usage: restore-child.mjs <dataDir> <migrationsDir> <fileName> <step|->\n');
  process.exit(2);
}

acquireDataDirLock(dataDir);
const app = openCoreOrRecovery({
  dataDir,
  migrationsDir,
  appVersion: 'krasjtest',
  actor: 'krasjtest',
  backups: { atStartup: false, daily: false },
  logger: { error: (message, detail) => process.stderr.write(`${message}: ${String(detail)}\n`) },
});
observeRestoreSteps((step) => {
  if (step === killAt) process.kill(process.pid, 'SIGKILL');
});

fs.writeSync(1, `${READY_LINE}\n`);
const started = Date.now();
const envelope = await app.dispatch('backups.restore', { fileName, confirmed: true });
if (!envelope.ok) {
  process.stderr.write(`restore refused: ${JSON.stringify(envelope.error)}\n`);
  process.exit(70);
}
fs.writeSync(1, `DONE ${Date.now() - started}\n`);
app.close();
