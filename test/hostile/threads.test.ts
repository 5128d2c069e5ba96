// Reply graphs of any shape: every message in exactly one thread, no recursion, no quadratic work.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RawMessage, TaggedExchange } from '../../src/model/types.js';
import { cutExchanges } from '../../src/normalize/exchanges.js';
import { buildThreads } from '../../src/normalize/threads.js';
import { buildReport } from '../../src/report/build.js';
import { fuzz } from './fuzz.js';

const T0 = Date.UTC(2017, 9, 31);

function raw(id: string, parent: string | null, time: number | null, role: 'customer' | 'brand' = 'customer'): RawMessage {
  return { id, source: 'twcs', file: 'g.csv', line: 1, author: role === 'brand' ? 'Acme' : `c${id}`, role, time, text: `m${id}`, parent, brand: role === 'brand' ? 'Acme' : null };
}

/** Connected components of the undirected reply graph among present messages, by brute force. */
function components(messages: RawMessage[]): Map<string, string> {
  const ids = new Set(messages.map((m) => m.id));
  const label = new Map<string, string>([...ids].map((id) => [id, id]));
  for (let changed = true; changed; ) {
    changed = false;
    for (const m of messages) {
      if (m.parent == null || !ids.has(m.parent)) continue;
      const a = label.get(m.id)!;
      const b = label.get(m.parent)!;
      if (a !== b) {
        const min = a < b ? a : b;
        for (const [k, v] of label) if (v === a || v === b) label.set(k, min);
        changed = true;
      }
    }
  }
  return label;
}

describe('buildThreads, property-based', () => {
  it('turns any reply graph (cycles, self-replies, missing parents, duplicate ids) into a partition of its messages', () => {
    const graph = fc.array(
      fc.record({ id: fc.nat(30), parent: fc.option(fc.nat(40), { nil: null }), time: fc.option(fc.nat(100), { nil: null }), brand: fc.boolean() }),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(graph, (nodes) => {
        const raws = nodes.map((n) => raw(String(n.id), n.parent === null ? null : String(n.parent), n.time === null ? null : T0 + n.time * 1000, n.brand ? 'brand' : 'customer'));
        const { threads, diagnostics } = buildThreads(raws, { now: T0 });
        const firsts = new Map<string, RawMessage>();
        for (const r of raws) if (!firsts.has(r.id)) firsts.set(r.id, r);
        expect(diagnostics).toHaveLength(raws.length - firsts.size);
        // Every kept message in exactly one thread.
        const seen = threads.flatMap((t) => t.messages.map((m) => m.id));
        expect(seen.slice().sort()).toEqual([...firsts.keys()].sort());
        // Threads are exactly the connected reply components.
        const label = components([...firsts.values()]);
        for (const t of threads) {
          expect(new Set(t.messages.map((m) => label.get(m.id))).size).toBe(1);
          expect(t.id).toBe(t.messages[0]!.id);
        }
        expect(threads).toHaveLength(new Set(label.values()).size);
        // Exchanges cover every message of a thread once.
        for (const t of threads) {
          const inExchanges = cutExchanges(t).flatMap((e) => [...e.customerTurn, ...e.brandTurn].map((m) => m.id));
          expect(inExchanges).toEqual(t.messages.map((m) => m.id));
        }
      }),
      fuzz(2000),
    );
  });
});

describe('a thread of 100,000 messages', () => {
  const N = 100_000;
  const chain = (role: (i: number) => 'customer' | 'brand') =>
    Array.from({ length: N }, (_, i) => raw(String(i + 1), i ? String(i) : null, T0 + i * 1000, role(i)));

  type RoleOf = (i: number) => 'customer' | 'brand';
  it.each<[string, RoleOf]>([
    ['a reply chain 100,000 deep, alternating roles', (i) => (i % 2 ? 'brand' : 'customer')],
    ['one customer turn of 100,000 messages', () => 'customer'],
  ])('%s: threads, exchanges and the report without deep recursion or quadratic work', (_name, role) => {
    const started = Date.now();
    const messages = chain(role);
    // Worst case for union-find without path compression: parents listed before children, in reverse.
    const { threads } = buildThreads(messages.slice().reverse());
    expect(threads).toHaveLength(1);
    expect(threads[0]!.messages).toHaveLength(N);
    const exchanges = cutExchanges(threads[0]!);
    const tagged: TaggedExchange[] = exchanges.map((exchange) => ({
      exchange,
      labels: {
        experience: { label: 'neutral', score: 0, evidence: [] },
        permission: { label: 'neutral', score: 0, evidence: [] },
        involvement: { label: 'low', score: 0, evidence: [] },
        conversation: { label: exchange.brandTurn.length ? 'one-way' : 'none', score: 0, evidence: [] },
      },
      rue: { relevance: 0, utility: 0, entertainment: 0, evidence: { relevance: [], utility: [], entertainment: [] } },
      health: 50,
      terms: [],
    }));
    const report = buildReport({ tagged, threads, diagnostics: [], files: [{ file: 'g.csv', source: 'twcs', read: N, used: N, rejected: 0 }] });
    expect(report.totals.messages).toBe(N);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe.runIf(Number(process.env.RAPPORT_FUZZ_SCALE ?? '1') > 1)('the binary on a 100,000-message thread (npm run fuzz only: ~30 s)', () => {
  it('tags and reports it', async () => {
    const { writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { rapport, tempDir } = await import('./spawn.js');
    const { TWCS_HEADER } = await import('./arbitraries.js');
    const lines = [TWCS_HEADER];
    for (let i = 1; i <= 100_000; i++) {
      const c = i % 2 === 1;
      lines.push(`${i},${c ? 'c1' : 'AcmeHelp'},${c ? 'True' : 'False'},Tue Oct 31 10:00:00 +0000 2017,${c ? '@AcmeHelp still waiting for my refund' : '@c1 Sorry! Can you DM us?'},,${i > 1 ? i - 1 : ''}`);
    }
    const path = join(tempDir(), 'thread.csv');
    writeFileSync(path, lines.join('\n') + '\n');
    const { code, stdout } = rapport(['analyze', path, '-f', 'json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).totals).toMatchObject({ messages: 100_000, threads: 1, exchanges: 50_000 });
  }, 300_000);
});
