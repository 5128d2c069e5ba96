// The worker path gives byte-identical reports and NDJSON to tagging in one thread.
import { defaultModel } from '../../src/taggers/model.js';
import { describe, expect, it } from 'vitest';
import { readInputs, runPipeline } from '../../src/pipeline.js';
import { TagPool } from '../../src/pipeline/pool.js';
import { tagBatch } from '../../src/pipeline/tag-batch.js';
import { countTemplates } from '../../src/pipeline/templates.js';
import { buildThreads } from '../../src/normalize/threads.js';
import { DEFAULT_FORMULA } from '../../src/score/health.js';
import { compileCues } from '../../src/taggers/lexicons/index.js';
import { buildReport } from '../../src/report/build.js';
import { exchangeRecord } from '../../src/report/exchange-json.js';
import { inputFromPath } from '../../src/sources/input.js';

const SAMPLE = 'fixtures/twcs-sample.csv';

async function outputs(path: string, workers: number): Promise<{ report: string; ndjson: string }> {
  const result = await runPipeline([inputFromPath(path)], { workers });
  return { report: JSON.stringify(buildReport(result)), ndjson: result.tagged.map((t) => JSON.stringify(exchangeRecord(t))).join('\n') };
}

describe('tagging in worker threads', () => {
  it('gives the same report and NDJSON as one thread on the sample', async () => {
    const single = await outputs(SAMPLE, 0);
    const two = await outputs(SAMPLE, 2);
    expect(two.report).toBe(single.report);
    expect(two.ndjson).toBe(single.ndjson);
  });

  it('replaces a worker that outgrows its heap cap and tags its batches again', async () => {
    const threads = buildThreads((await readInputs([inputFromPath(SAMPLE)])).messages).threads;
    const templates = [...countTemplates(threads)];
    const expected = tagBatch(threads, (key) => countTemplates(threads).get(key) ?? 0, compileCues(), DEFAULT_FORMULA);
    // 4 MB cannot even hold wink's model: the first worker dies out of memory, its replacement has no cap.
    const pool = new TagPool(1, { cues: compileCues(), formula: DEFAULT_FORMULA, model: defaultModel() }, 4);
    try {
      const tags = await Promise.all([pool.post({ threads, templates }), pool.post({ threads: threads.slice(0, 3), templates })]);
      expect(tags[0]).toEqual(expected);
      expect(tags[1]!.length).toBeGreaterThan(0);
      expect(pool.restarts).toBe(1);
    } finally {
      await pool.close();
    }
  });

  // 5,000 real tweets (several batches): test/scale/stream.test.ts, with the streaming path beside it.
});
