// Every built-in regular expression (cue patterns and every regex in src/) against generated worst-case
// inputs: none may backtrack catastrophically. Each case must scan 20 kB in under 50 ms. To keep the test
// short, and to fail rather than hang on an exponential pattern, each case climbs a ladder of lengths from
// 16 characters: it passes at the first length from 1 kB where even quadratic growth from there stays
// under the bound, and fails (after the best of three runs) at the first where even linear growth would not.
import { describe, expect, test } from 'vitest';
import { allRegexes, type CatalogEntry } from './catalog.js';
import { scanner, scanTime, worstCases } from './worst-case.js';

const LENGTH = 20_000;
const BOUND_MS = 50;
/** Each step at most 1.5 times the last: an exponential pattern is caught before it takes seconds. */
const LADDER = [16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512, 768, 1_000, 1_500, 2_000, 4_000, 8_000, LENGTH];

/**
 * Expressions that only ever see short text, with the reason; all others run on message text or input lines.
 * Keyed by file and source so a new expression is never let off by accident.
 */
const BOUNDED_INPUT = new Map<string, string>([]);

function key(entry: CatalogEntry): string {
  return `${entry.where.replace(/:\d+$/, '')} /${entry.regex.source}/`;
}

/** The slow cases of one expression: name, length and milliseconds there. */
function slowCases(entry: CatalogEntry): [string, number, number][] {
  const global = scanner(entry.regex);
  const slow: [string, number, number][] = [];
  for (const c of worstCases(entry.regex.source)) {
    for (const length of LADDER) {
      const text = c.text(length);
      const scale = LENGTH / length;
      const ms = scanTime(global, text);
      // Below 1 kB a scan is too quick for the clock to tell growths apart: only failing is decided there.
      if (length >= 1_000 && ms * scale * scale <= BOUND_MS) break;
      if (ms * scale > BOUND_MS) {
        const best = scanTime(global, text, 3);
        if (best * scale > BOUND_MS) {
          slow.push([c.name, length, Math.round(best * 10) / 10]);
          break;
        }
      }
    }
  }
  return slow;
}

describe('built-in regular expressions on worst-case input', () => {
  // A compiled cue is the alternation of its patterns, which are each in the catalog: it costs their sum.
  const entries = allRegexes().filter((e) => !BOUNDED_INPUT.has(key(e)) && !e.whole);

  test('the catalog holds every cue pattern and the regexes of src/', () => {
    const wheres = entries.map((e) => e.where);
    expect(wheres.filter((w) => w.startsWith('cue ')).length).toBeGreaterThan(250);
    for (const file of ['src/text/redact.ts', 'src/nlp/analyze.ts', 'src/sources/irc.ts', 'src/sources/email/quotes.ts', 'src/taggers/experience.ts']) {
      expect(wheres.some((w) => w.startsWith(`${file}:`))).toBe(true);
    }
    // The exemptions still exist (a stale one would hide nothing, but says something false).
    const keys = new Set(allRegexes().map(key));
    for (const k of BOUNDED_INPUT.keys()) expect(keys.has(k)).toBe(true);
  });

  test(`each scans ${LENGTH / 1000} kB of its worst case in under ${BOUND_MS} ms`, () => {
    const slow: string[] = [];
    for (const entry of entries) {
      for (const [name, length, ms] of slowCases(entry)) slow.push(`${entry.where} /${entry.regex.source.slice(0, 60)}…/ on ${name}: ${ms} ms at ${length} characters`);
    }
    expect(slow, slow.join("\n")).toEqual([]);
  }, 120_000);
});
