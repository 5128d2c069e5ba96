// The npm package: its name is free of the registry's unrelated "rapport", its tarball ships what the command
// needs (and the sources its maps point at), and it installs into an empty prefix and runs (issue 17).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../hostile/spawn.js';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { name: string; bin: Record<string, string>; license: string };
const npm = (args: string[], cwd = process.cwd()) => spawnSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });

describe('the npm package', () => {
  const dir = tempDir();
  const packed = npm(['pack', '--ignore-scripts', '--json', '--pack-destination', dir]);
  const listing = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
  const files = listing[0]!.files.map((f) => f.path);

  it('is rapport-epic, with the command rapport, a license file and only what it runs on', () => {
    expect(packed.status).toBe(0);
    expect(pkg.name).toBe('rapport-epic');
    expect(pkg.bin).toEqual({ rapport: 'bin/rapport.js' });
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json', 'bin/rapport.js', 'dist/cli/main.js', 'dist/taggers/model/epic.json', 'dist/taggers/lexicons/experience.json', 'dist/nlp/prefilter-tables.bin.gz']));
    expect(readFileSync('LICENSE', 'utf8')).toMatch(/^MIT License/);
    for (const f of files) expect(f, f).toMatch(/^(bin|dist|src)\/|^(LICENSE|README\.md|package\.json)$/);
  });

  it('ships every source its source maps point at', () => {
    const maps = files.filter((f) => f.endsWith('.js.map'));
    expect(maps.length).toBeGreaterThan(50);
    for (const map of maps) {
      for (const source of (JSON.parse(readFileSync(map, 'utf8')) as { sources: string[] }).sources) {
        expect(files, `${map} → ${source}`).toContain(normalize(join(dirname(map), source)));
      }
    }
  });

  it('installs into an empty prefix and runs', () => {
    const prefix = join(dir, 'prefix');
    const installed = npm(['install', '-g', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', join(dir, listing[0]!.filename)]);
    expect(installed.status, installed.stderr).toBe(0);
    const bin = join(prefix, 'bin', 'rapport');
    expect(existsSync(bin)).toBe(true);
    const run = spawnSync(bin, ['analyze', 'fixtures/twcs-sample.csv', '-q', '-f', 'json'], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).totals.messages).toBe(153);
  }, 60_000);
});
