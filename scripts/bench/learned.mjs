// The learned decision's cost per message: rules alone vs rules → features → decision, on analyses already made
// (wink and the cue regexes are paid once, outside the timing). usage: node scripts/bench/learned.mjs [file]
import { performance } from 'node:perf_hooks';
import { analyzeMessage } from '../../dist/nlp/analyze.js';
import { buildThreads } from '../../dist/normalize/threads.js';
import { cutExchanges } from '../../dist/normalize/exchanges.js';
import { readInputs } from '../../dist/pipeline.js';
import { countTemplates } from '../../dist/pipeline/templates.js';
import { inputFromPath } from '../../dist/sources/input.js';
import { explainExchange, ruleLabels } from '../../dist/taggers/index.js';
import { compileCues } from '../../dist/taggers/lexicons/index.js';
import { defaultModel } from '../../dist/taggers/model.js';

const file = process.argv[2] ?? 'fixtures/twcs-head5000-nongold.csv';
const { messages } = await readInputs([inputFromPath(file)]);
const { threads } = buildThreads(messages);
const cues = compileCues();
const counts = countTemplates(threads);
const analyses = new Map();
for (const t of threads) for (const m of t.messages) analyses.set(m, analyzeMessage(m.text, m.role, cues));
const ctx = { analysis: (m) => analyses.get(m), templateCount: (k) => counts.get(k) ?? 0, model: defaultModel() };
const n = threads.reduce((s, t) => s + t.messages.length, 0);
/** Best of five passes over fresh exchanges (the taggers memoize per exchange object). */
function time(run) {
  let best = Infinity;
  for (let pass = 0; pass < 5; pass++) {
    const exchanges = threads.flatMap(cutExchanges);
    const start = performance.now();
    for (const e of exchanges) run(e);
    best = Math.min(best, performance.now() - start);
  }
  return best;
}
const rules = time((e) => ruleLabels(e, ctx));
const all = time((e) => explainExchange(e, ctx));
const perMessage = ((all - rules) * 1000) / n;
console.log(JSON.stringify({ messages: n, rulesMs: Math.round(rules), withModelMs: Math.round(all), learnedMicrosPerMessage: Math.round(perMessage * 10) / 10 }));
