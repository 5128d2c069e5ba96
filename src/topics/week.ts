// ISO 8601 week labels (`2017-W44`) for epoch milliseconds, in UTC.

export function isoWeek(ms: number): string {
  const date = new Date(ms);
  const day = (date.getUTCDay() + 6) % 7; // Monday = 0
  const thursday = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - day + 3);
  const year = new Date(thursday).getUTCFullYear();
  const firstThursday = Date.UTC(year, 0, 4);
  const firstDay = (new Date(firstThursday).getUTCDay() + 6) % 7;
  const week = 1 + Math.round((thursday - (firstThursday - firstDay * 86_400_000 + 3 * 86_400_000)) / (7 * 86_400_000));
  return `${year}-W${String(week).padStart(2, '0')}`;
}
