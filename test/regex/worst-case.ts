// Worst-case inputs for regular expressions: long runs of what quantifiers eat (spaces, digits, `a.`,
// alternating characters), and the pattern's own literal fragments repeated or held apart by such runs,
// each ending in a character that makes a match fail late (where backtracking does its worst).

/** Runs that do not depend on the pattern. */
export const RUN_UNITS = [' ', '1', 'a', 'a.', 'a1', 'a-', 'a ', '1 ', '1.', '.', '_', '/', '\t\n', 'a@', '@a ', '#1', ':', '😡', 'é'];
/** What goes between two fragments: what `\s*`, `\d+`, `\w+` and `.` take. */
const GLUES = [' ', '1', 'a', '.'];

/** Literal words and symbols a pattern's source spells out (`order`, `#`, `no.`), at most `max` of them. */
export function fragments(source: string, max = 8): string[] {
  const words = source
    .replace(/\\[pPu]\{[^}]*\}/g, ' ')
    .replace(/\\[bBsSwWdDnrtfv]/g, ' ')
    .replace(/\[(?:\\.|[^\]\\])*\]/g, ' ')
    .replace(/\(\?<?[=!:]|\(\?<[a-z]+>/gi, ' ')
    .replace(/\{\d+(,\d*)?\}/g, ' ')
    .replace(/\\(.)/g, '$1')
    .split(/[\s()|?*+^$]+/)
    .filter((w) => w.length > 0);
  const unique = [...new Set(words)];
  // Spread the choice over the whole pattern: its first words and its last ones both matter.
  if (unique.length <= max) return unique;
  return Array.from({ length: max }, (_, i) => unique[Math.floor((i * unique.length) / max)]!);
}

/** `unit` repeated to about `length` code units. */
export function run(unit: string, length: number): string {
  return unit ? unit.repeat(Math.ceil(length / unit.length)) : '';
}

export interface WorstCase {
  name: string;
  /** The text at about `length` code units. */
  text: (length: number) => string;
}

/** The worst-case texts for one pattern. */
export function worstCases(source: string): WorstCase[] {
  const out: WorstCase[] = RUN_UNITS.map((unit) => ({ name: `run ${JSON.stringify(unit)}`, text: (n) => `${run(unit, n)}!` }));
  const frags = fragments(source);
  for (const f of frags) {
    out.push({ name: `${JSON.stringify(f)} repeated`, text: (n) => `${run(`${f} `, n)}!` });
    out.push({ name: `${JSON.stringify(f)} repeated, no space`, text: (n) => `${run(f, n)}!` });
  }
  for (let i = 0; i < frags.length; i++) {
    const a = frags[i]!;
    const b = frags[i + 1] ?? a;
    for (const glue of GLUES) out.push({ name: `${JSON.stringify(a)} ${JSON.stringify(glue)}… ${JSON.stringify(b)}`, text: (n) => `${a}${run(glue, n)}${b}!` });
  }
  if (frags.length > 1) {
    out.push({ name: 'all fragments, run together', text: (n) => `${run(frags.join(''), n)}!` });
    out.push({ name: 'all fragments, spaced', text: (n) => `${run(`${frags.join(' ')} `, n)}!` });
  }
  return out;
}

/** A global copy of `regex` (the way `replace` and `exec` loops scan), warmed up past V8's interpreter tier. */
export function scanner(regex: RegExp): RegExp {
  const global = new RegExp(regex.source, `${regex.flags.replace(/[gy]/g, '')}g`);
  for (let i = 0; i < 3; i++) scan(global, 'warm up: a 1 . @ order #12345 ab-cd');
  return global;
}

/** Every match of a global regex in `text`, as a `matchAll` would find them. */
export function scan(global: RegExp, text: string): void {
  global.lastIndex = 0;
  for (let m = global.exec(text); m; m = global.exec(text)) if (m[0].length === 0) global.lastIndex++;
}

/** Milliseconds for one scan, the best of `tries` (a busy machine only ever adds time). */
export function scanTime(global: RegExp, text: string, tries = 1): number {
  let best = Infinity;
  for (let i = 0; i < tries; i++) {
    const start = performance.now();
    scan(global, text);
    best = Math.min(best, performance.now() - start);
  }
  return best;
}
