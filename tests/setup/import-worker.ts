/**
 * Vitest global setup: bundles the import reader's worker (src-main/import/worker.ts)
 * with esbuild, as electron-vite does for the app, so the tests run the same worker thread
 * the app runs. Dependencies stay external and resolve from the project's node_modules.
 */
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'esbuild';
import { IMPORT_WORKER_ENV } from '../../src-main/import/worker-client';

const root = resolve(import.meta.dirname, '../..');
// Not under out/: electron-builder packs out/** and must not find a test build there.
const outDir = resolve(root, '.tmp/test-workers');

export default async function setup(): Promise<() => void> {
  const outfile = resolve(outDir, `import-worker-${process.pid}.js`);
  await build({
    entryPoints: [resolve(root, 'src-main/import/worker.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  process.env[IMPORT_WORKER_ENV] = outfile;
  return () => rmSync(outfile, { force: true });
}
