// What every `wardside` command shares: exit codes, output streams, the --db option, the message language,
// and the flow of a sheet import (read the file, show the header row, mapping and problems, --dry-run,
// --json, exit codes).
import type { UploadedFile } from '#services/sheets/column-mapping.ts';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Option, type Command } from 'commander';
import type { TFunction } from 'i18next';
import { translator } from '#contract/i18n/index.ts';
import type { RowProblem } from '#contract/index.ts';
import { defaultLocale, type Locale } from '#contract/values/reference.ts';
import type { Ctx } from '#services/core/context.ts';
import { AppError } from '#services/core/errors.ts';
import { defaultDbPath } from '#services/core/paths.ts';

export const exitCodes = {
  ok: 0,
  unexpected: 1,
  usage: 2,
  database: 3,
  input: 4,
  hubUnreachable: 5,
} as const;
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
  // Loaded here, not at the top: `wardside --help` then never loads the database driver.
  const { boot } = await import('#services/core/boot.ts');
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

// ---------------------------------------------------------------- sheet imports

/** What the import flow reads of a preview: the same fields in every sheet import's preview. */
export interface SheetPreview {
  encoding: string;
  headerRow: number;
  totalRows: number;
  columns: string[];
  fields: { key: string }[];
  mapping: Record<string, number | null>;
  missingRequired: string[];
  /** The refused rows listed (a service may list only the first ones). */
  problems: RowProblem[];
  validRows: number;
}

/** The file as the import services take it. */
export type SheetFile = UploadedFile;

/** The options every sheet import command has. */
export interface SheetImportOptions {
  db?: string;
  dryRun?: boolean;
  json?: boolean;
}

/** One kind of sheet import: its services, and what to say about its preview and result. */
export interface SheetImport<P extends SheetPreview, R> {
  preview: (ctx: Ctx, file: SheetFile, locale: Locale) => Promise<P>;
  /** Writes the import; `preview` is the one just shown (its mapping is the one to use). */
  commit: (ctx: Ctx, file: SheetFile, preview: P, locale: Locale) => Promise<R>;
  /** A field's label in the message language. */
  label: (field: P['fields'][number], t: TFunction) => string;
  /** Refused rows in all, when the preview lists only the first ones; default: those listed. */
  refusedRows?: (preview: P) => number;
  /** Whether the file gives anything to do, else it exits 4; default: a valid row. */
  importable?: (preview: P) => boolean;
  /** Lists the refused rows before writing too: for a result that does not list them itself. */
  problemsBeforeCommit?: boolean;
  /** Lines of a dry run, after the refused rows. */
  reportPreview?: (preview: P, t: TFunction) => string[];
  /** Lines after writing. */
  reportResult: (result: R, t: TFunction) => string[];
}

/** The bytes of the file named on the command line, as the services take them; exit 4 when unreadable. */
function readSheetFile(path: string, t: TFunction): SheetFile {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new CliExit(exitCodes.input, t('cli.cannotRead', { file: path, detail: (error as Error).message }));
  }
  return { fileName: basename(path), bytes };
}

/**
 * A sheet import from the command line: the file, its header row and column mapping, then with --dry-run
 * the refused rows and what would happen, otherwise the import and its result; --json prints the preview
 * (dry run) or the result instead of the lines. Exits 4 when a required column is missing or the file gives
 * nothing to do.
 */
export async function runSheetImport<P extends SheetPreview, R>(
  io: Io,
  path: string,
  opts: SheetImportOptions,
  sheet: SheetImport<P, R>,
): Promise<void> {
  const locale = cliLocale();
  const t = translator(locale);
  const file = readSheetFile(path, t);
  const say = (line: string) => {
    if (!opts.json) io.out(line + '\n');
  };
  const printJson = (value: unknown) => io.out(JSON.stringify(value, null, 2) + '\n');
  await withCtx(opts.db, async (ctx) => {
    const preview = await sheet.preview(ctx, file, locale);
    const label = (field: P['fields'][number]) => sheet.label(field, t);
    say(
      t('cli.importFile', {
        file: path,
        encoding: preview.encoding.toUpperCase(),
        row: preview.headerRow,
        total: preview.totalRows,
      }),
    );
    for (const line of describeMapping(preview, label, t)) say(line);
    if (preview.missingRequired.length) {
      throw new AppError('import_missing_column', {
        file: file.fileName,
        column: preview.fields
          .filter((f) => preview.missingRequired.includes(f.key))
          .map(label)
          .join(t('common.listSeparator')),
      });
    }

    const importable = sheet.importable?.(preview) ?? preview.validRows > 0;
    if (opts.dryRun && opts.json) printJson(preview);
    if (opts.dryRun || sheet.problemsBeforeCommit || !importable) {
      const total = sheet.refusedRows?.(preview);
      for (const line of describeProblems(preview.problems, t, { total })) say(line);
    }
    if (!importable) throw new CliExit(exitCodes.input, t('cli.nothingToImport'));
    if (opts.dryRun) {
      for (const line of sheet.reportPreview?.(preview, t) ?? []) say(line);
      return;
    }
    const result = await sheet.commit(ctx, file, preview, locale);
    if (opts.json) {
      printJson(result);
      return;
    }
    for (const line of sheet.reportResult(result, t)) say(line);
  });
}

/**
 * Refused rows under a heading that counts all of them ("3 rows will be skipped:" by default); "…" when only
 * the first ones are listed.
 */
export function describeProblems(
  problems: RowProblem[],
  t: TFunction,
  { heading = 'cli.problems', total = problems.length }: { heading?: string; total?: number } = {},
): string[] {
  if (!problems.length) return [];
  const lines = [t(heading, { count: total })];
  for (const p of problems) lines.push('  ' + t('import.rowProblem', { ...p }));
  if (total > problems.length) lines.push('  …');
  return lines;
}

/** Adds `<parent> import <file>` with --db, --dry-run, any `options` of its own and --json. */
export function addSheetImportCommand<P extends SheetPreview, R, O extends object = object>(
  parent: Command,
  io: Io,
  command: {
    description: string;
    /** What the file argument is. */
    file: string;
    /** What --dry-run shows. */
    dryRun: string;
    options?: [flags: string, description: string][];
    /** Help text above the exit codes. */
    help: string;
    sheet: (opts: SheetImportOptions & O) => SheetImport<P, R>;
  },
): Command {
  const cmd = parent
    .command('import')
    .description(command.description)
    .argument('<file>', command.file)
    .addOption(dbOption())
    .option('--dry-run', command.dryRun);
  for (const [flags, description] of command.options ?? []) cmd.option(flags, description);
  return cmd
    .option('--json', 'print the preview (with --dry-run) or the result as JSON')
    .addHelpText('after', `\n${command.help}\n${exitCodeHelp}`)
    .action((path: string, opts: SheetImportOptions & O) =>
      runSheetImport(io, path, opts, command.sheet(opts)),
    );
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
