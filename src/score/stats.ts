// Small statistics for service measures: quantiles and rates, deterministic and rounded.

/** Nearest-rank quantile of numbers (q in [0, 1]); null for an empty list. */
export function quantile(values: readonly number[], q: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1]!;
}

export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function ratio(part: number, whole: number, digits = 4): number | null {
  if (whole === 0) return null;
  const f = 10 ** digits;
  return Math.round((part / whole) * f) / f;
}

export function round1(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10) / 10;
}
