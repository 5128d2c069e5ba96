// Roles as exports write them (`agent`, `outbound`, `inbound=true`…) and as the user names the brand side.
import type { Role } from '../model/types.js';
import type { SourceOptions } from './adapter.js';

/** A role read from an export's role column, with bots (system logs, auto-replies) on the brand side. */
export interface RoleValue {
  role: Role;
  bot: boolean;
}

const CUSTOMER = new Set(['customer', 'client', 'user', 'enduser', 'visitor', 'guest', 'contact', 'requester', 'requestor', 'consumer', 'inbound', 'in', 'incoming', 'received', 'lead', 'end-user', 'end_user']);
const BRAND = new Set(['agent', 'brand', 'support', 'operator', 'staff', 'admin', 'employee', 'rep', 'representative', 'company', 'outbound', 'out', 'outgoing', 'sent', 'helpdesk', 'assistant', 'teammate']);
const BOT = new Set(['bot', 'system', 'action', 'automation', 'auto', 'workflow', 'chatbot', 'virtualagent', 'virtual_agent', 'note']);

/**
 * A role column's value. `column` helps with booleans: `inbound=true` is the customer,
 * `is_agent=true` the brand. Null when the value says nothing known.
 */
export function parseRoleValue(value: string, column = ''): RoleValue | null {
  const v = value.trim().toLowerCase();
  if (v === '') return null;
  if (v === 'true' || v === 'false' || v === '1' || v === '0' || v === 'yes' || v === 'no') {
    const yes = v === 'true' || v === '1' || v === 'yes';
    const c = column.toLowerCase();
    if (/inbound|customer|from_?customer|incoming/.test(c)) return { role: yes ? 'customer' : 'brand', bot: false };
    if (/agent|outbound|staff|brand|support|outgoing/.test(c)) return { role: yes ? 'brand' : 'customer', bot: false };
    return null;
  }
  if (CUSTOMER.has(v)) return { role: 'customer', bot: false };
  if (BRAND.has(v)) return { role: 'brand', bot: false };
  if (BOT.has(v)) return { role: 'brand', bot: true };
  return null;
}

/**
 * Whether an author (name, handle or email address) is the brand side by `--brand` (a name, or a
 * `/regular expression/` over author names) or `--brand-domain`:
 * the brand name or domain it matched, `false` for everyone else, or null when neither option was given.
 */
export function brandMatcher(options: SourceOptions): (author: string, address?: string | null) => string | false | null {
  const names = (options.brands ?? []).map((b) => b.trim()).filter(Boolean);
  // `/^agent-\d+$/i`: a sender rule as a regular expression.
  const rules = names.flatMap((n) => {
    const m = /^\/(.+)\/([imsu]*)$/.exec(n);
    return m ? [{ name: n, pattern: new RegExp(m[1]!, m[2]) }] : [];
  });
  const domains = (options.brandDomains ?? []).map((d) => d.trim().toLowerCase().replace(/^@/, '')).filter(Boolean);
  if (!names.length && !domains.length) return () => null;
  return (author, address) => {
    const rule = rules.find((r) => r.pattern.test(author.trim()));
    if (rule) return rule.name;
    const a = author.trim().toLowerCase();
    const name = names.find((n) => a === n.toLowerCase() || (n.length > 2 && a.includes(n.toLowerCase())));
    if (name) return name;
    const mail = (address ?? (a.includes('@') ? a : '')).toLowerCase();
    const at = mail.slice(mail.lastIndexOf('@') + 1);
    const domain = mail ? domains.find((d) => at === d || at.endsWith(`.${d}`)) : undefined;
    return domain ?? false;
  };
}
