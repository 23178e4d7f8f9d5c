import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The import reader runs in a worker thread; this bundles it from the sources.
    globalSetup: ['tests/setup/import-worker.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // e2e and packaging start processes; keep the 2-core machines from thrashing.
    maxWorkers: 2,
    reporters: ['default', './tests/reporters/summary.ts'],
  },
});
