// `rapport analyze`: read exports, print a relationship-health report, apply gates.
import { Command, InvalidArgumentError, Option } from 'commander';
import { loadConfig } from '../../config.js';
import type { TaggedExchange, Thread } from '../../model/types.js';
import { buildReport, ReportReducer, type BuildOptions } from '../../report/build.js';
import { exchangeKeeper, filterExchanges } from '../../report/filter.js';
import { checkTimeZone, parseDateBound } from '../../report/periods.js';
import type { CsvRows } from '../../report/reporters/csv.js';
import { HTML_DRILL_PER_GROUP, HTML_TOP } from '../../report/reporters/html-limits.js';
import { GROUP_KEYS, SORT_KEYS, type GroupKey, type Report, type SortKey } from '../../report/types.js';
import { formulaFromConfig } from '../../score/formula-config.js';
import { UsageError } from '../errors.js';
import { useColor } from '../io.js';
import { writeGated } from '../finish.js';
import { ScopeCheck } from '../scope-check.js';
import { readReportFile } from '../report-file.js';
import { addInputOptions, analyzeFiles, type InputOptions } from '../shared.js';
import { maskText } from '../../text/redact.js';

export type ReportFormat = 'table' | 'markdown' | 'html' | 'json' | 'ndjson' | 'csv';

export interface AnalyzeOptions extends InputOptions {
  format?: ReportFormat;
  output?: string;
  by: GroupKey[];
  since?: string;
  until?: string;
  now?: string;
  sort?: Exclude<SortKey, 'time'>;
  top?: number;
  csvRows: CsvRows;
  failUnder?: number;
  failOnDrop?: number;
  maxUnanswered?: number;
  baseline?: string;
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

/** A share as 0.15 or 15%. */
export function parseShare(value: string): number {
  const percent = value.trim().endsWith('%');
  const n = Number(percent ? value.trim().slice(0, -1) : value) / (percent ? 100 : 1);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError('expected a share from 0 to 1 (or a percentage such as 15%)');
  return n;
}

function parseGroupKey(value: string, previous: GroupKey[] = []): GroupKey[] {
  if (!(GROUP_KEYS as readonly string[]).includes(value)) throw new InvalidArgumentError(`expected one of ${GROUP_KEYS.join(', ')}`);
  return previous.includes(value as GroupKey) ? previous : [...previous, value as GroupKey];
}

/** What a reporter may read: the report, and the tagged exchanges it was built from (per-exchange formats). */
interface RenderInput {
  report: Report;
  tagged: readonly TaggedExchange[];
}

/**
 * Every report format: a new format fails to compile until it is listed here. A run loads only the reporter
 * of its format (the table's chalk and cli-table3, the HTML page's script and charts: about 50 ms of a start).
 */
export const RENDER: Record<ReportFormat, (input: RenderInput, options: AnalyzeOptions & { colorOn: boolean }) => Promise<string>> = {
  table: async ({ report }, o) => (await import('../../report/reporters/table.js')).tableReporter(report, { color: o.colorOn, top: o.top, width: o.output ? 80 : process.stdout.columns }),
  markdown: async ({ report }, o) => (await import('../../report/reporters/markdown.js')).markdownReporter(report, { top: o.top }),
  html: async ({ report }, o) => (await import('../../report/reporters/html.js')).htmlReporter(report, { top: o.top }),
  json: async ({ report }) => (await import('../../report/reporters/json.js')).jsonReporter(report),
  ndjson: async ({ tagged }) => (await import('../../report/reporters/ndjson.js')).ndjsonReporter(tagged),
  csv: async ({ report, tagged }, o) => {
    const csv = await import('../../report/reporters/csv.js');
    return o.csvRows === 'exchanges' ? csv.csvExchangesReporter(tagged, report.health.formula) : csv.csvGroupsReporter(report);
  },
};

/** The format an `--output` name asks for by its extension (`report.md`, `report.html`…), if any. */
const EXTENSIONS: Record<string, ReportFormat> = { md: 'markdown', markdown: 'markdown', html: 'html', htm: 'html', json: 'json', ndjson: 'ndjson', jsonl: 'ndjson', csv: 'csv' };

export function formatOfFile(path: string | undefined): ReportFormat | undefined {
  const ext = path && /\.([a-z]+)$/i.exec(path)?.[1]?.toLowerCase();
  return ext ? EXTENSIONS[ext] : undefined;
}

function bound(name: string, value: string | undefined, tz: string, endOfDay: boolean): number | null {
  if (value === undefined) return null;
  const ms = parseDateBound(value, tz, endOfDay);
  if (ms === null) throw new UsageError(`${name} expects a date (2017-10-31) or an ISO time with offset (2017-10-31T08:00Z), not "${value}"`);
  return ms;
}

/** What the report options ask for, checked: the format, the filters, how to build the report, the baseline. */
export interface ReportPlan {
  format: ReportFormat;
  filter: { since: number | null; until: number | null; brands: string[] };
  build: BuildOptions;
  baseline: Report | null;
}

export function reportPlan(options: AnalyzeOptions): ReportPlan {
  const format: ReportFormat = options.format ?? formatOfFile(options.output) ?? (process.stdout.isTTY && !options.output ? 'table' : 'json');
  let tz: string;
  try {
    tz = checkTimeZone(options.tz ?? 'UTC');
  } catch {
    throw new UsageError(`--tz: unknown time zone "${options.tz}" (use UTC, +02:00 or a name such as Europe/Berlin)`);
  }
  const since = bound('--since', options.since, tz, false);
  const until = bound('--until', options.until, tz, true);
  if (since !== null && until !== null && since >= until) throw new UsageError('--since must be before --until');
  let now: string | null = null;
  if (options.now !== undefined) {
    const ms = parseDateBound(options.now, tz);
    if (ms === null) throw new UsageError(`--now expects a date or an ISO time with offset, not "${options.now}"`);
    now = new Date(ms).toISOString();
  }
  if (options.failOnDrop !== undefined && !options.baseline) throw new UsageError('--fail-on-drop needs --baseline <last.json>');
  const baseline = options.baseline ? readReportFile(options.baseline) : null;
  const { config, path: configPath, sha256 } = loadConfig(options.config);
  const formula = formulaFromConfig(config.health);
  const redact = options.redact ?? config.redact ?? false;
  const build: BuildOptions = {
    formula,
    // Which settings made this report (a config found upwards changes the weights): path and hash.
    config: configPath && sha256 ? { path: redact ? maskText(configPath).text : configPath, sha256 } : null,
    groupBy: options.by,
    sort: options.sort,
    timeZone: tz,
    scope: {
      since: since === null ? null : new Date(since).toISOString(),
      until: until === null ? null : new Date(until).toISOString(),
      brands: options.brand ?? [],
      now,
    },
    // The HTML page embeds the worst exchanges of each brand and agent row it shows, for its drill-down.
    ...(format === 'html' ? { drill: { perGroup: HTML_DRILL_PER_GROUP, groups: options.top ?? HTML_TOP } } : {}),
  };
  return { format, filter: { since, until, brands: options.brand ?? [] }, build, baseline };
}

/** A report of exchanges held in memory (per-exchange formats, merged shards), filtered as asked. */
export function reportInMemory<T extends { tagged: readonly TaggedExchange[]; threads: readonly Thread[] } & Parameters<typeof buildReport>[0]>(
  all: T,
  plan: ReportPlan,
  scope: ScopeCheck,
): { report: Report; tagged: readonly TaggedExchange[] } {
  const result = filterExchanges(all, plan.filter);
  scope.see(all.tagged, result.tagged);
  return { report: buildReport(result, { ...plan.build, scope: { ...plan.build.scope, excluded: result.excluded } }), tagged: result.tagged };
}

/** The end of a report command: refuse a report about nothing, render, write, apply the gates. */
export async function finishReport(report: Report, tagged: readonly TaggedExchange[], plan: ReportPlan, scope: ScopeCheck, options: AnalyzeOptions): Promise<number> {
  const empty = scope.problem();
  if (empty) throw new UsageError(empty);
  const colorOn = !options.output && useColor(process.stdout, options.color);
  const text = await RENDER[plan.format]({ report, tagged }, { ...options, colorOn });
  return writeGated(text, options.output, report, options, plan.baseline);
}

/** The per-exchange formats' text of one thread's exchanges (no header), and the header they go under. */
async function exchangeLines(plan: ReportPlan, csvRows: CsvRows): Promise<{ header: string; lines: (tagged: readonly TaggedExchange[]) => string } | null> {
  if (plan.format === 'ndjson') return { header: '', lines: (await import('../../report/reporters/ndjson.js')).ndjsonReporter };
  if (plan.format !== 'csv' || csvRows !== 'exchanges') return null;
  const { csvExchangesReporter } = await import('../../report/reporters/csv.js');
  const header = csvExchangesReporter([]);
  return { header, lines: (tagged) => csvExchangesReporter(tagged, plan.build.formula).slice(header.length) };
}

async function analyze(files: string[], options: AnalyzeOptions): Promise<number> {
  const plan = reportPlan(options);
  const scope = new ScopeCheck(plan.filter.brands, plan.filter.since, plan.filter.until);
  // Every format is reduced a thread at a time; per-exchange formats keep each thread's text (not its exchanges).
  const perExchange = await exchangeLines(plan, options.csvRows);
  const chunks: { order: number; text: string }[] = [];
  const keep = exchangeKeeper(plan.filter);
  const reducer = new ReportReducer(plan.build);
  let report: Report;
  let excluded = 0;
  try {
    const result = await analyzeFiles(files, options, {
      reduce: (thread, list, order) => {
        if (keep) {
          const kept = list.filter(keep);
          scope.see(list, kept);
          excluded += list.length - kept.length;
          // As filterExchanges: a thread is reported when one of its exchanges is.
          if (!kept.length) return;
          list = kept;
        }
        reducer.addThread(thread, list, order);
        if (perExchange && list.length) chunks.push({ order, text: perExchange.lines(list) });
      },
    });
    report = reducer.result({ ...result, excluded });
  } finally {
    reducer.close();
  }
  if (!perExchange) return finishReport(report, [], plan, scope, options);
  const empty = scope.problem();
  if (empty) throw new UsageError(empty);
  chunks.sort((a, b) => a.order - b.order);
  return writeGated(perExchange.header + chunks.map((c) => c.text).join(''), options.output, report, options, plan.baseline);
}

/** The options of every command that writes a report (analyze, report). */
export function addReportOptions(command: Command): Command {
  return command
    .addOption(new Option('-f, --format <format>', 'report format (default: from the --output extension, else table in a terminal, json when piped)').choices(Object.keys(RENDER)))
    .option('-o, --output <file>', 'write the report to a file (atomically) instead of stdout')
    .option('--by <grouping>', `a table per grouping, repeatable (${GROUP_KEYS.join(', ')})`, parseGroupKey, [])
    .option('--since <date>', 'only exchanges from this date (in --tz) or ISO time on')
    .option('--until <date>', 'only exchanges up to this date (inclusive, in --tz) or before this ISO time')
    .option('--now <time>', 'the report time to record (reports hold no "now" otherwise)')
    .addOption(new Option('--sort <order>', 'row order: health (worst first), volume, frt (slowest first)').choices([...SORT_KEYS]))
    .option('--top <n>', 'rows per grouping table and at-risk items shown', parseCount)
    .addOption(new Option('--csv-rows <rows>', 'csv: one row per group or per exchange').choices(['groups', 'exchanges']).default('groups'))
    .option('--fail-under <score>', 'exit 1 when overall health is below this score (0-100)', parseScore)
    .option('--baseline <report.json>', 'last JSON report, for --fail-on-drop')
    .option('--fail-on-drop <points>', 'exit 1 when health fell more than this many points since --baseline', parseScore)
    .option('--max-unanswered <share>', 'exit 1 when more than this share of customer turns is unanswered (0.2 or 20%)', parseShare)
    .option('--no-color', 'no colour even in a terminal');
}

export function analyzeCommand(run: (code: Promise<number>) => void): Command {
  return addReportOptions(
    addInputOptions(new Command('analyze').description('read exports and print a relationship-health report').argument('<files...>', 'exports to read (- for standard input)')),
  ).action((files: string[], options: AnalyzeOptions) => run(analyze(files, options)));
}
