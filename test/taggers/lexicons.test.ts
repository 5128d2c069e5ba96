import { describe, expect, it } from 'vitest';
import { compileLexicon } from '../../src/nlp/cues.js';
import { LEXICONS } from '../../src/taggers/lexicons/index.js';

describe('lexicons', () => {
  const all = Object.entries(LEXICONS).flatMap(([name, lexicon]) => lexicon.cues.map((cue) => [name, cue] as const));

  it('have unique ids prefixed by their axis', () => {
    const ids = all.map(([, cue]) => cue.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const [name, cue] of all) expect(cue.id.startsWith(`${name}.`), cue.id).toBe(true);
  });

  it('have a signal, a positive weight and at least one pattern per cue', () => {
    for (const [, cue] of all) {
      expect(cue.signal, cue.id).toMatch(/^[a-z-]+$/);
      expect(cue.weight, cue.id).toBeGreaterThan(0);
      expect(cue.patterns.length, cue.id).toBeGreaterThan(0);
      expect(['ignore', 'drop', 'flip', undefined], cue.id).toContain(cue.negation);
    }
  });

  it('compile, and no pattern matches the empty string', () => {
    for (const lexicon of Object.values(LEXICONS)) {
      for (const cue of compileLexicon(lexicon)) {
        for (const pattern of cue.patterns) expect(new RegExp(`^(?:${pattern})$`, 'iu').test(''), `${cue.id}: ${pattern}`).toBe(false);
      }
    }
  });

  it('report an invalid pattern with its cue id', () => {
    expect(() => compileLexicon({ axis: 'x', description: '', cues: [{ id: 'x.bad', signal: 's', weight: 1, patterns: ['(unclosed'] }] })).toThrow(/x\.bad/);
  });
});
