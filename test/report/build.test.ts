import { describe, expect, it } from 'vitest';
import { buildReport, frtDistribution } from '../../src/report/build.js';
import { Seconds } from '../../src/score/tally.js';
import { median, quantile } from '../../src/score/stats.js';
import { filterExchanges } from '../../src/report/filter.js';
import { checkGates } from '../../src/report/gates.js';
import { formulaFromConfig } from '../../src/score/formula-config.js';
import { DEFAULT_FORMULA } from '../../src/score/health.js';
import type { TaggedExchange, Thread } from '../../src/model/types.js';
import { message } from '../helpers.js';
import { tagThreads } from '../../src/pipeline.js';

/** Three threads over two ISO weeks, two brand accounts, one unanswered complaint, one revocation. */
function corpus(): { tagged: TaggedExchange[]; threads: Thread[] } {
  const t = (iso: string) => Date.parse(iso);
  const threads: Thread[] = [
    {
      id: 'a1',
      messages: [
        message('customer', '@AcmeHelp my order #123 never arrived, been waiting 2 weeks', { id: 'a1', author: 'c1', time: t('2017-10-27T10:00:00Z') }),
        message('brand', 'Sorry about order #123, can you DM us your email? ^JK', { id: 'a2', author: 'AcmeHelp', brand: 'AcmeHelp', time: t('2017-10-27T10:10:00Z') }),
        message('customer', 'stop emailing me your marketing spam', { id: 'a3', author: 'c1', time: t('2017-10-27T11:00:00Z') }),
      ],
    },
    {
      id: 'b1',
      messages: [
        message('customer', '@OtherCo thanks, that fixed it, love it', { id: 'b1', author: 'c2', time: t('2017-10-30T09:00:00Z') }),
        message('brand', 'Glad the fix for your router worked! Enjoy', { id: 'b2', author: 'OtherCo', brand: 'OtherCo', time: t('2017-10-30T09:01:00Z') }),
      ],
    },
    {
      id: 'c1',
      messages: [message('customer', '@AcmeHelp still broken, third time asking', { id: 'c1', author: 'c3', time: t('2017-10-31T12:00:00Z') })],
    },
  ];
  return { tagged: tagThreads(threads), threads };
}

const empty = { diagnostics: [], files: [] };

describe('buildReport groupings', () => {
  const input = corpus();
  const report = buildReport({ ...input, ...empty }, { groupBy: ['week', 'brand', 'agent', 'customer', 'channel', 'thread', 'day', 'month'] });

  it('makes one table per --by, with counts, health, axes and service measures', () => {
    expect(report.schemaVersion).toBe(4);
    expect(report.groupings.map((g) => g.by)).toEqual(['week', 'brand', 'agent', 'customer', 'channel', 'thread', 'day', 'month']);
    const week = report.groupings[0]!;
    expect(week.sort).toBe('time');
    expect(week.rows.map((r) => [r.key, r.exchanges])).toEqual([
      ['2017-W43', 2],
      ['2017-W44', 2],
    ]);
    const brand = report.groupings[1]!;
    expect(brand.rows.map((r) => [r.key, r.exchanges, r.messages])).toEqual([
      ['AcmeHelp', 3, 4],
      ['OtherCo', 1, 2],
    ]);
    const acme = brand.rows[0]!;
    expect(acme.service.replyRate).toBeCloseTo(1 / 3, 3);
    expect(acme.service.unansweredShare).toBeCloseTo(2 / 3, 3);
    expect(acme.service.firstResponse.median).toBe(600);
    expect(Object.keys(acme.axes)).toEqual(['experience', 'permission', 'involvement', 'conversation']);
    expect(report.groupings[2]!.rows.map((r) => r.key)).toContain('AcmeHelp/JK');
    expect(report.groupings[4]!.rows.map((r) => r.key)).toEqual(['twcs']);
    expect(report.groupings[7]!.rows.map((r) => r.key)).toEqual(['2017-10']);
  });

  it('sorts by health (worst first), volume or first response time (slowest first)', () => {
    const byHealth = buildReport({ ...input, ...empty }, { groupBy: ['brand'], sort: 'health' }).groupings[0]!.rows;
    expect(byHealth.map((r) => r.key)).toEqual(['AcmeHelp', 'OtherCo']);
    expect(byHealth[0]!.health!).toBeLessThan(byHealth[1]!.health!);
    const byFrt = buildReport({ ...input, ...empty }, { groupBy: ['brand'], sort: 'frt' }).groupings[0]!.rows;
    expect(byFrt.map((r) => r.service.firstResponse.median)).toEqual([600, 60]);
  });

  it('has a weekly trend in the time zone and an FRT distribution', () => {
    expect(report.trend.map((r) => r.key)).toEqual(['2017-W43', '2017-W44']);
    expect(report.frtDistribution.find((b) => b.bucket === '5–15m')!.count).toBe(1);
    expect(report.frtDistribution.find((b) => b.bucket === '< 5m')!.count).toBe(1);
    const tokyo = buildReport({ ...input, ...empty }, { timeZone: 'Pacific/Kiritimati' });
    expect(tokyo.scope.timeZone).toBe('Pacific/Kiritimati');
  });

  it('is deterministic', () => {
    const again = buildReport({ ...corpus(), ...empty }, { groupBy: ['week', 'brand', 'agent', 'customer', 'channel', 'thread', 'day', 'month'] });
    expect(JSON.stringify(again)).toBe(JSON.stringify(report));
  });
});

describe('at-risk list', () => {
  const report = buildReport({ ...corpus(), ...empty });

  it('lists threads and customers whose latest exchange is revoked, negative or unanswered, worst first', () => {
    const threads = report.atRisk.items.filter((i) => i.kind === 'thread');
    expect(threads.map((i) => [i.key, i.reasons])).toEqual([
      ['a1', ['revoked', 'unanswered']],
      ['c1', ['negative', 'unanswered']],
    ]);
    expect(report.atRisk.threads).toBe(2);
    expect(report.atRisk.customers).toBe(2);
    expect(report.atRisk.items.filter((i) => i.kind === 'customer').map((i) => i.key)).toEqual(['c1', 'c3']);
  });

  it('quotes the evidence and marks its span in the whole message', () => {
    const a1 = report.atRisk.items[0]!;
    expect(a1.exchange).toBe('a3');
    expect(a1.evidence.length).toBeGreaterThan(0);
    const m = a1.messages[0]!;
    expect(m.text).toBe('stop emailing me your marketing spam');
    for (const h of m.highlights) expect(a1.evidence.map((e) => e.text)).toContain(m.text.slice(h.start, h.end));
  });
});

describe('filters, formula config and gates', () => {
  it('keeps exchanges in the window and the brand asked for', () => {
    const input = corpus();
    const kept = filterExchanges(input, { since: Date.parse('2017-10-30T00:00:00Z'), brands: ['acmehelp'] });
    expect(kept.tagged.map((t) => t.exchange.id)).toEqual(['c1']);
    expect(kept.threads.map((t) => t.id)).toEqual(['c1']);
    expect(kept.excluded).toBe(3);
  });

  it('recomputes health under configured weights', () => {
    const input = { ...corpus(), ...empty };
    const onlyConversation = formulaFromConfig({ weights: { experience: 0, permission: 0, involvement: 0 } });
    const report = buildReport(input, { formula: onlyConversation });
    expect(report.health.formula.weights).toEqual({ experience: 0, conversation: 0.3, permission: 0, involvement: 0 });
    expect(report.health.score).toBeCloseTo(report.axes.conversation!.value!, 0);
    expect(report.health.formula.description).toContain('0 × experience');
  });

  it.each([
    [{ weights: { mood: 1 } }, 'unknown axis "health.weights.mood" (known: experience, permission, involvement, conversation)'],
    [{ weights: { experience: -1 } }, '"health.weights.experience" must be a number ≥ 0, not -1'],
    [{ weights: { experience: 0, permission: 0, involvement: 0, conversation: 0 } }, '"health.weights" are all 0: at least one axis must count'],
    [{ values: { experience: { great: 1 } } }, 'unknown label "health.values.experience.great" (known: positive, neutral, negative)'],
    [{ values: { conversation: { none: 2 } } }, '"health.values.conversation.none" must be a number from 0 to 1, not 2'],
    [{ weight: {} }, 'unknown setting "health.weight" (known: weights, values)'],
  ])('rejects config %j in one line', (health, message) => {
    expect(() => formulaFromConfig(health)).toThrow(message);
  });

  it('defaults to the documented formula', () => {
    expect(formulaFromConfig(undefined)).toEqual(DEFAULT_FORMULA);
  });

  it('gates on health, drop against a baseline and unanswered share, one line each', () => {
    const report = buildReport({ ...corpus(), ...empty });
    const h = report.health.score!;
    expect(checkGates(report, { failUnder: 0, maxUnanswered: 1 })).toEqual([]);
    expect(checkGates(report, { failUnder: 100, failOnDrop: 1, maxUnanswered: 0.1 }, { health: { ...report.health, score: h + 5 } })).toEqual([
      `health ${h.toFixed(1)} is below --fail-under 100`,
      `health dropped 5.0 points (${(h + 5).toFixed(1)} → ${h.toFixed(1)}), more than --fail-on-drop 1`,
      '50.0% of customer turns are unanswered, more than --max-unanswered 10.0%',
    ]);
  });
});

describe('Seconds (durations as counts per value)', () => {
  it('gives the median, p90 and count of the list, and the FRT buckets', () => {
    let seed = 3;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (const size of [0, 1, 2, 3, 10, 11, 1000, 1001]) {
      const values = Array.from({ length: size }, () => Math.round(random() < 0.1 ? -random() * 100 : random() ** 3 * 200_000));
      const seconds = new Seconds();
      for (const v of values) seconds.add(v);
      const m = median(values);
      expect(seconds.summary()).toEqual({ median: m === null ? null : Math.round(m * 10) / 10, p90: quantile(values, 0.9), count: size });
      const buckets = frtDistribution(seconds.sorted());
      expect(buckets.reduce((n, b) => n + b.count, 0)).toBe(size);
      expect(buckets[0]!.count).toBe(values.filter((v) => v < 300).length);
    }
  });
});

describe('at-risk customers: the latest exchange wins, ties by exchange id as text', () => {
  it.each([
    ['plain integer ids', '9', '10'],
    ['ids that are not numbers', 'm-b', 'm-a'],
    ['an id with leading zeros beside a plain one', '7', '007'],
  ])('%s', (_name, later, earlier) => {
    // Two threads of one customer at the same minute: neither time nor position decides.
    const time = Date.UTC(2017, 9, 31, 9, 0, 0);
    const thread = (id: string, text: string): Thread => ({ id, messages: [message('customer', text, { id, author: 'same-customer', time })] });
    const threads = [thread(earlier, 'thanks, all good now'), thread(later, 'still broken, this is useless')];
    for (const order of [threads, [...threads].reverse()]) {
      const report = buildReport({ tagged: tagThreads(order), threads: order, ...empty });
      const item = report.atRisk.items.find((i) => i.kind === 'customer');
      expect(item?.exchange).toBe(later);
      expect(item?.key).toBe('same-customer');
    }
  });
});

describe('closings: a thanks nobody answered needed no reply', () => {
  const t = (iso: string) => Date.parse(iso);
  const threads: Thread[] = [
    {
      id: 'k1',
      messages: [
        message('customer', '@AcmeHelp my router keeps dropping the connection', { id: 'k1', author: 'k', time: t('2017-10-27T10:00:00Z') }),
        message('brand', 'Please restart it and update the firmware from the settings page ^JK', { id: 'k2', author: 'AcmeHelp', brand: 'AcmeHelp', time: t('2017-10-27T10:10:00Z') }),
        message('customer', '@AcmeHelp thanks, that fixed it, love it', { id: 'k3', author: 'k', time: t('2017-10-27T11:00:00Z') }),
      ],
    },
    {
      id: 'q1',
      messages: [
        message('customer', '@AcmeHelp my router keeps dropping the connection', { id: 'q1', author: 'q', time: t('2017-10-28T10:00:00Z') }),
        message('brand', 'Please restart it and update the firmware from the settings page ^JK', { id: 'q2', author: 'AcmeHelp', brand: 'AcmeHelp', time: t('2017-10-28T10:10:00Z') }),
        message('customer', '@AcmeHelp thanks, that fixed it, love it! Can I also turn the lights off?', { id: 'q3', author: 'q', time: t('2017-10-28T11:00:00Z') }),
      ],
    },
  ];
  const tagged = tagThreads(threads);
  const report = buildReport({ tagged, threads, ...empty });

  it('counts it apart: the reply rate and unanswered share are of the turns that needed a reply', () => {
    expect(tagged.map((e) => [e.exchange.id, e.labels.experience.label, e.exchange.brandTurn.length])).toEqual([
      ['k1', expect.any(String), 1],
      ['k3', 'positive', 0],
      ['q1', expect.any(String), 1],
      ['q3', 'positive', 0],
    ]);
    // k3 asks nothing: a closing; q3 asks a new question: a reply missed.
    expect(report.service).toMatchObject({ customerTurns: 4, answered: 2, closings: 1, replyRate: 0.6667, unansweredShare: 0.3333 });
  });

  it('keeps its thread off the at-risk list, and the thread whose question went unanswered on it', () => {
    expect(report.atRisk!.items.filter((i) => i.kind === 'thread').map((i) => [i.thread, i.reasons])).toEqual([['q1', ['unanswered']]]);
  });
});
