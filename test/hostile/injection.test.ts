// Issue 18: every string that comes from a file (input, report JSON, tag NDJSON, config) reaches each sink
// defused: the terminal (no escapes, controls, bidi), Markdown (no broken table or code span, no HTML), HTML.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mdCode, mdText } from '../../src/report/reporters/markdown-text.js';
import { esc } from '../../src/report/reporters/svg.js';
import { rapport, tempDir, writeTwcs } from './spawn.js';

/** ESC, C0 controls but tab/newline, DEL, C1 controls, bidi controls. */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
/** Everything at once: a CSI, an OSC title, a C1 CSI, a bidi override, a pipe, backticks, HTML, a newline. */
const EVIL = 'k\u001b[2J\u001b]0;pwned\u0007\u009b31m\u202e|`x`` <script>alert(1)</script>\nnext';

/** A Markdown table row split into cells at the pipes that are not escaped. */
const cells = (row: string) => row.split(/(?<!\\)\|/).length - 2;
/** The text of a Markdown line without code spans: what is left must have no raw HTML. */
const outsideCode = (line: string) => line.replace(/(`+)[^`]*?\1/g, '');

describe('mdCode and mdText', () => {
  it.each([
    ['plain', 'experience.late', '`experience.late`'],
    ['a backtick inside', 'a`b', '``a`b``'],
    ['a run of backticks', 'a``b`', '``` a``b` ```'],
    ['a pipe (GitHub splits cells at it even inside code)', 'a|b', '`a\\|b`'],
    ['a newline and controls', 'a\n\u001b[31mb\u202e', '`a b`'],
  ])('mdCode: %s', (_name, input, expected) => {
    expect(mdCode(input)).toBe(expected);
  });

  it('mdText leaves no pipe, backtick, tag or newline unescaped', () => {
    const out = mdText(EVIL);
    expect(out).not.toMatch(UNSAFE);
    expect(out).not.toMatch(/(?<!\\)[|`<>]/);
    expect(out).not.toContain('\n');
  });

  it('esc escapes backticks too, as README says (and & < > " \')', () => {
    expect(esc('a`b<i>"\'&')).toBe('a&#96;b&lt;i&gt;&quot;&#39;&amp;');
    expect(esc(EVIL)).not.toMatch(UNSAFE);
  });
});

describe('hostile strings from files, through the binary', () => {
  const dir = tempDir();

  it('explain: hostile message and thread ids are printed defused', () => {
    const chat = join(dir, 'chat.csv');
    const field = (v: string) => `"${v.replace(/"/g, '""')}"`;
    const id = EVIL.replace('\n', ' ');
    writeFileSync(chat, `msg,conv,at,who,role,body\n${field(id)},c1,2024-03-05T09:00:00Z,fay,customer,"my order is late, terrible"\n${field(`${id}2`)},c1,2024-03-05T09:05:00Z,gus,agent,"Sorry, checking now"\n`);
    const read = ['--source', 'csv', '--map', 'id=msg,conversation=conv,time=at,author=who,role=role,text=body', '-q'];
    expect((JSON.parse(rapport(['tag', chat, ...read]).stdout.split('\n')[0]!) as { id: string }).id).toBe(id);
    const out = rapport(['explain', id, chat, ...read]);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).not.toMatch(UNSAFE);
    expect(out.stdout).toContain('Exchange k|`x`` <script>');
    const missing = rapport(['explain', `${id}x`, chat, ...read]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).not.toMatch(UNSAFE);
  });

  it('diff: row keys from a report file are defused in the table and in Markdown', () => {
    const input = join(dir, 'tweets.csv');
    writeTwcs(input, [
      '1,jane,True,Tue Oct 31 10:00:00 +0000 2017,"@AcmeHelp my order is late, terrible",2,',
      '2,AcmeHelp,False,Tue Oct 31 10:05:00 +0000 2017,"@jane Sorry! DM us",,1',
    ]);
    const before = join(dir, 'before.json');
    const after = join(dir, 'after.json');
    expect(rapport(['analyze', input, '-f', 'json', '-o', before, '--by', 'brand', '-q']).code).toBe(0);
    const report = JSON.parse(readFileSync(before, 'utf8'));
    report.groupings[0].rows[0].key = EVIL;
    report.atRisk.items[0].key = EVIL;
    writeFileSync(after, JSON.stringify(report));
    const table = rapport(['diff', before, after, '-f', 'table']);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).not.toMatch(UNSAFE);
    const md = rapport(['diff', before, after, '-f', 'markdown']);
    expect(md.code).toBe(0);
    expect(md.stdout).not.toMatch(UNSAFE);
    expect(md.stdout).not.toContain('<script>');
    const header = md.stdout.split('\n').find((l) => l.startsWith('| account |'))!;
    for (const row of md.stdout.split('\n').filter((l) => l.startsWith('| k'))) expect(cells(row)).toBe(cells(header));
  });

  it('report: a hostile NDJSON source is refused in one defused line; a hostile file name is escaped in the inputs table', () => {
    const input = join(dir, 'one.csv');
    writeTwcs(input, [
      '1,jane,True,Tue Oct 31 10:00:00 +0000 2017,"@AcmeHelp my order is late",,',
    ]);
    const line = rapport(['tag', input, '-q']).stdout.trim();
    const bad = join(dir, 'bad.ndjson');
    writeFileSync(bad, JSON.stringify({ ...JSON.parse(line), source: EVIL }));
    const out = rapport(['report', bad, '-f', 'markdown']);
    expect(out.code).toBe(2);
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
    expect(out.stderr).toMatch(/bad\.ndjson:1: .*field source: expected one of "twcs"/);
    expect(out.stderr).not.toMatch(UNSAFE);
    const named = join(dir, 'x|`y` <b>.ndjson');
    writeFileSync(named, line);
    const md = rapport(['report', named, '-f', 'markdown']);
    expect(md.code).toBe(0);
    const row = md.stdout.split('\n').find((l) => l.includes('.ndjson |'))!;
    expect(cells(row)).toBe(5);
    expect(outsideCode(row)).not.toContain('<b>');
  });

  it('cue ids from a config are defused in Markdown code spans, the table and topics', () => {
    const input = join(dir, 'late.csv');
    writeTwcs(input, [
      '1,jane,True,Tue Oct 31 10:00:00 +0000 2017,"@AcmeHelp my order is late again, terrible service",2,',
      '2,AcmeHelp,False,Tue Oct 31 10:05:00 +0000 2017,"@jane Sorry! DM us",,1',
    ]);
    const config = join(dir, 'cues.json');
    const id = 'experience.x\u001b[31m`|<script>\u202e`';
    writeFileSync(config, JSON.stringify({ lexicons: { experience: { add: [{ id, signal: 'negative', weight: 1, patterns: ['late again'] }] } } }));
    const md = rapport(['analyze', input, '--config', config, '-f', 'markdown', '-q']);
    expect(md.code, md.stderr).toBe(0);
    expect(md.stdout).not.toMatch(UNSAFE);
    const cueRow = md.stdout.split('\n').find((l) => l.startsWith('| ``') && l.includes('experience.x'))!;
    expect(cueRow).toBeDefined();
    expect(cells(cueRow)).toBe(3);
    for (const l of md.stdout.split('\n')) expect(outsideCode(l)).not.toContain('<script>');
    for (const args of [['analyze', '-f', 'table'], ['topics', '-f', 'table'], ['topics', '-f', 'markdown'], ['explain', '1']]) {
      const out = rapport([args[0]!, ...(args[0] === 'explain' ? [args[1]!] : []), input, '--config', config, '-q', ...(args[0] === 'explain' ? [] : args.slice(1))]);
      expect(out.code, `${args.join(' ')}: ${out.stderr}`).toBe(0);
      expect(out.stdout).not.toMatch(UNSAFE);
    }
  });
});

describe('keys from the data are data', () => {
  const dir = tempDir();
  it('__proto__, constructor and prototype as authors, accounts and group keys', () => {
    const input = join(dir, 'proto.csv');
    writeTwcs(input, [
      '1,__proto__,True,Tue Oct 31 10:00:00 +0000 2017,"@constructor my order is late, terrible",2,',
      '2,constructor,False,Tue Oct 31 10:05:00 +0000 2017,"@__proto__ Sorry!",,1',
      '3,prototype,True,Tue Oct 31 11:00:00 +0000 2017,"@constructor hasOwnProperty toString",,',
    ]);
    const out = rapport(['analyze', input, '-f', 'json', '--by', 'brand', '--by', 'customer', '-q']);
    expect(out.code, out.stderr).toBe(0);
    const report = JSON.parse(out.stdout) as { groupings: { by: string; rows: { key: string }[] }[] };
    expect(report.groupings.map((g) => g.rows.map((r) => r.key).sort())).toEqual([['constructor'], ['__proto__', 'prototype']]);
    const bad = rapport(['analyze', input, '--by', '__proto__']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--by <grouping>' argument '__proto__' is invalid/);
  });

  it('a config of the wrong type is one line naming the config file, exit 2', () => {
    const config = join(dir, 'bad.json');
    const input = join(dir, 'proto.csv');
    for (const [text, message] of [
      ['{"lexicons": {"experience": {"remove": 5}}}', 'lexicons.experience.remove must be a list of cue ids, not 5'],
      ['{"lexicons": {"experience": {"add": {}}}}', 'lexicons.experience.add must be a list of cues, not {}'],
    ]) {
      writeFileSync(config, text!);
      for (const command of ['analyze', 'tag']) {
        const out = rapport([command, input, '--config', config, '-q']);
        expect(out.code).toBe(2);
        expect(out.stderr).toBe(`rapport: ${config}: ${message}\n`);
      }
    }
  });

  it('CSV: a hostile id or key is one cell, and a formula is defused', () => {
    const input = join(dir, 'ids.csv');
    const id = '=HYPERLINK("http://evil.example","x"),\n|`<script>';
    writeFileSync(input, `msg,conv,at,who,role,body\n"${id.replace(/"/g, '""')}",c1,2024-03-05T09:00:00Z,"=cmd|' /C calc'!A0",customer,"my order is late"\n`);
    const out = rapport(['analyze', input, '--source', 'csv', '--map', 'id=msg,conversation=conv,time=at,author=who,role=role,text=body', '-f', 'csv', '--csv-rows', 'exchanges', '-q']);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toContain(`"'=HYPERLINK(""http://evil.example"",""x""),\n|\`<script>"`);
    expect(out.stdout).toContain(`,'=cmd|' /C calc'!A0,`);
  });
});
