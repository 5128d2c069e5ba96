// Map-reduce: shard by thread, tag every shard, merge with `rapport report` = analyze the whole input.
import { realTweets } from '../helpers.js';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '../../bin/rapport.js');

function rapport(args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CI: 'true' }, maxBuffer: 1 << 28 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The report without `inputs` and the at-risk items' `file` (file names differ: shards and NDJSON instead of the export). */
function numbers(json: string): unknown {
  const { inputs: _inputs, ...rest } = JSON.parse(json) as Record<string, unknown>;
  for (const item of (rest.atRisk as { items: { file?: string }[] }).items) {
    expect(item.file).toBeTypeOf('string');
    delete item.file;
  }
  return rest;
}

function shardTagMerge(input: string, shards: number): { merged: string; whole: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-shards-'));
  expect(rapport(['shard', input, '--shards', String(shards), '--out-dir', dir, '-q']).code).toBe(0);
  const csvs = readdirSync(dir).filter((f) => f.endsWith('.csv')).sort();
  expect(csvs).toHaveLength(shards);
  const scripts = join(dir, readdirSync(dir).find((f) => f.endsWith('.scripts.json'))!);
  const ndjsons = csvs.map((csv) => {
    const tagged = rapport(['tag', join(dir, csv), '--scripts', scripts, '-q']);
    expect(tagged.code).toBe(0);
    const out = join(dir, csv.replace(/\.csv$/, '.ndjson'));
    writeFileSync(out, tagged.stdout);
    return out;
  });
  const merged = rapport(['report', ...ndjsons, '-f', 'json']);
  expect(merged.stderr).toBe('');
  expect(merged.code).toBe(0);
  const whole = rapport(['analyze', input, '-f', 'json', '-q']);
  expect(whole.code).toBe(0);
  return { merged: merged.stdout, whole: whole.stdout, dir };
}

describe('rapport shard + tag + report', () => {
  it('merging two shards of the sample gives the numbers of analyzing it whole', () => {
    const { merged, whole, dir } = shardTagMerge('fixtures/twcs-sample.csv', 2);
    expect(numbers(merged)).toEqual(numbers(whole));
    // Every thread lands whole in one shard: the shards' exchanges add up to the whole input's.
    const threads = readdirSync(dir)
      .filter((f) => f.endsWith('.ndjson'))
      .map((f) => new Set(readFileSync(join(dir, f), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { thread: string }).thread)));
    expect([...threads[0]!].filter((t) => threads[1]!.has(t))).toEqual([]);
  });

  it('merging three shards of 1,200 real tweets gives the numbers of analyzing them whole, scripts included', async () => {
    const { merged, whole } = shardTagMerge(await realTweets(1200), 3);
    expect(numbers(merged)).toEqual(numbers(whole));
  }, 180_000);

  it("takes analyze's report options: groupings, a period in a time zone, brands, gates", () => {
    const dir = mkdtempSync(join(tmpdir(), 'rapport-report-'));
    const ndjson = join(dir, 'sample.ndjson');
    writeFileSync(ndjson, rapport(['tag', 'fixtures/twcs-sample.csv', '-q']).stdout);
    const options = ['--by', 'week', '--by', 'agent', '--since', '2017-10-01', '--tz', 'Europe/Berlin', '--brand', 'sprintcare,AskPlayStation', '-f', 'json', '--fail-under', '99'];
    const merged = rapport(['report', ndjson, ...options]);
    const whole = rapport(['analyze', 'fixtures/twcs-sample.csv', '-q', ...options]);
    expect(merged.code).toBe(1);
    expect(whole.code).toBe(1);
    expect(numbers(merged.stdout)).toEqual(numbers(whole.stdout));
    expect((numbers(merged.stdout) as { groupings: { by: string }[] }).groupings.map((g) => g.by)).toEqual(['week', 'agent']);
  });

  it('rejects a line that is not a rapport tag record with a one-line input error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rapport-report-'));
    writeFileSync(join(dir, 'bad.ndjson'), '{"id":"1"}\n');
    const { code, stderr } = rapport(['report', join(dir, 'bad.ndjson')]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/bad\.ndjson:1: not a `rapport tag` record/);
  });
});
