// The `wardside` command: the same services and database file as the app, without Electron.
// Exit codes (also in README and `wardside --help`):
//   0 success · 1 unexpected error · 2 usage error · 3 database refused (damaged or newer schema)
//   4 input refused (bad file or value)
// Start-up stays short: the commands are listed in commands.ts and only the one that runs is loaded.
import { Command, CommanderError } from 'commander';
import type { DatabaseOpenError } from '#db/open.ts';
import { translator } from '#contract/i18n/index.ts';
import { AppError, sqliteAppError } from '#services/core/errors.ts';
import { printableOutput } from '#services/core/printable.ts';
import { CliExit, cliLocale, exitCodeHelp, exitCodes, type Io } from './common.ts';
import { commandModules, summaries } from './commands.ts';

export { exitCodes, type Io } from './common.ts';

/** The command named on the command line (`wardside help X` names X), if any. */
function commandNamed(argv: string[]): string | undefined {
  const words = argv.filter((a) => !a.startsWith('-'));
  return words[0] === 'help' ? words[1] : words[0];
}

/**
 * The program with the named command's module loaded; every other command is listed by its summary only
 * (`all` loads every module, for tests that look at the whole tree).
 */
export async function createProgram(io: Io, argv: string[] = [], all = false): Promise<Command> {
  const program = new Command('wardside')
    .description('Wardside command line: the same data and rules as the desktop app, without a window.')
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride()
    .showHelpAfterError()
    .addHelpText('after', exitCodeHelp);
  const named = commandNamed(argv);
  for (const module of commandModules) {
    if (all || (named !== undefined && (module.names as string[]).includes(named))) {
      (await module.load())(program, io);
    } else {
      for (const name of module.names) program.command(name).description(summaries[name]);
    }
  }
  return program;
}

// db/open.ts loads the database driver; only its error's name is needed here, so that `wardside --help`
// does not load the driver.
const isDatabaseOpenError = (error: unknown): error is DatabaseOpenError =>
  error instanceof Error && error.name === 'DatabaseOpenError';

/** Runs the CLI and returns the exit code; never throws. */
export async function runCli(argv: string[], terminal: Io): Promise<number> {
  // Values from files (replica labels, names, file names) reach the terminal: no control characters
  // (issue #11, item 14). The layout's own newlines and tabs stay; JSON output escapes them anyway.
  const io: Io = {
    out: (text) => terminal.out(printableOutput(text)),
    err: (text) => terminal.err(printableOutput(text)),
  };
  const t = translator(cliLocale());
  try {
    const program = await createProgram(io, argv);
    await program.parseAsync(argv, { from: 'user' });
    return exitCodes.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      return error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
    }
    if (error instanceof CliExit) {
      if (error.message) io.err(error.message + '\n');
      return error.exitCode;
    }
    if (isDatabaseOpenError(error)) {
      io.err(t(`db.${error.kind}`, { path: error.path, detail: error.message }) + '\n');
      return exitCodes.database;
    }
    const refused = error instanceof AppError ? error : sqliteAppError(error);
    if (refused) {
      io.err(t(`errors.${refused.code}`, refused.params) + '\n');
      return refused.code.startsWith('db_') ? exitCodes.database : exitCodes.input;
    }
    io.err(`${t('errors.internal')}\n${(error as Error).stack ?? String(error)}\n`);
    return exitCodes.unexpected;
  }
}
