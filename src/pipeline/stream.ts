// The engine: every input, small or large, of every source, in passes over its files instead of held whole.
//
// Pass 1 (plan.ts) keeps a text-less plan: ids, thread keys, times, whose role is open, and numbers the
// threads in buildThreads' order. When roles are left to the conversation, a context pass reads each
// thread once to count who asks and who answers over the whole input (normalize/roles.ts), and a roles
// pass settles them, to count the scripts and brand accounts of the inferred brand side. The last pass
// reads again, holds a message only until its thread is complete, releases threads (in thread order for
// inputs up to ORDERED_MESSAGES, else as they complete), tags them (in workers for large inputs), masks them when redacting
// and hands each to a reducer (reports: report/build.ts) or its exchanges to a sink (`rapport tag`),
// keeping nothing. Small inputs come out exactly as buildThreads + in-memory tagging would give them
// (test/scale/stream.test.ts).
import type { Diagnostic, Message, RawMessage, TaggedExchange, Thread } from '../model/types.js';
import { assignMentionedAccounts, cutExchanges } from '../normalize/exchanges.js';
import { compareMessages } from '../normalize/order.js';
import { roleContext, type RoleContext } from '../normalize/roles.js';
import { scopedId, skippedMessage, threadOf, type SkipReason } from '../normalize/threads.js';
import { DEFAULT_FORMULA } from '../score/health.js';
import { InputError } from '../sources/errors.js';
import type { InputFile } from '../sources/input.js';
import { compileCues } from '../taggers/lexicons/index.js';
import { defaultModel } from '../taggers/model.js';
import type { PipelineOptions, PipelineResult } from './options.js';
import { noteRoleSources } from './files.js';
import { TagPool } from './pool.js';
import { Redactor } from '../redact/result.js';
import { tagBatch, type ExchangeTags } from './tag-batch.js';
import { keyHash } from './templates.js';
import { idHash, KEPT, plan, REASONS, SCOPED, scriptHash, type Opened, type Plan } from './plan.js';

export { keyHash };
export type { Opened };

/** Messages per tagging batch. */
const BATCH_MESSAGES = 2000;
/** The script key of a message with no words (and of every customer message). */
const EMPTY_KEY = keyHash('');
/**
 * Inputs of at most this many messages release their threads in thread order (a complete thread waits for
 * the earlier ones: at most the whole input, which is small). Larger ones release each thread as its last
 * message is read: holding complete threads back, even 10,000 messages of them, costs a large run about
 * 180 MB (they outlive the young generation and pile up as old garbage).
 */
export const ORDERED_MESSAGES = 20_000;

/** The input is not what the first pass read: it is being written to, or was replaced. */
function changed(file: string, line: number | null): InputError {
  return new InputError(file, line, 'the file changed while rapport read it (inputs are read more than once); run again once it is complete');
}

type Reread = { thread: number; messages: RawMessage[] } | { skipped: RawMessage; reason: SkipReason };

/** A later pass: the inputs read again, each thread's kept messages once all are read, skipped messages as read. */
async function* reread(opened: readonly Opened[], p: Plan, options: PipelineOptions): AsyncGenerator<Reread> {
  const open = new Map<number, RawMessage[]>();
  let k = 0;
  for (const { adapter, input } of opened) {
    for await (const item of adapter.read(input, options.read ?? {})) {
      if ('diagnostic' in item) continue;
      const at = k++;
      let m = item.message;
      if (at >= p.count || idHash(m.id) !== p.idHashes[at]) throw changed(input.name, m.line);
      if (m.file !== input.name) m.input = input.name;
      const why = p.fate[at]!;
      if (why !== KEPT) {
        yield { skipped: m, reason: REASONS[why - 1]! };
        continue;
      }
      if (p.flags[at]! & SCOPED) m = { ...m, id: scopedId(m.input ?? m.file, m.id) };
      const t = p.thread[at]!;
      let group = open.get(t);
      if (!group) open.set(t, (group = []));
      group.push(m);
      if (group.length < p.size[t]!) continue;
      open.delete(t);
      yield { thread: t, messages: group };
    }
  }
  if (open.size || k !== p.count) throw changed(opened[opened.length - 1]!.input.name, null);
}

/** Adds one thread's role counts to the input's (roleContext sums over threads). */
function addContext(into: Record<string, Map<string, number>>, from: RoleContext): void {
  for (const [name, counts] of Object.entries(from) as [string, ReadonlyMap<string, number>][]) {
    const target = (into[name] ??= new Map());
    for (const [key, n] of counts) target.set(key, (target.get(key) ?? 0) + n);
  }
}

/** Who answers in many threads and asks in few, over the whole input: one pass, a thread at a time. */
async function contextPass(opened: readonly Opened[], p: Plan, options: PipelineOptions): Promise<RoleContext> {
  const context: Record<string, Map<string, number>> = { asked: new Map(), answered: new Map() };
  for await (const r of reread(opened, p, options)) {
    if ('thread' in r) addContext(context, roleContext([r.messages.sort(compareMessages)]));
  }
  return context as unknown as RoleContext;
}

/** Script counts and brand accounts of the messages whose brand role is inferred: one pass, a thread at a time. */
async function rolesPass(opened: readonly Opened[], p: Plan, context: RoleContext | undefined, options: PipelineOptions, redactBrands: Set<string>): Promise<void> {
  for await (const r of reread(opened, p, options)) {
    if (!('thread' in r)) continue;
    for (const m of threadOf(r.messages, context).messages) {
      if (m.role !== 'brand' || m.roleSource !== 'inferred') continue;
      const h = scriptHash(m);
      p.scripts.set(h, (p.scripts.get(h) ?? 0) + 1);
      redactBrands.add(m.brand ?? m.author);
      // A broadcaster found in its thread is no account a customer @-mentions (in-memory exchangesOf agrees).
      if (m.source !== 'twcs') p.brands.add(m.brand ?? m.author);
    }
  }
}

/** Complete threads by rank, smallest first. */
class Held {
  private readonly heap: { rank: number; thread: Thread }[] = [];
  messages = 0;
  get size(): number {
    return this.heap.length;
  }
  peek(): number {
    return this.heap[0]!.rank;
  }
  push(rank: number, thread: Thread): void {
    const h = this.heap;
    h.push({ rank, thread });
    this.messages += thread.messages.length;
    for (let i = h.length - 1; i > 0; ) {
      const up = (i - 1) >> 1;
      if (h[up]!.rank <= h[i]!.rank) break;
      [h[up], h[i]] = [h[i]!, h[up]!];
      i = up;
    }
  }
  pop(): { rank: number; thread: Thread } {
    const h = this.heap;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length) {
      h[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && h[l]!.rank < h[m]!.rank) m = l;
        if (r < h.length && h[r]!.rank < h[m]!.rank) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i]!, h[m]!];
        i = m;
      }
    }
    this.messages -= top.thread.messages.length;
    return top;
  }
}

/**
 * Runs the engine over inputs that can be read more than once (files; stdin spooled), each opened
 * (its adapter detected) by `open` when pass 1 reaches it. Threads go
 * to `options.reduce` with their place in thread order and each batch's tagged exchanges to
 * `options.sink`, in thread order for inputs up to ORDERED_MESSAGES and as threads complete for larger
 * ones, the same run to run and for any number of workers; nothing is kept and the result has diagnostics and files.
 * With neither, the result holds every thread and exchange in thread order (what `buildThreads` and
 * in-memory tagging give).
 */
export async function runStreaming(
  inputs: readonly InputFile[],
  open: (input: InputFile) => Promise<Opened>,
  workersFor: (messages: number) => number,
  options: PipelineOptions = {},
): Promise<PipelineResult> {
  const now = Date.now();
  const p = await plan(inputs, open, options, now);
  const opened = p.opened;
  const context = p.openRoles ? await contextPass(opened, p, options) : undefined;
  const redactBrands = new Set(p.brands);
  if (p.openRoles || p.broadcasts) await rolesPass(opened, p, context, options, redactBrands);
  const workers = workersFor(p.kept);
  const cues = options.cues ?? compileCues();
  const formula = options.formula ?? DEFAULT_FORMULA;
  const model = options.model ?? defaultModel();
  if (options.scripts) {
    for (const [key, count] of options.scripts) p.scripts.set(keyHash(key), count);
  }
  const scriptCount = (key: string): number => p.scripts.get(keyHash(key)) ?? 0;
  const { sink, reduce } = options;
  const kept: { rank: number; thread: Thread; tagged: TaggedExchange[] }[] | null = sink || reduce ? null : [];
  const redactor = options.redact ? new Redactor(redactBrands) : null;
  const roleSources = new Map<string, Set<Message['roleSource']>>();
  const threadDiagnostics: Diagnostic[] = [];
  const pool = workers > 0 ? new TagPool(workers, { cues, formula, model }) : null;
  let failure: Error | null = null;
  let sinking: Promise<void> = Promise.resolve();

  let progress = 0;
  const rankOf = new Map<Thread, number>();
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
      const rank = rankOf.get(thread)!;
      rankOf.delete(thread);
      if (sink) out.push(...tagged);
      if (reduce) reduce(done, tagged, rank);
      if (kept) kept.push({ rank, thread: done, tagged });
    }
    if (i !== tags.length) throw new Error(`tagging returned ${tags.length} exchanges for ${i}`);
    if (sink) sinking = sinking.then(() => sink(out));
    options.onTagged?.(progress, p.kept);
  };

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
  const flush = async (): Promise<void> => {
    if (!batch.length) return;
    const threads = batch;
    const seq = cut++;
    batch = [];
    batchSize = 0;
    // Output not yet written holds the reading back, as a full pipe would.
    await sinking;
    if (!pool) {
      results.set(seq, { threads, tags: tagBatch(threads, scriptCount, cues, formula, model) });
      finishInOrder();
      return;
    }
    // Counts by key hash: the batch's brand replies' keys, and '' (every customer message's).
    const scripts = new Map<number, number>([[EMPTY_KEY, p.scripts.get(EMPTY_KEY) ?? 0]]);
    for (const t of threads) {
      for (const m of t.messages) {
        if (m.role !== 'brand') continue;
        const h = scriptHash(m);
        scripts.set(h, p.scripts.get(h) ?? 0);
      }
    }
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

  const held = new Held();
  const hold = p.kept <= (options.ordered ?? ORDERED_MESSAGES) ? Infinity : 0;
  /** The smallest rank not yet released, and which ranks are. */
  let next = 0;
  const released = new Uint8Array(p.size.length);
  const release = async (): Promise<void> => {
    const { rank, thread } = held.pop();
    released[rank] = 1;
    while (next < released.length && released[next]) next++;
    rankOf.set(thread, rank);
    batch.push(thread);
    batchSize += thread.messages.length;
    if (batchSize >= BATCH_MESSAGES) await flush();
    if (failure) throw failure;
  };

  try {
    for await (const r of reread(opened, p, options)) {
      if ('skipped' in r) {
        threadDiagnostics.push(skippedMessage(r.skipped, r.reason));
        continue;
      }
      held.push(p.rank[r.thread]!, threadOf(r.messages, context));
      while (held.size && (held.peek() === next || held.messages > hold)) await release();
    }
    while (held.size) await release();
    await flush();
    await Promise.all(waiting.values());
    if (failure) throw failure;
    await sinking;
  } finally {
    await pool?.close();
  }

  for (const f of p.files) f.used = f.read - f.rejected;
  noteRoleSources(
    p.files,
    [...roleSources].flatMap(([file, sources]) => [...sources].map((roleSource) => ({ file, roleSource }))),
  );
  const diagnostics = [...p.diagnostics, ...threadDiagnostics];
  const files = redactor ? p.files.map((f) => ({ ...f, file: redactor.file(f.file) })) : p.files;
  const result: PipelineResult = { tagged: [], threads: [], diagnostics: redactor ? redactor.diagnostics(diagnostics) : diagnostics, files };
  if (kept) {
    kept.sort((a, b) => a.rank - b.rank);
    result.threads = kept.map((k) => k.thread);
    result.tagged = kept.flatMap((k) => k.tagged);
  }
  if (redactor) result.maskId = (id: string) => redactor.id(id);
  return result;
}
