// The worker path gives byte-identical reports and NDJSON to tagging in one thread.
import { describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/pipeline.js';
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

  // 5,000 real tweets (several batches): test/scale/stream.test.ts, with the streaming path beside it.
});
