// Large Twitter exports in two passes over the files instead of holding every message.
//
// Pass 1 reads only what threading needs (numeric ids, reply links, times, script keys) into compact
// arrays and numbers each reply tree. Pass 2 reads the files again, holds a message only until its
// thread is complete, tags the thread (in workers for large inputs), masks it when redacting, and hands
// it to a reducer (reports: report/build.ts) or its exchanges to a sink (`rapport tag`), keeping
// nothing. Reports are the in-memory path's (test/scale/stream.test.ts).
import type { Diagnostic, Message, RawMessage, TaggedExchange, Thread } from '../model/types.js';
import { assignMentionedAccounts, cutExchanges } from '../normalize/exchanges.js';
import { buildThreads, skippedMessage, timeProblem, type SkipReason } from '../normalize/threads.js';
import { DEFAULT_FORMULA } from '../score/health.js';
import type { SourceAdapter } from '../sources/adapter.js';
import { InputError } from '../sources/errors.js';
import type { InputFile } from '../sources/input.js';
import { compileCues } from '../taggers/lexicons/index.js';
import { defaultModel } from '../taggers/model.js';
import type { FileSummary } from '../model/types.js';
import type { PipelineOptions, PipelineResult } from './options.js';
import { noteRoleSources } from './files.js';
import { TagPool } from './pool.js';
import { Redactor } from '../redact/result.js';
import { tagBatch, type ExchangeTags } from './tag-batch.js';
import { keyHash, templateOf } from './templates.js';
import { bytes, floats, IdIndex } from '../storage/growing.js';

export { keyHash };

/** Messages per tagging batch, as in the in-memory path. */
const BATCH_MESSAGES = 2000;
/** The script key of a message with no words (and of every customer message). */
const EMPTY_KEY = keyHash('');

/** Why pass 2 skips a message: KEPT, or 1 + the index of the `buildThreads` reason it gets. */
const KEPT = 0;
const REASONS: readonly SkipReason[] = ['bad-time', 'future-time', 'duplicate-id'];

/** The hash of a brand message's script key. */
const scriptHash = (m: RawMessage): number => keyHash(templateOf(m as RawMessage & { role: 'brand' }));

/** Thrown by pass 1 when an input does not fit the compact plan (ids that are not safe integers): read it in memory. */
export class NotStreamable extends Error {}

interface Plan {
  /** Per message in reading order: its numeric id, to check that the second pass reads the same file. */
  ids: Float64Array;
  /** Per message in reading order: KEPT or the reason it is skipped. */
  fate: Uint8Array;
  /** Per message: its thread's number (kept messages only). */
  thread: Int32Array;
  /** Per thread: how many messages it has. */
  size: Int32Array;
  /** Per thread: its place in the in-memory path's order (by first message). */
  rank: Int32Array;
  /** Script counts by key hash. */
  scripts: Map<number, number>;
  /** Brand accounts of the kept messages (a customer who @-mentions one is attributed to it). */
  brands: Set<string>;
  /** Record diagnostics (bad rows, warnings), in reading order. */
  diagnostics: Diagnostic[];
  files: FileSummary[];
}

export type Opened = { adapter: SourceAdapter; input: InputFile };

/** Pass 1: ids, reply links and times into arrays; reply trees numbered by union-find. */
async function plan(opened: Opened[], options: PipelineOptions, now: number): Promise<Plan> {
  const ids = floats();
  const parents = floats();
  const times = floats();
  const scripts = new Map<number, number>();
  const fate = bytes();
  const index = new IdIndex();
  const brands = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  const files: FileSummary[] = [];
  let read = 0;
  for (const { adapter, input } of opened) {
    const summary: FileSummary = { file: input.name, source: adapter.kind, read: 0, used: 0, rejected: 0, roles: 'none' };
    const fileStart = fate.length;
    for await (const item of adapter.read(input, options.read ?? {})) {
      if ('diagnostic' in item) {
        diagnostics.push(item.diagnostic);
        if (item.diagnostic.severity !== 'warning') {
          summary.read++;
          summary.rejected++;
        }
      } else {
        summary.read++;
        const m = item.message;
        const id = Number(m.id);
        const parent = m.parent == null ? -1 : Number(m.parent);
        if (!Number.isSafeInteger(id) || !Number.isSafeInteger(parent) || m.conversation != null || m.topic || m.reply || m.role === null) {
          throw new NotStreamable(`${input.name}:${m.line}: message ${m.id} does not fit the two-pass plan`);
        }
        const seen = index.get(id);
        // Ids are unique within an input: the same id in an earlier input is another message, which the one-pass-per-input plan cannot name.
        if (seen !== undefined && seen < fileStart) throw new NotStreamable(`${input.name}:${m.line}: message ${m.id} was also read from an earlier input`);
        const reason = timeProblem(m.time, now) ?? (seen !== undefined ? 'duplicate-id' : null);
        const why = reason ? 1 + REASONS.indexOf(reason) : KEPT;
        if (!reason) index.set(id, fate.length);
        if (why !== KEPT) summary.rejected++;
        else if (m.role === 'brand') brands.add(m.brand ?? m.author);
        fate.push(why);
        ids.push(id);
        parents.push(parent);
        times.push(m.time ?? Number.NEGATIVE_INFINITY);
        if (why === KEPT && m.role === 'brand') {
          const h = scriptHash(m);
          scripts.set(h, (scripts.get(h) ?? 0) + 1);
        }
      }
      if (++read % 1000 === 0) options.onProgress?.(read);
    }
    files.push(summary);
  }

  // Union-find over kept messages: a reply joins its parent when the parent was read.
  const n = fate.length;
  const root = new Int32Array(n);
  for (let i = 0; i < n; i++) root[i] = i;
  const find = (i: number): number => {
    while (root[i] !== i) {
      root[i] = root[root[i]!]!;
      i = root[i]!;
    }
    return i;
  };
  for (let i = 0; i < n; i++) {
    if (fate.data[i] !== KEPT || parents.data[i]! < 0) continue;
    const p = index.get(parents.data[i]!);
    if (p === undefined) continue;
    const a = find(p);
    const b = find(i);
    if (a !== b) root[Math.max(a, b)] = Math.min(a, b);
  }

  // Number the threads; each one's first message (time, then id) orders them as the in-memory path does.
  const thread = new Int32Array(n).fill(-1);
  const firstOf: number[] = [];
  const sizes: number[] = [];
  const byTime = (a: number, b: number): number => times.data[a]! - times.data[b]! || ids.data[a]! - ids.data[b]!;
  for (let i = 0; i < n; i++) {
    if (fate.data[i] !== KEPT) continue;
    const r = find(i);
    let t = thread[r]!;
    if (t < 0) {
      t = thread[r] = sizes.length;
      sizes.push(0);
      firstOf.push(r);
    }
    thread[i] = t;
    sizes[t]!++;
    if (byTime(i, firstOf[t]!) < 0) firstOf[t] = i;
  }
  const order = sizes.map((_, t) => t).sort((a, b) => byTime(firstOf[a]!, firstOf[b]!));
  const rank = new Int32Array(sizes.length);
  order.forEach((t, place) => (rank[t] = place));

  // Exact-size copies: the growing arrays' spare capacity is freed with them.
  return { ids: ids.data.slice(0, n), brands, fate: fate.data.slice(0, n), thread, size: Int32Array.from(sizes), rank, scripts, diagnostics, files };
}

/** The input is not what the first pass read: it is being written to, or was replaced. */
function changed(file: string, line: number | null): InputError {
  return new InputError(file, line, 'the file changed while rapport read it (large exports are read twice); run again once it is complete');
}

/**
 * The streaming pipeline for reply-linked exports read from files (Twitter). Threads go to
 * `options.reduce` with their place in the in-memory path's thread order, and each batch's tagged
 * exchanges to `options.sink`, as their threads complete: in the order the file completes them, the
 * same run to run and for any number of workers. Nothing is kept; the result has diagnostics and files.
 */
export async function runStreaming(opened: Opened[], workersFor: (messages: number) => number, options: PipelineOptions = {}): Promise<PipelineResult> {
  const now = Date.now();
  const p = await plan(opened, options, now);
  const workers = workersFor(p.fate.length);
  const kept = p.size.reduce((n, s) => n + s, 0);
  const cues = options.cues ?? compileCues();
  const formula = options.formula ?? DEFAULT_FORMULA;
  const model = options.model ?? defaultModel();
  const scriptCount = (key: string): number => p.scripts.get(keyHash(key)) ?? 0;
  if (options.scripts) {
    for (const [key, count] of options.scripts) p.scripts.set(keyHash(key), count);
  }
  const { sink, reduce } = options;
  if (!sink && !reduce) throw new Error('the two-pass path needs a sink or a reducer');
  const redactor = options.redact ? new Redactor(p.brands) : null;
  const roleSources = new Map<string, Set<Message['roleSource']>>();
  const threadDiagnostics: Diagnostic[] = [];
  const pool = workers > 0 ? new TagPool(workers, { cues, formula, model }) : null;
  let failure: Error | null = null;
  let sinking: Promise<void> = Promise.resolve();

  let progress = 0;
  const finish = (threads: Thread[], tags: ExchangeTags[]): void => {
    let i = 0;
    const out: TaggedExchange[] = [];
    for (const thread of threads) {
      progress += thread.messages.length;
      for (const m of thread.messages) {
        const seen = roleSources.get(m.file);
        if (seen) seen.add(m.roleSource);
        else roleSources.set(m.file, new Set([m.roleSource]));
      }
      const exchanges = cutExchanges(thread);
      assignMentionedAccounts(exchanges, p.brands);
      let tagged = exchanges.map((exchange): TaggedExchange => {
        const t = tags[i++]!;
        return { exchange, labels: t.labels, rue: t.rue, health: t.health, terms: t.terms };
      });
      let done = thread;
      if (redactor) ({ thread: done, tagged } = redactor.thread(thread, tagged));
      if (sink) out.push(...tagged);
      if (reduce) reduce(done, tagged, p.rank[threadNumber.get(thread)!]!);
      threadNumber.delete(thread);
    }
    if (i !== tags.length) throw new Error(`tagging returned ${tags.length} exchanges for ${i}`);
    if (sink) sinking = sinking.then(() => sink(out));
    options.onTagged?.(progress, kept);
  };
  const threadNumber = new Map<Thread, number>();

  // Batches are finished in the order they were cut, whichever worker is done first.
  const results = new Map<number, { threads: Thread[]; tags: ExchangeTags[] }>();
  const waiting = new Map<number, Promise<void>>();
  let cut = 0;
  let finished = 0;
  const finishInOrder = (): void => {
    for (let r = results.get(finished); r; r = results.get(finished)) {
      results.delete(finished++);
      finish(r.threads, r.tags);
    }
  };

  let batch: Thread[] = [];
  let batchSize = 0;
  /** Script-key hashes of the batch's brand messages. */
  let hashes: number[] = [];
  const flush = async (): Promise<void> => {
    if (!batch.length) return;
    const threads = batch;
    const batchHashes = hashes;
    const seq = cut++;
    batch = [];
    batchSize = 0;
    hashes = [];
    // Output not yet written holds the reading back, as a full pipe would.
    await sinking;
    if (!pool) {
      results.set(seq, { threads, tags: tagBatch(threads, scriptCount, cues, formula, model) });
      finishInOrder();
      return;
    }
    // Counts by key hash, from pass 1: the main thread computes no script key twice.
    const scripts = new Map<number, number>([[EMPTY_KEY, p.scripts.get(EMPTY_KEY) ?? 0]]);
    for (const h of batchHashes) scripts.set(h, p.scripts.get(h) ?? 0);
    await pool.ready();
    const tracked: Promise<void> = pool
      .post({ threads, templates: [], scripts: [...scripts] })
      .then((tags) => {
        results.set(seq, { threads, tags });
        finishInOrder();
      })
      .catch((error: unknown) => {
        failure ??= error instanceof Error ? error : new Error(String(error));
      })
      .finally(() => waiting.delete(seq));
    waiting.set(seq, tracked);
  };

  try {
    /** Threads still being read: their messages, and the script-key hashes of their brand messages. */
    const open = new Map<number, { messages: RawMessage[]; hashes: number[] }>();
    let k = 0;
    for (const { adapter, input } of opened) {
      for await (const item of adapter.read(input, options.read ?? {})) {
        if ('diagnostic' in item) continue;
        const at = k++;
        if (at >= p.ids.length || Number(item.message.id) !== p.ids[at]) throw changed(input.name, item.message.line);
        const why = p.fate[at]!;
        if (why !== KEPT) {
          threadDiagnostics.push(skippedMessage(item.message, REASONS[why - 1]!));
          continue;
        }
        const t = p.thread[at]!;
        let group = open.get(t);
        if (!group) open.set(t, (group = { messages: [], hashes: [] }));
        group.messages.push(item.message);
        // Hashed again rather than kept from pass 1: 8 bytes a message saved for a few µs a brand reply.
        if (item.message.role === 'brand') group.hashes.push(scriptHash(item.message));
        if (group.messages.length < p.size[t]!) continue;
        open.delete(t);
        for (const h of group.hashes) hashes.push(h);
        const built = buildThreads(group.messages, { now });
        if (built.threads.length !== 1 || built.diagnostics.length) throw new Error(`thread ${t} did not rebuild as one thread`);
        const thread = built.threads[0]!;
        threadNumber.set(thread, t);
        batch.push(thread);
        batchSize += thread.messages.length;
        if (batchSize >= BATCH_MESSAGES) await flush();
        if (failure) throw failure;
      }
    }
    await flush();
    await Promise.all(waiting.values());
    if (failure) throw failure;
    await sinking;
    if (open.size || k !== p.ids.length) throw changed(opened[opened.length - 1]!.input.name, null);
  } finally {
    await pool?.close();
  }

  for (const f of p.files) f.used = f.read - f.rejected;
  noteRoleSources(
    p.files,
    [...roleSources].flatMap(([file, sources]) => [...sources].map((roleSource) => ({ file, roleSource }))),
  );
  const diagnostics = [...p.diagnostics, ...threadDiagnostics];
  if (!redactor) return { tagged: [], threads: [], diagnostics, files: p.files };
  return { tagged: [], threads: [], diagnostics: redactor.diagnostics(diagnostics), files: p.files.map((f) => ({ ...f, file: redactor.file(f.file) })) };
}
