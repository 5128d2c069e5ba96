// What the analyze, tag and eval commands share: reading inputs with progress and writing rejects.
import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import type { Diagnostic, SourceKind } from '../model/types.js';
import { runPipeline, type PipelineOptions, type PipelineResult } from '../pipeline.js';
import { SOURCE_KINDS } from '../sources/index.js';
import { inputFromPath, type InputFile } from '../sources/input.js';
import { MAP_FIELDS, type ColumnMap, type MapField, type SourceOptions } from '../sources/adapter.js';
import { expandPaths } from '../sources/expand.js';
import { isValidZone } from '../sources/time.js';
import { unsafeRegexReason } from '../nlp/regex-safety.js';
import { CONFIG_NAME, loadConfig, type RapportConfig } from '../config.js';
import { compileCues, type CueSet } from '../taggers/lexicons/index.js';
import { applyOverrides } from '../taggers/lexicons/override.js';
import { formulaFromConfig } from '../score/formula-config.js';
import { UsageError } from './errors.js';
import { progress, warn } from './io.js';
import { checkOutputs, role, writeOutputFile } from './output-file.js';
import { readScripts } from '../pipeline/scripts-file.js';
import { defaultModel, readModel, type EpicModel } from '../taggers/model.js';
import { tagContext } from '../pipeline/context.js';
import { countTemplates } from '../pipeline/templates.js';
import { explainExchange } from '../taggers/index.js';
import type { Decided } from '../taggers/decide.js';
import type { Exchange, Thread } from '../model/types.js';
import { maskText } from '../text/redact.js';

export interface InputOptions {
  /** Script counts of the whole input, written by `rapport shard` (tag only). */
  scripts?: string;
  config?: string;
  source?: string;
  rejects?: string;
  quiet?: boolean;
  map?: ColumnMap;
  brand?: string[];
  brandDomain?: string[];
  timeFormat?: string;
  tz?: string;
  /** Mask personal data in every output; undefined means the config's `redact` (default off). */
  redact?: boolean;
  /** A model file written by `rapport train`, instead of the built-in model (or the config's `model`). */
  model?: string;
  /** The file the command writes (`-o`), when it has one: it may not be a file the command reads. */
  output?: string;
  /** Files read besides the inputs (`--gold` of eval and train, `--baseline` of analyze): no output may be one. */
  gold?: string;
  baseline?: string;
}

/** `conversation=ticket_id,text=body` → a column map; repeated options add up. */
export function parseMap(value: string, previous: ColumnMap = {}): ColumnMap {
  const map: ColumnMap = { ...previous };
  for (const pair of value.split(',')) {
    if (pair.trim() === '') continue;
    const eq = pair.indexOf('=');
    const field = pair.slice(0, eq).trim();
    const column = pair.slice(eq + 1).trim();
    if (eq < 1 || column === '') throw new InvalidArgumentError(`expected field=column pairs, not "${pair}"`);
    if (!(MAP_FIELDS as readonly string[]).includes(field)) throw new InvalidArgumentError(`unknown field "${field}" (fields: ${MAP_FIELDS.join(', ')})`);
    map[field as MapField] = column;
  }
  return map;
}

/** Repeatable, comma-separated list options (`--brand Acme --brand "Acme Support"`). */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').map((v) => v.trim()).filter(Boolean)];
}

/** The options every reading command takes. */
export function addInputOptions(command: Command): Command {
  return command
    .option('--config <file>', `settings file (default: the nearest ${CONFIG_NAME} upwards)`)
    .option('--source <kind>', `input format, instead of detecting it (${SOURCE_KINDS.join(', ')})`)
    .option('--map <field=column,...>', `CSV columns for ${MAP_FIELDS.join(', ')} (e.g. conversation=ticket_id,text=body)`, parseMap)
    .option('--brand <name>', 'author name or id on the brand side (repeatable, comma-separated)', collect)
    .option('--brand-domain <domain>', 'email domain of the brand side (repeatable, comma-separated)', collect)
    .option('--time-format <format>', 'timestamp format with YYYY MM DD HH hh mm ss SSS A, for times rapport does not recognise')
    .option('--tz <zone>', 'time zone for times without an offset: UTC (default), +02:00 or an IANA name')
    .option('--rejects <file>', 'write every rejected record to this file as NDJSON')
    .option('--model <file>', 'label with a model written by rapport train instead of the built-in one (config: "model")')
    .option('-q, --quiet', 'no progress or warnings on stderr')
    .option('--redact', 'mask emails, phone, card and IBAN numbers and customer handles in every output (config: "redact": true)')
    .option('--no-redact', 'show personal data even when the config says "redact": true');
}

export function parseSource(value: string | undefined): SourceKind | undefined {
  if (value === undefined) return undefined;
  if (!(SOURCE_KINDS as string[]).includes(value)) throw new UsageError(`--source must be one of ${SOURCE_KINDS.join(', ')}, not "${value}"`);
  return value as SourceKind;
}

/** The inputs behind the paths: globs and directories expanded, a maildir or .eml folder as one input. */
export function openInputs(paths: string[]): InputFile[] {
  if (!paths.length) throw new UsageError('no input files given (use - for standard input)');
  if (paths.filter((p) => p === '-').length > 1) throw new UsageError('standard input (-) can be given only once');
  const expanded = expandPaths(paths);
  // The same file twice would make every message a duplicate id, counted against the wrong copy.
  const seen = new Set<string>();
  for (const path of expanded) {
    const key = path === '-' ? path : resolve(path);
    if (seen.has(key)) throw new UsageError(`${path} is given more than once`);
    seen.add(key);
  }
  return expanded.map((path) => (path !== '-' && statSync(path).isDirectory() ? { name: path, path, open: () => inputFromPath(path).open() } : inputFromPath(path)));
}

/** What adapters need, from the options and else the config's `source` section. */
export function sourceOptions(options: InputOptions, config: RapportConfig['source'] = {}, configPath: string | null = null): SourceOptions {
  const timezone = options.tz ?? config.timezone;
  if (timezone !== undefined && !isValidZone(timezone)) throw new UsageError(`--tz: unknown time zone "${timezone}" (use UTC, +02:00 or a name such as Europe/Berlin)`);
  const map = options.map ?? (config.map ? parseConfigMap(config.map) : undefined);
  (options.brand ?? config.brand ?? []).forEach((brand, i) => {
    const rule = /^\/(.+)\/([imsu]*)$/.exec(brand.trim());
    if (!rule) return;
    const where = options.brand ? `--brand ${brand}` : `${configPath ?? CONFIG_NAME}: source.brand[${i}] ${JSON.stringify(brand)}`;
    let unsafe: string | null;
    try {
      unsafe = unsafeRegexReason(rule[1]!, rule[2]);
    } catch (error) {
      throw new UsageError(`${where}: not a regular expression (${(error as Error).message})`);
    }
    // Brand rules run on every author name: one that can backtrack without end is refused.
    if (unsafe) throw new UsageError(`${where}: ${unsafe}`);
  });
  return {
    map,
    brands: options.brand ?? config.brand,
    brandDomains: options.brandDomain ?? config.brandDomain,
    timeFormat: options.timeFormat ?? config.timeFormat,
    timezone,
  };
}

function parseConfigMap(map: Record<string, string>): ColumnMap {
  try {
    return parseMap(Object.entries(map).map(([k, v]) => `${k}=${v}`).join(','));
  } catch (error) {
    throw new UsageError(`config source.map: ${(error as Error).message}`);
  }
}

export function rejectLine(d: Diagnostic): string {
  return JSON.stringify({ code: d.code, file: d.file, line: d.line, message: d.message, raw: d.raw ?? null, ...(d.severity ? { severity: d.severity } : {}) });
}

/**
 * Ctrl-C (and SIGTERM) reach a JavaScript handler only between event-loop turns. While inputs are read,
 * main's handlers print one line and exit 130 (143); once every input has been read to its end (the
 * engine's first pass), the later passes and tagging run, and the signal gets the default action instead:
 * the process ends at once (status 130 or 143 in the shell), with no output written and no temporary file
 * left (spooled stdin and spill files are unlinked while open). `restore` puts the handlers back
 * for the output.
 */
function interruptibleInputs(inputs: InputFile[]): { inputs: InputFile[]; restore(): void } {
  const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
  const ended = new Set<number>();
  let saved: Map<NodeJS.Signals, ((...args: unknown[]) => void)[]> | null = null;
  const watched = inputs.map((input, i): InputFile => ({
    ...input,
    open: () => {
      const stream = input.open();
      stream.once('end', () => {
        ended.add(i);
        if (ended.size === inputs.length && !saved) {
          saved = new Map(SIGNALS.map((signal) => [signal, process.listeners(signal) as ((...args: unknown[]) => void)[]]));
          for (const signal of SIGNALS) process.removeAllListeners(signal);
        }
      });
      return stream;
    },
  }));
  return {
    inputs: watched,
    restore: () => {
      for (const [signal, listeners] of saved ?? []) for (const listener of listeners) process.once(signal, listener);
      saved = null;
    },
  };
}

/** `--model`, else the config's `model` (a path relative to the config file), else the built-in model (undefined). */
export function modelFor(options: InputOptions, config: RapportConfig, configPath: string | null): EpicModel | undefined {
  if (options.model) return readModel(options.model);
  if (config.model) return readModel(resolve(configPath ? dirname(configPath) : '.', config.model));
  return undefined;
}

/** The cues with the config's lexicon overrides applied, or undefined for the built-in ones. */
export function cuesFor(config: RapportConfig, configPath: string | null): CueSet | undefined {
  return config.lexicons ? compileCues(applyOverrides(configPath ?? CONFIG_NAME, config.lexicons)) : undefined;
}

/** Every head's decision for one exchange of an in-memory run, with its features and contributions (`rapport explain`). */
export function decisionsOf(exchange: Exchange, threads: readonly Thread[], options: InputOptions): Decided {
  const { config, path } = loadConfig(options.config);
  const cues = cuesFor(config, path) ?? compileCues();
  const counts = countTemplates(threads);
  return explainExchange(exchange, tagContext(cues, modelFor(options, config, path) ?? defaultModel(), (key) => counts.get(key) ?? 0));
}

/** Up to this many inputs, each one's detected format is named on stderr as it is read. */
const FEW_INPUTS = 3;

/**
 * Read and tag the inputs, with a spinner in a terminal; report rejected rows on stderr. With `use.reduce`
 * (reports) or `use.sink` (`rapport tag`), finished threads or batches go there as they are ready, with
 * bounded memory for any input; the result then holds no exchanges. Redaction, when on, happens before
 * anything reaches them.
 */
export async function analyzeFiles(paths: string[], options: InputOptions, use: Partial<Pick<PipelineOptions, 'reduce' | 'sink' | 'model'>> = {}): Promise<PipelineResult> {
  const { config, path: configPath } = loadConfig(options.config);
  const redact = options.redact ?? config.redact ?? false;
  // Under --redact a file name on stderr is masked as in the report (a name can hold an address).
  const shown = (name: string): string => (redact ? maskText(name).text : name);
  // A settings file found by walking up changes weights, lexicons and roles: never silently.
  if (configPath && !options.config && !options.quiet) warn(`rapport: settings from ${shown(configPath)} (found upwards from here; --config names another)`);
  const cues = cuesFor(config, configPath);
  const model = use.model ?? modelFor(options, config, configPath);
  const opened = openInputs(paths);
  const modelPath = use.model ? undefined : options.model ?? (config.model ? resolve(configPath ? dirname(configPath) : '.', config.model) : undefined);
  checkOutputs(
    [role('-o', options.output), role('--rejects', options.rejects)],
    [...opened.map((i) => role('input', i.path ?? (i.name === '<stdin>' ? undefined : i.name))), role('config', configPath), role('model', modelPath), role('--scripts', options.scripts), role('--gold', options.gold), role('--baseline', options.baseline)],
    !options.output,
  );
  const { inputs, restore } = interruptibleInputs(opened);
  const spinner = progress(options);
  const started = Date.now();
  let result: PipelineResult;
  const forced = parseSource(options.source ?? config.source?.kind);
  try {
    result = await runPipeline(inputs, {
      source: forced,
      reduce: use.reduce,
      sink: use.sink,
      redact,
      cues,
      model,
      formula: formulaFromConfig(config.health),
      read: sourceOptions(options, config.source, configPath),
      onSource: (file, kind) => {
        // One line per input for a few inputs; a folder of many says it once, after reading.
        if (!options.quiet && !forced && inputs.length <= FEW_INPUTS) warn(`rapport: ${shown(file)}: reading as ${kind} (detected; --source overrides)`);
      },
      scripts: options.scripts ? readScripts(options.scripts) : undefined,
      onProgress: (n) => spinner.update(`read ${n.toLocaleString('en-US')} records (${Math.round(n / ((Date.now() - started) / 1000 || 1)).toLocaleString('en-US')}/s)`),
      onTagged: (n, total) => spinner.update(`tagged ${n.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} messages (${Math.floor((100 * n) / (total || 1))}%)`),
    });
  } finally {
    restore();
    spinner.stop();
  }
  if (options.rejects) writeOutputFile(options.rejects, result.diagnostics.map((d) => `${rejectLine(d)}\n`).join(''));
  if (!options.quiet && !forced && inputs.length > FEW_INPUTS) {
    const kinds = new Map<string, number>();
    for (const f of result.files) kinds.set(f.source, (kinds.get(f.source) ?? 0) + 1);
    warn(`rapport: ${inputs.length} inputs: reading as ${[...kinds].map(([kind, n]) => `${kind} (${n})`).join(', ')} (detected; --source overrides)`);
  }
  // A Twitter export gives roles; the few broadcasts read from its threads are not worth a warning.
  const inferred = result.files.filter((f) => (f.roles === 'inferred' || f.roles === 'mixed') && f.source !== 'twcs');
  if (inferred.length && !options.quiet) {
    warn(`rapport: roles inferred for ${inferred.length === 1 ? inferred[0]!.file : `${inferred.length} inputs`}: the customer is who asks, the support side who answers or announces (each role's reason is in the JSON and in explain; --brand or --brand-domain to say who the brand is)`);
  }
  if (result.diagnostics.length && !options.quiet) {
    for (const d of result.diagnostics.slice(0, 3)) warn(`${d.file}:${d.line ?? '?'}: ${d.severity ? `${d.severity}: ` : ''}${d.code}: ${d.message}`);
    const more = result.diagnostics.length - 3;
    const rejected = result.diagnostics.filter((d) => d.severity !== 'warning').length;
    const warnings = result.diagnostics.length - rejected;
    const counts = [rejected ? `${rejected} record(s) rejected` : '', warnings ? `${warnings} warning(s)` : ''].filter(Boolean).join(', ');
    warn(`rapport: ${counts}${more > 0 ? ` (${more} more not shown)` : ''}${options.rejects ? `; all written to ${options.rejects}` : '; --rejects FILE writes them all'}`);
    const heavy = heavyRejects(result);
    for (const line of heavy.slice(0, HEAVY_SHOWN)) warn(line);
    if (heavy.length > HEAVY_SHOWN) warn(`rapport: ${heavy.length - HEAVY_SHOWN} more inputs lost over 1% of their records to one kind of reject; --rejects FILE lists them`);
  }
  const nothing = nothingUsable(result);
  if (nothing) throw new UsageError(nothing);
  return result;
}

/** Inputs named one by one when a kind of reject is heavy in them; the rest are counted. */
const HEAVY_SHOWN = 10;

/**
 * One line per input and kind of reject that is more than 1% of that input's records: the first three
 * samples may all come from one input, and a kind that eats a share of another must not go unseen.
 */
export function heavyRejects(result: Pick<PipelineResult, 'files' | 'diagnostics'>): string[] {
  const byFile = new Map<string, Map<string, number>>();
  for (const d of result.diagnostics) {
    if (d.severity === 'warning') continue;
    const codes = byFile.get(d.file) ?? new Map<string, number>();
    codes.set(d.code, (codes.get(d.code) ?? 0) + 1);
    byFile.set(d.file, codes);
  }
  const lines: string[] = [];
  for (const f of result.files) {
    const codes = byFile.get(f.file);
    if (!codes || f.read === 0) continue;
    const heavy = [...codes].filter(([, n]) => n > f.read / 100).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    for (const [code, n] of heavy) lines.push(`rapport: ${f.file}: ${n.toLocaleString('en-US')} of ${f.read.toLocaleString('en-US')} records rejected as ${code}`);
  }
  return lines;
}

/** Why a run has nothing to analyze (no record, or every record rejected), or null: such a run is not a success. */
export function nothingUsable(result: Pick<PipelineResult, 'files' | 'diagnostics'>): string | null {
  const read = result.files.reduce((n, f) => n + f.read, 0);
  if (result.files.reduce((n, f) => n + f.used, 0) > 0) return null;
  const names = result.files.length === 1 ? result.files[0]!.file : `${result.files.length} inputs`;
  if (read === 0) return `${names}: no records to analyze`;
  const byCode = new Map<string, number>();
  for (const d of result.diagnostics) if (d.severity !== 'warning') byCode.set(d.code, (byCode.get(d.code) ?? 0) + 1);
  const codes = [...byCode.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([c, n]) => `${c} ${n}`).join(', ');
  return `${names}: no usable records: all ${read} were rejected (${codes}); --rejects FILE lists them`;
}
