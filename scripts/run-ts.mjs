/**
 * Runs a TypeScript entry file with Node: bundles it with esbuild (installed for the app
 * build) into .tmp/run-ts/ inside the repository, so packages resolve from node_modules,
 * then runs the bundle with the remaining arguments. Used by `npm run gen` and `npm run bench`.
 *
 *   node scripts/run-ts.mjs tests/bench/gen/cli.ts --scale 1 --out /tmp/data
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('Bruk: node scripts/run-ts.mjs <fil.ts> [argumenter]');
  process.exit(2);
}
const outDir = path.join(repoRoot, '.tmp', 'run-ts');
fs.mkdirSync(outDir, { recursive: true });
const outFile = path.join(outDir, `${path.basename(entry).replace(/\.ts$/, '')}.mjs`);
await build({
  entryPoints: [path.resolve(repoRoot, entry)],
  outfile: outFile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'inline',
  logLevel: 'warning',
});
const result = spawnSync(process.execPath, ['--enable-source-maps', outFile, ...args], {
  cwd: repoRoot,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
