import { describe, expect, it } from 'vitest';
import { lastRuleExchange } from '../helpers.js';

const ASK: ['brand', string] = ['brand', '@1 Sorry about that! Could you tell us more?'];

describe('experience tagger', () => {
  it.each([
    // [customer text, label, cue, quoted span]
    ['@AcmeHelp this is the worst service I have ever had', 'negative', 'experience.complaint.strong', 'worst'],
    ['@AcmeHelp been on hold for 2 hours now', 'negative', 'experience.effort.waiting', 'on hold'],
    ['@AcmeHelp third time I am asking about my refund', 'negative', 'experience.effort.repeat', 'third time'],
    ['@AcmeHelp still waiting for my package', 'negative', 'experience.effort.still', 'still waiting'],
    ['@AcmeHelp I am cancelling my subscription over this', 'negative', 'experience.churn', 'cancelling my subscription'],
    ['@AcmeHelp I am not happy with this at all', 'negative', 'experience.complaint.negated-positive', 'not happy'],
    ['@AcmeHelp love the new app design, great job', 'positive', 'experience.positive.delight', 'love the'],
  ])('%s → %s (%s “%s”)', (text, label, cue, span) => {
    const t = lastRuleExchange(['customer', text], ['brand', '@1 Noted.']);
    expect(t.labels.experience.label).toBe(label);
    expect(t.labels.experience.evidence).toContainEqual(expect.objectContaining({ cue, text: span }));
  });

  it.each([
    ['@AcmeHelp my order has not arrived, can you check?'],
    ['@AcmeHelp what time does the store open tomorrow?'],
    ['@AcmeHelp So???'],
    ['@AcmeHelp no problem, can you check the delivery date for me?'],
  ])('a plain question or bare failure report stays neutral without evidence: %s', (text) => {
    const t = lastRuleExchange(['customer', text], ['brand', '@1 Noted.']);
    expect(t.labels.experience).toMatchObject({ label: 'neutral', evidence: [] });
  });

  it('counts thanks for help received as positive, courtesy thanks on an open request as neutral', () => {
    const received = lastRuleExchange(['customer', '@AcmeHelp my card was declined'], ASK, ['customer', '@AcmeHelp that worked, thanks!']);
    expect(received.labels.experience.label).toBe('positive');
    const courtesy = lastRuleExchange(['customer', '@AcmeHelp can you check my order status? thanks']);
    expect(courtesy.labels.experience.label).toBe('neutral');
  });

  it('lets the latest stance win', () => {
    const recovered = lastRuleExchange(['customer', '@AcmeHelp this is ridiculous. Oh wait, it works now, love it!']);
    expect(recovered.labels.experience.label).toBe('positive');
    const relapsed = lastRuleExchange(['customer', '@AcmeHelp thanks for the help. Still waiting 4h for the engineer though']);
    expect(relapsed.labels.experience.label).toBe('negative');
  });

  it('points evidence spans into the exported text even after HTML entities', () => {
    const text = '@AcmeHelp fees &amp; delays, this is unacceptable';
    const t = lastRuleExchange(['customer', text]);
    const e = t.labels.experience.evidence.find((x) => x.cue === 'experience.complaint.strong')!;
    expect(e.text).toBe('unacceptable');
    expect(text.slice(e.start, e.end)).toBe('unacceptable');
  });

  it('gives a brand-only exchange the neutral default', () => {
    const t = lastRuleExchange(['brand', '@1 Big news today!']);
    expect(t.labels.experience).toEqual({ label: 'neutral', score: 0, evidence: [] });
  });
});
