// The text wink-nlp tokenizes: long ASCII runs cut (its tokenizer's regexes are quadratic in them), all else as is.
import { describe, expect, test } from 'vitest';
import { forWink, WINK_RUN } from '../../src/nlp/analyze.js';

describe('forWink', () => {
  test('leaves real text alone, CJK runs without spaces included', () => {
    for (const text of ['my order #12345 is late', `see https://example.com/${'a'.repeat(100)}`, 'ご不便をおかけしております。'.repeat(40)]) expect(forWink(text)).toBe(text);
  });

  test('cuts a long ASCII run every WINK_RUN characters, keeping the length', () => {
    const text = `#${'1'.repeat(1_000)} ok`;
    const out = forWink(text);
    expect(out).toHaveLength(text.length);
    const runs = out.split(/\s+/);
    expect(Math.max(...runs.map((r) => r.length))).toBeLessThanOrEqual(WINK_RUN);
    expect(out.endsWith(' ok')).toBe(true);
  });
});
