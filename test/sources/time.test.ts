// Times with out-of-range parts are no times (a counted bad-time reject), never another day or year.
import { describe, expect, it } from 'vitest';
import { timeParser } from '../../src/sources/time.js';
import { parseTime, utcOf, validParts } from '../../src/text/time.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

describe('times with parts out of range', () => {
  it.each([
    ['0000-01-01 10:00', 'year 0 (Date.UTC made it 1900)'],
    ['0000-01-01T10:00:00Z', 'year 0 with a zone'],
    ['-1000', 'a negative number (Date.parse made it the year 1000)'],
    ['-0001-01-01', 'a signed year'],
    ['2017-02-30', '30 February (Date.UTC made it 2 March)'],
    ['2017-02-30T10:00:00Z', '30 February with a zone'],
    ['2017-04-31 10:00', '31 April'],
    ['2017-02-28 25:00', 'hour 25'],
    ['2017-01-01T24:00:00Z', 'hour 24'],
    ['Thu, 30 Feb 2017 10:00:00 +0000', '30 February in RFC 2822'],
    ['Mon, 31 Apr 2017 10:00:00 GMT', '31 April in RFC 2822'],
    ['Feb 30, 2017 10:00', '30 February, free-form'],
    ['Tue Feb 30 22:10:47 +0000 2017', '30 February in Twitter’s format'],
    ['Tue Oct 31 25:10:47 +0000 2017', 'hour 25 in Twitter’s format'],
  ])('%s is no time: %s', (value) => {
    expect(iso(timeParser()(value))).toBeNull();
    expect(iso(timeParser({ timezone: 'Europe/Berlin' })(value))).toBeNull();
  });

  it.each([
    ['2016-02-29 10:00', '2016-02-29T10:00:00.000Z'],
    ['Thu, 29 Feb 2016 10:00:00 +0000', '2016-02-29T10:00:00.000Z'],
    ['Tue Oct 31 22:10:47 +0000 2017', '2017-10-31T22:10:47.000Z'],
    ['Mar 5, 2024 10:00', '2024-03-05T10:00:00.000Z'],
    ['2017-10-31T22:10:47.123+02:00', '2017-10-31T20:10:47.123Z'],
    ['0099-05-01 00:00', '0099-05-01T00:00:00.000Z'],
    ['1509487847', '2017-10-31T22:10:47.000Z'],
    // A zone before an RFC 2822 comment is the zone (it was read as naive, 7 hours off).
    ['Tue, 31 Oct 2017 22:10:47 -0700 (PDT)', '2017-11-01T05:10:47.000Z'],
  ])('%s is %s', (value, expected) => {
    expect(iso(timeParser()(value))).toBe(expected);
  });

  it('--time-format parts are checked the same way', () => {
    const parse = timeParser({ timeFormat: 'DD/MM/YYYY HH:mm' });
    expect(iso(parse('30/02/2017 10:00'))).toBeNull();
    expect(iso(parse('28/02/2017 10:00'))).toBe('2017-02-28T10:00:00.000Z');
  });

  it('utcOf reads years below 100 as written and rolls over like Date.UTC', () => {
    expect(iso(utcOf(1, 1, 1))).toBe('0001-01-01T00:00:00.000Z');
    expect(utcOf(2017, 2, 30)).toBe(Date.UTC(2017, 1, 30));
    expect(iso(utcOf(99, 2, 30))).toBe('0099-03-02T00:00:00.000Z');
    expect(validParts(2000, 2, 29)).toBe(true);
    expect(validParts(1900, 2, 29)).toBe(false);
    expect(parseTime('12')).toBeNull();
  });
});
