// The `wardside` command: the same services and database file as the app, without Electron.
// Exit codes (also in README and `wardside --help`):
//   0 success · 1 unexpected error · 2 usage error · 3 database refused (damaged or newer schema)
//   4 input refused (bad file or value)
import { Command, CommanderError } from 'commander';
import { DatabaseOpenError } from '#db/open.ts';
import { translator } from '#contract/i18n/index.ts';
import { boot } from '#services/core/boot.ts';
import { AppError } from '#services/core/errors.ts';
import { appInfo } from '#services/reference/info.ts';
import { defaultDbPath } from '#services/core/paths.ts';
import { CliExit, cliLocale, dbOption, exitCodeHelp, exitCodes, type Io } from './common.ts';
import { addIssueCommands } from './issues.ts';
import { addSyncCommands } from './sync.ts';
import { addTrainingCommands } from './training.ts';
import { addReconcileCommand } from './reconcile.ts';
import { addHubCommands } from './hub.ts';

export { exitCodes, type Io } from './common.ts';

export function createProgram(io: Io): Command {
  const program = new Command('wardside')
    .description('Wardside command line: the same data and rules as the desktop app, without a window.')
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride()
    .showHelpAfterError()
    .addHelpText('after', exitCodeHelp);

  program
    .command('info')
    .description('show the database path, schema version, replica id and record counts')
    .addOption(dbOption())
    .option('--json', 'print JSON')
    .addHelpText('after', exitCodeHelp)
    .action((opts: { db?: string; json?: boolean }) => {
      const ctx = boot(opts.db ?? defaultDbPath());
      try {
        const info = appInfo(ctx);
        if (opts.json) {
          io.out(JSON.stringify(info, null, 2) + '\n');
          return;
        }
        const rows: [string, string | number][] = [
          ['database', info.dbPath],
          ['schema version', info.schemaVersion],
          ['replica id', info.replicaId],
          ['replica label', info.replicaLabel ?? '-'],
          ['project configured', info.projectConfigured ? 'yes' : 'no'],
          ['departments', info.counts.departments],
          ['systems', info.counts.systems],
          ['modules', info.counts.modules],
          ['people', info.counts.people],
        ];
        const width = Math.max(...rows.map(([k]) => k.length));
        io.out(rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n') + '\n');
      } finally {
        ctx.close();
      }
    });

  addIssueCommands(program, io);
  addSyncCommands(program, io);
  addTrainingCommands(program, io);
  addReconcileCommand(program, io);
  addHubCommands(program, io);
  return program;
}

/** Runs the CLI and returns the exit code; never throws. */
export async function runCli(argv: string[], io: Io): Promise<number> {
  const program = createProgram(io);
  const t = translator(cliLocale());
  try {
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
    if (error instanceof DatabaseOpenError) {
      io.err(t(`db.${error.kind}`, { path: error.path, detail: error.message }) + '\n');
      return exitCodes.database;
    }
    if (error instanceof AppError) {
      io.err(t(`errors.${error.code}`, error.params) + '\n');
      return exitCodes.input;
    }
    io.err(`${t('errors.internal')}\n${(error as Error).stack ?? String(error)}\n`);
    return exitCodes.unexpected;
  }
}
