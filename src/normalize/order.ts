// The message order EPIC.md fixes: by timestamp, ties broken by id (numerically for integers).

const INTEGER = /^\d+$/;

/** Compare ids numerically when both are integers (any length), else as strings. */
export function compareIds(a: string, b: string): number {
  if (INTEGER.test(a) && INTEGER.test(b)) {
    const x = a.replace(/^0+(?=\d)/, '');
    const y = b.replace(/^0+(?=\d)/, '');
    if (x.length !== y.length) return x.length - y.length;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareMessages(a: { time: number | null; id: string }, b: { time: number | null; id: string }): number {
  const ta = a.time ?? Number.NEGATIVE_INFINITY;
  const tb = b.time ?? Number.NEGATIVE_INFINITY;
  return ta !== tb ? (ta < tb ? -1 : 1) : compareIds(a.id, b.id);
}
