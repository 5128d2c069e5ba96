import { describe, expect, it } from 'vitest';
import { buildThreads } from '../../src/normalize/threads.js';
import { InputError } from '../../src/sources/errors.js';
import { detectSource } from '../../src/sources/detect.js';
import { inputFromText } from '../../src/sources/input.js';
import { timeParser } from '../../src/sources/time.js';
import { readSource } from './read.js';

describe('chat-csv: one row per message with known column names', () => {
  it('reads conversation, time, author, role and text; bad times are diagnostics', async () => {
    const { messages, diagnostics } = await readSource('chat-csv', 'fixtures/chat/livechat.csv');
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([['bad-time', 6]]);
    expect(messages.map((m) => [m.conversation, m.author, m.role, m.bot ?? false])).toEqual([
      ['c1', 'Ana', 'customer', false],
      ['c1', 'Bo (Acme)', 'brand', false],
      ['c1', 'Ana', 'customer', false],
      ['c2', 'Cy', 'customer', false],
      ['c2', 'brand', 'brand', true],
      ['c3', 'Dee', null, false],
      ['c3', 'Acme Bot', 'brand', true],
    ]);
    expect(messages[0]!.time).toBe(Date.UTC(2024, 2, 5, 9, 0, 0));
    expect(messages[3]!.time).toBe(Date.UTC(2024, 2, 5, 10, 0, 0));
    expect(messages[5]!.time).toBe(1709633100_000);
    expect(messages[6]!.time).toBe(1709633160_000);
    const { threads } = buildThreads(messages);
    expect(threads.map((t) => t.messages.length)).toEqual([3, 2, 2]);
    expect(threads[2]!.messages.map((m) => [m.role, m.roleSource])).toEqual([['customer', 'inferred'], ['brand', 'given']]);
  });

  it('reads naive times in --tz', async () => {
    const { messages } = await readSource('chat-csv', 'fixtures/chat/livechat.csv', { timezone: 'Europe/Berlin' });
    expect(messages[3]!.time).toBe(Date.UTC(2024, 2, 5, 9, 0, 0));
    expect(messages[0]!.time).toBe(Date.UTC(2024, 2, 5, 9, 0, 0));
  });

  it('refuses a CSV without a conversation column as a whole', async () => {
    await expect(readSource('chat-csv', 'x.csv', {}, 'when,what\n1,hello\n')).rejects.toThrow(/x\.csv:1: chat transcript CSV: no conversation id column/);
  });
});

describe('csv: any CSV by --map', () => {
  const map = { conversation: 'ticket_id', time: 'created', author: 'from', text: 'body', role: 'direction' };

  it('maps the columns and reads odd times with --time-format', async () => {
    const { messages, diagnostics } = await readSource('csv', 'fixtures/chat/tickets.csv', { map, timeFormat: 'DD/MM/YYYY HH:mm' });
    expect(diagnostics).toEqual([]);
    expect(messages.map((m) => [m.conversation, m.author, m.role])).toEqual([
      ['T-1', 'dee@example.org', 'customer'],
      ['T-1', 'help@acme.example', 'brand'],
      ['T-2', 'eve@example.org', 'customer'],
    ]);
    expect(messages[1]!.time).toBe(Date.UTC(2024, 2, 5, 11, 30));
  });

  it('rejects rows whose time it cannot read without --time-format', async () => {
    const { diagnostics } = await readSource('csv', 'fixtures/chat/tickets.csv', { map });
    expect(diagnostics.map((d) => d.code)).toEqual(['bad-time', 'bad-time', 'bad-time']);
    expect(diagnostics[0]!.message).toContain('--time-format');
  });

  it('is a one-line error when a mapped column is missing', async () => {
    await expect(readSource('csv', 'fixtures/chat/tickets.csv', { map: { ...map, text: 'message' } })).rejects.toThrow(InputError);
    await expect(readSource('csv', 'fixtures/chat/tickets.csv', { map: { ...map, text: 'message' } })).rejects.toThrow(/no column\(s\) text=message/);
  });

  it('takes roles from --brand when the export has none', async () => {
    const { messages } = await readSource('csv', 'fixtures/chat/tickets.csv', { map: { conversation: 'ticket_id', author: 'from', text: 'body' }, brands: ['help@acme.example'], timeFormat: 'DD/MM/YYYY HH:mm' });
    expect(messages.map((m) => m.role)).toEqual(['customer', 'brand', 'customer']);
  });

  it('reads single customer requests with no conversation, author or time (fixtures/rsics-all_multi_intent-head20.csv, from rsics)', async () => {
    const { messages, diagnostics } = await readSource('csv', 'fixtures/rsics-all_multi_intent-head20.csv');
    expect(diagnostics).toEqual([]);
    expect(messages).toHaveLength(20);
    expect(messages[0]!.text).toMatch(/^Hi all, I have booked to fly/);
    const { threads } = buildThreads(messages);
    expect(threads).toHaveLength(20);
    expect(threads.every((t) => t.messages[0]!.role === 'customer')).toBe(true);
  });
});

describe('chat-json: JSON and NDJSON chat exports', () => {
  it('reads NDJSON messages with nested author objects; a bad line is a diagnostic', async () => {
    const { messages, diagnostics } = await readSource('chat-json', 'fixtures/chat/intercom.ndjson');
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([['json-syntax', 4], ['empty-text', 5]]);
    expect(messages.map((m) => [m.conversation, m.author, m.role])).toEqual([
      ['9001', 'Fay', 'customer'],
      ['9001', 'Gus', 'brand'],
      ['9001', 'Fay', 'customer'],
    ]);
  });

  it('reads NDJSON whose lines are conversations, each with its id and its messages', async () => {
    const text = [
      '{"conversation_id":"c1","messages":[{"id":"m1","author":"Ana","role":"customer","text":"my order is late"},{"id":"m2","author":"Bo","role":"agent","text":"sorry, checking"}]}',
      '{"conversation_id":"c2","messages":[{"id":"m3","author":"Cy","role":"customer","text":"hello"}]}',
      '{"messages":[{"id":"m4","conversation_id":"c3","author":"Di","role":"customer","text":"a whole export in one object"}]}',
    ].join('\n');
    const { messages, diagnostics } = await readSource('chat-json', 'conversations.ndjson', {}, text);
    expect(diagnostics).toEqual([]);
    expect(messages.map((m) => [m.id, m.conversation, m.role])).toEqual([
      ['m1', 'c1', 'customer'],
      ['m2', 'c1', 'brand'],
      ['m3', 'c2', 'customer'],
      ['m4', 'c3', 'customer'],
    ]);
  });

  it('reads conversations of [speaker, text] turns, action turns as brand bots (fixtures/abcd_sample.json, from abcd-sample)', async () => {
    const { messages, diagnostics } = await readSource('chat-json', 'fixtures/abcd_sample.json');
    expect(diagnostics).toEqual([]);
    expect(messages).toHaveLength(72);
    expect(new Set(messages.map((m) => m.conversation)).size).toBe(3);
    expect(messages[0]).toMatchObject({ id: 'fixtures/abcd_sample.json:3592:00001', author: 'agent', role: 'brand', text: 'Hi!', line: 1 });
    expect(messages.find((m) => m.role === 'customer')).toMatchObject({ author: 'customer:3592' });
    expect(messages.filter((m) => m.bot).every((m) => m.author === 'action' && m.role === 'brand')).toBe(true);
    const { threads } = buildThreads(messages);
    expect(threads.map((t) => t.messages.length).sort()).toEqual([21, 22, 29]);
  });

  it('reads a JSON array of message objects', async () => {
    const text = JSON.stringify([{ id: 'm1', chat_id: 'a', sender: 'Ivy', sender_type: 'customer', message: 'hello' }, { id: 'm2', chat_id: 'a', sender: 'Jo', sender_type: 'agent', message: 'hi Ivy' }], null, 1);
    const { messages } = await readSource('chat-json', 'a.json', {}, text);
    expect(messages.map((m) => [m.id, m.role, m.line])).toEqual([['m1', 'customer', 2], ['m2', 'brand', 9]]);
  });

  it('is a one-line error for a file that is not JSON', async () => {
    await expect(readSource('chat-json', 'x.json', {}, '[{"a": 1},')).rejects.toThrow(/x\.json: not valid JSON/);
  });
});

describe('time formats', () => {
  const parse = timeParser();
  it.each([
    ['2024-03-05T09:00:00Z', Date.UTC(2024, 2, 5, 9)],
    ['2024-03-05T10:00:00+01:00', Date.UTC(2024, 2, 5, 9)],
    ['2024-03-05 09:00', Date.UTC(2024, 2, 5, 9)],
    ['Tue, 05 Mar 2024 10:00:00 +0100', Date.UTC(2024, 2, 5, 9)],
    ['Tue Mar 05 09:00:00 +0000 2024', Date.UTC(2024, 2, 5, 9)],
    ['1709629200', Date.UTC(2024, 2, 5, 9)],
    ['1709629200000', Date.UTC(2024, 2, 5, 9)],
    ['Mar 5, 2024 09:00', Date.UTC(2024, 2, 5, 9)],
    ['Tue, 05 Mar 2024 09:00:00', Date.UTC(2024, 2, 5, 9)],
  ])('%s', (value, expected) => expect(parse(value)).toBe(expected));

  it.each(['12', '7', '20171031', '1 2 3', 'March', 'Tue 10:00'])('refuses %j rather than guessing a date', (value) => {
    expect(parse(value)).toBeNull();
  });

  it('reads free-form naive times in --tz, not in the machine zone', () => {
    expect(timeParser({ timezone: '+02:00' })('Mar 5, 2024 11:00')).toBe(Date.UTC(2024, 2, 5, 9));
    expect(timeParser({ timezone: '+02:00' })('Tue, 05 Mar 2024 09:00:00 +0000')).toBe(Date.UTC(2024, 2, 5, 9));
  });

  it('reads --time-format with AM/PM and a fixed offset zone', () => {
    expect(timeParser({ timeFormat: 'MM/DD/YYYY hh:mm A', timezone: '-05:00' })('03/05/2024 04:00 AM')).toBe(Date.UTC(2024, 2, 5, 9));
  });
});

describe('detection', () => {
  it.each([
    ['livechat.csv', 'chat_id,timestamp,author,role,text\nc1,2024,Ana,visitor,hi\n', 'chat-csv'],
    ['tickets.csv', 'ticket,when,body\n1,2,hi\n', 'csv'],
    ['a.ndjson', '{"a":1}\n', 'chat-json'],
    ['list.txt', 'From bob@example.org  Sun Jan  5 17:58:16 2025\nFrom: bob@example.org\n\nhi\n', 'mbox'],
    ['<stdin>', 'Received: from x\nFrom: a@b.c\nSubject: hi\n\nbody\n', 'eml'],
    ['log.txt', '[12:18] <usual> maybe some others\n', 'irc'],
  ])('%s is read as its format', async (name, text, kind) => {
    expect((await detectSource(inputFromText(name, text))).adapter.kind).toBe(kind);
  });

  it('reads any CSV with a --map by `csv`, but keeps other formats', async () => {
    const options = { map: { text: 'body' } };
    expect((await detectSource(inputFromText('a.csv', 'chat_id,author,body\n1,a,hi\n'), undefined, options)).adapter.kind).toBe('csv');
    expect((await detectSource(inputFromText('a.ndjson', '{"body":"hi"}\n'), undefined, options)).adapter.kind).toBe('chat-json');
    expect((await detectSource(inputFromText('a.mbox', 'From a@b.c  Sun Jan  5 17:58:16 2025\n'), undefined, options)).adapter.kind).toBe('mbox');
  });
});
