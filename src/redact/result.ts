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
 * Masks emails, phone numbers, card numbers, IBANs and customer handles in every text that reaches
 * a report, one thread at a time: message texts, evidence (spans re-pointed so
 * `text == masked.slice(start, end)`), customer author ids, and at the end rejected records (there,
 * a bare author id is renamed only when that customer also wrote a usable message). Pseudonyms are
 * numbered in the order threads come. Pure: the input is not changed.
 */
export class Redactor {
  private readonly names: Pseudonyms;

  /** `brands`: every brand account of the input, which keep their names. */
  constructor(brands: Iterable<string>) {
    this.names = new Pseudonyms(brands);
  }

  thread(thread: Thread, tagged: readonly TaggedExchange[]): { thread: Thread; tagged: TaggedExchange[] } {
    const names = this.names;
    const masked = new Map<string, MaskedText>();
    const messages = new Map<Message, Message>();
    const redactMessage = (m: Message): Message => {
      let out = messages.get(m);
      if (out) return out;
      const author = m.role === 'customer' ? names.of(m.author) : m.author;
      const text = maskText(m.text, names);
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
    // The thread's messages first: pseudonyms are numbered in message order, the same on every run.
    const out = { ...thread, messages: thread.messages.map(redactMessage) };
    return {
      thread: out,
      tagged: tagged.map((t): TaggedExchange => {
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
      }),
    };
  }

  /** Rejected records, raw text of an unknown shape: masked, then every word that is a known customer renamed. Call after the threads. */
  diagnostics(list: readonly Diagnostic[]): Diagnostic[] {
    const names = this.names;
    const maskRecord = (text: string): string => maskText(text, names).text.replace(/[A-Za-z0-9_]+/g, (word) => names.known(word) ?? word);
    return list.map((d): Diagnostic => {
      const out: Diagnostic = { ...d, message: maskRecord(d.message) };
      if (d.raw !== undefined) out.raw = maskRecord(d.raw);
      return out;
    });
  }
}

/** The brand accounts of an in-memory result: they keep their names. */
export function brandsOf(result: Pick<Redactable, 'tagged' | 'threads'>): Set<string> {
  const brands = new Set<string>();
  for (const thread of result.threads) {
    for (const m of thread.messages) if (m.role === 'brand') brands.add(m.brand ?? m.author);
  }
  for (const t of result.tagged) {
    for (const b of [t.exchange.brand, t.exchange.account]) if (b) brands.add(b);
  }
  return brands;
}

/** A whole in-memory result masked (Redactor), threads in order; exchanges keep their order. */
export function redactResult<R extends Redactable>(result: R): R {
  const redactor = new Redactor(brandsOf(result));
  const byThread = new Map<string, TaggedExchange[]>();
  for (const t of result.tagged) {
    const list = byThread.get(t.exchange.thread);
    if (list) list.push(t);
    else byThread.set(t.exchange.thread, [t]);
  }
  const done = new Map<TaggedExchange, TaggedExchange>();
  const threads = result.threads.map((thread) => {
    const own = byThread.get(thread.id) ?? [];
    byThread.delete(thread.id);
    const out = redactor.thread(thread, own);
    own.forEach((t, i) => done.set(t, out.tagged[i]!));
    return out.thread;
  });
  // Exchanges of a thread the result does not list (none from the pipeline) are masked on their own.
  for (const [id, list] of byThread) redactor.thread({ id, messages: [] }, list).tagged.forEach((t, i) => done.set(list[i]!, t));
  return { ...result, tagged: result.tagged.map((t) => done.get(t)!), threads, diagnostics: redactor.diagnostics(result.diagnostics) };
}
