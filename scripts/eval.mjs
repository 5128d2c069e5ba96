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
