import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { jsonReporter } from '../../src/report/reporters/json.js';
import { markdownReporter } from '../../src/report/reporters/markdown.js';
import { tableReporter } from '../../src/report/reporters/table.js';
import { formatDuration, healthBar, segments } from '../../src/report/format.js';
import { csvExchangesReporter, csvGroupsReporter } from '../../src/report/reporters/csv.js';
import { ndjsonReporter } from '../../src/report/reporters/ndjson.js';
import { exchangeRecord } from '../../src/report/exchange-json.js';
import { tagTurns } from '../helpers.js';
import { sampleReport } from './sample-report.js';

/** The sample without --by: the per-brand table stands in. */
const brandsOnly = () => ({ ...sampleReport(), groupings: [] });

describe('table reporter', () => {
  const text = tableReporter(sampleReport(), { color: false });

  it('shows one table per grouping with a health bar, and the at-risk threads with their evidence', () => {
    expect(text).toMatch(/ISO week\s+exch\s+health\s+E\s+P\s+I\s+C\s+reply\s+none\s+FRT\s+p90/);
    expect(text).toMatch(/2017-W43\s+2\s+55\.0\s+███░░░\s+48\s+80\s+70\s+61\s+80%\s+20%\s+10m\s+2\.0h/);
    expect(text).toMatch(/^agent\s+exch/m);
    expect(text).toContain('At risk: 2 threads, 1 customers');
    expect(text).toContain('revoked, negative · thread 100 · @AcmeHelp · 2017-10-31 · health 12.0');
    expect(text).toContain('“I am sick of this <script>alert(1)</script>, stop emailing me”');
    expect(text).toContain('unanswered · thread 200 · @Evil|Brand');
    expect(tableReporter(sampleReport(), { color: true })).toContain('\u001b[1m\u001b[4msick of');
  });

  it('quotes the message the evidence is in', () => {
    const r = sampleReport();
    const item = r.atRisk.items[0]!;
    item.messages = [...item.messages, { id: '102', text: 'also, hello', highlights: [] }];
    expect(tableReporter(r, { color: false })).toContain('“I am sick of this');
  });

  it('limits rows to --top', () => {
    const top1 = tableReporter(sampleReport(), { color: false, top: 1 });
    expect(top1).toMatch(/^2017-W43\s/m);
    expect(top1).not.toMatch(/^2017-W44\s/m);
    expect(top1).toContain('…and 1 more (--top to show more).');
  });

  it('fits the terminal by display width: wide keys on a wide terminal, CJK and emoji counted as two columns', () => {
    const report = sampleReport();
    const rows = report.groupings[0]!.rows;
    const long = 'ChipotleTweets/Alexandria';
    const cjk = '日本語のブランドアカウント名前です';
    const wide = { ...report, groupings: [{ ...report.groupings[0]!, rows: [{ ...rows[0]!, key: long }, { ...rows[0]!, key: cjk }] }] };
    const narrow = tableReporter(wide, { color: false, width: 80 });
    for (const line of narrow.split('\n')) expect(stringWidth(line), line).toBeLessThanOrEqual(80);
    expect(narrow).toContain('ChipotleTweet…');
    const roomy = tableReporter(wide, { color: false, width: 120 });
    for (const line of roomy.split('\n')) expect(stringWidth(line), line).toBeLessThanOrEqual(120);
    expect(roomy).toContain(long);
    expect(roomy).toContain(cjk);
  });

  it('says first which period and inputs it covers', () => {
    const text = tableReporter(sampleReport(), { color: false });
    expect(text.split('\n').slice(1, 3)).toEqual([expect.stringMatching(/^Period 2017-W43 – 2017-W44 \(ISO weeks in UTC\); asked: since 2017-10-01/), 'Inputs export.csv']);
    expect(markdownReporter(sampleReport()).split('\n')[2]).toMatch(/^\*\*Period\*\* 2017-W43 – 2017-W44 \(ISO weeks in UTC\); asked: since 2017-10-01T00:00:00\.000Z · \*\*inputs\*\* export\.csv$/);
  });

  it('shows health, totals, axes, service measures, accounts and cues', () => {
    const text = tableReporter(brandsOnly(), { color: false });
    expect(text).toContain('Relationship health 61.5 / 100');
    expect(text).toContain('11 messages · 3 threads · 5 exchanges · 3 customers\n2 brand accounts · 1 agents · 12 records read, 1 rejected');
    expect(text).toMatch(/experience\s+48\.0\s+positive 20% · neutral 40% · negative 40%/);
    expect(text).toContain('Reply rate 80% (4/5) · first response median 10m, p90 2.0h');
    expect(text).toMatch(/AcmeHelp\s+3\s+72\.3/);
    expect(text).toMatch(/experience\.effort\.waiting\s+2\s+on hold for 2 hours/);
    expect(text).toContain('1 records rejected: bad-time 1');
    expect(text).toContain('health = 100 ×');
  });

  it('fits 80 columns', () => {
    for (const t of [text, tableReporter(brandsOnly(), { color: false })]) {
      for (const line of t.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(80);
    }
  });

  it('strips escape sequences that came from the data, and adds no colour unless asked', () => {
    expect(text).not.toContain('\u001b');
    expect(tableReporter(sampleReport(), { color: true })).toContain('\u001b[');
  });
});

describe('markdown reporter', () => {
  const text = markdownReporter(sampleReport());

  it('renders GitHub tables with health, axes, accounts, cues, inputs and the formula', () => {
    const text = markdownReporter(brandsOnly());
    expect(text).toContain('**Health 61.5 / 100** over 5 exchanges');
    expect(text).toContain('| experience | 48.0 | positive 20% · neutral 40% · negative 40% |');
    expect(text).toContain('## By account');
    expect(text).toContain('| AcmeHelp | 3 | 72.3 | 48.0 | 80.0 | 70.0 | 61.0 | 80% | 20% | 10m | 2.0h | 8 | `experience.effort.waiting` |');
    expect(text).toContain('| experience | 0.4 | positive 1, neutral 0.6, negative 0 |');
    expect(text).toContain('periods in UTC');
    expect(text).toContain('| export.csv | twcs | 12 | 11 | 1 |');
    expect(text).toContain('**1 records rejected**: bad-time 1');
    expect(text).toContain('health = 100 ×');
  });

  it('has a table per grouping and the at-risk list with evidence in bold', () => {
    expect(text).toContain('## By ISO week');
    expect(text).toContain('| 2017-W44 | 3 | 66.0 | 48.0 |');
    expect(text).toContain('## By agent');
    expect(text).toContain('2 threads and 1 customers whose latest exchange is negative, revoked or unanswered');
    expect(text).toContain('- **revoked, negative** — thread 100 · account AcmeHelp · 2017-10-31 10:00 · health 12.0 · `permission.revoked.stop` `experience.complaint`');
    expect(text).toContain('  > I am **sick of** this \\<script\\>alert(1)\\</script\\>, **stop emailing me**');
    expect(text).toContain('### Customers');
  });

  it('keeps @handles in the data from becoming GitHub mentions', () => {
    const r = sampleReport();
    r.atRisk.items[1]!.messages[0]!.text = '@AcmeHelp hello? anyone there';
    expect(markdownReporter(r)).toContain('  > @\u200bAcmeHelp hello? anyone there');
  });

  it('escapes table and markup characters from the data', () => {
    expect(markdownReporter(brandsOnly())).toContain('| Evil\\|Brand |');
    expect(text).not.toContain('<script>');
  });
});

describe('json reporter', () => {
  it('is the report object, pretty-printed, ending in a newline', () => {
    const text = jsonReporter(sampleReport());
    expect(JSON.parse(text)).toEqual(sampleReport());
    expect(text.endsWith('}\n')).toBe(true);
  });
});

describe('csv reporter', () => {
  it('writes one row per group of every grouping, guarding formula cells', () => {
    const lines = csvGroupsReporter(sampleReport()).trimEnd().split('\n');
    expect(lines[0]).toBe('grouping,key,messages,exchanges,scored,health,experience,permission,involvement,conversation,reply_rate,unanswered_share,frt_median_s,frt_p90_s,top_cues');
    expect(lines[1]).toBe('week,2017-W43,4,2,2,55,48,80,70,61,0.8,0.2,600,7200,');
    expect(lines[4]).toBe(`agent,"'=HYPERLINK(""x"")",3,1,1,90,48,80,70,61,0.8,0.2,600,7200,`);
    expect(lines).toHaveLength(5);
    expect(csvGroupsReporter(brandsOnly()).split('\n')[1]).toMatch(/^brand,AcmeHelp,8,3,3,72.25,/);
  });

  it('writes one row per exchange', () => {
    const tagged = tagTurns(['customer', '-stop texting me, @AcmeHelp'], ['brand', 'Sorry! We have removed your number.']);
    const lines = csvExchangesReporter(tagged).trimEnd().split('\n');
    expect(lines[0]).toBe('id,thread,time,account,agent,customer,brand,experience,permission,involvement,conversation,health,response_seconds,relevance,utility,entertainment,cues');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/,AcmeHelp,,customer1,AcmeHelp,\w+,revoked,\w+,(two|one)-way,/);
  });
});

describe('ndjson reporter', () => {
  it('prints one exchange record per line, as rapport tag', () => {
    const tagged = tagTurns(['customer', 'my order is late'], ['brand', 'Sorry, DM us'], ['customer', 'ok']);
    const lines = ndjsonReporter(tagged).trimEnd().split('\n');
    expect(lines).toEqual(tagged.map((t) => JSON.stringify(exchangeRecord(t))));
  });
});

describe('format helpers', () => {
  it.each([
    [null, '—'],
    [42, '42s'],
    [600, '10m'],
    [7200, '2.0h'],
    [86400 * 3, '3.0d'],
    [-90, '-2m'],
  ])('formatDuration(%s) = %s', (s, text) => expect(formatDuration(s)).toBe(text));

  it('shows display runs with HTML entities decoded, cut at the original offsets', () => {
    const text = 'fees &amp; delays are unacceptable';
    expect(segments(text, [{ start: 22, end: 34 }])).toEqual([
      { text: 'fees & delays are ', mark: false },
      { text: 'unacceptable', mark: true },
    ]);
  });

  it('draws a health bar', () => {
    expect(healthBar(50)).toBe('█████░░░░░');
    expect(healthBar(null)).toBe('          ');
  });
});
