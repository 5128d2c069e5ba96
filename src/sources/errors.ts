// The error for a whole input that cannot be read (bad rows are diagnostics, not errors).

/** A whole input that cannot be read as the chosen format: one line, exit code 2. */
export class InputError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly reason: string,
  ) {
    super(`${file}${line ? `:${line}` : ''}: ${reason}`);
    this.name = 'InputError';
  }
}

/** A short reason for an error opening or reading an input (no stack, no errno number). */
export function describeReadError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e.code === 'ENOENT') return 'no such file';
  if (e.code === 'EISDIR') return 'is a directory, expected a file';
  if (e.code === 'EACCES') return 'permission denied';
  if (e.code === 'Z_DATA_ERROR' || e.code === 'Z_BUF_ERROR') return 'not a valid gzip file';
  return e.message ?? String(error);
}
