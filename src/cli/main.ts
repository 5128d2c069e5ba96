// The rapport command line: registers the commands, owns the exit codes and one-line errors.
import { Command, CommanderError } from 'commander';
import { InputError } from '../sources/errors.js';
import { terminalSafe } from '../text/sanitize.js';
import { VERSION } from '../version.js';
import { EXIT, UsageError, WriteError } from './errors.js';
import { warn } from './io.js';

type MakeCommand = (run: (code: Promise<number>) => void) => Command;

/**
 * Every command, in the order `--help` lists them; each is built by `(run) => Command` in its own file
 * under commands/ and imported only when needed: a run of one command loads that command's modules only
 * (`rapport tag` does not load the HTML, table and diff reporters; about 70 ms of each start).
 */
const COMMANDS: Record<string, () => Promise<MakeCommand>> = {
  analyze: async () => (await import('./commands/analyze.js')).analyzeCommand,
  tag: async () => (await import('./commands/tag.js')).tagCommand,
  eval: async () => (await import('./commands/eval.js')).evalCommand,
  explain: async () => (await import('./commands/explain.js')).explainCommand,
  topics: async () => (await import('./commands/topics.js')).topicsCommand,
  diff: async () => (await import('./commands/diff.js')).diffCommand,
  report: async () => (await import('./commands/report.js')).reportCommand,
  shard: async () => (await import('./commands/shard.js')).shardCommand,
  train: async () => (await import('./commands/train.js')).trainCommand,
};

/**
 * The commands a command line needs: the one it names first, or all of them for anything else (no
 * command, --help, --version, `help`, a misspelt command, whose error suggests the known ones).
 */
export async function commandsFor(argv: readonly string[]): Promise<MakeCommand[]> {
  const named = argv[2];
  const names = named !== undefined && Object.hasOwn(COMMANDS, named) ? [named] : Object.keys(COMMANDS);
  return Promise.all(names.map((name) => COMMANDS[name]!()));
}

export function buildProgram(run: (code: Promise<number>) => void, commands: readonly MakeCommand[]): Command {
  const program = new Command('rapport')
    .description('Relationship-health reports from customer conversations, tagged on the EPIC axes (experience, permission, involvement, conversation).')
    .version(VERSION)
    .showHelpAfterError('(run rapport --help for usage)')
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(terminalSafe(text.trim()) + '\n') });
  for (const make of commands) {
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
  const commands = await commandsFor(argv);
  const program = buildProgram((code) => {
    pending = code;
  }, commands);
  try {
    await program.parseAsync(argv);
    process.exitCode = pending ? await pending : EXIT.ok;
  } catch (error) {
    process.exitCode = exitCodeFor(error);
  }
}
