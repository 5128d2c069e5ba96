// --redact and the "redact" config default, through the binary: every command's output is masked.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { twcsCsv } from './arbitraries.js';
import { rapport, tempDir } from './spawn.js';

const tmp = tempDir();
const input = join(tmp, 'pii.csv');
writeFileSync(
  input,
  twcsCsv([
    { id: '1', author: 'jane_doe', inbound: true, text: '@AcmeHelp worst service, I am so frustrated. Mail jane.doe@example.com, call (555) 123-4567' },
    { id: '2', author: 'AcmeHelp', inbound: false, text: '@jane_doe Sorry! Can you DM us your card number 4111 1111 1111 1111?', parent: '1' },
    { id: '3', author: 'jane_doe', inbound: true, time: 'soon', text: 'IBAN DE89 3704 0044 0532 0130 00', parent: '2' },
  ]),
);
const SECRETS = ['jane.doe@example.com', '(555) 123-4567', '4111 1111 1111 1111', 'DE89 3704', 'jane_doe'];
const config = (redact: boolean) => {
  const path = join(tmp, `config-${redact}.json`);
  writeFileSync(path, JSON.stringify({ redact }));
  return path;
};

describe('--redact', () => {
  it.each([
    ['analyze json', ['analyze', input, '-f', 'json'], true],
    ['analyze markdown', ['analyze', input, '-f', 'markdown'], true],
    // The page embeds the drill-down exchanges (customer and brand turns) as JSON as well as its tables.
    ['analyze html', ['analyze', input, '-f', 'html', '--by', 'agent'], true],
    ['analyze table', ['analyze', input, '-f', 'table', '--top', '50'], false],
    ['tag', ['tag', input], true],
  ])('%s: no personal data on stdout or stderr', (_name, args, showsData) => {
    const masked = rapport([...args, '--redact']);
    expect(masked.code).toBe(0);
    // Without --redact the same command does show some of it (so this test can fail); the table shows none of
    // it either way, so it is not run a second time to say so.
    if (showsData) {
      const plain = rapport(args);
      expect(SECRETS.some((s) => (plain.stdout + plain.stderr).includes(s))).toBe(true);
    }
    for (const secret of SECRETS) expect(masked.stdout + masked.stderr).not.toContain(secret);
  });

  it('masks the records written by --rejects', () => {
    const rejects = join(tmp, 'rejects.ndjson');
    expect(rapport(['analyze', input, '--redact', '--rejects', rejects, '-q']).code).toBe(0);
    const text = readFileSync(rejects, 'utf8');
    expect(JSON.parse(text).raw).toContain('__iban__');
    for (const secret of SECRETS) expect(text).not.toContain(secret);
  });

  it('is on by default with "redact": true in the config, and --no-redact turns it off', () => {
    const on = rapport(['tag', input, '--config', config(true)]);
    expect(on.code).toBe(0);
    expect(on.stdout).not.toContain('jane');
    expect(on.stdout).toContain('"customer":"customer-1"');
    expect(rapport(['tag', input, '--config', config(true), '--no-redact']).stdout).toContain('"customer":"jane_doe"');
    expect(rapport(['tag', input, '--config', config(false)]).stdout).toContain('"customer":"jane_doe"');
  });

  it('rejects a config whose "redact" is not a boolean', () => {
    const bad = join(tmp, 'bad.json');
    writeFileSync(bad, '{"redact":"yes"}');
    const { code, stderr } = rapport(['tag', input, '--config', bad]);
    expect(code).toBe(2);
    expect(stderr).toBe(`rapport: ${bad}: "redact" must be true or false, not "yes"\n`);
  });
});

// Issue 18: every form of personal data that leaked, through every command and format.
describe('--redact, every command and format', () => {
  const dir = tempDir();
  // The file name itself holds an address: it shows in the Inputs line, JSON inputs and on stderr.
  const tweets = join(dir, 'export jane.doe@example.com.csv');
  const IBAN_COMPACT = 'GB82WEST12345698765432';
  const IBAN_SPACED = 'GB82 WEST 1234 5698 7654 32';
  const FORMS = [
    '4111 1111 1111 1111',
    '5500\u00a00000\u00a00000\u00a00004',
    '030\u00a01234\u00a05678',
    '040/2345/6789',
    '050\u20133456\u20137890',
    '55512345',
    '٠٦٠٤٥٦٧٨٩٠١',
    '０７０５６７８９０１２',
    'jane@bücher.de',
    'josé@example.com',
    'kim＠example.com',
    'lee%40example.com',
  ];
  writeFileSync(
    tweets,
    twcsCsv([
      { id: '1', author: 'jane_doe', inbound: true, text: `@AcmeHelp my card ${FORMS[0]} was charged twice, refund to ${IBAN_COMPACT} or ${IBAN_SPACED} please` },
      { id: '2', author: 'AcmeHelp', inbound: false, text: '@jane_doe Sorry to hear that! Can you DM us?', parent: '1' },
      { id: '3', author: 'jane_doe', inbound: true, text: `still waiting, card ${FORMS[1]}, call ${FORMS.slice(2, 8).join(' or ')}`, parent: '2' },
      { id: '4', author: 'jane_doe', inbound: true, text: `mail ${FORMS.slice(8, 11).join(', ')} or see https://x.example/?u=${FORMS[11]} thanks`, parent: '2' },
      { id: 'bad', author: 'jane_doe', inbound: true, time: 'soon', text: 'rejected row: jane.doe@example.com 030 1234 5678' },
    ]),
  );
  // A mailing list: whoever answers is the "brand" side, and keeps an address in author, ids and quoted headers.
  const list = join(dir, 'list.mbox');
  writeFileSync(
    list,
    [
      'From ann@example.org Mon Jun  2 10:00:00 2025',
      'From: Ann Asker <ann@example.org>',
      'To: devel@lists.example.org',
      'Subject: install fails on 030 9876 5432',
      'Date: Mon, 2 Jun 2025 10:00:00 +0000',
      'Message-ID: <1234.ann@example.org>',
      '',
      'Hi all, the install of the package fails with an error. Any idea?',
      '',
      'From bob@uni.example.edu Mon Jun  2 11:00:00 2025',
      'From: Bob Answer <bob@uni.example.edu>',
      'To: devel@lists.example.org',
      'Subject: Re: install fails on 030 9876 5432',
      'Date: Mon, 2 Jun 2025 11:00:00 +0000',
      'Message-ID: <5678.bob@uni.example.edu>',
      'In-Reply-To: <1234.ann@example.org>',
      '',
      'Try reinstalling the package; write to bob@uni.example.edu if it still fails.',
      '',
      'On Mon, 2 Jun 2025, Ann Asker <ann@example.org> wrote:',
      '> Hi all, the install of the package fails with an error.',
      '',
    ].join('\n'),
  );
  const RAW = [...FORMS, IBAN_COMPACT, IBAN_SPACED, 'jane_doe', 'jane.doe@example.com', 'ann@example.org', 'bob@uni.example.edu', '030 9876 5432'];
  /** Digits as ASCII, from any script, and digit runs without their separators. */
  const digitsOf = (text: string) =>
    text
      .normalize('NFKC')
      .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x660))
      .replace(/(?<=\d)[\s\u00a0\u202f/.\u2013-]+(?=\d)/g, '');
  const runs = RAW.map((s) => digitsOf(s).replace(/\D/g, '')).filter((d) => d.length >= 7);

  function expectClean(output: string): void {
    for (const raw of RAW) expect(output).not.toContain(raw);
    const digits = digitsOf(output);
    for (const run of runs) for (let i = 0; i + 7 <= run.length; i++) expect(digits).not.toContain(run.slice(i, i + 7));
    // Topic terms: no piece of an IBAN or a card makes a topic.
    expect(output.toLowerCase()).not.toMatch(/gb82|4111|bücher|josé/);
  }

  const inputs = [tweets, list];
  const tag = rapport(['tag', ...inputs, '--redact']);
  const plain = rapport(['tag', ...inputs]);
  const tagged = join(dir, 'tagged.ndjson');
  writeFileSync(tagged, tag.stdout);

  it('tag is clean, and without --redact the same run shows the data (the test can fail)', () => {
    expect(tag.code).toBe(0);
    expectClean(tag.stdout + tag.stderr);
    expect(() => expectClean(plain.stdout + plain.stderr)).toThrow();
    expect(plain.stdout).toContain('bob@uni.example.edu');
    expect(plain.stdout).toContain(IBAN_COMPACT);
  });

  it.each([
    ['analyze', 'json'],
    ['analyze', 'markdown'],
    ['analyze', 'html'],
    ['analyze', 'csv'],
    ['analyze', 'ndjson'],
    ['analyze', 'table'],
    ['topics', 'json'],
    ['topics', 'table'],
  ])('%s -f %s', (command, format) => {
    const rejects = join(dir, `rejects-${command}-${format}.ndjson`);
    const out = rapport([command, ...inputs, '--redact', '-f', format, '--by', 'brand', ...(command === 'analyze' ? ['--by', 'customer', '--rejects', rejects] : [])]);
    expect(out.code).toBe(0);
    expectClean(out.stdout + out.stderr);
    if (command === 'analyze') expectClean(readFileSync(rejects, 'utf8'));
  });

  it('analyze --csv-rows exchanges', () => {
    const out = rapport(['analyze', ...inputs, '--redact', '-f', 'csv', '--csv-rows', 'exchanges']);
    expect(out.code).toBe(0);
    expectClean(out.stdout + out.stderr);
  });

  it.each(['json', 'markdown'])('report -f %s (from tag --redact)', (format) => {
    const out = rapport(['report', tagged, '-f', format]);
    expect(out.code).toBe(0);
    expectClean(out.stdout + out.stderr);
  });

  it('report --redact masks the lines of a tag run that was not redacted', () => {
    const unmasked = join(dir, 'plain.ndjson');
    writeFileSync(unmasked, plain.stdout);
    const out = rapport(['report', unmasked, '-f', 'markdown', '--redact']);
    expect(out.code, out.stderr).toBe(0);
    expectClean(out.stdout + out.stderr);
    expect(rapport(['report', unmasked, '-f', 'markdown']).stdout).toContain('bob@');
  });

  it('eval: gold ids of the original input still match (an id that held an address is looked up masked)', () => {
    const ids = plain.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { id: string }).id);
    const gold = join(dir, 'gold.jsonl');
    writeFileSync(gold, ids.map((id) => JSON.stringify({ id, experience: 'positive', permission: 'revoked', involvement: 'high', conversation: 'none' })).join('\n'));
    const out = rapport(['eval', '--gold', gold, ...inputs, '--redact']);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toContain(`${ids.length} labelled exchanges`);
    expectClean(out.stdout + out.stderr);
  });

  it('explain, by the masked id that tag printed', () => {
    const records = tag.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; source: string });
    // The last exchange of the tweets (the quoted card, phones and addresses) and the mailing list's (ids hold addresses).
    const ids = ['twcs', 'mbox'].map((source) => records.filter((r) => r.source === source).at(-1)!.id);
    expect(ids[1]).toMatch(/__email__/);
    for (const id of ids) {
      const out = rapport(['explain', id, ...inputs, '--redact']);
      expect(out.code, out.stderr).toBe(0);
      expectClean(out.stdout + out.stderr);
    }
  });
});
