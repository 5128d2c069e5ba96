import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { weekNumber } from '../../src/report/periods.js';
import { PAGE_SCRIPT } from '../../src/report/reporters/html-script.js';
import { CSP, htmlReporter, scriptJson } from '../../src/report/reporters/html.js';
import { HEALTH_BANDS, healthColor, trendChart } from '../../src/report/reporters/svg.js';
import type { GroupRow, Report } from '../../src/report/types.js';
import { dumpDom, findChromium, runInPage, screenshot } from './chromium.js';
import { sampleDrill, sampleReport } from './sample-report.js';

const report: Report = { ...sampleReport(), drill: sampleDrill() };
const html = htmlReporter(report);

/** The page's JSON data block, parsed. */
function pageData(page: string): any {
  const m = /<script type="application\/json" id="rapport-data">([^<]*)<\/script>/.exec(page);
  return JSON.parse(m![1]!);
}

/** A report whose weekly trend misses 2017-W45 and jumps from 2011 to 2017. */
function gappedReport(): Report {
  const base = sampleReport();
  const row = (key: string, health: number, exchanges: number): GroupRow => ({ ...base.trend[0]!, key, health, exchanges });
  return { ...base, drill: sampleDrill(), trend: [row('2011-W35', 40, 1), row('2017-W43', 55, 20), row('2017-W44', 66, 400), row('2017-W46', 52, 30), row('2017-W47', 71, 10)] };
}

describe('html reporter', () => {
  it('is one self-contained page: no external resources, one script allowed by its hash, a CSP that forbids the rest', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<link|@import|url\(|<iframe|<object|<embed/i);
    expect(html).not.toMatch(/\b(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?\/\//i);
    expect(html).not.toMatch(/https?:\/\//i);
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.map((m) => m[1])).toEqual([' type="application/json" id="rapport-data"', '']);
    expect(scripts[1]![2]).toBe(PAGE_SCRIPT);
    const hash = createHash('sha256').update(PAGE_SCRIPT).digest('base64');
    expect(CSP).toBe(`default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-${hash}'`);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${CSP}">`);
  });

  it('has the four charts, the at-risk list with highlighted evidence, grouping tables and the formula', () => {
    expect(html.match(/<svg /g)).toHaveLength(4);
    for (const label of ['health per week', 'label shares per axis', 'first response time distribution', 'health per brand account']) expect(html).toContain(`aria-label="${label}"`);
    expect(html).toContain('I am <mark>sick of</mark> this &lt;script&gt;alert(1)&lt;/script&gt;, <mark>stop emailing me</mark>');
    expect(html).toContain('<span class="badge b-revoked">revoked</span><span class="badge b-negative">negative</span>');
    expect(html).toContain('<h2>By account');
    expect(html).toContain('<h2>By ISO week</h2>');
    expect(html).toContain('<h2>By agent');
    expect(html).toContain('=HYPERLINK(&quot;x&quot;)');
    expect(html).toContain('<tr><td>experience</td><td>0.4</td>');
    expect(html).toContain('>Evil|Brand<');
    expect(html).not.toContain('\u001b');
  });

  it('explains the health colours with a legend taken from the thresholds the colours use', () => {
    const [good, fair, poor] = HEALTH_BANDS;
    expect(html).toContain(`<li><i style="background:${good.color}"></i>good: ${good.min} and above</li>`);
    expect(html).toContain(`<li><i style="background:${fair.color}"></i>fair: ${fair.min} to under ${good.min}</li>`);
    expect(html).toContain(`<li><i style="background:${poor.color}"></i>poor: under ${fair.min}</li>`);
    // The legend's numbers are the ones healthColor switches at.
    expect(healthColor(good.min)).toBe(good.color);
    expect(healthColor(good.min - 0.1)).toBe(fair.color);
    expect(healthColor(fair.min - 0.1)).toBe(poor.color);
    expect(html).toContain('exchanges per week (bars, right axis)');
  });

  it('puts weeks on a time axis: a missing week is a gap in the line, years apart an axis break, volume as bars', () => {
    const svg = trendChart(gappedReport().trend.map((r) => ({ week: weekNumber(r.key)!, label: r.key, value: r.health, volume: r.exchanges, title: r.key })));
    const cx = Object.fromEntries([...svg.matchAll(/<circle cx="([\d.]+)"[^>]*data-week="([^"]+)"/g)].map((m) => [m[2]!, Number(m[1])]));
    const step = cx['2017-W44']! - cx['2017-W43']!;
    expect(step).toBeGreaterThan(0);
    expect(cx['2017-W46']! - cx['2017-W44']!).toBeCloseTo(2 * step, 0);
    expect(cx['2017-W47']! - cx['2017-W46']!).toBeCloseTo(step, 0);
    // 2011 sits left of a cut axis, not six years' width away.
    expect(cx['2017-W43']! - cx['2011-W35']!).toBeLessThan(3 * step);
    expect(svg).toContain('class="break"');
    expect(svg).toMatch(/no exchanges for \d+ weeks; the axis is cut here/);
    // The line: W43–W44 joined, W46–W47 joined, nothing across the missing W45 or the cut.
    const d = /<path d="([^"]+)" class="line"/.exec(svg)![1]!;
    expect(d.match(/M/g)).toHaveLength(3);
    expect(d.match(/L/g)).toHaveLength(2);
    expect(svg.match(/class="vol"/g)).toHaveLength(5);
    expect(svg).toContain('>exchanges</text>');
    expect(svg).toContain('>500</text>');
  });

  it('marks each sortable column and the order the server sent', () => {
    expect(html).toContain('<th data-type="num" aria-sort="descending"><button type="button">exchanges</button></th>');
    expect(html).toContain('<th data-type="text" aria-sort="ascending"><button type="button">ISO week</button></th>');
    expect(html.match(/<table class="sortable">/g)!.length).toBeGreaterThanOrEqual(4);
  });

  it('embeds the drill-down exchanges as JSON that cannot close its script element, and links rows to them', () => {
    expect(html).not.toContain('</script><script>alert');
    expect(html).not.toContain('<img src=x');
    const data = pageData(html);
    expect(data.exchanges[0].messages[0].parts).toEqual([
      ['I am ', null],
      ['sick of', 'experience.complaint'],
      [' this </script><script>alert(1)</script> <img src=x onerror=alert(2)>, ', null],
      ['stop emailing me', 'permission.revoked.stop'],
    ]);
    expect(data.groups[1].key).toBe('Evil|Brand');
    expect(JSON.stringify(data)).not.toContain('\u001b');
    expect(scriptJson({ t: '</script>&\u2028' })).toBe('{"t":"\\u003c/script\\u003e\\u0026\\u2028"}');
    expect(html).toContain('<tr data-brand="AcmeHelp"><td class="key" title="AcmeHelp"><span class="k"><button type="button" class="drill" data-drill="0"');
    expect(html).toContain('<tr data-brand="AcmeHelp" data-agent="=HYPERLINK(&quot;x&quot;)"><td class="key" title="=HYPERLINK(&quot;x&quot;)"><span class="k"><button type="button" class="drill" data-drill="2"');
    expect(html).toContain('<li data-brand="AcmeHelp"><span class="badge b-revoked">');
    expect(html).toContain('3 of 5 exchanges embedded for the drill-down (at most 10 per brand or agent row, worst first)');
  });

  it('renders untrusted text in the script only through DOM text APIs', () => {
    expect(PAGE_SCRIPT).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/);
    expect(PAGE_SCRIPT).not.toContain('</');
  });

  it('is byte-identical from run to run', () => {
    expect(htmlReporter({ ...sampleReport(), drill: sampleDrill() })).toBe(html);
  });
});

const chromium = findChromium();
const BIN = join(import.meta.dirname, '../../bin/rapport.js');
const tmp = mkdtempSync(join(tmpdir(), 'rapport-html-'));
const realPage = join(tmp, 'report.html');
const make = (out: string, ...args: string[]) =>
  spawnSync(process.execPath, [BIN, 'analyze', 'fixtures/twcs-sample.csv', '-f', 'html', '-o', out, '--by', 'agent', '--by', 'week', ...args], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });

describe('html report of a real export', () => {
  it('is written with the drill-down data, at most perGroup exchanges per group', () => {
    const made = make(realPage);
    expect(made.status, made.stderr).toBe(0);
    const data = pageData(readFileSync(realPage, 'utf8'));
    expect(data.groups.some((g: any) => g.by === 'agent')).toBe(true);
    for (const g of data.groups) expect(g.shown.length).toBeLessThanOrEqual(data.perGroup);
  });
});

/** What the interaction checks read back from a page. */
const INTERACT = String.raw`
  var out = { page: { text: document.body.innerText, marks: document.querySelectorAll('#at-risk mark').length, js: document.documentElement.className } };
  var byAgent = document.querySelector('#by-agent table');
  var rowsOf = function (t) { return Array.prototype.map.call(t.tBodies[0].rows, function (r) { return r.cells[0].textContent; }); };
  var col = function (t, i) { return Array.prototype.map.call(t.tBodies[0].rows, function (r) { return r.cells[i].getAttribute('data-v'); }); };
  out.before = rowsOf(byAgent);
  var exchangesHead = byAgent.tHead.rows[0].cells[1];
  var messagesHead = byAgent.tHead.rows[0].cells[2];
  out.exchangesBefore = exchangesHead.getAttribute('aria-sort');
  exchangesHead.querySelector('button').click();
  out.afterExchanges = { sort: exchangesHead.getAttribute('aria-sort'), values: col(byAgent, 1), messages: messagesHead.getAttribute('aria-sort') };
  messagesHead.querySelector('button').click();
  out.afterMessages = { sort: messagesHead.getAttribute('aria-sort'), values: col(byAgent, 2), exchanges: exchangesHead.getAttribute('aria-sort') };
  var keyHead = byAgent.tHead.rows[0].cells[0];
  keyHead.querySelector('button').click();
  out.afterKey = { sort: keyHead.getAttribute('aria-sort'), others: exchangesHead.getAttribute('aria-sort'), rows: rowsOf(byAgent) };
  keyHead.querySelector('button').click();
  out.afterKeyAgain = { sort: keyHead.getAttribute('aria-sort'), rows: rowsOf(byAgent) };
  var health = byAgent.tHead.rows[0].cells[3];
  health.querySelector('button').click();
  out.health = col(byAgent, 3);

  var brand = document.getElementById('filter-brand');
  var visible = function (sel) { return Array.prototype.filter.call(document.querySelectorAll(sel), function (e) { return !e.hidden; }); };
  out.brandRowsBefore = visible('#by-brand tbody tr').length;
  // A brand with an at-risk item on the page and a row in the brand table.
  var options = Array.prototype.map.call(brand.options, function (o) { return o.value; });
  brand.value = Array.prototype.map.call(document.querySelectorAll('#at-risk li[data-brand]'), function (li) { return li.getAttribute('data-brand'); }).filter(function (b) { return options.indexOf(b) > 0; })[0];
  brand.dispatchEvent(new Event('change'));
  out.brand = brand.value;
  out.brandRows = visible('#by-brand tbody tr').map(function (r) { return r.getAttribute('data-brand'); });
  out.agentRowBrands = visible('#by-agent tbody tr').map(function (r) { return r.getAttribute('data-brand'); });
  out.riskBrands = visible('#at-risk li').map(function (r) { return r.getAttribute('data-brand'); });
  out.status = document.getElementById('filter-status').textContent;
  document.getElementById('filter-reset').click();
  out.brandRowsReset = visible('#by-brand tbody tr').length;

  var agent = document.getElementById('filter-agent');
  agent.value = agent.options[2].value;
  agent.dispatchEvent(new Event('change'));
  out.agent = agent.value;
  out.agentRows = visible('#by-agent tbody tr').map(function (r) { return r.getAttribute('data-agent'); });
  document.getElementById('filter-reset').click();

  var button = document.querySelector('#by-brand button.drill');
  out.drillKey = button.textContent;
  button.click();
  var dialog = document.getElementById('drill');
  out.dialogOpen = dialog.open;
  out.drillTitle = document.getElementById('drill-title').textContent;
  out.drillNote = document.getElementById('drill-note').textContent;
  out.drillItems = dialog.querySelectorAll('#drill-list > li').length;
  out.marks = Array.prototype.map.call(dialog.querySelectorAll('mark'), function (m) { return [m.textContent, m.title]; });
  out.roles = Array.prototype.map.call(dialog.querySelectorAll('blockquote .role'), function (r) { return r.textContent; });
  out.labels = dialog.querySelector('.labels') ? dialog.querySelector('.labels').textContent : null;
  document.getElementById('drill-close').click();
  out.dialogClosed = !dialog.open;
  return out;
`;

/** Every card that is wider inside than it shows, and every table wider than its card. */
const OVERFLOW = String.raw`
  var bad = [];
  Array.prototype.forEach.call(document.querySelectorAll('.card, .hero, .toolbar'), function (card) {
    if (card.scrollWidth > card.clientWidth + 1) bad.push({ card: (card.querySelector('h2') || card).textContent.slice(0, 40), scroll: card.scrollWidth, client: card.clientWidth });
  });
  var tables = Array.prototype.map.call(document.querySelectorAll('table'), function (t) {
    var card = t.closest('.card').getBoundingClientRect();
    var box = t.getBoundingClientRect();
    var scroller = t.closest('.scroll');
    return { title: (t.closest('.card').querySelector('h2') || t).textContent.slice(0, 40), fits: box.right <= card.right + 0.5 && box.left >= card.left - 0.5, scrolls: !!scroller && scroller.scrollWidth > scroller.clientWidth };
  });
  return { bad: bad, tables: tables, page: { scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth } };
`;

if (!chromium) console.warn('html.test.ts: browser checks skipped — no chromium installed (apt-get install chromium, or CHROMIUM=/path/to/chrome)');
describe.skipIf(!chromium)('html report in headless Chromium', () => {
  let interact: { result: any; console: string[] };
  beforeAll(() => {
    if (!existsSync(realPage)) expect(make(realPage).status).toBe(0);
    interact = runInPage(chromium!, realPage, `var wide = (function () { ${OVERFLOW} })();\n${INTERACT.replace('return out;', 'out.wide = wide; return out;')}`);
  });

  it('catches console messages (a page that breaks its own CSP)', () => {
    const bad = join(tmp, 'bad.html');
    writeFileSync(bad, `<!doctype html><meta http-equiv="Content-Security-Policy" content="default-src 'none'"><p>x</p><script>console.error('boom')</script>`);
    expect(dumpDom(chromium!, bad).console.length).toBeGreaterThan(0);
  });

  it('renders the report of a real export to a PNG, with the text on the page and no console messages', () => {
    const page = interact.result.page;
    expect(interact.console).toEqual([]);
    expect(page.text).toContain('rapport — relationship health');
    expect(page.text).toContain('Health per ISO week');
    expect(page.text).toContain('Threads at risk');
    expect(page.text).toContain('sprintcare');
    expect(page.marks).toBeGreaterThan(0);
    expect(page.js).toBe('js');
    const png = join(tmp, 'report.png');
    const shot = screenshot(chromium!, realPage, png);
    expect(shot.console).toEqual([]);
    expect(existsSync(png)).toBe(true);
    expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
    expect(statSync(png).size).toBeGreaterThan(20_000);
  });

  it('sorts a table by the header clicked: numbers as numbers, text as text, with aria-sort', () => {
    const r = interact.result;
    expect(interact.console).toEqual([]);
    expect(r.error).toBeUndefined();
    // A number column sorts largest first on the first click.
    const messages = r.afterMessages.values.map(Number);
    expect(r.afterMessages.sort).toBe('descending');
    expect(r.afterMessages.exchanges).toBe('none');
    expect(messages).toEqual([...messages].sort((a: number, b: number) => b - a));
    // The agent table came by volume (exchanges, descending, so marked): a click turns it around.
    expect(r.exchangesBefore).toBe('descending');
    const exchanges = r.afterExchanges.values.map(Number);
    expect(r.afterExchanges.sort).toBe('ascending');
    expect(r.afterExchanges.messages).toBe('none');
    expect(exchanges).toEqual([...exchanges].sort((a: number, b: number) => a - b));
    expect(r.afterKey.sort).toBe('ascending');
    expect(r.afterKey.others).toBe('none');
    expect(r.afterKey.rows).not.toEqual(r.before);
    expect(r.afterKey.rows).toEqual([...r.afterKey.rows].sort((a: string, b: string) => a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' })));
    expect(r.afterKeyAgain.sort).toBe('descending');
    expect(r.afterKeyAgain.rows).toEqual([...r.afterKey.rows].reverse());
    const health = r.health.filter((v: string) => v !== '').map(Number);
    expect(health).toEqual([...health].sort((a: number, b: number) => b - a));
    expect(r.health.slice(health.length).every((v: string) => v === '')).toBe(true);
  });

  it('filters by brand and by agent: the rows of others are hidden, reset shows them again', () => {
    const r = interact.result;
    expect(r.brandRowsBefore).toBeGreaterThan(1);
    expect(r.brandRows).toEqual([r.brand]);
    expect(r.agentRowBrands.every((b: string | null) => b === null || b === r.brand)).toBe(true);
    expect(r.riskBrands.length).toBeGreaterThan(0);
    expect(r.riskBrands.every((b: string | null) => b === null || b === r.brand)).toBe(true);
    expect(r.status).toMatch(/^\d+ rows and items hidden by the filter$/);
    expect(r.brandRowsReset).toBe(r.brandRowsBefore);
    expect(r.agentRows).toEqual([r.agent]);
  });

  it('opens the exchanges behind a brand row, labels shown and evidence marked', () => {
    const r = interact.result;
    expect(r.dialogOpen).toBe(true);
    expect(r.drillTitle).toBe(`${r.drillKey} brand account`);
    expect(r.drillNote).toMatch(/^Showing \d+ of \d+ exchanges: the worst/);
    expect(r.drillItems).toBeGreaterThan(0);
    expect(r.marks.length).toBeGreaterThan(0);
    for (const [text, cue] of r.marks) {
      expect(text.length).toBeGreaterThan(0);
      expect(cue).toMatch(/^[\w-]+(\.[\w-]+)+$/);
    }
    expect(r.roles).toContain('customer');
    expect(r.labels).toMatch(/experience \w+/);
    expect(r.dialogClosed).toBe(true);
  });

  it('fits every table in its card: wrapped at desktop width, scrolled inside the card on a narrow screen', () => {
    const wide = interact.result.wide;
    expect(wide.bad).toEqual([]);
    expect(wide.tables.length).toBeGreaterThan(5);
    expect(wide.tables.filter((t: any) => !t.fits || t.scrolls)).toEqual([]);
    expect(wide.page.scroll).toBeLessThanOrEqual(wide.page.client);
    const narrow = runInPage(chromium!, realPage, OVERFLOW, { size: '640,2000' });
    expect(narrow.result.bad).toEqual([]);
    expect(narrow.result.page.scroll).toBeLessThanOrEqual(narrow.result.page.client);
  });

  it('draws a gap where a week is missing, and keeps hostile text in the drill-down as text', () => {
    const page = join(tmp, 'gapped.html');
    writeFileSync(page, htmlReporter(gappedReport()));
    const { result, console: messages } = runInPage(
      chromium!,
      page,
      String.raw`
        var x = {};
        Array.prototype.forEach.call(document.querySelectorAll('#trend circle[data-week]'), function (c) { var b = c.getBoundingClientRect(); x[c.getAttribute('data-week')] = b.left + b.width / 2; });
        document.querySelector('button.drill[data-drill="0"]').click();
        var q = document.querySelector('#drill blockquote');
        return { x: x, scripts: document.scripts.length, images: document.images.length, quote: q.textContent, marks: q.querySelectorAll('mark').length };
      `,
    );
    expect(messages).toEqual([]);
    const x = result.x;
    const step = x['2017-W44'] - x['2017-W43'];
    expect(step).toBeGreaterThan(0);
    expect(x['2017-W46'] - x['2017-W44']).toBeCloseTo(2 * step, 0);
    expect(x['2017-W47'] - x['2017-W46']).toBeCloseTo(step, 0);
    expect(result.quote).toContain('</script><script>alert(1)</script> <img src=x onerror=alert(2)>');
    expect(result.marks).toBe(2);
    // The page's two scripts and the test's: none came from the data; no image either.
    expect(result.scripts).toBe(3);
    expect(result.images).toBe(0);
  });

  it('shows its tables, charts and at-risk list with scripts off; the filter, which needs the script, stays hidden', () => {
    const { result, console: messages } = runInPage(
      chromium!,
      realPage,
      `var toolbar = document.querySelector('.toolbar');
       return { js: document.documentElement.className, rows: document.querySelectorAll('table.sortable tbody tr').length, charts: document.querySelectorAll('svg.chart').length, points: document.querySelectorAll('#trend circle').length, risk: document.querySelectorAll('#at-risk li').length, toolbar: getComputedStyle(toolbar).display, dialog: document.getElementById('drill').open };`,
      { pageScripts: false },
    );
    expect(messages).toEqual([]);
    expect(result.js).toBe('');
    expect(result.rows).toBeGreaterThan(20);
    expect(result.charts).toBe(4);
    expect(result.points).toBeGreaterThan(3);
    expect(result.risk).toBeGreaterThan(0);
    expect(result.toolbar).toBe('none');
    expect(result.dialog).toBe(false);
  });
});

if (!chromium) {
  describe('html report in headless Chromium', () => {
    it.skip('skipped: Chromium is not installed (apt-get install -y chromium, or set CHROMIUM=/path/to/chrome)', () => undefined);
  });
}
