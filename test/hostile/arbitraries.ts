// fast-check generators for hostile tests: personal data that must be masked, and text around it.
import fc from 'fast-check';

/** Append the Luhn check digit to a number. */
export function withLuhn(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return body + String((10 - (sum % 10)) % 10);
}

/** ISO 13616 check digits for a country and BBAN. */
export function withIbanCheck(country: string, bban: string): string {
  const numeric = (bban + country + '00').replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let rest = 0;
  for (const digit of numeric) rest = (rest * 10 + Number(digit)) % 97;
  return `${country}${String(98 - rest).padStart(2, '0')}${bban}`;
}

const digits = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });

function group(text: string, size: number, sep: string): string {
  return text.match(new RegExp(`.{1,${size}}`, 'g'))!.join(sep);
}

/** A valid (Luhn) card number of 13-19 digits, plain or in groups of four. */
export const card = fc
  .tuple(fc.constantFrom('4', '51', '37', '6011'), digits(12, 15), fc.constantFrom('', ' ', '-'))
  .map(([prefix, rest, sep]) => {
    const number = withLuhn((prefix + rest).slice(0, 18));
    return sep ? group(number, 4, sep) : number;
  });

/** A valid IBAN, compact or printed in groups of four. */
export const iban = fc
  .tuple(fc.constantFrom('DE', 'GB', 'FR', 'NL', 'ES'), fc.string({ unit: fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'), minLength: 11, maxLength: 26 }), fc.boolean())
  .map(([country, bban, spaced]) => {
    const number = withIbanCheck(country, bban);
    return spaced ? group(number, 4, ' ') : number;
  });

/** Phone numbers as people write them. */
export const phone = fc.oneof(
  fc.tuple(digits(1, 3), digits(3, 3), digits(3, 3), digits(4, 4)).map(([cc, a, b, c]) => `+${cc || '1'} ${a} ${b} ${c}`),
  fc.tuple(digits(3, 3), digits(3, 3), digits(4, 4)).map(([a, b, c]) => `(${a}) ${b}-${c}`),
  fc.tuple(digits(3, 3), digits(3, 3), digits(4, 4), fc.constantFrom('-', '.', ' ')).map(([a, b, c, s]) => `${a}${s}${b}${s}${c}`),
  fc.tuple(digits(4, 5), digits(6, 6)).map(([a, b]) => `0${a} ${b}`),
  digits(10, 12).map((d) => `+${d}`),
  fc.tuple(digits(3, 3), digits(4, 4)).map(([a, b]) => `1-800-${a}-${b}`),
);

/** RFC-ish email addresses (fast-check's own generator). */
export const email = fc.emailAddress();

/** How people (or exports) disguise digits, separators and at-signs: other scripts' digits, no-break spaces, en-dashes, `%40`. */
const disguise = fc.record({
  zero: fc.constantFrom(0x30, 0x660, 0x6f0, 0x966, 0xff10),
  space: fc.constantFrom(' ', '\u00a0', '\u202f'),
  dash: fc.constantFrom('-', '\u2013', '\u2011'),
  at: fc.constantFrom('@', '\uff20', '%40'),
});

/** The same personal data written in another script's digits or separators (a third of the time). */
function disguised(value: string, d: { zero: number; space: string; dash: string; at: string }): string {
  return value
    .replace(/\d/g, (c) => String.fromCodePoint(d.zero + Number(c)))
    .replace(/ /g, d.space)
    .replace(/-/g, d.dash)
    .replace(/@/g, d.at);
}

/** A piece of personal data and its kind. */
export const pii = fc
  .tuple(
    fc.oneof(
      email.map((value) => ({ kind: 'email', value })),
      card.map((value) => ({ kind: 'card', value })),
      iban.map((value) => ({ kind: 'iban', value })),
      phone.map((value) => ({ kind: 'phone', value })),
    ),
    disguise,
    fc.nat(2),
  )
  .map(([p, d, plain]) => (plain ? p : { ...p, value: disguised(p.value, d) }));

/** Words around the personal data: letters in several scripts, short numbers, punctuation, emoji. */
export const filler = fc.oneof(
  fc.constantFrom('call', 'me', 'at', 'my', 'card', 'is', 'order', 'thanks!', 'café', 'über', 'спасибо', '注文', '👍', '—', '(', ')', ',', ':', '#12', '2017', '42', 'x'),
  fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzé ÄЖ'), minLength: 1, maxLength: 8 }),
);

/** A message: filler words and personal data, separated by spaces. */
export const messageWithPii = fc
  .array(fc.oneof({ weight: 3, arbitrary: filler.map((value) => ({ kind: 'text', value })) }, { weight: 1, arbitrary: pii }), { minLength: 1, maxLength: 12 })
  .map((parts) => ({ text: parts.map((p) => p.value).join(' '), secrets: parts.filter((p) => p.kind !== 'text').map((p) => p.value) }));

/** One CSV field, quoted when it has to be. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export const TWCS_HEADER = 'tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id';

/** A row of the Twitter customer-care export. */
export interface TwcsRow {
  id: string;
  author: string;
  inbound: boolean;
  time?: string;
  text: string;
  parent?: string;
}

export function twcsCsv(rows: TwcsRow[], eol = '\n'): string {
  const lines = rows.map((r, i) =>
    [r.id, r.author, r.inbound ? 'True' : 'False', r.time ?? `Tue Oct 31 10:${String(i % 60).padStart(2, '0')}:00 +0000 2017`, r.text, '', r.parent ?? '']
      .map(csvField)
      .join(','),
  );
  return [TWCS_HEADER, ...lines].join(eol) + eol;
}

/** Text a stranger might put anywhere: unicode, quotes, separators, escapes, controls, a BOM. */
export const wildText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: fc.constantFrom('"', ',', '\n', '\r', '{', '}', ':', '[', ']', '\\', '\u0000', '\u001b', '\u202e', '\ufeff', 'é', '👍', '1', ' ', '<', '>', '@'), maxLength: 20 }),
  fc.constantFrom('True', 'False', '3.0', '925864203779198976', '2017-10-31T10:00:00Z', 'Tue, 31 Oct 2017 10:00:00 +0000', '0000-01-01', '__proto__', 'constructor', ''),
);

/** An NDJSON chat export: message objects, conversations with message lists, bare values, broken and deep lines, a BOM. */
export const ndjsonExport = fc
  .tuple(
    fc.boolean(),
    fc.array(
      fc.oneof(
        { weight: 4, arbitrary: fc.record({ id: wildText, conversation_id: fc.constantFrom('1', '2', '3'), author: wildText, role: fc.constantFrom('customer', 'agent', 'bot', 'user', ''), timestamp: wildText, text: wildText, reply_to: wildText }, { requiredKeys: ['text'] }).map((o) => JSON.stringify(o)) },
        { weight: 1, arbitrary: fc.record({ conversation_id: wildText, messages: fc.array(fc.oneof(fc.record({ author: wildText, text: wildText }), fc.tuple(fc.constantFrom('customer', 'agent'), wildText), fc.jsonValue()), { maxLength: 4 }) }).map((o) => JSON.stringify(o)) },
        { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? 'null') },
        { weight: 1, arbitrary: fc.integer({ min: 1, max: 200 }).map((d) => `${'['.repeat(d)}${']'.repeat(d)}`) },
        { weight: 1, arbitrary: wildText },
      ),
      { maxLength: 12 },
    ),
    fc.constantFrom('\n', '\r\n'),
  )
  .map(([bom, lines, eol]) => `${bom ? '\ufeff' : ''}${lines.join(eol)}${eol}`);

/** A header line of an email: the usual fields with wild values, folded lines, junk. */
const mailHeader = fc.oneof(
  fc.tuple(fc.constantFrom('From', 'To', 'Cc', 'Subject', 'Date', 'Message-ID', 'In-Reply-To', 'References', 'Content-Type', 'Content-Transfer-Encoding', 'Auto-Submitted', 'X-Junk'), wildText).map(([name, value]) => `${name}: ${value}`),
  fc.constantFrom('From: Fay <fay@example.com>', 'From: support@acme.example', 'Subject: Re: [list] order 77', 'Date: Tue, 31 Oct 2017 10:00:00 +0000', 'Message-ID: <a@b>', 'In-Reply-To: <a@b>', 'Content-Type: multipart/mixed; boundary=XX', ' folded continuation', 'no colon here'),
);

/** An mbox file: separators (some broken), headers, bodies with "From " and ">From " lines, MIME boundaries, CRLF, a BOM. */
export const mboxExport = fc
  .tuple(
    fc.boolean(),
    fc.array(
      fc.tuple(
        fc.constantFrom('From fay@example.com Tue Oct 31 10:00:00 2017', 'From - Tue Oct 31 10:00:00 2017', 'From support@acme.example  Wed Nov  1 09:00:00 2017', 'From broken separator'),
        fc.array(mailHeader, { maxLength: 6 }),
        fc.array(fc.oneof(wildText, fc.constantFrom('From what I saw', '>From the start', '--XX', '--XX--', '> quoted line', 'On Tue, Fay wrote:', '-- ', '')), { maxLength: 6 }),
      ),
      { minLength: 1, maxLength: 5 },
    ),
    fc.constantFrom('\n', '\r\n'),
  )
  .map(([bom, messages, eol]) => `${bom ? '\ufeff' : ''}${messages.map(([sep, headers, body]) => [sep, ...headers, '', ...body].join(eol)).join(eol)}${eol}`);

/** A rapport.config.json: known sections with values of the right and wrong shapes, unknown and prototype keys. */
export const configFile = fc
  .record(
    {
      source: fc.oneof(fc.record({ kind: fc.constantFrom('csv', 'chat-json', 'mbox', 'nope'), brand: fc.array(fc.constantFrom('acme', '/acme/i', '/(/'), { maxLength: 2 }), timezone: fc.constantFrom('UTC', '+02:00', 'Mars/Olympus') }, { requiredKeys: [] }), fc.jsonValue({ maxDepth: 2 })),
      health: fc.oneof(fc.record({ weights: fc.dictionary(fc.constantFrom('experience', 'permission', 'involvement', 'conversation', 'x'), fc.oneof(fc.double(), fc.integer(), fc.string())) }, { requiredKeys: [] }), fc.jsonValue({ maxDepth: 2 })),
      redact: fc.oneof(fc.boolean(), fc.jsonValue({ maxDepth: 1 })),
      model: fc.oneof(fc.constant('no-such-model.json'), fc.jsonValue({ maxDepth: 1 })),
      unknown: fc.jsonValue({ maxDepth: 2 }),
    },
    { requiredKeys: [] },
  )
  .chain((config) => fc.tuple(fc.constant(config), fc.boolean(), fc.boolean()))
  .map(([config, bom, broken]) => {
    const text = JSON.stringify(config, null, 2);
    return `${bom ? '\ufeff' : ''}${broken ? text.slice(0, Math.max(1, text.length - 3)) : text}`;
  });

/** Pieces that make regular expressions backtrack: runs of what quantifiers eat, and cue words. */
const BACKTRACK_UNITS = [' ', '  ', '\t', '\n', '1', '12', 'a', 'a.', 'a-', 'a@', '@a ', '.', '-', '_', '#', '#1', ':', '/', '!', '?', 'é', '😡', '日'];
const CUE_WORDS = ['order', 'my order', 'number', 'no.', 'ref', 'account', 'is', 'what', 'thanks', 'ok', 'k', '@AcmeHelp', 'help', 'not', 'never', 'gmail', ' at ', 'mailing list', 'https://', 'let\'s try this'];

/** Worst-case text for regular expressions: a few pieces, each repeated hundreds of times, glued together. */
export const backtrackingText = fc
  .array(fc.tuple(fc.constantFrom(...BACKTRACK_UNITS, ...CUE_WORDS), fc.noBias(fc.integer({ min: 1, max: 2_000 }))), { minLength: 1, maxLength: 4 })
  .map((parts) => parts.map(([unit, times]) => unit.repeat(Math.max(1, Math.floor(times / unit.length)))).join('').slice(0, 8_000));
