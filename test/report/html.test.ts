import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { htmlReporter } from '../../src/report/reporters/html.js';
import { dumpDom, findChromium, screenshot } from './chromium.js';
import { sampleReport } from './sample-report.js';

const html = htmlReporter(sampleReport());

describe('html reporter', () => {
  it('is one self-contained page: no scripts, no external resources, a CSP that forbids them', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|@import|url\(|src=|href=/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
  });

  it('has the four charts, the at-risk list with highlighted evidence, grouping tables and the formula', () => {
    expect(html.match(/<svg /g)).toHaveLength(4);
    for (const label of ['health per week', 'label shares per axis', 'first response time distribution', 'health per brand account']) expect(html).toContain(`aria-label="${label}"`);
    expect(html).toContain('I am <mark>sick of</mark> this &lt;script&gt;alert(1)&lt;/script&gt;, <mark>stop emailing me</mark>');
    expect(html).toContain('<span class="badge b-revoked">revoked</span><span class="badge b-negative">negative</span>');
    expect(html).toContain('<h2>By ISO week</h2>');
    expect(html).toContain('<h2>By agent</h2>');
    expect(html).toContain('=HYPERLINK(&quot;x&quot;)');
    expect(html).toContain('<tr><td>experience</td><td>0.4</td>');
    expect(html).toContain('>Evil|Brand<');
    expect(html).not.toContain('\u001b');
  });

  it('is byte-identical from run to run', () => {
    expect(htmlReporter(sampleReport())).toBe(html);
  });
});

const chromium = findChromium();
const BIN = join(import.meta.dirname, '../../bin/rapport.js');

if (!chromium) console.warn('html.test.ts: browser checks skipped — no chromium installed (apt-get install chromium, or CHROMIUM=/path/to/chrome)');
describe.skipIf(!chromium)('html report in headless Chromium', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'rapport-html-'));

  it('catches console messages (a page that breaks its own CSP)', () => {
    const bad = join(tmp, 'bad.html');
    writeFileSync(bad, `<!doctype html><meta http-equiv="Content-Security-Policy" content="default-src 'none'"><p>x</p><script>console.error('boom')</script>`);
    expect(dumpDom(chromium!, bad).console.length).toBeGreaterThan(0);
  });

  it('renders the report of a real export to a PNG, with the text on the page and no console messages', () => {
    const page = join(tmp, 'report.html');
    const made = spawnSync(process.execPath, [BIN, 'analyze', 'fixtures/twcs-sample.csv', '-f', 'html', '-o', page, '--by', 'week'], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });
    expect(made.status, made.stderr).toBe(0);
    const dom = dumpDom(chromium!, page);
    expect(dom.console).toEqual([]);
    expect(dom.stdout).toContain('rapport — relationship health');
    expect(dom.stdout).toContain('Health per ISO week');
    expect(dom.stdout).toContain('Threads at risk');
    expect(dom.stdout).toMatch(/<mark>[^<]+<\/mark>/);
    expect(dom.stdout).toContain('sprintcare');
    const png = join(tmp, 'report.png');
    const shot = screenshot(chromium!, page, png);
    expect(shot.console).toEqual([]);
    expect(existsSync(png)).toBe(true);
    expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
    expect(statSync(png).size).toBeGreaterThan(20_000);
  });

  it('keeps markup from the data as text', () => {
    const page = join(tmp, 'sample.html');
    writeFileSync(page, html);
    const dom = dumpDom(chromium!, page);
    expect(dom.console).toEqual([]);
    expect(dom.stdout).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(dom.stdout).not.toContain('<script>alert');
  });
});

if (!chromium) {
  describe('html report in headless Chromium', () => {
    it.skip('skipped: Chromium is not installed (apt-get install -y chromium, or set CHROMIUM=/path/to/chrome)', () => undefined);
  });
}
