// The u-less twins of the cue regexes match exactly like the cues on the texts they are used for.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withoutUnicodeMode } from '../../src/nlp/cues.js';
import { compileCues } from '../../src/taggers/lexicons/index.js';
import { readTwcs } from '../helpers.js';

function allMatches(regex: RegExp, text: string): string[] {
  const out: string[] = [];
  regex.lastIndex = 0;
  for (let m = regex.exec(text); m; m = regex.exec(text)) {
    if (m[0].length === 0) regex.lastIndex++;
    out.push(`${m.index}:${m[0]}`);
  }
  return out;
}

describe('cue fast path', () => {
  it('only U+017F and U+212A tell `iu` from `i` among BMP characters for the classes cues use', () => {
    const probes = ['\\w', '\\W', '\\b', '\\B', '\\s', '\\S', '\\d', '.', '[a-z]', '[^a-z]', '[^.!?]', ...'aeiklnstz09_'];
    const differ = new Set<number>();
    for (const p of probes) {
      const u = new RegExp(p, 'iu');
      const plain = new RegExp(p, 'i');
      for (let c = 0; c < 0x10000; c++) {
        if (c >= 0xd800 && c <= 0xdfff) continue;
        const ch = String.fromCharCode(c);
        if (u.test(ch) !== plain.test(ch) || u.test(`x${ch}`) !== plain.test(`x${ch}`)) differ.add(c);
      }
    }
    expect([...differ].sort((a, b) => a - b)).toEqual([0x17f, 0x212a]);
    // Caseless non-ASCII characters the cues are written with match only themselves in both modes.
    const cues = compileCues();
    const literals = new Set<string>();
    for (const cue of [...cues.customer, ...cues.brand]) {
      if (cue.fastRegex) for (const ch of cue.fastRegex.source) if (ch.charCodeAt(0) >= 0x80) literals.add(ch);
    }
    // Every (literal, BMP character) pair is compared; the differing ones are collected and expected to be
    // none (one expect for ~700,000 comparisons: an expect per comparison cost seconds).
    const literalDiffers: string[] = [];
    for (const ch of literals) {
      const u = new RegExp(ch, 'iu');
      const plain = new RegExp(ch, 'i');
      for (let c = 0; c < 0x10000; c++) {
        if (c >= 0xd800 && c <= 0xdfff) continue;
        if (plain.test(String.fromCharCode(c)) !== u.test(String.fromCharCode(c))) literalDiffers.push(`${ch} U+${c.toString(16)}`);
      }
    }
    expect(literals.size).toBeGreaterThan(0);
    expect(literalDiffers).toEqual([]);
    expect(withoutUnicodeMode('ſ')).toBe(false);
    expect(withoutUnicodeMode('\u212a')).toBe(false);
    expect(withoutUnicodeMode('ok 🙂')).toBe(false);
    expect(withoutUnicodeMode('café ’ ✓')).toBe(true);
  }, 120_000);

  it('finds the same matches as the cues on 4,427 real tweets, both roles', async () => {
    const cues = compileCues();
    const items = await readTwcs('twcs.csv', readFileSync('fixtures/twcs-head5000-nongold.csv'));
    // Every (tweet, cue) pair is compared; pairs whose matches differ are collected and expected to be none
    // (one expect instead of one per pair: the same comparisons, without ~260,000 expect calls).
    let compared = 0;
    const differ: { cue: string; text: string; fast: string[]; full: string[] }[] = [];
    for (const item of items) {
      if (!('message' in item) || !withoutUnicodeMode(item.message.text)) continue;
      for (const cue of [...cues.customer, ...cues.brand]) {
        if (!cue.fastRegex) continue;
        const fast = allMatches(cue.fastRegex, item.message.text);
        const full = allMatches(cue.regex, item.message.text);
        if (fast.length !== full.length || fast.some((m, i) => m !== full[i])) differ.push({ cue: cue.id, text: item.message.text, fast, full });
        compared++;
      }
    }
    expect(differ).toEqual([]);
    expect(compared).toBeGreaterThan(100_000);
  }, 120_000);
});
