import { describe, expect, it } from 'vitest';
import { lastExchange } from '../helpers.js';

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
