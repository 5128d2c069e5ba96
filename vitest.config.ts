import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    pool: 'forks',
    // Most test time is spent waiting on spawned rapport processes: two files at a time keep both cores busy.
    maxWorkers: 2,
    // Files share a worker's module cache (the taggers, the wink model and the cue prefilter load once per
    // worker instead of once per file). No test mocks modules or leaves globals changed (stream.test.ts
    // restores RAPPORT_STREAM, prefilter.test.ts wink's readDoc), so sharing is safe; `npx vitest run
    // --isolate` restores per-file isolation.
    isolate: false,
  },
});
