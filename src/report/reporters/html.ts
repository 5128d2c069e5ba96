// The HTML reporter: one self-contained page (no network, no scripts, no fonts) with inline SVG charts.
import { AXIS_LABELS, type Axis } from '../../model/types.js';
import { GROUP_TITLES, formatDuration, formatPercent, formatScore, labelShares, segments } from '../format.js';
import type { AtRiskItem, Grouping, Report } from '../types.js';
import { columnChart, esc, healthColor, lineChart, scoreBars, stackedBars } from './svg.js';
import { voiceSection } from './voice-html.js';

export interface HtmlOptions {
  /** Rows per grouping table, bars in the brand chart and at-risk items shown. */
  top?: number;
}

/** Good, middle, bad: the colour of a label by its place in AXIS_LABELS. */
const LABEL_COLORS = ['#2f9e63', '#c5ccd4', '#d1453b'];

const STYLE = `
:root{--ink:#1d2430;--muted:#5d6877;--line:#e3e7ec;--bg:#f6f7f9;--card:#fff}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:1120px;margin:0 auto;padding:28px 24px 40px}
h1{font-size:22px;margin:0 0 4px}
h2{font-size:16px;margin:0 0 12px}
.muted{color:var(--muted)}
.hero{display:flex;gap:24px;align-items:center;background:var(--card);border:1px solid var(--line);border-radius:10px;padding:18px 22px;margin:18px 0}
.score{font-size:48px;font-weight:700;line-height:1}
.score small{font-size:16px;color:var(--muted);font-weight:400}
.bar{height:10px;width:220px;background:var(--line);border-radius:5px;overflow:hidden;margin-top:8px}
.bar span{display:block;height:100%}
.kpis{display:grid;grid-template-columns:repeat(4,minmax(110px,1fr));gap:10px 22px;flex:1}
.kpi b{display:block;font-size:18px}
.kpi span{color:var(--muted);font-size:12px}
.grid2{display:grid;grid-template-columns:1fr 1fr;gap:16px}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:16px 18px;margin-bottom:16px}
.chart{width:100%;height:auto;display:block}
.chart .grid{stroke:var(--line);stroke-width:1}
.chart .axis{stroke:#aab3bd}
.chart .tick{fill:var(--muted);font-size:11px}
.chart .label{fill:var(--ink);font-size:12px}
.chart .in{fill:#fff;font-size:11px;font-weight:600}
.chart .line{fill:none;stroke:#3b6fd8;stroke-width:2.5}
.chart .area{fill:#3b6fd8;opacity:.08}
.chart .col{fill:#3b6fd8}
.chart .track{fill:var(--bg)}
.chart .empty{fill:var(--muted);font-size:13px}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{padding:5px 8px;border-bottom:1px solid var(--line);text-align:right;white-space:nowrap}
th:first-child,td:first-child{text-align:left}
td.key{max-width:220px;overflow:hidden;text-overflow:ellipsis}
th{color:var(--muted);font-weight:600}
td.cues{text-align:left;white-space:normal;font-size:12px;color:var(--muted)}
.hb{display:inline-block;width:60px;height:8px;background:var(--line);border-radius:4px;vertical-align:middle;margin-left:6px;overflow:hidden}
.hb span{display:block;height:100%}
ol.risk{list-style:none;margin:0;padding:0}
ol.risk li{border-top:1px solid var(--line);padding:10px 0}
ol.risk li:first-child{border-top:0}
.badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;font-weight:600;color:#fff;margin-right:4px}
.b-revoked{background:#7a3fb0}.b-negative{background:#d1453b}.b-unanswered{background:#d49a1f}
blockquote{margin:6px 0 0;padding:6px 10px;border-left:3px solid var(--line);background:var(--bg);border-radius:0 6px 6px 0;overflow-wrap:anywhere}
mark{background:#ffe08a;padding:0 2px;border-radius:3px}
code{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:var(--bg);padding:1px 4px;border-radius:4px}
footer{color:var(--muted);font-size:12px;margin-top:10px}
@media (max-width:800px){.grid2{grid-template-columns:1fr}.kpis{grid-template-columns:repeat(2,1fr)}}
`;

function healthCell(score: number | null): string {
  const width = score === null ? 0 : Math.round(score);
  return `${formatScore(score)}<span class="hb"><span style="width:${width}%;background:${healthColor(score)}"></span></span>`;
}

function groupTable(g: Pick<Grouping, 'by' | 'rows'>, top: number): string {
  const title = GROUP_TITLES[g.by] ?? g.by;
  const head = [title, 'exchanges', 'messages', 'health', 'E', 'P', 'I', 'C', 'reply rate', 'none', 'FRT median', 'FRT p90', 'top cues'];
  const rows = g.rows.slice(0, top).map((r) => {
    const a = r.axes;
    const cells = [
      `<td class="key" title="${esc(r.key)}">${esc(r.key)}</td>`,
      `<td>${r.exchanges}</td>`,
      `<td>${r.messages}</td>`,
      `<td>${healthCell(r.health)}</td>`,
      ...(['experience', 'permission', 'involvement', 'conversation'] as const).map((axis) => `<td>${formatScore(a[axis]?.value ?? null)}</td>`),
      `<td>${formatPercent(r.service.replyRate)}</td>`,
      `<td>${formatPercent(r.service.unansweredShare)}</td>`,
      `<td>${formatDuration(r.service.firstResponse.median)}</td>`,
      `<td>${formatDuration(r.service.firstResponse.p90)}</td>`,
      `<td class="cues">${r.topCues.map((c) => esc(c)).join('<br>')}</td>`,
    ];
    return `<tr>${cells.join('')}</tr>`;
  });
  const more = g.rows.length > top ? `<p class="muted">…and ${g.rows.length - top} more (--top to show more).</p>` : '';
  return `<section class="card"><h2>By ${esc(title)}</h2><table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>${more}</section>`;
}

function quote(item: AtRiskItem): string {
  return item.messages
    .map((m) => `<blockquote>${segments(m.text, m.highlights).map((s) => (s.mark ? `<mark>${esc(s.text)}</mark>` : esc(s.text))).join('')}</blockquote>`)
    .join('');
}

function atRiskSection(report: Report, top: number): string {
  const items = report.atRisk.items;
  if (!items.length) return '<section class="card"><h2>At risk</h2><p class="muted">No thread or customer whose latest exchange is negative, revoked or unanswered.</p></section>';
  const list = (kind: AtRiskItem['kind'], total: number): string => {
    const shown = items.filter((i) => i.kind === kind).slice(0, top);
    if (!shown.length) return '';
    const li = shown.map((i) => {
      const meta = [
        `${kind} <code>${esc(i.key)}</code>`,
        i.account ? `@${esc(i.account)}` : '',
        kind === 'customer' ? `thread <code>${esc(i.thread)}</code>` : '',
        i.time ? esc(i.time.slice(0, 16).replace('T', ' ')) : '',
        `health ${formatScore(i.health)}`,
      ].filter(Boolean);
      const cues = i.evidence.length ? ` · ${[...new Set(i.evidence.map((e) => e.cue))].map((c) => `<code>${esc(c)}</code>`).join(' ')}` : '';
      return `<li>${i.reasons.map((r) => `<span class="badge b-${r}">${r}</span>`).join('')} <span class="muted">${meta.join(' · ')}${cues}</span>${quote(i)}</li>`;
    });
    const more = total > shown.length ? `<p class="muted">…and ${total - shown.length} more (--top shows more; the JSON report keeps the worst ${items.filter((i) => i.kind === kind).length}).</p>` : '';
    return `<h2>${kind === 'thread' ? 'Threads' : 'Customers'} at risk <span class="muted">(${total})</span></h2><ol class="risk">${li.join('')}</ol>${more}`;
  };
  return `<section class="card" id="at-risk"><p class="muted" style="margin-top:0">Latest exchange negative, revoked or unanswered; worst first. Evidence is <mark>highlighted</mark> in the customer's words.</p>${list('thread', report.atRisk.threads)}${list('customer', report.atRisk.customers)}</section>`;
}

export function htmlReporter(report: Report, options: HtmlOptions = {}): string {
  const top = options.top ?? 15;
  const t = report.totals;
  const s = report.service;
  const score = report.health.score;
  const scope = report.scope;
  const period = report.trend.length ? `${report.trend[0]!.key} – ${report.trend[report.trend.length - 1]!.key}` : 'no dated exchanges';
  const kpis: [string, string][] = [
    [t.exchanges.toLocaleString('en-US'), 'exchanges'],
    [t.threads.toLocaleString('en-US'), 'threads'],
    [t.customers.toLocaleString('en-US'), 'customers'],
    [t.brands.toLocaleString('en-US'), 'brand accounts'],
    [formatPercent(s.replyRate), `reply rate (${s.answered}/${s.customerTurns})`],
    [formatPercent(s.unansweredShare), 'unanswered'],
    [formatDuration(s.firstResponse.median), 'first response, median'],
    [formatDuration(s.firstResponse.p90), 'first response, p90'],
  ];
  const axisRows = (Object.keys(AXIS_LABELS) as Axis[]).map((axis) => ({
    label: axis,
    parts: AXIS_LABELS[axis].map((label, i) => ({ label, count: report.axes[axis]?.labels[label] ?? 0, color: LABEL_COLORS[i]! })),
  }));
  const brands = report.brands.slice(0, Math.min(top, 12));
  const groupings = report.groupings.length ? report.groupings : [{ by: 'brand' as const, rows: report.brands }];
  const f = report.health.formula;
  const formulaRows = Object.entries(f.weights)
    .map(([axis, w]) => `<tr><td>${esc(axis)}</td><td>${w}</td><td style="text-align:left">${esc(Object.entries(f.values[axis as Axis] ?? {}).map(([l, v]) => `${l} ${v}`).join(', '))}</td></tr>`)
    .join('');
  const scopeText = [
    scope.since ? `since ${scope.since}` : '',
    scope.until ? `until ${scope.until}` : '',
    scope.brands.length ? `brands ${scope.brands.join(', ')}` : '',
    scope.excluded ? `${scope.excluded} exchanges outside the scope left out` : '',
    `weeks are ISO weeks in ${scope.timeZone}`,
    scope.now ? `as of ${scope.now}` : '',
  ].filter(Boolean);
  const diagnostics = report.diagnostics.total
    ? `<p><b>${report.diagnostics.total} records rejected</b>: ${esc(Object.entries(report.diagnostics.byCode).map(([c, k]) => `${c} ${k}`).join(', '))}</p>`
    : '';
  const body = [
    `<header><h1>rapport — relationship health</h1><div class="muted">${esc(report.inputs.map((i) => i.file).join(', ') || 'no inputs')} · ${esc(period)} · ${esc(scopeText.join(' · '))}</div></header>`,
    `<section class="hero"><div><div class="score" style="color:${healthColor(score)}">${formatScore(score)}<small> / 100</small></div><div class="bar"><span style="width:${score === null ? 0 : Math.round(score)}%;background:${healthColor(score)}"></span></div><div class="muted" style="margin-top:6px">health over ${report.health.scored.toLocaleString('en-US')} exchanges with a customer turn</div></div><div class="kpis">${kpis.map(([v, l]) => `<div class="kpi"><b>${esc(v)}</b><span>${esc(l)}</span></div>`).join('')}</div></section>`,
    `<div class="grid2">`,
    `<section class="card"><h2>Health per ISO week</h2>${lineChart(report.trend.map((r, i, all) => ({ label: i > 0 && all[i - 1]!.key.slice(0, 4) === r.key.slice(0, 4) ? r.key.slice(5) : r.key, value: r.health, title: `${r.key}: health ${formatScore(r.health)}, ${r.exchanges} exchanges` })))}</section>`,
    `<section class="card"><h2>Labels per EPIC axis</h2>${stackedBars(axisRows)}<p class="muted" style="margin:8px 0 0">RUE (share of brand replies): ${esc(Object.entries(report.rue).map(([k, r]) => `${k} ${formatPercent(r.share)}`).join(' · '))}</p></section>`,
    `<section class="card"><h2>First response time per thread</h2>${columnChart(report.frtDistribution.map((b) => ({ label: b.bucket, count: b.count })))}<p class="muted" style="margin:8px 0 0">median ${formatDuration(s.firstResponse.median)} · p90 ${formatDuration(s.firstResponse.p90)} · ${s.firstResponse.count} threads answered</p></section>`,
    `<section class="card"><h2>Health per brand account <span class="muted">(top ${brands.length} by volume)</span></h2>${scoreBars(brands.map((b) => ({ label: b.key, value: b.health, note: `${b.exchanges} exch` })))}</section>`,
    `</div>`,
    atRiskSection(report, top),
    voiceSection(report.voice, top),
    ...groupings.map((g) => groupTable(g, top)),
    `<section class="card"><h2>Top evidence cues</h2><table><thead><tr><th>cue</th><th>count</th><th style="text-align:left">example</th></tr></thead><tbody>${report.topCues.map((c) => `<tr><td><code>${esc(c.cue)}</code></td><td>${c.count}</td><td style="text-align:left;white-space:normal">“${esc(c.example.text)}”</td></tr>`).join('')}</tbody></table></section>`,
    `<section class="card"><h2>Health formula</h2><table><thead><tr><th>axis</th><th>weight</th><th style="text-align:left">label values</th></tr></thead><tbody>${formulaRows}</tbody></table><p class="muted">${esc(f.description)}</p><p class="muted">Axis labels: ${esc((Object.keys(report.axes) as string[]).map((a) => `${a}: ${labelShares(report.axes[a]!.labels)}`).join(' — '))}</p></section>`,
    `<section class="card"><h2>Inputs</h2><table><thead><tr><th>file</th><th>source</th><th>read</th><th>used</th><th>rejected</th></tr></thead><tbody>${report.inputs.map((i) => `<tr><td>${esc(i.file)}</td><td>${esc(i.source)}</td><td>${i.read}</td><td>${i.used}</td><td>${i.rejected}</td></tr>`).join('')}</tbody></table>${diagnostics}<p class="muted">${t.messages.toLocaleString('en-US')} messages · ${t.agents} agents · ${t.recordsRead.toLocaleString('en-US')} records read</p></section>`,
    `<footer>rapport ${esc(report.tool.version)} · report schema ${report.schemaVersion}</footer>`,
  ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>rapport — relationship health ${formatScore(score)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body.join('\n')}
</main>
</body>
</html>
`;
}
