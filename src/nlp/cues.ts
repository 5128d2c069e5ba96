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
  /**
   * The same expression without the `u` flag, several times faster in V8, or null when the pattern is
   * not plain ASCII. It matches exactly like `regex` on any text `withoutUnicodeMode` accepts.
   */
  fastRegex: RegExp | null;
}

/** Escapes that mean something else, or nothing, outside `u` mode: code points, properties, surrogates. */
const UNICODE_ONLY = /\\u\{|\\[pP]\{|\\u[dD][89a-fA-F]/;

/**
 * Whether the `u`-less twins of the cues match exactly like the cues on this text. They do when the text
 * has no surrogates (so every character is one code unit either way) and neither U+017F ſ nor U+212A K,
 * the only BMP characters that `iu` case folding, `\w` and `\b` treat as ASCII letters while `i` does not
 * (checked over every BMP character in test/pipeline/cue-fast-path.test.ts).
 */
export function withoutUnicodeMode(text: string): boolean {
  return !/[\ud800-\udfff\u017f\u212a]/.test(text);
}

/** ASCII, or a BMP character without case (’ – £ ⏳): read the same with and without `u`. */
function plainChar(ch: string): boolean {
  const cp = ch.codePointAt(0)!;
  return cp < 0x80 || (cp <= 0xffff && (cp < 0xd800 || cp > 0xdfff) && ch.toLowerCase() === ch && ch.toUpperCase() === ch);
}

function fastTwin(source: string, flags: string): RegExp | null {
  if (UNICODE_ONLY.test(source) || ![...source].every(plainChar)) return null;
  try {
    return new RegExp(source, flags.replace('u', ''));
  } catch {
    return null;
  }
}

/** Compile a lexicon; an invalid pattern is a programmer (or config) error naming the cue. */
export function compileLexicon(lexicon: Lexicon): CompiledCue[] {
  return lexicon.cues.map((cue) => {
    try {
      // Word-ish boundaries are written in the patterns themselves; `u` keeps emoji whole.
      const source = cue.patterns.map((p) => `(?:${p})`).join('|');
      const flags = cue.caseSensitive ? 'gu' : 'giu';
      return { ...cue, regex: new RegExp(source, flags), fastRegex: fastTwin(source, flags) };
    } catch (error) {
      throw new Error(`lexicon ${lexicon.axis}: cue ${cue.id} has an invalid pattern: ${(error as Error).message}`);
    }
  });
}
