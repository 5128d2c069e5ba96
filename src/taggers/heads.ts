// What the learned decision decides (heads), how they share a turn (groups), and a model's shape: the
// types the taggers, features and model all name, with no imports of theirs (no cycle among them).
import type { Axis, RueFlag } from '../model/types.js';

/** Everything the model decides: the four axes and the three RUE flags. */
export type Head = Axis | RueFlag;
export const HEADS: readonly Head[] = ['experience', 'permission', 'involvement', 'conversation', 'relevance', 'utility', 'entertainment'];

/** The heads that read the same turn share one feature list: the customer turn's, and the brand turn's. */
export const GROUPS = {
  customer: ['experience', 'permission', 'involvement'],
  brand: ['conversation', 'relevance', 'utility', 'entertainment'],
} as const satisfies Record<string, readonly Head[]>;
export type Group = keyof typeof GROUPS;
export const groupOf = (head: Head): Group => ((GROUPS.customer as readonly Head[]).includes(head) ? 'customer' : 'brand');

export interface EpicModel {
  name: string;
  heads: Record<Head, { labels: readonly string[]; defaultIndex: number; bias: number[]; weights: Map<string, number[]> }>;
  /** The heads of one turn side by side: one lookup per feature gives the weights of all of them. */
  groups: Record<Group, { heads: readonly Head[]; offsets: number[]; width: number; bias: Float64Array; weights: Map<string, Float64Array> }>;
}
