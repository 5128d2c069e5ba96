// Spawn the built rapport binary for hostile-input CLI tests.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BIN = join(import.meta.dirname, '../../bin/rapport.js');

export function rapport(args: string[], input?: string | Buffer, env: Record<string, string> = {}, cwd?: string) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    input,
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', CI: 'true', ...env },
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: result.status, stdout: result.stdout, stderr: withoutDetectionNote(result.stderr) };
}

/** The note naming the detected input format (issue 4) is not what these tests are about. */
export function withoutDetectionNote(stderr: string): string {
  return stderr.replace(/^rapport: .*: reading as [\w-]+( \(\d+\))?(, [\w-]+ \(\d+\))* \(detected; --source overrides\)\n/gm, '');
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'rapport-hostile-'));
}

/** A small Twitter export at `path`: the header, then `rows` as written (tweet_id,author_id,inbound,created_at,text,…). */
export function writeTwcs(path: string, rows: string[]): string {
  writeFileSync(path, `tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n${rows.map((r) => `${r}\n`).join('')}`);
  return path;
}
