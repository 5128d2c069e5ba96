// The contract of a tagger, and the small helpers every tagger shares.
import type { CueHit, MessageAnalysis } from '../nlp/analyze.js';
import type { AxisLabel, Evidence, Exchange, Message } from '../model/types.js';
import type { EpicModel } from './heads.js';

/** What taggers may read besides the exchange: the shared per-message analysis and whole-input facts. */
export interface TagContext {
  analysis(message: Message): MessageAnalysis;
  /** How many brand messages in the whole input share this template key. */
  templateCount(key: string): number;
  /** The learned decision's weights (the built-in model unless `--model` names another). */
  model: EpicModel;
}

export interface Tagger<Result = AxisLabel> {
  meta: { id: string; axis: string; description: string };
  tag(exchange: Exchange, ctx: TagContext): Result;
}

/** A cue hit together with the message it fired in. */
export interface PlacedHit extends CueHit {
  message: Message;
}

/** The placed hits of a turn, built once per turn (every tagger asks for the same customer turn). */
const placed = new WeakMap<readonly Message[], PlacedHit[]>();

export function hitsOf(messages: readonly Message[], ctx: TagContext, signals?: ReadonlySet<string>): PlacedHit[] {
  let all = placed.get(messages);
  if (!all) {
    all = [];
    for (const message of messages) for (const hit of ctx.analysis(message).hits) all.push({ ...hit, message });
    placed.set(messages, all);
  }
  return signals ? all.filter((h) => signals.has(h.signal)) : all.slice();
}

export function toEvidence(hit: PlacedHit): Evidence {
  return { cue: hit.cue, message: hit.message.id, start: hit.start, end: hit.end, text: hit.text };
}

export function spanEvidence(cue: string, message: Message, start: number, end: number): Evidence {
  return { cue, message: message.id, start, end, text: message.text.slice(start, end) };
}

/** Keep the evidence list readable: drop exact repeats, keep message order. */
export function dedupeEvidence(evidence: Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return evidence.filter((e) => {
    const key = `${e.cue}\u0000${e.message}\u0000${e.start}\u0000${e.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function clamp(value: number, low = -1, high = 1): number {
  return Math.min(high, Math.max(low, value));
}

export function round(value: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f + 0;
}
