// Source adapter for chat exports as JSON or NDJSON: messages, or conversations holding their messages (ABCD, Intercom-like).
import { Readable } from 'node:stream';
import { jsonErrorReason } from '../text/json-error.js';
import type { MapField, SourceAdapter, SourceItem, SourceOptions } from './adapter.js';
import { InputError } from './errors.js';
import type { InputFile } from './input.js';
import { byteLines, lineText, MAX_LINE_BYTES, SAMPLE_BYTES, tooLongMessage } from './lines.js';
import { findColumns, recordReader } from './records.js';

/** Keys that hold a conversation's messages. */
const MESSAGE_LISTS = ['messages', 'original', 'turns', 'dialogue', 'dialog', 'utterances', 'conversation_parts', 'parts', 'transcript', 'events'];
/** Keys that hold the conversations of a whole export. */
const CONVERSATION_LISTS = ['conversations', 'chats', 'tickets', 'dialogues', 'data', 'items', 'messages'];
const CONVERSATION_IDS = ['convo_id', 'conversation_id', 'conversationId', 'chat_id', 'ticket_id', 'session_id', 'thread_id', 'dialogue_id', 'id'];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const scalar = (v: Json | undefined): string | undefined => (v === undefined || v === null ? undefined : typeof v === 'object' ? undefined : String(v));

/** 1-based line where each element of the first top-level array begins (for diagnostics). */
function elementLines(text: string): number[] {
  const lines: number[] = [];
  let depth = 0;
  let line = 1;
  let inString = false;
  let expectElement = false;
  let arrayDepth = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') line++;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (expectElement && !/\s/.test(c) && c !== ']') {
      lines.push(line);
      expectElement = false;
    }
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') {
      depth++;
      if (c === '[' && arrayDepth === -1 && (depth === 1 || depth === 2)) {
        arrayDepth = depth;
        expectElement = true;
      }
    } else if (c === ']' || c === '}') depth--;
    else if (c === ',' && depth === arrayDepth) expectElement = true;
  }
  return lines;
}

/** The records of a parsed export: each with its conversation (when nested), its line and its place in its list. */
function* records(value: Json, lines: number[]): Generator<{ record: Json; conversation: string | null; line: number; position: string; index: number }> {
  let list: Json[] | null = Array.isArray(value) ? value : null;
  if (isObject(value)) {
    // One conversation (an NDJSON line, a single-conversation file): its id beside its message list.
    const conversation = CONVERSATION_IDS.some((k) => scalar(value[k]) !== undefined) && MESSAGE_LISTS.some((k) => Array.isArray(value[k]));
    const key = conversation ? undefined : CONVERSATION_LISTS.find((k) => Array.isArray(value[k]));
    list = key ? (value[key] as Json[]) : [value];
  }
  for (let i = 0; i < (list ?? []).length; i++) {
    const element = list![i]!;
    const line = lines[i] ?? lines[0] ?? 1;
    const nestedKey = isObject(element) ? MESSAGE_LISTS.find((k) => Array.isArray(element[k])) : undefined;
    if (isObject(element) && nestedKey) {
      const idKey = CONVERSATION_IDS.find((k) => scalar(element[k]) !== undefined);
      const conversation = idKey ? scalar(element[idKey])! : `conversation ${i + 1}`;
      const messages = element[nestedKey] as Json[];
      for (let j = 0; j < messages.length; j++) {
        yield { record: messages[j]!, conversation, line, position: `${conversation}:${String(j + 1).padStart(5, '0')}`, index: i };
      }
    } else {
      yield { record: element, conversation: null, line, position: String(i + 1).padStart(7, '0'), index: i };
    }
  }
}

/** Deepest nesting of arrays and objects read: far beyond any export, far below a stack overflow. */
export const MAX_JSON_DEPTH = 64;

/** Largest JSON document (not NDJSON) read whole: parsed, it takes many times its size in memory. */
export const MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;

/** The line (counted from `firstLine`) where arrays and objects nest deeper than MAX_JSON_DEPTH, or null. */
function tooDeep(text: string, firstLine = 1): number | null {
  let depth = 0;
  let line = firstLine;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    else if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > MAX_JSON_DEPTH) return line;
    } else if (c === 93 || c === 125) depth--;
  }
  return null;
}

const NDJSON_NAME = /\.(ndjson|jsonl)(\.gz)?$/i;

/** What a first line says about a file: NDJSON when it is a whole JSON value, else one document. */
type Mode = { ndjson: true } | { ndjson: false; longFirstLine: boolean; opensObject: boolean };

/**
 * Read until the first line with text is complete (or longer than a record may be), and decide. The
 * chunks read are returned to be read again.
 */
async function decide(iterator: AsyncIterator<unknown>, named: boolean): Promise<{ mode: Mode; head: Buffer[] }> {
  const head: Buffer[] = [];
  if (named) return { mode: { ndjson: true }, head };
  let size = 0;
  for (;;) {
    const next = await iterator.next();
    if (next.done) break;
    const buf = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value as string);
    head.push(buf);
    size += buf.length;
    const text = Buffer.concat(head).subarray(0, MAX_LINE_BYTES + 8).toString('utf8').replace(/^\uFEFF/, '');
    const start = text.search(/\S/);
    if (start < 0) {
      if (size > MAX_LINE_BYTES) return { mode: { ndjson: true }, head };
      continue;
    }
    const eol = text.indexOf('\n', start);
    if (eol >= 0) return { mode: parses(text.slice(start, eol).trim()) ? { ndjson: true } : { ndjson: false, longFirstLine: false, opensObject: false }, head };
    if (size > MAX_LINE_BYTES) return { mode: { ndjson: false, longFirstLine: true, opensObject: text[start] === '{' }, head };
  }
  const text = Buffer.concat(head).toString('utf8').replace(/^\uFEFF/, '').trim();
  return { mode: text !== '' && parses(text) ? { ndjson: true } : { ndjson: false, longFirstLine: false, opensObject: false }, head };
}

/** The chunks already read, then the rest of the stream. */
function replay(head: readonly Buffer[], iterator: AsyncIterator<unknown>): Readable {
  return Readable.from(
    (async function* () {
      yield* head;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value as Buffer;
    })(),
  );
}

async function* read(input: InputFile, options: SourceOptions): AsyncGenerator<SourceItem> {
  const toItem = recordReader('chat-json', input.name, options, {}, 'chat');
  const reject = (code: string, line: number, message: string, raw: string): SourceItem => ({ diagnostic: { code, file: input.name, line, message, raw } });
  const fromRecord = (record: Json, conversation: string | null, line: number, position: string, raw: string): SourceItem => {
    if (Array.isArray(record)) {
      // [speaker, text] pairs (ABCD's `original`); each conversation has its own customer.
      const speaker = scalar(record[0]);
      const text = scalar(record[1]);
      const author = speaker && conversation && /^(customer|user|client)$/i.test(speaker) ? `${speaker}:${conversation}` : speaker;
      const pair: Partial<Record<MapField, string | undefined>> = { role: speaker, author, text, conversation: conversation ?? undefined };
      return toItem((field) => pair[field], line, raw, position);
    }
    if (!isObject(record)) return reject('bad-record', line, `expected a message object, not ${kindOf(record)}`, raw);
    const flat: Record<string, string> = {};
    for (const [k, v] of Object.entries(record)) {
      const s = scalar(v);
      if (s !== undefined) flat[k] = s;
      else if (isObject(v)) for (const [k2, v2] of Object.entries(v)) if (scalar(v2) !== undefined) flat[`${k}.${k2}`] ??= scalar(v2)!;
    }
    const { columns, missing } = findColumns(Object.keys(flat), options.map);
    if (missing.length) return reject('missing-field', line, `no field(s) ${missing.join(', ')}`, raw);
    return toItem((field) => (field === 'conversation' && conversation !== null ? conversation : columns[field] === undefined ? undefined : flat[columns[field]!]), line, raw, position);
  };

  /** Every line of NDJSON is one record or more (a conversation, a list), or one diagnostic. */
  async function* ndjson(stream: Readable): AsyncGenerator<SourceItem> {
    for await (const l of byteLines(stream)) {
      const lineNo = l.line;
      if (l.cut) {
        yield reject('record-too-large', lineNo, tooLongMessage(l.size), `${lineText(l)}…`);
        continue;
      }
      const text = lineText(l);
      if (text.trim() === '') continue;
      if (tooDeep(text) !== null) {
        yield reject('too-deep', lineNo, `arrays and objects nested deeper than ${MAX_JSON_DEPTH} levels`, text.slice(0, SAMPLE_BYTES));
        continue;
      }
      let value: Json;
      try {
        value = JSON.parse(text) as Json;
      } catch (error) {
        yield reject('json-syntax', lineNo, `not valid JSON: ${jsonReason(error)}`, text);
        continue;
      }
      if (!isObject(value) && !Array.isArray(value)) {
        yield reject('bad-record', lineNo, `expected a message or conversation object, not ${kindOf(value)}`, text);
        continue;
      }
      let items = 0;
      const many = Array.isArray(value) && value.length > 1;
      for (const r of records(value, [lineNo])) {
        items++;
        const position = r.conversation ? r.position : `${String(lineNo).padStart(7, '0')}${many ? `:${String(r.index + 1).padStart(5, '0')}` : ''}`;
        yield fromRecord(r.record, r.conversation, lineNo, position, text);
      }
      if (!items) yield reject('no-messages', lineNo, 'no message in this line (an empty list or conversation)', text);
    }
  }

  const source = input.open();
  const iterator = source[Symbol.asyncIterator]();
  const { mode, head } = await decide(iterator, NDJSON_NAME.test(input.name));
  if (mode.ndjson) {
    yield* ndjson(replay(head, iterator));
    return;
  }
  // One document, read whole (bounded).
  const chunks = head;
  let size = head.reduce((n, b) => n + b.length, 0);
  for (let next = size > MAX_DOCUMENT_BYTES ? null : await iterator.next(); next && !next.done; next = size > MAX_DOCUMENT_BYTES ? null : await iterator.next()) {
    const buf = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value as string);
    chunks.push(buf);
    size += buf.length;
  }
  if (size > MAX_DOCUMENT_BYTES) {
    // A first line of `{…` too long to be one record and too large for a document: NDJSON with that record over-long.
    if (mode.longFirstLine && mode.opensObject) {
      yield* ndjson(replay(chunks, iterator));
      return;
    }
    source.destroy();
    throw new InputError(input.name, null, `a JSON document larger than ${MAX_DOCUMENT_BYTES / (1024 * 1024)} MiB; write an export this large as NDJSON, one message or conversation per line (jq -c '.[]' in.json > in.ndjson)`);
  }
  const whole = Buffer.concat(chunks, size).toString('utf8').replace(/^\uFEFF/, '');
  if (whole.trim() === '') throw new InputError(input.name, null, 'empty file: expected chat JSON');
  const deep = tooDeep(whole);
  if (deep !== null) throw new InputError(input.name, deep, `arrays and objects nested deeper than ${MAX_JSON_DEPTH} levels; not a chat export`);
  let value: Json;
  try {
    value = JSON.parse(whole) as Json;
  } catch (error) {
    // Lines after an over-long first line: NDJSON whose first record is too long.
    if (mode.longFirstLine && /\n\s*\S/.test(whole.trimEnd())) {
      yield* ndjson(Readable.from([Buffer.from(whole)]));
      return;
    }
    throw new InputError(input.name, null, `not valid JSON (${jsonReason(error)}); expected chat JSON or NDJSON`);
  }
  if (!isObject(value) && !Array.isArray(value)) throw new InputError(input.name, null, `expected chat JSON (an array or object), not ${kindOf(value)}`);
  for (const r of records(value, elementLines(whole))) {
    yield fromRecord(r.record, r.conversation, r.line, r.position, JSON.stringify(r.record).slice(0, 2000));
  }
}

/** `a number`, `null`, `a string`…: what a JSON value is, for messages. */
function kindOf(value: Json): string {
  return value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

export const chatJson: SourceAdapter = {
  kind: 'chat-json',
  description: 'chat JSON or NDJSON: message objects, or conversations with a messages/turns list',
  sniff: (head, name) => /\.(json|ndjson|jsonl)(\.gz)?$/i.test(name) || /^\s*[[{]/.test(head),
  read,
};

/** JSON.parse's complaint in one short line. */
function jsonReason(error: unknown): string {
  return jsonErrorReason(error).slice(0, 80);
}
