// The exchanges behind the HTML report's brand and agent rows: the worst few of each group, kept on disk until the end.
import { AXES, RUE_FLAGS, type Evidence, type TaggedExchange } from '../model/types.js';
import { Spill } from '../storage/spill.js';
import { own } from '../text/own.js';
import { quoted, riskReasons, severity } from './at-risk.js';
import type { DrillDown, DrillExchange, DrillGroup, DrillMessage } from './types.js';

/** Messages of a turn an exchange keeps; the rest are counted. */
const MESSAGES_PER_TURN = 4;

/** Evidence of the non-default labels and RUE flags, in axis then flag order. */
export function reportedEvidence(t: TaggedExchange): Evidence[] {
  return [...AXES.flatMap((axis) => t.labels[axis].evidence), ...RUE_FLAGS.flatMap((flag) => (t.rue[flag] ? t.rue.evidence[flag] : []))];
}

/** What orders an exchange within its group, and where its record waits. */
interface Kept {
  severity: number;
  health: number | null;
  /** A hash of the id: among equally bad exchanges, which are kept (a fixed pseudo-random sample). */
  rank: number;
  /** Epoch ms; -Infinity without a time. */
  time: number;
  id: string;
  handle: number;
}

/** FNV-1a of a string, 32 bits. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/**
 * Which exchanges a group keeps: most severe at-risk reasons, then lowest health, then by `rank`. Ties
 * go by a hash rather than by time or input order, so the sample is the same whatever order threads
 * come in, and a newcomer seldom displaces a kept exchange (a file sorted by time would otherwise
 * rewrite the sample on nearly every exchange).
 */
function compareKept(a: Omit<Kept, 'handle'>, b: Omit<Kept, 'handle'>): number {
  return b.severity - a.severity || (a.health ?? 101) - (b.health ?? 101) || a.rank - b.rank || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** How a sample is shown: worst first, and among equals the most recent first. */
function compareShown(a: Kept, b: Kept): number {
  return b.severity - a.severity || (a.health ?? 101) - (b.health ?? 101) || (a.time === b.time ? 0 : b.time > a.time ? 1 : -1) || compareKept(a, b);
}

class Group {
  exchanges = 0;
  readonly kept: Kept[] = [];
  /** Exchanges per brand account (agents only): which brand the agent answers for. */
  readonly accounts = new Map<string, number>();
}

function record(t: TaggedExchange, health: number | null): DrillExchange {
  const evidence = reportedEvidence(t);
  const turn = (messages: typeof t.exchange.customerTurn, role: DrillMessage['role']): DrillMessage[] =>
    quoted(messages.slice(0, MESSAGES_PER_TURN), evidence).map((m) => ({ ...m, role }));
  const e = t.exchange;
  return {
    id: e.id,
    thread: e.thread,
    account: e.account,
    agent: e.agent,
    time: e.time === null ? null : new Date(e.time).toISOString(),
    health,
    reasons: e.customerTurn.length ? riskReasons(t) : [],
    labels: Object.fromEntries(AXES.map((axis) => [axis, t.labels[axis].label])),
    cues: [...new Set(evidence.map((ev) => ev.cue))],
    messages: [...turn(e.customerTurn, 'customer'), ...turn(e.brandTurn, 'brand')],
    moreMessages: Math.max(0, e.customerTurn.length - MESSAGES_PER_TURN) + Math.max(0, e.brandTurn.length - MESSAGES_PER_TURN),
  };
}

/**
 * Per brand account and per agent (`(none)` for unsigned), the `perGroup` worst exchanges (compareKept),
 * added an exchange at a time. Memory holds a few sort keys per group; an exchange's record is written to a
 * spill file once, when it first enters a group's sample.
 */
export class DrillReducer {
  private readonly groups = { brand: new Map<string, Group>(), agent: new Map<string, Group>() };
  private readonly spill = new Spill();

  constructor(
    readonly perGroup: number,
    private readonly healthOf: (t: TaggedExchange) => number | null,
  ) {}

  add(t: TaggedExchange): void {
    const e = t.exchange;
    const reasons = e.customerTurn.length ? riskReasons(t) : [];
    const health = this.healthOf(t);
    const candidate = { severity: severity({ reasons }), health, rank: hash(e.id), time: e.time ?? -Infinity, id: e.id };
    let handle = -1;
    for (const [by, key] of [['brand', e.account], ['agent', e.agent]] as const) {
      const groups = this.groups[by];
      const name = key ?? '(none)';
      let group = groups.get(name);
      if (!group) groups.set(own(name), (group = new Group()));
      group.exchanges++;
      if (by === 'agent' && e.account !== null) group.accounts.set(group.accounts.has(e.account) ? e.account : own(e.account), (group.accounts.get(e.account) ?? 0) + 1);
      const kept = group.kept;
      if (kept.length >= this.perGroup && compareKept(candidate, kept[kept.length - 1]!) >= 0) continue;
      if (handle < 0) handle = this.spill.add(JSON.stringify(record(t, health)));
      let at = kept.length;
      while (at > 0 && compareKept(kept[at - 1]!, candidate) > 0) at--;
      kept.splice(at, 0, { ...candidate, id: own(candidate.id), handle });
      if (kept.length > this.perGroup) kept.pop();
    }
  }

  /** The samples of the groups named (agents: null takes the `limit` with most exchanges); call once. */
  result(keys: { brand: readonly string[]; agent: readonly string[] | null }, limit: number): DrillDown {
    const exchanges: DrillExchange[] = [];
    const index = new Map<number, number>();
    const agents =
      keys.agent ??
      [...this.groups.agent.entries()]
        .sort((a, b) => b[1].exchanges - a[1].exchanges || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
        .slice(0, limit)
        .map(([key]) => key);
    const groups: DrillGroup[] = [];
    for (const [by, names] of [['brand', keys.brand], ['agent', agents]] as const) {
      for (const key of names) {
        const group = this.groups[by].get(key);
        if (!group) continue;
        const brand = key === '(none)' ? null : by === 'brand' ? key : mainAccount(group.accounts);
        const shown = [...group.kept].sort(compareShown).map((k) => {
          let i = index.get(k.handle);
          if (i === undefined) {
            index.set(k.handle, (i = exchanges.length));
            exchanges.push(JSON.parse(this.spill.get(k.handle)) as DrillExchange);
          }
          return i;
        });
        groups.push({ by, key, exchanges: group.exchanges, brand, shown });
      }
    }
    this.close();
    return { perGroup: this.perGroup, groups, exchanges };
  }

  close(): void {
    this.spill.close();
  }
}

/** The account most exchanges belong to (ties: the first by name), or null. */
function mainAccount(accounts: Map<string, number>): string | null {
  let best: [string, number] | null = null;
  for (const entry of accounts) if (!best || entry[1] > best[1] || (entry[1] === best[1] && entry[0] < best[0])) best = entry;
  return best?.[0] ?? null;
}
