// The end of every report-writing command: write the text (file or stdout), then apply the CI gates.
import { checkGates, type Gates } from '../report/gates.js';
import type { Report } from '../report/types.js';
import { EXIT } from './errors.js';
import { warn, writeStdout } from './io.js';
import { writeOutputFile } from './output-file.js';

/** Write to `--output` (atomically when it is a file), else to stdout. */
export async function writeOutput(text: string, output: string | undefined): Promise<void> {
  if (output) writeOutputFile(output, text);
  else await writeStdout(text);
}

/**
 * Write the report, then one line on stderr per failed gate; exit 1 if any failed. The gates are checked
 * first, so a reader that closes stdout early (`… | head -1`) still gets the gate's exit code.
 */
export async function writeGated(text: string, output: string | undefined, report: Report, gates: Gates, baseline: Pick<Report, 'health'> | null = null): Promise<number> {
  const failed = checkGates(report, gates, baseline);
  const code = failed.length ? EXIT.gate : EXIT.ok;
  process.exitCode = code;
  await writeOutput(text, output);
  for (const reason of failed) warn(`rapport: ${reason}`);
  return code;
}
