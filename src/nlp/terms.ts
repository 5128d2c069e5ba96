// Topic terms of one message: nouns and short noun phrases, lemmatized, without support chatter.
import stopTerms from './stop-terms.json' with { type: 'json' };

/** Words and phrases that never make a topic: support chatter, pleasantries, time fillers. */
export const STOP_TERMS: ReadonlySet<string> = new Set((stopTerms as { terms: string[] }).terms);

const NOUNISH = new Set(['NOUN', 'PROPN']);
const MODIFIER = new Set(['ADJ', 'NOUN', 'PROPN', 'NUM']);

export interface TermToken {
  value: string;
  lemma: string;
  pos: string;
  type: string;
  stop: boolean;
}

function clean(word: string): string {
  return word.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}

/** The lemma when it is an inflection of the word ("passes" → "pass"), else the word ("app", not "application"). */
function headWord(t: TermToken): string {
  const value = clean(t.value);
  const lemma = clean(t.lemma || t.value);
  return lemma && value.startsWith(lemma.slice(0, Math.max(3, lemma.length - 2))) ? lemma : value;
}

function usable(word: string): boolean {
  // Contractions ("i'm", wink's proper noun) are never topics.
  return word.length >= 3 && /\p{L}/u.test(word) && !/['’]/.test(word) && !STOP_TERMS.has(word) && !word.startsWith('__');
}

/**
 * Distinct topic terms, in text order: every usable noun that heads its phrase (its lemma), a modifier + noun pair
 * ("boarding pass", "online ordering") and a noun + number pair ("ios 11", "gow 4").
 */
export function topicTerms(tokens: readonly TermToken[]): string[] {
  const out = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type === 'hashtag') {
      const tag = clean(t.value.slice(1));
      if (usable(tag) && tag.length <= 24) out.add(tag);
      continue;
    }
    if (t.type !== 'word' || t.stop || !NOUNISH.has(t.pos)) continue;
    // Masks such as __email__ are tokenized as "__", "email", "__".
    if (tokens[i - 1]?.value === '__' || tokens[i + 1]?.value === '__') continue;
    const head = headWord(t);
    if (!usable(head)) continue;
    const prev = tokens[i - 1];
    if (prev && prev.type === 'word' && !prev.stop && MODIFIER.has(prev.pos)) {
      const modifier = clean(prev.value);
      const phrase = `${modifier} ${head}`;
      if (usable(modifier) && modifier !== head && !STOP_TERMS.has(phrase)) out.add(phrase);
    }
    const next = tokens[i + 1];
    // A noun that modifies the next one ("boarding" in "boarding pass") is not a topic of its own.
    const modifiesNext = next !== undefined && next.type === 'word' && !next.stop && NOUNISH.has(next.pos);
    if (!modifiesNext) out.add(head);
    if (next && next.type === 'number' && /^\d{1,4}(\.\d+)?$/.test(next.value)) out.add(`${head} ${next.value}`);
  }
  return [...out];
}

/**
 * Support-account suffixes: "AmazonHelp" is about "amazon". Run on the reversed handle, anchored, so it is
 * tried from one place only (unanchored, `(…)+$` rescanned the tail from every position: quadratic).
 */
const ACCOUNT_SUFFIX_REVERSED = /^(?:(?:pleh|spleh|troppus|erac|serac|steewt|tsissa|srepleh|ecivres|maet|ku|su|laiciffo)_?)+/i;

/** The names a brand account goes by in text: the handle, and the handle without support suffixes or underscores. */
export function brandNames(account: string): string[] {
  const lower = account.toLowerCase();
  const reversed = [...lower].reverse().join('');
  const suffix = ACCOUNT_SUFFIX_REVERSED.exec(reversed)?.[0].length ?? 0;
  const stem = [...reversed.slice(suffix)].reverse().join('');
  return [...new Set([lower, stem, ...stem.split('_')].filter((n) => n.length >= 3))];
}
