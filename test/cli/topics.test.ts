// CLI tests for `rapport topics` and the voice-of-the-customer section of `rapport analyze`.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleHead } from '../hostile/spawn.js';

const BIN = join(import.meta.dirname, '../../bin/rapport.js');
const SAMPLE = 'fixtures/twcs-sample.csv';
/** The sample's first five threads (three ISO weeks): for the checks that do not name the sample's counts. */
const HEAD = sampleHead();

function rapport(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CI: 'true' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('rapport topics', () => {
  it('prints topics with counts, shares and quotes as JSON, the same twice', () => {
    const first = rapport(['topics', SAMPLE, '-f', 'json']);
    expect(first.code).toBe(0);
    expect(rapport(['topics', SAMPLE, '-f', 'json']).stdout).toBe(first.stdout);
    const { overall } = JSON.parse(first.stdout);
    expect(overall.exchanges).toBe(67);
    expect(overall.topics.length).toBeGreaterThan(3);
    for (const t of overall.topics) {
      expect(t.exchanges).toBeGreaterThanOrEqual(2);
      expect(t.negativeShare).toBeGreaterThanOrEqual(0);
      expect(t.term).not.toMatch(/sprintcare|chipotle/i);
    }
    expect(Object.keys(overall)).toEqual(['exchanges', 'topics', 'requests', 'complaints', 'praise']);
  });

  it('lists topics per brand account', () => {
    const { code, stdout } = rapport(['topics', SAMPLE, '-f', 'json', '--by', 'brand', '--brands', '2']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).byBrand.map((b: { brand: string }) => b.brand)).toEqual(['sprintcare', 'AskPlayStation']);
  });

  it('lists topics per ISO week, oldest first, and rejects an unknown grouping', () => {
    const { code, stdout } = rapport(['topics', HEAD, '-f', 'json', '--by', 'week']);
    expect(code).toBe(0);
    const weeks = JSON.parse(stdout).byWeek.map((w: { week: string }) => w.week);
    expect(weeks).toEqual([...weeks].sort());
    expect(weeks).toEqual(['2017-W42', '2017-W43', '2017-W44']);
    const bad = rapport(['topics', HEAD, '--by', 'colour']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Allowed choices are brand, week/);
  });

  it('renders Markdown and a terminal table that fits 80 columns', () => {
    expect(rapport(['topics', HEAD, '-f', 'markdown']).stdout).toContain('## Voice of the customer');
    const table = rapport(['topics', SAMPLE, '-f', 'table']).stdout;
    expect(table).toContain('Voice of the customer — topics in 67 customer turns');
    for (const line of table.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(80);
  });

  // That the section is part of the analyze report in every format is tested in test/cli/cli.test.ts, on the
  // analyze runs that file spawns anyway.
});
