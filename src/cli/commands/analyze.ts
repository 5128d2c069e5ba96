// `rapport analyze`: read exports, print a relationship-health report, apply gates.
import { Command, InvalidArgumentError, Option } from 'commander';
import { buildReport } from '../../report/build.js';
import { jsonReporter } from '../../report/reporters/json.js';
import { markdownReporter } from '../../report/reporters/markdown.js';
import { tableReporter } from '../../report/reporters/table.js';
import type { Report } from '../../report/types.js';
import { EXIT } from '../errors.js';
import { useColor, warn, writeFileAtomic, writeStdout } from '../io.js';
import { addInputOptions, analyzeFiles, type InputOptions } from '../shared.js';

export type ReportFormat = 'table' | 'json' | 'markdown';

export interface AnalyzeOptions extends InputOptions {
  format?: ReportFormat;
  output?: string;
  failUnder?: number;
  top?: number;
  color?: boolean;
}

export function parseScore(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 100) throw new InvalidArgumentError('expected a number from 0 to 100');
  return n;
}

export function parseCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return n;
}

/** Every report format: a new format fails to compile until it is listed here. */
export const RENDER: Record<ReportFormat, (report: Report, options: AnalyzeOptions & { colorOn: boolean }) => string> = {
  table: (report, o) => tableReporter(report, { color: o.colorOn, top: o.top }),
  json: (report) => jsonReporter(report),
  markdown: (report, o) => markdownReporter(report, { top: o.top }),
};

async function analyze(files: string[], options: AnalyzeOptions): Promise<number> {
  const format: ReportFormat = options.format ?? (process.stdout.isTTY && !options.output ? 'table' : 'json');
  const result = await analyzeFiles(files, options);
  const report = buildReport(result);
  const colorOn = !options.output && useColor(process.stdout, options.color);
  const text = RENDER[format](report, { ...options, colorOn });
  if (options.output) writeFileAtomic(options.output, text);
  else await writeStdout(text);
  if (options.failUnder !== undefined) {
    const score = report.health.score;
    if (score === null || score < options.failUnder) {
      warn(`rapport: health ${score === null ? 'could not be measured' : score.toFixed(1)} is below --fail-under ${options.failUnder}`);
      return EXIT.gate;
    }
  }
  return EXIT.ok;
}

export function analyzeCommand(run: (code: Promise<number>) => void): Command {
  return addInputOptions(
    new Command('analyze')
      .description('read exports and print a relationship-health report')
      .argument('<files...>', 'exports to read (- for standard input)')
      .addOption(new Option('-f, --format <format>', 'report format (default: table in a terminal, json when piped)').choices(Object.keys(RENDER)))
      .option('-o, --output <file>', 'write the report to a file (atomically) instead of stdout')
      .option('--fail-under <score>', 'exit 1 when overall health is below this score (0-100)', parseScore)
      .option('--top <n>', 'rows in the per-account table', parseCount)
      .option('--no-color', 'no colour even in a terminal'),
  ).action((files: string[], options: AnalyzeOptions) => run(analyze(files, options)));
}
