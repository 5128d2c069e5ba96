// Formatting helpers shared by the text reporters: durations, percentages, health bars.

export function formatDuration(seconds: number | null): string {
  if (seconds === null) return '—';
  const s = Math.abs(seconds);
  const sign = seconds < 0 ? '-' : '';
  if (s < 60) return `${sign}${Math.round(s)}s`;
  if (s < 3600) return `${sign}${Math.round(s / 60)}m`;
  if (s < 86400 * 2) return `${sign}${(s / 3600).toFixed(1)}h`;
  return `${sign}${(s / 86400).toFixed(1)}d`;
}

export function formatPercent(share: number | null, digits = 0): string {
  return share === null ? '—' : `${(share * 100).toFixed(digits)}%`;
}

export function formatScore(score: number | null): string {
  return score === null ? '—' : score.toFixed(1);
}

/** A ten-cell bar for a 0-100 score. */
export function healthBar(score: number | null, width = 10): string {
  if (score === null) return ' '.repeat(width);
  const full = Math.round((score / 100) * width);
  return '█'.repeat(full) + '░'.repeat(width - full);
}

/** `negative 48% · neutral 40% · positive 12%` from label counts. */
export function labelShares(labels: Record<string, number>): string {
  const total = Object.values(labels).reduce((a, b) => a + b, 0);
  if (!total) return '—';
  return Object.entries(labels)
    .map(([label, n]) => `${label} ${Math.round((100 * n) / total)}%`)
    .join(' · ');
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
