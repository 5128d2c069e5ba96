// read → normalize → analyze → tag: the whole analysis as plain data, no terminal or files.
import { availableParallelism } from 'node:os';
import type { Diagnostic, Exchange, FileSummary, RawMessage, TaggedExchange, Thread } from './model/types.js';
import { assignMentionedAccounts, cutExchanges } from './normalize/exchanges.js';
import { buildThreads } from './normalize/threads.js';
import { DEFAULT_FORMULA } from './score/health.js';
import { detectSource } from './sources/detect.js';
import type { InputFile } from './sources/input.js';
import { compileCues, type CueSet } from './taggers/lexicons/index.js';
import { defaultModel } from './taggers/model.js';
import { tagInWorkers } from './pipeline/pool.js';
import { tagBatch, type ExchangeTags } from './pipeline/tag-batch.js';
import { countTemplates, templateSlice } from './pipeline/templates.js';
import { runStreaming, type Opened } from './pipeline/stream.js';
import { spool, type Spooled } from './storage/spool.js';
import { describeReadError, InputError } from './sources/errors.js';

export type { FileSummary } from './model/types.js';
export type { PipelineOptions, PipelineResult } from './pipeline/options.js';
import type { PipelineOptions, PipelineResult } from './pipeline/options.js';

let defaultCues: CueSet | undefined;

export async function readInputs(inputs: InputFile[], options: PipelineOptions = {}): Promise<{ messages: RawMessage[]; diagnostics: Diagnostic[]; files: FileSummary[] }> {
  const messages: RawMessage[] = [];
  const diagnostics: Diagnostic[] = [];
  const files: FileSummary[] = [];
  let read = 0;
  for (const named of inputs) {
    const { adapter, input } = await detectSource(named, options.source, options.read);
    options.onSource?.(input.name, adapter.kind);
    const summary: FileSummary = { file: input.name, source: adapter.kind, read: 0, used: 0, rejected: 0, roles: 'none' };
    for await (const item of adapter.read(input, options.read ?? {})) {
      if ('diagnostic' in item && item.diagnostic.severity === 'warning') {
        // A repair (e.g. bytes replaced in decoding), not a record: shown, never counted.
        diagnostics.push(item.diagnostic);
        continue;
      }
      summary.read++;
      if ('message' in item) {
        if (item.message.file !== input.name) item.message.input = input.name;
        messages.push(item.message);
      }
      else {
        diagnostics.push(item.diagnostic);
        summary.rejected++;
      }
      if (++read % 1000 === 0) options.onProgress?.(read);
    }
    files.push(summary);
  }
  return { messages, diagnostics, files };
}

/** Messages per batch sent to a worker: large enough that a round trip costs little. */
const BATCH_MESSAGES = 2000;
/** Below this many messages, starting workers (model load included) costs more than it saves. */
export const WORKER_THRESHOLD = 20_000;

/** Workers to use: `options.workers`, else RAPPORT_WORKERS, else one per core (at most 4) for large inputs. */
export function workerCount(messages: number, options: PipelineOptions = {}): number {
  const env = process.env.RAPPORT_WORKERS;
  const asked = options.workers ?? (env !== undefined && env !== '' ? Number(env) : undefined);
  if (asked !== undefined && Number.isInteger(asked) && asked >= 0) return asked;
  if (messages < WORKER_THRESHOLD) return 0;
  return Math.min(4, Math.max(1, availableParallelism()));
}

/** Exchanges of the threads with their mentioned accounts, in thread order. */
function exchangesOf(threads: readonly Thread[]): Exchange[] {
  const exchanges = threads.flatMap(cutExchanges);
  const brands = new Set<string>();
  // Accounts a customer may @-mention: the brand side as the export or the thread says, not a broadcaster found afterwards (the streaming plan cannot know those).
  for (const t of threads) for (const m of t.messages) if (m.role === 'brand' && !(m.roleSource === 'inferred' && m.source === 'twcs')) brands.add(m.brand ?? m.author);
  assignMentionedAccounts(exchanges, brands);
  return exchanges;
}

function joinTags(exchanges: Exchange[], tags: Iterable<ExchangeTags>): TaggedExchange[] {
  const tagged: TaggedExchange[] = [];
  let i = 0;
  for (const t of tags) tagged.push({ exchange: exchanges[i++]!, labels: t.labels, rue: t.rue, health: t.health, terms: t.terms });
  if (i !== exchanges.length) throw new Error(`tagging returned ${i} exchanges for ${exchanges.length}`);
  return tagged;
}

function scriptCounts(threads: readonly Thread[], options: PipelineOptions): Map<string, number> {
  const counts = countTemplates(threads);
  if (options.scripts) for (const [key, n] of options.scripts) counts.set(key, n);
  return counts;
}

function messageCount(threads: readonly Thread[]): number {
  return threads.reduce((n, t) => n + t.messages.length, 0);
}

/** Whole threads, about `BATCH_MESSAGES` messages at a time, in order. */
function* batches(threads: readonly Thread[]): Generator<Thread[]> {
  let batch: Thread[] = [];
  let size = 0;
  for (const t of threads) {
    batch.push(t);
    size += t.messages.length;
    if (size >= BATCH_MESSAGES) {
      yield batch;
      batch = [];
      size = 0;
    }
  }
  if (batch.length) yield batch;
}

/** Tag every exchange of the threads in this thread, a batch at a time (analyses live only as long as their batch). */
export function tagThreads(threads: Thread[], options: PipelineOptions = {}): TaggedExchange[] {
  const cues = options.cues ?? (defaultCues ??= compileCues());
  const counts = scriptCounts(threads, options);
  const count = (key: string): number => counts.get(key) ?? 0;
  const tags: ExchangeTags[] = [];
  const total = messageCount(threads);
  let done = 0;
  for (const batch of batches(threads)) {
    for (const t of tagBatch(batch, count, cues, options.formula ?? DEFAULT_FORMULA, options.model ?? defaultModel())) tags.push(t);
    options.onTagged?.((done += messageCount(batch)), total);
  }
  return joinTags(exchangesOf(threads), tags);
}

/** The same result as `tagThreads`, with the per-message work spread over `workers` worker threads. */
export async function tagThreadsInWorkers(threads: Thread[], workers: number, options: PipelineOptions = {}): Promise<TaggedExchange[]> {
  const cues = options.cues ?? (defaultCues ??= compileCues());
  const counts = scriptCounts(threads, options);
  const source = batches(threads);
  const total = messageCount(threads);
  let sent = 0;
  const next = () => {
    const batch = source.next();
    if (batch.done) return null;
    // Counted when handed to a worker: each worker holds at most two batches, so this runs a little ahead.
    options.onTagged?.((sent += messageCount(batch.value)), total);
    return { threads: batch.value, templates: templateSlice(batch.value, counts) };
  };
  const results = await tagInWorkers(next, workers, { cues, formula: options.formula ?? DEFAULT_FORMULA, model: options.model ?? defaultModel() });
  return joinTags(exchangesOf(threads), results.flat());
}

/**
 * Read, thread, tag (and mask, with `redact`) every input through the engine (pipeline/stream.ts),
 * whatever its source or size: threads go to `options.reduce`, exchanges to `options.sink`, or, with
 * neither, come back in the result in thread order. A stream that can be read only once (stdin, a
 * pipe) is first copied to an unlinked temporary file, since the engine reads its inputs more than once.
 */
export async function runPipeline(inputs: InputFile[], options: PipelineOptions = {}): Promise<PipelineResult> {
  const spooled: Spooled[] = [];
  const open = async (named: InputFile): Promise<Opened> => {
    // Detected first: a binary or empty stream is refused at its first bytes, before anything is copied.
    const found = await detectSource(named, options.source, options.read);
    const { input } = found;
    options.onSource?.(input.name, found.adapter.kind);
    if (input.path !== null || input.reopenable) return found;
    const copy = await spool(input.open()).catch((error: unknown) => {
      throw error instanceof InputError ? error : new InputError(input.name, null, describeReadError(error));
    });
    spooled.push(copy);
    return { adapter: found.adapter, input: { name: input.name, path: null, reopenable: true, open: copy.open } };
  };
  try {
    return await runStreaming(inputs, open, (n) => workerCount(n, options), options);
  } finally {
    for (const s of spooled) s.close();
  }
}
