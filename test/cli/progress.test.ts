import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { progressEnabled, useColor } from '../../src/cli/io.js';

describe('colour', () => {
  it.each([
    [true, undefined, {}, true],
    [false, undefined, {}, false],
    [true, false, {}, false],
    [true, undefined, { NO_COLOR: '1' }, false],
    [true, undefined, { FORCE_COLOR: '0' }, false],
    [true, undefined, { TERM: 'dumb' }, false],
    [false, undefined, { FORCE_COLOR: '1' }, true],
    [true, undefined, { TERM: 'xterm-256color' }, true],
  ])('terminal %s, --no-color %s, env %j → %s', (tty, requested, env, expected) => {
    expect(useColor({ isTTY: tty }, requested, env)).toBe(expected);
  });
});

describe('progress spinner', () => {
  it.each([
    [{}, true, {}, true],
    [{ quiet: true }, true, {}, false],
    [{}, false, {}, false],
    [{}, undefined, {}, false],
    [{}, true, { CI: 'true' }, false],
    [{}, true, { CI: '1' }, false],
    [{}, true, { CI: 'false' }, true],
    [{}, true, { CI: '' }, true],
  ])('options %j, stderr TTY %s, env %j → %s', (options, tty, env, expected) => {
    expect(progressEnabled(options, tty, env)).toBe(expected);
  });

  const script = spawnSync('sh', ['-c', 'command -v script'], { encoding: 'utf8' }).stdout.trim();
  it.skipIf(!script)('draws messages read and rate on a terminal, and nothing with --quiet (needs util-linux script for a pty)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rapport-progress-'));
    const csv = join(dir, 'many.csv');
    const rows = ['tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id'];
    for (let i = 1; i <= 1200; i++) rows.push(`${i},c${i},True,Tue Oct 31 22:10:47 +0000 2017,@AcmeHelp order ${i} is late,,`);
    writeFileSync(csv, `${rows.join('\n')}\n`);
    const bin = join(import.meta.dirname, '../../bin/rapport.js');
    const env = { ...process.env, CI: '', NO_COLOR: '1' };
    const run = (setup: string, extra: string) =>
      spawnSync('script', ['-qec', `${setup}"${process.execPath}" "${bin}" analyze "${csv}" --source twcs -f json -o "${join(dir, 'r.json')}" ${extra}`, '/dev/null'], {
        encoding: 'utf8',
        env,
        timeout: 30_000,
        maxBuffer: 1024 * 1024,
      });
    const shown = run('stty cols 100 rows 40; ', '');
    expect(shown.status).toBe(0);
    expect(shown.stdout).toMatch(/read 1,000 records \([\d,]+\/s\)/);
    const quiet = run('stty cols 100 rows 40; ', '--quiet');
    expect(quiet.status).toBe(0);
    expect(quiet.stdout).not.toMatch(/records/);
    // A pty that reports 0 columns made ora clear lines forever; there is no spinner there now.
    const narrow = run('', '');
    expect(narrow.status).toBe(0);
    expect(narrow.stdout).toBe('');
  });
});
