// Roles for messages whose export could not say them: the thread's opener is the customer, whoever answers is the brand side.
import type { Message, RawMessage, Role } from '../model/types.js';
import { agentId } from './agents.js';

/** A message with its role settled, and whether the export gave it or the thread's shape did. */
export function toMessage(raw: RawMessage, role: Role = raw.role ?? 'customer', roleSource: Message['roleSource'] = raw.role ? 'given' : 'inferred'): Message {
  const brandName = raw.brand ?? raw.author;
  return { ...raw, role, roleSource, agent: role === 'brand' ? agentId(brandName, raw.text) : null };
}

/**
 * Settle the roles of one thread's messages (already in thread order). A message with a role
 * keeps it. For the others, the customer is the author of the thread's first message that is
 * not known to be the brand; everyone else who writes in the thread answers for the brand.
 */
export function resolveRoles(thread: readonly RawMessage[]): Message[] {
  const opener = thread.find((m) => m.role !== 'brand')?.author ?? null;
  return thread.map((raw) => {
    if (raw.role) return toMessage(raw, raw.role, 'given');
    return toMessage(raw, raw.author === opener ? 'customer' : 'brand', 'inferred');
  });
}
