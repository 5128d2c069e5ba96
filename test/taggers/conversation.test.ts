import { describe, expect, it } from 'vitest';
import { lastRuleExchange, ruleTurns } from '../helpers.js';

describe('conversation tagger', () => {
  it('is none when nobody answered', () => {
    expect(lastRuleExchange(['customer', '@AcmeHelp hello?']).labels.conversation).toEqual({ label: 'none', score: -1, evidence: [] });
  });

  it('is one-way for an empathy phrase plus a bare redirect', () => {
    const t = lastRuleExchange(['customer', '@AcmeHelp my parcel is late again'], ['brand', '@1 Sorry to hear that! Please DM us.']);
    expect(t.labels.conversation.label).toBe('one-way');
    expect(t.labels.conversation.evidence).toContainEqual(expect.objectContaining({ cue: 'conversation.redirect', text: 'DM us' }));
  });

  it('is two-way when the reply takes up what the customer said', () => {
    const t = lastRuleExchange(
      ['customer', '@AcmeHelp my parcel is late again'],
      ['brand', '@1 Sorry your parcel is late — can you DM us the delivery address so we can chase it? ^JK'],
    );
    expect(t.labels.conversation.label).toBe('two-way');
    expect(t.labels.conversation.evidence).toContainEqual(expect.objectContaining({ cue: 'conversation.shared-term', text: 'parcel' }));
    expect(t.labels.conversation.evidence).toContainEqual(expect.objectContaining({ cue: 'conversation.signature', text: '^JK' }));
  });

  it('is two-way when the brand answers thanks', () => {
    const t = lastRuleExchange(['customer', '@AcmeHelp sorted now, thanks!'], ['brand', "@1 You're welcome, enjoy your day!"]);
    expect(t.labels.conversation.label).toBe('two-way');
    expect(t.labels.conversation.evidence.map((e) => e.cue)).toContain('conversation.closing');
  });

  it('treats a reply sent nearly verbatim to many customers as a script', () => {
    const script = '@%s We are sorry for the trouble. Please send us a DM with more details and we will look into it.';
    const turns: ['customer' | 'brand', string][] = [];
    for (let i = 0; i < 4; i++) turns.push(['customer', `@AcmeHelp my router number ${i} is blinking red`], ['brand', script.replace('%s', String(100 + i))]);
    const tagged = ruleTurns(...turns);
    expect(tagged.every((t) => t.labels.conversation.label === 'one-way')).toBe(true);
    expect(tagged[0]!.labels.conversation.evidence.map((e) => e.cue)).toContain('conversation.script');
  });
});

describe('RUE tagger', () => {
  it('marks a concrete step as useful and a channel move as not', () => {
    const useful = lastRuleExchange(['customer', '@AcmeHelp the app crashes when I open it'], ['brand', '@1 Sorry about the crashes! Try to reinstall the app from the store.']);
    expect(useful.rue).toMatchObject({ relevance: 1, utility: 1 });
    expect(useful.rue.evidence.utility).toContainEqual(expect.objectContaining({ cue: 'rue.utility.step' }));
    const redirect = lastRuleExchange(['customer', '@AcmeHelp the app crashes when I open it'], ['brand', '@1 Please DM us.']);
    expect(redirect.rue).toMatchObject({ relevance: 0, utility: 0, entertainment: 0 });
  });

  it('marks warmth with emoji as entertainment, a routine apology as not', () => {
    const warm = lastRuleExchange(['customer', '@AcmeHelp it works now!'], ['brand', '@1 Yay, so glad it is working again! 🎉']);
    expect(warm.rue.entertainment).toBe(1);
    const routine = lastRuleExchange(['customer', '@AcmeHelp it works now!'], ['brand', '@1 We apologize for the inconvenience.']);
    expect(routine.rue.entertainment).toBe(0);
  });

  it('gives no RUE to an unanswered exchange', () => {
    expect(lastRuleExchange(['customer', '@AcmeHelp hi']).rue).toMatchObject({ relevance: 0, utility: 0, entertainment: 0 });
  });
});
