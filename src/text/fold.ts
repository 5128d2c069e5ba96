// A text folded for pattern matching (redaction): the forms that hide digits and @-signs made plain, offsets kept.

/**
 * The folded text and, for each of its UTF-16 units, the `[start, end)` of the original characters it came
 * from; null maps when nothing was folded (the text is its own fold).
 */
export interface FoldedText {
  text: string;
  from: Int32Array | null;
  to: Int32Array | null;
}

const cache = new Map<number, string>();
const DECIMAL = /^\p{Nd}$/u;

/** The value 0-9 of a decimal digit of any script: Unicode keeps each script's digits in contiguous runs of ten, 0 first. */
function digitValue(cp: number): number {
  let first = cp;
  while (first > 0 && cp - first < 60 && DECIMAL.test(String.fromCodePoint(first - 1))) first--;
  return (cp - first) % 10;
}

/** One code point (not ASCII) as matching sees it. */
function foldCodePoint(cp: number): string {
  let out = cache.get(cp);
  if (out !== undefined) return out;
  const ch = String.fromCodePoint(cp);
  if (DECIMAL.test(ch)) out = String(digitValue(cp));
  // Zero-width and other invisible format characters (ZWSP, soft hyphen, bidi controls, BOM) split nothing.
  else if (/^\p{Cf}$/u.test(ch)) out = '';
  else if (/^\p{Zs}$/u.test(ch)) out = ' ';
  else if (/^[\p{Pd}\u2212]$/u.test(ch)) out = '-';
  else if (/^[\u2044\u2215\u29F8]$/u.test(ch)) out = '/';
  else {
    const nfkc = ch.normalize('NFKC');
    // A compatibility form of a digit or separator (full-width, superscript, circled) folds again.
    out = [...nfkc].map((c) => (c.charCodeAt(0) < 0x80 ? c : c === ch ? c : foldCodePoint(c.codePointAt(0)!))).join('');
  }
  if (cache.size < 100_000) cache.set(cp, out);
  return out;
}

/** `%40` (URL), `&#64;`, `&#x40;` and `&commat;` (HTML): an @-sign or another character written as an escape. */
const ESCAPE = /%40|&#[xX]([0-9a-fA-F]{1,6});|&#(\d{1,7});|&commat;/y;

/** Whether folding can change the text at all (plain ASCII without escapes is its own fold). */
const NEEDS_FOLD = /[^\x00-\x7f]|%40|&#|&commat;/i;

/**
 * Fold a text for matching: NFKC per character, decimal digits of every script as 0-9, dashes as `-`,
 * spaces as ` `, fraction and division slashes as `/`, invisible format characters dropped, and `%40`,
 * `&#64;`, `&commat;` as `@`. A match `[s, e)` in the folded text is `[from[s], to[e - 1])` in the original.
 */
export function foldText(text: string): FoldedText {
  if (!NEEDS_FOLD.test(text)) return { text, from: null, to: null };
  let out = '';
  const from: number[] = [];
  const to: number[] = [];
  const emit = (s: string, start: number, end: number): void => {
    out += s;
    for (let k = 0; k < s.length; k++) {
      from.push(start);
      to.push(end);
    }
  };
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    if (c === 0x25 || c === 0x26) {
      ESCAPE.lastIndex = i;
      const m = ESCAPE.exec(text);
      if (m) {
        const hex = m[1] ?? null;
        const dec = m[2] ?? null;
        const cp = hex !== null ? parseInt(hex, 16) : dec !== null ? Number(dec) : 0x40;
        const valid = cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff);
        if (valid) {
          emit(cp < 0x80 ? String.fromCharCode(cp) : foldCodePoint(cp), i, i + m[0].length);
          i += m[0].length;
          continue;
        }
      }
    }
    if (c < 0x80) {
      emit(text[i]!, i, i + 1);
      i++;
      continue;
    }
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    emit(foldCodePoint(cp), i, i + width);
    i += width;
  }
  return { text: out, from: Int32Array.from(from), to: Int32Array.from(to) };
}

/** The original `[start, end)` of the folded `[start, end)`. */
export function unfoldSpan(folded: FoldedText, start: number, end: number): [number, number] {
  if (!folded.from || !folded.to) return [start, end];
  return [folded.from[start]!, folded.to[end - 1]!];
}
