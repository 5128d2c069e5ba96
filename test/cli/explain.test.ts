// CLI tests for `rapport explain` and lexicon overrides from rapport.config.json.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/sources/errors.js';
import { applyOverrides, type LexiconOverride } from '../../src/taggers/lexicons/override.js';
import { sampleHead } from '../hostile/spawn.js';

const BIN = join(import.meta.dirname, '../../bin/rapport.js');
const SAMPLE = 'fixtures/twcs-sample.csv';
/** The sample's first five threads, the first (exchange 8, sprintcare) among them. */
const HEAD = sampleHead();
const tmp = mkdtempSync(join(tmpdir(), 'rapport-explain-'));

function rapport(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CI: 'true' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('rapport explain', () => {
  it('prints the exchange with its messages, labels and highlighted evidence', () => {
    const { code, stdout, stderr } = rapport(['explain', '8', HEAD, '--source', 'twcs']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('Exchange 8 · thread 8 · twcs · account sprintcare');
    expect(stdout).toContain('Customer turn:');
    expect(stdout).toContain('«@sprintcare is the worst customer service»');
    expect(stdout).toMatch(/experience\s+negative \(-\d\.\d\d\)/);
    expect(stdout).toContain('experience.complaint.strong  “worst”  in 8 [19, 24)');
    expect(stdout).toMatch(/rue\s+relevance \d · utility \d · entertainment \d/);
  });

  it('points from a message inside an exchange to the exchange', () => {
    const { code, stderr } = rapport(['explain', '6', HEAD, '--source', 'twcs']);
    expect(code).toBe(2);
    expect(stderr).toBe('rapport: 6 is a message inside exchange 8, not an exchange id; try: rapport explain 8 …\n');
  });

  it('says so when no exchange has the id', () => {
    const { code, stderr } = rapport(['explain', 'nope', HEAD, '--source', 'twcs']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^rapport: no exchange with id nope in the inputs/);
  });
});

describe('lexicon overrides in rapport.config.json', () => {
  const labelOf = (stdout: string, id: string, axis: string) =>
    stdout.trim().split('\n').map((l) => JSON.parse(l)).find((r) => r.id === id).labels[axis];

  it('adds a cue and switches one off', () => {
    const config = join(tmp, 'rapport.config.json');
    writeFileSync(
      config,
      JSON.stringify({
        lexicons: {
          experience: {
            remove: ['experience.complaint.strong'],
            add: [{ id: 'experience.custom.private-link', signal: 'negative', weight: 3, patterns: ['private secured link'] }],
          },
        },
      }),
    );
    const { code, stdout } = rapport(['tag', HEAD, '--config', config]);
    expect(code).toBe(0);
    // Exchange 8 ("…is the worst customer service") loses its only strong cue.
    expect(labelOf(stdout, '8', 'experience').evidence.map((e: { cue: string }) => e.cue)).not.toContain('experience.complaint.strong');
    const before = rapport(['tag', HEAD]);
    expect(labelOf(before.stdout, '8', 'experience').evidence.map((e: { cue: string }) => e.cue)).toContain('experience.complaint.strong');
  });

  // Through the binary once: one line naming the config, exit 2; the other refusals of the same check in-process.
  it('rejects a bad override with a one-line error naming the config, exit 2', () => {
    const config = join(tmp, 'bad-lexicon.json');
    writeFileSync(config, JSON.stringify({ lexicons: { sentiment: {} } }));
    const { code, stderr } = rapport(['analyze', SAMPLE, '--config', config]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/lexicons\.sentiment: no such lexicon/);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(config);
  });

  it.each([
    [{ experience: { remove: ['experience.nope'] } }, /lexicons\.experience\.remove: no cue "experience\.nope"/],
    [{ experience: { add: [{ id: 'x', signal: 'negative', weight: 1, patterns: ['a'] }] } }, /add\[0\]\.id must be a string starting with "experience\."/],
    [{ experience: { add: [{ id: 'experience.bad', signal: 'negative', weight: 1, patterns: ['(oops'] }] } }, /add\[0\]\.patterns\[0\]: invalid pattern "\(oops"/],
  ])('rejects a bad override naming the config: %j', (lexicons, message) => {
    const config = join(tmp, 'bad.json');
    const error = (() => {
      try {
        applyOverrides(config, lexicons as Record<string, LexiconOverride>);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).file).toBe(config);
    expect((error as InputError).message).toMatch(message);
    expect((error as InputError).message).not.toContain('\n');
  });
});
