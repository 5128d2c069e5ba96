// Role accuracy: does the customer turn belong to the person the thread serves?
import type { Thread } from '../model/types.js';

/** One listed role error (`role-errors.jsonl`): the message `id` and what is wrong with its roles. */
export interface RoleError {
  id: string;
  data: string;
  problem: string;
}

/**
 * Whether a listed error is fixed, read from its `problem`: a helper's answer, an announcement or a
 * broadcast shown as the customer turn is fixed when that message is no longer on the customer side; the
 * asker's own mail (or the brand's reply) inside the wrong turn is fixed when every message of the turn
 * holding `id` is on the side of its author; a bystander's advice shown as the brand turn is fixed when
 * `id` still opens a customer turn whose answer is not that bystander's alone.
 */
export function roleErrorFixed(error: RoleError, threads: readonly Thread[]): boolean | null {
  for (const thread of threads) {
    const at = thread.messages.findIndex((m) => m.id === error.id);
    if (at < 0) continue;
    const m = thread.messages[at]!;
    const customer = thread.messages.find((x) => x.role === 'customer')?.author ?? null;
    if (/brand turn contains the asker/.test(error.problem)) {
      // The asker's own mail must be on the customer side wherever it sits.
      return thread.messages.every((x) => x.author !== customer || x.role === 'customer');
    }
    if (/brand's own reply to the asker sits inside the customer turn/.test(error.problem)) {
      return thread.messages.every((x) => x.role !== 'customer' || x.roleSource === 'inferred' || x.author === m.author);
    }
    if (/bystander/.test(error.problem)) return null;
    return m.role !== 'customer';
  }
  return null;
}

/** Share of labelled exchanges (ids of customer-turn first messages) whose message still opens a customer turn. */
export function customerKept(ids: readonly string[], threads: readonly Thread[]): { kept: number; total: number; lost: string[] } {
  const role = new Map<string, string>();
  for (const t of threads) for (const m of t.messages) role.set(m.id, m.role);
  const lost = ids.filter((id) => role.has(id) && role.get(id) !== 'customer');
  const total = ids.filter((id) => role.has(id)).length;
  return { kept: total - lost.length, total, lost };
}
