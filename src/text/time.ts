// Timestamp parsing for the formats exports use; returns epoch ms or null.

const MONTHS: Record<string, number> = {
  jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11,
};

/** Days in a month (1-12) of a proleptic Gregorian year. */
export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Whether wall-clock parts name a real moment: year 1-9999, a day the month has, hours 0-23, minutes 0-59,
 * seconds 0-60 (a leap second). `Date.UTC` would roll 30 February over to 2 March and read year 0 as 1900.
 */
export function validParts(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): boolean {
  return (
    Number.isInteger(year) && year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) &&
    hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 60
  );
}

/**
 * `Date.UTC` for every year: it reads years 0-99 as 1900-1999. Those are computed 400 years later (the
 * Gregorian calendar repeats every 400 years) and moved back; parts out of range roll over as in `Date.UTC`.
 */
export function utcOf(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  if (year >= 100) return Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const shift = 400 * Math.ceil((100 - year) / 400);
  const date = new Date(Date.UTC(year + shift, month - 1, day, hour, minute, second, ms));
  date.setUTCFullYear(date.getUTCFullYear() - shift);
  return date.getTime();
}

const MONTH_NAME = '(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?';
/** Calendar parts a free-form or ISO time spells out, which Date.parse would roll over instead of refusing. */
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})/;
const DAY_MONTH_YEAR = new RegExp(`\\b(\\d{1,2})[ -]${MONTH_NAME}[ -,]+(\\d{4})\\b`, 'i');
const MONTH_DAY_YEAR = new RegExp(`\\b${MONTH_NAME} (\\d{1,2})(?:st|nd|rd|th)?,? +(?:\\d{1,2}:\\d{2}(?::\\d{2})? +)?(\\d{4})\\b`, 'i');
const CLOCK = /(?:^|[T\s])(\d{1,2}):(\d{2})(?::(\d{2}))?(?!\d)/;

/** Whether the parts a time text spells out are in range (what it does not spell out is not checked). */
function spelledPartsValid(v: string): boolean {
  const iso = ISO_DATE.exec(v);
  if (iso && !validParts(Number(iso[1]), Number(iso[2]), Number(iso[3]))) return false;
  const dmy = DAY_MONTH_YEAR.exec(v);
  if (dmy && !validParts(Number(dmy[3]), MONTHS[dmy[2]!.toLowerCase()]! + 1, Number(dmy[1]))) return false;
  const mdy = MONTH_DAY_YEAR.exec(v);
  if (mdy && !validParts(Number(mdy[3]), MONTHS[mdy[1]!.toLowerCase()]! + 1, Number(mdy[2]))) return false;
  const clock = CLOCK.exec(v);
  if (clock && !validParts(2000, 1, 1, Number(clock[1]), Number(clock[2]), Number(clock[3] ?? 0))) return false;
  return true;
}

// Twitter: "Tue Oct 31 22:10:47 +0000 2017"
const TWITTER = /^[A-Za-z]{3} ([A-Za-z]{3}) (\d{1,2}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2}) (\d{4})$/;

export function parseTwitterTime(value: string): number | null {
  const m = TWITTER.exec(value.trim());
  if (!m) return null;
  const month = MONTHS[m[1]!.toLowerCase()];
  if (month === undefined) return null;
  const parts = [Number(m[9]), month + 1, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])] as const;
  if (!validParts(...parts)) return null;
  const utc = utcOf(...parts);
  const offset = (Number(m[7]) * 60 + Number(m[8])) * 60_000 * (m[6] === '-' ? -1 : 1);
  const ms = utc - offset;
  return Number.isFinite(ms) ? ms : null;
}

/** Twitter format, ISO 8601, RFC 2822 or epoch seconds/milliseconds. */
export function parseTime(value: string): number | null {
  const v = value.trim();
  if (v === '') return null;
  // Twitter's own format is read here or not at all (Date.parse would roll "Feb 30" over to March).
  if (TWITTER.test(v)) return parseTwitterTime(v);
  if (/^\d{9,11}(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  if (/^\d{12,14}$/.test(v)) return Number(v);
  // Any other bare number ("12", "20171031", "-1000") is no time; V8's Date.parse would make "12"
  // 2001-12-01 and "-1000" the year 1000. A signed year (+002017-…, -0001-…) is none an export writes.
  if (/^[+-]?\d+(\.\d+)?$/.test(v) || /^[+-]\d/.test(v)) return null;
  // 30 February, 31 April, 25:10: Date.parse rolls them over into another day; they are damaged.
  if (!spelledPartsValid(v)) return null;
  // Free-form dates (RFC 2822, "Mar 5, 2024 10:00") name their year in four digits; without one Date.parse guesses.
  if (!/(^|\D)\d{4}(\D|$)/.test(v)) return null;
  const ms = Date.parse(v);
  return Number.isFinite(ms) ? ms : null;
}
