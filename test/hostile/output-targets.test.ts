// Where outputs go (issue 18): never onto an input or the config; devices, FIFOs and symlinks written through, not
// replaced; write errors and signals in one line, with nothing left behind.
import { spawn, spawnSync } from 'node:child_process';
import { linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkOutputs, writeOutputFile } from '../../src/cli/output-file.js';
import { TWCS_HEADER } from './arbitraries.js';
import { BIN, rapport, tempDir, withoutDetectionNote } from './spawn.js';

const tmp = tempDir();
const EXPORT = readFileSync('fixtures/malformed/bom-crlf.csv');

/** A fresh copy of a small export in its own folder. */
function exportCopy(name: string): { dir: string; file: string } {
  const dir = join(tmp, name);
  mkdirSync(dir);
  const file = join(dir, 'in.csv');
  writeFileSync(file, EXPORT);
  return { dir, file };
}

function oneLine(stderr: string): string {
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  return lines[0]!;
}

describe('an output that is an input is a usage error, and the input is untouched', () => {
  it('-o and --rejects onto the export, by name, through a symlink and through a hard link', () => {
    const { dir, file } = exportCopy('same');
    symlinkSync(file, join(dir, 'link.csv'));
    linkSync(file, join(dir, 'hard.csv'));
    for (const args of [['-o', file], ['--rejects', file], ['-o', join(dir, 'link.csv')], ['--rejects', join(dir, 'hard.csv')]]) {
      const run = rapport(['analyze', file, '-f', 'json', ...args]);
      expect(run.code).toBe(2);
      expect(oneLine(run.stderr)).toMatch(new RegExp(`^rapport: ${args[0]} .* is the input ${file}: writing it would destroy it`));
      expect(readFileSync(file)).toEqual(EXPORT);
    }
  });

  it('the config, the --gold labels, a diff side, a report input and standard output appended to the export', () => {
    const { dir, file } = exportCopy('others');
    const config = join(dir, 'rapport.config.json');
    writeFileSync(config, '{}\n');
    const labels = join(dir, 'labels.jsonl');
    writeFileSync(labels, readFileSync('fixtures/labels-sample.jsonl'));
    const cases: [string[], RegExp][] = [
      [['analyze', file, '--config', config, '-o', config], /is the config file/],
      [['eval', '--gold', labels, file, '--rejects', labels], /is the --gold file/],
      [['diff', config, file, '-o', file], /is the after report file/],
      [['report', config, '-o', config], /is the input/],
    ];
    for (const [args, message] of cases) {
      const run = rapport(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(oneLine(run.stderr)).toMatch(message);
    }
    const appended = spawnSync('bash', ['-c', `node ${BIN} analyze ${file} -q -f json >> ${file}`], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });
    expect(appended.status).toBe(2);
    expect(oneLine(appended.stderr)).toMatch(/^rapport: standard output is the input .*in\.csv/);
    expect(readFileSync(file)).toEqual(EXPORT);
    expect(readFileSync(config, 'utf8')).toBe('{}\n');
  });

  it('two outputs naming one file', () => {
    const { dir, file } = exportCopy('twice');
    expect(() => checkOutputs([{ what: '-o', path: join(dir, 'r.json') }, { what: '--rejects', path: join(dir, 'r.json') }], [{ what: 'input', path: file }])).toThrow(
      /-o and --rejects both write/,
    );
  });
});

describe('-o onto what is not a regular file', () => {
  it('follows a symlink: the link stays, its target gets the report', () => {
    const { dir, file } = exportCopy('symlink');
    const target = join(dir, 'target.json');
    writeFileSync(target, 'old');
    symlinkSync('target.json', join(dir, 'latest.json'));
    const run = rapport(['analyze', file, '-q', '-f', 'json', '-o', join(dir, 'latest.json')]);
    expect(run.code).toBe(0);
    expect(lstatSync(join(dir, 'latest.json')).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(target, 'utf8')).schemaVersion).toBe(4);
  });

  it('writes a FIFO in place (it stays a FIFO) and a device in place (/dev/full: a write error in one line)', async () => {
    const { dir, file } = exportCopy('fifo');
    const fifo = join(dir, 'out.fifo');
    spawnSync('mkfifo', [fifo]);
    const reader = spawn('cat', [fifo]);
    let got = '';
    reader.stdout.on('data', (d) => (got += d));
    const read = new Promise((resolve) => reader.on('close', resolve));
    const writer = spawn(process.execPath, [BIN, 'analyze', file, '-q', '-f', 'json', '-o', fifo], { env: { ...process.env, CI: 'true' } });
    const code = await new Promise((resolve) => writer.on('exit', resolve));
    await read;
    expect(code).toBe(0);
    expect(JSON.parse(got).schemaVersion).toBe(4);
    expect(statSync(fifo).isFIFO()).toBe(true);
    const full = rapport(['analyze', file, '-q', '-f', 'json', '-o', '/dev/full']);
    expect(full.code).toBe(2);
    expect(oneLine(full.stderr)).toBe('rapport: /dev/full: cannot write: no space left on the device');
    expect(statSync('/dev/full').isCharacterDevice()).toBe(true);
  });

  it('a missing folder is named as the user gave it, never the temporary file', () => {
    expect(() => writeOutputFile(join(tmp, 'no-such-dir', 'r.json'), 'x')).toThrow(`${join(tmp, 'no-such-dir', 'r.json')}: cannot write: no such folder ${join(tmp, 'no-such-dir')}`);
    const { file } = exportCopy('missing');
    const run = rapport(['analyze', file, '-q', '-o', 'no-such-dir/r.json']);
    expect(run.code).toBe(2);
    expect(oneLine(run.stderr)).toBe('rapport: no-such-dir/r.json: cannot write: no such folder no-such-dir');
  });

  it('replacing a file keeps its permissions', () => {
    const path = join(tmp, 'mode.json');
    writeFileSync(path, 'old', { mode: 0o640 });
    writeOutputFile(path, 'new');
    expect(statSync(path).mode & 0o777).toBe(0o640);
  });
});

describe('write errors', () => {
  it('stdout on a full disk: one line, exit 2, no stack trace (report and tag)', () => {
    const { file } = exportCopy('full');
    for (const command of ['analyze', 'tag']) {
      const run = spawnSync('bash', ['-c', `node ${BIN} ${command} ${file} -q > /dev/full`], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });
      expect(run.status).toBe(2);
      expect(oneLine(run.stderr)).toBe('rapport: standard output: cannot write: no space left on the device');
    }
  });
});

describe('SIGTERM', () => {
  it('while reading: one line, exit 143, the old report intact and no temporary file', async () => {
    const dir = join(tmp, 'term');
    mkdirSync(dir);
    const out = join(dir, 'kept.json');
    writeFileSync(out, 'previous report');
    const child = spawn(process.execPath, [BIN, 'analyze', '-', '-f', 'json', '-o', out], { env: { ...process.env, CI: 'true' } });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdin.on('error', () => undefined);
    // Terminated once it is reading, not after a guessed delay (a loaded machine may still be loading
    // modules after any fixed wait): a write of 2 MB completes only once the child has read most of it,
    // and the handler is in place before any input is read. Stdin stays open.
    const rows = Array.from({ length: 40_000 }, (_, i) => `${i + 1},c${i},True,Tue Oct 31 10:00:00 +0000 2017,hello number ${i},,`).join('\n');
    await new Promise<void>((resolve) => child.stdin.write(`${TWCS_HEADER}\n${rows}\n`, () => resolve()));
    child.kill('SIGTERM');
    const [code, signal] = await new Promise<[number | null, string | null]>((resolve) => child.on('exit', (c, s) => resolve([c, s])));
    expect([code, signal]).toEqual([143, null]);
    expect(withoutDetectionNote(stderr)).toBe('rapport: terminated\n');
    expect(readFileSync(out, 'utf8')).toBe('previous report');
    expect(readdirSync(dir)).toEqual(['kept.json']);
  });
});

describe('inputs that are not regular files', () => {
  it('a FIFO is read as a stream (it used to hang), and so is <(cat f.csv) (it used to be "empty")', async () => {
    const { dir, file } = exportCopy('fifo-in');
    const fifo = join(dir, 'in.fifo');
    spawnSync('mkfifo', [fifo]);
    const child = spawn(process.execPath, [BIN, 'analyze', fifo, '-q', '-f', 'json'], { env: { ...process.env, CI: 'true' } });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    spawn('bash', ['-c', `cat ${file} > ${fifo}`]);
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const code = await new Promise((resolve) => child.on('exit', resolve));
    clearTimeout(timer);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).inputs[0]).toMatchObject({ read: 3, used: 3 });
    const substituted = spawnSync('bash', ['-c', `node ${BIN} analyze <(cat ${file}) -q -f json`], { encoding: 'utf8', env: { ...process.env, CI: 'true' }, timeout: 20_000 });
    expect(substituted.status).toBe(0);
    expect(JSON.parse(substituted.stdout).inputs[0]).toMatchObject({ read: 3, used: 3 });
  });

  it('/dev/zero as a config or diff report is refused at once, in one line; a config from <(…) is read once and used', () => {
    const { file } = exportCopy('zero');
    for (const args of [['analyze', file, '--config', '/dev/zero'], ['diff', '/dev/zero', '/dev/zero']]) {
      const run = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, CI: 'true' }, timeout: 20_000 });
      expect(run.status, args.join(' ')).toBe(2);
      expect(oneLine(run.stderr)).toMatch(/^rapport: \/dev\/zero: binary file, not text/);
    }
    const piped = spawnSync('bash', ['-c', `node ${BIN} analyze ${file} -q -f json --config <(echo '{"health":{"weights":{"experience":1,"permission":0,"involvement":0,"conversation":0}}}')`], {
      encoding: 'utf8',
      env: { ...process.env, CI: 'true' },
      timeout: 20_000,
    });
    expect(piped.stderr).toBe('');
    expect(piped.status).toBe(0);
    expect(JSON.parse(piped.stdout).health.formula.weights).toMatchObject({ experience: 1, permission: 0 });
  });

  it('a file read whole over its cap is refused by its size', () => {
    const big = join(tmp, 'big-config.json');
    writeFileSync(big, `{"x":"${'a'.repeat(5 * 1024 * 1024)}"}`);
    const run = rapport(['analyze', 'fixtures/malformed/bom-crlf.csv', '--config', big]);
    expect(run.code).toBe(2);
    expect(oneLine(run.stderr)).toBe(`rapport: ${big}: larger than 4 MiB; too large for a config file`);
  });
});
