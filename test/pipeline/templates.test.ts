// The main thread's script keys must be the ones analyzeMessage gives, or script counts would drift.
import { describe, expect, it } from 'vitest';
import { analyzeMessage } from '../../src/nlp/analyze.js';
import { templateOf } from '../../src/pipeline/templates.js';
import { compileCues } from '../../src/taggers/lexicons/index.js';
import { readTwcs } from '../helpers.js';
import { readFileSync } from 'node:fs';

describe('templateOf', () => {
  it('equals analyzeMessage(...).template for every message of the sample', async () => {
    const cues = compileCues();
    const items = await readTwcs('sample.csv', readFileSync('fixtures/twcs-sample.csv'));
    let brand = 0;
    for (const item of items) {
      if (!('message' in item)) continue;
      const m = { text: item.message.text, role: item.message.role ?? 'customer' };
      if (m.role === 'brand') brand++;
      expect(templateOf(m)).toBe(analyzeMessage(m.text, m.role, cues).template);
    }
    expect(brand).toBeGreaterThan(20);
  });
});
