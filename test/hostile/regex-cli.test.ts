// Issue 18, hangs: messages that made built-in cues (and wink-nlp's tokenizer) backtrack for minutes, and
// user patterns that would, through the binary.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { twcsCsv } from './arbitraries.js';
import { rapport, sampleHead, tempDir } from './spawn.js';

const tmp = tempDir();
const SAMPLE = 'fixtures/twcs-sample.csv';

describe('worst-case messages end to end', () => {
  it('a run of spaces inside an order phrase, # and 100,000 digits, and a.a.a.… finish in seconds', () => {
    // Each took over 30 s before (cubic \s*…\s*…\s* in a cue; quadratic regexes in wink's tokenizer).
    const file = join(tmp, 'worst.csv');
    const texts = [`my order${' '.repeat(10_000)}is late`, `#${'1'.repeat(100_000)}`, 'a.'.repeat(50_000), `my email is ${'a.'.repeat(20_000)}@x`];
    writeFileSync(file, twcsCsv(texts.map((text, i) => ({ id: String(i + 1), author: `c${i}`, inbound: true, text }))));
    const started = Date.now();
    const { code, stdout, stderr } = rapport(['tag', file, '-q']);
    const seconds = (Date.now() - started) / 1000;
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(texts.length);
    // A normal 100 kB message takes about a second; the bound is generous for a loaded machine.
    expect(seconds).toBeLessThan(20);
  }, 120_000);
});

describe('user patterns that can hang are refused', () => {
  it('--brand /(a+)+$/ is a usage error naming the option', () => {
    const { code, stdout, stderr } = rapport(['analyze', SAMPLE, '--brand', '/(a+)+$/']);
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toMatch(/^rapport: --brand \/\(a\+\)\+\$\/: can backtrack catastrophically: .+\n$/);
  });

  it('a config cue pattern names the file and the field', () => {
    const config = join(tmp, 'cue.json');
    writeFileSync(config, JSON.stringify({ lexicons: { experience: { add: [{ id: 'experience.x', signal: 'negative', weight: 1, patterns: ['\\bok\\b', '(\\w+\\s?)*$'] }] } } }));
    const { code, stderr } = rapport(['analyze', SAMPLE, '--config', config]);
    expect(code).toBe(2);
    expect(stderr).toBe(`rapport: ${config}: lexicons.experience.add[0].patterns[1]: pattern "(\\\\w+\\\\s?)*$" can backtrack catastrophically: a repeat inside a repeated group can take the characters the next round starts with, as in (a+)+\n`);
  });

  it('a config brand rule names the file and the field', () => {
    const config = join(tmp, 'brand.json');
    writeFileSync(config, JSON.stringify({ source: { brand: ['AcmeHelp', '/^(x|x)+$/'] } }));
    const { code, stderr } = rapport(['analyze', SAMPLE, '--config', config]);
    expect(code).toBe(2);
    expect(stderr).toMatch(new RegExp(`^rapport: ${config.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: source\\.brand\\[1\\] "/\\^\\(x\\|x\\)\\+\\$/": can backtrack catastrophically: .+\\n$`));
  });

  it('safe user patterns still work', () => {
    const config = join(tmp, 'safe.json');
    writeFileSync(config, JSON.stringify({ source: { brand: ['/^[a-z]+care$/i'] }, lexicons: { experience: { add: [{ id: 'experience.y', signal: 'negative', weight: 1, patterns: ['\\border\\s*(?:#\\s*)?\\d+'] }] } } }));
    // The sample's first five threads: sprintcare is among their accounts.
    const { code, stderr } = rapport(['analyze', sampleHead(), '--config', config, '-q']);
    expect([code, stderr]).toEqual([0, '']);
  });
});
