import { configDefaults, defineConfig } from 'vitest/config';

// Every test runs in UTC so dates never shift with the machine's zone.
process.env.TZ = 'UTC';

/** Tests that load the machine (see the `load` project). */
const LOAD_TESTS = ['apps/api/src/load.test.ts', 'apps/api/src/concurrency.test.ts', 'apps/api/src/shutdown.test.ts'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'apps/api/src/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...LOAD_TESTS],
          environment: 'node',
          // Store tests open real databases (SQLite files, PostgreSQL when DATABASE_URL is set).
          testTimeout: 30_000,
          // beforeEach opens, migrates and loads a database per test; on PGlite under a busy
          // machine that took over Vitest's default 10 s hook timeout (a CI run beside other work).
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'web',
          include: ['apps/web/src/**/*.test.{ts,tsx}'],
          environment: 'node',
        },
      },
      {
        // Load, concurrency and shutdown tests spawn the built server and CLI and keep both cores busy: they
        // run one file at a time, after every other project, so they neither slow the other tests
        // into timeouts nor measure a machine busy with them.
        test: {
          name: 'load',
          include: LOAD_TESTS,
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 60_000,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
