// What the analyze, tag and eval commands share: reading inputs with progress and writing rejects.
import { existsSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import type { Diagnostic, SourceKind } from '../model/types.js';
import { runPipeline, type PipelineResult } from '../pipeline.js';
import { SOURCE_KINDS } from '../sources/index.js';
import { inputFromPath, type InputFile } from '../sources/input.js';
import { InputError } from '../sources/errors.js';
import { CONFIG_NAME, loadConfig } from '../config.js';
import { UsageError } from './errors.js';
import { progress, warn, writeFileAtomic } from './io.js';
import { readScripts } from '../pipeline/scripts-file.js';

export interface InputOptions {
  /** Script counts of the whole input, written by `rapport shard` (tag only). */
  scripts?: string;
  config?: string;
  source?: string;
  rejects?: string;
  quiet?: boolean;
}

/** The options every reading command takes. */
export function addInputOptions(command: Command): Command {
  return command
    .option('--config <file>', `settings file (default: the nearest ${CONFIG_NAME} upwards)`)
    .option('--source <kind>', `input format, instead of detecting it (${SOURCE_KINDS.join(', ')})`)
    .option('--rejects <file>', 'write every rejected record to this file as NDJSON')
    .option('-q, --quiet', 'no progress or warnings on stderr');
}

export function parseSource(value: string | undefined): SourceKind | undefined {
  if (value === undefined) return undefined;
  if (!(SOURCE_KINDS as string[]).includes(value)) throw new UsageError(`--source must be one of ${SOURCE_KINDS.join(', ')}, not "${value}"`);
  return value as SourceKind;
}

export function openInputs(paths: string[]): InputFile[] {
  if (!paths.length) throw new UsageError('no input files given (use - for standard input)');
  if (paths.filter((p) => p === '-').length > 1) throw new UsageError('standard input (-) can be given only once');
  return paths.map((path) => {
    if (path !== '-') {
      if (!existsSync(path)) throw new InputError(path, null, 'no such file');
      if (statSync(path).isDirectory()) throw new InputError(path, null, 'is a directory, expected a file');
    }
    return inputFromPath(path);
  });
}

export function rejectLine(d: Diagnostic): string {
  return JSON.stringify({ code: d.code, file: d.file, line: d.line, message: d.message, raw: d.raw ?? null });
}

/** Read and tag the inputs, with a spinner in a terminal; report rejected rows on stderr. */
export async function analyzeFiles(paths: string[], options: InputOptions): Promise<PipelineResult> {
  const { config } = loadConfig(options.config);
  const inputs = openInputs(paths);
  const spinner = progress(options);
  const started = Date.now();
  let result: PipelineResult;
  try {
    result = await runPipeline(inputs, {
      source: parseSource(options.source ?? config.source?.kind),
      scripts: options.scripts ? readScripts(options.scripts) : undefined,
      onProgress: (n) => spinner.update(`read ${n.toLocaleString('en-US')} records (${Math.round(n / ((Date.now() - started) / 1000 || 1)).toLocaleString('en-US')}/s)`),
    });
  } finally {
    spinner.stop();
  }
  if (options.rejects) writeFileAtomic(options.rejects, result.diagnostics.map((d) => `${rejectLine(d)}\n`).join(''));
  if (result.diagnostics.length && !options.quiet) {
    for (const d of result.diagnostics.slice(0, 3)) warn(`${d.file}:${d.line ?? '?'}: ${d.code}: ${d.message}`);
    const more = result.diagnostics.length - 3;
    warn(`rapport: ${result.diagnostics.length} record(s) rejected${more > 0 ? ` (${more} more not shown)` : ''}${options.rejects ? `; all written to ${options.rejects}` : '; --rejects FILE writes them all'}`);
  }
  return result;
}
