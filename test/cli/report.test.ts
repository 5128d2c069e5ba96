// CLI tests for reports: groupings, filters, formats, config weights, gates, diff and progress; spawn the binary.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { parseShare, reportPlan } from '../../src/cli/commands/analyze.js';
import { UsageError } from '../../src/cli/errors.js';
import { rapport, sampleHead, tempDir } from '../hostile/spawn.js';

const SAMPLE = 'fixtures/twcs-sample.csv';
/** The sample's first five threads: for the checks that do not name the sample's own counts. */
const HEAD = sampleHead();
const tmp = tempDir();

/** The JSON report of the sample, with every grouping: built once, read by several tests. */
const full = rapport(['analyze', SAMPLE, '-f', 'json', '--by', 'brand', '--by', 'agent', '--by', 'customer', '--by', 'channel', '--by', 'thread', '--by', 'day', '--by', 'week', '--by', 'month']);
const report = JSON.parse(full.stdout);
const fullPath = join(tmp, 'full.json');
writeFileSync(fullPath, full.stdout);

describe('rapport analyze --by and filters', () => {
  it('adds one grouping per --by, each row with counts, health, axes, service measures and cues', () => {
    expect(full.code).toBe(0);
    expect(full.stderr).toBe('');
    expect(report.schemaVersion).toBe(4);
    expect(report.groupings.map((g: { by: string }) => g.by)).toEqual(['brand', 'agent', 'customer', 'channel', 'thread', 'day', 'week', 'month']);
    const byKey = Object.fromEntries(report.groupings.map((g: { by: string; rows: unknown[] }) => [g.by, g.rows]));
    for (const rows of Object.values(byKey) as { exchanges: number }[][]) expect(rows.reduce((n, r) => n + r.exchanges, 0)).toBe(74);
    expect(byKey.channel).toHaveLength(1);
    expect(byKey.thread).toHaveLength(40);
    const week = byKey.week as { key: string; health: number; service: { replyRate: number; firstResponse: { median: number; p90: number } }; axes: object; topCues: string[] }[];
    expect(week.map((r) => r.key)).toEqual([...week.map((r) => r.key)].sort());
    expect(week[week.length - 1]).toMatchObject({ key: '2017-W45' });
    expect(Object.keys(week[0]!.axes)).toEqual(['experience', 'permission', 'involvement', 'conversation']);
    expect(report.atRisk.threads).toBeGreaterThan(0);
    expect(report.atRisk.items[0].messages[0].text.length).toBeGreaterThan(0);
    expect(report.scope).toEqual({ since: null, until: null, brands: [], timeZone: 'UTC', now: null, excluded: 0 });
  });

  it('cuts weeks in --tz, filters by --since/--until/--brand and records the scope', () => {
    const { code, stdout } = rapport(['analyze', HEAD, '-f', 'json', '--by', 'day', '--tz', 'Asia/Tokyo', '--since', '2017-10-31', '--until', '2017-11-01', '--brand', 'sprintcare', '--now', '2017-11-06']);
    expect(code).toBe(0);
    const r = JSON.parse(stdout);
    expect(r.scope).toMatchObject({ since: '2017-10-30T15:00:00.000Z', until: '2017-11-01T15:00:00.000Z', brands: ['sprintcare'], timeZone: 'Asia/Tokyo', now: '2017-11-05T15:00:00.000Z' });
    expect(r.brands.map((b: { key: string }) => b.key)).toEqual(['sprintcare']);
    expect(r.groupings[0].rows.map((g: { key: string }) => g.key)).toEqual(['2017-11-01']);
    // The head's 10 exchanges: sprintcare's on 1 November in Tokyo are kept, the rest counted as excluded.
    expect(r.totals.exchanges).toBeLessThan(10);
    expect(r.totals.exchanges).toBeGreaterThan(0);
    expect(r.scope.excluded).toBe(10 - r.totals.exchanges);
  });

  it('sorts with --sort and shows --top rows', () => {
    const { stdout } = rapport(['analyze', HEAD, '-f', 'markdown', '--by', 'brand', '--sort', 'health', '--top', '3']);
    const rows = stdout.split('## By account')[1]!.split('## At risk')[0]!.split('\n').filter((l) => /^\| (?!account|---)/.test(l));
    expect(rows).toHaveLength(3);
    const health = rows.map((l) => Number(l.split('|')[3]));
    expect(health).toEqual([...health].sort((a, b) => a - b));
    expect(stdout).toMatch(/…and 4 more/); // the head's 7 brand accounts
  });

  // One spawn per kind of refusal (commander's argument check, the plan's usage errors): exit 2, one line,
  // nothing on stdout; the other messages from the same checks, called in-process.
  it.each([
    [['--by', 'planet'], /option '--by <grouping>' argument 'planet' is invalid\. expected one of brand, agent/],
    [['--since', '2017-11-01', '--until', '2017-10-01'], /^rapport: --since must be before --until\n$/],
  ])('rejects %j with exit 2 and one line', (args, message) => {
    const { code, stdout, stderr } = rapport(['analyze', SAMPLE, '-f', 'json', ...args]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
  });

  it.each([
    [{ tz: 'Mars/Olympus' }, /^--tz: unknown time zone "Mars\/Olympus" \(use UTC, \+02:00 or a name such as Europe\/Berlin\)$/],
    [{ since: 'yesterday' }, /^--since expects a date \(2017-10-31\) or an ISO time with offset/],
    [{ failOnDrop: 5 }, /^--fail-on-drop needs --baseline <last\.json>$/],
  ])('refuses %j as a usage error (exit 2)', (options, message) => {
    expect(() => reportPlan({ format: 'json', by: [], csvRows: 'groups', ...options })).toThrow(UsageError);
    expect(() => reportPlan({ format: 'json', by: [], csvRows: 'groups', ...options })).toThrow(message);
  });

  it('refuses a --max-unanswered that is not a share', () => {
    expect(() => parseShare('2')).toThrow(InvalidArgumentError);
    expect(() => parseShare('2')).toThrow(/^expected a share from 0 to 1/);
    expect(parseShare('15%')).toBe(0.15);
  });
});

describe('rapport analyze formats', () => {
  it('prints ndjson exactly as rapport tag', () => {
    const ndjson = rapport(['analyze', HEAD, '-f', 'ndjson']);
    expect(ndjson.code).toBe(0);
    expect(ndjson.stdout.split('\n')).toHaveLength(11);
    expect(ndjson.stdout).toBe(rapport(['tag', HEAD]).stdout);
  });

  it('prints csv per group and per exchange, guarded against formulas', () => {
    const groups = rapport(['analyze', HEAD, '-f', 'csv', '--by', 'brand', '--by', 'week']);
    expect(groups.code).toBe(0);
    const lines = groups.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^grouping,key,messages,exchanges,scored,health,experience/);
    // The head: 7 brand accounts, exchanges in the ISO weeks 2017-W42 to W44, 10 exchanges.
    expect(lines.filter((l) => l.startsWith('brand,'))).toHaveLength(7);
    expect(lines.filter((l) => l.startsWith('week,')).map((l) => l.split(',')[1])).toEqual(['2017-W42', '2017-W43', '2017-W44']);
    const exchanges = rapport(['analyze', HEAD, '-f', 'csv', '--csv-rows', 'exchanges']);
    expect(exchanges.stdout.trimEnd().split('\n')).toHaveLength(11);
    for (const cell of exchanges.stdout.split(/[,\n]/)) expect(cell).not.toMatch(/^[=+@\t\r]/);
  });

  it('writes a self-contained html file, byte-identical from run to run', () => {
    for (const format of ['html']) {
      const a = join(tmp, `a.${format}`);
      const b = join(tmp, `b.${format}`);
      expect(rapport(['analyze', HEAD, '-f', format, '--by', 'week', '-o', a]).code).toBe(0);
      expect(rapport(['analyze', HEAD, '-f', format, '--by', 'week', '-o', b]).code).toBe(0);
      expect(readFileSync(a, 'utf8')).toBe(readFileSync(b, 'utf8'));
    }
    const html = readFileSync(join(tmp, 'a.html'), 'utf8');
    // Without --format, the --output extension picks it.
    const md = join(tmp, 'picked.md');
    expect(rapport(['analyze', HEAD, '-o', md]).code).toBe(0);
    expect(readFileSync(md, 'utf8')).toMatch(/^# rapport — relationship health/);
    expect(html).toContain('Health per ISO week');
    // Two scripts: the drill-down data (JSON) and the page's own, allowed by its hash; nothing loads from anywhere.
    expect(html.match(/<script[^>]*>/g)).toEqual(['<script type="application/json" id="rapport-data">', '<script>']);
    expect(html).not.toMatch(/\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?\/\//i);
    expect(html).not.toMatch(/<link|@import|url\(/i);
  });

  it('prints the table with groupings and the at-risk list in 80 columns', () => {
    const { code, stdout } = rapport(['analyze', SAMPLE, '-f', 'table', '--by', 'week', '--by', 'agent']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ISO week\s+exch\s+health/m);
    expect(stdout).toMatch(/^agent\s+exch\s+health/m);
    expect(stdout).toMatch(/At risk: \d+ threads, \d+ customers/);
    for (const line of stdout.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(80);
  });
});

describe('health weights from rapport.config.json', () => {
  it('uses the configured weights and prints them', () => {
    const config = join(tmp, 'weights.json');
    writeFileSync(config, JSON.stringify({ health: { weights: { experience: 1, conversation: 0, permission: 0, involvement: 0 } } }));
    const { code, stdout } = rapport(['analyze', HEAD, '-f', 'json', '--config', config]);
    expect(code).toBe(0);
    const r = JSON.parse(stdout);
    expect(r.health.formula.weights).toEqual({ experience: 1, conversation: 0, permission: 0, involvement: 0 });
    expect(r.health.score).toBeCloseTo(r.axes.experience.value, 0);
    expect(r.health.formula.description).toContain('1 × experience');
  });

  it('names a bad weight in one line, exit 2', () => {
    const config = join(tmp, 'bad.json');
    writeFileSync(config, JSON.stringify({ health: { values: { experience: { positive: 3 } } } }));
    const { code, stderr } = rapport(['analyze', SAMPLE, '--config', config]);
    expect(code).toBe(2);
    expect(stderr).toBe(`rapport: ${config}: "health.values.experience.positive" must be a number from 0 to 1, not 3\n`);
  });
});

describe('gates and rapport diff', () => {
  /** The same report with health and axes set higher and one at-risk item renamed: last week was better. */
  const better = join(tmp, 'better.json');
  const last = structuredClone(report);
  last.health.score = report.health.score + 10;
  last.axes.experience.value = report.axes.experience.value + 20;
  last.groupings[0].rows[0].health = report.groupings[0].rows[0].health + 5;
  last.atRisk.items[0].key = 'gone-thread';
  writeFileSync(better, JSON.stringify(last));

  it('exits 1 with one line per failed gate, 0 when all pass', () => {
    const failed = rapport(['analyze', SAMPLE, '-f', 'json', '--fail-under', '99', '--baseline', better, '--fail-on-drop', '5', '--max-unanswered', '1%']);
    expect(failed.code).toBe(1);
    const lines = failed.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^rapport: health \d+\.\d is below --fail-under 99$/);
    expect(lines[1]).toMatch(/^rapport: health dropped 10\.0 points \(\d+\.\d → \d+\.\d\), more than --fail-on-drop 5$/);
    expect(lines[2]).toMatch(/^rapport: 4\.5% of customer turns are unanswered, more than --max-unanswered 1\.0%$/);
    const passed = rapport(['analyze', SAMPLE, '-f', 'json', '--baseline', better, '--fail-on-drop', '15', '--max-unanswered', '0.5']);
    expect(passed.code).toBe(0);
    expect(passed.stderr).toBe('');
  });

  it('diffs two reports: health and axes with arrows, per group, new and resolved at-risk items', () => {
    const md = rapport(['diff', better, fullPath, '-f', 'markdown']);
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('# rapport — week over week');
    expect(md.stdout).toMatch(/\*\*Health \d+\.\d → \d+\.\d ↓10\.0\*\*/);
    expect(md.stdout).toMatch(/\| experience \| \d+\.\d → \d+\.\d ↓20\.0 \|/);
    expect(md.stdout).toContain('## By account');
    expect(md.stdout).toMatch(/↓5\.0/);
    expect(md.stdout).toMatch(/## New at risk \(1\)\n\n- \w/);
    expect(md.stdout).toMatch(/## Resolved \(1\)\n\n- .*thread gone-thread/);
    const table = rapport(['diff', better, fullPath, '-f', 'table']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^Health \d+\.\d → \d+\.\d ↓10\.0/);
    expect(table.stdout).toContain('New at risk: 1');
    for (const line of table.stdout.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(80);
  });

  it('gates a diff on the drop, exit 1, and refuses a file that is not a report, exit 2', () => {
    const gated = rapport(['diff', better, fullPath, '--fail-on-drop', '2']);
    expect(gated.code).toBe(1);
    expect(gated.stderr).toMatch(/^rapport: health dropped 10\.0 points .* more than --fail-on-drop 2\n$/);
    expect(rapport(['diff', fullPath, fullPath, '--fail-on-drop', '0']).code).toBe(0);
    const bad = rapport(['diff', SAMPLE, fullPath]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(`rapport: ${SAMPLE}: not a JSON report (write one with rapport analyze -f json)\n`);
  });
});
