// Every reader bounds its records (issue 18): an over-long NDJSON line, IRC line, mail header or message is one counted
// reject on the right line and reading goes on; bare NDJSON values and deep JSON are rejects; a BOM never costs a record.
// The memory side (600 MB lines in bounded RSS) is scripts/hostile/record-bounds.mjs.
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SourceKind } from '../../src/model/types.js';
import { SOURCES } from '../../src/sources/index.js';
import type { InputFile } from '../../src/sources/input.js';
import { inputFromPath } from '../../src/sources/input.js';
import { byteLines, MAX_LINE_BYTES } from '../../src/sources/lines.js';
import { MAX_MESSAGE_BYTES } from '../../src/sources/email/limits.js';
import { InputError } from '../../src/sources/errors.js';
import { rapport, tempDir } from './spawn.js';

const tmp = tempDir();
const BOM = '\ufeff';

/** An input that arrives in 64 KiB chunks, as a file or a pipe does. */
function chunked(name: string, text: string | Buffer): InputFile {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  return {
    name,
    path: null,
    open: () => Readable.from((function* () {
      for (let i = 0; i < bytes.length; i += 65536) yield bytes.subarray(i, i + 65536);
    })()),
  };
}

async function read(kind: SourceKind, name: string, text: string | Buffer) {
  const items = [];
  for await (const item of SOURCES[kind].read(chunked(name, text), {})) items.push(item);
  const messages = items.flatMap((i) => ('message' in i ? [i.message] : []));
  const diagnostics = items.flatMap((i) => ('diagnostic' in i ? [i.diagnostic] : []));
  return { read: items.length, messages, diagnostics, codes: diagnostics.map((d) => `${d.line}:${d.code}`) };
}

const over = (bytes = MAX_LINE_BYTES) => 'x'.repeat(bytes + 10);
const chat = (text: string, id = '1') => JSON.stringify({ conversation_id: id, author: 'fay', text });

describe('byteLines', () => {
  it('yields an over-long line once, cut to a sample, with its true size and line number', async () => {
    const text = `short\n${'y'.repeat(3 * 65536)}\nlast`;
    const lines = [];
    for await (const l of byteLines(chunked('t', text).open(), 65536)) lines.push({ line: l.line, size: l.size, cut: l.cut, length: l.bytes.length });
    expect(lines).toEqual([
      { line: 1, size: 6, cut: false, length: 6 },
      { line: 2, size: 3 * 65536 + 1, cut: true, length: 1000 },
      { line: 3, size: 4, cut: false, length: 4 },
    ]);
  });
});

describe('NDJSON (chat-json)', () => {
  it('rejects an over-long line as record-too-large and reads the lines after it', async () => {
    const r = await read('chat-json', 'a.ndjson', `${chat('first')}\n${chat(over())}\n${chat('third')}\n`);
    expect(r.codes).toEqual(['2:record-too-large']);
    expect(r.messages.map((m) => m.text)).toEqual(['first', 'third']);
    expect(r.diagnostics[0]!.raw!.length).toBeLessThan(2000);
  });

  it('an over-long FIRST line of a file not named .ndjson: rejected, the rest read as NDJSON', async () => {
    const r = await read('chat-json', 'export.json', `${chat(over())}\n${chat('second')}\n`);
    expect(r.codes).toEqual(['1:record-too-large']);
    expect(r.messages.map((m) => m.text)).toEqual(['second']);
  });

  it('a .ndjson.gz that unpacks to one over-long line: one reject', async () => {
    const dir = join(tmp, 'gz');
    mkdirSync(dir);
    const path = join(dir, 'one.ndjson.gz');
    writeFileSync(path, gzipSync(`${chat(over(2 * MAX_LINE_BYTES))}\n`));
    const items = [];
    for await (const item of SOURCES['chat-json'].read(inputFromPath(path), {})) items.push(item);
    expect(items.map((i) => ('diagnostic' in i ? i.diagnostic.code : 'message'))).toEqual(['record-too-large']);
  });

  it('reads, counts and rejects bare values: 7 lines are 7 records', async () => {
    const r = await read('chat-json', 'bare.ndjson', [chat('one'), '42', 'null', '"text"', 'true', '[]', chat('two')].join('\n'));
    expect(r.read).toBe(7);
    expect(r.codes).toEqual(['2:bad-record', '3:bad-record', '4:bad-record', '5:bad-record', '6:no-messages']);
    expect(r.messages).toHaveLength(2);
  });

  it('a first line that is a bare value still makes the file NDJSON', async () => {
    const r = await read('chat-json', 'doc', `42\n${chat('one')}\n`);
    expect(r.codes).toEqual(['1:bad-record']);
    expect(r.messages).toHaveLength(1);
  });

  it('messages without ids in one NDJSON list line get distinct ids', async () => {
    const r = await read('chat-json', 'list.ndjson', `[${JSON.stringify({ author: 'a', text: 'x' })},${JSON.stringify({ author: 'b', text: 'y' })}]\n`);
    expect(new Set(r.messages.map((m) => m.id)).size).toBe(2);
  });

  it('a BOM before the first line costs no record', async () => {
    const r = await read('chat-json', 'bom.ndjson', `${BOM}${chat('one')}\n${chat('two')}\n`);
    expect(r.codes).toEqual([]);
    expect(r.messages).toHaveLength(2);
  });

  it('a line nested 100,000 deep is a too-deep reject; a document is one InputError naming the file', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const r = await read('chat-json', 'deep.ndjson', `${chat('one')}\n${deep}\n${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}\n`);
    expect(r.codes).toEqual(['2:too-deep', '3:too-deep']);
    await expect(read('chat-json', 'deep.json', `[\n${deep}\n]`)).rejects.toThrow(new InputError('deep.json', 2, 'arrays and objects nested deeper than 64 levels; not a chat export'));
  });

  it('a file that is one bare value is one counted reject', async () => {
    await expect(read('chat-json', 'v.json', '\n  "text"\n  ')).resolves.toMatchObject({ codes: ['2:bad-record'] });
  });
});

describe('IRC', () => {
  it('rejects an over-long line and reads on; a BOM does not hide the first line', async () => {
    const r = await read('irc', 'log.txt', `${BOM}[10:00] <fay> hello\n[10:01] <gus> ${over()}\n[10:02] <gus> hi fay\n`);
    expect(r.codes).toEqual(['2:record-too-large']);
    expect(r.messages.map((m) => m.text)).toEqual(['hello', 'hi fay']);
  });
});

const mboxMessage = (from: string, subject: string, extra = '', body = 'hello there') =>
  `From ${from} Tue Oct 31 10:00:00 2017\nFrom: ${from}\nSubject: ${subject}\n${extra}Date: Tue, 31 Oct 2017 10:00:00 +0000\n\n${body}\n`;

describe('mbox', () => {
  it('a header over 1 MiB rejects its message naming the header line, and the next message is read', async () => {
    const text = mboxMessage('a@b.c', 'one') + mboxMessage('d@e.f', 'two', `X-Big: ${over()}\n`) + mboxMessage('g@h.i', 'three');
    const r = await read('mbox', 'm.mbox', text);
    // Message two starts on line 7; its X-Big header is line 10.
    expect(r.codes).toEqual(['10:record-too-large']);
    expect(r.diagnostics[0]!.message).toMatch(/^header "X-Big" makes the message's headers longer than 1 MiB; the message from line 7 is skipped$/);
    expect(r.messages.map((m) => m.topic)).toEqual(['one', 'three']);
  });

  it('a message over 32 MiB is rejected and reading goes on; a BOM before the first separator is no error', async () => {
    const body = `${'z'.repeat(1000)}\n`.repeat(Math.ceil(MAX_MESSAGE_BYTES / 1000) + 10);
    const r = await read('mbox', 'm.mbox', BOM + mboxMessage('a@b.c', 'one') + mboxMessage('d@e.f', 'two', '', body) + mboxMessage('g@h.i', 'three'));
    expect(r.codes).toEqual(['7:record-too-large']);
    expect(r.diagnostics[0]!.message).toMatch(/^message is longer than 32 MiB \([\d,]+ bytes, lines 7-\d+\); skipped$/);
    expect(r.messages.map((m) => m.topic)).toEqual(['one', 'three']);
  });
});

describe('eml', () => {
  const eml = (extra = '') => `From: a@b.c\nSubject: hi\n${extra}Date: Tue, 31 Oct 2017 10:00:00 +0000\n\nhello there\n`;

  it('a header over 1 MiB is a reject naming its line', async () => {
    const r = await read('eml', 'x.eml', eml(`X-Big: ${over()}\n`));
    expect(r.codes).toEqual(['3:record-too-large']);
  });

  it('a message over 32 MiB is a reject, not read whole', async () => {
    const r = await read('eml', 'x.eml', eml() + 'z'.repeat(MAX_MESSAGE_BYTES));
    expect(r.codes).toEqual(['1:record-too-large']);
  });

  it('in a folder: a .eml.gz that unpacks past 32 MiB is a reject, the others are read', async () => {
    const dir = join(tmp, 'mails');
    mkdirSync(dir);
    writeFileSync(join(dir, '1.eml'), eml());
    writeFileSync(join(dir, '2.eml.gz'), gzipSync(eml() + 'z'.repeat(MAX_MESSAGE_BYTES)));
    const items = [];
    for await (const item of SOURCES.eml.read({ name: dir, path: dir, open: () => { throw new Error('a folder is not opened'); } }, {})) items.push(item);
    expect(items.map((i) => ('diagnostic' in i ? `${i.diagnostic.file.endsWith('2.eml.gz')}:${i.diagnostic.code}` : 'message'))).toEqual(['message', 'true:record-too-large']);
  });

  it('a BOM before the headers is no reason to refuse the message', async () => {
    const r = await read('eml', 'x.eml', BOM + eml());
    expect(r.codes).toEqual([]);
    expect(r.messages).toHaveLength(1);
  });
});

describe('through the binary', () => {
  it('a rejected over-long record is counted and listed by --rejects', () => {
    const file = join(tmp, 'long.ndjson');
    writeFileSync(file, `${chat('hello, my order never arrived')}\n${chat(over(), '1')}\n${JSON.stringify({ conversation_id: '1', author: 'gus', role: 'agent', text: 'sorry, let me check' })}\n`);
    const rejects = join(tmp, 'long.rejects.ndjson');
    const run = rapport(['analyze', file, '-f', 'json', '-q', '--rejects', rejects]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).inputs[0]).toMatchObject({ read: 3, used: 2, rejected: 1 });
    expect(JSON.parse(readFileSync(rejects, 'utf8'))).toMatchObject({ code: 'record-too-large', line: 2 });
  });
});
