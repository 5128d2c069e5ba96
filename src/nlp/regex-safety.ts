// A static check for regular expressions that backtrack catastrophically, for patterns users write
// (config cues, `--brand /…/`): V8 backtracks, so such a pattern can hang a run on one line of input.
// It reads the pattern into a small tree and flags three shapes, each a known cause of blow-ups:
//  1. a repeated group whose alternatives can start the same way, `(a|ab)+`, `(\w|\d)*` (exponential);
//     alternatives that are all plain words are checked exactly (Sardinas–Patterson: can a string be
//     split into them in two ways?), so `(help|helps)+` passes;
//  2. a repeat inside a repeat that can hand characters to the next round, `(a+)+`, `(\w+\s?)*`
//     (star height above one where it matters: `(@\w+\s+)*` is fine, `\w` and `\s` never meet);
//  3. two unbounded runs over common characters with only optional items between, `\s*:?\s*`, `\d+\d*`
//     (polynomial: each run can take any share of the other's characters).
// It is conservative: a flagged pattern may be fine on real text, but it can be written in a safe form.

/** Code-point ranges, sorted, disjoint. */
type Ranges = [number, number][];

type Node =
  | { t: 'char'; set: Ranges }
  | { t: 'seq'; items: Node[] }
  | { t: 'alt'; alts: Node[] }
  | { t: 'rep'; body: Node; min: number; max: number }
  | { t: 'empty'; look?: Node };

const MAX_CP = 0x10ffff;
const ALL: Ranges = [[0, MAX_CP]];
const DIGIT: Ranges = [[0x30, 0x39]];
const WORD: Ranges = [[0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]];
const SPACE: Ranges = [[0x09, 0x0d], [0x20, 0x20], [0xa0, 0xa0], [0x1680, 0x1680], [0x2000, 0x200a], [0x2028, 0x2029], [0x202f, 0x202f], [0x205f, 0x205f], [0x3000, 0x3000], [0xfeff, 0xfeff]];
/** Repeats up to this many times count as short; longer or unbounded ones are runs (shape 3). */
const SHORT = 16;

function normalize(ranges: Ranges): Ranges {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Ranges = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

function complement(ranges: Ranges): Ranges {
  const out: Ranges = [];
  let next = 0;
  for (const [lo, hi] of normalize(ranges)) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_CP) out.push([next, MAX_CP]);
  return out;
}

function intersects(a: Ranges, b: Ranges): boolean {
  for (const [lo1, hi1] of a) for (const [lo2, hi2] of b) if (lo1 <= hi2 && lo2 <= hi1) return true;
  return false;
}

/** Under `i`, ASCII letters stand for both cases (other scripts are left as written: a miss, not a false alarm). */
function caseless(ranges: Ranges): Ranges {
  const extra: Ranges = [];
  for (const [lo, hi] of ranges) {
    for (const [from, to, shift] of [[0x41, 0x5a, 0x20], [0x61, 0x7a, -0x20]] as const) {
      const a = Math.max(lo, from);
      const b = Math.min(hi, to);
      if (a <= b) extra.push([a + shift, b + shift]);
    }
  }
  return normalize([...ranges, ...extra]);
}

class Parser {
  private pos = 0;
  private readonly cps: string[];
  constructor(source: string, private readonly ignoreCase: boolean) {
    this.cps = Array.from(source);
  }

  parse(): Node {
    const node = this.alt();
    if (this.pos < this.cps.length) throw new Error(`unexpected ${this.cps[this.pos]}`);
    return node;
  }

  private peek(k = 0): string | undefined {
    return this.cps[this.pos + k];
  }

  private alt(): Node {
    const alts = [this.seq()];
    while (this.peek() === '|') {
      this.pos++;
      alts.push(this.seq());
    }
    return alts.length === 1 ? alts[0]! : { t: 'alt', alts };
  }

  private seq(): Node {
    const items: Node[] = [];
    while (this.pos < this.cps.length && this.peek() !== '|' && this.peek() !== ')') items.push(this.quantified(this.atom()));
    return items.length === 1 ? items[0]! : { t: 'seq', items };
  }

  private quantified(atom: Node): Node {
    let min: number;
    let max: number;
    const ch = this.peek();
    if (ch === '*') [min, max] = [0, Infinity];
    else if (ch === '+') [min, max] = [1, Infinity];
    else if (ch === '?') [min, max] = [0, 1];
    else if (ch === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.cps.slice(this.pos, this.pos + 24).join(''));
      if (!m) return atom;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] ? Number(m[3]) : Infinity;
      this.pos += m[0].length - 1;
    } else return atom;
    this.pos++;
    if (this.peek() === '?') this.pos++;
    return this.quantified({ t: 'rep', body: atom, min, max });
  }

  private chars(set: Ranges): Node {
    return { t: 'char', set: this.ignoreCase ? caseless(set) : set };
  }

  private atom(): Node {
    const ch = this.cps[this.pos++]!;
    if (ch === '^' || ch === '$') return { t: 'empty' };
    if (ch === '.') return { t: 'char', set: ALL };
    if (ch === '[') return this.chars(this.characterClass());
    if (ch === '(') {
      let look = false;
      if (this.peek() === '?') {
        const rest = this.cps.slice(this.pos, this.pos + 3).join('');
        if (rest.startsWith('?:')) this.pos += 2;
        else if (/^\?<?[=!]/.test(rest)) {
          look = true;
          this.pos += rest[1] === '<' ? 3 : 2;
        } else if (rest.startsWith('?<')) {
          while (this.peek() !== '>' && this.pos < this.cps.length) this.pos++;
          this.pos++;
        } else throw new Error('unknown group');
      }
      const body = this.alt();
      if (this.cps[this.pos++] !== ')') throw new Error('unclosed group');
      return look ? { t: 'empty', look: body } : body;
    }
    if (ch === '\\') return this.escapeAtom();
    return this.chars([[ch.codePointAt(0)!, ch.codePointAt(0)!]]);
  }

  /** After a backslash outside a class. Backreferences and \b are zero-width here (a miss at worst). */
  private escapeAtom(): Node {
    const ch = this.peek()!;
    if (ch === 'b' || ch === 'B') return (this.pos++, { t: 'empty' });
    if (/[1-9]/.test(ch)) {
      while (/[0-9]/.test(this.peek() ?? '')) this.pos++;
      return { t: 'empty' };
    }
    if (ch === 'k' && this.peek(1) === '<') {
      while (this.peek() !== '>' && this.pos < this.cps.length) this.pos++;
      this.pos++;
      return { t: 'empty' };
    }
    return this.chars(this.escape());
  }

  /** An escape that stands for characters (the backslash already read). */
  private escape(): Ranges {
    const ch = this.cps[this.pos++]!;
    const classes: Record<string, Ranges> = { d: DIGIT, w: WORD, s: SPACE };
    if (ch in classes) return classes[ch]!;
    if (ch.toLowerCase() in classes && ch !== ch.toLowerCase()) return complement(classes[ch.toLowerCase()]!);
    if (ch === 'p' || ch === 'P') {
      if (this.peek() === '{') while (this.cps[this.pos++] !== '}' && this.pos < this.cps.length);
      return ALL; // a property: any character, as far as this check knows
    }
    const controls: Record<string, number> = { n: 10, r: 13, t: 9, f: 12, v: 11, '0': 0 };
    if (ch in controls) return [[controls[ch]!, controls[ch]!]];
    if (ch === 'x' || ch === 'u') {
      const m = ch === 'u' && this.peek() === '{' ? /^\{([0-9a-f]+)\}/i.exec(this.rest(10)) : new RegExp(`^[0-9a-f]{${ch === 'x' ? 2 : 4}}`, 'i').exec(this.rest(6));
      if (m) {
        this.pos += m[0].length;
        const cp = parseInt(m[1] ?? m[0], 16);
        return [[cp, cp]];
      }
    }
    if (ch === 'c') return ALL;
    return [[ch.codePointAt(0)!, ch.codePointAt(0)!]];
  }

  private rest(n: number): string {
    return this.cps.slice(this.pos, this.pos + n).join('');
  }

  private characterClass(): Ranges {
    const negated = this.peek() === '^';
    if (negated) this.pos++;
    const ranges: Ranges = [];
    const member = (): Ranges => {
      const ch = this.cps[this.pos++]!;
      if (ch !== '\\') return [[ch.codePointAt(0)!, ch.codePointAt(0)!]];
      if (this.peek() === 'b') return (this.pos++, [[8, 8]]);
      return this.escape();
    };
    while (this.pos < this.cps.length && this.peek() !== ']') {
      const from = member();
      if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== undefined && from.length === 1 && from[0]![0] === from[0]![1]) {
        this.pos++;
        const to = member();
        ranges.push([from[0]![0], to[to.length - 1]![1]]);
      } else ranges.push(...from);
    }
    this.pos++; // ]
    const set = normalize(ranges);
    return negated ? complement(set) : set;
  }
}

function nullable(n: Node): boolean {
  switch (n.t) {
    case 'char':
      return false;
    case 'seq':
      return n.items.every(nullable);
    case 'alt':
      return n.alts.some(nullable);
    case 'rep':
      return n.min === 0 || nullable(n.body);
    case 'empty':
      return true;
  }
}

/** Characters a non-empty match can start with. */
function first(n: Node): Ranges {
  switch (n.t) {
    case 'char':
      return n.set;
    case 'seq': {
      const out: Ranges = [];
      for (const item of n.items) {
        out.push(...first(item));
        if (!nullable(item)) break;
      }
      return normalize(out);
    }
    case 'alt':
      return normalize(n.alts.flatMap(first));
    case 'rep':
      return n.max === 0 ? [] : first(n.body);
    case 'empty':
      return [];
  }
}

/** Every character a match can hold. */
function chars(n: Node): Ranges {
  switch (n.t) {
    case 'char':
      return n.set;
    case 'seq':
      return normalize(n.items.flatMap(chars));
    case 'alt':
      return normalize(n.alts.flatMap(chars));
    case 'rep':
      return n.max === 0 ? [] : chars(n.body);
    case 'empty':
      return [];
  }
}

type Rep = Extract<Node, { t: 'rep' }>;

/** The characters a match of `n` can hold outside `skip`, and the variable repeats met on the way. */
function around(n: Node, skip: Node): Ranges {
  if (n === skip) return [];
  switch (n.t) {
    case 'char':
      return n.set;
    case 'seq':
      return normalize(n.items.flatMap((i) => around(i, skip)));
    case 'alt':
      return normalize(n.alts.flatMap((a) => around(a, skip)));
    case 'rep':
      return n.max === 0 ? [] : around(n.body, skip);
    case 'empty':
      return [];
  }
}

/** Repeats of variable length (at most `max` ≥ 2) anywhere inside `n`, lookarounds aside. */
function variableRepeats(n: Node): Rep[] {
  switch (n.t) {
    case 'seq':
      return n.items.flatMap(variableRepeats);
    case 'alt':
      return n.alts.flatMap(variableRepeats);
    case 'rep':
      return [...(n.max >= 2 && n.max > n.min ? [n] : []), ...variableRepeats(n.body)];
    default:
      return [];
  }
}

function isRun(n: Node): n is Rep {
  return n.t === 'rep' && n.max > SHORT && !nullableOnly(n.body);
}

function nullableOnly(n: Node): boolean {
  return chars(n).length === 0;
}

/** Repeats of variable length that a match of `n` can end with (`side` 'last') or start with ('first'). */
function edgeRepeats(n: Node, side: 'first' | 'last', minMax: number): Rep[] {
  switch (n.t) {
    case 'char':
    case 'empty':
      return [];
    case 'alt':
      return n.alts.flatMap((a) => edgeRepeats(a, side, minMax));
    case 'seq': {
      const items = side === 'last' ? [...n.items].reverse() : n.items;
      const out: Rep[] = [];
      for (const item of items) {
        out.push(...edgeRepeats(item, side, minMax));
        if (!nullable(item)) break;
      }
      return out;
    }
    case 'rep': {
      const inner = n.max >= 1 ? edgeRepeats(n.body, side, minMax) : [];
      return n.max >= minMax && n.max > n.min && !nullableOnly(n.body) ? [n, ...inner] : inner;
    }
  }
}

/** One reason a pattern can blow up, naming its shape. */
export interface RegexHazard {
  reason: string;
}

/** Strings split into `words` in two ways? (Sardinas–Patterson; words are not empty.) */
function ambiguousWords(words: string[]): boolean {
  const set = [...new Set(words)];
  if (set.length < words.length) return true;
  const dangling = (a: string[], b: string[]): Set<string> => {
    const out = new Set<string>();
    for (const x of a) for (const y of b) if (x !== y && y.startsWith(x)) out.add(y.slice(x.length));
    return out;
  };
  const seen = new Set<string>();
  let current = dangling(set, set);
  while (current.size) {
    if (current.has('')) return true;
    for (const w of set) if (current.has(w)) return true;
    const next = new Set<string>([...dangling([...current], set), ...dangling(set, [...current])]);
    for (const s of [...next]) if (seen.has(s)) next.delete(s);
    for (const s of next) seen.add(s);
    if (seen.size > 10_000) return true;
    current = next;
  }
  return false;
}

/** The plain word an alternative spells (one character, or one letter in both cases, per node), or null. */
function word(n: Node): string | null {
  if (n.t === 'char') {
    const [a, b] = n.set;
    if (!a || a[0] !== a[1]) return null;
    if (!b) return String.fromCodePoint(a[0]);
    return n.set.length === 2 && b[0] === b[1] && b[0] === a[0] + 0x20 && a[0] >= 0x41 && a[0] <= 0x5a ? String.fromCodePoint(b[0]) : null;
  }
  if (n.t === 'seq') {
    let out = '';
    for (const item of n.items) {
      const w = word(item);
      if (w === null) return null;
      out += w;
    }
    return out;
  }
  return null;
}

function check(n: Node, ignoreCase: boolean, hazards: RegexHazard[]): void {
  switch (n.t) {
    case 'char':
      return;
    case 'empty':
      if (n.look) check(n.look, ignoreCase, hazards);
      return;
    case 'alt':
      n.alts.forEach((a) => check(a, ignoreCase, hazards));
      return;
    case 'seq': {
      n.items.forEach((item) => check(item, ignoreCase, hazards));
      // Shape 3: a run at the end of one item, a run at the start of a later one, only optional items between.
      for (let i = 0; i < n.items.length; i++) {
        const ends = edgeRepeats(n.items[i]!, 'last', SHORT + 1).filter(isRun);
        if (!ends.length) continue;
        for (let j = i + 1; j < n.items.length; j++) {
          const starts = edgeRepeats(n.items[j]!, 'first', SHORT + 1).filter(isRun);
          if (ends.some((a) => starts.some((b) => intersects(chars(a.body), chars(b.body))))) {
            hazards.push({ reason: 'two unbounded repeats can take the same characters, with only optional parts between them (write one, or bound them)' });
            return;
          }
          if (!nullable(n.items[j]!)) break;
        }
      }
      return;
    }
    case 'rep': {
      check(n.body, ignoreCase, hazards);
      if (n.max < 2) return;
      // Shape 1: alternatives under a repeat that can start alike.
      const body = n.body;
      if (body.t === 'alt') {
        const words = body.alts.map(word);
        const overlapping = words.every((w) => w !== null && w !== '')
          ? ambiguousWords(words.map((w) => (ignoreCase ? w!.toLowerCase() : w!)))
          : body.alts.some((a, i) => body.alts.some((b, j) => j > i && intersects(first(a), first(b))));
        if (overlapping) hazards.push({ reason: 'a repeated group has alternatives that can match the same text (make them start differently)' });
      }
      // Shape 2: an inner repeat that ends a round and can take what starts the next one.
      const inner = edgeRepeats(n.body, 'last', 2);
      const next = first(n.body);
      // …or one that can take characters the rest of the round is made of, as in (.*a){12} or (x+x+)+.
      const inside = variableRepeats(n.body);
      if (inner.some((r) => intersects(chars(r.body), next)) || inside.some((r) => intersects(chars(r.body), around(n.body, r)))) {
        hazards.push({ reason: 'a repeat inside a repeated group can take the characters the next round starts with, as in (a+)+' });
      }
      return;
    }
  }
}

/** The hazards of a pattern (empty when it looks safe); throws if the pattern does not parse. */
export function regexHazards(source: string, flags = ''): RegexHazard[] {
  new RegExp(source, flags.replace(/[gy]/g, ''));
  const ignoreCase = flags.includes('i');
  const tree = new Parser(source, ignoreCase).parse();
  const hazards: RegexHazard[] = [];
  check(tree, ignoreCase, hazards);
  return [...new Map(hazards.map((h) => [h.reason, h])).values()];
}

/** Why a user's pattern is refused, or null when it may run. */
export function unsafeRegexReason(source: string, flags = ''): string | null {
  const hazards = regexHazards(source, flags);
  return hazards.length ? `can backtrack catastrophically: ${hazards[0]!.reason}` : null;
}
