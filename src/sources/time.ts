// Timestamps in the formats exports use, with a zone for naive times and a `--time-format` escape hatch.
import { checkTimeZone, offsetAt, zonedToInstant } from '../text/calendar.js';
import { parseTime, validParts } from '../text/time.js';

/** How to read one export's timestamps. */
export interface TimeOptions {
  /** Tokens YYYY MM DD HH mm ss SSS (and A for AM/PM); anything else is literal. */
  timeFormat?: string;
  /** Zone for times with no offset: `UTC` (default), `+02:00`, or an IANA name such as `Europe/Berlin`. */
  timezone?: string;
}

/** Whether rapport understands this zone name (the one calendar: text/calendar.ts). */
export function isValidZone(zone: string): boolean {
  try {
    checkTimeZone(zone);
    return true;
  } catch {
    return false;
  }
}

/** Wall-clock fields in a zone → epoch ms (the earlier instant across a DST fold). */
function fromWallClock(fields: number[], zone: string): number | null {
  const [y, mo, d, h = 0, mi = 0, s = 0, ms = 0] = fields;
  if (y === undefined || mo === undefined || d === undefined || !validParts(y, mo, d, h, mi, s)) return null;
  return zonedToInstant(y, mo, d, zone, h, mi, s) + ms;
}

// A zone at the end, before an RFC 2822 comment if any ("-0700 (PDT)").
const HAS_ZONE = /(Z|[+-]\d{2}:?\d{2}|\b(GMT|UTC|UT|[ECMP][SD]T)\b)\s*(\([^()]{0,40}\)\s*)?$|[+-]\d{4} \d{4}$/i;
const AMBIGUOUS = /^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b/;
const NAIVE_ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?$/;
const TOKENS = /YYYY|MM|DD|HH|hh|mm|ss|SSS|A/g;

function compileFormat(format: string): (value: string) => number[] | null {
  const order: string[] = [];
  let source = '';
  let last = 0;
  for (const m of format.matchAll(TOKENS)) {
    source += format.slice(last, m.index).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    order.push(m[0]);
    source += m[0] === 'YYYY' ? '(\\d{4})' : m[0] === 'SSS' ? '(\\d{1,3})' : m[0] === 'A' ? '([AaPp][Mm])' : '(\\d{1,2})';
    last = m.index + m[0].length;
  }
  source += format.slice(last).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^${source}$`);
  return (value) => {
    const m = pattern.exec(value.trim());
    if (!m) return null;
    const f: Record<string, string> = {};
    order.forEach((token, i) => (f[token] = m[i + 1]!));
    let hour = Number(f.HH ?? f.hh ?? 0);
    if (f.A) hour = (hour % 12) + (/^p/i.test(f.A) ? 12 : 0);
    return [Number(f.YYYY), Number(f.MM), Number(f.DD), hour, Number(f.mm ?? 0), Number(f.ss ?? 0), Number((f.SSS ?? '0').padEnd(3, '0'))];
  };
}

/**
 * A parser for one export's times: the `--time-format` if given and matching, else ISO 8601, RFC 2822,
 * Twitter's format or epoch seconds/milliseconds. Naive times are read in `timezone` (UTC by default).
 */
export function timeParser(options: TimeOptions = {}): (value: string) => number | null {
  // Settled once (Intl's canonical name, or the offset as written); the CLI has refused zones it cannot read.
  const zone = isValidZone(options.timezone ?? 'UTC') ? checkTimeZone(options.timezone ?? 'UTC') : 'UTC';
  const custom = options.timeFormat ? compileFormat(options.timeFormat) : null;
  return (value) => {
    const v = value.trim();
    if (v === '') return null;
    const fields = custom?.(v);
    if (fields) return fromWallClock(fields, zone);
    const naive = NAIVE_ISO.exec(v);
    if (naive) {
      const fields = naive.slice(1, 7).map((x) => Number(x ?? 0));
      fields.push(Number((naive[7] ?? '0').slice(0, 3).padEnd(3, '0')));
      return fromWallClock(fields, zone);
    }
    // 05/03/2024 is May 3rd to some and March 5th to others: only --time-format may say which.
    if (AMBIGUOUS.test(v)) return null;
    const parsed = parseTime(v);
    if (parsed === null || HAS_ZONE.test(v) || /^\d+(\.\d+)?$/.test(v)) return parsed;
    // A naive free-form time ("Mar 5, 2024 10:00"): read in `zone`, never in the machine's zone.
    const wall = Date.parse(`${v} GMT`);
    return Number.isFinite(wall) ? wall - offsetAt(wall, zone) : parsed;
  };
}
