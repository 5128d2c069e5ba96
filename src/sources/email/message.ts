// One RFC 5322 message (bytes) → a RawMessage: mailparser decodes MIME; rapport reads ids, roles and the author's own text.
import type { AddressObject, ParsedMail } from 'mailparser';

/** mailparser is loaded with the first email: every other input (and --help, usage errors) starts 0.1 s sooner. */
let parser: Promise<typeof import('mailparser')> | undefined;
import type { RawMessage, SourceKind } from '../../model/types.js';
import type { SourceItem, SourceOptions } from '../adapter.js';
import { brandMatcher } from '../roles.js';
import { ownText, quotedAuthor } from './quotes.js';

/** Reply and forward prefixes in many mail clients' languages. */
const SUBJECT_PREFIX = /^\s*((re|aw|sv|vs|antw|antwort|fw|fwd|wg|tr|rv|r|ref)(\[\d+\])?\s*:\s*|\[[^\]]{1,40}\]\s*)/i;
const REPLY_PREFIX = /^\s*(\[[^\]]{1,40}\]\s*)*(re|aw|sv|vs|antw|antwort|r)(\[\d+\])?\s*:/i;

/** The subject without `Re:`/`Fwd:`/`AW:` and `[list]` tags, lower-case: the key for threading by subject. */
export function normalizeSubject(subject: string): string {
  let s = subject;
  for (let previous = ''; previous !== s; ) {
    previous = s;
    s = s.replace(SUBJECT_PREFIX, '');
  }
  return s.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** `<id@host>` → `id@host`: Message-ID, In-Reply-To and References name the same message the same way. */
export function messageIds(value: string | string[] | undefined): string[] {
  const text = Array.isArray(value) ? value.join(' ') : value ?? '';
  const bracketed = [...text.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1]!);
  if (bracketed.length) return bracketed;
  return text.split(/\s+/).filter((t) => t.includes('@'));
}

/**
 * stat.ethz.ch pipermail writes `From: user@example.org (Name)` as `From: user @end|ng |rom ex@mp|e@org (Name)`.
 * The header is rewritten to `From: Name <key>` with a stable, parseable key (`a` for `@`, `l` for `|`),
 * so that the parser reads the (RFC 2047) name and each sender stays one author.
 */
function unobfuscate(header: Buffer): { header: Buffer; obfuscated: boolean } {
  const text = header.toString('latin1');
  if (!text.includes(' @end|ng |rom ')) return { header, obfuscated: false };
  const key = (part: string): string => part.replace(/@/g, 'a').replace(/\|/g, 'l').replace(/[^\w.+-]/g, '_');
  const rewritten = text.replace(/^From:[ \t]*(\S+) @end\|ng \|rom (\S+)(?:[ \t]+\((.*)\))?[ \t]*$/im, (_all, local: string, domain: string, name?: string) =>
    `From: ${name ? `${name} ` : ''}<${key(local)}@${key(domain)}>`,
  );
  return { header: Buffer.from(rewritten.replaceAll(' @end|ng |rom ', '@'), 'latin1'), obfuscated: true };
}

function addresses(...fields: (AddressObject | AddressObject[] | undefined)[]): string[] {
  const out = new Set<string>();
  for (const field of fields) {
    for (const group of Array.isArray(field) ? field : field ? [field] : []) {
      for (const a of group.value) if (a.address) out.add(a.address.trim().toLowerCase());
    }
  }
  return [...out];
}

function firstAddress(from: AddressObject | AddressObject[] | undefined): { name: string; address: string } | null {
  const list = Array.isArray(from) ? from : from ? [from] : [];
  for (const group of list) {
    for (const a of group.value) {
      if (a.address || a.name) return { name: (a.name ?? '').trim(), address: (a.address ?? '').trim().toLowerCase() };
    }
  }
  return null;
}

function header(mail: ParsedMail, name: string): string {
  const value = mail.headers.get(name);
  return typeof value === 'string' ? value : value instanceof Date ? value.toISOString() : value ? JSON.stringify(value) : '';
}

/** Auto-replies (RFC 3834 `Auto-Submitted`, `X-Autoreply`, `Precedence: auto_reply`, out-of-office subjects) are bots on the brand side. */
export function isAutoReply(mail: ParsedMail): boolean {
  const auto = header(mail, 'auto-submitted').trim().toLowerCase();
  if (auto !== '' && auto !== 'no') return true;
  if (mail.headers.has('x-autoreply') || mail.headers.has('x-autorespond')) return true;
  if (/^auto_reply$/i.test(header(mail, 'precedence').trim())) return true;
  return /\b(out of (the )?office|automatic reply|auto(matic)?[- ]?reply|abwesenheitsnotiz|autoreply)\b/i.test(mail.subject ?? '');
}

/** Where one message sits: its file, the line it starts on, and an id to use when it has no Message-ID. */
export interface EmailPlace {
  kind: SourceKind;
  file: string;
  line: number;
  fallbackId: string;
}

/** Whether the bytes have any header an email has. */
export function looksLikeEmail(mail: ParsedMail): boolean {
  return Boolean(mail.from || mail.messageId || mail.date || mail.subject || mail.headers.has('received'));
}

/** Parse one message; a message mailparser cannot read, or without a body, is a diagnostic. */
export async function readEmail(bytes: Buffer, place: EmailPlace, options: SourceOptions): Promise<SourceItem> {
  // A UTF-8 BOM before the first header would hide it from the parser.
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  const blank = /\r?\n\r?\n/.exec(bytes.toString('latin1'));
  const split = blank ? blank.index : bytes.length;
  const head = unobfuscate(bytes.subarray(0, split));
  const raw = Buffer.concat([head.header, bytes.subarray(split)]);
  const reject = (code: string, message: string): SourceItem => ({
    diagnostic: { code, file: place.file, line: place.line, message, raw: raw.subarray(0, 2000).toString('utf8') },
  });
  let mail: ParsedMail;
  try {
    const { simpleParser } = await (parser ??= import('mailparser'));
    mail = await simpleParser(raw, { skipImageLinks: true, skipTextLinks: true });
  } catch (error) {
    return reject('bad-message', `mail parser: ${(error as Error).message.slice(0, 120)}`);
  }
  if (!looksLikeEmail(mail)) return reject('not-email', 'no From, Date, Subject or Message-ID header: not an email message');
  const body = (mail.text ?? '').replace(/\r\n?/g, '\n').trim();
  if (body === '') return reject('empty-body', 'the message has no text (nor HTML) body');
  const own = ownText(body);
  const quoted = quotedAuthor(body);
  const from = firstAddress(mail.from);
  // An obfuscated archive address (`gm@||@com`) reads worse than the name beside it.
  const author = (head.obfuscated ? from?.name || from?.address : from?.address || from?.name) || 'unknown sender';
  const isBrand = brandMatcher(options);
  const byName = from ? (isBrand(from.name || author, from.address) || (from.address ? isBrand(from.address) : false)) : null;
  const named = options.brands?.length || options.brandDomains?.length ? byName : null;
  const bot = isAutoReply(mail);
  const ids = messageIds(mail.messageId);
  const parent = messageIds(mail.inReplyTo)[0] ?? messageIds(mail.references).at(-1) ?? null;
  const subject = mail.subject ?? '';
  const message: RawMessage = {
    id: ids[0] ?? place.fallbackId,
    source: place.kind,
    file: place.file,
    line: place.line,
    author,
    role: bot || named ? 'brand' : named === false ? 'customer' : null,
    time: mail.date && Number.isFinite(mail.date.getTime()) ? mail.date.getTime() : null,
    text: own === '' ? body : own,
    fullText: own === body ? null : body,
    parent,
    answers: quoted ? quoted.name ?? quoted.address : null,
    subject: subject || null,
    topic: normalizeSubject(subject) || null,
    reply: parent !== null || REPLY_PREFIX.test(subject),
    participants: addresses(mail.from, mail.to, mail.cc),
    brand: named || null,
    channel: 'email',
  };
  if (bot) message.bot = true;
  return { message };
}
