// Source adapter for chat exports as JSON or NDJSON: messages, or conversations holding their messages (ABCD, Intercom-like).
import { createInterface } from 'node:readline';
import type { MapField, SourceAdapter, SourceItem, SourceOptions } from './adapter.js';
import { InputError } from './errors.js';
import type { InputFile } from './input.js';
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

/** The records of a parsed export: each with its conversation (when nested) and its line. */
function* records(value: Json, lines: number[]): Generator<{ record: Json; conversation: string | null; line: number; position: string }> {
  let list: Json[] | null = Array.isArray(value) ? value : null;
  if (isObject(value)) {
    // One conversation (an NDJSON line, a single-conversation file): its id beside its message list.
    const conversation = CONVERSATION_IDS.some((k) => scalar(value[k]) !== undefined) && MESSAGE_LISTS.some((k) => Array.isArray(value[k]));
    const key = conversation ? undefined : CONVERSATION_LISTS.find((k) => Array.isArray(value[k]));
    list = key ? (value[key] as Json[]) : [value];
  }
  for (let i = 0; i < (list ?? []).length; i++) {
    const element = list![i]!;
    const line = lines[i] ?? 1;
    const nestedKey = isObject(element) ? MESSAGE_LISTS.find((k) => Array.isArray(element[k])) : undefined;
    if (isObject(element) && nestedKey) {
      const idKey = CONVERSATION_IDS.find((k) => scalar(element[k]) !== undefined);
      const conversation = idKey ? scalar(element[idKey])! : `conversation ${i + 1}`;
      const messages = element[nestedKey] as Json[];
      for (let j = 0; j < messages.length; j++) {
        yield { record: messages[j]!, conversation, line, position: `${conversation}:${String(j + 1).padStart(5, '0')}` };
      }
    } else {
      yield { record: element, conversation: null, line, position: String(i + 1).padStart(7, '0') };
    }
  }
}

async function* read(input: InputFile, options: SourceOptions): AsyncGenerator<SourceItem> {
  const lines = createInterface({ input: input.open(), crlfDelay: Infinity });
  const kept: string[] = [];
  let ndjson: boolean | null = null;
  let lineNo = 0;
  const toItem = recordReader('chat-json', input.name, options, {}, 'chat');
  const fromRecord = (record: Json, conversation: string | null, line: number, position: string, raw: string): SourceItem => {
    if (Array.isArray(record)) {
      // [speaker, text] pairs (ABCD's `original`); each conversation has its own customer.
      const speaker = scalar(record[0]);
      const text = scalar(record[1]);
      const author = speaker && conversation && /^(customer|user|client)$/i.test(speaker) ? `${speaker}:${conversation}` : speaker;
      const pair: Partial<Record<MapField, string | undefined>> = { role: speaker, author, text, conversation: conversation ?? undefined };
      return toItem((field) => pair[field], line, raw, position);
    }
    if (!isObject(record)) return { diagnostic: { code: 'bad-record', file: input.name, line, message: 'expected a message object', raw } };
    const flat: Record<string, string> = {};
    for (const [k, v] of Object.entries(record)) {
      const s = scalar(v);
      if (s !== undefined) flat[k] = s;
      else if (isObject(v)) for (const [k2, v2] of Object.entries(v)) if (scalar(v2) !== undefined) flat[`${k}.${k2}`] ??= scalar(v2)!;
    }
    const { columns, missing } = findColumns(Object.keys(flat), options.map);
    if (missing.length) return { diagnostic: { code: 'missing-field', file: input.name, line, message: `no field(s) ${missing.join(', ')}`, raw } };
    return toItem((field) => (field === 'conversation' && conversation !== null ? conversation : columns[field] === undefined ? undefined : flat[columns[field]!]), line, raw, position);
  };
  for await (const text of lines) {
    lineNo++;
    if (ndjson === null && text.trim() !== '') {
      const t = text.trim();
      ndjson = t.startsWith('{') && parses(t);
    }
    if (ndjson) {
      if (text.trim() === '') continue;
      let value: Json;
      try {
        value = JSON.parse(text) as Json;
      } catch (error) {
        yield { diagnostic: { code: 'json-syntax', file: input.name, line: lineNo, message: `not valid JSON: ${jsonReason(error)}`, raw: text } };
        continue;
      }
      for (const r of records(value, [lineNo])) yield fromRecord(r.record, r.conversation, lineNo, r.conversation ? r.position : String(lineNo).padStart(7, '0'), text);
    } else kept.push(text);
  }
  if (ndjson) return;
  const whole = kept.join('\n');
  if (whole.trim() === '') throw new InputError(input.name, null, 'empty file: expected chat JSON');
  let value: Json;
  try {
    value = JSON.parse(whole.replace(/^\uFEFF/, '')) as Json;
  } catch (error) {
    throw new InputError(input.name, null, `not valid JSON (${jsonReason(error)}); expected chat JSON or NDJSON`);
  }
  for (const r of records(value, elementLines(whole))) {
    yield fromRecord(r.record, r.conversation, r.line, r.position, JSON.stringify(r.record).slice(0, 2000));
  }
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

/** JSON.parse's complaint in one short line: V8 quotes the whole input, newlines and all. */
function jsonReason(error: unknown): string {
  return (error as Error).message
    .replace(/, ".*" is not valid JSON$/s, '')
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/\s+/g, ' ')
    .slice(0, 80);
}
