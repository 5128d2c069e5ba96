// Agent ids from the signatures brand agents put at the end of a reply (`^JK`, `-Becky`, `/LS`).

// A sign-off marker, then initials or a first name, at the very end (an URL may follow).
const SIGNATURE = /(?:^|\s)(?:\^|\/|-|–|—|~|\*)\s?([A-Z][A-Za-z]{0,11}|[A-Z]{1,3}\d?)\s*(?:https?:\/\/\S+\s*)?$/;

/** The signature span and name, or null when the reply is unsigned. */
export function findSignature(text: string): { name: string; start: number; end: number } | null {
  const m = SIGNATURE.exec(text);
  if (!m) return null;
  const name = m[1]!;
  const start = m.index + m[0].indexOf(name) - 1;
  return { name, start, end: start + 1 + name.length };
}

/** `Brand/NAME` for a signed brand message, else null. */
export function agentId(brand: string, text: string): string | null {
  const sig = findSignature(text);
  return sig ? `${brand}/${sig.name}` : null;
}
