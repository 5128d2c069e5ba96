// The engine (pipeline/stream.ts) serves every source and size: it threads as buildThreads does, and a
// large input's order of release (threads as they complete, several workers) gives the same report.
import { realTweets } from '../helpers.js';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { readInputs, runPipeline, tagThreads } from '../../src/pipeline.js';
import type { PipelineOptions } from '../../src/pipeline.js';
import { keyHash, runStreaming } from '../../src/pipeline/stream.js';
import { buildThreads } from '../../src/normalize/threads.js';
import { noteRoleSources, summaryOf } from '../../src/pipeline/files.js';
import { InputError } from '../../src/sources/errors.js';
import type { InputFile } from '../../src/sources/input.js';
import { inputFromPath, inputFromText } from '../../src/sources/input.js';
import { twcs } from '../../src/sources/twcs.js';
import { ReportReducer } from '../../src/report/build.js';
import { exchangeRecord } from '../../src/report/exchange-json.js';
import { rapport } from '../hostile/spawn.js';

const DIR = mkdtempSync(join(tmpdir(), 'rapport-engine-'));
afterAll(() => rmSync(DIR, { recursive: true, force: true }));

/** The report of a ReportReducer fed as the engine releases threads, and the NDJSON its sink gets, in one run. */
async function run(paths: string[], options: PipelineOptions = {}): Promise<{ report: string; ndjson: string[] }> {
  const reducer = new ReportReducer({ groupBy: ['agent', 'week', 'customer', 'thread'] });
  const ndjson: string[] = [];
  const result = await runPipeline(paths.map(inputFromPath), {
    workers: 0,
    ...options,
    reduce: (thread, tagged, order) => reducer.addThread(thread, tagged, order),
    sink: async (tagged) => {
      for (const t of tagged) ndjson.push(JSON.stringify(exchangeRecord(t)));
    },
  });
  return { report: JSON.stringify(reducer.result(result)), ndjson };
}

/** One input of each source (a folder of mail too), damaged Twitter exports and several inputs joined. */
const CASES: string[][] = [
  ['fixtures/twcs-sample.csv'],
  ['fixtures/malformed/duplicate-ids.csv'],
  ['fixtures/malformed/bad-times.csv'],
  ['fixtures/malformed/reply-cycle.csv'],
  ['fixtures/twcs-sample.csv', 'fixtures/malformed/missing-parent.csv', 'fixtures/malformed/duplicate-ids.csv'],
  ['fixtures/chat/livechat.csv'],
  ['fixtures/chat/tickets.csv'],
  ['fixtures/chat/intercom.ndjson'],
  ['fixtures/abcd_sample.json'],
  ['fixtures/rsics-all_multi_intent-head20.csv'],
  ['fixtures/mbox-edge.mbox', 'fixtures/roles/list.mbox'],
  ['fixtures/r-sig-mac-2025-June.txt'],
  ['fixtures/email-edge'],
  ['fixtures/maildir-notmuch'],
  ['fixtures/irc/2004-11-15_03.raw.txt', 'fixtures/roles/2025-03-03_09.raw.txt'],
];

describe('the engine', () => {
  it.each(CASES.map((c) => [c.join(' + '), c]))('threads, orders and tags %s as buildThreads and in-memory tagging do', async (_name, paths) => {
    const now = Date.now();
    const read = await readInputs(paths.map(inputFromPath));
    const built = buildThreads(read.messages, { now });
    const expected = tagThreads(built.threads);
    const result = await runPipeline(paths.map(inputFromPath), { workers: 0 });
    expect(result.threads.map((t) => t.messages.map((m) => [m.id, m.role, m.roleSource, m.roleReason ?? null]))).toEqual(built.threads.map((t) => t.messages.map((m) => [m.id, m.role, m.roleSource, m.roleReason ?? null])));
    expect(result.tagged.map((t) => JSON.stringify(exchangeRecord(t)))).toEqual(expected.map((t) => JSON.stringify(exchangeRecord(t))));
    expect(result.diagnostics).toEqual([...read.diagnostics, ...built.diagnostics]);
    // The counts the in-memory path kept: buildThreads' skips are rejects of their input, roles noted per input.
    const files = read.files.map((f) => ({ ...f }));
    for (const d of built.diagnostics) if (d.severity !== 'warning') summaryOf(files, d.file)!.rejected++;
    for (const f of files) f.used = f.read - f.rejected;
    noteRoleSources(files, built.threads.flatMap((t) => t.messages));
    expect(result.files).toEqual(files);
  });

  it('gives the same report and NDJSON when threads are released as they complete, in two workers, as in thread order in one', async () => {
    // Real tweets with the rows of every thread scattered over the file: threads complete long after they start.
    const [header, ...rows] = readFileSync(await realTweets(1500), 'utf8').trimEnd().split('\n');
    const records = rows.filter((r) => /^\d+,\d+,/.test(r));
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = records.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [records[i], records[j]] = [records[j]!, records[i]!];
    }
    const path = join(DIR, 'scattered.csv');
    writeFileSync(path, `${[header, ...records].join('\n')}\n`);
    const ordered = await run([path]);
    const released = await run([path], { ordered: 0, workers: 2 });
    expect(released.report).toBe(ordered.report);
    expect([...released.ndjson].sort()).toEqual([...ordered.ndjson].sort());
    expect(released.ndjson).not.toEqual(ordered.ndjson);
    // In thread order, the sink gets what a collecting run holds, line for line.
    const whole = await runPipeline([inputFromPath(path)], { workers: 0 });
    expect(ordered.ndjson).toEqual(whole.tagged.map((t) => JSON.stringify(exchangeRecord(t))));
  });

  it('threads tweet ids past 2^53 and chat conversation ids of any form', async () => {
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
    const bigIds = join(DIR, 'big-ids.csv');
    writeFileSync(bigIds, `${[header, ...moved].join('\n')}\n`);
    const chat = join(DIR, 'chat.csv');
    const lines = ['conversation_id,timestamp,author,role,text'];
    for (let c = 0; c < 30; c++) {
      for (let k = 0; k < 3; k++) lines.push(`conv-${c % 7}-${'x'.repeat(c)},2024-01-0${1 + (k % 3)}T10:0${c % 10}:00Z,${k % 2 ? 'agent' : `cust${c}`},${k % 2 ? 'agent' : 'customer'},message ${c}.${k} about my order`);
    }
    writeFileSync(chat, `${lines.join('\n')}\n`);
    for (const path of [bigIds, chat]) {
      const built = buildThreads((await readInputs([inputFromPath(path)])).messages);
      const result = await runPipeline([inputFromPath(path)], { workers: 0 });
      expect(result.threads.map((t) => t.messages.map((m) => m.id))).toEqual(built.threads.map((t) => t.messages.map((m) => m.id)));
      expect(result.threads.some((t) => t.messages.length > 2)).toBe(true);
    }
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
    const error = await runStreaming([input], async (i) => ({ adapter: twcs, input: i }), () => 0, { reduce: () => {} }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(String((error as Error).message)).toMatch(/^growing\.csv(:\d+)?: the file changed while rapport read it/);
  });

  it('reads an input that can be read once (stdin, gzip on stdin) as the file it came from', async () => {
    const text = readFileSync('fixtures/chat/livechat.csv');
    const once = (bytes: Buffer): InputFile => {
      let used = false;
      return {
        name: '<stdin>',
        path: null,
        open: () => {
          if (used) throw new Error('read twice');
          used = true;
          return Readable.from([bytes]);
        },
      };
    };
    const file = await runPipeline([inputFromText('<stdin>', text)], { workers: 0 });
    for (const bytes of [text, gzipSync(text)]) {
      const piped = await runPipeline([once(bytes)], { workers: 0 });
      expect(piped.tagged.map((t) => JSON.stringify(exchangeRecord(t)))).toEqual(file.tagged.map((t) => JSON.stringify(exchangeRecord(t))));
      expect(piped.files).toEqual(file.files);
    }
    // Through the binary: the same JSON report from a pipe as from the file.
    const fromFile = rapport(['analyze', 'fixtures/chat/livechat.csv', '-f', 'json']);
    const fromPipe = rapport(['analyze', '-', '-f', 'json'], gzipSync(text));
    expect(fromPipe.code).toBe(0);
    expect(fromPipe.stdout.replaceAll('<stdin>', 'fixtures/chat/livechat.csv')).toBe(fromFile.stdout);
  });

  it('refuses a binary stream at its first bytes, before copying any of it', async () => {
    let served = 0;
    const zeros: InputFile = {
      name: '<stdin>',
      path: null,
      open: () =>
        new Readable({
          read() {
            served += 1 << 16;
            // A stream that never ends (/dev/zero): copying it first would fill the disk.
            this.push(served > 4 << 20 ? null : Buffer.alloc(1 << 16));
          },
        }),
    };
    const error = await runPipeline([zeros], { workers: 0 }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(String((error as Error).message)).toMatch(/binary/);
    expect(served).toBeLessThan(1 << 20);
  });

  it('hashes script keys to 53 bits, stably', () => {
    expect(Number.isSafeInteger(keyHash('thanks for reaching out we are here to help'))).toBe(true);
    expect(keyHash('a b c d')).toBe(keyHash('a b c d'));
    expect(keyHash('a b c d')).not.toBe(keyHash('a b c e'));
    expect(keyHash('')).not.toBe(keyHash(' '));
  });
});
