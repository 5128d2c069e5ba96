// Output under stress: atomic report files, a reader that goes away, and Ctrl-C in the middle of a big input.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/cli/io.js';
import { TWCS_HEADER } from './arbitraries.js';
import { BIN, rapport, tempDir, withoutDetectionNote } from './spawn.js';

const tmp = tempDir();

function rows(from: number, count: number): string {
  let out = '';
  for (let i = from; i < from + count; i++) {
    const customer = i % 2 === 1;
    out += `${i},${customer ? `c${i % 977}` : 'AcmeHelp'},${customer ? 'True' : 'False'},Tue Oct 31 10:00:00 +0000 2017,${customer ? '@AcmeHelp my order never arrived and I am still waiting' : '@c Sorry! Can you DM us?'},,${customer ? '' : i - 1}\n`;
  }
  return out;
}

describe('writeFileAtomic', () => {
  it('replaces a file by rename (a new inode), never by rewriting it in place', () => {
    const path = join(tmp, 'report.json');
    writeFileSync(path, 'old report');
    const before = statSync(path).ino;
    writeFileAtomic(path, 'new report');
    expect(readFileSync(path, 'utf8')).toBe('new report');
    expect(statSync(path).ino).not.toBe(before);
    expect(readdirSync(tmp).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('leaves the old file and no temporary file behind when the write fails', () => {
    const dir = join(tmp, 'target-is-a-dir');
    mkdirSync(dir);
    expect(() => writeFileAtomic(dir, 'text')).toThrow();
    expect(statSync(dir).isDirectory()).toBe(true);
    expect(readdirSync(tmp).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('reports an unwritable --output in one line, exit 2', () => {
    const { code, stderr } = rapport(['analyze', 'fixtures/malformed/bom-crlf.csv', '-o', join(tmp, 'no-such-dir', 'r.json')]);
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^rapport: .*no-such-dir/);
  });
});

describe('Ctrl-C', () => {
  it('stops a run on a large streamed input promptly: exit 130, one line, no stack, the old report intact', async () => {
    const out = join(tmp, 'kept.json');
    writeFileSync(out, 'previous report');
    const child = spawn(process.execPath, [BIN, 'analyze', '-', '-f', 'json', '-o', out], { env: { ...process.env, CI: 'true' } });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdin.on('error', () => undefined);
    child.stdin.write(TWCS_HEADER + '\n');
    let next = 1;
    // Keep feeding rows, as a large export arriving through a pipe would.
    const feeder = setInterval(() => {
      child.stdin.write(rows(next, 2000));
      next += 2000;
    }, 10);
    // Interrupted once it is reading (its detection note is out) and some rows are in, not after a guessed delay.
    await new Promise<void>((resolve) => {
      const ready = (): boolean => /reading as/.test(stderr) && next > 10_000;
      const poll = setInterval(() => {
        if (ready()) {
          clearInterval(poll);
          resolve();
        }
      }, 50);
    });
    const sent = Date.now();
    child.kill('SIGINT');
    const [code, signal] = await new Promise<[number | null, string | null]>((resolve) => child.on('exit', (c, s) => resolve([c, s])));
    clearInterval(feeder);
    expect(Date.now() - sent).toBeLessThan(2000);
    expect(next).toBeGreaterThan(10_000);
    expect([code, signal]).toEqual([130, null]);
    expect(withoutDetectionNote(stderr)).toBe('rapport: interrupted\n');
    expect(readFileSync(out, 'utf8')).toBe('previous report');
    expect(readdirSync(tmp).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('stops promptly while a large input is being tagged (a synchronous phase): default action, no output', async () => {
    const big = join(tmp, 'tagging.csv');
    writeFileSync(big, TWCS_HEADER + '\n' + rows(1, 40_000));
    const out = join(tmp, 'tagging.json');
    const child = spawn(process.execPath, [BIN, 'analyze', big, '-f', 'json', '-o', out], { env: { ...process.env, CI: 'true' } });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    // Start-up and reading take well under this; tagging 40,000 messages takes many seconds.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const sent = Date.now();
    child.kill('SIGINT');
    const [code, signal] = await new Promise<[number | null, string | null]>((resolve) => child.on('exit', (c, s) => resolve([c, s])));
    expect(Date.now() - sent).toBeLessThan(1500);
    // Killed by the signal (130 in a shell), or exit 130 if it was still reading.
    expect([[null, 'SIGINT'], [130, null]]).toContainEqual([code, signal]);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(tmp).filter((f) => f.startsWith('tagging.json') || f.includes('tagging.json.'))).toEqual([]);
  });
});

describe('a reader that goes away', () => {
  it('exits quietly when the report is piped into head', () => {
    const big = join(tmp, 'many.csv');
    // 1,000 rows (was 3,000; tagging them only cost time): `tag` still writes ~690 KB and the JSON report
    // ~216 KB, far more than a pipe holds after head has gone (the JSON and Markdown reports are the same
    // size as with 3,000 rows; Markdown, ~11 KB, never filled the pipe at either size).
    writeFileSync(big, TWCS_HEADER + '\n' + rows(1, 1000));
    for (const args of [`tag ${big}`, `analyze ${big} -f json`, `analyze ${big} -f markdown`]) {
      const result = spawnSync('bash', ['-c', `node ${BIN} ${args} | head -c 100 >/dev/null; echo "\${PIPESTATUS[0]}"`], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });
      expect(withoutDetectionNote(result.stderr)).toBe('');
      expect(result.stdout.trim()).toBe('0');
    }
  });
});
