// The literal prefilter of the cues: what it reads from a pattern, why its folding is safe, and that
// analyzeMessage gives the same analysis with it as when every cue runs.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/model/types.js';
import { analyzeMessage } from '../../src/nlp/analyze.js';
import { compileLexicon } from '../../src/nlp/cues.js';
import { CuePrefilter, necessaryLiterals, prefilterFor } from '../../src/nlp/prefilter.js';
import { wink } from '../../src/nlp/wink.js';
import { compileCues } from '../../src/taggers/lexicons/index.js';
import { readTwcs } from '../helpers.js';

const lits = (source: string, flags = 'giu') => {
  const found = necessaryLiterals(source, flags);
  return found && [...found].sort();
};

describe('necessaryLiterals', () => {
  it('reads literals, alternations, optional parts, repeats and small classes', () => {
    expect(lits('\\bshame on\\b')).toEqual(['shame on']);
    expect(lits('\\b(worst|worse|stinks?)\\b')).toEqual(['stink', 'worse', 'worst']);
    expect(lits('ab?c')).toEqual(['abc', 'ac']);
    expect(lits('a*bc')).toEqual(['bc']);
    expect(lits('(?:a|b)?cd')).toEqual(['cd']);
    expect(lits('x+')).toEqual(['x']);
    expect(lits('(ab)+\\w')).toEqual(['ab']);
    expect(lits('ugh+')).toEqual(['ugh']);
    // A backreference right after its one-character group: that character repeated.
    expect(lits('([Ss])\\1{2}')).toEqual(['sss']);
    expect(lits('\\b\\w*(\\w)\\1{3,}\\w*\\b')).toHaveLength(37);
    expect(lits('\\b\\w*(\\w)\\1{3,}\\w*\\b')).toContain('oooo');
    expect(lits('(\\d)\\1', 'gu')).toContain('77');
    expect(lits('(x)(y)\\1')).toEqual(['xy']); // not right after its group
    expect(lits('(y)\\1', 'giu')).toEqual(['yy']);
    expect(necessaryLiterals('(y)\\1', 'giu', 1)).toEqual(['y']); // \1 is a group before this source
    expect(lits('(ab){2}')).toEqual(['abab']);
    expect(lits('x{0,3}yz')).toEqual(['yz']);
    expect(lits('organi[sz]e')).toEqual(['organise', 'organize']);
    expect(lits('[Ss]witch', 'gu')).toEqual(['switch']);
    expect(lits('\\w+ing\\b')).toEqual(['ing']);
    expect(lits('[^abc]+xyz')).toEqual(['xyz']);
    expect(lits('\\d+(\\.\\d+)?\\s?(usd|gbp)')).toEqual(['gbp', 'usd']);
    // The most selective piece of a concatenation wins.
    expect(lits('a\\s+\\w+\\s+hello')).toEqual(['hello']);
    // A literal that contains another is redundant.
    expect(lits('\\b(cancel|cancelled|cancel+ing)\\b')).toEqual(['cancel']);
  });

  it('ignores what lookarounds, anchors and word boundaries look at', () => {
    expect(lits('(?<![\\w/])foo(?![\\w/])')).toEqual(['foo']);
    expect(lits('^\\s*(@\\w+\\s+)*(yes|no)\\b$')).toEqual(['no', 'yes']);
    expect(lits('\\bthanks a lot\\b(?![^.!?]{0,30}\\bnot\\b)')).toEqual(['thanks a lot']);
    expect(lits('(?=abc)\\w+')).toBeNull();
    expect(lits('\\b(?<!\\bto )you\\b')).toEqual(['you']);
  });

  it('folds ASCII only: other cased characters end a literal, caseless ones stay', () => {
    expect(lits('FOO', 'gu')).toEqual(['foo']);
    expect(lits('café')).toEqual(['caf']);
    expect(lits('İstanbul')).toEqual(['stanbul']);
    expect(lits('ıi')).toEqual(['i']);
    expect(lits('it’s')).toEqual(['it’s']);
    expect(lits('😡|🤬|£\\d')).toEqual(['£', '😡', '🤬']);
    expect(lits('\\u{1F44D}|\\x41\\u0042')).toEqual(['ab', '👍']);
  });

  it('gives nothing when a branch needs nothing', () => {
    expect(lits('foo|\\w+')).toBeNull();
    expect(lits('a|b?')).toBeNull();
    expect(lits('\\d{2,4}')).toBeNull();
    expect(lits('[A-Z]{3}')).toBeNull();
    expect(lits('(\\w)\\1?')).toBeNull();
    expect(lits('(\\w){2}\\1')).toBeNull();
    expect(lits('(?:(a)|b)\\1')).toEqual(['a', 'b']);
    expect(lits('.*')).toBeNull();
    expect(lits('(?:x)*')).toBeNull();
  });

  it('falls back to "always run" for what it does not read', () => {
    expect(lits('(?<name>abc)')).toBeNull(); // named groups
    expect(lits('\\cJabc')).toBeNull(); // control escapes
    expect(lits('\\k<n>(?<n>x)')).toBeNull();
    expect(lits('abc', 'gi')).toBeNull(); // not `u` syntax
    expect(lits('abc', 'giv')).toBeNull();
    // Every built-in cue pattern is read, or knowingly left to always run.
    const cues = compileCues();
    const always = [...cues.customer, ...cues.brand].filter((c) => necessaryLiterals(c.regex.source, c.regex.flags) === null).map((c) => c.id);
    expect(always.sort()).toEqual(['involvement.detail.code', 'involvement.detail.identifier', 'rue.entertainment.emoji']);
  });
});

/** Every code point as a string, surrogates included (as lone code units). */
function* codePoints(): Generator<string> {
  for (let cp = 0; cp <= 0x10ffff; cp++) yield String.fromCodePoint(cp);
}

describe('prefilter folding', () => {
  it('only ASCII, ſ and K match an ASCII character under `iu`, only ASCII under `i`', () => {
    const asciiIU = /^[\0-\x7f]$/iu;
    const asciiI = /^[\0-\x7f]$/i;
    // Each check below is made for every character or pair; the ones that fail are collected and expected
    // to be none (one expect each instead of ~98,000 expect calls).
    const outside: number[] = [];
    const insideI: string[] = [];
    for (const ch of codePoints()) {
      const cp = ch.codePointAt(0)!;
      if (cp < 0x80) continue;
      if (asciiIU.test(ch)) outside.push(cp);
      if (cp <= 0xffff && asciiI.test(ch)) insideI.push(`U+${cp.toString(16)}`);
    }
    expect(outside).toEqual([0x17f, 0x212a]);
    expect(insideI).toEqual([]);
    const wrong: string[] = [];
    for (let a = 0; a < 0x80; a++) {
      const ca = String.fromCharCode(a);
      for (let b = 0; b < 0x80; b++) {
        const cb = String.fromCharCode(b);
        const same = ca.toLowerCase() === cb.toLowerCase();
        const escaped = `\\x${b.toString(16).padStart(2, '0')}`;
        if (new RegExp(`^${escaped}$`, 'iu').test(ca) !== same) wrong.push(`/^${escaped}$/iu on U+${a.toString(16)}`);
        if (new RegExp(`^${escaped}$`, 'i').test(ca) !== same) wrong.push(`/^${escaped}$/i on U+${a.toString(16)}`);
      }
      const fold = ca.toLowerCase();
      if (new RegExp(`^\\x${a.toString(16).padStart(2, '0')}$`, 'iu').test('ſ') !== (fold === 's')) wrong.push(`U+${a.toString(16)} and ſ`);
      if (new RegExp(`^\\x${a.toString(16).padStart(2, '0')}$`, 'iu').test('\u212a') !== (fold === 'k')) wrong.push(`U+${a.toString(16)} and K`);
    }
    expect(wrong).toEqual([]);
  }, 120_000);

  it('the non-ASCII characters of the built-in literals match only themselves, in every mode', () => {
    const cues = compileCues();
    const chars = new Set<string>();
    for (const list of [cues.customer, cues.brand]) {
      for (const set of new CuePrefilter(list).literals) for (const s of set ?? []) for (const ch of s) if (ch.codePointAt(0)! >= 0x80) chars.add(ch);
    }
    expect(chars.size).toBeGreaterThan(10);
    const members = [...chars];
    const escape = (ch: string) => `\\u{${ch.codePointAt(0)!.toString(16)}}`;
    const anyIU = new RegExp(`^[${members.map(escape).join('')}]$`, 'iu');
    const bmp = members.filter((ch) => ch.length === 1);
    const anyI = new RegExp(`^[${bmp.join('')}]$`, 'i');
    for (const ch of codePoints()) {
      if (anyIU.test(ch)) expect(chars.has(ch), `U+${ch.codePointAt(0)!.toString(16)}`).toBe(true);
      if (ch.length === 1 && anyI.test(ch)) expect(chars.has(ch), `U+${ch.codePointAt(0)!.toString(16)}`).toBe(true);
    }
    for (const a of members) for (const b of members) if (a !== b) expect(new RegExp(`^${escape(b)}$`, 'iu').test(a)).toBe(false);
  }, 120_000);
});

function fixtureTexts(): string[] {
  const texts: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      // The training corpus and the 4,427 real tweets are thousands of messages of the same kinds; the tweets are compared below.
      if (path === join('fixtures', 'training') || path === join('fixtures', 'twcs-head5000-nongold.csv')) continue;
      if (statSync(path).isDirectory()) walk(path);
      else {
        const content = readFileSync(path, 'utf8');
        // Whole files (emails, chats), and every line and CSV-ish field on its own.
        texts.push(content.slice(0, 20_000));
        for (const line of content.split(/\r?\n/)) {
          if (!line.trim()) continue;
          texts.push(line);
          for (const field of line.split(/","|",|,"/)) if (field.length > 3) texts.push(field);
        }
      }
    }
  };
  walk('fixtures');
  // A field that is a whole line (or a line that is a whole file) need not be analyzed twice.
  return [...new Set(texts)];
}

/** The analysis with the prefilter equals the analysis with every cue run, for both roles. */
function expectSame(text: string): void {
  const cues = defaultCues;
  for (const role of ['customer', 'brand'] as Role[]) {
    const fast = analyzeMessage(text, role, cues);
    const full = analyzeMessage(text, role, cues, { prefilter: false });
    expect(fast, `${role}: ${JSON.stringify(text)}`).toEqual(full);
  }
}

const defaultCues = compileCues();

describe('analyzeMessage with the prefilter', () => {
  // expectSame analyzes each text four times (two roles, with and without the prefilter); wink's reading of
  // it, the same each time and most of the cost, is made once: only the cues' matching differs between them.
  const { nlp } = wink();
  const readDoc = nlp.readDoc;
  beforeAll(() => {
    let last: { text: string; doc: ReturnType<typeof readDoc> } | null = null;
    nlp.readDoc = (text: string) => (last?.text === text ? last : (last = { text, doc: readDoc.call(nlp, text) })).doc;
  });
  afterAll(() => {
    nlp.readDoc = readDoc;
  });

  it('equals running every cue on every fixture text', () => {
    const texts = fixtureTexts();
    expect(texts.length).toBeGreaterThan(500);
    for (const text of texts) expectSame(text);
  }, 300_000);

  it('equals running every cue on 4,427 real tweets', async () => {
    const items = await readTwcs('twcs.csv', readFileSync('fixtures/twcs-head5000-nongold.csv'));
    let n = 0;
    for (const item of items) {
      if (!('message' in item)) continue;
      expectSame(item.message.text);
      n++;
    }
    expect(n).toBeGreaterThan(4400);
  }, 300_000);

  it('equals running every cue on hostile text: ſ, K, İ/ı, emoji, combining marks, case, entities', () => {
    // Pieces of real cue literals next to characters that fold, decompose or pair up in odd ways.
    const pieces = [
      ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
      ...' ,.!?\'"#@:;-/()&$£€%*_\n\t',
      'ſ', '\u212a', 'İ', 'ı', 'ß', 'é', 'e\u0301', '\u0307', '\u0345', 'Σ', 'ς', 'ﬀ', 'ǅ', '’', '‘', '“', '”', '–', '×', '→', '⏳',
      '😡', '🙄', '❤️', '🤦‍♂️', '👍🏽', '\ud83d', '\ude21', '\u200d', '\ufe0f', '&amp;', '&gt;', '&#39;', '&quot;',
      'ſtill', 'ſorry', 'thank\u212a', 'wor\u017ft', 'STILL', 'Sorry', 'dm US', 'DM us', 'İs ', 'thıs', 'waıting', 'FAIL', 'https://t.co/x',
      'still', 'not working', 'sorry', 'thanks', 'please dm us', 'worst', 'again', 'cancel', 'refund', 'hours', 'days', 'ugh', ':(', ':-(', 'Hi Sam', 'Hey Jo!',
      'sooo', 'SoOoO', 'ſſſ', 'sSſs', 'k\u212aKk', 'noooo!', 'yessss', '____', '1111', 'Baaaad', 'pleeeease',
      'can\'t', 'can’t', 'won’t', 'BA123', 'LHR to JFK', 'order #12345', '10:30am', '$20', 'iOS 11.1', 'no one', 'nobody', 'why is', '??', '!!!', 'wait',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), fc.array(fc.constantFrom(...pieces), { maxLength: 8 }), (a, b) => {
        expectSame(a.join('') + ' ' + b.join(' '));
      }),
      { numRuns: Number(process.env.RAPPORT_FUZZ_SCALE ?? 1) * 400 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => expectSame(text)),
      { numRuns: Number(process.env.RAPPORT_FUZZ_SCALE ?? 1) * 200 },
    );
  }, 300_000);

  it('rebuilds when a cue list changes, and a changed list still matches like running every cue', () => {
    const list = compileLexicon({ axis: 'x', description: '', cues: [{ id: 'x.a', signal: 's', weight: 1, patterns: ['\\bfoo\\b'] }] });
    const first = prefilterFor(list);
    expect(prefilterFor(list)).toBe(first);
    expect([...first.select('a FOO b')]).toEqual([1]);
    expect([...first.select('a fo b')]).toEqual([0]);
    list.push(...compileLexicon({ axis: 'x', description: '', cues: [{ id: 'x.b', signal: 's', weight: 1, patterns: ['\\w+'] }] }));
    const second = prefilterFor(list);
    expect(second).not.toBe(first);
    expect([...second.select('a fo b')]).toEqual([0, 1]);
    // Screening: of the alternatives whose literals occur, one has to match on its own.
    const two = compileLexicon({ axis: 'x', description: '', cues: [{ id: 'x.c', signal: 's', weight: 1, patterns: ['\\bfoo\\d', '\\bbar\\b'] }] });
    expect([...prefilterFor(two).select('foo x')]).toEqual([1]);
    expect([...prefilterFor(two).select('foo x', { screen: true })]).toEqual([0]);
    expect([...prefilterFor(two).select('foo7 x', { screen: true })]).toEqual([2]); // its alternative 0 alone
    expect([...prefilterFor(two).select('foo7 x bar', { screen: true })]).toEqual([1]);
    expect([...prefilterFor(two).select('foo x bar', { screen: true })]).toEqual([1]); // all fired: the cue runs
    // A backreference numbers the groups of the whole cue: that alternative is never tried alone.
    const backref = compileLexicon({ axis: 'x', description: '', cues: [{ id: 'x.d', signal: 's', weight: 1, patterns: ['(a)x', '(b)\\1'] }] });
    expect(backref[0]!.regex.test('b c')).toBe(true);
    expect(prefilterFor(backref).literals).toEqual([['b', 'ax']]); // \1 is (a), unset in the second: it adds nothing
    expect([...prefilterFor(backref).select('b c', { screen: true })]).toEqual([1]);
    const cueSet = { customer: backref, brand: backref };
    expect(analyzeMessage('b c', 'customer', cueSet).hits).toHaveLength(1);
    // A cue whose expression is not its patterns joined is treated as one alternative.
    const odd = { ...two[0]!, regex: /\bbaz\b/giu, fastRegex: null };
    expect(prefilterFor([odd]).literals).toEqual([['baz']]);
    expect([...prefilterFor([odd]).select('foo7 bar', { screen: true })]).toEqual([0]);
    // ſ and K fold like `iu` folds them.
    const folded = compileLexicon({ axis: 'x', description: '', cues: [{ id: 'x.s', signal: 's', weight: 1, patterns: ['\\bsick\\b'] }] });
    expect(folded[0]!.regex.test('\u017fic\u212a')).toBe(true);
    expect([...prefilterFor(folded).select('\u017fic\u212a')]).toEqual([1]);
  });
});
