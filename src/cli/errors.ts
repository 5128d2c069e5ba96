// Errors the CLI reports in one line with exit code 2, and the gate failure (exit 1).

export class UsageError extends Error {
  override name = 'UsageError';
}

export const EXIT = { ok: 0, gate: 1, usage: 2, interrupted: 130 } as const;
