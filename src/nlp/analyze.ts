// Analyze one message once: wink-nlp tokens, negation, sentences and sentiment, plus cue hits.
import type { Role } from '../model/types.js';
import { decodeEntities, toOriginal, type DecodedText } from '../text/entities.js';
import { findPii } from '../text/redact.js';
import { topicTerms } from './terms.js';
import { withoutUnicodeMode, type CompiledCue } from './cues.js';
import { prefilterFor, SKIP, WHOLE } from './prefilter.js';
import { wink } from './wink.js';

/** A cue that fired in a message, with its span in the message's exported text. */
export interface CueHit {
  cue: string;
  signal: string;
  weight: number;
  start: number;
  end: number;
  text: string;
  /** Index of the sentence it fired in. */
  sentence: number;
}

export interface SentenceInfo {
  start: number;
  end: number;
  /** wink-nlp sentiment in [-1, 1]. */
  sentiment: number;
}

/** Everything the taggers need from one message; computed once, shared by every tagger. */
export interface MessageAnalysis {
  hits: CueHit[];
  sentences: SentenceInfo[];
  /** Distinct content lemmas (lowercase), sorted, for specificity between turns. */
  lemmas: string[];
  /** Where each lemma of `lemmas` first occurs: [start, end] in the exported text. */
  lemmaSpans: [number, number][];
  /** Word tokens, not counting mentions, URLs and punctuation. */
  words: number;
  /** Distinct concrete terms: nouns, proper nouns and numbers outside support-script vocabulary. */
  concrete: number;
  /** Spans of the first few concrete terms, for evidence. */
  concreteSpans: [number, number][];
  questions: number;
  urls: number;
  emoji: number;
  /** The text with mentions, URLs, numbers and signatures removed: equal keys mean a script. */
  template: string;
  /** Topic terms of a customer message (nouns and short noun phrases, lemmatized); empty for brand messages. */
  terms: string[];
}

const NEGATORS = new Set(['not', "n't", 'no', 'never', 'nothing', 'none', 'nobody', 'without', 'hardly', 'cannot', 'nor', 'neither', 'doubt']);
/** Tokens that end a negation's reach: "no, but thanks" thanks. */
const SCOPE_BREAKS = new Set(['but', 'and', 'so', 'because', ',', ';', 'however', 'though', 'although']);
/** Words that make what follows hypothetical: "until it's fixed" is not a fix. They cancel positive cues only. */
const CONDITIONALS = new Set(['until', 'till', 'unless', 'if', 'once', 'hopefully', 'hope', 'wish', 'whether', 'before']);
const CONTENT_POS = new Set(['NOUN', 'PROPN', 'VERB', 'ADJ', 'NUM']);

/** Support-script vocabulary: words too common in replies to show that a reply is about this customer. */
export const GENERIC_WORDS: ReadonlySet<string> = new Set(
  (
    'help assist assistance look know let please thank thanks sorry hear issue issues problem trouble dm message messages send reach team teams account info information detail details get got make need want like see check sure experience time today day hi hello hey concern concerns frustration inconvenience able happy glad understand apologize apology apologies contact follow link click support service customer customers care work working way right good great thing things something anything everything question questions update ' +
    'feedback pass passed assure rest folk folks forward forwarded share shared note provide review address email number phone name full direct private secure securely chat visit site website page online app options option continue able available soon asap moment shortly case reference specialist specialists agent agents representative department appreciate patience understanding hope hoping reaching reach happy delighted sort sorted resolve resolved assist assisting investigate investigation confirm confirmation contact contacting'
  ).split(' '),
);

interface Token {
  start: number;
  end: number;
  norm: string;
}

/** Offsets of wink tokens in the analyzed text, from their values and preceding spaces. */
function tokenOffsets(text: string, values: string[], spaces: string[]): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    at += spaces[i]!.length;
    if (text.startsWith(value, at)) {
      tokens.push({ start: at, end: at + value.length, norm: value.toLowerCase() });
      at += value.length;
    } else {
      const found = text.indexOf(value, at);
      const start = found >= 0 ? found : at;
      tokens.push({ start, end: start + value.length, norm: value.toLowerCase() });
      at = found >= 0 ? start + value.length : at;
    }
  }
  return tokens;
}

function firstTokenAt(tokens: Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length - 1;
  let found = tokens.length;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.end > offset) {
      found = mid;
      hi = mid - 1;
    } else lo = mid + 1;
  }
  return found;
}

/** A negator within three tokens before the match, or within six where wink-nlp's negation scope covers it. */
function isNegated(tokens: Token[], sentenceStart: number, matchStart: number, negatedFlags: boolean[], conditional: boolean): boolean {
  const i = firstTokenAt(tokens, matchStart);
  if (i >= tokens.length) return false;
  const reach = negatedFlags[i] ? 6 : 3;
  for (let j = i - 1; j >= Math.max(0, i - reach); j--) {
    const t = tokens[j]!;
    if (t.start < sentenceStart || SCOPE_BREAKS.has(t.norm)) break;
    if (NEGATORS.has(t.norm) || (conditional && j >= i - 3 && CONDITIONALS.has(t.norm))) return true;
  }
  return false;
}

export function templateKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/@\w+/g, ' ')
    .replace(/(?:^|\s)(?:\^|\/|-|–|~|\*)\s?[a-z]{1,12}\s*$/g, ' ')
    .replace(/[^a-z\s]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** wink-nlp reads a run of printable ASCII longer than this in pieces (see `forWink`). */
export const WINK_RUN = 128;

/**
 * The text wink-nlp tokenizes: `plain` with a space put in place of every WINK_RUN-th character of a longer
 * run of printable ASCII. wink's tokenizer runs regular expressions (ordinals, emails) on each space-separated
 * piece that backtrack quadratically in the ASCII word characters and dots it holds (`#` and 100,000 digits
 * took 15 s, `a.a.a.…` as long). No word, number or link of a real message is this long; text without spaces
 * (Japanese, Chinese) is left whole, since those expressions stop at its first character. The length is
 * kept, so token offsets stay those of `plain`.
 */
export function forWink(plain: string): string {
  let out: string[] | null = null;
  let from = 0;
  let runStart = 0;
  for (let i = 0; i < plain.length; i++) {
    const c = plain.charCodeAt(i);
    if (c < 0x21 || c > 0x7e) runStart = i + 1;
    else if (i - runStart >= WINK_RUN) {
      (out ??= []).push(plain.slice(from, i), ' ');
      from = i + 1;
      runStart = i + 1;
    }
  }
  return out ? out.join('') + plain.slice(from) : plain;
}

export interface AnalyzeOptions {
  /** Skip the cues the literal prefilter rules out (default); false runs every cue (tests compare the two). */
  prefilter?: boolean;
}

export function analyzeMessage(text: string, role: Role, cues: { customer: CompiledCue[]; brand: CompiledCue[] }, options?: AnalyzeOptions): MessageAnalysis {
  const decoded: DecodedText = decodeEntities(text);
  // Typographic quotes become ASCII ones (same length, so offsets still hold): "didn’t" reads as "didn't".
  const plain = decoded.text.replace(/[‘’‛`´]/g, "'").replace(/[“”„]/g, '"');
  const { nlp, its } = wink();
  const winkText = forWink(plain);
  const doc = nlp.readDoc(winkText);
  const tokensOut = doc.tokens();
  const values = tokensOut.out(its.value) as string[];
  const spaces = tokensOut.out(its.precedingSpaces) as string[];
  const types = tokensOut.out(its.type) as string[];
  const pos = tokensOut.out(its.pos) as string[];
  const lemmasOut = tokensOut.out(its.lemma as unknown as typeof its.value) as string[];
  const stop = tokensOut.out(its.stopWordFlag) as unknown as boolean[];
  // wink's negation flags are read only when a cue that negation drops or flips has matched.
  let negated: boolean[] | null = null;
  const tokens = tokenOffsets(winkText, values, spaces);

  const sentenceTexts = doc.sentences().out() as string[];
  const sentenceSentiments = doc.sentences().out(its.sentiment) as unknown as number[];
  const sentences: SentenceInfo[] = [];
  let cursor = 0;
  for (let i = 0; i < sentenceTexts.length; i++) {
    const s = sentenceTexts[i]!;
    const found = winkText.indexOf(s, cursor);
    const start = found >= 0 ? found : cursor;
    const end = found >= 0 ? start + s.length : Math.min(plain.length, cursor + s.length);
    sentences.push({ start, end, sentiment: sentenceSentiments[i] ?? 0 });
    cursor = end;
  }
  const sentenceOf = (offset: number): number => {
    for (let i = sentences.length - 1; i >= 0; i--) if (sentences[i]!.start <= offset) return i;
    return 0;
  };

  const hits: CueHit[] = [];
  const fast = withoutUnicodeMode(plain);
  const roleCues = role === 'customer' ? cues.customer : cues.brand;
  // Only the cues whose necessary literals occur in the text can match it (see prefilter.ts).
  const prefilter = options?.prefilter === false ? null : prefilterFor(roleCues);
  const plan = prefilter?.select(plain, { screen: true, fast });
  for (let c = 0; c < roleCues.length; c++) {
    const how = plan ? plan[c]! : WHOLE;
    if (how === SKIP) continue;
    const cue = roleCues[c]!;
    // A plan may name the one alternative of the cue that can match: it finds the same matches.
    const regex = how === WHOLE ? (fast && cue.fastRegex) || cue.regex : prefilter!.alone(how - 2, fast);
    regex.lastIndex = 0;
    for (let m = regex.exec(plain); m; m = regex.exec(plain)) {
      if (m[0].length === 0) {
        regex.lastIndex++;
        continue;
      }
      const sentence = sentenceOf(m.index);
      let signal = cue.signal;
      if (cue.negation === 'drop' || cue.negation === 'flip') {
        negated ??= tokensOut.out(its.negationFlag) as unknown as boolean[];
        if (isNegated(tokens, sentences[sentence]?.start ?? 0, m.index, negated, cue.signal === 'positive')) {
          if (cue.negation === 'drop') continue;
          signal = `not-${signal}`;
        }
      }
      const [start, end] = toOriginal(decoded, m.index, m.index + m[0].length);
      hits.push({ cue: cue.id, signal, weight: cue.weight, start, end, text: text.slice(start, end), sentence });
    }
  }
  hits.sort((a, b) => a.start - b.start || a.end - b.end || (a.cue < b.cue ? -1 : a.cue > b.cue ? 1 : 0));

  const lemmaSet = new Map<string, [number, number]>();
  const addLemma = (lemma: string, i: number): void => {
    if (!lemmaSet.has(lemma)) lemmaSet.set(lemma, toOriginal(decoded, tokens[i]!.start, tokens[i]!.end));
  };
  let words = 0;
  let urls = 0;
  let emoji = 0;
  for (let i = 0; i < values.length; i++) {
    const type = types[i];
    if (type === 'url') urls++;
    else if (type === 'emoji' || type === 'emoticon') emoji++;
    else if (type === 'hashtag') addLemma(values[i]!.slice(1).toLowerCase(), i);
    if (type !== 'word' && type !== 'number') continue;
    words++;
    const lemma = (lemmasOut[i] ?? values[i]!).toLowerCase();
    if (stop[i] || !CONTENT_POS.has(pos[i]!) || lemma.length < 3) continue;
    addLemma(lemma, i);
  }
  const lemmas = [...lemmaSet.keys()].sort();
  const concreteSet = new Set<string>();
  const concreteSpans: [number, number][] = [];
  for (let i = 0; i < values.length; i++) {
    const p = pos[i];
    if ((types[i] === 'word' || types[i] === 'number') && (p === 'NOUN' || p === 'PROPN' || p === 'NUM') && !stop[i]) {
      const lemma = (lemmasOut[i] ?? values[i]!).toLowerCase();
      if (lemma.length >= 2 && !GENERIC_WORDS.has(lemma) && !concreteSet.has(lemma)) {
        concreteSet.add(lemma);
        if (concreteSpans.length < 3) concreteSpans.push(toOriginal(decoded, tokens[i]!.start, tokens[i]!.end));
      }
    }
  }
  // Personal data is never a topic: a token that touches an email, card, IBAN or phone number makes no term
  // (terms are made before redaction, which cannot mask a lemma; issue 18).
  const pii = role === 'customer' ? findPii(text) : [];
  const piiToken = (i: number): boolean => {
    if (!pii.length) return false;
    const [start, end] = toOriginal(decoded, tokens[i]!.start, tokens[i]!.end);
    return pii.some((p) => start < p.end && p.start < end);
  };
  return {
    hits,
    sentences: sentences.map((s) => {
      const [start, end] = toOriginal(decoded, s.start, s.end);
      return { start, end, sentiment: s.sentiment };
    }),
    lemmas,
    lemmaSpans: lemmas.map((l) => lemmaSet.get(l)!),
    words,
    concrete: concreteSet.size,
    concreteSpans,
    questions: (plain.match(/\?/g) ?? []).length,
    urls,
    emoji,
    template: role === 'brand' ? templateKey(plain) : '',
    terms: role === 'customer' ? topicTerms(values.map((value, i) => ({ value, lemma: lemmasOut[i] ?? value, pos: pos[i]!, type: piiToken(i) ? 'pii' : types[i]!, stop: Boolean(stop[i]) }))) : [],
  };
}
