// What the analyze, tag and eval commands share: reading inputs with progress and writing rejects.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { Diagnostic, SourceKind } from '../model/types.js';
import { runPipeline, type PipelineResult } from '../pipeline.js';
import { SOURCE_KINDS } from '../sources/index.js';
import { inputFromPath, type InputFile } from '../sources/input.js';
import { InputError } from '../sources/errors.js';
import { CONFIG_NAME, loadConfig } from '../config.js';
import { redactResult } from '../redact/result.js';
import { UsageError } from './errors.js';
import { progress, warn, writeFileAtomic } from './io.js';

export interface InputOptions {
  config?: string;
  source?: string;
  rejects?: string;
  quiet?: boolean;
  /** Mask personal data in every output; undefined means the config's `redact` (default off). */
  redact?: boolean;
}

/** The options every reading command takes. */
export function addInputOptions(command: Command): Command {
  return command
    .option('--config <file>', `settings file (default: the nearest ${CONFIG_NAME} upwards)`)
    .option('--source <kind>', `input format, instead of detecting it (${SOURCE_KINDS.join(', ')})`)
    .option('--rejects <file>', 'write every rejected record to this file as NDJSON')
    .option('-q, --quiet', 'no progress or warnings on stderr')
    .option('--redact', 'mask emails, phone, card and IBAN numbers and customer handles in every output (config: "redact": true)')
    .option('--no-redact', 'show personal data even when the config says "redact": true');
}

export function parseSource(value: string | undefined): SourceKind | undefined {
  if (value === undefined) return undefined;
  if (!(SOURCE_KINDS as string[]).includes(value)) throw new UsageError(`--source must be one of ${SOURCE_KINDS.join(', ')}, not "${value}"`);
  return value as SourceKind;
}

export function openInputs(paths: string[]): InputFile[] {
  if (!paths.length) throw new UsageError('no input files given (use - for standard input)');
  if (paths.filter((p) => p === '-').length > 1) throw new UsageError('standard input (-) can be given only once');
  // The same file twice would make every message a duplicate id, counted against the wrong copy.
  const seen = new Set<string>();
  for (const path of paths) {
    const key = path === '-' ? path : resolve(path);
    if (seen.has(key)) throw new UsageError(`${path} is given more than once`);
    seen.add(key);
  }
  return paths.map((path) => {
    if (path !== '-') {
      if (!existsSync(path)) throw new InputError(path, null, 'no such file');
      if (statSync(path).isDirectory()) throw new InputError(path, null, 'is a directory, expected a file');
    }
    return inputFromPath(path);
  });
}

export function rejectLine(d: Diagnostic): string {
  return JSON.stringify({ code: d.code, file: d.file, line: d.line, message: d.message, raw: d.raw ?? null, ...(d.severity ? { severity: d.severity } : {}) });
}

/**
 * Ctrl-C reaches a JavaScript handler only between event-loop turns. While inputs are read, main's
 * handler prints one line and exits 130; once every input has been read to its end, the synchronous
 * stages (threads, tagging) run, and Ctrl-C gets the default action instead: the process ends at once
 * (status 130 in the shell), with no output written. `restore` puts the handler back for the output.
 */
function interruptibleInputs(inputs: InputFile[]): { inputs: InputFile[]; restore(): void } {
  const ended = new Set<number>();
  let saved: ((...args: unknown[]) => void)[] | null = null;
  const watched = inputs.map((input, i): InputFile => ({
    ...input,
    open: () => {
      const stream = input.open();
      stream.once('end', () => {
        ended.add(i);
        if (ended.size === inputs.length && !saved) {
          saved = process.listeners('SIGINT') as ((...args: unknown[]) => void)[];
          process.removeAllListeners('SIGINT');
        }
      });
      return stream;
    },
  }));
  return {
    inputs: watched,
    restore: () => {
      for (const listener of saved ?? []) process.once('SIGINT', listener);
      saved = null;
    },
  };
}

/** Read and tag the inputs, with a spinner in a terminal; report rejected rows on stderr. */
export async function analyzeFiles(paths: string[], options: InputOptions): Promise<PipelineResult> {
  const { config } = loadConfig(options.config);
  const { inputs, restore } = interruptibleInputs(openInputs(paths));
  const spinner = progress(options);
  const started = Date.now();
  let result: PipelineResult;
  try {
    result = await runPipeline(inputs, {
      source: parseSource(options.source ?? config.source?.kind),
      onProgress: (n) => spinner.update(`read ${n.toLocaleString('en-US')} records (${Math.round(n / ((Date.now() - started) / 1000 || 1)).toLocaleString('en-US')}/s)`),
    });
  } finally {
    restore();
    spinner.stop();
  }
  // Before anything is written: every report, `tag` line, reject and warning sees masked text only.
  if (options.redact ?? config.redact ?? false) result = redactResult(result);
  if (options.rejects) writeFileAtomic(options.rejects, result.diagnostics.map((d) => `${rejectLine(d)}\n`).join(''));
  if (result.diagnostics.length && !options.quiet) {
    for (const d of result.diagnostics.slice(0, 3)) warn(`${d.file}:${d.line ?? '?'}: ${d.severity ? `${d.severity}: ` : ''}${d.code}: ${d.message}`);
    const more = result.diagnostics.length - 3;
    const rejected = result.diagnostics.filter((d) => d.severity !== 'warning').length;
    const warnings = result.diagnostics.length - rejected;
    const counts = [rejected ? `${rejected} record(s) rejected` : '', warnings ? `${warnings} warning(s)` : ''].filter(Boolean).join(', ');
    warn(`rapport: ${counts}${more > 0 ? ` (${more} more not shown)` : ''}${options.rejects ? `; all written to ${options.rejects}` : '; --rejects FILE writes them all'}`);
  }
  return result;
}
