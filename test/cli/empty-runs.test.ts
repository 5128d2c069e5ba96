// A run with nothing to report is no success: every record rejected, a --brand or period that matches nothing,
// health that cannot be measured under a gate, and a gate's exit code when stdout closes early (issue 17).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, rapport, sampleHead, tempDir } from '../hostile/spawn.js';

/** The sample's first five threads: for the runs that do not name the sample's own counts. */
const HEAD = sampleHead();

describe('runs with nothing usable', () => {
  it('exits 2 when every record is rejected, naming the input and the reasons, after writing --rejects', () => {
    const dir = tempDir();
    const rejects = join(dir, 'rejects.ndjson');
    const r = rapport(['analyze', 'fixtures/chat/tickets.csv', '--map', 'conversation=ticket_id,time=created,author=from,text=body,role=direction', '-q', '--rejects', rejects, '-f', 'json']);
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'rapport: fixtures/chat/tickets.csv: no usable records: all 3 were rejected (bad-time 3); --rejects FILE lists them\n' });
    expect(spawnSync('wc', ['-l', rejects], { encoding: 'utf8' }).stdout).toMatch(/^3 /);
  });

  it('exits 2 for rapport tag too', () => {
    const r = rapport(['tag', 'fixtures/malformed/header-only.csv', '-q']);
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'rapport: fixtures/malformed/header-only.csv: no records to analyze\n' });
  });

  it('exits 2 when --brand names no account of the input, listing the largest ones', () => {
    const r = rapport(['analyze', HEAD, '--brand', 'AmazonHelpp', '-q']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^rapport: --brand AmazonHelpp matches no brand account of the input in scope \(the largest: sprintcare \(4\), .*, … 7 in all\)\n$/);
    expect(rapport(['analyze', HEAD, '--brand', 'sprintcare', '-q', '-f', 'json']).code).toBe(0);
  });

  it('exits 2 when the period holds no exchange, saying when the input runs', () => {
    const r = rapport(['analyze', HEAD, '--since', '2030-01-01', '-q']);
    expect(r).toEqual({ code: 2, stdout: '', stderr: "rapport: no exchange in the period asked for (--since/--until); the input's exchanges run from 2017-10-18T14:07:45.000Z to 2017-10-31T22:11:45.000Z\n" });
  });
});

describe('gates', () => {
  it('fail, in words, when health cannot be measured (only brand messages)', () => {
    const dir = tempDir();
    const file = join(dir, 'brand-only.csv');
    writeFileSync(file, 'tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n1,AcmeHelp,False,Tue Oct 31 22:10:47 +0000 2017,Our new app is out!,,\n');
    const r = rapport(['analyze', file, '-q', '-f', 'json', '--fail-under', '60']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('rapport: health could not be measured (no exchange with a customer turn), so --fail-under 60 cannot pass\n');
  });

  it('keep their exit code when the reader closes stdout early', () => {
    const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${BIN}" analyze ${HEAD} --fail-under 99 -f json -q | head -1`], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });
    expect(r.stdout).toBe('{\n');
    expect(r.status).toBe(1);
  });
});

describe('a settings file found upwards', () => {
  it('is named on stderr, since it changes weights, lexicons and roles (not with --config, not with -q)', () => {
    const dir = tempDir();
    const sub = join(dir, 'weekly');
    mkdirSync(sub);
    const config = join(dir, 'rapport.config.json');
    writeFileSync(config, JSON.stringify({ health: { weights: { experience: 1 } } }));
    const run = (args: string[]) => spawnSync(process.execPath, [BIN, 'analyze', HEAD, '-f', 'json', ...args], { cwd: sub, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
    const found = run([]);
    expect(found.status).toBe(0);
    expect(found.stderr).toContain(`rapport: settings from ${config} (found upwards from here; --config names another)\n`);
    expect(run(['-q']).stderr).toBe('');
    expect(run(['--config', config]).stderr).not.toContain('settings from');
  });
});
