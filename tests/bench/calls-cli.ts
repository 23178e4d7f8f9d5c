/**
 * `node scripts/run-ts.mjs tests/bench/calls-cli.ts --dir DIR [--only "name,name"] [--calls N]
 * [--json FILE]`: only the dispatch part of the bench, over a data folder already generated
 * (`npm run gen -- --scale 100 --out DIR`), for measuring a few methods before and after a
 * change without the whole five-minute run. Writes goes to a copy of the data file, so the
 * folder can be reused.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCore } from '../../src-main/core';
import { fixedClock } from '../../src-main/platform/context';
import { CALLS, runCalls } from './calls';
import { GEN_TODAY, readGenInfo } from './gen/generate';

const argv = process.argv.slice(2);
const option = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};

const source = option('dir');
if (!source) {
  console.error('Bruk: calls-cli.ts --dir MAPPE [--only "navn,navn"] [--calls N] [--json FIL]');
  process.exit(2);
}
const only = option('only')
  ?.split(',')
  .map((s) => s.trim())
  .filter(Boolean);
for (const name of only ?? []) {
  if (!CALLS.some((c) => c.name === name)) throw new Error(`Ukjent kall: ${name}`);
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-calls-'));
fs.cpSync(source, dir, { recursive: true });
const core = startCore({
  dataDir: dir,
  migrationsDir: path.join(process.cwd(), 'db/migrations'),
  appVersion: 'bench',
  clock: fixedClock(GEN_TODAY),
  actor: 'administrasjonsleder',
  logger: { error: (m: string, d?: unknown) => console.error(m, d ?? '') },
  backups: { atStartup: false, daily: false },
});
try {
  const calls = Number(option('calls') ?? '50');
  const results = await runCalls(
    core.dispatch,
    core.database.sqlite,
    readGenInfo(dir),
    { warmup: 3, calls, budgetMs: 20_000, minCalls: 5, ...(only ? { only } : {}) },
    (c) =>
      console.log(
        `${c.name.padEnd(44)} n=${c.api.n} p50 ${c.api.p50.toFixed(1)} p95 ${c.api.p95.toFixed(1)} max ${c.api.max.toFixed(1)} ms${c.raw ? `, rå p50 ${c.raw.p50.toFixed(1)} p95 ${c.raw.p95.toFixed(1)}` : ''}, svar ${Math.round(c.answerChars / 1000)} kB`,
      ),
  );
  const json = option('json');
  if (json) fs.writeFileSync(json, `${JSON.stringify(results, null, 2)}\n`);
} finally {
  core.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
