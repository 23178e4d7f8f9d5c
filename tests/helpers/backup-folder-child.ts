/**
 * Child process for tests/services/backup-folder.test.ts (bundled by tests/helpers/child.ts):
 * starts the real core on a data folder and, optionally, calls `backups.setSettings` with a
 * folder, printing JSON lines with how long each step took. It prints `{"step":"ready"}` and
 * waits for a line on stdin first when asked (so the parent can prepare files named after its
 * pid). Run in a child because the code under test could hang the process for good.
 *
 *   node backup-folder-child.mjs <dataDir> <migrationsDir> <folder|-> [--wait] [--timeout-ms N]
 */
import { startCore } from '../../src-main/core';
import { DEFAULT_RULES } from '../../src-main/safety/backups';

function say(value: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

async function waitForLine(): Promise<void> {
  await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
}

async function main(): Promise<void> {
  const [dataDir, migrationsDir, folder, ...rest] = process.argv.slice(2);
  if (!dataDir || !migrationsDir || !folder) throw new Error('usage: dataDir migrationsDir folder');
  const timeoutAt = rest.indexOf('--timeout-ms');
  const folderCheckTimeoutMs = timeoutAt >= 0 ? Number(rest[timeoutAt + 1]) : undefined;

  let t = Date.now();
  const core = startCore({
    dataDir,
    migrationsDir,
    appVersion: '0.0.0-test',
    backups: {
      atStartup: true,
      daily: false,
      ...(folderCheckTimeoutMs !== undefined ? { folderCheckTimeoutMs } : {}),
    },
    logger: { error: () => undefined },
  });
  const status = await core.dispatch('backups.status', {});
  say({ step: 'started', ms: Date.now() - t, status, startupBackup: core.startupBackup });

  if (folder !== '-') {
    if (rest.includes('--wait')) {
      say({ step: 'ready', pid: process.pid });
      await waitForLine();
    }
    t = Date.now();
    const envelope = await core.dispatch('backups.setSettings', { folder, ...DEFAULT_RULES });
    say({ step: 'setSettings', ms: Date.now() - t, envelope });
  }
  core.close();
  process.stdin.destroy();
}

main().catch((error: unknown) => {
  say({ step: 'error', message: String(error) });
  process.exit(1);
});
