import { describe, expect, it } from 'vitest';
import { tagThreads } from '../../src/pipeline.js';
import { lastExchange, message } from '../helpers.js';

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
    const t = lastExchange(['customer', text]);
    expect(t.labels.involvement.label).toBe(label);
    expect(t.labels.involvement.evidence).toContainEqual(expect.objectContaining({ cue, text: span }));
  });

  it('counts an answer to the brand’s question as medium', () => {
    const t = lastExchange(['customer', '@AcmeHelp the app keeps logging me out'], QUESTION, ['customer', '@AcmeHelp the one my work gave me, it is quite new']);
    expect(t.labels.involvement.label).toBe('medium');
    expect(t.labels.involvement.evidence[0]?.cue).toMatch(/^involvement\.answer/);
  });

  it.each([['@AcmeHelp thanks!'], ['@AcmeHelp ok'], ['@AcmeHelp this is so annoying']])('a bare acknowledgement or venting is low: %s', (text) => {
    const t = lastExchange(['customer', '@AcmeHelp my order is late'], QUESTION, ['customer', text]);
    expect(t.labels.involvement).toMatchObject({ label: 'low', evidence: [] });
  });

  it('does not take a customer’s anonymized @id for an order number', () => {
    const t = lastExchange(['customer', '@AcmeHelp @115712 this is so annoying']);
    expect(t.labels.involvement.label).toBe('low');
  });
});

describe('involvement: ideas, advocacy and helping (EPIC.md high)', () => {
  it.each([
    ['@AcmeHelp where can I send feature suggestions for the mobile app?', 'involvement.suggestion', 'where can I send feature suggestions'],
    ['@AcmeHelp I wish Acme offered a family plan', 'involvement.suggestion', 'wish Acme offered'],
    ["If you don't grab one of the new oat lattes at @AcmeCafe before the weekend is over you are missing out", 'involvement.advocacy', "If you don't grab one of the new oat lattes at @AcmeCafe before the weekend is over you are missing out"],
  ])('%s → high (%s)', (text, cue, span) => {
    const t = lastExchange(['customer', text]);
    expect(t.labels.involvement.label).toBe('high');
    expect(t.labels.involvement.evidence).toContainEqual(expect.objectContaining({ cue, text: span }));
  });
  it.each([
    ['@AcmeHelp I need to have my parcel before the weekend, where is it?'],
    ['@AcmeHelp we must make sure the deposit clears first; it would be good to hear when the sofa ships'],
    ['@AcmeHelp I wish I had never ordered this'],
  ])('a wish or need of the customer’s own is no suggestion: %s', (text) => {
    expect(lastExchange(['customer', text]).labels.involvement.label).not.toBe('high');
  });
  it('counts a bystander who tells the customer where to report it as high', () => {
    const messages = [
      message('customer', '@AcmeHelp my refund never showed up'),
      message('customer', '@customer1 a missing refund needs to be reported to your bank, they can trace it', { author: 'bystander7' }),
    ];
    const [t] = tagThreads([{ id: messages[0]!.id, messages }]);
    expect(t!.labels.involvement).toMatchObject({ label: 'high' });
    expect(t!.labels.involvement.evidence).toContainEqual(expect.objectContaining({ cue: 'involvement.helping', text: 'needs to be reported to' }));
  });
});
