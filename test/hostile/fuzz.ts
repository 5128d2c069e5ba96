// Run settings for property tests: a fixed seed and a short run in the suite; `npm run fuzz` scales them up.
import type { Parameters } from 'fast-check';

const scale = Number(process.env.RAPPORT_FUZZ_SCALE ?? '1');
const seedText = process.env.RAPPORT_FUZZ_SEED;

/** fast-check parameters: `runs` in the suite, `runs × RAPPORT_FUZZ_SCALE` under `npm run fuzz` (random seed unless RAPPORT_FUZZ_SEED). */
export function fuzz(runs: number): Parameters<unknown> {
  const seed = seedText !== undefined ? Number(seedText) : scale > 1 ? Date.now() % 2 ** 31 : 8;
  return { seed, numRuns: Math.max(1, Math.round(runs * scale)), endOnFailure: false };
}

/** Time budget for a fuzz test, scaled with the runs. */
export const FUZZ_TIMEOUT = 30_000 * Math.max(1, scale);
