// HTML entity decoding that remembers where each decoded character came from.

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', hellip: '…',
  mdash: '—', ndash: '–', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', copy: '©', reg: '®', trade: '™',
};

const ENTITY = /&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});/g;

/** Decoded text plus `origin[i]` = offset in the original of decoded offset i (length + 1 entries). */
export interface DecodedText {
  text: string;
  /** null when nothing was decoded: offsets are the same in both texts. */
  origin: Int32Array | null;
}

function decodeOne(body: string): string | null {
  if (body.startsWith('#')) {
    const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return null;
    return String.fromCodePoint(code);
  }
  return NAMED[body.toLowerCase()] ?? null;
}

/** Decode `&amp;`-style entities; spans found in the decoded text map back with `toOriginal`. */
export function decodeEntities(original: string): DecodedText {
  if (!original.includes('&')) return { text: original, origin: null };
  let out = '';
  const origin: number[] = [];
  let last = 0;
  ENTITY.lastIndex = 0;
  for (let m = ENTITY.exec(original); m; m = ENTITY.exec(original)) {
    const decoded = decodeOne(m[1]!);
    if (decoded === null) continue;
    for (let i = last; i < m.index; i++) origin.push(i);
    out += original.slice(last, m.index);
    for (let i = 0; i < decoded.length; i++) origin.push(m.index);
    out += decoded;
    last = m.index + m[0].length;
  }
  if (last === 0) return { text: original, origin: null };
  for (let i = last; i < original.length; i++) origin.push(i);
  out += original.slice(last);
  origin.push(original.length);
  return { text: out, origin: Int32Array.from(origin) };
}

/** Map a [start, end) span of the decoded text back to the original text. */
export function toOriginal(decoded: DecodedText, start: number, end: number): [number, number] {
  const { origin } = decoded;
  if (!origin) return [start, end];
  const s = origin[start] ?? origin[origin.length - 1]!;
  // The end maps to just past the original of the last decoded character.
  const lastChar = end > start ? origin[end - 1]! : s;
  const nextOrigin = origin[end] ?? origin[origin.length - 1]!;
  return [s, Math.max(nextOrigin, lastChar + 1)];
}
