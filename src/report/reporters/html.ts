// The HTML reporter: one self-contained dashboard page (no network, no fonts) with server-rendered SVG charts and
// tables; one inline script (allowed by its hash) adds sorting, the brand/agent filter and the drill-down.
import { createHash } from 'node:crypto';
import { AXIS_LABELS, type Axis } from '../../model/types.js';
import { terminalSafe } from '../../text/sanitize.js';
import { GROUP_TITLES, formatDuration, formatPercent, formatScore, labelShares, replyRateBasis, segments } from '../format.js';
import { weekNumber } from '../periods.js';
import type { AtRiskItem, DrillDown, DrillGroup, GroupRow, Grouping, Report, SortKey } from '../types.js';
import { PAGE_SCRIPT } from './html-script.js';
import { HEALTH_BANDS, NO_SCORE_COLOR, columnChart, esc, healthColor, scoreBars, stackedBars, trendChart } from './svg.js';
import { voiceSection } from './voice-html.js';
import { HTML_DRILL_PER_GROUP, HTML_TOP } from './html-limits.js';

export interface HtmlOptions {
  /** Rows per grouping table, bars in the brand chart and at-risk items shown. */
  top?: number;
}

export { HTML_DRILL_PER_GROUP, HTML_TOP };

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
.chart .vol{fill:#9db5e6;opacity:.55}
.chart .gap{fill:var(--bg)}
.legend{display:flex;flex-wrap:wrap;gap:4px 14px;margin:8px 0 0;padding:0;list-style:none;font-size:12px;color:var(--muted)}
.legend li{display:flex;align-items:center;gap:5px}
.legend i{display:inline-block;width:11px;height:11px;border-radius:50%}
.legend i.sq{border-radius:2px}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{padding:5px 7px;border-bottom:1px solid var(--line);text-align:right;white-space:nowrap}
th:first-child,td:first-child{text-align:left}
td.key .k{display:inline-block;max-width:170px;overflow:hidden;text-overflow:ellipsis;vertical-align:bottom}
th{color:var(--muted);font-weight:600;white-space:normal;vertical-align:bottom}
th button{all:unset}
.js th button{cursor:pointer}
th button:focus-visible,button.drill:focus-visible{outline:2px solid #3b6fd8;outline-offset:2px}
.js th button{text-decoration:underline dotted #aab3bd;text-underline-offset:3px}
th[aria-sort=ascending] button::after{content:"\\a0\\2191";opacity:1}
th[aria-sort=descending] button::after{content:"\\a0\\2193";opacity:1}
td.cues{text-align:left;white-space:normal;font-size:12px;color:var(--muted);min-width:165px;overflow-wrap:anywhere}
td.wrap{text-align:left;white-space:normal;overflow-wrap:anywhere}
button.drill{all:unset}
.js button.drill{cursor:pointer;color:#2457c5;text-decoration:underline dotted;text-underline-offset:2px}
.js-only{display:none}
.js .js-only{display:flex}
.toolbar{gap:10px 16px;flex-wrap:wrap;align-items:center;background:var(--card);border:1px solid var(--line);border-radius:10px;padding:10px 16px;margin:0 0 16px;font-size:13px}
.toolbar select{font:inherit;max-width:240px}
dialog{max-width:min(860px,94vw);width:100%;border:1px solid var(--line);border-radius:10px;padding:18px 22px}
dialog::backdrop{background:rgba(20,26,36,.45)}
dialog ol{list-style:none;margin:0;padding:0}
dialog li{border-top:1px solid var(--line);padding:10px 0}
.labels{margin-top:4px;display:flex;flex-wrap:wrap;gap:4px 8px;font-size:12px}
.label{background:var(--bg);border-radius:4px;padding:0 6px}
.role{display:inline-block;min-width:66px;color:var(--muted);font-size:11px;text-transform:uppercase}
blockquote.m-brand{border-left-color:#9db5e6}
.hb{display:inline-block;width:40px;height:8px;background:var(--line);border-radius:4px;vertical-align:middle;margin-left:6px;overflow:hidden}
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

/** The health bands as a legend, from HEALTH_BANDS: the thresholds every colour on the page follows. */
export function healthLegend(extra: readonly string[] = []): string {
  const items = HEALTH_BANDS.map((band, i) => {
    const above = HEALTH_BANDS[i - 1];
    const range = !above ? `${band.min} and above` : Number.isFinite(band.min) ? `${band.min} to under ${above.min}` : `under ${above.min}`;
    return `<li><i style="background:${band.color}"></i>${esc(band.name)}: ${esc(range)}</li>`;
  });
  items.push(`<li><i style="background:${NO_SCORE_COLOR}"></i>no score (no customer turn)</li>`);
  return `<ul class="legend" aria-label="health colours">${[...items, ...extra].join('')}</ul>`;
}

/** A numeric cell: shown as `text`, sorted by `value` (empty when there is none). */
const num = (value: number | null, text: string = value === null ? '—' : String(value)): string => `<td data-v="${value ?? ''}">${text}</td>`;

/** A header cell: a button to sort by it (with the script), `num` columns numerically; `sort` marks the server's order. */
function th(label: string, type: 'num' | 'text', sort?: 'ascending' | 'descending' | 'none'): string {
  return `<th data-type="${type}"${sort ? ` aria-sort="${sort}"` : ''}><button type="button">${esc(label)}</button></th>`;
}

/** The column a grouping's rows are already ordered by, and which way. */
const SERVER_ORDER: Record<SortKey, [column: number, dir: 'ascending' | 'descending']> = {
  time: [0, 'ascending'],
  volume: [1, 'descending'],
  health: [3, 'ascending'],
  frt: [10, 'descending'],
};

/** Where the drill-down data has a group: its index in `DrillDown.groups`, by `by` and key. */
type DrillIndex = Map<string, { index: number; group: DrillGroup }>;
const drillKey = (by: string, key: string): string => `${by}\u0000${key}`;

function groupTable(g: Pick<Grouping, 'by' | 'rows' | 'sort'>, top: number, drill: DrillIndex): string {
  const title = GROUP_TITLES[g.by] ?? g.by;
  const [sortColumn, sortDir] = SERVER_ORDER[g.sort];
  const cols: [string, 'num' | 'text'][] = [
    [title, 'text'], ['exchanges', 'num'], ['messages', 'num'], ['health', 'num'], ['E', 'num'], ['P', 'num'], ['I', 'num'], ['C', 'num'],
    ['reply rate', 'num'], ['none', 'num'], ['FRT median', 'num'], ['FRT p90', 'num'], ['top cues', 'text'],
  ];
  const head = cols.map(([label, type], i) => th(label, type, i === sortColumn ? sortDir : 'none')).join('');
  const rows = g.rows.slice(0, top).map((r) => {
    const a = r.axes;
    const found = g.by === 'brand' || g.by === 'agent' ? drill.get(drillKey(g.by, r.key)) : undefined;
    const key = `<span class="k">${found ? `<button type="button" class="drill" data-drill="${found.index}" title="${esc(`the exchanges behind ${r.key}`)}">${esc(r.key)}</button>` : esc(r.key)}</span>`;
    const brand = g.by === 'brand' ? (r.key === '(none)' ? null : r.key) : found?.group.brand ?? null;
    const attrs = [brand !== null ? ` data-brand="${esc(brand)}"` : '', g.by === 'agent' ? ` data-agent="${esc(r.key)}"` : ''].join('');
    const cells = [
      `<td class="key" title="${esc(r.key)}">${key}</td>`,
      num(r.exchanges),
      num(r.messages),
      `<td data-v="${r.health ?? ''}">${healthCell(r.health)}</td>`,
      ...(['experience', 'permission', 'involvement', 'conversation'] as const).map((axis) => num(a[axis]?.value ?? null, formatScore(a[axis]?.value ?? null))),
      num(r.service.replyRate, formatPercent(r.service.replyRate)),
      num(r.service.unansweredShare, formatPercent(r.service.unansweredShare)),
      num(r.service.firstResponse.median, formatDuration(r.service.firstResponse.median)),
      num(r.service.firstResponse.p90, formatDuration(r.service.firstResponse.p90)),
      `<td class="cues">${r.topCues.map((c) => esc(c).replace(/\./g, '.<wbr>')).join('<br>')}</td>`,
    ];
    return `<tr${attrs}>${cells.join('')}</tr>`;
  });
  const more = g.rows.length > top ? `<p class="muted">…and ${g.rows.length - top} more (--top to show more).</p>` : '';
  const hint = g.by === 'brand' || g.by === 'agent' ? ' <span class="muted js-only" style="display:inline;font-weight:400">— click a name for its exchanges</span>' : '';
  return `<section class="card" id="by-${esc(g.by)}"><h2>By ${esc(title)}${hint}</h2><div class="scroll"><table class="sortable"><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></div>${more}</section>`;
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
      return `<li${i.account ? ` data-brand="${esc(i.account)}"` : ''}>${i.reasons.map((r) => `<span class="badge b-${r}">${r}</span>`).join('')} <span class="muted">${meta.join(' · ')}${cues}</span>${quote(i)}</li>`;
    });
    const more = total > shown.length ? `<p class="muted">…and ${total - shown.length} more (--top shows more; the JSON report keeps the worst ${items.filter((i) => i.kind === kind).length}).</p>` : '';
    return `<h2>${kind === 'thread' ? 'Threads' : 'Customers'} at risk <span class="muted">(${total})</span></h2><ol class="risk">${li.join('')}</ol>${more}`;
  };
  return `<section class="card" id="at-risk"><p class="muted" style="margin-top:0">Latest exchange negative, revoked or unanswered; worst first. Evidence is <mark>highlighted</mark> in the customer's words.</p>${list('thread', report.atRisk.threads)}${list('customer', report.atRisk.customers)}</section>`;
}

/**
 * The drill-down data as the page embeds it: every string made terminal-safe (as `esc` makes the
 * markup), messages cut into plain and marked runs so the script only appends text.
 */
function pageData(drill: DrillDown | undefined): unknown {
  const t = (s: string | null): string | null => (s === null ? null : terminalSafe(s));
  return {
    perGroup: drill?.perGroup ?? 0,
    groups: (drill?.groups ?? []).map((g) => ({ by: g.by, key: t(g.key), exchanges: g.exchanges, brand: t(g.brand), shown: g.shown })),
    exchanges: (drill?.exchanges ?? []).map((x) => ({
      id: t(x.id),
      thread: t(x.thread),
      account: t(x.account),
      agent: t(x.agent),
      time: x.time,
      health: x.health,
      reasons: x.reasons,
      labels: Object.fromEntries(Object.entries(x.labels).map(([axis, label]) => [t(axis), t(label)])),
      cues: x.cues.map(t),
      messages: x.messages.map((m) => ({ role: m.role, parts: segments(m.text, m.highlights).map((seg) => [terminalSafe(seg.text), seg.mark ? terminalSafe(seg.cue ?? '') : null]) })),
      moreMessages: x.moreMessages,
    })),
  };
}

/** JSON that is safe inside a `<script>` element: `<`, `>` and `&` (and the JS line separators) as \u escapes. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const SCRIPT_HASH = `sha256-${createHash('sha256').update(PAGE_SCRIPT).digest('base64')}`;

/** The page's Content-Security-Policy: nothing from the network, inline styles, and only the page's own script. */
export const CSP = `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src '${SCRIPT_HASH}'`;

/** The brand and agent filter (shown only with the script, which makes it work). */
function toolbar(brandRows: readonly GroupRow[], drill: DrillDown | undefined): string {
  const agents = (drill?.groups ?? []).filter((g) => g.by === 'agent');
  const brandOptions = brandRows.filter((r) => r.key !== '(none)').map((r) => `<option value="${esc(r.key)}">${esc(r.key)}</option>`);
  const agentOptions = agents.filter((g) => g.key !== '(none)').map((g) => `<option value="${esc(g.key)}"${g.brand !== null ? ` data-brand="${esc(g.brand)}"` : ''}>${esc(g.key)}</option>`);
  return `<section class="toolbar js-only" aria-label="filters"><label>Brand <select id="filter-brand"><option value="">all brands</option>${brandOptions.join('')}</select></label><label>Agent <select id="filter-agent"><option value="">all agents</option>${agentOptions.join('')}</select></label><button type="button" id="filter-reset">reset</button><output id="filter-status" class="muted"></output><span class="muted">Filters hide the brand and agent rows, at-risk items and drill-down exchanges of others; weekly figures are of all brands.</span></section>`;
}

export function htmlReporter(report: Report, options: HtmlOptions = {}): string {
  const top = options.top ?? HTML_TOP;
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
    [formatPercent(s.replyRate), `reply rate (${esc(replyRateBasis(s))})`],
    [formatPercent(s.unansweredShare), 'unanswered'],
    [formatDuration(s.firstResponse.median), 'first response, median'],
    [formatDuration(s.firstResponse.p90), 'first response, p90'],
  ];
  const axisRows = (Object.keys(AXIS_LABELS) as Axis[]).map((axis) => ({
    label: axis,
    parts: AXIS_LABELS[axis].map((label, i) => ({ label, count: report.axes[axis]?.labels[label] ?? 0, color: LABEL_COLORS[i]! })),
  }));
  const brands = report.brands.slice(0, Math.min(top, 12));
  // The brand table always, first unless --by placed it: it is where a brand's drill-down starts.
  const groupings: Pick<Grouping, 'by' | 'rows' | 'sort'>[] = report.groupings.some((g) => g.by === 'brand')
    ? report.groupings
    : [{ by: 'brand', rows: report.brands, sort: report.groupings[0]?.sort === 'time' || !report.groupings.length ? 'volume' : report.groupings[0]!.sort }, ...report.groupings];
  const drillIndex: DrillIndex = new Map((report.drill?.groups ?? []).map((group, index) => [drillKey(group.by, group.key), { index, group }]));
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
  const trendPoints = report.trend.flatMap((r) => {
    const week = weekNumber(r.key);
    return week === null ? [] : [{ week, label: r.key, value: r.health, volume: r.exchanges, title: `${r.key}: health ${formatScore(r.health)}, ${r.exchanges} exchanges` }];
  });
  const trendLegend = healthLegend([
    '<li><i class="sq" style="background:#9db5e6"></i>exchanges per week (bars, right axis)</li>',
    '<li>// axis cut: a long stretch without exchanges; a missing week leaves a gap in the line</li>',
  ]);
  const drillShown = report.drill ? report.drill.exchanges.length : 0;
  const body = [
    `<header><h1>rapport — relationship health</h1><div class="muted">${esc(report.inputs.map((i) => i.file).join(', ') || 'no inputs')} · ${esc(period)} · ${esc(scopeText.join(' · '))}</div></header>`,
    `<section class="hero"><div><div class="score" style="color:${healthColor(score)}">${formatScore(score)}<small> / 100</small></div><div class="bar"><span style="width:${score === null ? 0 : Math.round(score)}%;background:${healthColor(score)}"></span></div><div class="muted" style="margin-top:6px">health over ${report.health.scored.toLocaleString('en-US')} exchanges with a customer turn</div>${healthLegend()}</div><div class="kpis">${kpis.map(([v, l]) => `<div class="kpi"><b>${esc(v)}</b><span>${esc(l)}</span></div>`).join('')}</div></section>`,
    toolbar(groupings.find((g) => g.by === 'brand')!.rows.slice(0, top), report.drill),
    `<div class="grid2">`,
    `<section class="card" id="trend"><h2>Health per ISO week</h2>${trendChart(trendPoints)}${trendLegend}</section>`,
    `<section class="card"><h2>Labels per EPIC axis</h2>${stackedBars(axisRows)}<p class="muted" style="margin:8px 0 0">RUE (share of brand replies): ${esc(Object.entries(report.rue).map(([k, r]) => `${k} ${formatPercent(r.share)}`).join(' · '))}</p></section>`,
    `<section class="card"><h2>First response time per thread</h2>${columnChart(report.frtDistribution.map((b) => ({ label: b.bucket, count: b.count })))}<p class="muted" style="margin:8px 0 0">median ${formatDuration(s.firstResponse.median)} · p90 ${formatDuration(s.firstResponse.p90)} · ${s.firstResponse.count} threads answered</p></section>`,
    `<section class="card"><h2>Health per brand account <span class="muted">(top ${brands.length} by volume)</span></h2>${scoreBars(brands.map((b) => ({ label: b.key, value: b.health, note: `${b.exchanges} exch` })))}${healthLegend()}</section>`,
    `</div>`,
    ...groupings.map((g) => groupTable(g, top, drillIndex)),
    atRiskSection(report, top),
    voiceSection(report.voice, top),
    `<section class="card"><h2>Top evidence cues</h2><div class="scroll"><table class="sortable"><thead><tr>${th('cue', 'text')}${th('count', 'num', 'descending')}<th style="text-align:left">example</th></tr></thead><tbody>${report.topCues.map((c) => `<tr><td><code>${esc(c.cue)}</code></td>${num(c.count)}<td class="wrap">“${esc(c.example.text)}”</td></tr>`).join('')}</tbody></table></div></section>`,
    `<section class="card"><h2>Health formula</h2><div class="scroll"><table><thead><tr><th>axis</th><th>weight</th><th style="text-align:left">label values</th></tr></thead><tbody>${formulaRows}</tbody></table></div><p class="muted">${esc(f.description)}</p><p class="muted">Axis labels: ${esc((Object.keys(report.axes) as string[]).map((a) => `${a}: ${labelShares(report.axes[a]!.labels)}`).join(' — '))}</p></section>`,
    `<section class="card"><h2>Inputs</h2><div class="scroll"><table class="sortable"><thead><tr>${th('file', 'text')}${th('source', 'text')}${th('read', 'num')}${th('used', 'num')}${th('rejected', 'num')}</tr></thead><tbody>${report.inputs.map((i) => `<tr><td class="wrap">${esc(i.file)}</td><td>${esc(i.source)}</td>${num(i.read)}${num(i.used)}${num(i.rejected)}</tr>`).join('')}</tbody></table></div>${diagnostics}<p class="muted">${t.messages.toLocaleString('en-US')} messages · ${t.agents} agents · ${t.recordsRead.toLocaleString('en-US')} records read${report.drill ? ` · ${drillShown.toLocaleString('en-US')} of ${t.exchanges.toLocaleString('en-US')} exchanges embedded for the drill-down (at most ${report.drill.perGroup} per brand or agent row, worst first)` : ''}</p></section>`,
    `<footer>rapport ${esc(report.tool.version)} · report schema ${report.schemaVersion}</footer>`,
  ];
  const dialog = `<dialog id="drill" aria-labelledby="drill-title"><button type="button" id="drill-close" style="float:right">close</button><h2 id="drill-title"></h2><p id="drill-note" class="muted"></p><ol id="drill-list"></ol></dialog>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>rapport — relationship health ${formatScore(score)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body.join('\n')}
</main>
${dialog}
<script type="application/json" id="rapport-data">${scriptJson(pageData(report.drill))}</script>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
}
