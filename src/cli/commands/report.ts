// `rapport report`: merge the NDJSON of `rapport tag` runs (shards of one input) into one report.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Command, Option } from 'commander';
import type { FileSummary } from '../../pipeline.js';
import { isExchangeRecord, mergeRecords } from '../../pipeline/merge.js';
import type { ExchangeRecord } from '../../report/exchange-json.js';
import { buildReport } from '../../report/build.js';
import { loadConfig } from '../../config.js';
import { formulaFromConfig } from '../../score/formula-config.js';
import { InputError } from '../../sources/errors.js';
import { useColor } from '../io.js';
import { writeGated } from '../finish.js';
import { openInputs } from '../shared.js';
import { parseCount, parseScore, RENDER, type AnalyzeOptions, type ReportFormat } from './analyze.js';

/** Every record of every NDJSON input; a line that is not a `rapport tag` record is an input error. */
async function readRecords(paths: string[]): Promise<{ records: ExchangeRecord[]; files: FileSummary[] }> {
  const records: ExchangeRecord[] = [];
  const files: FileSummary[] = [];
  for (const input of openInputs(paths)) {
    const summary: FileSummary = { file: input.name, source: 'twcs', read: 0, used: 0, rejected: 0 };
    let line = 0;
    for await (const text of createInterface({ input: input.path === null ? process.stdin : createReadStream(input.path), crlfDelay: Infinity })) {
      line++;
      if (text.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        throw new InputError(input.name, line, 'not JSON: expected the NDJSON that `rapport tag` prints');
      }
      if (!isExchangeRecord(value)) throw new InputError(input.name, line, 'not a `rapport tag` record (needs id, thread, labels and extra.turns; re-run rapport tag)');
      records.push(value);
      summary.source = value.source as FileSummary['source'];
      const messages = value.extra.messages.customer.length + value.extra.messages.brand.length;
      summary.read += messages;
      summary.used += messages;
    }
    files.push(summary);
  }
  return { records, files };
}

async function report(paths: string[], options: AnalyzeOptions): Promise<number> {
  const format: ReportFormat = options.format ?? (process.stdout.isTTY && !options.output ? 'table' : 'json');
  const { records, files } = await readRecords(paths);
  // The same formula as `analyze` under the same config, so merged shards report the same numbers.
  const formula = formulaFromConfig(loadConfig(options.config).config.health);
  const merged = mergeRecords(records, formula);
  const built = buildReport({ ...merged, diagnostics: [], files }, { formula });
  const colorOn = !options.output && useColor(process.stdout, options.color);
  const text = RENDER[format]({ report: built, tagged: merged.tagged }, { ...options, colorOn });
  return writeGated(text, options.output, built, { failUnder: options.failUnder });
}

export function reportCommand(run: (code: Promise<number>) => void): Command {
  return new Command('report')
    .description('merge the NDJSON of `rapport tag` runs (shards split by thread) into one report')
    .argument('<ndjson...>', 'outputs of rapport tag (- for standard input)')
    .addOption(new Option('-f, --format <format>', 'report format (default: table in a terminal, json when piped)').choices(Object.keys(RENDER)))
    .option('-o, --output <file>', 'write the report to a file (atomically) instead of stdout')
    .option('--fail-under <score>', 'exit 1 when overall health is below this score (0-100)', parseScore)
    .option('--top <n>', 'rows in the per-account table', parseCount)
    .option('--no-color', 'no colour even in a terminal')
    .option('--config <file>', 'settings file for the health formula (default: the nearest rapport.config.json upwards)')
    .action((files: string[], options: AnalyzeOptions) => run(report(files, options)));
}
