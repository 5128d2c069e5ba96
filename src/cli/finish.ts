// The end of every report-writing command: write the text (file or stdout), then apply the CI gates.
import { checkGates, type Gates } from '../report/gates.js';
import type { Report } from '../report/types.js';
import { EXIT } from './errors.js';
import { warn, writeFileAtomic, writeStdout } from './io.js';

/** Write to `--output` atomically, else to stdout. */
export async function writeOutput(text: string, output: string | undefined): Promise<void> {
  if (output) writeFileAtomic(output, text);
  else await writeStdout(text);
}

/** One line on stderr per failed gate; exit 1 if any failed (the report is already written). */
export function gateExit(report: Report, gates: Gates, baseline: Pick<Report, 'health'> | null = null): number {
  const failed = checkGates(report, gates, baseline);
  for (const reason of failed) warn(`rapport: ${reason}`);
  return failed.length ? EXIT.gate : EXIT.ok;
}
