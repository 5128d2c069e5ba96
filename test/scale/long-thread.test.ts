// One tweet with thousands of replies is one turn of thousands of messages: tagging it must grow linearly
// (issue 18: 5,000 replies took 24 s, 20,000 over 120 s, when 20,000 separate threads took 4 s).
// scripts/long-thread.sh runs the 20,000-reply case through the binary.
import { describe, expect, test } from 'vitest';
import type { Message, Role, Thread } from '../../src/model/types.js';
import { cutExchanges } from '../../src/normalize/exchanges.js';
import { tagContext } from '../../src/pipeline/context.js';
import { tagExchange } from '../../src/taggers/index.js';
import { compileCues } from '../../src/taggers/lexicons/index.js';
import { defaultModel } from '../../src/taggers/model.js';
import type { TagContext } from '../../src/taggers/tagger.js';
import { message } from '../helpers.js';

const cues = compileCues();
const TEXT: Record<Role, string> = {
  customer: '@AcmeHelp terrible, my order is late again and nobody answers! #fail',
  brand: '@cust Sorry to hear that, please DM us your order number and we will check. ^JS',
};

/**
 * A first customer tweet and `n` replies of `role`. The replies say the same thing, and the context analyzes
 * each text once: what is timed is the tagging itself, which still sees `n` messages and all their hits.
 */
function thread(n: number, role: Role) {
  const messages: Message[] = [message('customer', TEXT.customer)];
  for (let i = 0; i < n; i++) messages.push(message(role, TEXT[role]));
  const real = tagContext(cues, defaultModel(), () => 0);
  const byText = new Map<string, ReturnType<TagContext['analysis']>>();
  const ctx: TagContext = { ...real, analysis: (m) => byText.get(`${m.role}\u0000${m.text}`) ?? byText.set(`${m.role}\u0000${m.text}`, real.analysis(m)).get(`${m.role}\u0000${m.text}`)! };
  return { thread: { id: messages[0]!.id, messages } satisfies Thread, ctx };
}

/** Milliseconds to tag every exchange of the thread, the best of two (fresh exchanges each time: no memo helps). */
function tagTime({ thread: t, ctx }: ReturnType<typeof thread>): number {
  let best = Infinity;
  for (let i = 0; i < 2; i++) {
    const exchanges = cutExchanges({ ...t, messages: [...t.messages] });
    const start = performance.now();
    for (const e of exchanges) tagExchange(e, ctx);
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

describe('a thread of thousands of replies', () => {
  test.each<Role>(['customer', 'brand'])('tagging grows linearly with the %s replies of one turn', (role) => {
    const small = tagTime(thread(1_000, role));
    const large = tagTime(thread(4_000, role));
    // Linear: about 4×; quadratic: about 16×. The slack keeps a busy machine from failing it.
    expect(large).toBeLessThan(8 * small + 20);
  }, 60_000);
});
