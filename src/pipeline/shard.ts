// Which shard each record of an input goes to, so that every thread lands whole in one shard.
import type { RawMessage } from '../model/types.js';
import { buildThreads } from '../normalize/threads.js';

/** FNV-1a over the thread id: a stable shard for the same thread on every machine and run. */
export function shardOf(threadId: string, shards: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < threadId.length; i++) {
    h ^= threadId.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % shards;
}

/**
 * Shard of every message's record line, by its thread (a duplicate id goes with the first copy, where
 * it is rejected again). Texts are not needed: pass messages with `text: ''` to keep memory small.
 */
export function shardLines(messages: readonly RawMessage[], shards: number): Map<number, number> {
  const { threads } = buildThreads(messages);
  const byId = new Map<string, number>();
  for (const t of threads) {
    const shard = shardOf(t.id, shards);
    for (const m of t.messages) byId.set(m.id, shard);
  }
  const lines = new Map<number, number>();
  for (const m of messages) {
    const shard = byId.get(m.id);
    if (shard !== undefined) lines.set(m.line, shard);
  }
  return lines;
}
