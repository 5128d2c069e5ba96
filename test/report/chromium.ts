// Headless Chromium for tests: find the binary, render a page to PNG, dump its DOM, collect console messages.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

export function dumpDom(chromium: string, file: string) {
  return run(chromium, file, ['--dump-dom']);
}

export function screenshot(chromium: string, file: string, png: string, size = '1200,2400') {
  return run(chromium, file, [`--screenshot=${png}`, `--window-size=${size}`]);
}
