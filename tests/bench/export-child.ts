/**
 * One year export in a process of its own, for `npm run bench` (issue 14): opens the data
 * folder as the app does, runs `yearEnd.exportWorkbook` or `yearEnd.exportAccountingCsv` for
 * the year before the generator's last, and prints time, size and RSS (before, after, peak)
 * as one `BENCH-RESULT {json}` line.
 *
 * It loads only the app's own code (no browser driver, no bench harness), so its RSS is what
 * the app's process holds for the export: the bench's own modules (Playwright alone is about
 * 70 MB) would otherwise count against the export's memory goal.
 *
 *   node scripts/run-ts.mjs tests/bench/export-child.ts DATA_DIR yearWorkbook|accountingCsv
 */
import path from 'node:path';
import { startCore } from '../../src-main/core';
import { fixedClock } from '../../src-main/platform/context';
import { GEN_TODAY, LAST_YEAR } from './gen/generate';

export const EXPORT_YEAR = LAST_YEAR - 1;

export const EXPORT_METHOD = {
  yearWorkbook: 'yearEnd.exportWorkbook',
  accountingCsv: 'yearEnd.exportAccountingCsv',
} as const;

export type ExportKind = keyof typeof EXPORT_METHOD;

const mib = (bytes: number) => Math.round(bytes / 1024 / 1024);

async function main(): Promise<void> {
  const [dir, kind] = process.argv.slice(2) as [string, ExportKind];
  if (!dir || !(kind in EXPORT_METHOD)) {
    throw new Error('Bruk: export-child.ts DATAMAPPE yearWorkbook|accountingCsv');
  }
  const core = startCore({
    dataDir: dir,
    migrationsDir: path.join(process.cwd(), 'db/migrations'),
    appVersion: 'bench',
    clock: fixedClock(GEN_TODAY),
    actor: 'administrasjonsleder',
    logger: { error: (m: string, d?: unknown) => console.error(m, d ?? '') },
    backups: { atStartup: false, daily: false },
  });
  const rssBefore = process.memoryUsage().rss;
  const t0 = performance.now();
  const method = EXPORT_METHOD[kind];
  const r = await core.dispatch(method, { year: EXPORT_YEAR });
  const took = performance.now() - t0;
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  const value = r.value as { contentBase64: string };
  const result = {
    kind,
    ms: Math.round(took * 10) / 10,
    bytes: Buffer.from(value.contentBase64, 'base64').length,
    rssBeforeMiB: mib(rssBefore),
    rssAfterMiB: mib(process.memoryUsage().rss),
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  core.close();
  console.log(`BENCH-RESULT ${JSON.stringify(result)}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
