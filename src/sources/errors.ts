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
