// Terminal and file output for the CLI: stdout with EPIPE handled, atomic files, progress, colour.
import { chmodSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
// ora is loaded only where a spinner can be drawn: piped, redirected and CI runs start without it.
const ora = process.stderr.isTTY ? (await import('ora')).default : null;
import { terminalSafe } from '../text/sanitize.js';
import { writeReason } from './write-reason.js';

export interface OutputOptions {
  quiet?: boolean;
  color?: boolean;
}

/** Colour only on a terminal that can show it, never with NO_COLOR, FORCE_COLOR=0, TERM=dumb or --no-color; FORCE_COLOR=1 forces it. */
export function useColor(stream: Pick<NodeJS.WriteStream, 'isTTY'>, requested: boolean | undefined, env: NodeJS.ProcessEnv = process.env): boolean {
  if (requested === false) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR === '0' || env.FORCE_COLOR === 'false') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') return true;
  if (env.TERM === 'dumb') return false;
  return Boolean(stream.isTTY);
}

let stdoutClosed = false;
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  // A reader that went away (`rapport tag … | head`) is not an error.
  if (error.code === 'EPIPE') {
    stdoutClosed = true;
    process.exit(process.exitCode ?? 0);
  }
  // A full disk (`> /dev/full`), a quota, an I/O error: one line, exit 2 (the gate's verdict is moot).
  stdoutClosed = true;
  warn(`rapport: standard output: cannot write: ${writeReason(error)}`);
  process.exit(2);
});

export function writeStdout(text: string): Promise<void> {
  if (stdoutClosed) return Promise.resolve();
  return new Promise((resolve) => {
    if (process.stdout.write(text)) resolve();
    else process.stdout.once('drain', resolve);
  });
}

/**
 * Write a regular file whole or not at all: a temporary file in the same folder, then a rename (`mode`:
 * the permissions to give it, those of the file it replaces). Synchronous, so no signal handler runs
 * between the two steps: SIGINT and SIGTERM are handled after the rename, and no temporary file stays.
 * For any output path (devices, symlinks) use `writeOutputFile` (output-file.ts).
 */
export function writeFileAtomic(path: string, text: string, mode?: number): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, text);
    if (mode !== undefined) chmodSync(tmp, mode & 0o7777);
    renameSync(tmp, path);
  } catch (error) {
    // Leave nothing behind: the old file (if any) is untouched, the partial one goes.
    rmSync(tmp, { force: true });
    throw error;
  }
}

export function warn(message: string): void {
  process.stderr.write(`${terminalSafe(message)}\n`);
}

/** Whether to draw the spinner: stderr is a terminal, no --quiet, not in CI (any non-empty CI but "false"/"0"). */
export function progressEnabled(options: OutputOptions, stderrIsTTY: boolean | undefined, env: NodeJS.ProcessEnv = process.env): boolean {
  const ci = env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0';
  return !options.quiet && Boolean(stderrIsTTY) && !ci;
}

/** A spinner on stderr in a terminal; nothing in CI, with --quiet or when stderr is piped. */
export function progress(options: OutputOptions): { update(text: string): void; stop(): void } {
  // A terminal that reports 0 columns (a bare pty) would make ora clear lines forever: no spinner there.
  if (!progressEnabled(options, process.stderr.isTTY && process.stderr.columns > 0)) return { update: () => undefined, stop: () => undefined };
  if (!ora) return { update: () => undefined, stop: () => undefined };
  const spinner = ora({ stream: process.stderr, text: 'reading…', color: 'cyan', isEnabled: true }).start();
  return {
    update: (text) => {
      spinner.text = terminalSafe(text);
      // Draw now: a fast read can finish between two spinner frames and never show its count.
      spinner.render();
    },
    stop: () => spinner.stop(),
  };
}
