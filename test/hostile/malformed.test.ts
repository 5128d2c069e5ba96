// One malformed input per case of issue #8, through the binary: exit code, one-line error or diagnostic counts.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/pipeline.js';
import { buildReport } from '../../src/report/build.js';
import { inputFromPath } from '../../src/sources/input.js';
import { readTwcs } from '../helpers.js';
import { TWCS_HEADER } from './arbitraries.js';
import { rapport, tempDir } from './spawn.js';

const DIR = 'fixtures/malformed';
const tmp = tempDir();

interface Expected {
  read: number;
  used: number;
  rejected: number;
  byCode: Record<string, number>;
  threads?: number;
  exchanges?: number;
}

/** Each malformed fixture (fixtures/malformed/README.md) and what rapport must make of it. */
const READABLE: [string, string, Expected][] = [
  ['unbalanced quote: the line is rejected, reading resumes after it', 'unbalanced-quote.csv', { read: 4, used: 3, rejected: 1, byCode: { 'unclosed-quote': 1 }, exchanges: 2 }],
  ['wrong column counts', 'column-count.csv', { read: 5, used: 3, rejected: 2, byCode: { 'column-count': 2 } }],
  ['bare CR inside a field stays text', 'bare-cr.csv', { read: 2, used: 2, rejected: 0, byCode: {} }],
  ['BOM and CRLF line endings', 'bom-crlf.csv', { read: 3, used: 3, rejected: 0, byCode: {}, threads: 1, exchanges: 2 }],
  ['CR-only line endings', 'cr-only.csv', { read: 3, used: 3, rejected: 0, byCode: {}, threads: 1, exchanges: 2 }],
  ['no newline at the end', 'no-final-newline.csv', { read: 3, used: 3, rejected: 0, byCode: {}, exchanges: 2 }],
  ['latin-1 bytes: replaced, one warning, rows kept', 'latin1.csv', { read: 2, used: 2, rejected: 0, byCode: { encoding: 1 } }],
  ['invalid UTF-8 sequences: replaced, one warning, rows kept', 'invalid-utf8.csv', { read: 3, used: 3, rejected: 0, byCode: { encoding: 1 } }],
  ['header only', 'header-only.csv', { read: 0, used: 0, rejected: 0, byCode: {}, threads: 0, exchanges: 0 }],
  ['duplicate message ids: the first copy wins', 'duplicate-ids.csv', { read: 4, used: 3, rejected: 1, byCode: { 'duplicate-id': 1 } }],
  ['reply cycle a → b → a, and a self-reply', 'reply-cycle.csv', { read: 3, used: 3, rejected: 0, byCode: {}, threads: 2 }],
  ['replies to parents not in the file start their own threads', 'missing-parent.csv', { read: 3, used: 3, rejected: 0, byCode: {}, threads: 2 }],
  ['timestamps in the future or unparseable', 'bad-times.csv', { read: 5, used: 2, rejected: 3, byCode: { 'bad-time': 2, 'future-time': 1 } }],
  ['empty message texts', 'empty-text.csv', { read: 3, used: 3, rejected: 0, byCode: {}, exchanges: 2 }],
  ['escape sequences, bidi overrides, markup and formulas in the text', 'hostile-text.csv', { read: 3, used: 3, rejected: 0, byCode: {} }],
];

const UNREADABLE: [string, string, RegExp][] = [
  ['empty file', 'empty.csv', /^rapport: fixtures\/malformed\/empty\.csv: empty file\n$/],
  ['only blank lines', 'blank-lines.csv', /^rapport: fixtures\/malformed\/blank-lines\.csv: empty file\n$/],
  ['duplicate header names', 'duplicate-header.csv', /^rapport: fixtures\/malformed\/duplicate-header\.csv:1: column "text" appears twice in the header \(fields 5 and 8\); which one to read is ambiguous\n$/],
  ['binary garbage', 'binary.bin', /^rapport: fixtures\/malformed\/binary\.bin: binary file, not text \(it contains NUL bytes\)\n$/],
  ['a header and no rows: nothing to report is no success', 'header-only.csv', /^rapport: fixtures\/malformed\/header-only\.csv: no records to analyze\n$/],
];

function analyzeJson(file: string, extra: string[] = []) {
  const run = rapport(['analyze', file, '-f', 'json', ...extra]);
  return { ...run, report: run.code === 0 ? JSON.parse(run.stdout) : null };
}

/** The report of one input, in process (the path the CLI takes, minus the process). */
async function reportOf(file: string) {
  return buildReport(await runPipeline([inputFromPath(file)]));
}

describe('malformed inputs that are still read', () => {
  it.each(READABLE)('%s (%s)', async (_name, file, expected) => {
    const report = await reportOf(join(DIR, file));
    expect(report.inputs[0]).toMatchObject({ read: expected.read, used: expected.used, rejected: expected.rejected });
    expect(report.diagnostics.byCode).toEqual(expected.byCode);
    if (expected.threads !== undefined) expect(report.totals.threads).toBe(expected.threads);
    if (expected.exchanges !== undefined) expect(report.totals.exchanges).toBe(expected.exchanges);
    for (const f of report.inputs) expect(f.read).toBe(f.used + f.rejected);
  });

  it.each([
    ['unbalanced-quote.csv', ['unbalanced-quote.csv:3: unclosed-quote: a quote opened in this record is never closed; the line is skipped', 'rapport: 1 record(s) rejected; --rejects FILE writes them all']],
    ['latin1.csv', ['latin1.csv:2: warning: encoding: bytes that are not UTF-8', 'rapport: 1 warning(s); --rejects FILE writes them all']],
    ['bad-times.csv', ['bad-times.csv:3: future-time: message 4 is dated 2099-10-31T10:00:00.000Z, in the future; skipped', 'rapport: 3 record(s) rejected;']],
  ])('the binary exits 0 and names what it rejected or repaired on stderr (%s)', (file, lines) => {
    const { code, stderr, report } = analyzeJson(join(DIR, file));
    expect(code).toBe(0);
    for (const line of lines) expect(stderr).toContain(line);
    expect(stderr).not.toMatch(/\n\s+at |internal error/);
    expect(report.inputs[0].read).toBe(report.inputs[0].used + report.inputs[0].rejected);
  });

  it('tells repairs from rejections in the table report', () => {
    const { stdout } = rapport(['analyze', join(DIR, 'latin1.csv'), '-f', 'table', '-q']);
    expect(stdout).toContain('2 records read, 0 rejected');
    expect(stdout).toContain('0 records rejected, 1 warning(s): encoding 1');
  });

  it('reads LF, CRLF and CR-only files to the same messages', async () => {
    const texts = async (file: string) => (await readTwcs(file, readFileSync(join(DIR, file)))).map((i) => ('message' in i ? [i.message.id, i.message.text, i.message.line] : i.diagnostic.code));
    expect(await texts('cr-only.csv')).toEqual(await texts('no-final-newline.csv'));
    expect(await texts('bom-crlf.csv')).toEqual(await texts('no-final-newline.csv'));
  });

  it('keeps the text around replaced bytes', async () => {
    const items = await readTwcs('latin1.csv', readFileSync(join(DIR, 'latin1.csv')));
    expect(items.flatMap((i) => ('message' in i ? [i.message.text] : []))[0]).toBe('@AcmeHelp caf\ufffd cr\ufffdme br\ufffdl\ufffde was cold');
  });

  it('rejects a 50 MB field with a diagnostic, in bounded memory, and reads the next row', () => {
    const big = join(tmp, 'big-field.csv');
    const row = (id: number, text: string) => `${id},c1,True,Tue Oct 31 10:0${id}:00 +0000 2017,${text},,\n`;
    writeFileSync(big, TWCS_HEADER + '\n' + row(1, '@AcmeHelp fine') + row(2, `"${'x'.repeat(50 * 1024 * 1024)}"`) + row(3, '@AcmeHelp after the big one'));
    // A heap too small to hold the field even once: only a bounded reader gets through.
    const run = rapport(['analyze', big, '-f', 'json'], undefined, { NODE_OPTIONS: '--max-old-space-size=64' });
    expect(run.stderr).not.toMatch(/heap out of memory|\n\s+at /);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.inputs[0]).toMatchObject({ read: 3, used: 2, rejected: 1 });
    expect(report.diagnostics.byCode).toEqual({ 'record-too-large': 1 });
    expect(run.stderr).toContain(`${big}:3: record-too-large: record is longer than 1,048,576 characters; skipped`);
  });

  it('--rejects writes every rejected record in full, one JSON line each', () => {
    const out = join(tmp, 'rejects.ndjson');
    const { report } = analyzeJson(join(DIR, 'bad-times.csv'), ['--rejects', out, '-q']);
    const lines = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(report.inputs[0].rejected);
    const source = readFileSync(join(DIR, 'bad-times.csv'), 'utf8').split('\n');
    // Rows the adapter rejected come back as they were; messages skipped later as the fields read.
    for (const l of lines) {
      if (l.code === 'future-time') expect(JSON.parse(l.raw)).toMatchObject({ id: '4', text: '@AcmeHelp from the future', author: 'c2' });
      else expect(source).toContain(l.raw);
    }
    expect(lines.map((l) => l.code).sort()).toEqual(['bad-time', 'bad-time', 'future-time']);
  });
});

describe('inputs that cannot be read at all: one line, exit 2', () => {
  it.each(UNREADABLE)('%s (%s)', (_name, file, message) => {
    const { code, stdout, stderr } = rapport(['analyze', join(DIR, file)]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
  });

  it.each([
    ['a .gz file that is not gzip', 'broken.csv.gz', Buffer.from('tweet_id,author_id\n'), /: not a valid gzip file\n$/],
    ['UTF-16 text', 'utf16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TWCS_HEADER, 'utf16le')]), /: UTF-16 text; convert it to UTF-8 first/],
    ['random control bytes', 'controls.bin', Buffer.from(Array.from({ length: 600 }, (_, i) => [0x41, 0x01, 0x42, 0x02, 0x0e][i % 5]!)), /: binary file, not text/],
  ])('%s', (_name, name, bytes, message) => {
    const path = join(tmp, name);
    writeFileSync(path, bytes);
    const { code, stderr } = rapport(['analyze', path]);
    expect(code).toBe(2);
    expect(stderr.split('\n')).toHaveLength(2);
    expect(stderr).toMatch(message);
  });

  it('reads a gzip file without the .gz name through gunzip (its magic bytes say what it is)', () => {
    const path = join(tmp, 'packed.csv');
    writeFileSync(path, gzipSync(readFileSync(join(DIR, 'bom-crlf.csv'))));
    const { code, stdout } = rapport(['analyze', path, '-f', 'json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).totals.messages).toBeGreaterThan(0);
  });

  it('refuses the same file given twice (every message would be a duplicate)', () => {
    const { code, stderr } = rapport(['analyze', join(DIR, 'bom-crlf.csv'), `./${DIR}/bom-crlf.csv`]);
    expect(code).toBe(2);
    expect(stderr).toBe(`rapport: ./${DIR}/bom-crlf.csv is given more than once\n`);
  });

  it('reads a well-formed .gz export', () => {
    const path = join(tmp, 'ok.csv.gz');
    writeFileSync(path, gzipSync(readFileSync(join(DIR, 'bom-crlf.csv'))));
    expect(analyzeJson(path).report.inputs[0]).toMatchObject({ read: 3, used: 3 });
  });

  it('fixtures keep their damaged bytes (an editor may "fix" them)', () => {
    expect(readFileSync(join(DIR, 'cr-only.csv'), 'latin1')).not.toContain('\n');
    expect(readFileSync(join(DIR, 'latin1.csv')).includes(0xe9)).toBe(true);
  });
});
