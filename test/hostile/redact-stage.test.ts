// The redaction stage: nothing personal reaches any output, and evidence still quotes its span.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Evidence, TaggedExchange, Thread } from '../../src/model/types.js';
import { runPipeline, tagThreads } from '../../src/pipeline.js';
import { redactResult } from '../../src/redact/result.js';
import { buildReport } from '../../src/report/build.js';
import { exchangeRecord } from '../../src/report/exchange-json.js';
import { jsonReporter } from '../../src/report/reporters/json.js';
import { markdownReporter } from '../../src/report/reporters/markdown.js';
import { tableReporter } from '../../src/report/reporters/table.js';
import { rejectLine } from '../../src/cli/shared.js';
import { inputFromText } from '../../src/sources/input.js';
import { message } from '../helpers.js';
import { messageWithPii, twcsCsv, type TwcsRow } from './arbitraries.js';
import { fuzz, FUZZ_TIMEOUT } from './fuzz.js';

function allEvidence(t: TaggedExchange): Evidence[] {
  return [...Object.values(t.labels).flatMap((l) => l.evidence), ...Object.values(t.rue.evidence).flat()];
}

/** Every output format rapport has, from one (possibly redacted) pipeline result. */
function everyOutput(result: Awaited<ReturnType<typeof runPipeline>>): string {
  const report = buildReport(result);
  return [
    jsonReporter(report),
    markdownReporter(report),
    tableReporter(report, { top: 1000 }),
    ...result.tagged.map((t) => JSON.stringify(exchangeRecord(t))),
    ...result.diagnostics.map(rejectLine),
  ].join('\n');
}

describe('redactResult', () => {
  const customer = message('customer', '@AcmeHelp worst service ever, I am so frustrated. Mail jane.doe@example.com or call (555) 123-4567, card 4111 1111 1111 1111. cc @jane_doe', {
    author: 'jane_doe',
  });
  const brand = message('brand', '@jane_doe Sorry to hear that! Can you DM us your order number so we can check?', { parent: customer.id });
  const thread: Thread = { id: customer.id, messages: [customer, brand] };
  const tagged = tagThreads([thread]);
  // A span that cuts into the email, as a cue might.
  const at = customer.text.indexOf('jane.doe');
  tagged[0]!.labels.permission.evidence.push({ cue: 'test.partial', message: customer.id, start: at - 5, end: at + 4, text: customer.text.slice(at - 5, at + 4) });
  const before = JSON.stringify({ tagged, thread });
  const redacted = redactResult({ tagged, threads: [thread], diagnostics: [{ code: 'bad-time', file: 'x.csv', line: 3, message: 'created_at "jane@example.com" is not a Twitter date', raw: '9,jane_doe,True,jane@example.com,call +44 20 7946 0958,,' }] });
  const out = JSON.stringify(redacted);

  it('masks texts, customer ids and handles, and rejected records', () => {
    for (const secret of ['jane.doe@example.com', '(555) 123-4567', '4111 1111 1111 1111', 'jane_doe', 'jane@example.com', '+44 20 7946 0958']) expect(out).not.toContain(secret);
    const [c, b] = redacted.threads[0]!.messages;
    expect(c!.text).toBe('@AcmeHelp worst service ever, I am so frustrated. Mail __email__ or call __phone__, card __card__. cc @customer-1');
    expect(c!.author).toBe('customer-1');
    expect(b!.text.startsWith('@customer-1 Sorry')).toBe(true);
    expect(b!.author).toBe('AcmeHelp');
    expect(redacted.tagged[0]!.exchange.customer).toBe('customer-1');
    expect(redacted.tagged[0]!.exchange.brand).toBe('AcmeHelp');
    expect(redacted.diagnostics[0]).toMatchObject({ message: 'created_at "__email__" is not a Twitter date', raw: '9,customer-1,True,__email__,call __phone__,,' });
  });

  it('re-points every evidence span at the masked text', () => {
    const texts = new Map(redacted.threads[0]!.messages.map((m) => [m.id, m.text]));
    const evidence = redacted.tagged.flatMap(allEvidence);
    expect(evidence.length).toBeGreaterThan(2);
    for (const e of evidence) expect(e.text).toBe(texts.get(e.message)!.slice(e.start, e.end));
    expect(evidence.find((e) => e.cue === 'test.partial')!.text).toBe('Mail __email__');
    const frustrated = evidence.find((e) => e.text.includes('frustrated'));
    expect(frustrated).toBeDefined();
  });

  it('leaves its input alone', () => {
    expect(JSON.stringify({ tagged, thread })).toBe(before);
  });
});

// Issue 18: masking does not depend on the role, and nothing derived from the text (terms) or the input (ids, file names) leaks.
describe('redactResult on a mailing list', () => {
  const ask = message('customer', 'The install fails with an error, my IBAN is GB82 WEST 1234 5698 7654 32, card 4111 1111 1111 1111', {
    id: '1234.ann@example.org',
    author: 'ann@example.org',
    file: 'list jane@example.com.mbox',
    topic: 'install fails, call 030 1234 5678',
  });
  const answer = message('brand', 'Reinstall it; mail me at bob@uni.example.edu if it still fails.', {
    id: '5678.bob@uni.example.edu',
    author: 'bob@uni.example.edu',
    brand: null,
    parent: ask.id,
    file: ask.file,
    fullText: 'Reinstall it.\n\nOn Mon, Ann <ann@example.org> wrote:\n> The install fails',
  });
  const thread: Thread = { id: ask.id, messages: [ask, answer] };
  const tagged = tagThreads([thread]);
  // Terms as an old `rapport tag` file may still carry them.
  tagged[0]!.terms.push('card 4111', 'gb82west12345698765432');
  const redacted = redactResult({ tagged, threads: [thread], diagnostics: [], files: [{ file: ask.file }] });
  const out = JSON.stringify(redacted);

  it('masks whoever answers like a customer: author, account, ids that hold an address, full body, subject', () => {
    for (const secret of ['ann@example.org', 'bob@uni.example.edu', 'jane@example.com', '030 1234 5678', 'GB82', '4111']) expect(out).not.toContain(secret);
    const [a, b] = redacted.threads[0]!.messages;
    expect(a!.author).toBe('customer-1');
    expect(b!.author).toBe('person-1');
    expect(redacted.tagged[0]!.exchange.brand).toBe('person-1');
    expect(redacted.tagged[0]!.exchange.account).toBe('person-1');
    // The whole id is address-shaped (`1234.ann` is a local part): it is masked whole.
    expect([a!.id, b!.id, b!.parent, redacted.threads[0]!.id]).toEqual(['__email__', '__email__~2', '__email__', '__email__']);
    expect(b!.fullText).toBe('Reinstall it.\n\nOn Mon, Ann <__email__> wrote:\n> The install fails');
    expect(a!.topic).toBe('install fails, call __phone__');
    // The extension, read as the address's domain, comes back.
    expect(redacted.files).toEqual([{ file: 'list __email__.mbox' }]);
    expect(a!.file).toBe('list __email__.mbox');
  });

  it('keeps ids unique when two mask alike, and evidence pointing at the masked ids', () => {
    const ids = redacted.tagged.flatMap(allEvidence).map((e) => e.message);
    for (const id of ids) expect(['__email__', '__email__~2']).toContain(id);
    const twins = [message('customer', 'hi', { id: 'a@x.org', author: 'x' }), message('customer', 'hi', { id: 'b@y.org', author: 'y' })];
    const masked = redactResult({ tagged: tagThreads(twins.map((m) => ({ id: m.id, messages: [m] }))), threads: twins.map((m) => ({ id: m.id, messages: [m] })), diagnostics: [] });
    expect(masked.threads.map((t) => t.id)).toEqual(['__email__', '__email__~2']);
    expect(masked.maskId!('b@y.org')).toBe('__email__~2');
  });

  it('names every answerer whose role was inferred (an obfuscated archive: display names only) as a person', () => {
    const q = message('customer', 'Does xquartz hang for anyone else?', { author: 'Ann Asker' });
    const r = { ...message('brand', 'Not here, try a clean install.', { author: 'Marc Schwartz', brand: null, parent: q.id }), roleSource: 'inferred' as const };
    const t: Thread = { id: q.id, messages: [{ ...q, roleSource: 'inferred' }, r] };
    const masked = redactResult({ tagged: tagThreads([t]), threads: [t], diagnostics: [] });
    expect(JSON.stringify(masked)).not.toMatch(/Ann Asker|Marc Schwartz/);
    expect(masked.tagged[0]!.exchange.account).toBe('person-1');
    expect(masked.threads[0]!.messages.map((m) => m.author)).toEqual(['customer-1', 'person-1']);
  });

  it('makes no topic term of personal data', () => {
    expect(tagged[0]!.terms.filter((t) => /gb82|4111|west 1234/.test(t))).toEqual(['card 4111', 'gb82west12345698765432']);
    expect(redacted.tagged[0]!.terms.join(' ')).not.toMatch(/gb82|4111|1234|5698/);
    expect(redacted.tagged[0]!.terms).toEqual(['error', 'iban', 'card']);
  });
});

describe('redaction end to end, property-based', () => {
  it(
    'leaves no generated email, phone, card or IBAN in any output format, rejects included',
    async () => {
      const row = fc.record({ text: messageWithPii, inbound: fc.boolean(), bad: fc.nat(9) });
      await fc.assert(
        fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 6 }), async (rows) => {
          const secrets = rows.flatMap((r) => r.text.secrets);
          const csvRows: TwcsRow[] = rows.map((r, i) => ({
            id: String(i + 1),
            author: i === 0 || r.inbound ? `cust_${i % 2 && r.bad ? 1 : 0}` : 'AcmeHelp',
            inbound: i === 0 || r.inbound,
            text: `${r.inbound ? '@AcmeHelp' : '@cust_0'} ${r.text.text}`,
            parent: i > 0 ? String(i) : '',
            // Some rows are rejected, so their raw text goes to diagnostics.
            ...(r.bad === 0 && i > 0 ? { time: 'yesterday' } : {}),
          }));
          const result = redactResult(await runPipeline([inputFromText('t.csv', twcsCsv(csvRows))]));
          const out = everyOutput(result);
          for (const secret of secrets) expect(out).not.toContain(secret);
          expect(out).not.toMatch(/cust_\d/);
        }),
        fuzz(150),
      );
    },
    FUZZ_TIMEOUT,
  );

  it('without --redact the same outputs do show the data (the property test can fail)', async () => {
    const csv = twcsCsv([{ id: '1', author: 'cust_0', inbound: true, text: '@AcmeHelp so frustrated, call me on 555-123-4567' }]);
    const out = everyOutput(await runPipeline([inputFromText('t.csv', csv)]));
    expect(out).toContain('cust_0');
  });
});

describe('role reasons under redaction', () => {
  it('the person a reason names gets the pseudonym they have everywhere else; an absent asker gets one too', async () => {
    const mbox = readFileSync('fixtures/roles/list.mbox', 'utf8');
    const result = await runPipeline([inputFromText('list.mbox', mbox)], { redact: true });
    const reasons = result.tagged.flatMap((t) => [...t.exchange.customerTurn, ...t.exchange.brandTurn].map((m) => m.roleReason ?? ''));
    expect(reasons.join('\n')).not.toMatch(/Bo Absent|Hal Helper|Ann Asker|@example/i);
    expect(reasons).toContain('announcement to the list: nobody asked');
    expect(reasons).toContain('answers customer-3, whose question is not in the input');
  });
});
