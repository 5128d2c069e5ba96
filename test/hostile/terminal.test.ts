// Text from the data never reaches a terminal as escapes, controls or bidi overrides; JSON keeps it faithfully.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rapport, tempDir } from './spawn.js';

const HOSTILE = 'fixtures/malformed/hostile-text.csv';
/** ESC, C0 controls but tab/newline, DEL, C1 controls, bidi controls. */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const tmp = tempDir();

describe('terminal output of hostile text', () => {
  it.each([
    ['table', ['analyze', HOSTILE, '-f', 'table'], 'AcmeHelp'],
    ['markdown', ['analyze', HOSTILE, '-f', 'markdown'], 'AcmeHelp'],
    ['eval table', ['eval', '--gold', join(tmp, 'gold.jsonl'), HOSTILE], 'gold high, got low'],
    ['explain', ['explain', '1', HOSTILE], 'link'],
  ])('%s has no escape, control or bidi character', (name, args, shown) => {
    if (name === 'eval table') {
      // Gold labels that disagree, so the worst misses (with their evidence text) are printed.
      copyFileSync('fixtures/malformed/hostile-gold.jsonl', join(tmp, 'gold.jsonl'));
    }
    const { code, stdout, stderr } = rapport(args);
    expect(code).toBe(0);
    expect(stdout).not.toMatch(UNSAFE);
    expect(stderr).not.toMatch(UNSAFE);
    expect(stdout).toContain(shown);
  });

  it('JSON keeps the text exactly (escaped by JSON itself)', () => {
    const { stdout } = rapport(['tag', HOSTILE]);
    expect(stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    const first = JSON.parse(stdout.split('\n')[0]!);
    expect(first.brand).toBe('\u001b[31mAcme\u202eHelp');
    const report = JSON.parse(rapport(['analyze', HOSTILE, '-f', 'json']).stdout);
    expect(report.atRisk.items[0].account).toBe('\u001b[31mAcme\u202eHelp');
    const texts = report.atRisk.items.flatMap((i: { messages: { text: string }[] }) => i.messages.map((m) => m.text)).join(' ');
    expect(texts).toContain("=cmd|' /C calc'!A0");
  });

  it('file names with escapes are shown defused in diagnostics, warnings and errors', () => {
    const evil = join(tmp, 'evil\u001b]0;owned\u0007\u001b[2J\u202eBAD.csv');
    copyFileSync('fixtures/malformed/bad-times.csv', evil);
    const analyzed = rapport(['analyze', evil, '-f', 'table']);
    expect(analyzed.code).toBe(0);
    expect(analyzed.stderr).toContain('bad-time');
    expect(analyzed.stderr + analyzed.stdout).not.toMatch(UNSAFE);
    const missing = rapport(['analyze', `${evil}.missing`]);
    expect(missing.code).toBe(2);
    // The name holds "[" (from the escape), so it is also tried as a glob pattern.
    expect(missing.stderr).toMatch(/^rapport: .*evil.*BAD\.csv\.missing: (no such file|no file matches this pattern)\n$/);
    expect(missing.stderr).not.toMatch(UNSAFE);
  });

  it('commander errors echo arguments defused', () => {
    const { code, stderr } = rapport(['analyze', HOSTILE, '--format', '\u001b]0;owned\u0007\u001b[31mred\u202e']);
    expect(code).toBe(2);
    expect(stderr).toContain("argument 'red' is invalid");
    expect(stderr).not.toMatch(UNSAFE);
    const unknown = rapport(['\u001b[2Jfrobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).not.toMatch(UNSAFE);
  });
});
