// The CSV reader: exact records whatever the chunking, line endings or quoting; never an exception for bad text.
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCsv, type CsvItem } from '../../src/sources/csv.js';
import type { InputFile } from '../../src/sources/input.js';
import { fuzz, FUZZ_TIMEOUT } from './fuzz.js';

/** An input delivered in the given pieces (as a pipe or a slow disk would). */
function chunked(bytes: Buffer, cuts: number[] = []): InputFile {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const pieces: Buffer[] = [];
  let last = 0;
  for (const p of points) {
    pieces.push(bytes.subarray(last, p));
    last = p;
  }
  pieces.push(bytes.subarray(last));
  return { name: 't.csv', path: null, open: () => Readable.from(pieces.filter((p) => p.length > 0)) };
}

async function read(input: InputFile, maxRecordChars?: number): Promise<CsvItem[]> {
  const out: CsvItem[] = [];
  for await (const item of readCsv(input, maxRecordChars ? { maxRecordChars } : {})) out.push(item);
  return out;
}

const records = (items: CsvItem[]) => items.flatMap((i) => ('record' in i ? [i.record] : []));
const codes = (items: CsvItem[]) => items.flatMap((i) => ('diagnostic' in i ? [i.diagnostic.code] : []));

function quote(field: string): string {
  return /[",\r\n]/.test(field) || field === '' ? `"${field.replace(/"/g, '""')}"` : field;
}

describe('readCsv', () => {
  it('counts lines as an editor does: multi-line fields and bare CRs', async () => {
    const items = await read(chunked(Buffer.from('h1,h2\n"a\nb",c\r\n1,x\ry\n\n2,z\n')));
    expect(records(items).map((r) => [r.line, r.fields])).toEqual([
      [1, ['h1', 'h2']],
      [2, ['a\nb', 'c']],
      [4, ['1', 'x\ry']],
      [6, ['2', 'z']],
    ]);
  });

  it('treats a quote inside an unquoted field as a character, and forgives text after a closing quote', async () => {
    const items = await read(chunked(Buffer.from('a,b\nhe said "hi",x\n"ok"k,y\n')));
    expect(records(items).map((r) => r.fields)).toEqual([['a', 'b'], ['he said "hi"', 'x'], ['okk', 'y']]);
  });

  it('rejects each line that opens a quote never closed, and reads what follows', async () => {
    const items = await read(chunked(Buffer.from('a,b\n1,"open\n2,fine\n3,"again\n4,ok\n')));
    // The first quote swallows "2,fine" … "3," until the second quote closes it: one bad record, then the rest.
    expect(codes(items)).toEqual([]);
    const bad = await read(chunked(Buffer.from('a,b\n1,ok\n2,"never closed\n3,fine\n4,fine')));
    expect(codes(bad)).toEqual(['unclosed-quote']);
    expect(records(bad).map((r) => [r.line, r.fields[0]])).toEqual([[1, 'a'], [2, '1'], [4, '3'], [5, '4']]);
  });

  it('skips an over-long record in bounded memory and reads the next one', async () => {
    const items = await read(chunked(Buffer.from(`a\n"${'x'.repeat(5000)}\n${'y'.repeat(5000)}"\nnext\n`), [100, 2000, 7000]), 1000);
    expect(codes(items)).toEqual(['record-too-large']);
    const d = items.find((i) => 'diagnostic' in i) as { diagnostic: { line: number; message: string; raw: string } };
    expect(d.diagnostic.line).toBe(2);
    expect(d.diagnostic.message).toContain('(lines 2-3)');
    expect(d.diagnostic.raw.length).toBeLessThan(1100);
    expect(records(items).map((r) => [r.line, r.fields])).toEqual([[1, ['a']], [4, ['next']]]);
  });

  it('does not hold a 50 MB field in memory', async () => {
    const chunk = Buffer.alloc(1 << 20, 'x');
    let sent = 0;
    const input: InputFile = {
      name: 'big.csv',
      path: null,
      open: () =>
        Readable.from(
          (function* () {
            yield Buffer.from('a,b\n1,"');
            for (; sent < 50; sent++) yield chunk;
            yield Buffer.from('"\n2,after\n');
          })(),
        ),
    };
    global.gc?.();
    const before = process.memoryUsage().heapUsed;
    let peak = 0;
    const items: CsvItem[] = [];
    for await (const item of readCsv(input)) {
      items.push(item);
      peak = Math.max(peak, process.memoryUsage().heapUsed - before);
    }
    expect(codes(items)).toEqual(['record-too-large']);
    expect(records(items).map((r) => r.fields)).toEqual([['a', 'b'], ['2', 'after']]);
    expect(peak).toBeLessThan(40 * 1024 * 1024);
  });

  it('does not warn about multi-byte characters split between chunks', async () => {
    const bytes = Buffer.from('a,b\n1,café 👍 日本\n');
    for (let cut = 1; cut < bytes.length; cut++) {
      const items = await read(chunked(bytes, [cut]));
      expect(codes(items)).toEqual([]);
      expect(records(items)[1]!.fields[1]).toBe('café 👍 日本');
    }
  });

  it('warns once, with the line, about bytes that are not UTF-8', async () => {
    const items = await read(chunked(Buffer.concat([Buffer.from('a,b\n1,ok\n2,caf'), Buffer.from([0xe9]), Buffer.from('\n3,\xff\n', 'latin1')])));
    expect(codes(items)).toEqual(['encoding']);
    const d = items.find((i) => 'diagnostic' in i) as { diagnostic: { line: number; severity: string } };
    expect(d.diagnostic).toMatchObject({ line: 3, severity: 'warning' });
    expect(records(items)[2]!.fields[1]).toBe('caf\ufffd');
  });
});

describe('readCsv, property-based', () => {
  const field = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 12 }),
    fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', ' ', 'é', '👍', '\u202e', '\u001b'), maxLength: 10 }),
  );
  const doc = fc.array(fc.array(field, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 12 });

  it(
    'reads back exactly the records written, with LF or CRLF, however the bytes are chunked',
    async () => {
      await fc.assert(
        fc.asyncProperty(doc, fc.constantFrom('\n', '\r\n'), fc.array(fc.nat(), { maxLength: 6 }), async (rows, eol, cuts) => {
          // A first line of plain text decides the line endings, as a header does.
          const all = [['h'], ...rows.filter((r) => !(r.length === 1 && r[0] === ''))];
          const text = all.map((r) => r.map(quote).join(',')).join(eol) + eol;
          const items = await read(chunked(Buffer.from(text), cuts));
          expect(codes(items)).toEqual([]);
          expect(records(items).map((r) => r.fields)).toEqual(all);
        }),
        fuzz(1500),
      );
    },
    FUZZ_TIMEOUT,
  );

  it(
    'never throws on arbitrary bytes, and gives the same items however they are chunked',
    async () => {
      const bytes = fc.oneof(
        fc.uint8Array({ maxLength: 300 }),
        fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', 'é', '\u0000', '\ufffd'), maxLength: 200 }).map((s) => new Uint8Array(Buffer.from(s))),
      );
      await fc.assert(
        fc.asyncProperty(bytes, fc.array(fc.nat(), { maxLength: 5 }), async (data, cuts) => {
          const whole = await read(chunked(Buffer.from(data)), 64);
          const pieces = await read(chunked(Buffer.from(data), cuts), 64);
          expect(pieces).toEqual(whole);
        }),
        fuzz(1500),
      );
    },
    FUZZ_TIMEOUT,
  );
});
