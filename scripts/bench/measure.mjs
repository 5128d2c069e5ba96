// One bench workload in its own process; prints {messages, seconds, cpuSeconds, rssMB} as the last line of stdout.
// Usage: node scripts/bench/measure.mjs <csv|wink|vader|rapport> <file.csv>
// Seconds run from process start (module and model loading included) to the end of the workload.
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse';

const [kind, file] = process.argv.slice(2);

/** Stream the file with the csv-parse options rapport uses; call `each(text)` per record. */
async function eachText(each) {
  const parser = createReadStream(file).pipe(parse({ bom: true, record_delimiter: ['\r\n', '\n'], relax_column_count: true, relax_quotes: true, skip_empty_lines: true, skip_records_with_error: true }));
  let textColumn = -1;
  let n = 0;
  for await (const record of parser) {
    if (textColumn < 0) {
      textColumn = record.indexOf('text');
      continue;
    }
    each(record[textColumn] ?? '');
    n++;
  }
  return n;
}

const WORKLOADS = {
  /** (a) the ceiling: csv-parse streaming alone. */
  csv: () => eachText(() => undefined),
  /** (b) the floor of any wink-based tool: readDoc + sentiment over every text, one thread, default pipeline. */
  wink: async () => {
    const { default: winkNLP } = await import('wink-nlp');
    const { default: model } = await import('wink-eng-lite-web-model');
    const nlp = winkNLP(model);
    let sum = 0;
    const n = await eachText((text) => {
      sum += nlp.readDoc(text).out(nlp.its.sentiment);
    });
    return Number.isFinite(sum) ? n : 0;
  },
  /** (c) the usual lexicon tool: VADER polarity scores of every text. */
  vader: async () => {
    const { default: vader } = await import('vader-sentiment');
    let sum = 0;
    const n = await eachText((text) => {
      sum += vader.SentimentIntensityAnalyzer.polarity_scores(text).compound;
    });
    return Number.isFinite(sum) ? n : 0;
  },
  /** rapport analyze with every axis, RUE, scores and the JSON report, written to a file. */
  rapport: async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rapport-bench-'));
    const out = join(dir, 'report.json');
    const { main } = await import('../../dist/cli/main.js');
    await main(['node', 'rapport', 'analyze', file, '-f', 'json', '-q', '-o', out]);
    const { readFileSync } = await import('node:fs');
    const report = JSON.parse(readFileSync(out, 'utf8'));
    rmSync(dir, { recursive: true, force: true });
    if (process.exitCode) throw new Error(`rapport exited with ${process.exitCode}`);
    return report.totals.recordsRead;
  },
};

const run = WORKLOADS[kind];
if (!run || !file) {
  process.stderr.write('usage: node scripts/bench/measure.mjs <csv|wink|vader|rapport> <file.csv>\n');
  process.exit(2);
}
const messages = await run();
const seconds = performance.now() / 1000;
const usage = process.resourceUsage();
// CPU seconds of every thread of the process: less sensitive than wall time to other load on the machine.
const cpuSeconds = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
process.stdout.write(`\n${JSON.stringify({ messages, seconds, cpuSeconds, rssMB: usage.maxRSS / 1024 })}\n`);
