// Calendar arithmetic in a time zone — the one implementation every stage uses (sources reading naive
// times, reports cutting days, ISO weeks and months, topics' weeks): Intl for named zones, Date's UTC fields
// for fixed offsets; no time library.
import { utcOf } from './time.js';

const OFFSET = /^([+-])(\d{2}):?(\d{2})$/;

/**
 * The zone --tz names, as reports show it: an IANA name the runtime knows (`Europe/Berlin`), `UTC` (also for
 * `Z` and `+00:00`), or a fixed offset as written (`+02:00`, `+05:30`, up to ±14:00); anything else throws RangeError.
 */
export function checkTimeZone(tz: string): string {
  if (tz === 'Z') return 'UTC';
  const m = OFFSET.exec(tz);
  if (m) {
    const minutes = Number(m[2]) * 60 + Number(m[3]);
    if (Number(m[3]) >= 60 || minutes > 14 * 60) throw new RangeError(`invalid offset ${tz}`);
    return minutes === 0 ? 'UTC' : `${m[1]}${m[2]}:${m[3]}`;
  }
  return new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Minutes east of UTC of a zone that never changes its offset (`UTC`, `+05:30`, `Etc/GMT-2`), else null. */
function fixedOffset(tz: string): number | null {
  if (tz === 'UTC' || tz === 'Etc/UTC' || tz === 'Etc/GMT') return 0;
  const o = OFFSET.exec(tz);
  if (o) return (o[1] === '-' ? -1 : 1) * (Number(o[2]) * 60 + Number(o[3]));
  const m = /^Etc\/GMT([+-])(\d{1,2})$/.exec(tz);
  // Etc/GMT-2 is two hours *east* of Greenwich (the POSIX sign).
  return m ? (m[1] === '-' ? 1 : -1) * Number(m[2]) * 60 : null;
}

const fixedOffsets = new Map<string, number | null>();

/** Calendar date and time of an instant in a time zone. */
export function zonedParts(ms: number, tz: string): Parts {
  let offset = fixedOffsets.get(tz);
  if (offset === undefined) fixedOffsets.set(tz, (offset = fixedOffset(tz)));
  if (offset !== null) {
    // A fixed offset needs no Intl (a report's every exchange asks): Date's UTC fields, shifted. Years
    // before 1 CE stay with Intl, which numbers them by era.
    const d = new Date(ms + offset * 60_000);
    const year = d.getUTCFullYear();
    // An offset as written (+05:30) is no zone Intl knows here: its dates come from Date whatever the year.
    if (year >= 1 || OFFSET.test(tz)) return { year, month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds() };
  }
  return intlParts(ms, tz);
}

type Parts = { year: number; month: number; day: number; hour: number; minute: number; second: number };

/** `zonedParts` through Intl, for any zone (exported for the test that checks the fixed-offset path). */
export function intlParts(ms: number, tz: string): Parts {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(tz, f);
  }
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(ms)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour! % 24, minute: parts.minute!, second: parts.second! };
}

/** Offset of the zone from UTC at an instant, in ms. */
export function offsetAt(ms: number, tz: string): number {
  const p = zonedParts(ms, tz);
  return utcOf(p.year, p.month, p.day, p.hour, p.minute, p.second) - Math.floor(ms / 1000) * 1000;
}

/** The instant a local wall-clock time happens in a zone (the earlier one across a DST fold). */
export function zonedToInstant(year: number, month: number, day: number, tz: string, hour = 0, minute = 0, second = 0): number {
  const guess = utcOf(year, month, day, hour, minute, second);
  const first = guess - offsetAt(guess, tz);
  return guess - offsetAt(first, tz);
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `2017-10-31` in the zone. */
export function dayKey(ms: number, tz: string): string {
  const p = zonedParts(ms, tz);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** `2017-10` in the zone. */
export function monthKey(ms: number, tz: string): string {
  const p = zonedParts(ms, tz);
  return `${p.year}-${pad(p.month)}`;
}

/** ISO 8601 week of a calendar date: weeks start on Monday, week 1 holds the year's first Thursday. */
export function isoWeek(year: number, month: number, day: number): { year: number; week: number } {
  const date = new Date(Date.UTC(year, month - 1, day));
  const weekday = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const weekYear = date.getUTCFullYear();
  const week = Math.ceil(((date.getTime() - Date.UTC(weekYear, 0, 1)) / 86_400_000 + 1) / 7);
  return { year: weekYear, week };
}

/** `2017-W44` in the zone. */
export function weekKey(ms: number, tz: string): string {
  const p = zonedParts(ms, tz);
  const w = isoWeek(p.year, p.month, p.day);
  return `${w.year}-W${pad(w.week)}`;
}

