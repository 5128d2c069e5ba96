// The redaction stage: tagged exchanges, threads and diagnostics in, the same with personal data masked out.
import type { Diagnostic, Evidence, Exchange, Message, TaggedExchange, Thread } from '../model/types.js';
import { mapSpan, maskText, type HandlePolicy, type MaskedText } from '../text/redact.js';

/** What the stage reads and returns: the shape of a pipeline result (other fields pass through untouched). */
export interface Redactable {
  tagged: TaggedExchange[];
  threads: Thread[];
  diagnostics: Diagnostic[];
}

/**
 * Customer handles become stable pseudonyms (`customer-1`, `customer-2`…, numbered in input order),
 * so counts and groupings survive; brand accounts keep their names.
 */
export class Pseudonyms implements HandlePolicy {
  private readonly names = new Map<string, string>();
  private readonly brands: Set<string>;
  constructor(brands: Iterable<string>) {
    this.brands = new Set([...brands].map((b) => b.toLowerCase()));
  }
  /** The pseudonym of a customer handle or author id. */
  of(handle: string): string {
    const key = handle.toLowerCase();
    let name = this.names.get(key);
    if (!name) {
      name = `customer-${this.names.size + 1}`;
      this.names.set(key, name);
    }
    return name;
  }
  /** A handle already known as a customer, renamed; null when it is not one. */
  known(handle: string): string | null {
    return this.names.get(handle.toLowerCase()) ?? null;
  }
  rename(handle: string): string | null {
    return this.brands.has(handle.toLowerCase()) ? null : this.of(handle);
  }
}

/**
 * Mask emails, phone numbers, card numbers, IBANs and customer handles in every text that reaches
 * a report: message texts, evidence (spans re-pointed so `text == masked.slice(start, end)`),
 * customer author ids, and rejected records (there, a bare author id is renamed only when that customer
 * also wrote a usable message). Pure: the input is not changed.
 */
export function redactResult<R extends Redactable>(result: R): R {
  const brands = new Set<string>();
  for (const thread of result.threads) {
    for (const m of thread.messages) if (m.role === 'brand') brands.add(m.brand ?? m.author);
  }
  for (const t of result.tagged) {
    for (const b of [t.exchange.brand, t.exchange.account]) if (b) brands.add(b);
  }
  const names = new Pseudonyms(brands);
  const masked = new Map<string, MaskedText>();
  const messages = new Map<Message, Message>();

  const redactMessage = (m: Message): Message => {
    let out = messages.get(m);
    if (out) return out;
    const author = m.role === 'customer' ? names.of(m.author) : m.author;
    const text = maskText(m.text, names);
    // A slim brand message (pipeline/slim.ts) has no text left: its evidence is masked on its own.
    if (!masked.has(m.id) && m.text !== '') masked.set(m.id, text);
    out = { ...m, author, text: text.text };
    messages.set(m, out);
    return out;
  };
  const redactEvidence = (e: Evidence): Evidence => {
    const text = masked.get(e.message);
    if (!text) return { ...e, text: maskText(e.text, names).text };
    const [start, end] = mapSpan(text, e.start, e.end);
    return { ...e, start, end, text: text.text.slice(start, end) };
  };
  const redactExchange = (e: Exchange): Exchange => ({
    ...e,
    customer: e.customer === null ? null : names.of(e.customer),
    customerTurn: e.customerTurn.map(redactMessage),
    brandTurn: e.brandTurn.map(redactMessage),
    previousBrandTurn: e.previousBrandTurn.map(redactMessage),
  });

  // Threads first: pseudonyms are numbered in thread order, the same on every run.
  const threads = result.threads.map((t) => ({ ...t, messages: t.messages.map(redactMessage) }));
  const tagged = result.tagged.map((t): TaggedExchange => {
    const labels = { ...t.labels };
    for (const axis of Object.keys(labels) as (keyof typeof labels)[]) {
      labels[axis] = { ...labels[axis], evidence: labels[axis].evidence.map(redactEvidence) };
    }
    const ev = t.rue.evidence;
    return {
      ...t,
      exchange: redactExchange(t.exchange),
      labels,
      rue: { ...t.rue, evidence: { relevance: ev.relevance.map(redactEvidence), utility: ev.utility.map(redactEvidence), entertainment: ev.entertainment.map(redactEvidence) } },
    };
  });
  // A rejected record is raw text of an unknown shape: mask it, then rename every word that is a known customer.
  const maskRecord = (text: string): string => maskText(text, names).text.replace(/[A-Za-z0-9_]+/g, (word) => names.known(word) ?? word);
  const diagnostics = result.diagnostics.map((d): Diagnostic => {
    const out: Diagnostic = { ...d, message: maskRecord(d.message) };
    if (d.raw !== undefined) out.raw = maskRecord(d.raw);
    return out;
  });
  return { ...result, tagged, threads, diagnostics };
}
