// Inline SVG charts for the HTML report: pure string builders, fixed decimals so output is byte-stable.

import { htmlEscape, terminalSafe } from '../../text/sanitize.js';

/** Escape text from the data for HTML text and attribute values (`& < > " ' \``, as htmlEscape); control characters and bidi overrides are dropped. */
export function esc(text: string): string {
  return htmlEscape(terminalSafe(text));
}

const n = (v: number): string => (Math.round(v * 10) / 10).toString();

/**
 * The health bands every chart, bar and legend of the HTML report colours by, best first: a score at or
 * above `min` is in the band (the last band has no floor).
 */
export const HEALTH_BANDS = [
  { name: 'good', min: 70, color: '#2f9e63' },
  { name: 'fair', min: 50, color: '#d49a1f' },
  { name: 'poor', min: -Infinity, color: '#d1453b' },
] as const;

/** Colour of a score no one measured. */
export const NO_SCORE_COLOR = '#9aa3ad';

/** Colour of a 0-100 health score: its band in HEALTH_BANDS. */
export function healthColor(score: number | null): string {
  return score === null ? NO_SCORE_COLOR : HEALTH_BANDS.find((b) => score >= b.min)!.color;
}

/** A point of the weekly trend: `week` counts weeks (consecutive weeks differ by one), `volume` is its exchanges. */
export interface TrendPoint {
  week: number;
  label: string;
  value: number | null;
  volume: number;
  title: string;
}

/** Runs of weeks farther apart than this are drawn with an axis break between them, not to scale. */
export const BREAK_WEEKS = 8;

/** A round number at or above `v` (1, 2, 5 × a power of ten). */
function niceCeil(v: number): number {
  if (v <= 1) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

/** A gap's length, short enough to sit under an axis break: `5y`, `3mo`, `9w`. */
function gapText(weeks: number): string {
  return weeks >= 104 ? `${Math.round(weeks / 52)}y` : weeks >= 13 ? `${Math.round(weeks / 4.35)}mo` : `${weeks}w`;
}

/**
 * Health per week on a time axis: x is the week's place in time, so a week without exchanges is a gap
 * (the line breaks there, it is not drawn across); runs more than BREAK_WEEKS apart are joined by an
 * axis break saying how long the gap is. Bars at the bottom are the exchanges per week (right axis).
 */
export function trendChart(points: readonly TrendPoint[], width = 520, height = 256): string {
  const left = 34;
  const right = 44;
  const top = 20;
  const bottom = 44;
  const breakWidth = 22;
  const w = width - left - right;
  const h = height - top - bottom;
  const sorted = [...points].sort((a, b) => a.week - b.week);
  // Runs of weeks near enough to share a scale.
  const runs: TrendPoint[][] = [];
  for (const p of sorted) {
    const run = runs[runs.length - 1];
    if (run && p.week - run[run.length - 1]!.week <= BREAK_WEEKS) run.push(p);
    else runs.push([p]);
  }
  const span = runs.reduce((s, r) => s + r[r.length - 1]!.week - r[0]!.week + 1, 0);
  const unit = span ? (w - (runs.length - 1) * breakWidth) / span : 0;
  const xOf = new Map<TrendPoint, number>();
  const breaks: { x: number; weeks: number }[] = [];
  let x0 = left;
  runs.forEach((run, i) => {
    if (i) {
      breaks.push({ x: x0 + breakWidth / 2, weeks: run[0]!.week - runs[i - 1]![runs[i - 1]!.length - 1]!.week - 1 });
      x0 += breakWidth;
    }
    for (const p of run) xOf.set(p, x0 + (p.week - run[0]!.week + 0.5) * unit);
    x0 += (run[run.length - 1]!.week - run[0]!.week + 1) * unit;
  });
  const y = (v: number): number => top + h - (v / 100) * h;
  const maxVolume = niceCeil(Math.max(1, ...sorted.map((p) => p.volume)));
  const volumeH = h * 0.4;
  const parts: string[] = [`<svg viewBox="0 0 ${width} ${height}" role="img" aria-label="health per week" class="chart trend">`];
  for (const tick of [0, 25, 50, 75, 100]) {
    parts.push(`<line x1="${left}" x2="${width - right}" y1="${n(y(tick))}" y2="${n(y(tick))}" class="grid"/><text x="${left - 6}" y="${n(y(tick) + 4)}" class="tick" text-anchor="end">${tick}</text>`);
  }
  for (const [v, label] of [[0, '0'], [maxVolume, maxVolume.toLocaleString('en-US')]] as const) {
    const yv = top + h - (v / maxVolume) * volumeH;
    parts.push(`<line x1="${width - right}" x2="${width - right + 4}" y1="${n(yv)}" y2="${n(yv)}" class="axis"/><text x="${width - right + 6}" y="${n(yv + 4)}" class="tick vol-tick">${label}</text>`);
  }
  parts.push(`<line x1="${width - right}" x2="${width - right}" y1="${n(top + h - volumeH)}" y2="${top + h}" class="axis"/>`);
  parts.push(`<text x="${width - 6}" y="${n(top + h - volumeH / 2)}" class="tick" text-anchor="middle" transform="rotate(-90 ${width - 6} ${n(top + h - volumeH / 2)})">exchanges</text>`);
  parts.push(`<text x="2" y="${top - 10}" class="tick">health</text>`);
  const barW = Math.max(1, Math.min(18, unit * 0.7));
  for (const p of sorted) {
    const bh = p.volume ? Math.max(1, (p.volume / maxVolume) * volumeH) : 0;
    parts.push(`<rect x="${n(xOf.get(p)! - barW / 2)}" y="${n(top + h - bh)}" width="${n(barW)}" height="${n(bh)}" class="vol"><title>${esc(`${p.label}: ${p.volume} exchanges`)}</title></rect>`);
  }
  // The line joins only weeks that follow each other: a missing week breaks it.
  const path: string[] = [];
  let previous: TrendPoint | null = null;
  for (const p of sorted) {
    if (p.value === null) {
      previous = null;
      continue;
    }
    const joined = previous !== null && p.week - previous.week === 1;
    path.push(`${joined ? 'L' : 'M'}${n(xOf.get(p)!)},${n(y(p.value))}`);
    previous = p;
  }
  if (path.length) parts.push(`<path d="${path.join(' ')}" class="line"/>`);
  for (const b of breaks) {
    const yb = top + h;
    parts.push(
      `<g class="break"><rect x="${n(b.x - 5)}" y="${top}" width="10" height="${h}" class="gap"/><path d="M${n(b.x - 6)},${n(yb + 5)} L${n(b.x - 2)},${n(yb - 5)} M${n(b.x + 2)},${n(yb + 5)} L${n(b.x + 6)},${n(yb - 5)}" class="axis"/><title>${esc(`no exchanges for ${b.weeks} weeks; the axis is cut here`)}</title></g>`,
    );
  }
  for (const p of sorted) {
    if (p.value === null) continue;
    parts.push(`<circle cx="${n(xOf.get(p)!)}" cy="${n(y(p.value))}" r="${p.volume ? 4 : 3}" fill="${healthColor(p.value)}" data-week="${esc(p.label)}"><title>${esc(p.title)}</title></circle>`);
  }
  // Tick labels where there is room: the first of each run, then any at least 56 px after the last one.
  let lastLabel = -Infinity;
  let lastYear = '';
  for (const p of sorted) {
    const x = xOf.get(p)!;
    if (x - lastLabel < 56) continue;
    const year = p.label.slice(0, 4);
    const text = year === lastYear && p.label.length > 5 ? p.label.slice(5) : p.label;
    parts.push(`<text x="${n(x)}" y="${height - bottom + 18}" class="tick" text-anchor="middle">${esc(text)}</text>`);
    lastLabel = x;
    lastYear = year;
  }
  for (const b of breaks) parts.push(`<text x="${n(b.x)}" y="${height - bottom + 34}" class="tick gap-label" text-anchor="middle">${esc(gapText(b.weeks))}</text>`);
  if (!points.length) parts.push(`<text x="${width / 2}" y="${height / 2}" class="empty" text-anchor="middle">no dated exchanges</text>`);
  parts.push('</svg>');
  return parts.join('');
}

/** One stacked 100% bar per row, segments coloured by label: axis label shares. */
export function stackedBars(rows: readonly { label: string; parts: { label: string; count: number; color: string }[] }[], width = 520): string {
  const left = 96;
  const barH = 26;
  const gap = 22;
  const height = rows.length * (barH + gap) + 8;
  const w = width - left - 8;
  const out: string[] = [`<svg viewBox="0 0 ${width} ${height}" role="img" aria-label="label shares per axis" class="chart">`];
  rows.forEach((row, r) => {
    const y0 = 4 + r * (barH + gap);
    out.push(`<text x="${left - 8}" y="${y0 + barH / 2 + 4}" class="label" text-anchor="end">${esc(row.label)}</text>`);
    const total = row.parts.reduce((s, p) => s + p.count, 0);
    let x0 = left;
    for (const p of row.parts) {
      const pw = total ? (p.count / total) * w : 0;
      if (pw <= 0) continue;
      const pct = Math.round((100 * p.count) / total);
      out.push(`<rect x="${n(x0)}" y="${y0}" width="${n(pw)}" height="${barH}" fill="${p.color}"><title>${esc(`${row.label}: ${p.label} ${p.count} (${pct}%)`)}</title></rect>`);
      if (pw > 64) out.push(`<text x="${n(x0 + 6)}" y="${y0 + barH / 2 + 4}" class="in">${esc(p.label)} ${pct}%</text>`);
      else if (pw > 28) out.push(`<text x="${n(x0 + 4)}" y="${y0 + barH / 2 + 4}" class="in">${pct}%</text>`);
      x0 += pw;
    }
    const small = row.parts.filter((p) => total && (p.count / total) * w <= 64).map((p) => `${p.label} ${Math.round((100 * p.count) / (total || 1))}%`);
    if (small.length) out.push(`<text x="${left}" y="${y0 + barH + 14}" class="tick">${esc(small.join(' · '))}</text>`);
  });
  out.push('</svg>');
  return out.join('');
}

/** Vertical bars with counts: the first-response-time distribution. */
export function columnChart(bars: readonly { label: string; count: number }[], width = 520, height = 220): string {
  const left = 34;
  const bottom = 36;
  const top = 18;
  const w = width - left - 8;
  const h = height - top - bottom;
  const max = Math.max(1, ...bars.map((b) => b.count));
  const slot = w / Math.max(1, bars.length);
  const out: string[] = [`<svg viewBox="0 0 ${width} ${height}" role="img" aria-label="first response time distribution" class="chart">`];
  out.push(`<line x1="${left}" x2="${width - 8}" y1="${top + h}" y2="${top + h}" class="axis"/>`);
  bars.forEach((b, i) => {
    const bh = (b.count / max) * h;
    const x0 = left + i * slot + slot * 0.15;
    out.push(`<rect x="${n(x0)}" y="${n(top + h - bh)}" width="${n(slot * 0.7)}" height="${n(bh)}" class="col"><title>${esc(`${b.label}: ${b.count}`)}</title></rect>`);
    out.push(`<text x="${n(x0 + slot * 0.35)}" y="${n(top + h - bh - 5)}" class="tick" text-anchor="middle">${b.count}</text>`);
    out.push(`<text x="${n(x0 + slot * 0.35)}" y="${top + h + 18}" class="tick" text-anchor="middle">${esc(b.label)}</text>`);
  });
  out.push('</svg>');
  return out.join('');
}

/** Horizontal bars of a 0-100 score per row: the per-brand comparison. */
export function scoreBars(rows: readonly { label: string; value: number | null; note: string }[], width = 520): string {
  const left = 130;
  const right = 110;
  const barH = 16;
  const gap = 8;
  const height = Math.max(1, rows.length) * (barH + gap) + 8;
  const w = width - left - right;
  const out: string[] = [`<svg viewBox="0 0 ${width} ${height}" role="img" aria-label="health per brand account" class="chart">`];
  for (const tick of HEALTH_BANDS.filter((b) => Number.isFinite(b.min)).map((b) => b.min)) out.push(`<line x1="${n(left + (tick / 100) * w)}" x2="${n(left + (tick / 100) * w)}" y1="0" y2="${height}" class="grid"/>`);
  rows.forEach((row, r) => {
    const y0 = 4 + r * (barH + gap);
    const label = row.label.length > 18 ? `${row.label.slice(0, 17)}…` : row.label;
    out.push(`<text x="${left - 8}" y="${y0 + barH - 3}" class="label" text-anchor="end">${esc(label)}</text>`);
    out.push(`<rect x="${left}" y="${y0}" width="${w}" height="${barH}" class="track"/>`);
    if (row.value !== null) out.push(`<rect x="${left}" y="${y0}" width="${n((row.value / 100) * w)}" height="${barH}" fill="${healthColor(row.value)}"><title>${esc(`${row.label}: ${row.value.toFixed(1)} (${row.note})`)}</title></rect>`);
    out.push(`<text x="${left + w + 6}" y="${y0 + barH - 3}" class="tick">${row.value === null ? '—' : row.value.toFixed(1)} · ${esc(row.note)}</text>`);
  });
  out.push('</svg>');
  return out.join('');
}
