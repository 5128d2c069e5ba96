// CLI tests: spawn the built binary and check stdout, stderr and the exit code.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleHead } from '../hostile/spawn.js';

const BIN = join(import.meta.dirname, '../../bin/rapport.js');
const SAMPLE = 'fixtures/twcs-sample.csv';
/** The sample's first five threads (20 records): for the checks that do not name the sample's own counts. */
const HEAD = sampleHead();

function rapport(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', CI: 'true' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const tmp = mkdtempSync(join(tmpdir(), 'rapport-cli-'));
const emptyDir = join(tmp, 'empty');
mkdirSync(emptyDir);
const png = join(tmp, 'picture.png');
writeFileSync(png, Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));

/**
 * Runs that several tests read, spawned once (on first use) and shared: each is still a real spawn of the
 * binary, one per distinct invocation.
 */
const shared = new Map<string, ReturnType<typeof rapport>>();
function once(args: string[]) {
  const key = JSON.stringify(args);
  let run = shared.get(key);
  if (!run) shared.set(key, (run = rapport(args)));
  return run;
}

describe('rapport analyze', () => {
  it('prints a table report of a real export', () => {
    const { code, stdout, stderr } = once(['analyze', SAMPLE, '--format', 'table']);
    expect(stderr).toBe(`rapport: ${SAMPLE}: reading as twcs (detected; --source overrides)\n`);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Relationship health \d+\.\d \/ 100/);
    expect(stdout).toContain('153 messages · 40 threads · 74 exchanges');
    expect(stdout).toContain('sprintcare');
    expect(stdout).not.toContain('\u001b[');
  });

  it('prints the full report as JSON when piped, byte-identical from run to run', () => {
    const first = once(['analyze', SAMPLE]);
    const second = rapport(['analyze', SAMPLE]);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(second.stdout);
    const report = JSON.parse(first.stdout);
    expect(report.schemaVersion).toBe(4);
    expect(report.totals).toMatchObject({ recordsRead: 153, recordsRejected: 0, messages: 153, threads: 40, exchanges: 74 });
    expect(report.inputs).toEqual([{ file: SAMPLE, source: 'twcs', read: 153, used: 153, rejected: 0, roles: 'mixed' }]);
    expect(report.health.score).toBeGreaterThan(0);
    expect(report.health.formula.weights).toEqual({ experience: 0.4, conversation: 0.3, permission: 0.15, involvement: 0.15 });
    expect(report.brands[0]).toMatchObject({ key: 'sprintcare', exchanges: 6 });
  });

  it('prints Markdown', () => {
    const { code, stdout } = once(['analyze', SAMPLE, '-f', 'markdown']);
    expect(code).toBe(0);
    expect(stdout).toContain('# rapport — relationship health');
    expect(stdout).toContain('| account | exchanges | health |');
  });

  // Moved here from test/cli/topics.test.ts to read the runs above instead of spawning them again.
  it('has the voice-of-the-customer section in every format (JSON when piped, Markdown, table)', () => {
    expect(JSON.parse(once(['analyze', SAMPLE]).stdout).voice.topics.length).toBeGreaterThan(0);
    expect(once(['analyze', SAMPLE, '-f', 'markdown']).stdout).toContain('## Voice of the customer');
    expect(once(['analyze', SAMPLE, '--format', 'table']).stdout).toContain('Voice of the customer');
  });

  it('reads standard input with -', () => {
    const { code, stdout } = rapport(['analyze', '-', '-f', 'json'], readFileSync(HEAD, 'utf8'));
    expect(code).toBe(0);
    expect(JSON.parse(stdout).inputs[0]).toMatchObject({ file: '<stdin>', read: 20 });
  });

  it('writes the report to a file with --output', () => {
    const out = join(tmp, 'report.md');
    const { code, stdout } = rapport(['analyze', HEAD, '-f', 'markdown', '-o', out]);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toContain('# rapport');
  });

  it('exits 1 with a one-line reason when health is under --fail-under, 0 when above', () => {
    const failed = rapport(['analyze', HEAD, '--fail-under', '99', '--quiet']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/^rapport: health \d+\.\d is below --fail-under 99\n$/);
    expect(rapport(['analyze', HEAD, '--fail-under', '1']).code).toBe(0);
  });

  it('counts damaged rows, names them on stderr and writes them all with --rejects', () => {
    const rejects = join(tmp, 'rejects.ndjson');
    const { code, stdout, stderr } = rapport(['analyze', 'fixtures/bad-rows.csv', '-f', 'json', '--rejects', rejects]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.inputs[0]).toEqual({ file: 'fixtures/bad-rows.csv', source: 'twcs', read: 6, used: 3, rejected: 3, roles: 'given' });
    expect(report.diagnostics.byCode).toEqual({ 'bad-id': 1, 'bad-time': 1, 'column-count': 1 });
    expect(stderr).toContain('fixtures/bad-rows.csv:4: bad-id: tweet_id "x3" is not a tweet id');
    expect(stderr).toContain('3 record(s) rejected');
    const lines = readFileSync(rejects, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.code, l.line])).toEqual([
      ['bad-id', 4],
      ['bad-time', 5],
      ['column-count', 6],
    ]);
    expect(lines[0].raw).toContain('x3,101,True');
  });
});

describe('rapport tag', () => {
  it('prints one JSON object per exchange with exactly the documented keys', () => {
    const { code, stdout, stderr } = once(['tag', SAMPLE, '--quiet']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const records = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(records).toHaveLength(74);
    for (const r of records) {
      expect(Object.keys(r)).toEqual(['id', 'thread', 'source', 'customer', 'brand', 'labels', 'rue', 'responseSeconds', 'extra']);
      expect(Object.keys(r.labels)).toEqual(['experience', 'permission', 'involvement', 'conversation']);
      expect(Object.keys(r.rue)).toEqual(['relevance', 'utility', 'entertainment']);
    }
    const sprint = records.find((r) => r.id === '8');
    expect(sprint).toMatchObject({ thread: '8', source: 'twcs', customer: '115712', brand: 'sprintcare', responseSeconds: 74 });
    expect(sprint.labels.experience.label).toBe('negative');
    // Each label the model decided says how sure it was; a reply's conversation label too, `none` (a rule) not.
    expect(Object.keys(sprint.labels.experience)).toEqual(['label', 'score', 'probabilities', 'evidence']);
    expect(Object.keys(sprint.labels.experience.probabilities)).toEqual(['positive', 'neutral', 'negative']);
    expect(Object.keys(sprint.labels.conversation.probabilities)).toEqual(['two-way', 'one-way']);
    const unanswered = records.find((r) => r.labels.conversation.label === 'none');
    expect(Object.keys(unanswered.labels.conversation)).toEqual(['label', 'score', 'evidence']);
  });

  it('quotes evidence spans that point into the exported message text', () => {
    const texts = new Map<string, string>();
    // The records of the run above: --quiet changes stderr only, not the records on stdout.
    const { stdout } = once(['tag', SAMPLE, '--quiet']);
    // Collect message texts through the public JSON report is not possible, so re-read with the adapter's rules:
    // every quoted span must at least occur in the fixture at its offsets' length.
    const fixture = readFileSync(SAMPLE, 'utf8');
    for (const line of stdout.trim().split('\n')) {
      const r = JSON.parse(line);
      for (const axis of Object.values(r.labels) as { evidence: { text: string; start: number; end: number; message: string }[] }[]) {
        for (const e of axis.evidence) {
          expect(e.end - e.start).toBe(e.text.length);
          expect(fixture).toContain(e.text);
          texts.set(e.message, e.text);
        }
      }
    }
    expect(texts.size).toBeGreaterThan(20);
  });

  it('exits quietly when the reader goes away (EPIPE)', () => {
    const result = spawnSync('bash', ['-c', `node ${BIN} tag ${SAMPLE} -q | head -n 1`], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
  });
});

describe('rapport eval', () => {
  it('scores the tagger against labels and prints per-axis tables', () => {
    const { code, stdout } = rapport(['eval', '--gold', 'fixtures/labels-sample.jsonl', SAMPLE]);
    expect(code).toBe(0);
    expect(stdout).toContain('7 labelled exchanges from fixtures/labels-sample.jsonl');
    expect(stdout).toMatch(/experience\s+│?\s*\d\.\d\d/);
    expect(stdout).toContain('gold ↓ predicted →');
  });

  it('prints JSON for CI', () => {
    const { code, stdout } = rapport(['eval', '--gold', 'fixtures/labels-sample.jsonl', SAMPLE, '-f', 'json']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.exchanges).toBe(7);
    expect(Object.keys(result.axes)).toEqual(['experience', 'permission', 'involvement', 'conversation']);
    expect(result.axes.conversation.macroF1).toBeGreaterThanOrEqual(0);
    expect(result.axes.conversation.macroF1).toBeLessThanOrEqual(1);
    expect(Object.keys(result.rue)).toEqual(['relevance', 'utility', 'entertainment']);
  });

  it('refuses labels for exchanges the inputs do not produce', () => {
    const gold = join(tmp, 'gold.jsonl');
    writeFileSync(gold, '{"id":"999999","experience":"neutral","permission":"neutral","involvement":"low","conversation":"none"}\n');
    const { code, stderr } = rapport(['eval', '--gold', gold, HEAD, '--source', 'twcs']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^rapport: .*gold\.jsonl: 1 labelled exchange\(s\) not found in the inputs \(first: 999999\)/);
  });
});

describe('bad usage and bad files', () => {
  it.each([
    [['analyze', 'no-such-file.csv'], /^rapport: no-such-file\.csv: no such file\n$/],
    [['analyze', emptyDir], /^rapport: .*empty: no input files in this directory\n$/],
    [['analyze', png], /^rapport: .*picture\.png: binary file, not text/],
    [['analyze', SAMPLE, '--format', 'pdf'], /error: option '-f, --format <format>' argument 'pdf' is invalid/],
    [['analyze', SAMPLE, '--fail-under', 'lots'], /expected a number from 0 to 100/],
    [['analyze', SAMPLE, '--source', 'fax'], /^rapport: --source must be one of twcs, .*, not "fax"\n$/],
    [['analyze'], /missing required argument 'files'/],
    [['frobnicate'], /unknown command 'frobnicate'/],
  ])('rapport %j exits 2 with a one-line error', (args, message) => {
    const { code, stdout, stderr } = rapport(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('names the file and line of a CSV without the export columns', () => {
    const other = join(tmp, 'other.csv');
    writeFileSync(other, 'ticket,body\n1,hello\n');
    const { code, stderr } = rapport(['analyze', other, '--source', 'twcs']);
    expect(code).toBe(2);
    expect(stderr).toBe(`rapport: ${other}:1: not a Twitter customer-care export: missing column(s) tweet_id, author_id, inbound, created_at, text\n`);
  });

  it('prints help and the version with exit 0', () => {
    const help = rapport(['--help']);
    expect(help.code).toBe(0);
    // Commands are imported only when named (cli/main.ts): the help still lists every one.
    for (const command of ['analyze', 'tag', 'eval', 'explain', 'topics', 'diff', 'report', 'shard', 'train']) expect(help.stdout).toMatch(new RegExp(`^  ${command} \\[options\\]`, 'm'));
    expect(rapport(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('suggests the command a misspelt one means, exit 2', () => {
    const { code, stdout, stderr } = rapport(['analyz', 'fixtures/twcs-sample.csv']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe("error: unknown command 'analyz' (Did you mean analyze?)\n(run rapport --help for usage)\n");
  });
});
