// Grid search of the fit options by cross-validation on the training corpus (never on the gold files).
// usage: node scripts/training/tune.mjs [labels.jsonl corpus.ndjson] — prints macro-F1 per axis for each setting.
import { readGold } from '../../dist/eval/gold.js';
import { runPipeline } from '../../dist/pipeline.js';
import { inputFromPath } from '../../dist/sources/input.js';
import { crossValidate, scoreBySource } from '../../dist/train/cv.js';
import { labelledExchanges } from '../../dist/train/examples.js';
import { DEFAULT_FIT } from '../../dist/train/fit.js';
import { emptyModel } from '../../dist/taggers/model.js';

const [labels = 'fixtures/training/labels.jsonl', corpus = 'fixtures/training/corpus.ndjson'] = process.argv.slice(2);
const gold = readGold(labels);
const threads = [];
await runPipeline([inputFromPath(corpus)], { reduce: (thread, tagged) => threads.push({ thread, tagged }), model: emptyModel() });
const examples = labelledExchanges(labels, gold, threads);
const grid = JSON.parse(process.env.GRID ?? '[{}]');
for (const change of grid) {
  const options = { ...DEFAULT_FIT, ...change };
  const scores = scoreBySource(crossValidate(examples, 5, options));
  const line = (s) => `${s.source.padEnd(8)} ${['experience', 'permission', 'involvement', 'conversation'].map((a) => s.axes[a].value.toFixed(2)).join(' ')} | ${['relevance', 'utility', 'entertainment'].map((f) => (s.rue[f]?.value ?? NaN).toFixed(2)).join(' ')}`;
  console.log(JSON.stringify(change));
  for (const s of scores) console.log('  ' + line(s));
}
