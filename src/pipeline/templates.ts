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
