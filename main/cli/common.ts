// What every `wardside` command shares: exit codes, output streams, the --db option, the message language.
import { Option } from 'commander';
import { defaultLocale, type Locale } from '../../preload/contract/index.ts';
import { boot } from '../services/boot.ts';
import type { Ctx } from '../services/context.ts';
import { defaultDbPath } from '../services/paths.ts';

export const exitCodes = { ok: 0, unexpected: 1, usage: 2, database: 3, input: 4 } as const;
export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

export const exitCodeHelp = `
Exit codes:
  0  success
  1  unexpected error
  2  usage error (unknown command or option)
  3  database refused (damaged file, or created by a newer Wardside)
  4  input refused (bad file or value)`;

export const dbOption = () =>
  new Option('--db <path>', 'database file (default: the app’s user-data folder)').default(
    undefined,
    defaultDbPath(),
  );

/** Messages follow WARDSIDE_LANG, then LANG: English for en…, Chinese otherwise. */
export function cliLocale(): Locale {
  const lang = process.env.WARDSIDE_LANG ?? process.env.LANG ?? '';
  return lang.toLowerCase().startsWith('en') ? 'en' : defaultLocale;
}

/** Ends a command with this exit code after printing `message` (already translated) on stderr. */
export class CliExit extends Error {
  readonly exitCode: ExitCode;
  constructor(exitCode: ExitCode, message: string) {
    super(message);
    this.name = 'CliExit';
    this.exitCode = exitCode;
  }
}

/** Opens the database for one command and always closes it. */
export async function withCtx<T>(dbPath: string | undefined, fn: (ctx: Ctx) => T | Promise<T>): Promise<T> {
  const ctx = boot(dbPath ?? defaultDbPath());
  try {
    return await fn(ctx);
  } finally {
    ctx.close();
  }
}
