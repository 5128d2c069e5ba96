import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkTimeZone, dayKey, intlParts, isoWeek, monthKey, parseDateBound, weekKey, zonedParts, zonedToInstant } from '../../src/report/periods.js';

describe('periods', () => {
  it.each([
    [2017, 1, 1, '2016-W52'],
    [2018, 12, 31, '2019-W01'],
    [2020, 12, 31, '2020-W53'],
    [2021, 1, 3, '2020-W53'],
    [2017, 10, 30, '2017-W44'],
    [2017, 10, 29, '2017-W43'],
  ])('ISO week of %i-%i-%i is %s', (y, m, d, key) => {
    const w = isoWeek(y, m, d);
    expect(`${w.year}-W${String(w.week).padStart(2, '0')}`).toBe(key);
  });

  it('cuts days, weeks and months in the time zone asked for', () => {
    // Monday 2017-10-30 02:00 UTC is still Sunday evening in New York.
    const t = Date.UTC(2017, 9, 30, 2, 0, 0);
    expect(dayKey(t, 'UTC')).toBe('2017-10-30');
    expect(weekKey(t, 'UTC')).toBe('2017-W44');
    expect(dayKey(t, 'America/New_York')).toBe('2017-10-29');
    expect(weekKey(t, 'America/New_York')).toBe('2017-W43');
    expect(monthKey(Date.UTC(2017, 9, 31, 23, 30), 'Europe/Berlin')).toBe('2017-11');
  });

  it('turns local dates into instants, across DST', () => {
    expect(new Date(zonedToInstant(2017, 10, 31, 'Europe/Berlin')).toISOString()).toBe('2017-10-30T23:00:00.000Z');
    expect(new Date(zonedToInstant(2017, 7, 1, 'Europe/Berlin')).toISOString()).toBe('2017-06-30T22:00:00.000Z');
    expect(parseDateBound('2017-10-31', 'UTC', true)).toBe(Date.UTC(2017, 10, 1));
    expect(parseDateBound('2017-10-31T08:00Z', 'UTC')).toBe(Date.UTC(2017, 9, 31, 8));
    expect(parseDateBound('31/10/2017', 'UTC')).toBeNull();
    expect(parseDateBound('2017-02-30', 'UTC')).toBeNull();
    expect(parseDateBound('2016-02-29', 'UTC')).toBe(Date.UTC(2016, 1, 29));
    expect(() => checkTimeZone('Mars/Olympus')).toThrow(RangeError);
  });

  it('takes fixed offsets as written, half hours included, and shows them so', () => {
    expect(['+05:30', '+02:00', '-03:00', '+0545', 'Z', '+00:00'].map(checkTimeZone)).toEqual(['+05:30', '+02:00', '-03:00', '+05:45', 'UTC', 'UTC']);
    expect(() => checkTimeZone('+15:00')).toThrow(RangeError);
    expect(() => checkTimeZone('+05:75')).toThrow(RangeError);
    // 2017-10-31 20:00 UTC is already November 1st in India.
    expect(dayKey(Date.UTC(2017, 9, 31, 20), '+05:30')).toBe('2017-11-01');
    expect(dayKey(Date.UTC(2017, 9, 31, 18, 29), '+05:30')).toBe('2017-10-31');
    expect(parseDateBound('2017-11-01', '+05:30')).toBe(Date.UTC(2017, 9, 31, 18, 30));
  });
});

describe('fixed-offset zones without Intl', () => {
  it('give the calendar parts Intl gives, from year 1 to 9999, before 1970 and at the edges of a day', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1, 0, 1), max: Date.UTC(9999, 11, 31, 23, 59, 59, 999) }),
        fc.constantFrom('UTC', 'Etc/UTC', 'Etc/GMT', 'Etc/GMT-2', 'Etc/GMT+5', 'Etc/GMT-14', 'Etc/GMT+12'),
        (ms, tz) => {
          expect(zonedParts(ms, tz)).toEqual(intlParts(ms, tz));
        },
      ),
      { numRuns: 3000 },
    );
    for (const ms of [0, -1, Date.UTC(2017, 9, 31, 23, 59, 59, 999), Date.UTC(2016, 1, 29, 0, 0, 0), Date.UTC(1, 0, 1), -8.64e15, 8.64e15]) {
      for (const tz of ['UTC', 'Etc/GMT-2', 'Etc/GMT+12']) expect(zonedParts(ms, tz)).toEqual(intlParts(ms, tz));
    }
  });

  it('date bounds with parts out of range are no dates (year 0 was read as 1900, 30 February as 2 March)', () => {
    for (const v of ['0000-01-01', '2017-02-30', '2017-02-30T10:00:00Z', '2017-01-01T25:00Z', '0000-01-01T10:00:00Z']) expect(parseDateBound(v, 'UTC')).toBeNull();
    expect(new Date(parseDateBound('0099-05-01', 'UTC')!).toISOString()).toBe('0099-05-01T00:00:00.000Z');
    expect(new Date(parseDateBound('2016-02-29', 'Europe/Berlin', true)!).toISOString()).toBe('2016-02-29T23:00:00.000Z');
  });
});

describe('one calendar for reading and reporting', () => {
  it('a naive time read in a zone lands on the same local day and week the report cuts in that zone', async () => {
    const { timeParser } = await import('../../src/sources/time.js');
    for (const tz of ['Europe/Berlin', 'America/New_York', '+05:30', 'Asia/Tokyo']) {
      const read = timeParser({ timezone: tz });
      for (const local of ['2017-03-26 01:30', '2017-10-29 02:30', '2017-12-31 23:59', '2018-01-01 00:00', '2016-02-29 12:00']) {
        const ms = read(local)!;
        expect(dayKey(ms, checkTimeZone(tz)), `${local} in ${tz}`).toBe(local.slice(0, 10));
      }
    }
    expect(weekKey(Date.UTC(2021, 0, 3), 'UTC')).toBe('2020-W53');
    expect((await import('../../src/topics/week.js')).isoWeek(Date.UTC(2021, 0, 3))).toBe('2020-W53');
  });
});
