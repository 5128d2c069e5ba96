// The safe-regex check for user patterns: shapes that blow up are flagged, everyday cue patterns are not.
import { describe, expect, test } from 'vitest';
import { regexHazards, unsafeRegexReason } from '../../src/nlp/regex-safety.js';
import { scanner, scanTime } from '../regex/worst-case.js';

const UNSAFE: [string, string, string][] = [
  // [pattern, flags, a part of the reason]
  ['(a+)+$', '', 'repeat inside a repeated group'],
  ['(a*)*b', '', 'repeat inside a repeated group'],
  ['(\\w+\\s?)*$', 'i', 'repeat inside a repeated group'],
  ['(a{1,3})+$', '', 'repeat inside a repeated group'],
  ['(.*a){12}', '', 'repeat inside a repeated group'],
  ['(x+x+)+y', '', 'repeat inside a repeated group'],
  ['(?=(a+)+$)x', '', 'repeat inside a repeated group'],
  ['(a|a)*$', '', 'alternatives'],
  ['(\\w|\\d)+$', '', 'alternatives'],
  ['(a|b|ab)+$', '', 'alternatives'],
  ['^(Ab|aB)+$', 'i', 'alternatives'],
  ['(?:foo|foobar|bar)+$', '', 'alternatives'],
  ['\\s*:?\\s*\\d', '', 'two unbounded repeats'],
  ['\\border\\s*(#|no)?\\s*\\d+', 'iu', 'two unbounded repeats'],
  ['\\d+\\d+x', '', 'two unbounded repeats'],
  ['[a-z]+[^0-9]+x', '', 'two unbounded repeats'],
];

const SAFE: [string, string][] = [
  ['\\bfoo\\b', 'iu'],
  ['\\b(refund|money back|chargeback)\\b', 'iu'],
  ['\\bcancel(led|ling)? my (order|account|subscription)\\b', 'iu'],
  ['\\border\\s*(?:#\\s*)?\\d+', 'iu'],
  ['(@\\w+\\s+)*hello', 'iu'],
  ['(\\s*x)*', ''],
  ['(\\d{3})+', ''],
  ['(ab?)+', ''],
  ['(help|helps)+$', 'i'],
  ['(a|ab)*b', ''],
  ['^(?:a|b)+$', ''],
  ['[\\w.+-]+@[\\w-]+\\.[\\w.]+', ''],
  ['^agent-\\d+$', 'i'],
  ['😡|🤬', 'u'],
  ['\\p{Lu}\\p{Ll}+', 'u'],
  ['[^.!?]{0,40}\\?', 'iu'],
];

describe('regexHazards', () => {
  test.each(UNSAFE)('flags %s', (pattern, flags, reason) => {
    const hazards = regexHazards(pattern, flags);
    expect(hazards.map((h) => h.reason).join('; ')).toContain(reason);
    expect(unsafeRegexReason(pattern, flags)).toMatch(/^can backtrack catastrophically: /);
  });

  test.each(SAFE)('lets %s through', (pattern, flags) => {
    expect(regexHazards(pattern, flags)).toEqual([]);
  });

  test('an invalid pattern throws the engine’s own error', () => {
    expect(() => regexHazards('(a', 'u')).toThrow(SyntaxError);
  });

  test('the flagged shapes really are slow, the safe rewrites are not', () => {
    const time = (source: string, text: string) => scanTime(scanner(new RegExp(source)), text, 2);
    const spaces = `order${' '.repeat(3_000)}`;
    // Two runs of spaces around an optional part: quadratic; the same language written with one run is linear.
    expect(time('order\\s*(#|no)?\\s*\\d', spaces)).toBeGreaterThan(5 * time('order\\s*(?:(#|no)\\s*)?\\d', spaces) + 1);
  });
});
