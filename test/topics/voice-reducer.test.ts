// The voice-of-the-customer reducer: the same section whatever order exchanges come in, from compact data.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Evidence, Message, TaggedExchange } from '../../src/model/types.js';
import { runPipeline } from '../../src/pipeline.js';
import { inputFromPath } from '../../src/sources/input.js';
import { buildVoice, NO_TOPIC, VoiceReducer, type TopicOptions, type VoiceOfCustomer } from '../../src/topics/build.js';
import { message } from '../helpers.js';

const HEAD = 'fixtures/twcs-head5000-nongold.csv';

/** A seeded Fisher-Yates shuffle (LCG), the same order on every run. */
function shuffled<T>(list: readonly T[], seed: number): T[] {
  const out = [...list];
  let s = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function reduce(list: readonly TaggedExchange[], options: TopicOptions = {}, spillBuffer?: number): VoiceOfCustomer {
  const reducer = new VoiceReducer(options, { spillBuffer });
  for (const t of list) reducer.add(t);
  return reducer.result();
}

function expectOrderFree(tagged: readonly TaggedExchange[], options: TopicOptions = {}): VoiceOfCustomer {
  const inOrder = reduce(tagged, options);
  expect(reduce([...tagged].reverse(), options)).toStrictEqual(inOrder);
  expect(reduce(shuffled(tagged, 20171031), options)).toStrictEqual(inOrder);
  expect(reduce(shuffled(tagged, 7), options)).toStrictEqual(inOrder);
  expect(buildVoice(tagged, options)).toStrictEqual(inOrder);
  return inOrder;
}

async function tagFile(path: string): Promise<TaggedExchange[]> {
  return (await runPipeline([inputFromPath(path)], { workers: 0 })).tagged;
}

interface Spec {
  id: string;
  customer?: string | null;
  /** Customer messages: [message id, text]. */
  says: [string, string][];
  terms: string[];
  experience?: 'positive' | 'neutral' | 'negative';
  involvement?: 'high' | 'medium' | 'low';
  /** [cue, message id] */
  experienceEvidence?: [string, string][];
  involvementEvidence?: [string, string][];
  /** Brand account that answered, if any. */
  answeredBy?: string;
  responseSeconds?: number | null;
  time?: number | null;
}

const evidence = (list: [string, string][] = []): Evidence[] => list.map(([cue, m]) => ({ cue, message: m, start: 0, end: 1, text: 'x' }));

/** A hand-made tagged exchange: exactly the terms, labels and evidence a case needs. */
function exchange(spec: Spec): TaggedExchange {
  const time = spec.time === undefined ? Date.UTC(2017, 9, 31, 12) : spec.time;
  const customer = spec.customer === undefined ? `c-${spec.id}` : spec.customer;
  const customerTurn: Message[] = spec.says.map(([id, text]) => message('customer', text, { id, author: customer ?? 'anon', time }));
  const brandTurn: Message[] = spec.answeredBy ? [message('brand', '@1 Sorry!', { id: `${spec.id}-reply`, author: spec.answeredBy, brand: spec.answeredBy, time })] : [];
  const bare = (label: string) => ({ label, score: 0, evidence: [] as Evidence[] });
  return {
    exchange: {
      id: spec.id,
      thread: spec.id,
      file: 'test.csv',
      source: 'twcs',
      customer,
      brand: spec.answeredBy ?? null,
      account: spec.answeredBy ?? null,
      agent: null,
      customerTurn,
      brandTurn,
      previousBrandTurn: [],
      index: 0,
      responseSeconds: spec.responseSeconds === undefined ? (spec.answeredBy ? 60 : null) : spec.responseSeconds,
      time,
    },
    labels: {
      experience: { label: spec.experience ?? 'neutral', score: 0, evidence: evidence(spec.experienceEvidence) },
      permission: bare('neutral'),
      involvement: { label: spec.involvement ?? 'medium', score: 0, evidence: evidence(spec.involvementEvidence) },
      conversation: bare('one-way'),
    },
    rue: { relevance: 0, utility: 0, entertainment: 0, evidence: { relevance: [], utility: [], entertainment: [] } },
    health: 50,
    terms: spec.terms,
  };
}

/** A text of exactly `length` characters that mentions the parcel. */
const sized = (length: number, fill = 'x') => `my parcel ${fill.repeat(length - 10)}`;

describe('VoiceReducer is independent of the order exchanges come in', () => {
  it('on the twcs sample fixture', async () => {
    const tagged = await tagFile('fixtures/twcs-sample.csv');
    const voice = expectOrderFree(tagged);
    expect(voice.topics.length).toBeGreaterThan(3);
    expectOrderFree(tagged, { minExchanges: 1, top: 30 });
  });

  it.skipIf(!existsSync(HEAD))('on 4,427 real tweets (twcs-head5000), also with the spill on disk', async () => {
    const tagged = await tagFile(HEAD);
    const voice = expectOrderFree(tagged);
    expect(voice.exchanges).toBeGreaterThan(2000);
    expect(voice.topics).toHaveLength(10);
    for (const topic of voice.topics) expect(topic.quotes.length).toBeGreaterThan(0);
    for (const list of [voice.requests, voice.complaints, voice.praise]) expect(list.some((item) => item.quotes.length > 0)).toBe(true);
    expect(reduce(shuffled(tagged, 99), {}, 512)).toStrictEqual(voice);
    expectOrderFree(tagged, { top: 3, minExchanges: 5 });
  }, 60_000);
});

describe('VoiceReducer quotes', () => {
  it('orders quotes of equal length by message id (as strings), after the shorter ones', () => {
    const tagged = [
      exchange({ id: 'e1', says: [['m9', sized(50, 'a')]], terms: ['parcel'] }),
      exchange({ id: 'e2', says: [['m10', sized(50, 'b')]], terms: ['parcel'] }),
      exchange({ id: 'e3', says: [['m2', sized(50, 'c')]], terms: ['parcel'] }),
      exchange({ id: 'e4', says: [['m8', sized(60, 'd')]], terms: ['parcel'] }),
      exchange({ id: 'e5', says: [['z1', sized(45, 'e')]], terms: ['parcel'] }),
    ];
    const voice = expectOrderFree(tagged);
    expect(voice.topics[0]!.term).toBe('parcel');
    expect(voice.topics[0]!.quotes).toEqual([
      { exchange: 'e5', message: 'z1', text: sized(45, 'e') },
      { exchange: 'e2', message: 'm10', text: sized(50, 'b') },
      { exchange: 'e3', message: 'm2', text: sized(50, 'c') },
    ]);
  });

  it('keeps one of texts that differ only in case: the first by length, then message id', () => {
    const text = 'My Parcel Was LOST again and nobody answers the phone';
    const tagged = [
      exchange({ id: 'e1', says: [['b', text.toLowerCase()]], terms: ['parcel'] }),
      exchange({ id: 'e2', says: [['a', text]], terms: ['parcel'] }),
      exchange({ id: 'e3', says: [['c', text.toUpperCase()]], terms: ['parcel'] }),
      exchange({ id: 'e4', says: [['d', `${text}!!`]], terms: ['parcel'] }),
    ];
    const quotes = expectOrderFree(tagged).topics[0]!.quotes;
    expect(quotes.map((q) => q.message)).toEqual(['a', 'd']);
  });

  it('skips quotes shorter than 40 or longer than 240 characters once mentions are gone', () => {
    const tagged = [
      exchange({ id: 'e1', says: [['m1', `@AcmeHelp ${sized(39)}`]], terms: ['parcel'] }),
      exchange({ id: 'e2', says: [['m2', sized(241)]], terms: ['parcel'] }),
      exchange({ id: 'e3', says: [['m3', `@AcmeHelp @x ${sized(40)}`]], terms: ['parcel'] }),
      exchange({ id: 'e4', says: [['m4', sized(240)]], terms: ['parcel'] }),
    ];
    const quotes = expectOrderFree(tagged).topics[0]!.quotes;
    expect(quotes.map((q) => [q.message, q.text.length])).toEqual([
      ['m3', 40],
      ['m4', 240],
    ]);
  });

  it('quotes only texts that hold every word of the topic', () => {
    const tagged = [
      exchange({ id: 'e1', says: [['m1', 'the boarding pass will not load on my phone at all']], terms: ['boarding pass'] }),
      exchange({ id: 'e2', says: [['m2', 'it will not load on my phone at all, boarding is soon']], terms: ['boarding pass'] }),
    ];
    expect(expectOrderFree(tagged).topics[0]).toMatchObject({ term: 'boarding pass', quotes: [{ message: 'm1' }] });
  });

  it('quotes texts and ids with lone surrogates as they are, from memory or disk', () => {
    const text = `my parcel \ud83d arrived broken, the box was crushed flat`;
    const tagged = [1, 2].map((i) => exchange({ id: `e${i}\udc00`, says: [[`m${i}\ud800`, `${text} ${i}`]], terms: ['parcel'] }));
    const expected = [1, 2].map((i) => ({ exchange: `e${i}\udc00`, message: `m${i}\ud800`, text: `${text} ${i}` }));
    expect(expectOrderFree(tagged).topics[0]!.quotes).toEqual(expected);
    expect(reduce(tagged, {}, 16).topics[0]!.quotes).toEqual(expected);
    // Names and terms with one are counted as themselves.
    const odd = [1, 2, 3].map((i) => exchange({ id: `o${i}`, customer: i < 3 ? 'ann\ud800' : 'ann\udc00', says: [[`o${i}`, 'hi']], terms: ['caf\ud800'] }));
    expect(expectOrderFree(odd).topics).toMatchObject([{ term: 'caf\ud800', exchanges: 3, customers: 2 }]);
    const branded = odd.map((t) => ({ ...t, exchange: { ...t.exchange, account: 'caf\ud800' } }));
    expect(expectOrderFree(branded).topics).toEqual([]);
  });

  it('gives the same section with the spill forced to disk', () => {
    const tagged = Array.from({ length: 300 }, (_, i) =>
      exchange({
        id: `e${i}`,
        says: [[`m${i}`, sized(40 + (i % 7), String.fromCharCode(97 + (i % 26)))]],
        terms: [i % 3 ? 'parcel' : 'refund', `w${i % 11}`],
        experience: i % 4 ? 'negative' : 'positive',
        experienceEvidence: [['experience.effort.waiting', `m${i}`]],
      }),
    );
    const inMemory = reduce(tagged);
    const reducer = new VoiceReducer({}, { spillBuffer: 64 });
    for (const t of shuffled(tagged, 5)) reducer.add(t);
    // Past its 64-byte buffer the spill writes its records to its (unlinked) file.
    expect((reducer as unknown as { spill: { fd: number | null } }).spill.fd).not.toBeNull();
    expect(reducer.result()).toStrictEqual(inMemory);
    expect(inMemory.complaints[0]!.quotes).toHaveLength(3);
  });
});

describe('VoiceReducer topics and action lists', () => {
  it('leaves out terms that are brand names, alone or in a phrase, and the names it is told to', () => {
    const tagged = [1, 2, 3, 4].map((i) =>
      exchange({ id: `e${i}`, says: [[`m${i}`, 'acme lost my parcel and the acme app is down again today']], terms: ['acme', 'acme app', i < 3 ? 'parcel' : 'router'], answeredBy: 'AcmeHelp' }),
    );
    const terms = expectOrderFree(tagged).topics.map((t) => t.term);
    expect(terms).toEqual(['parcel', 'router']);
    expect(expectOrderFree(tagged, { exclude: ['Router'] }).topics.map((t) => t.term)).toEqual(['parcel']);
    // Without the brand's reply nothing says "acme" is a brand (and the phrase stands for the word).
    const unanswered = tagged.map((t) => ({ ...t, exchange: { ...t.exchange, brandTurn: [], account: null, brand: null } }));
    expect(expectOrderFree(unanswered).topics.map((t) => t.term)).toEqual(['acme app']);
  });

  it('groups action-list exchanges without a term under the no-topic group, listed last', () => {
    const tagged = [
      ...[1, 2, 3].map((i) => exchange({ id: `n${i}`, says: [[`n${i}`, 'this is the third time I have asked, nobody ever answers me']], terms: [], experience: 'negative', experienceEvidence: [['experience.effort.repeat', `n${i}`]] })),
      exchange({ id: 'p1', says: [['p1', 'my parcel was lost and nobody ever answers me on the phone']], terms: ['parcel'], experience: 'negative', experienceEvidence: [['experience.churn.switch', 'p1']] }),
      exchange({ id: 'p2', says: [['p2', 'where is my parcel, it was due a week ago and still nothing']], terms: ['parcel'] }),
    ];
    const voice = expectOrderFree(tagged);
    expect(voice.complaints.map((c) => [c.topic, c.exchanges])).toEqual([
      ['parcel', 1],
      [NO_TOPIC, 3],
    ]);
    const none = voice.complaints[1]!;
    expect(none.cues).toEqual([{ cue: 'experience.effort.repeat', count: 3 }]);
    // The no-topic group quotes without a word filter: one distinct text.
    expect(none.quotes.map((q) => q.message)).toEqual(['n1']);
    expect(voice.complaints[0]!.cues).toEqual([{ cue: 'experience.churn.switch', count: 1 }]);
  });

  it('quotes an action list only from the messages its axis found evidence in', () => {
    const tagged = [1, 2].map((i) =>
      exchange({
        id: `e${i}`,
        says: [
          [`a${i}`, 'my parcel is late, short text here but long enough ok'],
          [`b${i}`, `could you please send my parcel to the other address instead ${i}`],
        ],
        terms: ['parcel'],
        experience: 'negative',
        experienceEvidence: [['experience.effort.waiting', `b${i}`], ['experience.negative.sentiment', `b${i}`]],
        involvement: 'high',
        involvementEvidence: [['involvement.request', `a${i}`]],
      }),
    );
    const voice = expectOrderFree(tagged);
    expect(voice.topics[0]!.quotes.map((q) => q.message)).toEqual(['a1', 'b1', 'b2']);
    expect(voice.complaints[0]).toMatchObject({ topic: 'parcel', exchanges: 2, cues: [{ cue: 'experience.effort.waiting', count: 2 }] });
    expect(voice.complaints[0]!.quotes.map((q) => q.message)).toEqual(['b1', 'b2']);
    expect(voice.requests[0]!.quotes.map((q) => q.message)).toEqual(['a1']);
    expect(voice.requests[0]!.cues).toEqual([{ cue: 'involvement.request', count: 2 }]);
    expect(voice.praise).toEqual([]);
  });

  it('counts customers, answers, response times and weeks of a topic', () => {
    const day = 86_400_000;
    const t0 = Date.UTC(2017, 9, 30);
    const tagged = [
      exchange({ id: 'e1', customer: 'ann', says: [['m1', 'hi']], terms: ['parcel'], answeredBy: 'AcmeHelp', responseSeconds: 30, time: t0, experience: 'negative' }),
      exchange({ id: 'e2', customer: 'ann', says: [['m2', 'hi']], terms: ['parcel'], answeredBy: 'AcmeHelp', responseSeconds: 90, time: t0 + 8 * day }),
      exchange({ id: 'e3', customer: null, says: [['m3', 'hi']], terms: ['parcel'], answeredBy: 'AcmeHelp', responseSeconds: null, time: null }),
      exchange({ id: 'e4', customer: null, says: [['m4', 'hi']], terms: ['parcel'], time: t0 + day }),
    ];
    expect(expectOrderFree(tagged).topics[0]).toStrictEqual({
      term: 'parcel',
      exchanges: 4,
      customers: 2,
      negativeShare: 0.25,
      replyRate: 0.75,
      responseMedian: 60,
      related: [],
      weeks: [
        { week: '2017-W44', exchanges: 2 },
        { week: '2017-W45', exchanges: 1 },
      ],
      quotes: [],
    });
  });

  it('ignores exchanges without a customer turn, and can be closed twice', () => {
    const reducer = new VoiceReducer();
    reducer.add(exchange({ id: 'e1', says: [], terms: ['parcel'] }));
    expect(reducer.result()).toStrictEqual({ exchanges: 0, topics: [], requests: [], complaints: [], praise: [] });
    reducer.close();
    reducer.close();
    expect(() => reducer.add(exchange({ id: 'e2', says: [['m', 'x']], terms: [] }))).toThrow();
    expect(() => reducer.result()).toThrow();
    const abandoned = new VoiceReducer();
    abandoned.add(exchange({ id: 'e3', says: [['m3', sized(50)]], terms: ['parcel'] }));
    abandoned.close();
    abandoned.close();
  });
});
