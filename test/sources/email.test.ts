import { describe, expect, it } from 'vitest';
import { buildThreads } from '../../src/normalize/threads.js';
import { tagThreads } from '../../src/pipeline.js';
import { ownText, quotedAuthor } from '../../src/sources/email/quotes.js';
import { normalizeSubject } from '../../src/sources/email/message.js';
import { InputError } from '../../src/sources/errors.js';
import { readSource } from './read.js';

const EDGE = 'fixtures/email-edge';

describe('email: quoted replies and signatures', () => {
  it.each([
    ['top post\n\nOn Tue, 5 Mar 2024, Jane <j@x.org> wrote:\n> old\n> text', 'top post'],
    ['answer\n\nOn Mon, Jan 6, 2025 at 10:00 AM Jane Doe <\njane@example.com> wrote:\n> q', 'answer'],
    ['> question?\nanswer one\n> second?\nanswer two', 'answer one\nanswer two'],
    ['thanks\n\n-----Original Message-----\nFrom: a\nold', 'thanks'],
    ['thanks\n________________________________\nFrom: Acme\nSent: today', 'thanks'],
    ['fine\n-- \nJane\nACME Corp', 'fine'],
    ['text\n-------------- next part --------------\nAn HTML attachment was scrubbed...', 'text'],
    ['text\n\n\t[[alternative HTML version deleted]]\n', 'text'],
    ['my question\n\n______________________________________________\nR-help at r-project.org mailing list -- To UNSUBSCRIBE and more, see\nhttps://stat.ethz.ch/mailman/listinfo/r-help', 'my question'],
    ['my question\nR-help@r-project.org mailing list -- To UNSUBSCRIBE and more, see\nhttps://stat.ethz.ch/mailman/listinfo/r-help', 'my question'],
  ])('%j → %j', (body, own) => {
    expect(ownText(body)).toBe(own);
  });

  it('normalizes subjects for threading: Re:/Fwd:/AW: and list tags stripped', () => {
    expect(normalizeSubject('Re: [R] AW: Fwd:  Using  TTR')).toBe('using ttr');
    expect(normalizeSubject('RE: Your refund')).toBe('your refund');
  });
});

describe('email adapters on hand-made edge cases (fixtures/email-edge)', () => {
  it('decodes encoded headers, quoted-printable, multipart/alternative and HTML-only mail', async () => {
    const { messages, diagnostics } = await readSource('eml', EDGE);
    expect(diagnostics).toEqual([]);
    expect(messages).toHaveLength(6);
    const [qp, alternative, html, outlook, auto, forwarded] = messages;
    expect(qp).toMatchObject({ id: 'q1@example.net', author: 'juergen@example.net', role: null, topic: 'bestellung nicht angekommen – order 4711', reply: false, channel: 'email' });
    expect(qp!.text).toBe('Hello, my order 4711 has not arrived and I have been waiting for two weeks. Très déçu.');
    expect(qp!.fullText).toContain('Sent with a very long signature');
    expect(alternative).toMatchObject({ parent: 'q1@example.net', reply: true });
    expect(alternative!.text).toBe('Hi Jurgen, sorry about order 4711. It left our warehouse on Friday; here is the tracking link.');
    expect(html!.text).toContain('Your refund for order 99 was sent today.');
    expect(html!.text).not.toContain('<');
    expect(outlook).toMatchObject({ id: `${EDGE}/04-no-message-id-outlook.eml`, parent: null, reply: true, topic: 'your refund' });
    expect(outlook!.text).toBe('Thanks, that fixed it. Stop sending me marketing emails though.');
    expect(auto).toMatchObject({ role: 'brand', bot: true, parent: 'missing-parent@example.org' });
    expect(forwarded!.text).toContain('My kettle stopped working after a week.');
  });

  it('threads by reply headers, falls back to the subject for a reply without them, and keeps orphans apart', async () => {
    const { messages } = await readSource('eml', EDGE, { brandDomains: ['acme.example'] });
    const { threads } = buildThreads(messages);
    const ids = threads.map((t) => t.messages.map((m) => m.id.replace(`${EDGE}/`, '')));
    expect(ids).toContainEqual(['q1@example.net', 'a1@acme.example']);
    expect(ids).toContainEqual(['h1@acme.example', '04-no-message-id-outlook.eml']);
    expect(ids).toContainEqual(['auto1@acme.example']);
    const roles = Object.fromEntries(threads.flatMap((t) => t.messages.map((m) => [m.author, m.role])));
    expect(roles).toMatchObject({ 'support@acme.example': 'brand', 'juergen@example.net': 'customer', 'pat@example.org': 'customer' });
  });

  it('gives evidence spans that point into the analyzed text', async () => {
    const { messages } = await readSource('eml', EDGE, { brandDomains: ['acme.example'] });
    const { threads } = buildThreads(messages);
    const byId = new Map(threads.flatMap((t) => t.messages.map((m) => [m.id, m])));
    let spans = 0;
    for (const t of tagThreads(threads)) {
      for (const label of Object.values(t.labels)) {
        for (const e of label.evidence) {
          expect(byId.get(e.message)!.text.slice(e.start, e.end)).toBe(e.text);
          spans++;
        }
      }
    }
    expect(spans).toBeGreaterThan(0);
  });

  it('refuses a file that is not an email as a whole', async () => {
    await expect(readSource('eml', 'picture.png', {}, Buffer.from('89504e470d0a1a0a0000', 'hex'))).rejects.toThrow(InputError);
    await expect(readSource('mbox', 'table.csv', {}, 'a,b\n1,2\n')).rejects.toThrow(/table\.csv:1: not an mbox file/);
  });
});

describe('email adapters on real samples', () => {
  it('reads pipermail mbox text (fixtures/r-sig-mac-2025-June.txt, from r-help-pipermail)', async () => {
    const { messages, diagnostics } = await readSource('mbox', 'fixtures/r-sig-mac-2025-June.txt');
    expect(diagnostics).toEqual([]);
    expect(messages).toHaveLength(6);
    expect(messages.every((m) => m.id.includes('@') && m.time !== null && m.text.trim() !== '')).toBe(true);
    expect(messages.some((m) => m.parent !== null)).toBe(true);
    for (const m of messages) expect(m.text).not.toMatch(/^>/m);
    expect(messages[0]!.line).toBe(1);
  });

  it('reads a maildir with full headers and ":2," file names (fixtures/maildir-notmuch, from notmuch)', async () => {
    const { messages, diagnostics } = await readSource('eml', 'fixtures/maildir-notmuch');
    expect(diagnostics).toEqual([]);
    expect(messages).toHaveLength(6);
    expect(messages.map((m) => m.file)).toContain('fixtures/maildir-notmuch/cur/34:2,');
    const { threads } = buildThreads(messages);
    const darwin = threads.find((t) => t.messages.length === 4)!;
    expect(darwin.messages.map((m) => m.roleSource)).toEqual(['inferred', 'inferred', 'inferred', 'inferred']);
    expect(darwin.messages[0]!.role).toBe('customer');
    expect(darwin.messages.filter((m) => m.role === 'brand').length).toBeGreaterThan(0);
    expect(messages.find((m) => m.file.endsWith('53:2,'))!.topic).toBe('essai accentué');
  });
});

describe('mbox edge cases (fixtures/mbox-edge.mbox, hand-made, CRLF)', () => {
  it('splits only at "From sender date" lines, unescapes >From, and rejects unusable messages', async () => {
    const { messages, diagnostics } = await readSource('mbox', 'fixtures/mbox-edge.mbox');
    expect(messages.map((m) => [m.id, m.line, m.parent])).toEqual([
      ['m1@example.org', 1, null],
      ['m2@acme.example', 12, 'm1@example.org'],
    ]);
    expect(messages[0]!.text).toBe('I cannot log in since the update.\n\nFrom what I saw, the app restarts after the password screen.\nFrom the settings page it works though.');
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([['empty-body', 21], ['not-email', 28]]);
  });
});

describe('quotes and attribution lines', () => {
  it.each([
    ['On Mon, Jan 6, 2025 at 10:00 AM Jane Doe <jane@example.com> wrote:\n> hi', 'Jane Doe', 'jane@example.com'],
    ['Às 07:43 de 12/03/2024, Maria Zamora escreveu:\n> Hello', 'Maria Zamora', null],
    ['? Fri, 1 Mar 2024 10:46:53 -0500 Ben Tyner <btyner at gmail.com> ?????:\n\n> Quick', 'Ben Tyner', 'btyner@gmail.com'],
    ['>>>>> akshay kulkarni\n>>>>>     on Tue, 4 Apr 2023 06:24:56 +0000 writes:\n\n> x', 'akshay kulkarni', null],
    ['On Wed, 11 Dec 2024, 21:39 Sorkin, John, <jsorkin at example.edu> wrote:\n> x', 'Sorkin John', 'jsorkin@example.edu'],
    ['On 06.04.2023 11:28, Steven Yen via R-help wrote:\n> x', 'Steven Yen', null],
  ])('names who an attribution line quotes: %j', (body, name, address) => {
    expect(quotedAuthor(body)).toEqual({ name, address });
  });

  it('drops attribution lines in other languages and "| " / ": " quoted runs from the author\'s own text', () => {
    const body = 'Try this.\n\nÀs 07:43 de 12/03/2024, Maria Zamora escreveu:\n| my code fails\n| with an error\nAnd: one more thing.';
    expect(ownText(body)).toBe('Try this.\n\nAnd: one more thing.');
    expect(quotedAuthor('Just text, no quote.')).toBeNull();
  });
});
