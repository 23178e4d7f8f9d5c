/**
 * Backup and restore times on a data file the size of KSS's 2024 figures: 25 member centres,
 * 20 grants and 2 000 movements (raw SQL). Run with `npm run bench`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, bench, describe } from 'vitest';
import { startCore } from '../../src-main/core';
import { fill2024, safetyEnv } from '../helpers/safety';

const env = safetyEnv({ backups: { atStartup: false, daily: false } });
const core = startCore(env.options);
fill2024(core.database.sqlite);
// Room for every copy the runs below take, so rotation never removes the restore source.
core.backups.setSettings({
  folder: null,
  keepDaily: 7,
  keepWeekly: 4,
  keepMonthly: 12,
  keepManual: 100,
});
const source = core.backups.create();
console.log(
  `2024-size data file: ${Math.round(fs.statSync(path.join(env.backupDir, source.fileName)).size / 1024)} KiB as a backup, ` +
    `counts ${JSON.stringify(source.counts)}`,
);

afterAll(() => {
  core.close();
  env.cleanup();
});

describe('2024-size data (25 centres, 20 grants, 2 000 movements)', () => {
  bench(
    'backup: VACUUM INTO, fsync, integrity_check, counts, sidecar, rotation',
    () => {
      env.clock.advance(1000);
      core.backups.create();
    },
    { iterations: 30, time: 0, warmupIterations: 2 },
  );

  bench(
    'restore: verify + stage the copy, pre-restore backup, close, swap, reopen',
    () => {
      env.clock.advance(1000);
      core.backups.restore(source.fileName);
    },
    { iterations: 30, time: 0, warmupIterations: 2 },
  );
});
