// Timestamp parsing for the formats exports use; returns epoch ms or null.

const MONTHS: Record<string, number> = {
  jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11,
};

// Twitter: "Tue Oct 31 22:10:47 +0000 2017"
const TWITTER = /^[A-Za-z]{3} ([A-Za-z]{3}) (\d{1,2}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2}) (\d{4})$/;

export function parseTwitterTime(value: string): number | null {
  const m = TWITTER.exec(value.trim());
  if (!m) return null;
  const month = MONTHS[m[1]!.toLowerCase()];
  if (month === undefined) return null;
  const utc = Date.UTC(Number(m[9]), month, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]));
  const offset = (Number(m[7]) * 60 + Number(m[8])) * 60_000 * (m[6] === '-' ? -1 : 1);
  const ms = utc - offset;
  return Number.isFinite(ms) ? ms : null;
}

/** Twitter format, ISO 8601, RFC 2822 or epoch seconds/milliseconds. */
export function parseTime(value: string): number | null {
  const v = value.trim();
  if (v === '') return null;
  const twitter = parseTwitterTime(v);
  if (twitter !== null) return twitter;
  if (/^\d{9,11}(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  if (/^\d{12,14}$/.test(v)) return Number(v);
  // Any other bare number ("12", "20171031") is no time; V8's Date.parse would make "12" 2001-12-01.
  if (/^\d+(\.\d+)?$/.test(v)) return null;
  // Free-form dates (RFC 2822, "Mar 5, 2024 10:00") name their year in four digits; without one Date.parse guesses.
  if (!/(^|\D)\d{4}(\D|$)/.test(v)) return null;
  const ms = Date.parse(v);
  return Number.isFinite(ms) ? ms : null;
}
