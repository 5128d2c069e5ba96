#!/usr/bin/env node
// npm run eval: rapport's per-axis scores on reference labels, beside baselines measured the same way in
// the same run (majority class per axis; wink-nlp sentiment alone and VADER mapped to experience).
// VADER is a dev dependency of this script only. Usage: node scripts/eval-baselines.mjs [labels.jsonl threads.csv]
import { readFileSync } from 'node:fs';
import vader from 'vader-sentiment';
import { evaluate } from '../dist/eval/evaluate.js';
import { readGold } from '../dist/eval/gold.js';
import { scoreAxis } from '../dist/eval/metrics.js';
import { AXES, AXIS_LABELS, RUE_FLAGS } from '../dist/model/types.js';
import { wink as loadWink } from '../dist/nlp/wink.js';

const { its, nlp } = loadWink();
import { runPipeline } from '../dist/pipeline.js';
import { inputFromPath } from '../dist/sources/input.js';

const [goldPath = '../shared/gold/labels.jsonl', threadsPath = '../shared/gold/threads.csv'] = process.argv.slice(2);
const gold = readGold(goldPath);
const run = await runPipeline([inputFromPath(threadsPath)]);
const result = evaluate(goldPath, gold, run.tagged);
const byId = new Map(run.tagged.map((t) => [t.exchange.id, t]));
const customerText = (g) => byId.get(g.id).exchange.customerTurn.map((m) => m.text).join('\n');

/** Sentiment in [-1, 1] → experience label, with VADER's usual ±0.05 neutral band. */
const toExperience = (score) => (score >= 0.05 ? 'positive' : score <= -0.05 ? 'negative' : 'neutral');
const baseline = (predict) => scoreAxis(gold.map((g) => [g.experience, predict(g)]), AXIS_LABELS.experience);

const rows = [];
for (const axis of AXES) {
  const counts = new Map();
  for (const g of gold) counts.set(g[axis], (counts.get(g[axis]) ?? 0) + 1);
  const majority = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
  const majorityScore = scoreAxis(gold.map((g) => [g[axis], majority]), AXIS_LABELS[axis]);
  rows.push([axis, result.axes[axis].macroF1, result.axes[axis].accuracy, `${majorityScore.macroF1.toFixed(2)} (${majority})`]);
}
const wink = baseline((g) => toExperience(nlp.readDoc(customerText(g)).out(its.sentiment)));
const vaderScore = baseline((g) => toExperience(vader.SentimentIntensityAnalyzer.polarity_scores(customerText(g)).compound));

const f2 = (x) => x.toFixed(2);
console.log(`${gold.length} labelled exchanges (${goldPath}), inputs ${threadsPath}\n`);
console.log('| axis | rapport macro-F1 | rapport accuracy | majority class macro-F1 |');
console.log('| --- | --- | --- | --- |');
for (const [axis, f1, acc, maj] of rows) console.log(`| ${axis} | ${f2(f1)} | ${f2(acc)} | ${maj} |`);
console.log(`\nexperience baselines: wink-nlp sentiment ${f2(wink.macroF1)} (accuracy ${f2(wink.accuracy)}), VADER compound ${f2(vaderScore.macroF1)} (accuracy ${f2(vaderScore.accuracy)})`);
console.log(`RUE F1: ${RUE_FLAGS.map((f) => `${f} ${f2(result.rue[f].f1)}`).join(', ')}`);
const failing = [...AXES.filter((a) => result.axes[a].macroF1 < 0.8), ...RUE_FLAGS.filter((f) => result.rue[f].f1 < 0.75)];
console.log(failing.length ? `\nbelow target (0.80 axis macro-F1, 0.75 RUE F1): ${failing.join(', ')}` : '\nall targets met');
