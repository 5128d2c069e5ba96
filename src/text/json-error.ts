// JSON.parse's complaint in one short line, without the input V8 quotes back (newlines and all).

/**
 * `Unexpected token 'x', "…input…" is not valid JSON` → `Unexpected token 'x'`; `… in JSON at position 12 …`
 * → `…`. String search, not a pattern: the quoted input can be anything, and long.
 */
export function jsonErrorReason(error: unknown): string {
  let message = error instanceof Error ? error.message : String(error);
  const quoted = message.indexOf(', "');
  if (quoted >= 0 && message.endsWith('" is not valid JSON')) message = message.slice(0, quoted);
  const position = message.search(/ in JSON at position \d/);
  if (position >= 0) message = message.slice(0, position);
  return message.replace(/\s+/g, ' ');
}
