import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    pool: 'forks',
    // Most test time is spent waiting on spawned rapport processes: two files at a time keep both cores busy.
    maxWorkers: 2,
  },
});
