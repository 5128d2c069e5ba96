import { describe, expect, it } from 'vitest';
import { analyzeMessage } from '../../src/nlp/analyze.js';
import { compileCues } from '../../src/taggers/lexicons/index.js';
import { brandNames } from '../../src/nlp/terms.js';
import { buildVoice, quoteText } from '../../src/topics/build.js';
import { isoWeek } from '../../src/topics/week.js';
import { tagTurns } from '../helpers.js';

const cues = compileCues();
const termsOf = (text: string) => analyzeMessage(text, 'customer', cues).terms;

describe('topic terms', () => {
  it.each([
    ['@AcmeAir my boarding passes will not load on iOS 11', ['boarding pass', 'ios 11']],
    ['@AcmeHelp my gift card balance is wrong', ['gift card', 'card balance', 'balance']],
    ['@AcmeHelp my parcel tracking is blank', ['parcel tracking']],
    ['@AcmeHelp the app crashes at checkout', ['checkout']],
  ])('%s → includes %j', (text, expected) => {
    expect(termsOf(text)).toEqual(expect.arrayContaining(expected));
  });

  it.each([
    ['@AcmeHelp please help, any update?'],
    ["@AcmeHelp I'm waiting, thanks guys"],
    ['@AcmeHelp my mail is __email__'],
  ])('has no topic in support chatter, contractions or masks: %s', (text) => {
    expect(termsOf(text)).toEqual([]);
  });

  it('never yields terms for brand messages', () => {
    expect(analyzeMessage('@1 Your boarding pass is in the app', 'brand', cues).terms).toEqual([]);
  });

  it('knows the names a support account goes by', () => {
    expect(brandNames('AmazonHelp')).toEqual(['amazonhelp', 'amazon']);
    expect(brandNames('Uber_Support')).toEqual(['uber_support', 'uber']);
    expect(brandNames('British_Airways')).toEqual(['british_airways', 'british', 'airways']);
  });

  it('labels ISO weeks across year ends', () => {
    expect(isoWeek(Date.UTC(2017, 9, 31))).toBe('2017-W44');
    expect(isoWeek(Date.UTC(2021, 0, 1))).toBe('2020-W53');
    expect(isoWeek(Date.UTC(2018, 11, 31))).toBe('2019-W01');
  });
});

describe('voice of the customer', () => {
  const conversation = () =>
    tagTurns(
      ['customer', '@AcmeHelp my gift card balance is wrong, this is ridiculous'],
      ['brand', '@1 Sorry! Try reopening the app.'],
      ['customer', '@AcmeHelp the gift card balance works now, thanks for the help!'],
      ['brand', '@1 Glad it works!'],
      ['customer', '@AcmeHelp you should add a gift card balance widget'],
      ['brand', '@1 Great idea, passed on.'],
    );

  it('finds the topic, counts it, and fills the three lists', () => {
    const tagged = conversation();
    const voice = buildVoice(tagged, { minExchanges: 2 });
    const topic = voice.topics[0];
    expect(['card balance', 'gift card']).toContain(topic?.term);
    expect(topic).toMatchObject({ exchanges: 3, customers: 1, replyRate: 1 });
    // All three exchanges name the topic: its negative share is theirs.
    expect(topic!.negativeShare).toBeCloseTo(tagged.filter((t) => t.labels.experience.label === 'negative').length / 3, 3);
    // All three in one week: the one the (shared, ever-advancing) test clock put them in.
    expect(new Set(tagged.map((t) => isoWeek(t.exchange.time!))).size).toBe(1);
    expect(topic!.weeks).toEqual([{ week: isoWeek(tagged[0]!.exchange.time!), exchanges: 3 }]);
    expect(topic!.quotes[0]!.text).toBe('you should add a gift card balance widget');
    expect(topic!.related.length).toBeGreaterThan(0);
    const count = (axis: 'experience' | 'involvement', label: string) => tagged.filter((t) => t.labels[axis].label === label).length;
    expect(voice.requests[0]).toMatchObject({ topic: topic!.term, exchanges: count('involvement', 'high') });
    expect(voice.complaints[0]).toMatchObject({ topic: topic!.term, exchanges: count('experience', 'negative') });
    expect(voice.praise[0]).toMatchObject({ topic: topic!.term, exchanges: count('experience', 'positive') });
    expect(voice.requests[0]!.exchanges).toBe(1);
    expect(voice.praise[0]!.cues.map((c) => c.cue)).toContain('experience.positive.resolution');
  });

  it('leaves out the brand’s own name', () => {
    const tagged = tagTurns(['customer', '@AcmeHelp Acme ate my parcel'], ['brand', '@1 Sorry!'], ['customer', '@AcmeHelp Acme lost another parcel'], ['brand', '@1 Sorry!']);
    const terms = buildVoice(tagged, { minExchanges: 2 }).topics.map((t) => t.term);
    expect(terms).toContain('parcel');
    expect(terms).not.toContain('acme');
  });

  it('is deterministic, whatever the order exchanges come in', () => {
    const tagged = conversation();
    const a = JSON.stringify(buildVoice(tagged, { minExchanges: 1 }));
    expect(JSON.stringify(buildVoice(tagged, { minExchanges: 1 }))).toBe(a);
    expect(JSON.stringify(buildVoice([...tagged].reverse(), { minExchanges: 1 })).length).toBe(a.length);
  });

  it('quotes without the leading mentions', () => {
    expect(quoteText('@AcmeHelp @123 .@x my order')).toBe('my order');
  });
});

describe('voice of the customer at scale', () => {
  it('ranks 60,000 exchanges with 60,000 distinct terms without quadratic work', () => {
    const [template] = tagTurns(['customer', '@AcmeHelp Acme lost my parcel again, third time this month'], ['brand', '@1 Sorry to hear that']);
    expect(template!.labels.experience.label).toBe('negative');
    const N = 60_000;
    // Every word and phrase comes up twice (a candidate each), and every exchange is about parcels: the
    // phrase check and the complaint groups used to compare every pair (minutes here), now linear.
    const tagged = Array.from({ length: N }, (_, i) => ({
      ...template!,
      exchange: { ...template!.exchange, id: `e${i}`, customer: `c${i}` },
      terms: [`w${i >> 1}`, `w${i >> 1} z${i >> 1}`, 'parcel'],
    }));
    const started = Date.now();
    const voice = buildVoice(tagged);
    expect(voice.topics[0]).toMatchObject({ term: 'parcel', exchanges: N, customers: N });
    expect(voice.complaints[0]).toMatchObject({ topic: 'parcel', exchanges: N });
    expect(Date.now() - started).toBeLessThan(15_000);
  }, 30_000);
});
