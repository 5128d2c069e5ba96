// Group messages into threads: by conversation id, or as connected reply trees among the messages present.
import type { Diagnostic, RawMessage, Thread } from '../model/types.js';
import { compareMessages } from './order.js';
import { resolveRoles, roleContext, type RoleContext } from './roles.js';

export { toMessage } from './roles.js';

/** Union-find over message indexes, path-halving. */
class Components {
  private readonly parent: Int32Array;
  constructor(size: number) {
    this.parent = new Int32Array(size);
    for (let i = 0; i < size; i++) this.parent[i] = i;
  }
  find(i: number): number {
    const p = this.parent;
    while (p[i] !== i) {
      p[i] = p[p[i]!]!;
      i = p[i]!;
    }
    return i;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

/** Whether two messages have an address in common; true when either names no recipients (e.g. list archives). */
function shareParticipants(a: RawMessage, b: RawMessage): boolean {
  if (!a.participants || !b.participants || a.participants.length < 2 || b.participants.length < 2) return true;
  const seen = new Set(a.participants);
  return b.participants.some((p) => seen.has(p));
}

export interface ThreadsResult {
  threads: Thread[];
  diagnostics: Diagnostic[];
}

/** A skipped message as `--rejects` writes it: every field the adapter read, as JSON. */
function asRecord(raw: RawMessage): string {
  const { source: _source, file: _file, line: _line, ...fields } = raw;
  return JSON.stringify(fields);
}

export interface ThreadOptions {
  /** The present, epoch ms (tests fix it); a message dated more than a day after it is rejected. */
  now?: number;
}

/** How far past "now" a timestamp may be (time zones, clock skew) before it is taken as damaged. */
const FUTURE_SLACK_MS = 24 * 3600 * 1000;
/** The largest time a JavaScript Date can hold (±100,000,000 days). */
const MAX_DATE_MS = 8.64e15;

/** Why a message is left out of every thread. */
export type SkipReason = 'bad-time' | 'future-time' | 'duplicate-id';

/** Whether a message's time rules it out: outside any calendar, or more than a day after `now`. */
export function timeProblem(time: number | null, now: number): SkipReason | null {
  if (time === null) return null;
  if (!(Math.abs(time) <= MAX_DATE_MS)) return 'bad-time';
  return time > now + FUTURE_SLACK_MS ? 'future-time' : null;
}

/** The diagnostic of a message left out (the streaming pipeline gives the same ones). */
export function skippedMessage(raw: RawMessage, reason: SkipReason): Diagnostic {
  const message =
    reason === 'bad-time'
      ? `message ${raw.id} has a time outside any calendar (${raw.time}); skipped`
      : reason === 'future-time'
        ? `message ${raw.id} is dated ${new Date(raw.time!).toISOString()}, in the future; skipped`
        : `message id ${raw.id} already read; this copy is skipped`;
  return { code: reason, file: raw.file, line: raw.line, message, raw: asRecord(raw) };
}

/**
 * The id of a message whose export id an earlier input already used: the input's name and the id
 * (`tickets.csv#17`), so that every message, thread and exchange id of a run is unique.
 */
export function scopedId(file: string, id: string): string {
  return `${file}#${id}`;
}

/**
 * Build threads. Ids are unique within an input, not across inputs: the same id in two files is two
 * messages (the later one is named by `scopedId`). Duplicate ids within one input keep their first occurrence, and messages dated in the future are
 * skipped (both are diagnostics); a reply whose parent is absent joins the earliest earlier message
 * of the same `topic` (email subject) that shares a participant with it, else starts a thread of its
 * own; a reply cycle (a → b → a) is one thread. Iterative union-find: no recursion, near-linear on any
 * shape. Roles the export left open are settled per thread afterwards (roles.ts).
 */
export function buildThreads(raws: Iterable<RawMessage>, options: ThreadOptions = {}): ThreadsResult {
  const diagnostics: Diagnostic[] = [];
  const messages: RawMessage[] = [];
  /** Ids are unique within their input: `file NUL id` → message, and each id's first holder in any input. */
  const local = new Map<string, number>();
  const first = new Map<string, number>();
  const now = options.now ?? Date.now();
  for (let raw of raws) {
    const key = `${raw.input ?? raw.file}\u0000${raw.id}`;
    const reason = timeProblem(raw.time, now) ?? (local.has(key) ? 'duplicate-id' : null);
    if (reason) {
      diagnostics.push(skippedMessage(raw, reason));
      continue;
    }
    local.set(key, messages.length);
    if (first.has(raw.id)) raw = { ...raw, id: scopedId(raw.input ?? raw.file, raw.id) };
    else first.set(raw.id, messages.length);
    messages.push(raw);
  }
  /** A reply's parent: in its own input first, else wherever that id was read first (mail threads span archive files). */
  const parentOf = (m: RawMessage): number | undefined => (m.parent == null ? undefined : local.get(`${m.input ?? m.file}\u0000${m.parent}`) ?? first.get(m.parent));
  const components = new Components(messages.length);
  const byConversation = new Map<string, number>();
  const byTopic = new Map<string, number[]>();
  messages.forEach((m, i) => {
    if (!m.topic) return;
    const list = byTopic.get(m.topic);
    if (list) list.push(i);
    else byTopic.set(m.topic, [i]);
  });
  for (const list of byTopic.values()) list.sort((a, b) => compareMessages(messages[a]!, messages[b]!));
  messages.forEach((m, i) => {
    if (m.conversation != null) {
      const key = `${m.file}\u0000${m.conversation}`;
      const first = byConversation.get(key);
      if (first === undefined) byConversation.set(key, i);
      else components.union(first, i);
    } else {
      const p = parentOf(m);
      if (p !== undefined) components.union(p, i);
      else if (m.reply && m.topic) {
        const first = byTopic.get(m.topic)!.find((j) => j !== i && compareMessages(messages[j]!, m) <= 0 && shareParticipants(messages[j]!, m));
        if (first !== undefined) components.union(first, i);
      }
    }
  });
  const groups = new Map<number, RawMessage[]>();
  messages.forEach((m, i) => {
    const root = components.find(i);
    const group = groups.get(root);
    if (group) group.push(m);
    else groups.set(root, [m]);
  });
  const threads: Thread[] = [];
  for (const group of groups.values()) group.sort(compareMessages);
  // Who answers in many threads and asks in few is read over the whole input, then each thread is settled.
  const context = roleContext([...groups.values()]);
  for (const group of groups.values()) threads.push(threadOf(group, context));
  threads.sort((a, b) => compareMessages(a.messages[0]!, b.messages[0]!));
  return { threads, diagnostics };
}

/**
 * One thread from all of its messages, sorted by `compareMessages` (in place): named after its first
 * message, roles settled with the input-wide context (the streaming engine builds each thread with it).
 */
export function threadOf(messages: RawMessage[], context?: RoleContext): Thread {
  messages.sort(compareMessages);
  return { id: messages[0]!.id, messages: resolveRoles(messages, context) };
}
