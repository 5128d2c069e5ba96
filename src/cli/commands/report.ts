// `rapport report`: merge the NDJSON of `rapport tag` runs (shards of one input) into one report.
import { Command } from 'commander';
import type { FileSummary } from '../../model/types.js';
import { isExchangeRecord, mergeRecords } from '../../pipeline/merge.js';
import type { ExchangeRecord } from '../../report/exchange-json.js';
import { InputError } from '../../sources/errors.js';
import { byteLines, lineText } from '../../sources/lines.js';
import { loadConfig } from '../../config.js';
import { checkOutputs, role } from '../output-file.js';
import { redactResult } from '../../redact/result.js';
import { EXCHANGE_RECORD_SHAPE } from '../../report/report-shape.js';
import { shapeError } from '../../report/shape.js';
import { ScopeCheck } from '../scope-check.js';
import { collect, openInputs } from '../shared.js';
import { addReportOptions, finishReport, reportInMemory, reportPlan, type AnalyzeOptions } from './analyze.js';

/** Longest line of `rapport tag` output read: one exchange with its messages (each up to 1 MiB) and evidence. */
const MAX_TAG_LINE_BYTES = 16 * 1024 * 1024;

/** Every record of every NDJSON input; a line that is not a `rapport tag` record is an input error. */
async function readRecords(paths: string[]): Promise<{ records: ExchangeRecord[]; files: FileSummary[] }> {
  const records: ExchangeRecord[] = [];
  const files: FileSummary[] = [];
  for (const input of openInputs(paths)) {
    const summary: FileSummary = { file: input.name, source: 'twcs', read: 0, used: 0, rejected: 0 };
    for await (const l of byteLines(input.open(), MAX_TAG_LINE_BYTES)) {
      const line = l.line;
      if (l.cut) throw new InputError(input.name, line, `a line longer than ${MAX_TAG_LINE_BYTES / (1024 * 1024)} MiB: not the NDJSON that \`rapport tag\` prints`);
      const text = lineText(l);
      if (text.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        throw new InputError(input.name, line, 'not JSON: expected the NDJSON that `rapport tag` prints');
      }
      if (!isExchangeRecord(value)) throw new InputError(input.name, line, 'not a `rapport tag` record (needs id, thread, labels and extra.turns; re-run rapport tag)');
      // Every field `report` reads, checked first: a label or source it does not know is one line, not an internal error.
      const error = shapeError(value, EXCHANGE_RECORD_SHAPE);
      if (error) throw new InputError(input.name, line, `not a \`rapport tag\` record: ${error}`);
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
  const plan = reportPlan(options);
  const reads = openInputs(paths).map((i) => role('input', i.path ?? (i.name === '<stdin>' ? undefined : i.name)));
  checkOutputs([role('-o', options.output)], [...reads, role('config', loadConfig(options.config).path), role('--baseline', options.baseline)], !options.output);
  const { records, files } = await readRecords(paths);
  // The same formula as `analyze` under the same config, so merged shards report the same numbers.
  const merged = mergeRecords(records, plan.build.formula);
  const scope = new ScopeCheck(plan.filter.brands, plan.filter.since, plan.filter.until);
  // Lines of `rapport tag` without --redact are masked here when asked (--redact, or "redact": true in the config).
  const redact = options.redact ?? loadConfig(options.config).config.redact ?? false;
  const run = { ...merged, diagnostics: [], files };
  const { report: built, tagged } = reportInMemory(redact ? redactResult(run) : run, plan, scope);
  return finishReport(built, tagged, plan, scope, options);
}

export function reportCommand(run: (code: Promise<number>) => void): Command {
  return addReportOptions(
    new Command('report')
      .description('merge the NDJSON of `rapport tag` runs (shards split by thread) into one report; the options of analyze')
      .argument('<ndjson...>', 'outputs of rapport tag (- for standard input)')
      .option('--tz <zone>', 'time zone for days, weeks and months, and for bare --since/--until dates (default UTC)')
      .option('--brand <name>', 'report only these brand accounts (repeatable, comma-separated)', collect)
      .option('--config <file>', 'settings file for the health formula (default: the nearest rapport.config.json upwards)')
      .option('--redact', 'mask emails, phone, card and IBAN numbers and customer handles (config: "redact": true)')
      .option('--no-redact', 'show personal data even when the config says "redact": true'),
  ).action((files: string[], options: AnalyzeOptions) => run(report(files, options)));
}
