// The two-pass streaming path (pipeline/stream.ts) gives the reports the in-memory path gives.
import { realTweets } from '../helpers.js';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runPipeline, type PipelineResult } from '../../src/pipeline.js';
import { Readable } from 'node:stream';
import { keyHash, runStreaming } from '../../src/pipeline/stream.js';
import { InputError } from '../../src/sources/errors.js';
import type { InputFile } from '../../src/sources/input.js';
import { twcs } from '../../src/sources/twcs.js';
import { buildReport, ReportReducer } from '../../src/report/build.js';
import { AXES, RUE_FLAGS, type TaggedExchange, type Thread } from '../../src/model/types.js';
import { exchangeRecord } from '../../src/report/exchange-json.js';
import { inputFromPath } from '../../src/sources/input.js';

// 2,100 real tweets: the equivalence runs below read them a dozen times.
const HEAD = await realTweets(2100);
const before = process.env.RAPPORT_STREAM;
afterEach(() => {
  if (before === undefined) delete process.env.RAPPORT_STREAM;
  else process.env.RAPPORT_STREAM = before;
});

interface Run extends PipelineResult {
  /** The report of a ReportReducer fed as the pipeline finished threads (in completion order when streaming). */
  report: string;
}

/** The pipeline with a reducer, as `rapport analyze` runs it; `tagged` and `threads` are what reached it, in thread order. */
async function run(paths: string[], stream: boolean, workers = 0, onTagged?: (n: number, total: number) => void, redact = false): Promise<Run> {
  process.env.RAPPORT_STREAM = stream ? '1' : '0';
  const reducer = new ReportReducer({ groupBy: ['agent', 'week', 'customer', 'thread'] });
  const seen: { order: number; thread: Thread; tagged: TaggedExchange[] }[] = [];
  const result = await runPipeline(paths.map(inputFromPath), {
    workers,
    onTagged,
    redact,
    reduce: (thread, tagged, order) => {
      seen.push({ order, thread, tagged });
      reducer.addThread(thread, tagged, order);
    },
  });
  expect(result.tagged).toEqual([]);
  const report = JSON.stringify(reducer.result(result));
  seen.sort((a, b) => a.order - b.order);
  return { ...result, tagged: seen.flatMap((s) => s.tagged), threads: seen.map((s) => s.thread), report };
}

/** Runs the pipeline recording its tagging progress, and checks it: rising, ending at every message. */
async function runWatched(paths: string[], stream: boolean, workers: number): Promise<Run> {
  const calls: [number, number][] = [];
  const result = await run(paths, stream, workers, (n, total) => calls.push([n, total]));
  const messages = result.threads.reduce((n, t) => n + t.messages.length, 0);
  expect(calls.length).toBeGreaterThan(1);
  expect(calls.at(-1)).toEqual([messages, messages]);
  expect(calls.every(([n], i) => i === 0 || n > calls[i - 1]![0])).toBe(true);
  return result;
}

/** What a report can read of each exchange: labels, evidence, RUE, terms and the exchange's own fields. */
function tags(result: PipelineResult): string {
  return result.tagged
    .map((t) =>
      JSON.stringify({
        id: t.exchange.id,
        thread: t.exchange.thread,
        customer: t.exchange.customer,
        account: t.exchange.account,
        agent: t.exchange.agent,
        time: t.exchange.time,
        response: t.exchange.responseSeconds,
        turns: [t.exchange.customerTurn.map((m) => [m.id, m.text]), t.exchange.brandTurn.map((m) => [m.id, m.author, m.time])],
        labels: AXES.map((a) => [t.labels[a].label, t.labels[a].evidence]),
        rue: RUE_FLAGS.map((f) => [t.rue[f], t.rue.evidence[f]]),
        health: t.health,
        terms: t.terms,
      }),
    )
    .join('\n');
}

const report = (result: Run): string => result.report;

/** The streamed run of HEAD in two workers, with progress: two tests compare with it, so it runs once. */
let streamedInWorkers: Promise<Run> | undefined;
const streamedHead = (): Promise<Run> => (streamedInWorkers ??= runWatched([HEAD], true, 2));

const twcsFixtures = [
  'fixtures/twcs-sample.csv',
  ...readdirSync('fixtures/malformed')
    .filter((f) => f.endsWith('.csv') && /^\uFEFF?[^\n]*tweet_id/.test(readFileSync(`fixtures/malformed/${f}`, 'utf8')))
    .map((f) => `fixtures/malformed/${f}`),
];

describe('the two-pass streaming pipeline', () => {
  it('covers the Twitter fixtures, malformed ones included', () => {
    expect(twcsFixtures).toEqual(expect.arrayContaining(['fixtures/malformed/duplicate-ids.csv', 'fixtures/malformed/bad-times.csv', 'fixtures/malformed/reply-cycle.csv']));
  });

  it.each(twcsFixtures)('gives the in-memory report, diagnostics and counts (or error) on %s', async (path) => {
    const memory = await run([path], false).catch((error: Error) => error);
    const streamed = await run([path], true).catch((error: Error) => error);
    if (memory instanceof Error || streamed instanceof Error) {
      expect(String(streamed)).toBe(String(memory));
      return;
    }
    expect(streamed.files).toEqual(memory.files);
    expect(streamed.diagnostics).toEqual(memory.diagnostics);
    expect(tags(streamed)).toBe(tags(memory));
    expect(report(streamed)).toBe(report(memory));
  });

  it('gives the in-memory report on 2,100 real tweets, in one thread and in two workers, with progress', async () => {
    const memory = await runWatched([HEAD], false, 0);
    const expected = report(memory);
    // In memory, workers give the one-thread report and NDJSON byte for byte (several batches).
    const inWorkers = await runWatched([HEAD], false, 2);
    expect(report(inWorkers)).toBe(expected);
    expect(inWorkers.tagged.map((t) => JSON.stringify(exchangeRecord(t)))).toEqual(memory.tagged.map((t) => JSON.stringify(exchangeRecord(t))));
    const streamed = await runWatched([HEAD], true, 0);
    expect(tags(streamed)).toBe(tags(memory));
    expect(report(streamed)).toBe(expected);
    expect(report(await streamedHead())).toBe(expected);
  });

  it('gives the report buildReport makes of a whole in-memory result (per-exchange formats) on 2,100 real tweets', async () => {
    const streamed = await streamedHead();
    process.env.RAPPORT_STREAM = '0';
    const whole = await runPipeline([inputFromPath(HEAD)], { workers: 2 });
    expect(JSON.stringify(buildReport(whole, { groupBy: ['agent', 'week', 'customer', 'thread'] }))).toBe(report(streamed));
  });

  it('gives the in-memory report when the rows of every thread are scattered over the file (two workers)', async () => {
    // Threads complete long after their first message, so batches mix messages read far apart.
    const [header, ...rows] = readFileSync(HEAD, 'utf8').trimEnd().split('\n');
    const records = rows.filter((r) => /^\d+,\d+,/.test(r));
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = records.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [records[i], records[j]] = [records[j]!, records[i]!];
    }
    const dir = mkdtempSync(join(tmpdir(), 'rapport-scattered-'));
    const path = join(dir, 'scattered.csv');
    writeFileSync(path, `${[header, ...records].join('\n')}\n`);
    const expected = report(await run([path], false));
    expect(report(await run([path], true, 2))).toBe(expected);
    rmSync(dir, { recursive: true, force: true });
  });

  it('falls back to reading in memory when ids are beyond 2^53 (real tweet ids), with the same report', async () => {
    const [header, ...rows] = readFileSync('fixtures/twcs-sample.csv', 'utf8').trimEnd().split('\n');
    // Snowflake-sized ids: the sample's ids and parents moved past Number.MAX_SAFE_INTEGER.
    const big = (id: string) => (id ? `9${id.replace('.0', '').padStart(18, '0')}` : id);
    const moved = rows.map((r) => {
      const f = r.split(',');
      if (!/^\d+$/.test(f[1] ?? '')) return r;
      f[1] = big(f[1]!);
      f[f.length - 1] = big(f[f.length - 1]!);
      return f.join(',');
    });
    const dir = mkdtempSync(join(tmpdir(), 'rapport-bigids-'));
    const path = join(dir, 'big-ids.csv');
    writeFileSync(path, `${[header, ...moved].join('\n')}\n`);
    const memory = await run([path], false);
    expect(memory.tagged.length).toBeGreaterThan(40);
    expect(memory.threads.some((t) => t.messages.length > 2)).toBe(true);
    const fallback = await run([path], true);
    expect(report(fallback)).toBe(report(memory));
    rmSync(dir, { recursive: true, force: true });
  });

  it('streams tagged exchanges to a sink, keeping nothing: the same exchanges, in an order no worker count changes', async () => {
    const collect = async (stream: boolean, workers: number) => {
      const lines: string[] = [];
      process.env.RAPPORT_STREAM = stream ? '1' : '0';
      const result = await runPipeline([inputFromPath(HEAD)], {
        workers,
        sink: async (tagged) => {
          for (const t of tagged) lines.push(JSON.stringify(exchangeRecord(t)));
        },
      });
      return { lines, result };
    };
    const memory = await collect(false, 0);
    const one = await collect(true, 0);
    const two = await collect(true, 2);
    expect(one.result.tagged).toEqual([]);
    expect(one.result.threads).toEqual([]);
    expect(one.result.files).toEqual(memory.result.files);
    expect(one.result.diagnostics).toEqual(memory.result.diagnostics);
    expect(two.lines).toEqual(one.lines);
    expect([...one.lines].sort()).toEqual([...memory.lines].sort());
  });

  it('rapport tag streams a large export (RAPPORT_STREAM=1), masked when redacting', () => {
    const tag = (stream: string, ...args: string[]) =>
      spawnSync(process.execPath, ['bin/rapport.js', 'tag', 'fixtures/twcs-sample.csv', 'fixtures/malformed/duplicate-ids.csv', ...args], {
        encoding: 'utf8',
        env: { ...process.env, RAPPORT_STREAM: stream, NO_COLOR: '1', CI: 'true' },
      });
    const memory = tag('0');
    const streamed = tag('1');
    expect(streamed.status).toBe(0);
    expect(streamed.stderr).toBe(memory.stderr);
    expect(streamed.stdout.split('\n').sort()).toEqual(memory.stdout.split('\n').sort());
    expect(streamed.stdout.split('\n').length).toBeGreaterThan(40);
    // Redacted as threads complete: pseudonyms are numbered in that order, so only how many there are is the same.
    const pseudonyms = (out: string) => [...new Set(out.match(/customer-\d+/g))];
    const masked = tag('1', '--redact');
    expect(masked.status).toBe(0);
    expect(masked.stdout.split('\n').length).toBe(memory.stdout.split('\n').length);
    expect(pseudonyms(masked.stdout).length).toBe(pseudonyms(tag('0', '--redact').stdout).length);
    expect(pseudonyms(masked.stdout).length).toBeGreaterThan(10);
    const customers = new Set(memory.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { customer: string | null }).customer).filter((c) => c !== null));
    for (const c of customers) expect(masked.stdout).not.toContain(`"${c}"`);
  });

  it('joins threads across inputs as the in-memory path does', async () => {
    const paths = ['fixtures/twcs-sample.csv', 'fixtures/malformed/missing-parent.csv'];
    expect(report(await run(paths, true))).toBe(report(await run(paths, false)));
  });

  it('masks customers when redacting, as threads complete', async () => {
    const plain = await run(['fixtures/twcs-sample.csv'], true);
    const masked = await run(['fixtures/twcs-sample.csv'], true, 0, undefined, true);
    const customers = new Set(plain.threads.flatMap((t) => t.messages).filter((m) => m.role === 'customer').map((m) => m.author));
    expect(customers.size).toBeGreaterThan(10);
    for (const c of customers) expect(masked.report).not.toContain(`"${c}"`);
    expect(masked.report).toMatch(/customer-\d+/);
    // Pseudonyms keep groupings: one customer row per customer.
    const rows = (r: Run) => (JSON.parse(r.report) as { groupings: { by: string; rows: unknown[] }[] }).groupings.find((g) => g.by === 'customer')!.rows.length;
    expect(rows(masked)).toBe(rows(plain));
  });

  it.each([
    ['a row went missing', (rows: string[]) => rows.filter((_, i) => i !== 7)],
    ['a row was appended', (rows: string[]) => [...rows, rows[5]!.replace(/^(\d+),\d+/, '$1,999999999')]],
    ['an id changed', (rows: string[]) => rows.map((r, i) => (i === 3 ? r.replace(/^(\d+),\d+/, '$1,888888888') : r))],
  ])('stops with one line when the file changes between the passes (%s)', async (_name, change) => {
    const text = readFileSync('fixtures/twcs-sample.csv', 'utf8');
    const [header, ...rows] = text.trimEnd().split('\n');
    let opened = 0;
    const input: InputFile = {
      name: 'growing.csv',
      path: 'growing.csv',
      open: () => Readable.from([Buffer.from(opened++ === 0 ? text : `${[header, ...change(rows)].join('\n')}\n`)]),
    };
    const error = await runStreaming([{ adapter: twcs, input }], () => 0, { reduce: () => {} }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(String((error as Error).message)).toMatch(/^growing\.csv(:\d+)?: the file changed while rapport read it/);
  });

  it('through the binary: same Markdown, rejects and exit code with RAPPORT_STREAM=1 as with 0', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rapport-stream-'));
    const run = (stream: string) => {
      const rejects = join(dir, `rejects-${stream}.jsonl`);
      const r = spawnSync(process.execPath, ['bin/rapport.js', 'analyze', 'fixtures/malformed/duplicate-ids.csv', 'fixtures/twcs-sample.csv', '-f', 'markdown', '--by', 'agent', '--rejects', rejects, '--fail-under', '1'], {
        encoding: 'utf8',
        env: { ...process.env, RAPPORT_STREAM: stream, NO_COLOR: '1', CI: 'true' },
      });
      return { status: r.status, stdout: r.stdout, stderr: r.stderr.replaceAll(rejects, 'REJECTS'), rejects: readFileSync(rejects, 'utf8') };
    };
    const memory = run('0');
    const streamed = run('1');
    expect(memory.status).toBe(0);
    expect(memory.rejects).toContain('duplicate-id');
    expect(streamed).toEqual(memory);
    rmSync(dir, { recursive: true, force: true });
  });

  it('hashes script keys to 53 bits, stably', () => {
    expect(Number.isSafeInteger(keyHash('thanks for reaching out we are here to help'))).toBe(true);
    expect(keyHash('a b c d')).toBe(keyHash('a b c d'));
    expect(keyHash('a b c d')).not.toBe(keyHash('a b c e'));
    expect(keyHash('')).not.toBe(keyHash(' '));
  });
});
