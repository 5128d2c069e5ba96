// Report periods: `--since`/`--until` bounds and week keys on a time axis; the calendar itself is text/calendar.ts.
import { validParts } from '../text/time.js';
import { zonedToInstant } from '../text/calendar.js';

export { checkTimeZone, dayKey, intlParts, isoWeek, monthKey, weekKey, zonedParts, zonedToInstant } from '../text/calendar.js';

/**
 * A `--since`/`--until` value as an instant: a date (`2017-10-31`, midnight in the zone) or a full
 * ISO 8601 time with an offset. With `endOfDay`, a bare date means the end of that day (until is inclusive).
 */
export function parseDateBound(value: string, tz: string, endOfDay = false): number | null {
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (date) {
    const [y, m, d] = [Number(date[1]), Number(date[2]), Number(date[3])];
    // Year 0000 is no date (Date.UTC read it as 1900), nor is 30 February.
    if (!validParts(y, m, d)) return null;
    return endOfDay ? zonedToInstant(y, m, d + 1, tz) : zonedToInstant(y, m, d, tz);
  }
  const instant = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.exec(value.trim());
  if (!instant || !validParts(...([1, 2, 3, 4, 5, 6].map((i) => Number(instant[i] ?? 0)) as [number, number, number, number, number, number]))) return null;
  const ms = Date.parse(value.trim());
  return Number.isFinite(ms) ? ms : null;
}

/**
 * The Monday an ISO week key (`2017-W44`) starts on, as whole weeks since the Monday of 1970-01-05
 * (so consecutive weeks differ by one, across years); null for anything that is not a week key.
 */
export function weekNumber(key: string): number | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(key);
  if (!m) return null;
  const year = Number(m[1]);
  const week = Number(m[2]);
  if (week < 1 || week > 53) return null;
  const jan4 = Date.UTC(year, 0, 4);
  const monday = jan4 - (((new Date(jan4).getUTCDay() || 7) - 1) * 86_400_000) + (week - 1) * 7 * 86_400_000;
  return Math.round((monday - Date.UTC(1970, 0, 5)) / (7 * 86_400_000));
}
