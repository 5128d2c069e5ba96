import { describe, expect, it } from 'vitest';
import type { Role } from '../../src/model/types.js';
import { findSignature, agentId } from '../../src/normalize/agents.js';
import { cutExchanges } from '../../src/normalize/exchanges.js';
import { compareIds } from '../../src/normalize/order.js';
import { buildThreads } from '../../src/normalize/threads.js';
import { message } from '../helpers.js';

function raw(id: string, role: Role, time: number, parent: string | null = null) {
  return { ...message(role, `text ${id}`, { id, parent }), time };
}

describe('threads', () => {
  it('groups the reply tree among the messages present; a reply to a missing parent starts its own thread', () => {
    const { threads } = buildThreads([raw('1', 'customer', 10), raw('2', 'brand', 20, '1'), raw('3', 'customer', 30, '2'), raw('9', 'brand', 40, '404')]);
    expect(threads.map((t) => [t.id, t.messages.map((m) => m.id)])).toEqual([
      ['1', ['1', '2', '3']],
      ['9', ['9']],
    ]);
  });

  it('orders by time, then numerically by id, and names the thread after its first message', () => {
    const { threads } = buildThreads([raw('10', 'customer', 5, '9'), raw('9', 'customer', 5), raw('100', 'brand', 1, '9')]);
    expect(threads[0]!.id).toBe('100');
    expect(threads[0]!.messages.map((m) => m.id)).toEqual(['100', '9', '10']);
  });

  it('keeps the first copy of a duplicate id and reports the others', () => {
    const { threads, diagnostics } = buildThreads([raw('1', 'customer', 1), raw('1', 'brand', 2)]);
    expect(threads).toHaveLength(1);
    expect(diagnostics).toMatchObject([{ code: 'duplicate-id', file: 'test.csv' }]);
  });

  it('survives reply cycles: every message lands in exactly one thread', () => {
    const { threads } = buildThreads([raw('1', 'customer', 1, '2'), raw('2', 'brand', 2, '1')]);
    expect(threads.map((t) => t.messages.length)).toEqual([2]);
  });

  it('compares ids numerically beyond 2^53', () => {
    expect(compareIds('925864203779198976', '925864203779198977')).toBeLessThan(0);
    expect(compareIds('99', '100')).toBeLessThan(0);
    expect(compareIds('abc', 'abd')).toBeLessThan(0);
  });
});

describe('exchanges (EPIC.md cut)', () => {
  const thread = (roles: Role[]) => {
    const messages = roles.map((role, i) => raw(String(i + 1), role, (i + 1) * 60_000));
    return cutExchanges({ id: '1', messages });
  };

  it.each([
    [['customer', 'brand'], [['1', 1, 1]]],
    [['customer', 'customer', 'brand', 'brand', 'customer'], [['1', 2, 2], ['5', 1, 0]]],
    [['brand', 'customer', 'brand'], [['1', 0, 1], ['2', 1, 1]]],
    [['brand', 'brand', 'customer'], [['1', 0, 2], ['3', 1, 0]]],
  ] as [Role[], [string, number, number][]][])('%j → exchanges (id, customer msgs, brand msgs) %j', (roles, expected) => {
    expect(thread(roles).map((e) => [e.id, e.customerTurn.length, e.brandTurn.length])).toEqual(expected);
  });

  it('measures response time from the last customer message to the first brand message', () => {
    const [e] = thread(['customer', 'customer', 'brand']);
    expect(e!.responseSeconds).toBe(60);
    expect(thread(['customer'])[0]!.responseSeconds).toBeNull();
  });

  it('gives unanswered exchanges no brand but the thread’s account', () => {
    const [first, second] = thread(['customer', 'brand', 'customer']);
    expect(first!.brand).toBe('AcmeHelp');
    expect(second!.brand).toBeNull();
    expect(second!.account).toBe('AcmeHelp');
    expect(second!.previousBrandTurn.map((m) => m.id)).toEqual(['2']);
  });
});

describe('agent signatures', () => {
  it.each([
    ['@1 We are on it. ^JK', 'JK'],
    ['@1 Happy to help -Becky', 'Becky'],
    ['@1 Thanks /LS', 'LS'],
    ['@1 Sorry about that *TJ https://t.co/x', 'TJ'],
    ['@1 Please DM us.', null],
    ['@1 a well-known issue', null],
  ])('%s → %s', (text, name) => {
    expect(findSignature(text)?.name ?? null).toBe(name);
  });

  it('points the span at the marker and name', () => {
    const text = '@1 Happy to help -Becky';
    const sig = findSignature(text)!;
    expect(text.slice(sig.start, sig.end)).toBe('-Becky');
    expect(agentId('AcmeHelp', text)).toBe('AcmeHelp/Becky');
  });
});
