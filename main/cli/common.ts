// What every `wardside` command shares: exit codes, output streams, the --db option, the message language.
import { Option } from 'commander';
import type { TFunction } from 'i18next';
import { defaultLocale, type Locale } from '#contract/index.ts';
import { boot } from '#services/core/boot.ts';
import type { Ctx } from '#services/core/context.ts';
import { defaultDbPath } from '#services/core/paths.ts';

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

/** The column mapping of a sheet import, one line per field, then the columns nobody reads. */
export function describeMapping<F extends { key: string }>(
  preview: { fields: F[]; mapping: Record<string, number | null>; columns: string[] },
  label: (field: F) => string,
  t: TFunction,
): string[] {
  const lines = [t('cli.mapping')];
  for (const field of preview.fields) {
    const column = preview.mapping[field.key] ?? null;
    lines.push(
      column === null
        ? t('cli.notMapped', { field: label(field) })
        : t('cli.mapped', { field: label(field), column: column + 1, header: preview.columns[column] ?? '' }),
    );
  }
  const used = new Set(Object.values(preview.mapping));
  const unused = preview.columns.filter((c, i) => c && !used.has(i));
  if (unused.length) lines.push(t('cli.unusedColumns', { columns: unused.join(t('common.listSeparator')) }));
  return lines;
}

/** Columns a character takes in a terminal: CJK and fullwidth forms take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    width +=
      /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(
        ch,
      )
        ? 2
        : 1;
  }
  return width;
}

/** `text` padded with spaces to `width` terminal columns. */
export const padCell = (text: string, width: number) =>
  text + ' '.repeat(Math.max(0, width - displayWidth(text)));

/** Rows under a header as aligned columns (CJK counted double), two spaces apart. */
export function formatTable(header: string[], body: string[][]): string {
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...body.map((row) => displayWidth(row[i]!))));
  return [header, ...body]
    .map((cells) =>
      cells
        .map((c, i) => padCell(c, widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
