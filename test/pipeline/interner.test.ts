// The interner (storage/interner.ts) numbers strings densely and gives each back byte for byte; the spool reads a once-only stream again.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { IdTable, Interner } from '../../src/storage/interner.js';
import { spool } from '../../src/storage/spool.js';

async function text(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

describe('Interner', () => {
  it('numbers distinct strings 0, 1, 2… and reads each back, past several rehashes', () => {
    const ids = new Interner();
    const words = Array.from({ length: 20_000 }, (_, i) => (i % 3 === 0 ? `${10n ** 18n + BigInt(i)}` : i % 3 === 1 ? `conv-${i}-ünï-😀` : ''.padEnd(i % 50, 'x') + i));
    const numbers = words.map((_, i) => i);
    expect(words.map((w) => ids.intern(w))).toEqual(numbers);
    expect(ids.size).toBe(words.length);
    expect(words.map((w) => ids.intern(w))).toEqual(numbers);
    expect(words.map((w) => ids.lookup(w))).toEqual(numbers);
    expect(numbers.map((i) => ids.get(i))).toEqual(words);
    expect(ids.lookup('never seen')).toBe(-1);
    expect(ids.intern('')).toBe(words.length);
    expect(ids.get(words.length)).toBe('');
    expect(() => ids.get(words.length + 1)).toThrow(RangeError);
  });
});

describe('IdTable', () => {
  it('codes long shared heads and still gives every id back, one number per id, past its prefix cap', () => {
    const table = new IdTable();
    const ids = [
      ...Array.from({ length: 6000 }, (_, i) => `/data/exports/chat-${i % 5000}.csv:${String(i).padStart(7, '0')}`),
      'short:1',
      '\u0000\u0001looks coded',
      '\u0001escaped',
      '',
      'https://example.com/a/b/',
    ];
    const numbers = ids.map((id) => table.intern(id));
    expect(new Set(numbers).size).toBe(ids.length);
    expect(ids.map((id) => table.intern(id))).toEqual(numbers);
    expect(numbers.map((n) => table.get(n))).toEqual(ids);
  });
});

describe('spool', () => {
  it('reads a stream that can be read once as often as asked, and is empty for an empty one', async () => {
    const body = 'line one\n'.repeat(20_000);
    const copy = await spool(Readable.from([Buffer.from(body.slice(0, 7)), Buffer.from(body.slice(7))]));
    expect(copy.size).toBe(body.length);
    expect(await text(copy.open())).toBe(body);
    // A reader stopped early (as format detection does) leaves the copy readable.
    copy.open().destroy();
    expect(await text(copy.open())).toBe(body);
    copy.close();
    expect(() => copy.open()).toThrow();
    const empty = await spool(Readable.from([]));
    expect(await text(empty.open())).toBe('');
    empty.close();
  });
});
