// Find personal data in text (emails, phones, cards, IBANs, @-handles) and mask it, remembering how offsets move.
import { foldText, unfoldSpan } from './fold.js';

/** What kind of personal data a span is. */
export type PiiKind = 'email' | 'card' | 'iban' | 'phone' | 'handle';

/** One piece of personal data found in a text: `[start, end)` and its replacement. */
export interface PiiSpan {
  kind: PiiKind;
  start: number;
  end: number;
  replacement: string;
}

/** A masked text and the replacements made, in order; offsets map through `mapSpan`. */
export interface MaskedText {
  text: string;
  spans: PiiSpan[];
}

/** What the masker needs to know about handles: which to keep (brands) and what to call the others. */
export interface HandlePolicy {
  /** Replacement for `@handle` (without the `@`), or null to keep it (a brand account). */
  rename(handle: string): string | null;
}

export const MASKS: Record<Exclude<PiiKind, 'handle'>, string> = {
  email: '__email__',
  card: '__card__',
  iban: '__iban__',
  phone: '__phone__',
};

// Matching runs over a folded copy of the text (fold.ts): NFKC, every decimal digit as ASCII, dashes, spaces and
// slashes of other scripts as their ASCII forms, invisible format characters dropped, `%40` and `&#64;` as `@`.

// RFC 5322 atext plus letters, marks and digits of any script (`josé@bücher.de`); a match starts only where the
// local part starts (no quadratic rescans).
const ATEXT = "\\p{L}\\p{M}\\p{N}.!#$%&'*+/=?^_`{|}~-";
const EMAIL = new RegExp(`(?<![${ATEXT}])[${ATEXT}]+@[\\p{L}\\p{M}\\p{N}-]+(?:\\.[\\p{L}\\p{M}\\p{N}-]+)*\\.[\\p{L}\\p{M}]{2,}`, 'gu');
// Digits in groups separated by single spaces or hyphens, not inside a word: where card numbers hide.
const DIGIT_RUN = /(?<![\dA-Za-z])\d+(?:[ -]\d+)*(?![\dA-Za-z])/g;
// Country code, check digits, then 11-30 letters/digits, optionally in groups of four.
const IBAN = /(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?:[ ]?[A-Za-z0-9]){11,30}/g;
// +CC, (area), groups of digits separated by space, dot, hyphen or slash: 7 to 15 digits in all.
// Groups are maximal digit runs with exactly one separator between them, so matching stays linear.
const PHONE = /(?<![\w+])(?:\+\d{1,3}[ .\/-]?)?(?:\(\d{1,5}\)[ .\/-]?)?\d+(?:[ .\/-]\d+)*(?!\w)/g;
const HANDLE = /(?<![\p{L}\p{N}_@.])@([A-Za-z0-9_]{1,30})/gu;

/** The Luhn checksum that every payment card number satisfies. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** ISO 13616 check: move the first four characters to the end, letters to numbers, mod 97 == 1. */
export function ibanValid(compact: string): boolean {
  const s = compact.toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(s)) return false;
  const rearranged = s.slice(4) + s.slice(0, 4);
  let rest = 0;
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0);
    const value = code >= 65 ? String(code - 55) : ch;
    for (const digit of value) rest = (rest * 10 + (digit.charCodeAt(0) - 48)) % 97;
  }
  return rest === 1;
}

function digitsOf(text: string): string {
  return text.replace(/\D/g, '');
}

/** Dates and times look like digit groups too; they are not phone numbers. */
function looksLikeDate(text: string): boolean {
  return (
    /^\d{4}([-./])\d{1,2}\1\d{1,2}$|^\d{1,2}([-./])\d{1,2}\2\d{2,4}$/.test(text) ||
    // A compact date, 1900-01-01 to 2099-12-31 (file names, references).
    /^(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])$/.test(text)
  );
}

function* matches(pattern: RegExp, text: string): Generator<RegExpExecArray> {
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    yield m;
    if (m[0].length === 0) pattern.lastIndex++;
  }
}

/** Lengths of the prefixes of an IBAN-shaped match that pass the checksum, longest first (a word may follow an IBAN). */
function* ibanPrefixes(candidate: string): Generator<number> {
  for (let end = candidate.length; end >= 15; end--) {
    if (candidate[end - 1] === ' ') continue;
    if (ibanValid(candidate.slice(0, end).replace(/ /g, ''))) yield end;
  }
}

/** Longest piece of a digit run worth checking: 19 card digits or 15 phone digits with separators. */
const MAX_WINDOW = 40;

/**
 * Sub-ranges of a run of digit groups, cut only where a separator is (or at the ends), longest first
 * from each start and at most MAX_WINDOW long: a card number next to an order number is still found.
 */
function* groupWindows(run: string): Generator<[number, number]> {
  const cuts: number[] = [];
  for (let i = 0; i < run.length; i++) if (/[ ./-]/.test(run[i]!)) cuts.push(i);
  const starts = [0, ...cuts.map((c) => c + 1)];
  const ends = [...cuts, run.length];
  let first = 0;
  for (const start of starts) {
    while (ends[first]! <= start) first++;
    let last = first;
    while (last + 1 < ends.length && ends[last + 1]! - start <= MAX_WINDOW) last++;
    for (let k = last; k >= first; k--) yield [start, ends[k]!];
  }
}

/** Find checked pieces inside digit runs: each run is tried whole, then cut at its separators. */
function addFromRuns(
  text: string,
  pattern: RegExp,
  digits: [min: number, max: number],
  valid: (candidate: string) => boolean,
  add: (start: number, end: number) => boolean,
): void {
  for (const m of matches(pattern, text)) {
    if (valid(m[0]) && add(m.index, m.index + m[0].length)) continue;
    // Digits before each offset, so windows with the wrong number of digits cost nothing.
    const before = new Int32Array(m[0].length + 1);
    for (let i = 0; i < m[0].length; i++) before[i + 1] = before[i]! + (m[0].charCodeAt(i) - 48 >>> 0 < 10 ? 1 : 0);
    let covered = 0;
    for (const [start, end] of groupWindows(m[0])) {
      const n = before[end]! - before[start]!;
      if (start < covered || n < digits[0] || n > digits[1]) continue;
      if (valid(m[0].slice(start, end)) && add(m.index + start, m.index + end)) covered = end;
    }
  }
}

function isCard(candidate: string): boolean {
  const digits = digitsOf(candidate);
  return digits.length >= 13 && digits.length <= 19 && !/[ ./-]{2}|[./]/.test(candidate) && luhnValid(digits);
}

function isPhone(candidate: string): boolean {
  const digits = digitsOf(candidate).length;
  return digits >= 7 && digits <= 15 && !looksLikeDate(candidate);
}

/**
 * Every piece of personal data in a text, in order, without overlaps (emails win, then IBANs, cards, phones,
 * handles). Patterns run over the folded text (fold.ts); spans are offsets of the original.
 */
export function findPii(original: string, handles?: HandlePolicy): PiiSpan[] {
  const folded = foldText(original);
  const text = folded.text;
  const found: PiiSpan[] = [];
  // Characters already masked: checking a candidate costs its length, not the number of finds.
  let used: Uint8Array | null = null;
  const add = (kind: PiiKind, start: number, end: number, replacement: string): boolean => {
    if (end <= start) return false;
    if (used) for (let i = start; i < end; i++) if (used[i]) return false;
    used ??= new Uint8Array(text.length);
    used.fill(1, start, end);
    found.push({ kind, start, end, replacement });
    return true;
  };
  if (text.includes('@')) for (const m of matches(EMAIL, text)) add('email', m.index, m.index + m[0].length, MASKS.email);
  if (/\d/.test(text)) {
    IBAN.lastIndex = 0;
    for (let m = IBAN.exec(text); m; m = IBAN.exec(text)) {
      // The match may run on into the next word or the next IBAN: resume right after what was used.
      let used = 1;
      for (const end of ibanPrefixes(m[0])) {
        if (add('iban', m.index, m.index + end, MASKS.iban)) {
          used = end;
          break;
        }
      }
      IBAN.lastIndex = m.index + used;
    }
    addFromRuns(text, DIGIT_RUN, [13, 19], isCard, (start, end) => add('card', start, end, MASKS.card));
    addFromRuns(text, PHONE, [7, 15], isPhone, (start, end) => add('phone', start, end, MASKS.phone));
  }
  if (handles && text.includes('@')) {
    for (const m of matches(HANDLE, text)) {
      const renamed = handles.rename(m[1]!);
      if (renamed !== null) add('handle', m.index, m.index + m[0].length, `@${renamed}`);
    }
  }
  found.sort((a, b) => a.start - b.start);
  if (!folded.from) return found;
  // Back to original offsets; a folded character that expanded (½ → 1⁄2) may be cut by two finds: they merge.
  const out: PiiSpan[] = [];
  for (const s of found) {
    const [start, end] = unfoldSpan(folded, s.start, s.end);
    const last = out[out.length - 1];
    if (last && start < last.end) last.end = Math.max(last.end, end);
    else out.push({ ...s, start, end });
  }
  return out;
}

/** Mask every piece of personal data in a text. */
export function maskText(text: string, handles?: HandlePolicy): MaskedText {
  const spans = findPii(text, handles);
  if (!spans.length) return { text, spans };
  let out = '';
  let last = 0;
  for (const s of spans) {
    out += text.slice(last, s.start) + s.replacement;
    last = s.end;
  }
  return { text: out + text.slice(last), spans };
}

function mapOffset(spans: readonly PiiSpan[], pos: number, side: 'start' | 'end'): number {
  let shift = 0;
  for (const s of spans) {
    if (pos <= s.start) break;
    if (pos < s.end) return s.start + shift + (side === 'end' ? s.replacement.length : 0);
    shift += s.replacement.length - (s.end - s.start);
  }
  return pos + shift;
}

/**
 * Map a `[start, end)` span of the original text onto the masked text. A span that cuts into a
 * replaced piece grows to cover the whole mask, so `masked.text.slice(start, end)` never shows a
 * fragment of what was hidden.
 */
export function mapSpan(masked: MaskedText, start: number, end: number): [number, number] {
  const s = mapOffset(masked.spans, start, 'start');
  return [s, Math.max(s, mapOffset(masked.spans, end, 'end'))];
}
