// Source adapter for IRC logs (`[HH:MM] <nick> text`), with reply links from a companion `.annotation.txt` when present.
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import type { RawMessage } from '../model/types.js';
import type { SourceAdapter, SourceItem, SourceOptions } from './adapter.js';
import { InputError } from './errors.js';
import type { InputFile } from './input.js';
import { byteLines, lineText, tooLongMessage } from './lines.js';
import { brandMatcher } from './roles.js';
import { FILE_CAPS, readTextCapped } from './text-file.js';

const MESSAGE = /^\[(\d{2}):(\d{2})\] +(?:<([^>]+)>|\* +(\S+)) ?(.*)$/;
const SYSTEM = /^(\[\d{2}:\d{2}\] +)?=== /;
/** The channel's factoid bots: brand side, bot. */
const BOTS = /^(ubotu|ubottu|ubot\d*|chanserv|nickserv)$/i;

/** Reply links `A B -` (0-based lines; the later line answers the earlier, `B B` opens a conversation). */
export function readLinks(text: string): [number, number][] {
  const links: [number, number][] = [];
  for (const line of text.split('\n')) {
    const m = /^(\d+)\s+(\d+)/.exec(line);
    if (m) links.push([Number(m[1]), Number(m[2])]);
  }
  return links;
}

/** The annotation file beside `x.raw.txt`, if any. */
function annotationPath(input: InputFile): string | null {
  if (!input.path || !/\.raw\.txt(\.gz)?$/.test(input.path)) return null;
  const path = input.path.replace(/\.raw\.txt(\.gz)?$/, '.annotation.txt');
  return existsSync(path) ? path : null;
}

/** Conversation of each annotated line: the smallest line of its connected component of links. */
function conversations(links: [number, number][]): Map<number, number> {
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let r = x;
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  for (const [a, b] of links) {
    if (!parent.has(a)) parent.set(a, a);
    if (!parent.has(b)) parent.set(b, b);
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(Math.max(ra, rb), Math.min(ra, rb));
  }
  const out = new Map<number, number>();
  for (const x of parent.keys()) out.set(x, find(x));
  return out;
}

async function* read(input: InputFile, options: SourceOptions): AsyncGenerator<SourceItem> {
  const annotation = annotationPath(input);
  const links = annotation ? readLinks(readTextCapped(annotation, FILE_CAPS.annotation, 'an IRC annotation file')) : null;
  const conversationOf = links ? conversations(links) : null;
  const parentOf = new Map<number, number>();
  for (const [a, b] of links ?? []) if (a !== b) parentOf.set(Math.max(a, b), Math.min(a, b));
  const day = /(\d{4})-(\d{2})-(\d{2})/.exec(basename(input.name));
  let base = day ? Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])) : null;
  let lastMinute = -1;
  const stem = basename(input.name).replace(/\.raw\.txt(\.gz)?$|\.(txt|log)(\.gz)?$/, '');
  const idOf = (index: number): string => `${stem}:${String(index).padStart(5, '0')}`;
  const isBrand = brandMatcher(options);
  const lastBy = new Map<string, number>();
  const spoken = new Set<string>();
  let index = -1;
  let sawMessage = false;
  for await (const l of byteLines(input.open())) {
    index++;
    const lineNo = index + 1;
    if (l.cut) {
      // Too long to be a chat line: rejected unread (unless the annotators left it out).
      if (!conversationOf || conversationOf.has(index)) yield { diagnostic: { code: 'record-too-large', file: input.name, line: lineNo, message: tooLongMessage(l.size), raw: `${lineText(l)}…` } };
      continue;
    }
    const text = lineText(l);
    const m = MESSAGE.exec(text);
    // [99:99] is no time of day: the line is a bad-time reject, and the day stays where it was.
    const badTime = m !== null && (Number(m[1]) > 23 || Number(m[2]) > 59);
    if (m && !badTime) {
      const minute = Number(m[1]) * 60 + Number(m[2]);
      if (base !== null && minute < lastMinute - 12 * 60) base += 86_400_000; // the log went past midnight
      lastMinute = minute;
      sawMessage = true;
    }
    // Every nick that has spoken, annotated or not: a line addressed to one answers them.
    if (m) spoken.add((m[3] ?? m[4])!.replace(/^[@+]/, '').toLowerCase());
    // With annotations, a record is a line the annotators placed in a conversation.
    if (conversationOf && !conversationOf.has(index)) continue;
    if (!m) {
      if (text.trim() === '') continue;
      const code = SYSTEM.test(text) ? 'system-line' : 'bad-line';
      yield { diagnostic: { code, file: input.name, line: lineNo, message: code === 'system-line' ? 'join/part/nick line, not a message' : 'not an IRC message line ([HH:MM] <nick> text)', raw: text } };
      continue;
    }
    if (badTime) {
      yield { diagnostic: { code: 'bad-time', file: input.name, line: lineNo, message: `[${m[1]}:${m[2]}] is not a time of day; line skipped`, raw: text } };
      continue;
    }
    const nick = (m[3] ?? m[4])!.replace(/^[@+]/, '');
    const body = m[5] ?? '';
    const time = base === null ? null : base + (Number(m[1]) * 60 + Number(m[2])) * 60_000;
    const bot = BOTS.test(nick);
    const named = isBrand(nick);
    let parent: string | null = null;
    if (links) {
      const p = parentOf.get(index);
      parent = p === undefined ? null : idOf(p);
    } else {
      // No annotation: a line addressed to a nick ("nick: …") answers that nick's last line.
      const addressed = /^([^\s:,]+)[:,] /.exec(body)?.[1];
      const p = addressed ? lastBy.get(addressed.toLowerCase()) : undefined;
      parent = p === undefined ? null : idOf(p);
    }
    // The nick a line addresses, when that nick has spoken: "ok: …" or "yes, …" name nobody.
    const addressee = /^([^\s:,]{1,30})[:,] /.exec(body)?.[1];
    const answers = addressee && spoken.has(addressee.toLowerCase()) && addressee.toLowerCase() !== nick.toLowerCase() ? addressee : null;
    lastBy.set(nick.toLowerCase(), index);
    const message: RawMessage = {
      id: idOf(index),
      source: 'irc',
      file: input.name,
      line: lineNo,
      author: nick,
      role: bot || named ? 'brand' : named === false ? 'customer' : null,
      time,
      text: body,
      parent,
      answers,
      conversation: conversationOf ? idOf(conversationOf.get(index)!) : null,
      channel: 'irc',
    };
    if (bot) message.bot = true;
    yield { message };
  }
  if (!sawMessage) throw new InputError(input.name, null, 'not an IRC log: expected lines like "[HH:MM] <nick> text"');
}

export const irc: SourceAdapter = {
  kind: 'irc',
  description: 'IRC log lines "[HH:MM] <nick> text" (reply links from a .annotation.txt beside a .raw.txt)',
  sniff: (head, name) => /\.raw\.txt(\.gz)?$/.test(name) || /^\[\d{2}:\d{2}\] +<[^>]+> /.test(head),
  read,
};
