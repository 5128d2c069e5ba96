import { describe, expect, it } from 'vitest';
import { buildThreads } from '../../src/normalize/threads.js';
import { readSource } from './read.js';

describe('irc adapter', () => {
  it('reads an annotated #ubuntu log: conversations from the reply links (fixtures/irc, from ubuntu-irc-disentangle)', async () => {
    const { messages, diagnostics } = await readSource('irc', 'fixtures/irc/2004-11-15_03.raw.txt');
    expect(diagnostics.every((d) => d.code === 'system-line')).toBe(true);
    expect(messages.length + diagnostics.length).toBeGreaterThan(250);
    expect(messages[0]!.id).toMatch(/^2004-11-15_03:\d{5}$/);
    expect(messages.every((m) => m.time !== null && m.time >= Date.UTC(2004, 10, 15))).toBe(true);
    const { threads } = buildThreads(messages);
    const big = threads.filter((t) => t.messages.length >= 2);
    expect(big.length).toBeGreaterThan(10);
    // The opener is the customer unless the first line answers someone; every inferred role says why.
    for (const t of big) {
      const first = t.messages[0]!;
      if (first.role === 'brand') expect(first.roleReason).toMatch(/^answers /);
      else expect(first.roleReason).toMatch(/^(opened the thread|the only one writing, helping nobody in words)$/);
    }
    expect(big.filter((t) => t.messages[0]!.role === 'customer').length).toBeGreaterThan(big.length / 2);
    expect(threads.flatMap((t) => t.messages).every((m) => m.roleSource === 'inferred' ? Boolean(m.roleReason) : true)).toBe(true);
  });

  it('links "nick: text" lines to that nick without annotations, and marks the factoid bot', async () => {
    const log = '[10:00] <asker> my wifi is down\n=== helper has joined #ubuntu\n[10:01] <helper> asker: which card?\n[10:02] <ubotu> wifi is documented at https://help.ubuntu.com\n';
    const { messages, diagnostics } = await readSource('irc', '2016-06-08_07.log', {}, log);
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([['system-line', 2]]);
    expect(messages[1]).toMatchObject({ author: 'helper', parent: messages[0]!.id, time: Date.UTC(2016, 5, 8, 10, 1) });
    expect(messages[2]).toMatchObject({ author: 'ubotu', role: 'brand', bot: true });
  });

  it('a [99:99] stamp is a bad-time reject and does not move the day of the lines after it', async () => {
    const log = '[23:50] <asker> my wifi is down\n[99:99] <troll> tick\n[23:55] <helper> asker: which card?\n[00:05] <asker> intel\n';
    const { messages, diagnostics } = await readSource('irc', '2016-06-08_07.log', {}, log);
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([['bad-time', 2]]);
    expect(messages.map((m) => new Date(m.time!).toISOString())).toEqual(['2016-06-08T23:50:00.000Z', '2016-06-08T23:55:00.000Z', '2016-06-09T00:05:00.000Z']);
  });
});
