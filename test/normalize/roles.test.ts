import { describe, expect, it } from 'vitest';
import type { RawMessage } from '../../src/model/types.js';
import { resolveRoles } from '../../src/normalize/roles.js';
import { buildThreads } from '../../src/normalize/threads.js';

let clock = Date.UTC(2025, 0, 1);
function raw(id: string, author: string, overrides: Partial<RawMessage> = {}): RawMessage {
  clock += 60_000;
  return { id, source: 'mbox', file: 'x.mbox', line: 1, author, role: null, time: clock, text: `text of ${id}`, parent: null, ...overrides };
}

describe('roles inferred per thread', () => {
  it('makes the opener the customer and whoever answers the support side', () => {
    const messages = resolveRoles([raw('1', 'asker'), raw('2', 'helper'), raw('3', 'asker'), raw('4', 'other helper')]);
    expect(messages.map((m) => [m.author, m.role, m.roleSource])).toEqual([
      ['asker', 'customer', 'inferred'],
      ['helper', 'brand', 'inferred'],
      ['asker', 'customer', 'inferred'],
      ['other helper', 'brand', 'inferred'],
    ]);
  });

  it('keeps given roles, and skips a brand auto-reply when finding the opener', () => {
    const messages = resolveRoles([raw('1', 'robot', { role: 'brand', bot: true }), raw('2', 'asker'), raw('3', 'agent')]);
    expect(messages.map((m) => [m.role, m.roleSource])).toEqual([['brand', 'given'], ['customer', 'inferred'], ['brand', 'inferred']]);
    expect(messages[2]!.agent).toBeNull();
  });
});

describe('threads by subject when reply links are missing', () => {
  it('joins an orphan reply to the earliest earlier message with its subject that shares a participant', () => {
    const root = raw('root', 'ann@x.org', { topic: 'printer broken', participants: ['ann@x.org', 'help@acme.example'] });
    const answer = raw('answer', 'help@acme.example', { topic: 'printer broken', reply: true, parent: 'lost@acme.example', participants: ['help@acme.example', 'ann@x.org'] });
    const stranger = raw('stranger', 'bob@y.org', { topic: 'printer broken', reply: true, participants: ['bob@y.org', 'sales@z.example'] });
    const listPost = raw('list', 'cy@z.org', { topic: 'printer broken', reply: true, participants: ['cy@z.org'] });
    const fresh = raw('fresh', 'dee@x.org', { topic: 'printer broken', participants: ['dee@x.org', 'help@acme.example'] });
    const { threads } = buildThreads([root, answer, stranger, listPost, fresh]);
    expect(threads.map((t) => t.messages.map((m) => m.id))).toEqual([['root', 'answer', 'list'], ['stranger'], ['fresh']]);
  });
});
