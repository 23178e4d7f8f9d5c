import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The import reader runs in a worker thread; this bundles it from the sources.
    globalSetup: ['tests/setup/import-worker.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // expect.poll waits for the UI to show an answer; 1 s (the default) is too short on a
    // loaded 2-core machine running e2e files side by side. A wait, never a speed goal.
    expect: { poll: { timeout: 10_000, interval: 50 } },
    // e2e and packaging start processes; keep the 2-core machines from thrashing.
    maxWorkers: 2,
    reporters: ['default', './tests/reporters/summary.ts'],
  },
});
