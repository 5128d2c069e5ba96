// Tagger rules beyond single cues: sarcasm, thanks, conditions, negation scope, scripts, answers, links.
import { describe, expect, it } from 'vitest';
import { analyzeMessage } from '../../src/nlp/analyze.js';
import { compileCues } from '../../src/taggers/lexicons/index.js';
import { lastRuleExchange } from '../helpers.js';

const REPLY: ['brand', string] = ['brand', '@1 Noted, thanks.'];

describe('experience rules', () => {
  it('reads praise inside a complaining message as sarcasm', () => {
    const t = lastRuleExchange(['customer', '@AcmeHelp checkout has been painfully slow all week. Loving the experience, thanks a ton!!'], REPLY);
    expect(t.labels.experience.label).toBe('negative');
    expect(t.labels.experience.evidence.map((e) => e.cue)).not.toContain('experience.positive.gratitude');
  });

  it('reads praise after a shouted failure report as sarcasm, which is negative', () => {
    const t = lastRuleExchange(['customer', '@AcmeHelp the game crashes every ten minutes!!!! Love the new patch'], REPLY);
    expect(t.labels.experience.label).toBe('negative');
    expect(t.labels.experience.evidence.map((e) => e.cue)).toContain('experience.sarcasm.praise');
  });

  it('ends negation at "and": "without notice and the app freezes" still reports a freeze', () => {
    const hits = analyzeMessage('@AcmeHelp my plan changed without notice and the app freezes', 'customer', compileCues()).hits;
    expect(hits.map((h) => h.text)).toContain('freezes');
  });

  it('reads a stated delay and nobody to help as negative', () => {
    const t = lastRuleExchange(['customer', '@AcmeAir 2h delay at the gate and no one there to explain'], REPLY);
    expect(t.labels.experience.label).toBe('negative');
  });

  it('lets a resolution turn a complaining message around', () => {
    const t = lastRuleExchange(['customer', '@AcmeHelp that was ridiculous, but it works now!'], REPLY);
    expect(t.labels.experience).toMatchObject({ label: 'positive' });
    expect(t.labels.experience.evidence).toContainEqual(expect.objectContaining({ cue: 'experience.positive.resolution', text: 'it works' }));
  });

  it('does not read a hoped-for fix as a fix', () => {
    const t = lastRuleExchange(['customer', '@AcmeHelp I will keep calling until it is fixed']);
    expect(t.labels.experience.evidence.map((e) => e.cue)).not.toContain('experience.positive.resolution');
  });

  it('counts a bare thank-you after a reply as gratitude, and "ok thanks" as an acknowledgement', () => {
    const ask: ['customer', string] = ['customer', '@AcmeHelp where do I find my invoices?'];
    const answer: ['brand', string] = ['brand', '@1 They are under Account > Billing.'];
    expect(lastRuleExchange(ask, answer, ['customer', '@AcmeHelp Thank you!']).labels.experience.label).toBe('positive');
    expect(lastRuleExchange(ask, answer, ['customer', '@AcmeHelp ok thanks']).labels.experience.label).toBe('neutral');
  });

  it('reads typographic apostrophes like ASCII ones, and quotes the exported text', () => {
    const text = '@AcmeHelp the courier didn’t even show up';
    const t = lastRuleExchange(['customer', text]);
    const e = t.labels.experience.evidence.find((x) => x.cue === 'experience.complaint.misinformation')!;
    expect(e.text).toBe('didn’t even show up');
    expect(text.slice(e.start, e.end)).toBe(e.text);
  });

  it('ends negation at "but": "no luck, but thanks for trying" thanks', () => {
    const t = lastRuleExchange(['customer', '@AcmeHelp my card is blocked'], ['brand', '@1 Could you try the app again?'], ['customer', '@AcmeHelp no luck yet, but thanks for trying']);
    expect(t.labels.experience.evidence.map((e) => e.cue)).toContain('experience.positive.gratitude');
  });

  it.each([
    ['@AcmeHelp what kind of airline loses a pram twice?', 'experience.complaint.rhetorical'],
    ['@AcmeHelp this damn router again', 'experience.complaint.profanity'],
    ['@AcmeHelp the 4th time this month the heating fails', 'experience.effort.repeat'],
  ])('%s is negative (%s)', (text, cue) => {
    const t = lastRuleExchange(['customer', text], REPLY);
    expect(t.labels.experience.label).toBe('negative');
    expect(t.labels.experience.evidence.map((e) => e.cue)).toContain(cue);
  });
});

describe('permission rules', () => {
  it.each([["@AcmeHelp I'll DM you now"], ['@AcmeHelp can I message you?'], ['@AcmeHelp over DM?']])('offering a DM is granted: %s', (text) => {
    expect(lastRuleExchange(['customer', text]).labels.permission.label).toBe('granted');
  });

  it('does not take mailing someone else for a DM to the brand', () => {
    expect(lastRuleExchange(['customer', "@AcmeHelp I've emailed the seller twice"]).labels.permission.label).toBe('neutral');
  });

  it('reads an objection to marketing mail as revoked even when phrased as a negative question', () => {
    const t = lastRuleExchange(['customer', "@AcmeHelp why don't your promo emails let me unsubscribe?"]);
    expect(t.labels.permission.label).toBe('revoked');
  });
});

describe('involvement rules', () => {

  it('counts a turn naming concrete things as medium, with the terms as evidence', () => {
    const t = lastRuleExchange(['customer', '@AcmeHelp does the city-centre shop stock the blue kettle in the winter sale?']);
    expect(t.labels.involvement.label).toBe('medium');
    expect(t.labels.involvement.evidence[0]?.cue).toBe('involvement.detail.concrete');
  });

  it('does not count a DM offer the brand never asked for', () => {
    expect(lastRuleExchange(['customer', '@AcmeHelp can I DM you?']).labels.involvement.label).toBe('low');
  });
});

describe('conversation and RUE rules', () => {
  it('does not count what a DM request asks for as engagement', () => {
    const t = lastRuleExchange(['customer', '@AcmeHelp my order never came'], ['brand', '@1 We are sorry to hear this. Please DM us your order number so we can look into this.']);
    expect(t.labels.conversation.label).toBe('one-way');
  });

  it('counts an answer to the customer’s question as two-way and useful', () => {
    const t = lastRuleExchange(['customer', '@AcmeHelp is the Leeds store open on Sundays?'], ['brand', '@1 Yes, the Leeds store opens at 10am on Sundays.']);
    expect(t.labels.conversation.label).toBe('two-way');
    expect(t.rue).toMatchObject({ relevance: 1, utility: 1 });
  });

  it('does not count the DM link a brand appends as useful, but counts a link to information', () => {
    const dm = lastRuleExchange(['customer', '@AcmeHelp my refund is missing'], ['brand', '@1 Sorry! Please send us a DM. https://t.co/abc']);
    expect(dm.rue.utility).toBe(0);
    const info = lastRuleExchange(['customer', '@AcmeHelp how do refunds work?'], ['brand', '@1 There is more info on refunds here: https://t.co/xyz']);
    expect(info.rue.utility).toBe(1);
  });

  it('does not count the agent’s initials as specific content', () => {
    const t = lastRuleExchange(['customer', '@AcmeHelp hi'], ['brand', '@1 Hello! How can we help? *QRT']);
    expect(t.labels.conversation.evidence.map((e) => e.text)).not.toContain('QRT');
  });
});
