import { describe, expect, it } from 'vitest';
import { lastRuleExchange } from '../helpers.js';

const DM_ASK: ['brand', string] = ['brand', '@1 Sorry to hear that. Please DM us your account email so we can check.'];

describe('permission tagger', () => {
  it.each([
    ['@AcmeHelp please stop calling me every day', 'revoked', 'permission.revoked.opt-out', 'stop calling me'],
    ['@AcmeHelp how do I unsubscribe from these emails', 'revoked', 'permission.revoked.opt-out', 'unsubscribe'],
    ['@AcmeHelp how did you get my number? I never gave it to you', 'revoked', 'permission.revoked.privacy', 'how did you get my number'],
    ['@AcmeHelp I keep getting marketing texts I never asked for', 'revoked', 'permission.revoked.unsolicited', 'marketing texts'],
    ["@AcmeHelp I'm not going to DM you my address, answer here", 'revoked', 'permission.revoked.refuse', "I'm not going to DM you my"],
    ['@AcmeHelp DM sent', 'granted', 'permission.granted.dm', 'DM sent'],
    ['@AcmeHelp sure, call me tomorrow', 'granted', 'permission.granted.consent', 'sure, call me'],
    ['@AcmeHelp notify me when it is back in stock', 'granted', 'permission.granted.consent', 'notify me when'],
  ])('%s → %s (%s “%s”)', (text, label, cue, span) => {
    const t = lastRuleExchange(['customer', text], ['brand', '@1 Noted.']);
    expect(t.labels.permission.label).toBe(label);
    expect(t.labels.permission.evidence).toContainEqual(expect.objectContaining({ cue, text: span }));
  });

  it('counts account details as granted only when the brand asked for them', () => {
    const asked = lastRuleExchange(['customer', '@AcmeHelp my bill is wrong'], DM_ASK, ['customer', '@AcmeHelp my email is __email__']);
    expect(asked.labels.permission.label).toBe('granted');
    expect(asked.labels.permission.evidence.map((e) => e.cue)).toEqual(expect.arrayContaining(['permission.granted.details', 'permission.request']));
    const unasked = lastRuleExchange(['customer', '@AcmeHelp my email is __email__ and the app is broken']);
    expect(unasked.labels.permission.label).toBe('neutral');
  });

  it('records the brand’s request as evidence but keeps the customer’s neutral stance', () => {
    const t = lastRuleExchange(['customer', '@AcmeHelp my order is late'], DM_ASK);
    expect(t.labels.permission.label).toBe('neutral');
    expect(t.labels.permission.evidence).toContainEqual(expect.objectContaining({ cue: 'permission.request', text: 'Please DM' }));
  });

  it('does not read a negated opt-out as one', () => {
    const t = lastRuleExchange(['customer', "@AcmeHelp I don't want you to stop emailing me, I like the deals"]);
    expect(t.labels.permission.label).not.toBe('revoked');
  });
});
