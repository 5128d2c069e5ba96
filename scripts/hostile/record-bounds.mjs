// Issue 18's large cases, each under `timeout` with a peak-RSS bound: one 600 MB NDJSON line in a small .ndjson.gz,
// a 200 MB NDJSON record, a 600 MB mbox header line, a 200 MB IRC line, and /dev/zero as --config and diff reports.
// Run after `npm run build`: node scripts/hostile/record-bounds.mjs [--keep]. Exits 1 if any case fails.
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGzip } from 'node:zlib';
import { once } from 'node:events';

const BIN = join(import.meta.dirname, '../../bin/rapport.js');
const dir = mkdtempSync(join(tmpdir(), 'rapport-bounds-'));
const MB = 1024 * 1024;
/** Peak RSS allowed for any case: far below what holding one record would take. */
const RSS_LIMIT_MB = 400;

/** Write `parts` (strings, or [string, times] to repeat) to a file, gzipped when it ends in .gz. */
async function write(name, parts) {
  const path = join(dir, name);
  const file = createWriteStream(path);
  const out = name.endsWith('.gz') ? createGzip({ level: 1 }) : file;
  if (out !== file) out.pipe(file);
  for (const part of parts) {
    const [text, times] = Array.isArray(part) ? part : [part, 1];
    for (let i = 0; i < times; i++) if (!out.write(text)) await once(out, 'drain');
  }
  out.end();
  await once(file, 'close');
  return path;
}

function run(label, args, expect) {
  const started = Date.now();
  const r = spawnSync('timeout', ['120', '/usr/bin/time', '-f', '%M', process.execPath, BIN, ...args], { encoding: 'utf8', env: { ...process.env, CI: 'true' }, maxBuffer: 64 * MB });
  const lines = r.stderr.trim().split('\n');
  const rssMb = Math.round(Number(lines.at(-1)) / 1024);
  const stderr = lines.slice(0, -1).join('\n');
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const problems = [];
  if (r.status !== expect.code) problems.push(`exit ${r.status}, expected ${expect.code}`);
  if (!(rssMb < RSS_LIMIT_MB)) problems.push(`peak RSS ${rssMb} MB over ${RSS_LIMIT_MB} MB`);
  if (/\n\s+at /.test(stderr) || /internal error/.test(stderr)) problems.push('a stack trace or internal error');
  if (expect.stderr && !expect.stderr.test(stderr)) problems.push(`stderr ${JSON.stringify(stderr.slice(0, 300))} does not match ${expect.stderr}`);
  if (expect.stdout && !expect.stdout(r.stdout)) problems.push(`stdout ${JSON.stringify(r.stdout.slice(0, 300))} is not as expected`);
  console.log(`${problems.length ? 'FAIL' : 'ok  '} ${label}: exit ${r.status}, ${seconds} s, peak RSS ${rssMb} MB${problems.length ? `\n     ${problems.join('\n     ')}` : ''}`);
  return problems.length === 0;
}

const inputs = (stdout) => JSON.parse(stdout).inputs[0];
const chat = (text, author = 'fay') => `${JSON.stringify({ conversation_id: '1', author, text })}\n`;
const chunk = 'x'.repeat(MB);

let ok = true;
try {
  const gz = await write('one-line.ndjson.gz', ['{"conversation_id":"1","author":"fay","text":"', [chunk, 600], '"}\n']);
  ok = run('a small .ndjson.gz that unpacks to one 600 MB line', ['analyze', gz, '-f', 'json'], { code: 2, stderr: /record-too-large.*no usable records: all 1 were rejected \(record-too-large 1\)/s }) && ok;

  const ndjson = await write('record.ndjson', [chat('my order never arrived'), '{"conversation_id":"1","author":"gus","text":"', [chunk, 200], '"}\n', chat('sorry, let me check', 'gus')]);
  ok = run('one 200 MB NDJSON record between two good ones', ['analyze', ndjson, '-f', 'json', '-q'], { code: 0, stdout: (s) => inputs(s).read === 3 && inputs(s).used === 2 && inputs(s).rejected === 1 }) && ok;

  const json = await write('record.json', ['{"conversation_id":"1","author":"gus","text":"', [chunk, 200], '"}\n', chat('second line')]);
  ok = run('a .json whose first line is a 200 MB record', ['analyze', json, '-f', 'json', '-q'], { code: 0, stdout: (s) => inputs(s).read === 2 && inputs(s).rejected === 1 }) && ok;

  const mbox = await write('header.mbox', [
    'From a@b.c Tue Oct 31 10:00:00 2017\nFrom: a@b.c\nSubject: one\nX-Big: ', [chunk, 600], '\nDate: Tue, 31 Oct 2017 10:00:00 +0000\n\nhello\n',
    'From d@e.f Tue Oct 31 10:05:00 2017\nFrom: d@e.f\nSubject: two\nDate: Tue, 31 Oct 2017 10:05:00 +0000\n\nhello again, my order never arrived\n',
  ]);
  ok = run('an mbox message with a 600 MB header line', ['analyze', mbox, '-f', 'json', '--rejects', join(dir, 'mbox.rejects')], { code: 0, stderr: /header\.mbox:4: record-too-large: header "X-Big"/ }) && ok;

  const irc = await write('2017-10-31.txt', ['[10:00] <fay> hello, anyone?\n[10:01] <gus> ', [chunk, 200], '\n[10:02] <gus> fay: hi\n']);
  ok = run('a 200 MB IRC line', ['analyze', irc, '-f', 'json', '-q'], { code: 0, stdout: (s) => inputs(s).read === 3 && inputs(s).rejected === 1 }) && ok;

  ok = run('--config /dev/zero', ['analyze', ndjson, '--config', '/dev/zero'], { code: 2, stderr: /^rapport: \/dev\/zero: binary file/ }) && ok;
  ok = run('diff /dev/zero /dev/zero', ['diff', '/dev/zero', '/dev/zero'], { code: 2, stderr: /^rapport: \/dev\/zero: binary file/ }) && ok;
  const yes = await write('yes.json', [['y\n', 40 * MB]]);
  ok = run('diff of an 80 MB non-report', ['diff', yes, yes], { code: 2, stderr: /larger than 64 MiB; too large for a JSON report/ }) && ok;
} finally {
  if (!process.argv.includes('--keep')) rmSync(dir, { recursive: true, force: true });
}
process.exitCode = ok ? 0 : 1;
