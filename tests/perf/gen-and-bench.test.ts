/**
 * Keeps the generator and the bench from rotting (issue 14): `npm run gen` at scale 1 with
 * its checks, then every call of the bench table a few times through dispatch with its raw
 * SQL, and the bench program itself bundled. No timing assertions: timings belong to
 * `npm run bench`.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALLS, runCalls } from '../bench/calls';
import { readGenInfo, sizesFor } from '../bench/gen/generate';
import { verifyGenerated } from '../bench/gen/verify';
import { REPO_ROOT } from '../helpers/paths';
import { tempDir, type TempDir } from '../helpers/temp';
import { generatedApp, type GeneratedApp } from './generated';

describe('npm run gen', () => {
  let tmp: TempDir;
  beforeAll(() => {
    tmp = tempDir('tilskudd-gen-');
  });
  afterAll(() => tmp.cleanup());

  it(
    'writes scale 1 with KSS-sized data and passes its own checks',
    { timeout: 90_000 },
    async () => {
      const r = spawnSync(
        process.execPath,
        ['scripts/run-ts.mjs', 'tests/bench/gen/cli.ts', '--scale', '1', '--out', tmp.dir],
        { cwd: REPO_ROOT, encoding: 'utf8' },
      );
      expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
      expect(r.stdout).toContain('Kontrollert');
      const info = readGenInfo(tmp.dir);
      const size = sizesFor(1);
      expect(info.counts).toMatchObject({
        member_centres: size.centres,
        grants: size.grants,
        allocations: size.allocations,
        fiscal_years: 8,
      });
      expect(Math.abs((info.counts.movements ?? 0) - size.movements)).toBeLessThan(10);
      // The same seed gives the same data.
      const again = tempDir('tilskudd-gen-');
      try {
        const r2 = spawnSync(
          process.execPath,
          ['scripts/run-ts.mjs', 'tests/bench/gen/cli.ts', '--scale', '1', '--out', again.dir],
          { cwd: REPO_ROOT, encoding: 'utf8' },
        );
        expect(r2.status, r2.stderr).toBe(0);
        expect(readGenInfo(again.dir)).toEqual(info);
        await verifyGenerated(again.dir);
      } finally {
        again.cleanup();
      }
    },
  );
});

describe('the bench', () => {
  let app: GeneratedApp;
  beforeAll(async () => {
    app = await generatedApp(1);
  });
  afterAll(() => app?.cleanup());

  it('runs every call of the table through dispatch, with its raw SQL', async () => {
    const results = await runCalls(app.dispatch, app.opened.sqlite, app.info, {
      warmup: 1,
      calls: 2,
      budgetMs: 60_000,
      minCalls: 2,
    });
    expect(results.map((r) => r.name)).toEqual(CALLS.map((c) => c.name));
    for (const r of results) {
      expect(r.api.n, r.name).toBe(2);
      expect(r.raw === null, r.name).toBe(CALLS.find((c) => c.name === r.name)!.raw === null);
      expect(r.answerChars, r.name).toBeGreaterThan(0);
    }
  });

  it('compares grants.list with raw SQL that answers the same: the same count and sums', async () => {
    for (const name of ['grants.list (all)', 'grants.list (one year)']) {
      const spec = CALLS.find((c) => c.name === name)!;
      const envelope = await app.dispatch(spec.method, spec.input(app.info, 0));
      if (!envelope.ok) throw new Error(envelope.error.message);
      const api = envelope.value as {
        total: number;
        totals: { appliedOre: number; awardedOre: number; receivedOre: number };
      };
      const [, totals] = spec.raw!(app.opened.sqlite, app.info)(0) as [unknown, object];
      expect(Object.values(totals), name).toEqual([
        api.total,
        api.totals.appliedOre,
        api.totals.awardedOre,
        api.totals.receivedOre,
      ]);
      expect(api.total, name).toBeGreaterThan(0);
    }
  });

  it('bundles the bench program', async () => {
    const out = await build({
      entryPoints: [path.join(REPO_ROOT, 'tests/bench/run.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      write: false,
      logLevel: 'silent',
    });
    expect(out.errors).toEqual([]);
    expect(fs.existsSync(path.join(REPO_ROOT, 'scripts/run-ts.mjs'))).toBe(true);
  });
});
