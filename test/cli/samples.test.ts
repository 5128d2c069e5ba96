// Every real sample in ../shared/data analyzes without an error, and its counts add up per input.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '../../bin/rapport.js');
const DATA = join(import.meta.dirname, '../../../shared/data');

/** Each sample, as a user would name it; RAPPORT_ALL_SAMPLES=1 reads the big ones whole. */
const ALL = process.env.RAPPORT_ALL_SAMPLES === '1';
const SAMPLES: [string, string, number][] = [
  ['r-help-pipermail', 'mbox', 8],
  ['notmuch-test-corpus-default', 'eml', 1],
  ['abcd-sample', 'chat-json', 1],
  ['twcs-kaggle-sample', 'twcs', 1],
  [ALL ? 'rsics' : 'rsics/all_multi_intent.csv', 'csv', ALL ? 2 : 1],
  [ALL ? 'ubuntu-irc-disentangle' : 'ubuntu-irc-disentangle/test/2005-07-06_14.raw.txt', 'irc', ALL ? 20 : 1],
  ...(ALL ? [['twcs-head5000', 'twcs', 1] as [string, string, number]] : []),
];

if (!existsSync(DATA)) console.warn(`samples.test.ts: skipped — ${DATA} is not beside this repository (the real samples are read whole from there)`);
describe.skipIf(!existsSync(DATA))('rapport analyze on every real sample in ../shared/data', () => {
  it.each(SAMPLES)('%s is read as %s without an error, and read = used + rejected per input', (sample, kind, inputs) => {
    const result = spawnSync(process.execPath, [BIN, 'analyze', join(DATA, sample), '-f', 'json'], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });
    expect(result.status).toBe(0);
    expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(result.stderr).toMatch(new RegExp(`reading as ${kind}( \\(\\d+\\))? \\(detected`));
    const report = JSON.parse(result.stdout);
    expect(report.inputs).toHaveLength(inputs);
    for (const input of report.inputs) {
      expect(input.source).toBe(kind);
      expect(input.read).toBe(input.used + input.rejected);
      expect(input.used).toBeGreaterThan(0);
      expect(['given', 'inferred', 'mixed']).toContain(input.roles);
    }
    expect(report.totals.recordsRead - report.totals.recordsRejected).toBe(report.totals.messages);
    expect(report.totals.threads).toBeGreaterThan(0);
    expect(report.totals.exchanges).toBeGreaterThan(0);
  });
});
