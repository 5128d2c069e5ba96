// Terminal and file output for the CLI: stdout with EPIPE handled, atomic files, progress, colour.
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import ora, { type Ora } from 'ora';
import { terminalSafe } from '../text/sanitize.js';

export interface OutputOptions {
  quiet?: boolean;
  color?: boolean;
}

/** Colour only on a terminal, never with NO_COLOR or --no-color. */
export function useColor(stream: NodeJS.WriteStream, requested: boolean | undefined): boolean {
  if (requested === false) return false;
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY);
}

let stdoutClosed = false;
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  // A reader that went away (`rapport tag … | head`) is not an error.
  if (error.code === 'EPIPE') {
    stdoutClosed = true;
    process.exit(process.exitCode ?? 0);
  }
  throw error;
});

export function writeStdout(text: string): Promise<void> {
  if (stdoutClosed) return Promise.resolve();
  return new Promise((resolve) => {
    if (process.stdout.write(text)) resolve();
    else process.stdout.once('drain', resolve);
  });
}

/** Write a file whole or not at all: a temporary file in the same folder, then a rename. */
export function writeFileAtomic(path: string, text: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, text);
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

/** A spinner on stderr in a terminal; nothing in CI, with --quiet or when stderr is piped. */
export function progress(options: OutputOptions): { update(text: string): void; stop(): void } {
  const enabled = !options.quiet && process.stderr.isTTY && !process.env.CI;
  if (!enabled) return { update: () => undefined, stop: () => undefined };
  const spinner: Ora = ora({ stream: process.stderr, text: 'reading…', color: 'cyan', isEnabled: true }).start();
  return {
    update: (text) => {
      spinner.text = terminalSafe(text);
    },
    stop: () => spinner.stop(),
  };
}
