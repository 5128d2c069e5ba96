// The drill-down samples: the worst few exchanges per brand and agent, bounded however many there are.
import { describe, expect, it } from 'vitest';
import type { Message, TaggedExchange } from '../../src/model/types.js';
import { buildReport } from '../../src/report/build.js';
import { DrillReducer } from '../../src/report/drill.js';
import { htmlReporter } from '../../src/report/reporters/html.js';

const msg = (id: string, role: 'customer' | 'brand', text: string): Message => ({
  id, source: 'twcs', file: 'x.csv', line: 1, author: role === 'brand' ? 'Acme' : 'c', role, roleSource: 'given', agent: null, time: 0, text, parent: null,
});

/** A tagged exchange by hand: `experience` label, answered or not, a health. */
function exchange(id: number, account: string, agent: string | null, experience: string, answered: boolean): TaggedExchange {
  const label = (l: string, evidence: TaggedExchange['labels']['experience']['evidence'] = []) => ({ label: l, score: 0, evidence });
  const text = `message ${id} is awful`;
  const evidence = experience === 'negative' ? [{ cue: 'experience.awful', message: `c${id}`, start: text.indexOf('awful'), end: text.length, text: 'awful' }] : [];
  return {
    exchange: {
      id: String(id), thread: `t${id}`, source: 'twcs', file: 'test.csv', customer: `cust${id % 7}`, brand: account, account, agent,
      customerTurn: [msg(`c${id}`, 'customer', text)], brandTurn: answered ? [msg(`b${id}`, 'brand', 'sorry')] : [], previousBrandTurn: [],
      index: 0, responseSeconds: answered ? 60 : null, time: Date.UTC(2017, 9, 1) + id * 60_000,
    },
    labels: { experience: label(experience, evidence), permission: label('neutral'), involvement: label('medium'), conversation: label(answered ? 'two-way' : 'none') },
    rue: { relevance: 0, utility: 0, entertainment: 0, evidence: { relevance: [], utility: [], entertainment: [] } },
    health: experience === 'negative' ? 20 : 70,
    terms: [],
  };
}

const healthOf = (t: TaggedExchange) => t.health;

describe('drill-down samples', () => {
  it('keep the worst exchanges of each brand and agent, at most perGroup, counting them all', () => {
    const drill = new DrillReducer(3, healthOf);
    for (let i = 0; i < 5_000; i++) drill.add(exchange(i, i % 2 ? 'Acme' : 'Beta', i % 4 === 1 ? 'Acme/JK' : null, i % 50 === 0 ? 'negative' : 'neutral', i % 100 !== 0));
    const out = drill.result({ brand: ['Acme', 'Beta'], agent: null }, 5);
    expect(out.groups.map((g) => [g.by, g.key, g.exchanges, g.brand, g.shown.length])).toEqual([
      ['brand', 'Acme', 2500, 'Acme', 3],
      ['brand', 'Beta', 2500, 'Beta', 3],
      ['agent', '(none)', 3750, null, 3],
      ['agent', 'Acme/JK', 1250, 'Acme', 3],
    ]);
    // Beta's worst: negative and unanswered (every 100th exchange), a fixed sample of them, most recent first.
    const beta = out.groups[1]!.shown.map((i) => out.exchanges[i]!);
    expect(beta.map((x) => x.reasons)).toEqual([['negative', 'unanswered'], ['negative', 'unanswered'], ['negative', 'unanswered']]);
    expect(beta.every((x) => Number(x.id) % 100 === 0)).toBe(true);
    expect(beta.map((x) => x.time)).toEqual(beta.map((x) => x.time).sort().reverse());
    const id = beta[0]!.id;
    expect(beta[0]!.messages[0]).toEqual({ id: `c${id}`, role: 'customer', text: `message ${id} is awful`, highlights: [{ start: 12 + id.length, end: 17 + id.length, cue: 'experience.awful' }] });
    expect(beta[0]!.labels).toEqual({ experience: 'negative', permission: 'neutral', involvement: 'medium', conversation: 'none' });
    // An exchange in a brand's and an agent's sample is embedded once.
    expect(new Set(out.exchanges.map((x) => x.id)).size).toBe(out.exchanges.length);
    expect(out.exchanges.length).toBeLessThanOrEqual(4 * 3);
  });

  it('keep the same sample whatever order the exchanges come in', () => {
    const all = Array.from({ length: 600 }, (_, i) => exchange(i, 'Acme', i % 2 ? 'Acme/JK' : null, i % 3 ? 'neutral' : 'negative', true));
    const sample = (list: TaggedExchange[]) => {
      const drill = new DrillReducer(5, healthOf);
      for (const t of list) drill.add(t);
      const out = drill.result({ brand: ['Acme'], agent: null }, 5);
      return out.groups.map((g) => g.shown.map((i) => out.exchanges[i]!.id));
    };
    const shuffled = [...all].sort((a, b) => ((Number(a.exchange.id) * 7919) % 601) - ((Number(b.exchange.id) * 7919) % 601));
    expect(sample(shuffled)).toEqual(sample(all));
    expect(sample([...all].reverse())).toEqual(sample(all));
  });

  it('materialize only the groups asked for: the page stays small however large the input', () => {
    const drill = new DrillReducer(10, healthOf);
    for (let i = 0; i < 4_000; i++) drill.add(exchange(i, `brand${i % 100}`, `brand${i % 100}/A${i % 3}`, i % 9 ? 'neutral' : 'negative', true));
    const out = drill.result({ brand: ['brand1', 'brand2'], agent: null }, 4);
    expect(out.groups).toHaveLength(6);
    expect(out.exchanges.length).toBeLessThanOrEqual(60);
    expect(JSON.stringify(out).length).toBeLessThan(60 * 1_000);
  });

  it('come out the same from the same threads, and the page from them byte for byte', () => {
    const tagged = Array.from({ length: 60 }, (_, i) => exchange(i, i % 3 ? 'Acme' : 'Beta', i % 5 ? null : 'Acme/JK', i % 4 ? 'neutral' : 'negative', i % 6 !== 0));
    const threads = tagged.map((t) => ({ id: t.exchange.thread, messages: [...t.exchange.customerTurn, ...t.exchange.brandTurn] }));
    const page = () => htmlReporter(buildReport({ tagged, threads, diagnostics: [], files: [] }, { groupBy: ['agent'], drill: { perGroup: 10, groups: 15 } }));
    const first = page();
    expect(first).toContain('class="drill" data-drill="0"');
    // Evidence spans arrive as marked runs with their cue.
    expect(first).toContain('"parts":[["message 48 is ",null],["awful","experience.awful"]]');
    expect(page()).toBe(first);
  });
});
