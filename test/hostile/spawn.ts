// Spawn the built rapport binary for hostile-input CLI tests.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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

/**
 * The header and the first `records` records of fixtures/twcs-sample.csv, byte for byte, in a temporary file. The
 * sample's rows are grouped by thread: its first 20 records are five whole threads (sprintcare's exchange 8,
 * ChipotleTweets, AdobeCare, AirAsiaSupport, UPSHelp; 10 exchanges, 7 accounts on the brand side). A run on
 * it costs about 0.45 s of CPU against 0.75 s on the whole sample, for tests whose point is not the sample's
 * own counts.
 */
export function sampleHead(records = 20): string {
  const lines = readFileSync(join(import.meta.dirname, '../../fixtures/twcs-sample.csv'), 'utf8').split('\n');
  // A line ends a record when the quotes so far pair up (a quoted text may hold line breaks).
  let end = 0;
  for (let quotes = 0, n = -1; n < records && end < lines.length; end++) {
    quotes += lines[end]!.split('"').length - 1;
    if (quotes % 2 === 0) n++;
  }
  const path = join(tempDir(), `twcs-sample-head${records}.csv`);
  writeFileSync(path, `${lines.slice(0, end).join('\n')}\n`);
  return path;
}
