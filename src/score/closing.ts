// Which unanswered customer turns needed no reply: a thanks or good news that closes the conversation.
import type { TaggedExchange } from '../model/types.js';

/**
 * A closing: a customer turn after the brand has spoken in the thread (a customer turn that is not the
 * thread's first turn always follows a brand turn), that nobody answered, whose experience is positive
 * and that asks nothing ("Thanks, that worked!"). Service measures do not count it as a reply missed,
 * and it does not put its thread or customer on the at-risk list; its labels are scored as every other.
 */
export function isClosing(t: TaggedExchange): boolean {
  const e = t.exchange;
  if (e.index === 0 || e.customerTurn.length === 0 || e.brandTurn.length > 0) return false;
  if (t.labels.experience.label !== 'positive') return false;
  return !e.customerTurn.some((m) => m.text.includes('?'));
}
