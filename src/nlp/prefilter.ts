// A literal prefilter for cues (the approach of RE2, Hyperscan and ripgrep): each cue's regular
// expression is read once for the literals every match of it must contain, and one Aho-Corasick scan
// of a message tells which cues can match it at all. Only those run; the others could not have matched.
// Literals are kept per alternative (per lexicon pattern): when only some alternatives of a cue fired,
// each of those is first tried alone (`test`), and the cue runs only if one matches somewhere, since the
// alternation matches somewhere exactly when one of its alternatives does (the others cannot match).
//
// Why the results are the same as running every cue
// --------------------------------------------------
// The literals of a cue are a necessary condition: any match of the cue contains one of them as a
// substring, with every character of the literal *folded* (ASCII letters lowercased). The scan folds
// the text code unit by code unit the same way, and it folds U+017F ſ to `s` and U+212A K to `k` (it
// also lets non-ASCII code units share a few symbols, which can only add occurrences). The
// condition holds for every text, not only for those `withoutUnicodeMode` accepts, because a literal
// character is only ever
//  - an ASCII character: under `iu` case folding the only other characters that match an ASCII one are
//    its other-case ASCII twin, ſ (matches `s`) and K (matches `k`); under `i` without `u` only the
//    other-case ASCII twin (the spec never maps non-ASCII to ASCII there); case-sensitive cues match
//    only the character itself. Checked over every code point in test/nlp/prefilter.test.ts.
//  - a non-ASCII character without case (’ – £ ⏳ 😡: not \p{Cased}, equal to its lower and upper case),
//    which matches only itself in every mode: a case mapping or folding only ever lands on a cased
//    character. A supplementary character (emoji) is two code units in the text and in the literal.
// Any other character (é, İ, ı, a class, `\w`, `.`) ends a literal, so it is never folded wrongly:
// the scan never uses `toLowerCase`, whose İ → i̇ and final-sigma rules do not shift anything here.
// A regular expression the reader does not fully understand gets no literals: that cue always runs.
import type { CompiledCue } from './cues.js';
import { shippedTables, type PrefilterTables } from './prefilter-tables.js';

/** What a piece of a pattern says about the strings it matches. Literals are folded. */
interface Info {
  /** All the strings the piece can match, when few and known; null otherwise. [] matches nothing. */
  exact: string[] | null;
  /** Necessary literals when not exact: every match contains one of them; null when none is known. */
  need: string[] | null;
  /** The piece matches one character, one of these (folded): for a backreference to its group. */
  chars?: string[];
  /** An unquantified capturing group: its number. */
  group?: number;
  /** A backreference: the group it repeats, and how many times at least. */
  backref?: { group: number; min: number };
}

const EMPTY: Info = { exact: [''], need: null };
const ANY: Info = { exact: null, need: null };
/** Cross products of exact sets stop growing here (longer literals are then found piecewise). */
const MAX_PRODUCT = 32;
/** Exact sets from alternations or classes larger than this are dropped (only their union is kept). */
const MAX_EXACT = 512;
/** Character classes with more members than this (after folding) are not expanded. */
const MAX_CLASS = 6;
/** The automaton looks for the first code units of each literal only. */
const MAX_SCANNED = 8;
/** Non-ASCII code units share this many symbols of the automaton. */
const NON_ASCII_BUCKETS = 4;

class Unsupported extends Error {}

/** A character as literals hold it: ASCII lowercased, caseless characters as they are; null otherwise. */
export function foldChar(ch: string): string | null {
  const cp = ch.codePointAt(0)!;
  if (cp < 0x80) return ch.toLowerCase();
  if (cp >= 0xd800 && cp <= 0xdfff) return null; // a lone surrogate
  return ch.toLowerCase() === ch && ch.toUpperCase() === ch && !/\p{Cased}/u.test(ch) ? ch : null;
}

function lit(ch: string): Info {
  const folded = foldChar(ch);
  return folded === null ? ANY : { exact: [folded], need: null, chars: [folded] };
}

/** What \w and \d match, folded: under `iu` \w also matches ſ and K, which the scan folds to s and k. */
const WORD_CHARS = [...'abcdefghijklmnopqrstuvwxyz0123456789_'];
const DIGITS = [...'0123456789'];

/** The literals an Info guarantees, or null; a set holding '' guarantees nothing. */
function necessary(info: Info): string[] | null {
  if (info.exact) return info.exact.includes('') ? null : info.exact;
  return info.need;
}

/** Expected hits per text position, roughly: longer and fewer literals are better. */
function cost(set: string[]): number {
  let c = 0;
  for (const s of set) c += 0.1 ** Math.min(s.length, 8);
  return c;
}

function best(candidates: (string[] | null)[]): string[] | null {
  let chosen: string[] | null = null;
  for (const c of candidates) {
    if (c === null || c.includes('')) continue;
    if (chosen === null || cost(c) < cost(chosen)) chosen = c;
  }
  return chosen;
}

function cross(a: string[], b: string[]): string[] | null {
  if (a.length * b.length > MAX_PRODUCT) return null;
  const out = new Set<string>();
  for (const x of a) for (const y of b) out.add(x + y);
  return [...out];
}

function concat(pieces: Info[]): Info {
  const candidates: (string[] | null)[] = [];
  let run: string[] = [''];
  let exact = true;
  for (const p of pieces) {
    if (p.exact) {
      const product = cross(run, p.exact);
      if (product) run = product;
      else {
        candidates.push(run);
        run = p.exact;
        exact = false;
      }
    } else {
      exact = false;
      candidates.push(run, p.need);
      run = [''];
    }
  }
  candidates.push(run);
  return exact ? { exact: run, need: null } : { exact: null, need: best(candidates) };
}

function alternation(alternatives: Info[]): Info {
  if (alternatives.length === 1) return alternatives[0]!;
  if (alternatives.every((a) => a.exact)) {
    const union = [...new Set(alternatives.flatMap((a) => a.exact!))];
    if (union.length <= MAX_EXACT) return { exact: union, need: null };
  }
  const need = new Set<string>();
  for (const a of alternatives) {
    const n = necessary(a);
    if (n === null) return ANY;
    for (const s of n) need.add(s);
  }
  return { exact: null, need: [...need] };
}

/** A piece repeated min..max times, as pieces of a concatenation: x{2,} is x x followed by "anything". */
function repeat(atom: Info, min: number, max: number): Info[] {
  if (max === 0) return [EMPTY];
  if (min === 0) return max === 1 && atom.exact ? [{ exact: [...new Set(['', ...atom.exact])], need: null }] : [ANY];
  if (!atom.exact) return [min === 1 && max === 1 ? atom : { exact: null, need: necessary(atom) }];
  const copies = Math.min(min, 4);
  const pieces: Info[] = Array.from({ length: copies }, () => atom);
  if (max > copies) pieces.push(ANY);
  return pieces;
}

const SYNTAX = new Set([...'^$\\.*+?()[]{}|/']);
const CLASS_ESCAPES = new Set([...'dDwWsS']);
const CONTROL: Record<string, string> = { n: '\n', r: '\r', t: '\t', f: '\f', v: '\v' };
/** What an escape stood for when not one character: a class (\d \w \p{…}) or a backreference. */
const CLASS = Symbol('class');
const BACKREF = Symbol('backreference');

/** A recursive-descent reader for the `u`-mode regular expressions cues are written in. */
class Reader {
  private pos = 0;
  /** Capturing groups opened so far (the last one's number). */
  private groups: number;
  private readonly cps: string[];

  /** `groups`: capturing groups before this source in the expression it belongs to. */
  constructor(source: string, groups: number) {
    this.cps = Array.from(source);
    this.groups = groups;
  }

  read(): Info {
    const info = this.disjunction();
    if (this.pos !== this.cps.length) throw new Unsupported(`unexpected ${this.peek()}`);
    return info;
  }

  private peek(ahead = 0): string | undefined {
    return this.cps[this.pos + ahead];
  }

  private take(expected?: string): string {
    const ch = this.cps[this.pos];
    if (ch === undefined || (expected !== undefined && ch !== expected)) throw new Unsupported(`expected ${expected ?? 'more'}`);
    this.pos++;
    return ch;
  }

  private disjunction(): Info {
    const alternatives = [this.alternative()];
    while (this.peek() === '|') {
      this.pos++;
      alternatives.push(this.alternative());
    }
    return alternation(alternatives);
  }

  private alternative(): Info {
    const pieces: Info[] = [];
    while (this.pos < this.cps.length && this.peek() !== '|' && this.peek() !== ')') {
      for (const piece of this.term()) {
        const previous = pieces[pieces.length - 1];
        if (!piece.backref) pieces.push(piece);
        else if (piece.backref.min > 0 && previous?.group === piece.backref.group && previous.chars) {
          // (x)\1{2,}: the character the group took, folded, 1 + 2 times in a row ((\w)\1{3,}: "aaaa", "bbbb"…).
          const times = 1 + Math.min(piece.backref.min, MAX_SCANNED - 1);
          pieces[pieces.length - 1] = { exact: null, need: previous.chars.map((c) => c.repeat(times)) };
        } else pieces.push(ANY);
      }
    }
    return pieces.length === 1 ? pieces[0]! : concat(pieces);
  }

  private term(): Info[] {
    const ch = this.peek()!;
    if (ch === '^' || ch === '$') {
      this.pos++;
      return [EMPTY];
    }
    if (ch === '\\' && (this.peek(1) === 'b' || this.peek(1) === 'B')) {
      this.pos += 2;
      return [EMPTY];
    }
    let atom: Info;
    if (ch === '(') {
      this.pos++;
      if (this.peek() === '?') {
        this.pos++;
        const kind = this.take();
        if (kind === '=' || kind === '!' || (kind === '<' && (this.peek() === '=' || this.peek() === '!'))) {
          if (kind === '<') this.pos++;
          this.disjunction(); // a lookaround consumes nothing: what it looks at may lie outside the match
          this.take(')');
          return [EMPTY];
        }
        if (kind !== ':') throw new Unsupported(`group (?${kind}`);
      }
      const group = this.cps[this.pos - 1] === '(' ? ++this.groups : 0;
      atom = this.disjunction();
      this.take(')');
      const quantifier = this.quantifier();
      if (quantifier) return repeat(atom, quantifier[0], quantifier[1]);
      return [group ? { exact: atom.exact, need: atom.need, chars: atom.chars, group } : atom];
    } else if (ch === '\\' && /[1-9]/.test(this.peek(1) ?? '')) {
      this.pos++;
      const group = this.number();
      const quantifier = this.quantifier() ?? [1, 1];
      return [{ exact: null, need: null, backref: { group, min: quantifier[0] } }];
    } else atom = this.atom();
    const quantifier = this.quantifier();
    return quantifier ? repeat(atom, quantifier[0], quantifier[1]) : [atom];
  }

  private quantifier(): [number, number] | null {
    const ch = this.peek();
    let q: [number, number] | null = null;
    if (ch === '*') q = [0, Infinity];
    else if (ch === '+') q = [1, Infinity];
    else if (ch === '?') q = [0, 1];
    if (q) this.pos++;
    else if (ch === '{') {
      this.pos++;
      const min = this.number();
      let max = min;
      if (this.peek() === ',') {
        this.pos++;
        max = this.peek() === '}' ? Infinity : this.number();
      }
      this.take('}');
      q = [min, max];
    } else return null;
    if (this.peek() === '?') this.pos++; // lazy: the same strings
    return q;
  }

  private number(): number {
    let digits = '';
    while (/[0-9]/.test(this.peek() ?? '')) digits += this.take();
    if (!digits) throw new Unsupported('expected a number');
    return Number(digits);
  }

  private atom(): Info {
    const ch = this.take();
    if (ch === '.') return ANY;
    if (ch === '[') return this.characterClass();
    if (ch === '\\') {
      if (this.peek() === 'w') return (this.pos++, { exact: null, need: null, chars: WORD_CHARS });
      if (this.peek() === 'd') return (this.pos++, { exact: null, need: null, chars: DIGITS });
      const escaped = this.escape(false);
      return escaped === CLASS || escaped === BACKREF ? ANY : lit(escaped);
    }
    if (SYNTAX.has(ch) && ch !== '/') throw new Unsupported(`stray ${ch}`);
    return lit(ch);
  }

  /** After a backslash: the character it stands for, CLASS (\d \w \s \p{…}) or BACKREF. */
  private escape(inClass: boolean): string | typeof CLASS | typeof BACKREF {
    const ch = this.take();
    if (CLASS_ESCAPES.has(ch)) return CLASS;
    if (ch === 'p' || ch === 'P') {
      this.take('{');
      while (this.take() !== '}');
      return CLASS;
    }
    if (ch in CONTROL) return CONTROL[ch]!;
    if (ch === 'b' && inClass) return '\b';
    if (ch === '-' && inClass) return '-';
    if (SYNTAX.has(ch)) return ch;
    if (ch === '0' && !/[0-9]/.test(this.peek() ?? '')) return '\0';
    if (/[1-9]/.test(ch) && !inClass) {
      while (/[0-9]/.test(this.peek() ?? '')) this.pos++;
      return BACKREF; // a backreference: whatever its group matched, possibly nothing
    }
    if (ch === 'x') return this.hex(2);
    if (ch === 'u') {
      if (this.peek() === '{') {
        this.pos++;
        let digits = '';
        while (this.peek() !== '}') digits += this.take();
        this.take('}');
        if (!/^[0-9a-fA-F]{1,6}$/.test(digits)) throw new Unsupported(`\\u{${digits}}`);
        return String.fromCodePoint(parseInt(digits, 16));
      }
      const unit = this.hex(4);
      if (unit >= '\ud800' && unit <= '\udfff') throw new Unsupported('surrogate escape');
      return unit;
    }
    throw new Unsupported(`escape \\${ch}`);
  }

  private hex(length: number): string {
    let digits = '';
    for (let i = 0; i < length; i++) digits += this.take();
    if (!/^[0-9a-fA-F]+$/.test(digits)) throw new Unsupported('hex escape');
    return String.fromCharCode(parseInt(digits, 16));
  }

  /** After `[`: a small class of foldable characters is an exact set (`[sz]`, `[Ss]`), anything else ANY. */
  private characterClass(): Info {
    const negated = this.peek() === '^';
    if (negated) this.pos++;
    let big = false;
    const members = new Set<string>();
    const classAtom = (): string | null => {
      const ch = this.take();
      if (ch !== '\\') return ch;
      const escaped = this.escape(true);
      if (escaped === CLASS) return null;
      if (escaped === BACKREF) throw new Unsupported('backreference in a class');
      return escaped;
    };
    while (this.peek() !== ']') {
      const from = classAtom();
      if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== undefined) {
        this.pos++;
        const to = classAtom();
        if (from === null || to === null) throw new Unsupported('class escape in a range');
        const lo = from.codePointAt(0)!;
        const hi = to.codePointAt(0)!;
        if (hi - lo >= 128) big = true;
        else for (let cp = lo; cp <= hi; cp++) members.add(String.fromCodePoint(cp));
      } else if (from === null) big = true;
      else members.add(from);
    }
    this.take(']');
    if (negated || big) return ANY;
    const folded = new Set<string>();
    for (const m of members) {
      const f = foldChar(m);
      if (f === null) return ANY;
      folded.add(f);
    }
    return { exact: folded.size <= MAX_CLASS ? [...folded] : null, need: null, chars: [...folded] };
  }
}

/** Drop literals that contain another literal of the set: the shorter one is found wherever they are. */
function minimal(literals: string[]): string[] {
  const sorted = [...new Set(literals)].sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
  const kept: string[] = [];
  for (const s of sorted) if (!kept.some((k) => s.includes(k))) kept.push(s);
  return kept;
}

/**
 * The necessary literals of a regular expression (folded: see the top of this file), or null when
 * there are none to be had: the expression then has to run on every text. Only `u`-mode expressions
 * with flags among `dgimsuy` are read; anything the reader does not know gives null.
 */
export function necessaryLiterals(source: string, flags: string, groupsBefore = 0): string[] | null {
  if (!flags.includes('u') || /[^dgimsuy]/.test(flags)) return null;
  try {
    const literals = necessary(new Reader(source, groupsBefore).read());
    return literals && minimal(literals);
  } catch (error) {
    if (error instanceof Unsupported) return null;
    throw error;
  }
}

/** One alternative of a cue (one lexicon pattern), also compiled alone. */
interface Alternative {
  cue: number;
  /** Its literals, or null: the cue always runs. */
  literals: string[] | null;
  /** Alone (with the cue's flags); null when it cannot stand alone (a backreference numbers groups of the whole cue). */
  regex: RegExp | null;
  /** Its `u`-less twin, when the cue has one. */
  fastRegex: RegExp | null;
}

/**
 * The alternatives of a cue, as `compileLexicon` joins them; the whole expression when it was built otherwise.
 * Without `withLiterals` their literals are left null, for the caller to fill in from shipped tables.
 */
function alternativesOf(cue: CompiledCue, index: number, withLiterals: boolean): Alternative[] {
  const { source, flags } = cue.regex;
  const patterns = cue.patterns ?? [];
  let joined: string | null = null;
  try {
    joined = new RegExp(patterns.map((p) => `(?:${p})`).join('|'), flags).source;
  } catch {
    joined = null;
  }
  if (patterns.length < 2 || joined !== source) return [{ cue: index, literals: withLiterals ? necessaryLiterals(source, flags) : null, regex: null, fastRegex: null }];
  // Backreferences count groups over the whole cue: an alternative with one is read with the groups before it.
  // Only a backreference reads group numbers, and counting compiles a pattern (about 0.7 ms under `iu`,
  // most of the prefilter's build), so the count is made only for the alternatives that have one.
  const groupsIn = (p: string): number => new RegExp(`|${p}`, flags).exec('')!.length - 1;
  return patterns.map((p, i) => {
    const before = withLiterals && /\\[1-9]/.test(p) ? patterns.slice(0, i).reduce((n, q) => n + groupsIn(q), 0) : 0;
    const standalone = !/\\[1-9k]|\(\?</.test(p.replace(/\(\?<[=!]/g, ''));
    const regex = standalone ? new RegExp(`(?:${p})`, flags) : null;
    const fastRegex = regex && cue.fastRegex ? new RegExp(regex.source, cue.fastRegex.flags) : null;
    return { cue: index, literals: withLiterals ? necessaryLiterals(`(?:${p})`, flags, before) : null, regex, fastRegex };
  });
}

/** A cue that does not have to run on a text. */
export const SKIP = 0;
/** A cue that runs as it is. */
export const WHOLE = 1;

/**
 * Which cues of one list have to run on a text; built once per cue list. A cue is skipped when none of
 * the literals of its alternatives occurs, or when the few alternatives whose literals occur do not
 * match anywhere on their own: the cue, their alternation, then finds nothing either.
 */
export class CuePrefilter {
  /** Per cue: the literals that have to occur for it to match, or null (always runs). */
  readonly literals: (string[] | null)[];
  private readonly alternatives: Alternative[];
  /** Per cue: its alternatives are alternatives[first[c]..first[c + 1]). */
  private readonly first: Int32Array;
  private readonly fired: Uint8Array;
  private readonly plan: Int32Array;
  /** Code unit → symbol; 0 is every unit no literal has. Upper-case ASCII, ſ and K share their fold's symbol. */
  private readonly symbols: Uint16Array;
  private readonly width: number;
  /** The automaton: state × symbol → next state (failure links already followed). */
  private readonly delta: Int32Array;
  /** Alternatives fired on entering a state: outAlternatives[outStart[s]..outStart[s + 1]). */
  private readonly outStart: Int32Array;
  private readonly outAlternatives: Uint16Array;

  /**
   * `tables`: what `tables()` gave for this very cue list (shipped by the build, see prefilter-tables.ts);
   * without them the literals and the automaton are computed here.
   */
  constructor(cues: readonly CompiledCue[], tables?: PrefilterTables) {
    this.alternatives = cues.flatMap((cue, i) => alternativesOf(cue, i, !tables));
    if (tables) {
      if (tables.literals.length !== this.alternatives.length) throw new Error('prefilter tables do not fit the cue list');
      this.alternatives.forEach((a, k) => (a.literals = tables.literals[k]!));
    }
    this.first = new Int32Array(cues.length + 1);
    for (const a of this.alternatives) this.first[a.cue + 1]!++;
    for (let c = 0; c < cues.length; c++) this.first[c + 1]! += this.first[c]!;
    this.literals = cues.map((_, c) => {
      const parts = this.alternatives.slice(this.first[c], this.first[c + 1]);
      return parts.some((a) => a.literals === null) ? null : minimal(parts.flatMap((a) => a.literals!));
    });
    this.fired = new Uint8Array(this.alternatives.length);
    this.plan = new Int32Array(cues.length);
    if (tables) {
      ({ symbols: this.symbols, width: this.width, delta: this.delta, outStart: this.outStart, outAlternatives: this.outAlternatives } = tables);
      return;
    }

    // Symbols: one per ASCII character the literals use (folded), and a few shared buckets for all other
    // code units. Sharing only makes a literal occur more often than it does (never less), so the
    // table stays small (it is read once per character) without losing a cue.
    this.symbols = new Uint16Array(0x10000);
    let width = 1 + NON_ASCII_BUCKETS;
    for (let c = 0x80; c < 0x10000; c++) this.symbols[c] = 1 + (c % NON_ASCII_BUCKETS);
    for (const a of this.alternatives) {
      for (const s of a.literals ?? []) {
        for (let i = 0; i < s.length; i++) {
          const unit = s.charCodeAt(i);
          if (unit < 0x80 && this.symbols[unit] === 0) this.symbols[unit] = width++;
        }
      }
    }
    for (let c = 0x41; c <= 0x5a; c++) this.symbols[c] = this.symbols[c + 0x20]!;
    this.symbols[0x17f] = this.symbols[0x73]!; // ſ matches s under `iu`
    this.symbols[0x212a] = this.symbols[0x6b]!; // K (Kelvin) matches k under `iu`
    this.width = width;

    // The trie, then failure links breadth first; outputs merge along the failure chain.
    const next: Map<number, number>[] = [new Map()];
    const own: Set<number>[] = [new Set()];
    this.alternatives.forEach((a, index) => {
      for (const s of a.literals ?? []) {
        let state = 0;
        // A literal's first code units are a literal too: long phrases need no deep states.
        for (let i = 0; i < Math.min(s.length, MAX_SCANNED); i++) {
          const sym = this.symbols[s.charCodeAt(i)]!;
          let to = next[state]!.get(sym);
          if (to === undefined) {
            to = next.length;
            next.push(new Map());
            own.push(new Set());
            next[state]!.set(sym, to);
          }
          state = to;
        }
        own[state]!.add(index);
      }
    });
    const states = next.length;
    this.delta = new Int32Array(states * width);
    const fail = new Int32Array(states);
    const outputs: number[][] = new Array(states);
    outputs[0] = [...own[0]!];
    const queue: number[] = [];
    for (const [sym, to] of next[0]!) {
      this.delta[sym] = to;
      queue.push(to);
    }
    for (let q = 0; q < queue.length; q++) {
      const state = queue[q]!;
      const out = new Set([...own[state]!, ...outputs[fail[state]!]!]);
      outputs[state] = [...out].sort((a, b) => a - b);
      // A state goes where its failure state goes (a shallower state, whose row is complete), except on
      // its own edges: copy that row, then set the edges (one Map lookup per edge, not per symbol).
      const row = state * width;
      const failRow = fail[state]! * width;
      this.delta.copyWithin(row, failRow, failRow + width);
      for (const [sym, to] of next[state]!) {
        fail[to] = this.delta[failRow + sym]!;
        this.delta[row + sym] = to;
        queue.push(to);
      }
    }
    this.outStart = new Int32Array(states + 1);
    for (let s = 0; s < states; s++) this.outStart[s + 1] = this.outStart[s]! + outputs[s]!.length;
    this.outAlternatives = Uint16Array.from(outputs.flat());
  }

  /** What the constructor computed from the cue list, for `new CuePrefilter(sameCues, tables)`. */
  tables(): PrefilterTables {
    const { symbols, width, delta, outStart, outAlternatives } = this;
    return { literals: this.alternatives.map((a) => a.literals), symbols, width, delta, outStart, outAlternatives };
  }

  /** Marks in `fired` the alternatives that always run or one of whose literals occurs in `text`. */
  private scan(text: string): Uint8Array {
    const fired = this.fired;
    fired.fill(0);
    const { symbols, delta, width, outStart, outAlternatives } = this;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      state = delta[state * width + symbols[text.charCodeAt(i)]!]!;
      const end = outStart[state + 1]!;
      for (let k = outStart[state]!; k < end; k++) fired[outAlternatives[k]!] = 1;
    }
    return fired;
  }

  /**
   * The plan for each cue on `text`: SKIP, WHOLE, or (k + 2) to run its alternative k alone (`alone`).
   * Without `screen`, a cue is WHOLE when one of its alternatives always runs or has a literal in the
   * text, else SKIP. With `screen`, when some but not all alternatives of a cue fired, each fired one is
   * tried alone: none matches, SKIP; exactly one, that one alone (the others match nowhere, so the cue's
   * alternation finds exactly its matches, at the same places); more, or one that cannot stand alone,
   * WHOLE. `fast`: try the `u`-less twins (for a text `withoutUnicodeMode` accepts). The array is reused.
   */
  select(text: string, options: { screen?: boolean; fast?: boolean } = {}): Int32Array {
    const fired = this.scan(text);
    const plan = this.plan;
    const alternatives = this.alternatives;
    for (let c = 0; c < plan.length; c++) {
      const from = this.first[c]!;
      const to = this.first[c + 1]!;
      let count = 0;
      let whole = false;
      for (let k = from; k < to; k++) {
        if (alternatives[k]!.literals === null) whole = true;
        else if (fired[k]) count++;
      }
      if (whole || count === 0 || !options.screen || count === to - from) {
        plan[c] = whole || count > 0 ? WHOLE : SKIP;
        continue;
      }
      let matched = -1;
      for (let k = from; k < to && !whole; k++) {
        if (!fired[k]) continue;
        const a = alternatives[k]!;
        const regex = (options.fast && a.fastRegex) || a.regex;
        if (regex === null) whole = true;
        else {
          regex.lastIndex = 0;
          if (regex.test(text)) {
            if (matched >= 0) whole = true;
            matched = k;
          }
        }
      }
      plan[c] = whole ? WHOLE : matched < 0 ? SKIP : matched + 2;
    }
    return plan;
  }

  /** The regular expression of alternative k alone (a plan entry minus 2), global; its twin when `fast`. */
  alone(k: number, fast: boolean): RegExp {
    const a = this.alternatives[k]!;
    return (fast && a.fastRegex) || a.regex!;
  }
}

const built = new WeakMap<readonly CompiledCue[], { cues: CompiledCue[]; prefilter: CuePrefilter }>();

/** The prefilter of a cue list, built on first use and rebuilt if the list has changed since. */
export function prefilterFor(cues: readonly CompiledCue[]): CuePrefilter {
  const cached = built.get(cues);
  if (cached && cached.cues.length === cues.length && cached.cues.every((c, i) => c === cues[i])) return cached.prefilter;
  // The built-in lists' tables come with the build (prefilter-tables.ts); any other list is built here.
  const prefilter = new CuePrefilter(cues, shippedTables(cues, import.meta.url));
  built.set(cues, { cues: [...cues], prefilter });
  return prefilter;
}
