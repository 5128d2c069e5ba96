// The learned decision: labels a person would give by EPIC.md, with evidence by contribution and probabilities.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AXES, RUE_FLAGS } from '../../src/model/types.js';
import { tagThreads } from '../../src/pipeline.js';
import { buildThreads } from '../../src/normalize/threads.js';
import { HEAD_DEFAULTS } from '../../src/taggers/model.js';
import { lastExchange, readTwcs } from '../helpers.js';

const DM_ASK: ['brand', string] = ['brand', '@1 Sorry to hear that. Could you DM us your account email so we can check?'];

describe('the learned decision on textbook cases (EPIC.md)', () => {
  it.each([
    ['experience', 'negative', ['customer', '@AcmeHelp worst service ever, third time I call and still nothing']],
    ['experience', 'negative', ['customer', '@AcmeHelp I have been on hold for 2 hours, this is ridiculous']],
    ['experience', 'positive', ['customer', '@AcmeHelp thank you so much, that fixed it! love the new app']],
    ['permission', 'revoked', ['customer', '@AcmeHelp please stop calling me every day']],
    ['permission', 'revoked', ['customer', '@AcmeHelp how did you get my number? I never gave it to you']],
    ['involvement', 'medium', ['customer', '@AcmeHelp my order #123456 has not arrived, I ordered it on the 3rd from the Leeds store']],
  ] as const)('%s %s: %j', (axis, label, turn) => {
    const t = lastExchange([turn[0], turn[1]]);
    expect(t.labels[axis].label).toBe(label);
    expect(t.labels[axis].evidence.length).toBeGreaterThan(0);
    expect(t.labels[axis].probabilities![label]).toBeGreaterThan(0.3);
  });

  it('keeps a plain question neutral and low, with no evidence', () => {
    const t = lastExchange(['customer', '@AcmeHelp hi']);
    expect(t.labels.experience).toMatchObject({ label: 'neutral', evidence: [] });
    expect(t.labels.involvement).toMatchObject({ label: 'low', evidence: [] });
  });

  it('grants permission when the customer gives what the brand asked for', () => {
    const t = lastExchange(['customer', '@AcmeHelp my account is locked'], DM_ASK, ['customer', '@AcmeHelp DM sent with my email']);
    expect(t.labels.permission.label).toBe('granted');
    expect(t.labels.permission.evidence.map((e) => e.cue)).toContain('permission.granted.dm');
  });

  it('reads an empathy phrase plus a bare redirect as one-way, with the redirect as evidence', () => {
    const t = lastExchange(['customer', '@AcmeHelp my parcel is late again'], ['brand', '@1 Sorry to hear that! Please DM us.']);
    expect(t.labels.conversation.label).toBe('one-way');
    expect(t.labels.conversation.evidence.map((e) => e.cue)).toContain('conversation.redirect');
  });

  it('decides none and no RUE by rule when nobody answered', () => {
    const t = lastExchange(['customer', '@AcmeHelp hello?']);
    expect(t.labels.conversation).toEqual({ label: 'none', score: -1, evidence: [] });
    expect(t.rue).toMatchObject({ relevance: 0, utility: 0, entertainment: 0 });
  });
});

describe('the learned decision on every exchange of the sample', async () => {
  const items = await readTwcs('twcs-sample.csv', readFileSync('fixtures/twcs-sample.csv'));
  const messages = items.flatMap((i) => ('message' in i ? [i.message] : []));
  const tagged = tagThreads(buildThreads(messages).threads);
  const texts = new Map(messages.map((m) => [m.id, m.text]));

  it('gives every label that is not the default evidence whose spans quote the message', () => {
    let checked = 0;
    for (const t of tagged) {
      for (const axis of AXES) {
        const l = t.labels[axis];
        if (l.label !== HEAD_DEFAULTS[axis] && l.label !== 'none') expect(l.evidence.length, `${t.exchange.id} ${axis}`).toBeGreaterThan(0);
        for (const e of l.evidence) {
          expect(texts.get(e.message)!.slice(e.start, e.end)).toBe(e.text);
          checked++;
        }
      }
      for (const flag of RUE_FLAGS) if (t.rue[flag]) expect(t.rue.evidence[flag].length).toBeGreaterThan(0);
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('gives probabilities that sum to one and a score in [-1, 1]', () => {
    for (const t of tagged) {
      for (const axis of AXES) {
        const l = t.labels[axis];
        expect(Math.abs(l.score)).toBeLessThanOrEqual(1);
        if (!l.probabilities) continue;
        const sum = Object.values(l.probabilities).reduce((a, b) => a + b, 0);
        expect(Math.abs(sum - 1)).toBeLessThan(0.003);
      }
    }
  });
});
