import { describe, expect, it } from 'vitest';
import { lastRuleExchange } from '../helpers.js';

const QUESTION: ['brand', string] = ['brand', '@1 Sorry about this! Which device are you using?'];

describe('involvement tagger', () => {
  it.each([
    ['@AcmeHelp you should add a dark mode to the app', 'high', 'involvement.suggestion', 'you should add'],
    ['@AcmeHelp it would be great if I could pause my plan', 'high', 'involvement.suggestion', 'it would be great if'],
    ['@AcmeHelp I recommend you to all my friends', 'high', 'involvement.advocacy', 'I recommend you'],
    ['@AcmeHelp order #A12345 never arrived', 'medium', 'involvement.detail.identifier', 'order #A12345'],
    ['@AcmeHelp the app crashes on my iPhone since the update', 'medium', 'involvement.detail.device', 'iPhone'],
    ['@AcmeHelp I already restarted the router twice', 'medium', 'involvement.detail.steps', 'I already restarted'],
  ])('%s → %s (%s “%s”)', (text, label, cue, span) => {
    const t = lastRuleExchange(['customer', text]);
    expect(t.labels.involvement.label).toBe(label);
    expect(t.labels.involvement.evidence).toContainEqual(expect.objectContaining({ cue, text: span }));
  });

  it('counts an answer to the brand’s question as medium', () => {
    const t = lastRuleExchange(['customer', '@AcmeHelp the app keeps logging me out'], QUESTION, ['customer', '@AcmeHelp the one my work gave me, it is quite new']);
    expect(t.labels.involvement.label).toBe('medium');
    expect(t.labels.involvement.evidence[0]?.cue).toMatch(/^involvement\.answer/);
  });

  it.each([['@AcmeHelp thanks!'], ['@AcmeHelp ok'], ['@AcmeHelp this is so annoying']])('a bare acknowledgement or venting is low: %s', (text) => {
    const t = lastRuleExchange(['customer', '@AcmeHelp my order is late'], QUESTION, ['customer', text]);
    expect(t.labels.involvement).toMatchObject({ label: 'low', evidence: [] });
  });

  it('does not take a customer’s anonymized @id for an order number', () => {
    const t = lastRuleExchange(['customer', '@AcmeHelp @115712 this is so annoying']);
    expect(t.labels.involvement.label).toBe('low');
  });
});

describe('involvement: ideas, advocacy and helping (EPIC.md high)', () => {
  it.each([
    ['@AcmeHelp I wish Acme offered a family plan', 'involvement.suggestion', 'wish Acme offered'],
  ])('%s → high (%s)', (text, cue, span) => {
    const t = lastRuleExchange(['customer', text]);
    expect(t.labels.involvement.label).toBe('high');
    expect(t.labels.involvement.evidence).toContainEqual(expect.objectContaining({ cue, text: span }));
  });
  it.each([
    ['@AcmeHelp I need to have my parcel before the weekend, where is it?'],
    ['@AcmeHelp we must make sure the deposit clears first; it would be good to hear when the sofa ships'],
    ['@AcmeHelp I wish I had never ordered this'],
  ])('a wish or need of the customer’s own is no suggestion: %s', (text) => {
    expect(lastRuleExchange(['customer', text]).labels.involvement.label).not.toBe('high');
  });
});

describe('involvement: concrete details (EPIC.md medium)', () => {
  it.each([
    // Steps tried: contact attempts count as much as restarts.
    ['@AcmeHelp tried calling twice and nobody picks up', 'involvement.detail.steps', 'tried calling'],
    ['@AcmeHelp I asked at the counter and they sent me away', 'involvement.detail.steps', 'I asked'],
    ['@AcmeHelp I have read the help articles and nothing there covers this', 'involvement.detail.steps', 'I have read the help articles'],
    // Error text: what the screen says, with "it" as the subject.
    ['@AcmeHelp every time I pay, it just says something went wrong', 'involvement.detail.steps', 'it just says'],
    // Amounts with units, percentages followed by more text.
    ['@AcmeHelp my battery drops 15% an hour since the update', 'involvement.detail.amount-time', '15%'],
    ['@AcmeHelp the 5ghz network vanished overnight', 'involvement.detail.amount-time', '5ghz'],
    // Places.
    ['@AcmeHelp the Kingsway branch refused my return', 'involvement.detail.code', 'Kingsway branch'],
    ['@AcmeHelp no signal at all in #Leeds since noon', 'involvement.detail.code', 'in #Leeds'],
    // Identifiers: an email address (also written out), a named member of staff.
    ['@AcmeHelp it is registered to jdoe84@example.org', 'involvement.detail.identifier', 'jdoe84@example.org'],
    ['@AcmeHelp it is jdoe84 at gmail', 'involvement.detail.identifier', 'jdoe84 at gmail'],
    ['@AcmeHelp the rep on the phone was rude, his name was Marco', 'involvement.detail.identifier', 'his name was Marco'],
  ])('%s → medium (%s “%s”)', (text, cue, span) => {
    const t = lastRuleExchange(['customer', text]);
    expect(t.labels.involvement.label).toBe('medium');
    expect(t.labels.involvement.evidence).toContainEqual(expect.objectContaining({ cue, text: span }));
  });
  it('does not take a capitalised common word for a named place', () => {
    const t = lastRuleExchange(['customer', '@AcmeHelp The store refused my return']);
    expect(t.labels.involvement.evidence.map((e) => e.cue)).not.toContain('involvement.detail.code');
  });
});

describe('involvement: answers to the brand and follow-ups (EPIC.md medium)', () => {
  const SCREENSHOT: ['brand', string] = ['brand', '@1 Sorry about that. Could you send us a screenshot of the error?'];

  it('counts the link the brand asked for as the answer', () => {
    const t = lastRuleExchange(['customer', '@AcmeHelp checkout fails'], SCREENSHOT, ['customer', '@AcmeHelp here https://t.co/abc123']);
    expect(t.labels.involvement.label).toBe('medium');
    expect(t.labels.involvement.evidence).toContainEqual(expect.objectContaining({ cue: 'involvement.detail.attachment', text: 'https://t.co/abc123' }));
  });
  it('does not count a link nobody asked for on its own', () => {
    expect(lastRuleExchange(['customer', '@AcmeHelp ugh https://t.co/abc123']).labels.involvement).toMatchObject({ label: 'low', evidence: [] });
  });
  it('counts a short reply that answers the brand’s question', () => {
    const t = lastRuleExchange(['customer', '@AcmeHelp the app keeps freezing'], QUESTION, ['customer', '@AcmeHelp only on weekends']);
    expect(t.labels.involvement.label).toBe('medium');
    expect(t.labels.involvement.evidence[0]).toMatchObject({ cue: 'involvement.answer.reply' });
  });
  it.each([['@AcmeHelp via DM?'], ['@AcmeHelp can I DM you?'], ['@AcmeHelp thanks guys!']])('a short question back or a thanks is no answer: %s', (text) => {
    const t = lastRuleExchange(['customer', '@AcmeHelp the app keeps freezing'], QUESTION, ['customer', text]);
    expect(t.labels.involvement).toMatchObject({ label: 'low', evidence: [] });
  });
  it('counts doing what the brand asked, besides questions', () => {
    const t = lastRuleExchange(['customer', '@AcmeHelp my card was declined'], ['brand', '@1 I left you a voicemail. Please call me back when you are free. ^AB'], ['customer', '@AcmeHelp will ring back after work today']);
    expect(t.labels.involvement.label).toBe('medium');
    expect(t.labels.involvement.evidence[0]).toMatchObject({ cue: 'involvement.answer.reply' });
  });
  it('counts an answer that opens a later sentence', () => {
    const t = lastRuleExchange(['customer', '@AcmeHelp the app keeps freezing'], QUESTION, ['customer', '@AcmeHelp sorry, I was out. Yes, it happens every time']);
    expect(t.labels.involvement.label).toBe('medium');
    expect(t.labels.involvement.evidence).toContainEqual(expect.objectContaining({ cue: 'involvement.answer', text: 'Yes' }));
  });
  it('counts reporting that the brand’s fix worked as a new fact', () => {
    const t = lastRuleExchange(['customer', '@AcmeHelp the app keeps freezing'], ['brand', '@1 Try clearing the cache and reopening it.'], ['customer', '@AcmeHelp works now, thanks']);
    expect(t.labels.involvement.label).toBe('medium');
    expect(t.labels.involvement.evidence).toContainEqual(expect.objectContaining({ cue: 'experience.positive.resolution', text: 'works now' }));
  });
});
