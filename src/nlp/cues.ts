// Cue lexicons: JSON data with ids, compiled once into regular expressions.

/** One cue as written in a lexicon file. */
export interface CueSpec {
  /** Stable id, `axis.kind.name`; shown as evidence. */
  id: string;
  /** What the cue points to, e.g. `negative`, `granted`, `detail`, `redirect`. */
  signal: string;
  /** Strength; the taggers add these up. */
  weight: number;
  /** Regular expressions (case-insensitive), matched against the entity-decoded text. */
  patterns: string[];
  /** When a negation scopes over the match, the cue is dropped (or flips, for `flip`). */
  negation?: 'ignore' | 'drop' | 'flip';
  /** Match case as written (codes like `BA123`, airport pairs); default is case-insensitive. */
  caseSensitive?: boolean;
  description?: string;
}

export interface Lexicon {
  axis: string;
  description: string;
  cues: CueSpec[];
}

export interface CompiledCue extends CueSpec {
  regex: RegExp;
}

/** Patterns that need the regex `u` flag: code-point escapes, property classes, astral characters. */
const NEEDS_UNICODE = /\\u\{|\\p\{|[\u{10000}-\u{10FFFF}]/u;

/** Compile a lexicon; an invalid pattern is a programmer (or config) error naming the cue. */
export function compileLexicon(lexicon: Lexicon): CompiledCue[] {
  return lexicon.cues.map((cue) => {
    try {
      // Word-ish boundaries are written in the patterns themselves. The `u` flag (needed for emoji
      // classes and \u{…}/\p{…}) halves V8's matching speed, so only cues that need it get it.
      const source = cue.patterns.map((p) => `(?:${p})`).join('|');
      const unicode = NEEDS_UNICODE.test(source) ? 'u' : '';
      return { ...cue, regex: new RegExp(source, `g${cue.caseSensitive ? '' : 'i'}${unicode}`) };
    } catch (error) {
      throw new Error(`lexicon ${lexicon.axis}: cue ${cue.id} has an invalid pattern: ${(error as Error).message}`);
    }
  });
}
