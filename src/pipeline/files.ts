// Per-input summaries: which input a message came from, and where its roles came from.
import type { Message } from '../model/types.js';
import type { FileSummary } from '../model/types.js';

/** A path without trailing slashes (a loop: `/\/+$/` backtracks quadratically on a run of slashes). */
function withoutTrailingSlashes(path: string): string {
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === 0x2f) end--;
  return path.slice(0, end);
}

/** The summary of the input a file belongs to: the file itself, or the directory (maildir) it was read from. */
export function summaryOf(files: readonly FileSummary[], file: string): FileSummary | undefined {
  return files.find((f) => f.file === file) ?? files.find((f) => file.startsWith(`${withoutTrailingSlashes(f.file)}/`));
}

/** Say per input whether roles were given by the export or inferred from the threads. */
export function noteRoleSources(files: readonly FileSummary[], messages: Iterable<Pick<Message, 'file' | 'roleSource'>>): void {
  const seen = new Map<FileSummary, Set<Message['roleSource']>>();
  for (const m of messages) {
    const summary = summaryOf(files, m.file);
    if (!summary) continue;
    const sources = seen.get(summary) ?? new Set();
    sources.add(m.roleSource);
    seen.set(summary, sources);
  }
  for (const [summary, sources] of seen) summary.roles = sources.size > 1 ? 'mixed' : [...sources][0] ?? 'none';
}
