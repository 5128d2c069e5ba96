import { describe, expect, it } from 'vitest';
import { brandMatcher, parseRoleValue } from '../../src/sources/roles.js';

describe('role words in exports', () => {
  it.each([
    ['visitor', '', { role: 'customer', bot: false }],
    ['Agent', '', { role: 'brand', bot: false }],
    ['out', 'direction', { role: 'brand', bot: false }],
    ['action', 'speaker', { role: 'brand', bot: true }],
    ['True', 'inbound', { role: 'customer', bot: false }],
    ['true', 'is_agent', { role: 'brand', bot: false }],
    ['1', 'flag', null],
    ['narrator', '', null],
  ])('%s (column %s)', (value, column, expected) => {
    expect(parseRoleValue(value, column)).toEqual(expected);
  });
});

describe('--brand and --brand-domain', () => {
  const isBrand = brandMatcher({ brands: ['Acme', 'Bo'], brandDomains: ['acme.example'] });
  it.each([
    ['Acme', null, 'Acme'],
    ['Bo (Acme)', null, 'Acme'],
    ['bo', null, 'Bo'],
    ['Bob', null, false],
    ['Dana', 'dana@acme.example', 'acme.example'],
    ['Eve', 'eve@mail.acme.example', 'acme.example'],
    ['Fay', 'fay@notacme.example', false],
  ])('%s <%s> → %s', (author, address, expected) => {
    expect(isBrand(author, address)).toBe(expected);
  });

  it('takes /regular expressions/ as sender rules', () => {
    const rule = brandMatcher({ brands: ['/^agent-\\d+$/i'] });
    expect(rule('Agent-17')).toBe('/^agent-\\d+$/i');
    expect(rule('customer-17')).toBe(false);
  });

  it('says nothing when neither option is given', () => {
    expect(brandMatcher({})('Acme')).toBeNull();
  });
});
