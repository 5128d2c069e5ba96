import { describe, expect, it } from 'vitest';
import { parseGold } from '../../src/eval/gold.js';
import { scoreAxis, scoreFlag } from '../../src/eval/metrics.js';
import { InputError } from '../../src/sources/errors.js';

describe('metrics', () => {
  it('computes accuracy, per-label F1, macro-F1 over labels present, and the confusion matrix', () => {
    const pairs: [string, string][] = [
      ['a', 'a'],
      ['a', 'b'],
      ['b', 'b'],
      ['b', 'b'],
    ];
    const s = scoreAxis(pairs, ['a', 'b', 'c']);
    expect(s.accuracy).toBe(0.75);
    expect(s.perLabel.a).toEqual({ precision: 1, recall: 0.5, f1: 0.6667, support: 2 });
    expect(s.perLabel.b).toEqual({ precision: 0.6667, recall: 1, f1: 0.8, support: 2 });
    // c never occurs in the reference, so it is not averaged in (as ../shared/tools/score.py does).
    expect(s.macroF1).toBe(0.7333);
    expect(s.confusion.a).toEqual({ a: 1, b: 1, c: 0 });
  });

  it('scores a 0/1 flag on its positive class', () => {
    expect(scoreFlag([[1, 1], [1, 0], [0, 1], [0, 0]]).f1).toBe(0.5);
  });
});

describe('gold files', () => {
  const line = (o: object) => JSON.stringify({ id: '1', experience: 'neutral', permission: 'neutral', involvement: 'low', conversation: 'none', ...o });

  it('reads one labelled exchange per line', () => {
    expect(parseGold('g.jsonl', `${line({ relevance: 1 })}\n\n`)).toHaveLength(1);
  });

  it.each([
    ['{not json', /g\.jsonl:1: not valid JSON/],
    [line({ experience: 'happy' }), /g\.jsonl:1: field "experience" must be one of positive, neutral, negative/],
    [`${line({})}\n${line({})}`, /g\.jsonl:2: exchange id 1 is labelled twice/],
    [line({ utility: 2 }), /field "utility" must be 0 or 1/],
  ])('rejects %s with file and line', (text, message) => {
    expect(() => parseGold('g.jsonl', text)).toThrow(InputError);
    expect(() => parseGold('g.jsonl', text)).toThrow(message);
  });
});
