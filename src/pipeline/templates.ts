// Brand-script counts over the whole input: the one fact tagging needs from beyond a thread.
import type { Message, Thread } from '../model/types.js';
import { templateKey } from '../nlp/analyze.js';
import { decodeEntities } from '../text/entities.js';

/**
 * The template key `analyzeMessage` gives a message (brand messages only; '' for customers),
 * computed without wink-nlp so the main thread can count scripts before any tagging.
 * test/pipeline/templates.test.ts checks it against `analyzeMessage(...).template`.
 */
export function templateOf(message: Pick<Message, 'role' | 'text'>): string {
  return message.role === 'brand' ? templateKey(decodeEntities(message.text).text) : '';
}

/** How many brand messages share each template key, over every thread. */
export function countTemplates(threads: Iterable<Thread>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const thread of threads) {
    for (const m of thread.messages) {
      if (m.role !== 'brand') continue;
      const key = templateOf(m);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}

/** The counts a batch of threads can ask for: its own brand keys, and '' (the key of every customer message). */
export function templateSlice(threads: readonly Thread[], counts: ReadonlyMap<string, number>): [string, number][] {
  const slice = new Map<string, number>([['', counts.get('') ?? 0]]);
  for (const thread of threads) {
    for (const m of thread.messages) {
      if (m.role !== 'brand') continue;
      const key = templateOf(m);
      slice.set(key, counts.get(key) ?? 0);
    }
  }
  return [...slice];
}

/**
 * A 53-bit hash of a script key: two 32-bit FNV-1a variants. Counting hashes instead of keys keeps
 * a million distinct brand replies in a few dozen MB; two keys share a count only on a collision
 * (about one chance in 10^4 for 10^6 distinct keys), which can only make a reply look scripted.
 */
export function keyHash(key: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ key.length;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return (a >>> 0) * 0x200000 + ((b >>> 0) & 0x1fffff);
}

