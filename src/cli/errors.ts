// Errors the CLI reports in one line with exit code 2, and the gate failure (exit 1).

export class UsageError extends Error {
  override name = 'UsageError';
}

/** An output (stdout, -o, --rejects) that could not be written: one line naming it, exit code 2. */
export class WriteError extends Error {
  override name = 'WriteError';
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: cannot write: ${reason}`);
  }
}

export const EXIT = { ok: 0, gate: 1, usage: 2, interrupted: 130, terminated: 143 } as const;
