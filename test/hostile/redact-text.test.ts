// Redaction of text: what is masked, what is kept, and spans that still point at the right characters.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findPii, ibanValid, luhnValid, mapSpan, maskText } from '../../src/text/redact.js';
import { messageWithPii } from './arbitraries.js';
import { fuzz } from './fuzz.js';

const keepBrand = { rename: (h: string) => (h.toLowerCase() === 'acmehelp' ? null : 'customer-1') };

describe('maskText', () => {
  it.each([
    ['email', 'write to jane.doe+x@mail.example.co.uk today', 'write to __email__ today'],
    ['card, grouped', 'card 4111 1111 1111 1111 expired', 'card __card__ expired'],
    ['card, plain, next to an order number', 'order 12 4111111111111111', 'order 12 __card__'],
    ['card failing Luhn is not a card', 'ref 4111111111111112', 'ref 4111111111111112'],
    ['IBAN, grouped, with a word after', 'IBAN DE89 3704 0044 0532 0130 00 THANKS', 'IBAN __iban__ THANKS'],
    ['IBAN, compact', 'to GB82WEST12345698765432.', 'to __iban__.'],
    ['IBAN with a wrong checksum is kept', 'code GB82WEST12345698765433', 'code GB82WEST12345698765433'],
    ['US phone', 'call (555) 123-4567 or 555.123.4567', 'call __phone__ or __phone__'],
    ['international phone', 'ring +44 20 7946 0958!', 'ring __phone__!'],
    ['toll free', 'dial 1-800-555-0199', 'dial __phone__'],
    ['customer handle, not the brand', '@AcmeHelp @jane_doe hi', '@AcmeHelp @customer-1 hi'],
    ['dates, times, short numbers and tweet-sized ids stay', 'on 2017-10-31 at 10:30, order #123456, v1.2.3', 'on 2017-10-31 at 10:30, order #123456, v1.2.3'],
    ['the twcs email mask stays', 'mail __email__ please', 'mail __email__ please'],
  ])('%s', (_name, input, expected) => {
    expect(maskText(input, keepBrand).text).toBe(expected);
  });

  // Issue 18: the forms that hid personal data from the ASCII patterns; matching runs over a folded copy.
  it.each([
    ['digits split by no-break spaces', 'call 030\u00a01234\u00a05678 or 4111\u202f1111\u202f1111\u202f1111', 'call __phone__ or __card__'],
    ['digits split by slashes and en-dashes', 'fax 030/1234/5678, tel 030\u20131234\u20135678', 'fax __phone__, tel __phone__'],
    ['a bare 8-digit phone (7-15 digits, as README says)', 'ring 55512345 or 5551234', 'ring __phone__ or __phone__'],
    ['Arabic-Indic and full-width digits', 'رقمي ٠٣٠١٢٣٤٥٦٧٨ or ０３０１２３４５６７８', 'رقمي __phone__ or __phone__'],
    ['a zero-width space inside a card number', 'card 4111\u200b1111\u200b1111\u200b1111', 'card __card__'],
    ['IDN domain and non-ASCII local part', 'jane@bücher.de, josé@example.com, 山田@例え.jp', '__email__, __email__, __email__'],
    ['a full-width at-sign', 'jane＠example.com', '__email__'],
    ['%40 and &#64; in URLs and HTML', 'see https://x.example/?u=jane%40example.com and jane&#64;example.org', 'see https:__email__ and __email__'],
    ['a full-width IBAN', 'ＧＢ８２ＷＥＳＴ１２３４５６９８７６５４３２', '__iban__'],
    ['dates with slashes and compact dates stay', 'on 10/31/2017, 2017/10/31 or 20171031', 'on 10/31/2017, 2017/10/31 or 20171031'],
  ])('%s', (_name, input, expected) => {
    expect(maskText(input, keepBrand).text).toBe(expected);
  });

  it('re-points spans over folded characters to whole original characters', () => {
    const text = 'a ０３０１２３４５６７８ b';
    const masked = maskText(text);
    expect(masked.spans).toEqual([{ kind: 'phone', start: 2, end: 13, replacement: '__phone__' }]);
    expect(mapSpan(masked, text.length - 1, text.length)).toEqual([masked.text.length - 1, masked.text.length]);
  });

  it('checks cards with Luhn and IBANs with mod 97', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(ibanValid('DE89370400440532013000')).toBe(true);
    expect(ibanValid('DE88370400440532013000')).toBe(false);
  });

  it('re-points spans: outside a mask they quote the same text, inside they grow to the whole mask', () => {
    const text = 'hi jane@x.org, call 555-123-4567 now';
    const masked = maskText(text);
    expect(masked.text).toBe('hi __email__, call __phone__ now');
    const quote = (s: number, e: number) => {
      const [a, b] = mapSpan(masked, s, e);
      return masked.text.slice(a, b);
    };
    expect(quote(0, 2)).toBe('hi');
    expect(quote(text.indexOf('now'), text.length)).toBe('now');
    expect(quote(text.indexOf('call'), text.indexOf('call') + 4)).toBe('call');
    expect(quote(text.indexOf('555'), text.indexOf('555') + 3)).toBe('__phone__');
    expect(quote(0, text.length)).toBe(masked.text);
  });

  it('stays linear on long runs of digits, dots and at-signs', () => {
    const started = Date.now();
    maskText('1 '.repeat(50_000) + '1.'.repeat(50_000) + 'a'.repeat(100_000) + '@' + '@a.'.repeat(30_000) + '9'.repeat(100_000) + 'x');
    const many = maskText('555-1234 '.repeat(50_000) + 'a@b.cc '.repeat(30_000) + '4111111111111111 '.repeat(20_000) + '@someone '.repeat(20_000), { rename: () => 'customer-1' });
    expect(many.text).not.toMatch(/555-1234|a@b\.cc|4111111111111111|@someone/);
    // A quadratic pass over these 1.5 million characters takes minutes; linear ones take a second or two, more on a loaded machine.
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('maskText, property-based', () => {
  it('never leaves an email, phone, card or IBAN that was put in a message', () => {
    fc.assert(
      fc.property(messageWithPii, ({ text, secrets }) => {
        const out = maskText(text).text;
        for (const secret of secrets) expect(out).not.toContain(secret);
        expect(findPii(out).filter((s) => s.kind !== 'handle')).toEqual([]);
      }),
      fuzz(3000),
    );
  });

  it('maps every span inside the masked text, and spans clear of personal data to the same text', () => {
    fc.assert(
      fc.property(messageWithPii, fc.nat(), fc.nat(), ({ text }, a, b) => {
        const masked = maskText(text);
        const start = a % (text.length + 1);
        const end = start + (b % (text.length - start + 1));
        const [s, e] = mapSpan(masked, start, end);
        expect(0 <= s && s <= e && e <= masked.text.length).toBe(true);
        const clear = masked.spans.every((p) => end <= p.start || start >= p.end);
        if (clear) expect(masked.text.slice(s, e)).toBe(text.slice(start, end));
      }),
      fuzz(3000),
    );
  });
});
