// Property: no generated worst-case text makes message analysis (cues, wink-nlp, topic terms) or any
// built-in regular expression take long. `npm run fuzz` runs it with many more texts.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { analyzeMessage } from '../../src/nlp/analyze.js';
import { compileCues } from '../../src/taggers/lexicons/index.js';
import { allRegexes } from '../regex/catalog.js';
import { scanner, scanTime } from '../regex/worst-case.js';
import { backtrackingText } from './arbitraries.js';
import { FUZZ_TIMEOUT, fuzz } from './fuzz.js';

const cues = compileCues();
// A normal message analyzes at about 100 kB a second; 8 kB in 1.5 s leaves room for a loaded machine.
const ANALYZE_MS = 1_500;
const SCAN_MS = 50;

describe('worst-case texts', () => {
  analyzeMessage('warm up', 'customer', cues);

  test('analyzing one, as either role, stays fast', () => {
    fc.assert(
      fc.property(backtrackingText, fc.constantFrom('customer' as const, 'brand' as const), (text, role) => {
        const start = performance.now();
        analyzeMessage(text, role, cues);
        expect(performance.now() - start).toBeLessThan(ANALYZE_MS);
      }),
      fuzz(20),
    );
  }, FUZZ_TIMEOUT);

  test('no built-in regular expression scans one slowly', () => {
    const regexes = allRegexes().filter((e) => !e.whole).map((e) => ({ where: e.where, global: scanner(e.regex) }));
    fc.assert(
      fc.property(backtrackingText, fc.integer({ min: 0, max: regexes.length - 1 }), (text, i) => {
        const { where, global } = regexes[i]!;
        // A slow scan is measured again before it counts (a busy machine only ever adds time).
        let ms = scanTime(global, text);
        if (ms > SCAN_MS) ms = scanTime(global, text, 3);
        expect(ms, `${where} on ${JSON.stringify(text.slice(0, 60))}… (${text.length} characters)`).toBeLessThanOrEqual(SCAN_MS);
      }),
      fuzz(200),
    );
  }, FUZZ_TIMEOUT);
});
