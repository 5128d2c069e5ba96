// Headless Chromium for tests: find the binary, render a page to PNG, dump its DOM, run a test script in it, collect console messages.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The Chromium binary (`CHROMIUM` or Debian's `chromium` on PATH), or null when none is installed. */
export function findChromium(): string | null {
  for (const candidate of [process.env.CHROMIUM, 'chromium', 'chromium-browser']) {
    if (!candidate) continue;
    const found = spawnSync('sh', ['-c', `command -v "${candidate}"`], { encoding: 'utf8' });
    if (found.status === 0 && found.stdout.trim()) return found.stdout.trim();
  }
  return null;
}

const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--hide-scrollbars', '--enable-logging=stderr', '--v=0',
];

/** Run Chromium on a local file once; every page console message (CSP violations, blocked loads, errors) is returned. */
function run(chromium: string, file: string, extra: string[]): { stdout: string; console: string[]; status: number | null } {
  const profile = mkdtempSync(join(tmpdir(), 'rapport-chromium-'));
  try {
    const result = spawnSync(chromium, [...FLAGS, `--user-data-dir=${profile}`, ...extra, pathToFileURL(file).href], { encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
    const consoleLines = result.stderr.split('\n').filter((l) => /:CONSOLE[:(]/.test(l));
    return { stdout: result.stdout, console: consoleLines, status: result.status };
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

export function dumpDom(chromium: string, file: string, extra: string[] = ['--dump-dom']) {
  return run(chromium, file, extra);
}

export function screenshot(chromium: string, file: string, png: string, size = '1200,2400') {
  return run(chromium, file, [`--screenshot=${png}`, `--window-size=${size}`]);
}

/**
 * Run `body` (the statements of a function returning a JSON-able value) in a copy of the page, after the
 * page's own scripts, and return what it returned (`{ error }` when it threw). The copy's CSP allows the
 * test script by its hash and nothing else, so the page's own policy is what the test runs under. With
 * `pageScripts: false` the page's own scripts are taken out first: the page as a browser without
 * JavaScript shows it (Chromium's --dump-dom itself needs scripts, so they cannot just be switched off).
 */
export function runInPage(chromium: string, page: string, body: string, options: { size?: string; pageScripts?: boolean } = {}): { result: any; console: string[] } {
  const script = `(function(){var out;try{out=(function(){${body}\n})();}catch(e){out={error:String(e&&e.stack||e)};}var pre=document.createElement('pre');pre.id='rapport-test';pre.textContent=JSON.stringify(out===undefined?null:out);document.body.appendChild(pre);})();`;
  const hash = `'sha256-${createHash('sha256').update(script).digest('base64')}'`;
  const original = readFileSync(page, 'utf8');
  const html = options.pageScripts === false ? original.replace(/<script>[\s\S]*?<\/script>/g, '') : original;
  const withHash = html.includes("script-src '") ? html.replace("script-src '", `script-src ${hash} '`) : html.replace(/content="default-src 'none';/, `content="default-src 'none'; script-src ${hash};`);
  const copy = join(mkdtempSync(join(tmpdir(), 'rapport-page-')), 'page.html');
  writeFileSync(copy, withHash.replace('</body>', `<script>${script}</script>\n</body>`));
  try {
    const extra = ['--dump-dom', `--window-size=${options.size ?? '1200,2000'}`];
    const run = dumpDom(chromium, copy, extra);
    const m = /<pre id="rapport-test">([\s\S]*?)<\/pre>/.exec(run.stdout);
    const text = m?.[1]?.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&nbsp;/g, '\u00a0').replace(/&amp;/g, '&');
    return { result: text === undefined ? undefined : JSON.parse(text), console: run.console };
  } finally {
    rmSync(dirname(copy), { recursive: true, force: true });
  }
}
