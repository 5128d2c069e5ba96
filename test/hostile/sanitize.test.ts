// Untrusted text: terminal escapes, spreadsheet formulas and HTML markup from message text are defused.
import { describe, expect, it } from 'vitest';
import { csvCell, htmlEscape, terminalSafe } from '../../src/text/sanitize.js';

describe('terminalSafe', () => {
  it.each([
    ['ANSI colour', 'a\u001b[31mred\u001b[0m b', 'ared b'],
    ['cursor movement and clear screen', '\u001b[2J\u001b[1;1Hgone', 'gone'],
    ['OSC title, BEL-terminated', 'x\u001b]0;pwned\u0007y', 'xy'],
    ['OSC 8 hyperlink, ST-terminated', '\u001b]8;;https://evil.example\u001b\\click\u001b]8;;\u001b\\', 'click'],
    ['8-bit CSI', 'a\u009b31mb', 'ab'],
    ['C0 controls: BEL, backspace, CR, NUL', 'a\u0007b\bc\rd\u0000e', 'abcde'],
    ['C1 controls', 'a\u0085b\u009dc', 'abc'],
    ['bidi overrides and isolates', 'invoice\u202Efdp.exe \u2066x\u2069 \u200Fy', 'invoicefdp.exe x y'],
    ['newlines and tabs become spaces', 'one\ntwo\tthree', 'one two three'],
    ['plain unicode is untouched', 'café 👍 日本語', 'café 👍 日本語'],
  ])('strips %s', (_name, input, expected) => {
    expect(terminalSafe(input)).toBe(expected);
  });

  it('leaves no ESC, C0/C1 control or bidi control in any string', () => {
    let all = '';
    for (let c = 0; c < 0x250; c++) all += String.fromCharCode(c);
    all += '\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069';
    expect(terminalSafe(all)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/);
  });
});

describe('csvCell', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","x")', `"'=HYPERLINK(""http://evil.example"",""x"")"`],
    ['+1+cmd|calc', `'+1+cmd|calc`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\t=1', `'\t=1`],
    ['\r=1', `"'\r=1"`],
    ['plain, with comma', '"plain, with comma"'],
    ['say "hi"', '"say ""hi"""'],
  ])('guards %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('keeps numbers (negative ones too) and null', () => {
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(null)).toBe('');
  });
});

describe('htmlEscape', () => {
  it('turns a script tag into text', () => {
    expect(htmlEscape('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('cannot break out of a quoted attribute', () => {
    const escaped = htmlEscape('"><img src=x onerror=alert(1)>');
    expect(escaped).toBe('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(escaped).not.toMatch(/[<>"']/);
    expect(htmlEscape("' onmouseover='x")).toBe('&#39; onmouseover=&#39;x');
  });

  it('escapes ampersands first, so entities in the data show literally', () => {
    expect(htmlEscape('&lt;b&gt; & `x`')).toBe('&amp;lt;b&amp;gt; &amp; &#96;x&#96;');
  });

  it('renders null, undefined and numbers', () => {
    expect(htmlEscape(null)).toBe('');
    expect(htmlEscape(undefined)).toBe('');
    expect(htmlEscape(42)).toBe('42');
  });
});

describe('rapport eval output', () => {
  it('defuses exchange ids and evidence from the data in its worst misses', async () => {
    const { evaluate } = await import('../../src/eval/evaluate.js');
    const { renderEval } = await import('../../src/eval/render.js');
    const { tagThreads } = await import('../../src/pipeline.js');
    const { message } = await import('../helpers.js');
    const id = 'x\u001b]0;owned\u0007\u001b[2J\u202e1';
    const customer = message('customer', 'this is the worst \u001b[31mservice\u001b[0m ever', { id });
    const tagged = tagThreads([{ id, messages: [customer] }]);
    const text = renderEval(evaluate('gold', [{ id, experience: 'positive', permission: 'granted', involvement: 'high', conversation: 'two-way' }], tagged));
    expect(text).toContain('gold positive, got negative');
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  });
});
