// CLI tests for reading other exports: detection line, --map, --brand-domain, folders, globs, whole-file errors.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '../../bin/rapport.js');
const tmp = mkdtempSync(join(tmpdir(), 'rapport-sources-'));

function rapport(args: string[], input?: string | Buffer, cwd?: string) {
  const result = spawnSync(process.execPath, [BIN, ...args], { input, cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CI: 'true' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('rapport analyze on other exports', () => {
  it('maps any CSV with --map and --time-format, takes the brand from --brand-domain, and writes rejects', () => {
    const rejects = join(tmp, 'rejects.ndjson');
    const csv = join(tmp, 'tickets.csv');
    writeFileSync(csv, `${readFileSync('fixtures/chat/tickets.csv', 'utf8')}T-3,yesterday,x@example.org,hello,in\n`);
    const { code, stdout, stderr } = rapport(['analyze', csv, '--map', 'conversation=ticket_id,time=created,author=from,text=body', '--time-format', 'DD/MM/YYYY HH:mm', '--brand-domain', 'acme.example', '-f', 'json', '--rejects', rejects]);
    expect(code).toBe(0);
    expect(stderr).toContain(`${csv}: reading as csv (detected`);
    expect(stderr).toContain(`${csv}:5: bad-time: created "yesterday"`);
    const report = JSON.parse(stdout);
    expect(report.inputs).toEqual([{ file: csv, source: 'csv', read: 4, used: 3, rejected: 1, roles: 'given' }]);
    expect(report.totals).toMatchObject({ threads: 2, exchanges: 2, brands: 1 });
    expect(JSON.parse(readFileSync(rejects, 'utf8').trim())).toMatchObject({ code: 'bad-time', line: 5 });
  });

  it('reads a folder of .eml files as one input, says roles were inferred, and reads gzip on stdin', () => {
    const folder = rapport(['analyze', 'fixtures/email-edge', '-f', 'json']);
    expect(folder.code).toBe(0);
    expect(folder.stderr).toContain('roles inferred for fixtures/email-edge');
    expect(JSON.parse(folder.stdout).inputs).toEqual([{ file: 'fixtures/email-edge', source: 'eml', read: 6, used: 6, rejected: 0, roles: 'mixed' }]);
    const piped = rapport(['analyze', '-', '-f', 'json', '-q'], gzipSync(readFileSync('fixtures/r-sig-mac-2025-June.txt')));
    expect(piped.code).toBe(0);
    expect(piped.stderr).toBe('');
    expect(JSON.parse(piped.stdout).inputs[0]).toMatchObject({ file: '<stdin>', source: 'mbox', read: 6 });
  });

  it('takes the mapping, brand and time format from the source section of rapport.config.json found upwards', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rapport-config-'));
    mkdirSync(join(dir, 'exports'));
    writeFileSync(join(dir, 'rapport.config.json'), JSON.stringify({ source: { kind: 'csv', map: { conversation: 'ticket_id', time: 'created', author: 'from', text: 'body' }, brandDomain: ['acme.example'], timeFormat: 'DD/MM/YYYY HH:mm' } }));
    writeFileSync(join(dir, 'exports', 'tickets.csv'), readFileSync('fixtures/chat/tickets.csv'));
    const { code, stdout, stderr } = rapport(['analyze', 'tickets.csv', '-f', 'json'], undefined, join(dir, 'exports'));
    // The settings found upwards are named (they changed how the file is read), and nothing else is said.
    expect(stderr).toBe(`rapport: settings from ${join(dir, 'rapport.config.json')} (found upwards from here; --config names another)\n`);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).inputs).toEqual([{ file: 'tickets.csv', source: 'csv', read: 3, used: 3, rejected: 0, roles: 'given' }]);
  });

  it('expands a quoted glob', () => {
    const { code, stdout } = rapport(['analyze', 'fixtures/chat/*.csv', '-f', 'json', '-q', '--time-format', 'DD/MM/YYYY HH:mm']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).inputs.map((i: { file: string; source: string }) => [i.file, i.source])).toEqual([
      ['fixtures/chat/livechat.csv', 'chat-csv'],
      ['fixtures/chat/tickets.csv', 'chat-csv'],
    ]);
  });

  it('expands {a,b} and **, leaves dotfiles out, and follows symlinked files and folders in a walk', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rapport-glob-'));
    mkdirSync(join(dir, 'in', 'deep'), { recursive: true });
    const csv = readFileSync('fixtures/chat/livechat.csv');
    writeFileSync(join(dir, 'in', 'a.csv'), csv);
    writeFileSync(join(dir, 'in', 'deep', 'b.csv'), csv);
    writeFileSync(join(dir, 'in', '.hidden.csv'), csv);
    writeFileSync(join(dir, 'other.csv'), csv);
    symlinkSync(join(dir, 'other.csv'), join(dir, 'in', 'link.csv'));
    symlinkSync(join(dir, 'in'), join(dir, 'in', 'deep', 'loop'));
    const files = (args: string[]) => JSON.parse(rapport(['analyze', ...args, '-f', 'json', '-q'], undefined, dir).stdout).inputs.map((i: { file: string }) => i.file);
    expect(files(['in/{a,deep/b}.csv'])).toEqual(['in/a.csv', 'in/deep/b.csv']);
    expect(files(['in/**/*.csv'])).toEqual(['in/a.csv', 'in/deep/b.csv', 'in/link.csv']);
    // The walk follows the symlinked file, and the folder link back to in/ once.
    expect(files(['in'])).toEqual(['in/a.csv', 'in/deep/b.csv', 'in/link.csv']);
  });

  it.each([
    [['analyze', 'fixtures/chat/tickets.csv', '--map', 'text=message'], /\nrapport: fixtures\/chat\/tickets\.csv:1: CSV: no column\(s\) text=message \(columns: ticket_id, created, from, body, direction\)\n$/],
    [['analyze', 'fixtures/chat/tickets.csv', '--map', 'txt=body'], /unknown field "txt"/],
    [['analyze', 'fixtures/chat/tickets.csv', '--tz', 'Mars/Olympus'], /^rapport: --tz: unknown time zone "Mars\/Olympus"/],
    [['analyze', 'fixtures/chat/tickets.csv', '--source', 'mbox'], /^rapport: fixtures\/chat\/tickets\.csv:1: not an mbox file/],
    [['analyze', 'fixtures/nothing-*.csv'], /^rapport: fixtures\/nothing-\*\.csv: no file matches this pattern\n$/],
  ])('rapport %j exits 2 with a one-line error', (args, message) => {
    const { code, stdout, stderr } = rapport(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
  });
});

describe('ids are scoped per input', () => {
  const header = 'tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id';
  const export1 = [header, '1,115001,True,Tue Oct 31 10:00:00 +0000 2017,@AcmeHelp my order never came,2,', '2,AcmeHelp,False,Tue Oct 31 10:05:00 +0000 2017,@115001 sorry! DM us,,1'].join('\n');
  const export2 = [header, '1,115002,True,Wed Nov 01 10:00:00 +0000 2017,@AcmeHelp the app crashes,2,', '2,AcmeHelp,False,Wed Nov 01 10:05:00 +0000 2017,@115002 which version?,,1', '2,AcmeHelp,False,Wed Nov 01 10:06:00 +0000 2017,@115002 a copy,,1'].join('\n');

  it('the same id in two inputs is two messages; a copy within one input is a duplicate, named on stderr per input', () => {
    const a = join(tmp, 'week-44.csv');
    const b = join(tmp, 'week-45.csv');
    writeFileSync(a, `${export1}\n`);
    writeFileSync(b, `${export2}\n`);
    const json = rapport(['analyze', a, b, '-f', 'json']);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(report.inputs.map((i: { read: number; used: number; rejected: number }) => [i.read, i.used, i.rejected])).toEqual([[2, 2, 0], [3, 2, 1]]);
    expect(report.diagnostics.byCode).toEqual({ 'duplicate-id': 1 });
    expect(json.stderr).toContain(`rapport: ${b}: 1 of 3 records rejected as duplicate-id`);
    expect(json.stderr).not.toContain(`${a}: 1 of`);
    const tag = rapport(['tag', a, b, '-q']);
    const records = tag.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { id: string; extra: { file: string } });
    expect(records.map((r) => [r.id, r.extra.file])).toEqual([['1', a], [`${b}#1`, b]]);
  });
});

describe('roles read from the conversation, with their reasons (fixtures/roles)', () => {
  it('mail: the asker, an answer to an absent asker, an announcement — in tag, the JSON report and explain', () => {
    const tag = rapport(['tag', 'fixtures/roles/list.mbox', '-q']);
    expect(tag.code).toBe(0);
    const rows = tag.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { id: string; customer: string | null; extra: { roles: unknown } });
    expect(rows.map((r) => [r.id, r.customer, r.extra.roles])).toEqual([
      ['q1@example.org', 'ann@example.org', { customer: 'inferred(opened the thread)', brand: 'inferred(answers in the thread)' }],
      ['q2@example.org', 'ann@example.org', { customer: 'inferred(opened the thread)', brand: null }],
      ['a2@example.net', null, { customer: null, brand: 'inferred(answers Bo Absent, whose question is not in the input)' }],
      ['ann1@example.org', null, { customer: null, brand: 'inferred(announcement to the list: nobody asked)' }],
    ]);
    // Ann's closing "Thanks, that worked." needed no reply: nothing is at risk, and the reply rate is whole.
    const report = JSON.parse(rapport(['analyze', 'fixtures/roles/list.mbox', '-f', 'json', '-q']).stdout);
    expect([report.atRisk.items, report.service.closings, report.service.replyRate]).toEqual([[], 1, 1]);
    // Had she asked something more, her turn would be a reply missed, at risk with its roles and file.
    const asksMore = readFileSync('fixtures/roles/list.mbox', 'utf8').replace('Thanks, that worked.', 'Thanks, that worked. How do I keep the axis labels?');
    const risky = JSON.parse(rapport(['analyze', '-', '-f', 'json', '-q'], asksMore).stdout);
    expect(risky.atRisk.items[0]).toMatchObject({ exchange: 'q2@example.org', file: '<stdin>', roles: { customer: 'inferred(opened the thread)', brand: null }, reasons: ['unanswered'] });
    const explain = rapport(['explain', 'a2@example.net', 'fixtures/roles/list.mbox', '-q']);
    expect(explain.code).toBe(0);
    expect(explain.stdout).toContain('(brand, inferred(answers Bo Absent, whose question is not in the input))');
    expect(explain.stdout).toContain('Customer turn: (none — the brand spoke first)');
  });

  it('IRC: a helper the asker addresses by name stays on the support side', () => {
    const tag = rapport(['tag', 'fixtures/roles/2025-03-03_09.raw.txt', '-q']);
    const rows = tag.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { customer: string | null; brand: string | null });
    expect(rows.map((r) => [r.customer, r.brand])).toEqual([['ann', 'hal'], ['ann', 'hal'], ['ann', null]]);
  });
});
