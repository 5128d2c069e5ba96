#!/usr/bin/env node
// npm run eval: the learned labels measured two ways, per source, with 90% bootstrap intervals —
// 5-fold cross-validation by thread on the training corpus (fixtures/training), and the gold test sets of
// ../shared/gold (only measured, never used to choose anything) — beside baselines computed in the same run:
// majority class per axis, wink-nlp sentiment and VADER mapped to experience. VADER is a dev dependency.
import { existsSync } from 'node:fs';
import vader from 'vader-sentiment';
import { evaluate } from '../dist/eval/evaluate.js';
import { readGold } from '../dist/eval/gold.js';
import { scoreAxis } from '../dist/eval/metrics.js';
import { AXES, AXIS_LABELS, RUE_FLAGS } from '../dist/model/types.js';
import { wink as loadWink } from '../dist/nlp/wink.js';
import { runPipeline } from '../dist/pipeline.js';
import { expandPaths } from '../dist/sources/expand.js';
import { inputFromPath } from '../dist/sources/input.js';
import { crossValidate, scoreBySource } from '../dist/train/cv.js';
import { labelledExchanges } from '../dist/train/examples.js';
import { emptyModel } from '../dist/taggers/model.js';

const { its, nlp } = loadWink();
const f2 = (x) => (x === undefined ? '—' : x.toFixed(2));
const cell = (i) => (i ? `${f2(i.value)} [${f2(i.low)}–${f2(i.high)}]` : '—');
const inputsOf = (paths) => expandPaths(paths).map((p) => inputFromPath(p));

function table(title, rows) {
  console.log(`\n${title}\n`);
  console.log(`| set | source | exchanges | ${[...AXES, ...RUE_FLAGS].join(' | ')} |`);
  console.log(`| --- | --- | ---: | ${[...AXES, ...RUE_FLAGS].map(() => '---').join(' | ')} |`);
  for (const [set, s] of rows) console.log(`| ${set} | ${s.source} | ${s.exchanges} | ${AXES.map((a) => cell(s.axes[a])).join(' | ')} | ${RUE_FLAGS.map((f) => cell(s.rue[f])).join(' | ')} |`);
}

// 1. Cross-validation on the training corpus.
const labels = 'fixtures/training/labels.jsonl';
const threads = [];
await runPipeline(inputsOf(['fixtures/training/corpus.ndjson']), { reduce: (thread, tagged) => threads.push({ thread, tagged }), model: emptyModel() });
const examples = labelledExchanges(labels, readGold(labels), threads);
const cv = scoreBySource(crossValidate(examples, 5));
// The rule taggers alone (what rapport labelled with before the learned decision), on the same exchanges.
const rules = scoreBySource(examples.map((e) => ({ source: e.source, gold: e.gold, labels: e.rules.labels, rue: e.rules.rue })));
table(
  `Training corpus (${examples.length} exchanges): the learned decision by 5-fold cross-validation by thread, and the rule taggers alone; macro-F1 per axis, F1 per RUE flag [90% bootstrap interval]`,
  [...cv.map((s) => ['cross-validation', s]), ...rules.map((s) => ['rules alone', s])],
);

// 2. The gold test sets, if ../shared is beside this repository.
const GOLD = [
  ['twitter gold', '../shared/gold/labels.jsonl', ['../shared/gold/threads.csv']],
  ['email gold', '../shared/gold/email-labels.jsonl', ['../shared/data/r-help-pipermail/']],
  ['chat gold', '../shared/gold/chat-labels.jsonl', ['../shared/data/ubuntu-irc-disentangle/', '../shared/data/abcd-sample/abcd_sample.json']],
];
if (!existsSync('../shared/gold')) {
  console.log('\n../shared/gold is not beside this repository: gold sets skipped');
  process.exit(0);
}
const rows = [];
const baselines = [];
for (const [name, goldPath, inputs] of GOLD) {
  const gold = readGold(goldPath);
  const run = await runPipeline(inputsOf(inputs));
  const result = evaluate(goldPath, gold, run.tagged);
  for (const s of result.sources) rows.push([name, s]);
  if (process.env.EVAL_RULES) {
    // The rule layer's labels on the gold set, for comparison (EVAL_RULES=1).
    const { labelledExchanges: join } = await import('../dist/train/examples.js');
    const threadsOf = [];
    await runPipeline(inputsOf(inputs), { reduce: (thread, tagged) => threadsOf.push({ thread, tagged }) });
    for (const s of scoreBySource(join(goldPath, gold, threadsOf).map((e) => ({ source: e.source, gold: e.gold, labels: e.rules.labels, rue: e.rules.rue })))) rows.push([`${name}, rules alone`, s]);
  }
  const byId = new Map(run.tagged.map((t) => [t.exchange.id, t]));
  const text = (g) => byId.get(g.id).exchange.customerTurn.map((m) => m.text).join('\n');
  const toExperience = (score) => (score >= 0.05 ? 'positive' : score <= -0.05 ? 'negative' : 'neutral');
  const experience = (predict) => scoreAxis(gold.map((g) => [g.experience, predict(g)]), AXIS_LABELS.experience).macroF1;
  const majority = AXES.map((axis) => {
    const counts = new Map();
    for (const g of gold) counts.set(g[axis], (counts.get(g[axis]) ?? 0) + 1);
    const top = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
    return scoreAxis(gold.map((g) => [g[axis], top]), AXIS_LABELS[axis]).macroF1;
  });
  baselines.push([name, gold.length, majority, experience((g) => toExperience(nlp.readDoc(text(g)).out(its.sentiment))), experience((g) => toExperience(vader.SentimentIntensityAnalyzer.polarity_scores(text(g)).compound))]);
}
table('Gold test sets (../shared/gold): macro-F1 per axis, F1 per RUE flag [90% bootstrap interval]', rows);
console.log('\nBaselines on the gold sets (macro-F1): majority class per axis; wink-nlp sentiment and VADER compound (±0.05) on the customer turn → experience\n');
console.log(`| set | exchanges | majority ${AXES.join(' / ')} | wink-nlp sentiment | VADER |`);
console.log('| --- | ---: | --- | --- | --- |');
for (const [name, n, majority, w, v] of baselines) console.log(`| ${name} | ${n} | ${majority.map(f2).join(' / ')} | ${f2(w)} | ${f2(v)} |`);

// Roles: whose is the customer turn? On the role development set (when its archives are here) and the gold lists.
{
  const { readInputs } = await import('../dist/pipeline.js');
  const { buildThreads } = await import('../dist/normalize/threads.js');
  const { customerKept, roleErrorFixed } = await import('../dist/eval/roles.js');
  const { existsSync, readdirSync, readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const lines = (p) => readFileSync(p, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const files = (dir, keep = () => true) => (existsSync(dir) ? readdirSync(dir).filter(keep).map((f) => join(dir, f)) : []);
  const threadsOf = async (paths) => buildThreads((await readInputs(paths.map(inputFromPath))).messages).threads;
  console.log('\nRoles: share of threads whose customer is the person the thread serves\n');
  console.log('| set | threads | right |');
  console.log('| --- | ---: | ---: |');
  const src = process.env.CORPUS_SRC ?? '/work/corpus-src';
  const irc = process.env.IRC_TRAIN ?? '/work/irc-train';
  const irc2 = process.env.IRC_TRAIN2 ?? '/work/irc-train2';
  const irc3 = process.env.IRC_TRAIN3 ?? '/work/irc-train3';
  // Each batch is read as its own run (role evidence is counted over the inputs of a run).
  const dev = {
    email: [...files(join(src, 'r-help'), (f) => /^202[34]-/.test(f)), ...files(join(src, 'r-sig-mac')), ...files(join(src, 'r-package-devel'))],
    irc: files(irc, (f) => f.endsWith('.raw.txt')),
    email2: [...files(join(src, 'r-sig-geo')), ...files(join(src, 'r-sig-mixed-models'))],
    irc2: files(irc2, (f) => f.endsWith('.raw.txt')),
    email3: [...files(join(src, 'r-help'), (f) => /^202[34]-/.test(f)), ...files(join(src, 'r-package-devel'))],
    irc3: files(irc3, (f) => f.endsWith('.raw.txt')),
  };
  for (const [name, paths] of Object.entries(dev)) {
    if (!paths.length) {
      console.log(`| development, ${name} | — (archives not found) | |`);
      continue;
    }
    const keys = JSON.parse(readFileSync(`fixtures/training/roles/${name}-keys.json`, 'utf8'));
    const label = new Map(lines(`fixtures/training/roles/${name}-labels.jsonl`).map((l) => [l.sheet, l.customer ?? null]));
    const byId = new Map((await threadsOf(paths)).map((t) => [t.id, t]));
    const right = keys.filter((k) => (byId.get(k.thread)?.messages.find((m) => m.role === 'customer')?.author ?? null) === label.get(k.sheet)).length;
    console.log(`| development, ${name} | ${keys.length} | ${(right / keys.length).toFixed(3)} |`);
  }
  const GOLD_DIR = '../shared/gold';
  if (existsSync(join(GOLD_DIR, 'role-errors.jsonl'))) {
    const data = '../shared/data';
    const sets = {
      'r-help-pipermail': ['r-help', 'r-sig-mac'].flatMap((d) => files(join(data, 'r-help-pipermail', d))),
      'ubuntu-irc-disentangle': ['dev', 'test'].flatMap((d) => files(join(data, 'ubuntu-irc-disentangle', d), (f) => f.endsWith('.raw.txt'))),
      'twcs-head5000': [join(data, 'twcs-head5000', 'twcs.csv')],
    };
    const cache = new Map();
    const threads = async (k) => cache.get(k) ?? cache.set(k, await threadsOf(sets[k])).get(k);
    const errors = lines(join(GOLD_DIR, 'role-errors.jsonl'));
    for (const kind of Object.keys(sets)) {
      const mine = errors.filter((e) => e.data === kind);
      let fixed = 0;
      for (const e of mine) if (roleErrorFixed(e, await threads(kind)) === true) fixed++;
      console.log(`| gold role errors, ${kind} | ${mine.length} | ${(fixed / mine.length).toFixed(3)} |`);
    }
    for (const [name, kind] of [['email-labels', 'r-help-pipermail'], ['chat-labels', 'ubuntu-irc-disentangle']]) {
      const r = customerKept(lines(join(GOLD_DIR, `${name}.jsonl`)).map((g) => g.id), await threads(kind));
      console.log(`| gold ${name} (customer kept) | ${r.total} | ${(r.kept / r.total).toFixed(3)} |`);
    }
  }
}
