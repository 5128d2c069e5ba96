// Pass 1 of the engine: every input read once into a text-less plan of its threads, for any source.
//
// Per message it keeps what threading needs, in typed arrays: the id (interned), the thread key (a
// conversation id, a reply link, an email subject and addresses), the time and whether its role is
// open; then it joins messages into threads exactly as normalize/threads.ts `buildThreads` does
// (the same keys, skip rules and id scoping), numbers the threads in `buildThreads`' order and keeps,
// per message, only its thread, its fate and a hash of its id. No text outlives its record.
import type { Diagnostic, FileSummary, RawMessage } from '../model/types.js';
import { compareIds } from '../normalize/order.js';
import { mayBroadcast } from '../normalize/roles.js';
import { scopedId, timeProblem, type SkipReason } from '../normalize/threads.js';
import type { SourceAdapter } from '../sources/adapter.js';
import type { InputFile } from '../sources/input.js';
import { bytes, floats, ints } from '../storage/growing.js';
import { IdTable, Interner } from '../storage/interner.js';
import type { PipelineOptions } from './options.js';
import { keyHash, templateOf } from './templates.js';

export type Opened = { adapter: SourceAdapter; input: InputFile };

/** Why a later pass skips a message: KEPT, or 1 + the index of the `buildThreads` reason it gets. */
export const KEPT = 0;
export const REASONS: readonly SkipReason[] = ['bad-time', 'future-time', 'duplicate-id'];

/** Message flags. */
const OPEN = 1;
const REPLY = 2;
/** The id was already held by a message of an earlier input: the message is named `scopedId(input, id)`. */
export const SCOPED = 4;

/** The hash of a brand message's script key. */
export const scriptHash = (m: Pick<RawMessage, 'text'>): number => keyHash(templateOf({ role: 'brand', text: m.text }));

/** A 32-bit hash of a message id: a later pass checks it reads the messages pass 1 read. */
export function idHash(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h | 0;
}

export interface Plan {
  /** Messages read (kept or skipped), in reading order over every input. */
  count: number;
  /** Per message: `idHash` of its id as read. */
  idHashes: Int32Array;
  /** Per message: KEPT or the reason it is skipped. */
  fate: Uint8Array;
  /** Per message: SCOPED or 0. */
  flags: Uint8Array;
  /** Per message: its thread's number (kept messages only, else -1). */
  thread: Int32Array;
  /** Per thread: how many messages it has. */
  size: Int32Array;
  /** Per thread: its place in `buildThreads`' order (by first message). */
  rank: Int32Array;
  /** Messages kept. */
  kept: number;
  /** Script counts by key hash, over the kept messages whose export says they are the brand's. */
  scripts: Map<number, number>;
  /** Brand accounts of those messages (a customer who @-mentions one is attributed to it). */
  brands: Set<string>;
  /** Some message's role is left to the conversation (normalize/roles.ts reads the whole input first). */
  openRoles: boolean;
  /** Some Twitter thread may be a brand's broadcast (its roles are then read from the thread). */
  broadcasts: boolean;
  /** Record diagnostics (bad rows, warnings), in reading order. */
  diagnostics: Diagnostic[];
  files: FileSummary[];
  /** The inputs with their adapters, to read again. */
  opened: Opened[];
}

/** Pass 1: reads every input once (each opened by `open`, which detects its format, when its turn comes) and plans its threads. */
export async function plan(inputs: readonly InputFile[], open: (input: InputFile) => Promise<Opened>, options: PipelineOptions, now: number): Promise<Plan> {
  const opened: Opened[] = [];
  const ids = new IdTable();
  const convs = new Interner();
  const topics = new Interner();
  const addresses = new Interner();
  const sid = ints();
  const parent = ints();
  const conv = ints();
  const topic = ints();
  const groupOf = ints();
  const hashes = ints();
  const times = floats();
  const fate = bytes();
  const flags = bytes();
  /** Per message: where its addresses start in `addressList` (a count, then the interned addresses), or -1. */
  const participantsAt = ints();
  const addressList = ints();
  /** Per interned id: its first kept holder in any input (-1: none yet). */
  const first = ints();
  /** Holders of an id in a later input than its first holder's: `group:sid` → message. */
  const later = new Map<string, number>();
  /** Input names (ids are unique within an input; two inputs of one name are one) and file names. */
  const groups = new Map<string, number>();
  const groupNames: string[] = [];
  const fileKeys = new Map<string, number>();
  const scripts = new Map<number, number>();
  const brands = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  const files: FileSummary[] = [];
  let openRoles = false;
  let broadcasts = false;
  let read = 0;
  const holderIn = (g: number, s: number): number => {
    const h = s < first.length ? first.data[s]! : -1;
    if (h < 0) return -1;
    if (groupOf.data[h] === g) return h;
    return later.get(`${g}:${s}`) ?? -1;
  };
  for (const named of inputs) {
    const { adapter, input } = await open(named);
    opened.push({ adapter, input });
    const summary: FileSummary = { file: input.name, source: adapter.kind, read: 0, used: 0, rejected: 0, roles: 'none' };
    let g = groups.get(input.name);
    if (g === undefined) {
      groups.set(input.name, (g = groupNames.length));
      groupNames.push(input.name);
    }
    for await (const item of adapter.read(input, options.read ?? {})) {
      if ('diagnostic' in item) {
        diagnostics.push(item.diagnostic);
        // A repair (e.g. bytes replaced in decoding), not a record: shown, never counted.
        if (item.diagnostic.severity !== 'warning') {
          summary.read++;
          summary.rejected++;
        }
      } else {
        summary.read++;
        const m = item.message;
        const i = fate.length;
        const s = ids.intern(m.id);
        while (first.length <= s) first.push(-1);
        const reason = timeProblem(m.time, now) ?? (holderIn(g, s) >= 0 ? 'duplicate-id' : null);
        let flag = 0;
        if (reason) summary.rejected++;
        else {
          if (first.data[s]! < 0) first.data[s] = i;
          else {
            later.set(`${g}:${s}`, i);
            flag |= SCOPED;
          }
          if (m.role === null) {
            flag |= OPEN;
            openRoles = true;
          } else if (m.role === 'brand') {
            brands.add(m.brand ?? m.author);
            const h = scriptHash(m);
            scripts.set(h, (scripts.get(h) ?? 0) + 1);
          }
          if (!broadcasts && mayBroadcast(m)) broadcasts = true;
        }
        if (m.reply) flag |= REPLY;
        fate.push(reason ? 1 + REASONS.indexOf(reason) : KEPT);
        flags.push(flag);
        sid.push(s);
        hashes.push(idHash(m.id));
        groupOf.push(g);
        times.push(m.time ?? Number.NEGATIVE_INFINITY);
        parent.push(m.parent != null ? ids.intern(m.parent) : -1);
        if (m.conversation != null) {
          let f = fileKeys.get(m.file);
          if (f === undefined) fileKeys.set(m.file, (f = fileKeys.size));
          conv.push(convs.intern(`${f}\u0000${m.conversation}`));
        } else conv.push(-1);
        topic.push(m.topic ? topics.intern(m.topic) : -1);
        if (m.participants) {
          participantsAt.push(addressList.length);
          addressList.push(m.participants.length);
          for (const a of m.participants) addressList.push(addresses.intern(a));
        } else participantsAt.push(-1);
      }
      if (++read % 1000 === 0) options.onProgress?.(read);
    }
    files.push(summary);
  }

  const n = fate.length;
  /** A kept message's id as `buildThreads` names it (scoped when an earlier input held it). */
  const idOf = (i: number): string => {
    const id = ids.get(sid.data[i]!);
    return flags.data[i]! & SCOPED ? scopedId(groupNames[groupOf.data[i]!]!, id) : id;
  };
  /** `compareMessages` on plan rows. */
  const compare = (a: number, b: number): number => {
    const ta = times.data[a]!;
    const tb = times.data[b]!;
    return ta !== tb ? (ta < tb ? -1 : 1) : compareIds(idOf(a), idOf(b));
  };

  // Union-find over kept messages, with buildThreads' keys: the conversation, else the parent (in the
  // message's own input first, else wherever the id was read first), else the subject and an address.
  const root = new Int32Array(n);
  for (let i = 0; i < n; i++) root[i] = i;
  const find = (i: number): number => {
    while (root[i] !== i) {
      root[i] = root[root[i]!]!;
      i = root[i]!;
    }
    return i;
  };
  const union = (a: number, b: number): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) root[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  const byTopic = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const t = topic.data[i]!;
    if (fate.data[i] !== KEPT || t < 0) continue;
    const list = byTopic.get(t);
    if (list) list.push(i);
    else byTopic.set(t, [i]);
  }
  for (const list of byTopic.values()) list.sort(compare);
  /** normalize/threads.ts `shareParticipants` on interned addresses. */
  const share = (a: number, b: number): boolean => {
    const at = participantsAt.data[a]!;
    const bt = participantsAt.data[b]!;
    if (at < 0 || bt < 0) return true;
    const list = addressList.data;
    const na = list[at]!;
    const nb = list[bt]!;
    if (na < 2 || nb < 2) return true;
    for (let j = 1; j <= nb; j++) {
      const p = list[bt + j]!;
      for (let k = 1; k <= na; k++) if (list[at + k] === p) return true;
    }
    return false;
  };
  const convFirst = new Int32Array(convs.size).fill(-1);
  for (let i = 0; i < n; i++) {
    if (fate.data[i] !== KEPT) continue;
    const c = conv.data[i]!;
    if (c >= 0) {
      if (convFirst[c]! < 0) convFirst[c] = i;
      else union(convFirst[c]!, i);
      continue;
    }
    const ps = parent.data[i]!;
    const p = ps < 0 ? -1 : (() => {
      const own = holderIn(groupOf.data[i]!, ps);
      return own >= 0 ? own : ps < first.length ? first.data[ps]! : -1;
    })();
    if (p >= 0) union(p, i);
    else if (flags.data[i]! & REPLY && topic.data[i]! >= 0) {
      const j = byTopic.get(topic.data[i]!)!.find((j) => j !== i && compare(j, i) <= 0 && share(j, i));
      if (j !== undefined) union(j, i);
    }
  }

  // Number the threads in order of first appearance; each one's first message orders them as buildThreads does.
  const thread = new Int32Array(n).fill(-1);
  const firstOf: number[] = [];
  const sizes: number[] = [];
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
    if (compare(i, firstOf[t]!) < 0) firstOf[t] = i;
  }
  const order = sizes.map((_, t) => t).sort((a, b) => compare(firstOf[a]!, firstOf[b]!));
  const rank = new Int32Array(sizes.length);
  order.forEach((t, place) => (rank[t] = place));
  const kept = sizes.reduce((a, b) => a + b, 0);
  const keptFlags = new Uint8Array(n);
  for (let i = 0; i < n; i++) keptFlags[i] = flags.data[i]! & SCOPED;

  return {
    count: n,
    // Exact-size copies: the growing arrays' spare capacity is freed with them.
    idHashes: hashes.data.slice(0, n),
    fate: fate.data.slice(0, n),
    flags: keptFlags,
    thread,
    size: Int32Array.from(sizes),
    rank,
    kept,
    scripts,
    brands,
    openRoles,
    broadcasts,
    diagnostics,
    files,
    opened,
  };
}
