// Inline SVG charts for the HTML report: pure string builders, fixed decimals so output is byte-stable.

import { htmlEscape, terminalSafe } from '../../text/sanitize.js';

/** Escape text from the data for HTML text and attribute values (`& < > " ' \``, as htmlEscape); control characters and bidi overrides are dropped. */
export function esc(text: string): string {
  return htmlEscape(terminalSafe(text));
}

const n = (v: number): string => (Math.round(v * 10) / 10).toString();

/** Colour of a 0-100 health score: red under 50, amber under 70, green above. */
export function healthColor(score: number | null): string {
  return score === null ? '#9aa3ad' : score >= 70 ? '#2f9e63' : score >= 50 ? '#d49a1f' : '#d1453b';
}

/** A line of points (label, value 0-100 or null) with a 0-100 axis: the weekly health trend. */
export function lineChart(points: readonly { label: string; value: number | null; title: string }[], width = 520, height = 220): string {
  const left = 34;
  const right = 12;
  const top = 12;
  const bottom = 40;
  const w = width - left - right;
  const h = height - top - bottom;
  const x = (i: number): number => left + (points.length <= 1 ? w / 2 : (i * w) / (points.length - 1));
  const y = (v: number): number => top + h - (v / 100) * h;
  const parts: string[] = [`<svg viewBox="0 0 ${width} ${height}" role="img" aria-label="health per week" class="chart">`];
  for (const tick of [0, 25, 50, 75, 100]) {
    parts.push(`<line x1="${left}" x2="${width - right}" y1="${n(y(tick))}" y2="${n(y(tick))}" class="grid"/><text x="${left - 6}" y="${n(y(tick) + 4)}" class="tick" text-anchor="end">${tick}</text>`);
  }
  const defined = points.map((p, i) => ({ ...p, i })).filter((p): p is typeof p & { value: number } => p.value !== null);
  if (defined.length > 1) {
    const path = defined.map((p, k) => `${k ? 'L' : 'M'}${n(x(p.i))},${n(y(p.value))}`).join(' ');
    const area = `${path} L${n(x(defined[defined.length - 1]!.i))},${n(y(0))} L${n(x(defined[0]!.i))},${n(y(0))} Z`;
    parts.push(`<path d="${area}" class="area"/><path d="${path}" class="line"/>`);
  }
  for (const p of defined) {
    parts.push(`<circle cx="${n(x(p.i))}" cy="${n(y(p.value))}" r="4" fill="${healthColor(p.value)}"><title>${esc(p.title)}</title></circle>`);
  }
  const every = Math.max(1, Math.ceil(points.length / 8));
  points.forEach((p, i) => {
    if (i % every === 0 || i === points.length - 1) parts.push(`<text x="${n(x(i))}" y="${height - bottom + 18}" class="tick" text-anchor="middle">${esc(p.label)}</text>`);
  });
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
  for (const tick of [50, 70]) out.push(`<line x1="${n(left + (tick / 100) * w)}" x2="${n(left + (tick / 100) * w)}" y1="0" y2="${height}" class="grid"/>`);
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
