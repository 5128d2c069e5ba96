// The rapport command line: parses options, runs a command, writes output, owns the exit codes.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { buildReport } from '../report/build.js';
import { exchangeRecord } from '../report/exchange-json.js';
import { jsonReporter } from '../report/reporters/json.js';
import { markdownReporter } from '../report/reporters/markdown.js';
import { tableReporter } from '../report/reporters/table.js';
import type { Report } from '../report/types.js';
import { InputError } from '../sources/errors.js';
import { terminalSafe } from '../text/sanitize.js';
import { VERSION } from '../version.js';
import { readGold } from '../eval/gold.js';
import { evaluate } from '../eval/evaluate.js';
import { renderEval } from '../eval/render.js';
import { EXIT, UsageError } from './errors.js';
import { useColor, warn, writeFileAtomic, writeStdout } from './io.js';
import { analyzeFiles, type InputOptions } from './shared.js';

type ReportFormat = 'table' | 'json' | 'markdown';

interface AnalyzeOptions extends InputOptions {
  format?: ReportFormat;
  output?: string;
  failUnder?: number;
  top?: number;
  color?: boolean;
}

function parseScore(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 100) throw new InvalidArgumentError('expected a number from 0 to 100');
  return n;
}

function parseCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return n;
}

const RENDER: Record<ReportFormat, (report: Report, options: AnalyzeOptions & { colorOn: boolean }) => string> = {
  table: (report, o) => tableReporter(report, { color: o.colorOn, top: o.top }),
  json: (report) => jsonReporter(report),
  markdown: (report, o) => markdownReporter(report, { top: o.top }),
};

function inputOptions(command: Command): Command {
  return command
    .option('--source <kind>', 'input format, instead of detecting it (twcs)')
    .option('--rejects <file>', 'write every rejected record to this file as NDJSON')
    .option('-q, --quiet', 'no progress or warnings on stderr');
}

async function analyzeCommand(files: string[], options: AnalyzeOptions): Promise<number> {
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

async function tagCommand(files: string[], options: InputOptions): Promise<number> {
  const result = await analyzeFiles(files, options);
  const lines: string[] = [];
  for (const t of result.tagged) {
    lines.push(JSON.stringify(exchangeRecord(t)));
    if (lines.length === 500) await writeStdout(`${lines.splice(0).join('\n')}\n`);
  }
  if (lines.length) await writeStdout(`${lines.join('\n')}\n`);
  return EXIT.ok;
}

async function evalCommand(files: string[], options: InputOptions & { gold: string; format?: 'table' | 'json' }): Promise<number> {
  const gold = readGold(options.gold);
  const result = await analyzeFiles(files, options);
  const scores = evaluate(options.gold, gold, result.tagged);
  await writeStdout(options.format === 'json' ? `${JSON.stringify(scores, null, 2)}\n` : renderEval(scores));
  return EXIT.ok;
}

export function buildProgram(run: (code: Promise<number>) => void): Command {
  const program = new Command('rapport')
    .description('Relationship-health reports from customer conversations, tagged on the EPIC axes (experience, permission, involvement, conversation).')
    .version(VERSION)
    .showHelpAfterError('(run rapport --help for usage)')
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(terminalSafe(text.trim()) + '\n') });

  inputOptions(
    program
      .command('analyze')
      .description('read exports and print a relationship-health report')
      .argument('<files...>', 'exports to read (- for standard input)')
      .addOption(new Option('-f, --format <format>', 'report format (default: table in a terminal, json when piped)').choices(['table', 'json', 'markdown']))
      .option('-o, --output <file>', 'write the report to a file (atomically) instead of stdout')
      .option('--fail-under <score>', 'exit 1 when overall health is below this score (0-100)', parseScore)
      .option('--top <n>', 'rows in the per-account table', parseCount)
      .option('--no-color', 'no colour even in a terminal'),
  ).action((files: string[], options: AnalyzeOptions) => run(analyzeCommand(files, options)));

  inputOptions(
    program
      .command('tag')
      .description('print one JSON object per exchange (NDJSON) with labels and evidence')
      .argument('<files...>', 'exports to read (- for standard input)'),
  ).action((files: string[], options: InputOptions) => run(tagCommand(files, options)));

  inputOptions(
    program
      .command('eval')
      .description('measure the tagger against reference labels: accuracy, macro-F1, confusion, worst misses')
      .requiredOption('--gold <labels.jsonl>', 'reference labels, one JSON object per exchange id')
      .argument('<files...>', 'the labelled threads')
      .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table')),
  ).action((files: string[], options: InputOptions & { gold: string; format?: 'table' | 'json' }) => run(evalCommand(files, options)));

  return program;
}

/** Map any failure to one line on stderr and an exit code; never a stack trace unless RAPPORT_DEBUG is set. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) {
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (error instanceof InputError) {
    warn(`rapport: ${error.message}`);
    return EXIT.usage;
  }
  if (error instanceof UsageError) {
    warn(`rapport: ${error.message}`);
    return EXIT.usage;
  }
  const e = error as NodeJS.ErrnoException;
  if (e && typeof e.code === 'string' && e.syscall) {
    warn(`rapport: ${e.path ?? ''}${e.path ? ': ' : ''}${e.message}`);
    return EXIT.usage;
  }
  warn(`rapport: internal error: ${(error as Error)?.message ?? String(error)}${process.env.RAPPORT_DEBUG ? `\n${(error as Error)?.stack}` : ' (set RAPPORT_DEBUG=1 for details)'}`);
  return EXIT.usage;
}

export async function main(argv: string[]): Promise<void> {
  process.once('SIGINT', () => {
    warn('rapport: interrupted');
    process.exit(EXIT.interrupted);
  });
  let pending: Promise<number> | undefined;
  const program = buildProgram((code) => {
    pending = code;
  });
  try {
    await program.parseAsync(argv);
    process.exitCode = pending ? await pending : EXIT.ok;
  } catch (error) {
    process.exitCode = exitCodeFor(error);
  }
}
