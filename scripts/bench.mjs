// npm run bench: rapport end to end on a large generated file, and side by side with the baselines.
// Usage: node scripts/bench.mjs [--messages 3000000] [--side 500000] [--keep] [--skip-e2e]
// Generated inputs go to bench/data/ (gitignored); the large one is deleted afterwards unless --keep.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './bench/generate.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = join(ROOT, '../shared/data/twcs-head5000/twcs.csv');
const DATA = join(ROOT, 'bench/data');
const TARGET = { e2eRate: 30_000, e2eRssMB: 1024, vsWink: 1.3, vsVader: 5 };

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const flag = (name) => process.argv.includes(`--${name}`);
const E2E = option('messages', 3_000_000);
const SIDE = option('side', 500_000);

if (!existsSync(join(ROOT, 'dist/cli/main.js'))) {
  const built = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

async function input(messages) {
  mkdirSync(DATA, { recursive: true });
  const file = join(DATA, `twcs-${messages}.csv`);
  if (!existsSync(file)) {
    process.stderr.write(`generating ${messages.toLocaleString('en-US')} messages → ${file}\n`);
    await generate(SOURCE, file, messages);
  }
  return file;
}

function measure(kind, file) {
  process.stderr.write(`running ${kind} on ${file}…\n`);
  const run = spawnSync(process.execPath, [join(ROOT, 'scripts/bench/measure.mjs'), kind, file], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const last = run.stdout.trim().split('\n').pop() ?? '';
  if (run.status !== 0 || !last.startsWith('{')) {
    return { kind, file, error: `exit ${run.status}${run.signal ? ` (${run.signal})` : ''}: ${run.stderr.trim().split('\n').slice(-1)[0] ?? ''}` };
  }
  const r = JSON.parse(last);
  return { kind, file, ...r, rate: r.messages / r.seconds };
}

const LABELS = {
  csv: '(a) csv-parse streaming alone (ceiling)',
  wink: '(b) wink-nlp readDoc + sentiment, 1 thread (floor)',
  vader: '(c) vader-sentiment polarity_scores',
  rapport: 'rapport analyze (all axes, RUE, scores, report)',
};

const fmt = (n, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
function row(r, label) {
  if (r.error) return `| ${label} | — | — | — | — | — | — | failed: ${r.error} |`;
  return `| ${label} | ${fmt(r.messages)} | ${fmt(r.seconds, 1)} | ${fmt(r.rate)} | ${fmt(r.cpuSeconds, 1)} | ${fmt(r.messages / r.cpuSeconds)} | ${fmt(r.rssMB)} MB |`;
}

const startLoad = loadavg();
const side = await input(SIDE);
const results = ['csv', 'wink', 'vader', 'rapport'].map((kind) => measure(kind, side));
let e2e = null;
if (!flag('skip-e2e')) {
  const big = await input(E2E);
  e2e = measure('rapport', big);
  if (!flag('keep')) rmSync(big, { force: true });
}

const [csv, wink, vader, rapport] = results;
const lines = [
  `machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, ${fmt(totalmem() / 2 ** 30, 1)} GB, Node ${process.version}`,
  '',
  `load average at start: ${startLoad.map((l) => fmt(l, 1)).join(', ')}`,
  '',
  '| run | messages | seconds | msg/s | CPU s (all threads) | msg per CPU s | peak RSS |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...results.map((r) => row(r, `${LABELS[r.kind]}, ${fmt(SIDE)} file`)),
  ...(e2e ? [row(e2e, `${LABELS.rapport}, ${fmt(E2E)} file`)] : []),
  '',
];
const ok = (pass) => (pass ? 'met' : 'NOT met');
if (!rapport.error && !wink.error) lines.push(`rapport vs (b) wink floor: ${fmt(rapport.rate / wink.rate, 2)}× (target ≥ ${TARGET.vsWink}×: ${ok(rapport.rate / wink.rate >= TARGET.vsWink)})`);
if (!rapport.error && !vader.error) lines.push(`rapport vs (c) vader: ${fmt(rapport.rate / vader.rate, 2)}× (target ≥ ${TARGET.vsVader}×: ${ok(rapport.rate / vader.rate >= TARGET.vsVader)})`);
if (!rapport.error && !csv.error) lines.push(`rapport vs (a) csv ceiling: ${fmt(rapport.rate / csv.rate, 3)}×`);
if (e2e && !e2e.error) {
  lines.push(`end to end on ${fmt(E2E)}: ${fmt(e2e.rate)} msg/s (target ≥ ${fmt(TARGET.e2eRate)}: ${ok(e2e.rate >= TARGET.e2eRate)}), peak RSS ${fmt(e2e.rssMB)} MB (target ≤ ${fmt(TARGET.e2eRssMB)}: ${ok(e2e.rssMB <= TARGET.e2eRssMB)})`);
}
// The learned decision alone (features and the model's decision, on analyses already made): issue 14's ≤ 10 µs per message.
const learned = spawnSync(process.execPath, [join(ROOT, 'scripts/bench/learned.mjs')], { cwd: ROOT, encoding: 'utf8' });
if (learned.status === 0) {
  const l = JSON.parse(learned.stdout);
  lines.push(`learned decision (features + model, after the rules) on ${fmt(l.messages)} real tweets: ${fmt(l.learnedMicrosPerMessage, 1)} µs per message (target ≤ 10: ${ok(l.learnedMicrosPerMessage <= 10)}); the rule taggers alone: ${fmt((l.rulesMs * 1000) / l.messages, 1)} µs`);
} else lines.push(`learned decision: failed (${learned.stderr.trim().split('\n').pop()})`);
process.stdout.write(`${lines.join('\n')}\n`);
