// The prefilter tables `npm run build` ships for the built-in cue lists: the same as building them, and only for those lists.
import { deepStrictEqual } from 'node:assert';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** The built modules (the tables file lives beside dist/nlp/prefilter.js, made by the build's last step). */
const dist = (path: string) => new URL(`../../dist/${path}`, import.meta.url).href;

describe('shipped prefilter tables', async () => {
  const { compileCues } = await import(dist('taggers/lexicons/index.js'));
  const { CuePrefilter, prefilterFor } = await import(dist('nlp/prefilter.js'));
  const { shippedTables, TABLES_FILE } = await import(dist('nlp/prefilter-tables.js'));
  const moduleUrl = dist('nlp/prefilter.js');
  const cues = compileCues();

  it('are built for both built-in lists and equal what the constructor computes', () => {
    expect(existsSync(new URL(TABLES_FILE, moduleUrl))).toBe(true);
    for (const list of [cues.customer, cues.brand]) {
      const tables = shippedTables(list, moduleUrl);
      expect(tables).toBeDefined();
      const fresh = new CuePrefilter(list);
      deepStrictEqual(tables, fresh.tables());
      const shipped = prefilterFor(list);
      deepStrictEqual(shipped.tables(), fresh.tables());
      deepStrictEqual(shipped.literals, fresh.literals);
      for (const text of ['still waiting for my refund!!', 'Thanks so much, all sorted 😊', 'please DM us your order number', '']) {
        expect([...shipped.select(text, { screen: true })]).toEqual([...fresh.select(text, { screen: true })]);
      }
    }
  });

  it('are not used for any other cue list (a config lexicon, one pattern changed, one cue less)', () => {
    const changed = cues.customer.map((c: { patterns: string[] }, i: number) => (i === 3 ? { ...c, patterns: [...c.patterns.slice(0, -1), 'zzz'] } : c));
    expect(shippedTables(changed, moduleUrl)).toBeUndefined();
    expect(shippedTables(cues.customer.slice(1), moduleUrl)).toBeUndefined();
    expect(shippedTables(cues.brand.slice(0, -1), moduleUrl)).toBeUndefined();
  });
});
