// The rapport command line: registers the commands, owns the exit codes and one-line errors.
import { Command, CommanderError } from 'commander';
import { InputError } from '../sources/errors.js';
import { terminalSafe } from '../text/sanitize.js';
import { VERSION } from '../version.js';
import { analyzeCommand } from './commands/analyze.js';
import { diffCommand } from './commands/diff.js';
import { evalCommand } from './commands/eval.js';
import { explainCommand } from './commands/explain.js';
import { reportCommand } from './commands/report.js';
import { shardCommand } from './commands/shard.js';
import { tagCommand } from './commands/tag.js';
import { topicsCommand } from './commands/topics.js';
import { trainCommand } from './commands/train.js';
import { EXIT, UsageError, WriteError } from './errors.js';
import { warn } from './io.js';

/** Every command; each is built by `(run) => Command` in its own file under commands/. */
const COMMANDS = [analyzeCommand, tagCommand, evalCommand, explainCommand, topicsCommand, diffCommand, reportCommand, shardCommand, trainCommand];

export function buildProgram(run: (code: Promise<number>) => void): Command {
  const program = new Command('rapport')
    .description('Relationship-health reports from customer conversations, tagged on the EPIC axes (experience, permission, involvement, conversation).')
    .version(VERSION)
    .showHelpAfterError('(run rapport --help for usage)')
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(terminalSafe(text.trim()) + '\n') });
  for (const make of COMMANDS) {
    const command = make(run);
    // Subcommands share the program's error handling: exceptions instead of process.exit.
    command.exitOverride().configureOutput({ outputError: (text, write) => write(terminalSafe(text.trim()) + '\n') });
    program.addCommand(command);
  }
  return program;
}

/** Map any failure to one line on stderr and an exit code; never a stack trace unless RAPPORT_DEBUG is set. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) {
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (error instanceof InputError) {
    warn(`rapport: ${error.message}`);
    return EXIT.usage;
  }
  if (error instanceof UsageError || error instanceof WriteError) {
    warn(`rapport: ${error.message}`);
    return EXIT.usage;
  }
  const e = error as NodeJS.ErrnoException;
  if (e && typeof e.code === 'string' && e.syscall) {
    warn(`rapport: ${e.path ?? ''}${e.path ? ': ' : ''}${e.message}`);
    return EXIT.usage;
  }
  warn(`rapport: internal error: ${(error as Error)?.message ?? String(error)}${process.env.RAPPORT_DEBUG ? `\n${(error as Error)?.stack}` : ' (set RAPPORT_DEBUG=1 for details)'}`);
  return EXIT.usage;
}

export async function main(argv: string[]): Promise<void> {
  process.once('SIGINT', () => {
    warn('rapport: interrupted');
    process.exit(EXIT.interrupted);
  });
  // SIGTERM (a CI job cancelled, `timeout`) as Ctrl-C: while a file is written, only after its rename.
  process.once('SIGTERM', () => {
    warn('rapport: terminated');
    process.exit(EXIT.terminated);
  });
  let pending: Promise<number> | undefined;
  const program = buildProgram((code) => {
    pending = code;
  });
  try {
    await program.parseAsync(argv);
    process.exitCode = pending ? await pending : EXIT.ok;
  } catch (error) {
    process.exitCode = exitCodeFor(error);
  }
}
