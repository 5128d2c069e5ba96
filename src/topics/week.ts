// ISO 8601 week labels (`2017-W44`) for epoch milliseconds, in UTC: the one calendar (text/calendar.ts).
import { weekKey } from '../text/calendar.js';

export function isoWeek(ms: number): string {
  return weekKey(ms, 'UTC');
}
