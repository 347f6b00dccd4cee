// `wardside reconcile`: the dual-run comparison of two exports from the command line (issue #5), with the
// same engine as the app. Prints a summary; writes the JSON report and the discrepancy list on request;
// `--save` stores the run in the workspace like the app does. Exit codes follow the issue's contract for
// automation: 0 the comparison ran (whatever it found), 1 with --fail-on-diff when anything differs,
// 2 bad input (profile, files, options).
import { readFileSync } from 'node:fs';
import { writePrivateFile } from '#services/core/private-files.ts';
import { basename } from 'node:path';
import { Command, Option } from 'commander';
import type { TFunction } from 'i18next';
import { translator } from '#contract/i18n/index.ts';
import { AppError } from '#services/core/errors.ts';
import { neutraliseFormula } from '#services/sheets/formula.ts';
import {
  parseProfile,
  reconcile,
  type Profile,
  type ReconcileResult,
} from '#services/reconcile/engine/index.ts';
import { CliExit, cliLocale, dbOption, withCtx, type Io } from './common.ts';
import { summary } from './summaries.ts';
import { displayWidth, padCell as pad } from './common.ts';

/** The exit codes of this command (issue #5), documented in its --help. */
export const reconcileExitCodes = { ran: 0, differences: 1, badInput: 2 } as const;

const encodings = ['auto', 'utf-8', 'gb18030', 'gbk', 'utf-16le'] as const;

interface ReconcileOptions {
  profile: string;
  old: string;
  new: string;
  json?: string;
  csv?: string;
  save?: boolean;
  domain?: string;
  date?: string;
  encodingOld: (typeof encodings)[number];
  encodingNew: (typeof encodings)[number];
  failOnDiff?: boolean;
  db?: string;
}

const helpText = `
Profile JSON:
  {"name": "门诊收费明细", "columns": [
    {"old": "就诊号", "new": "visit_no", "key": true},
    {"old": "金额", "new": "amount", "compare": "number", "tolerance": 0.005},
    {"old": "收费时间", "new": "charged_at", "compare": "datetime"},
    {"old": "状态", "new": "status"}]}
  compare: text (default, trimmed) · number (by value, thousands separators) · datetime · ignore

Exit codes:
  0  the comparison ran (whatever it found)
  1  --fail-on-diff and something differs (or an unexpected error)
  2  bad input: profile, files, options`;

const engineEncoding = (value: (typeof encodings)[number]) => (value === 'gbk' ? 'gb18030' : value);

/** A CSV cell, quoted when needed; text Excel could run as a formula is neutralised. */
const cell = (value: string | number | null) => {
  if (value === null) return '';
  const text =
    typeof value === 'number' || /^-?\d+(\.\d+)?$/.test(value) ? String(value) : neutraliseFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** The discrepancy list as UTF-8 CSV with a BOM (Excel), formula-like text neutralised. */
/**
 * The --json report: the run and its summary indented, then one discrepancy per line. Readable and
 * line-diffable like an indented report, a fraction of its size and time at tens of thousands of
 * discrepancies (issue #17); the same JSON value.
 */
export function reportJson(
  run: { profile: string; oldFile: string; newFile: string },
  result: ReconcileResult,
): string {
  const { discrepancies, ...rest } = result;
  const head = JSON.stringify({ ...run, ...rest }, null, 2);
  const lines = discrepancies.map((d) => `    ${JSON.stringify(d)}`).join(',\n');
  return `${head.slice(0, -2)},\n  "discrepancies": [${lines ? `\n${lines}\n  ` : ''}]\n}\n`;
}

export function discrepanciesCsv(result: ReconcileResult, t: TFunction): string {
  const header = ['key', 'kind', 'column', 'oldValue', 'newValue', 'oldRow', 'newRow'].map((h) =>
    t(`reconcileCli.csv.${h}`),
  );
  const lines = [header.map(cell).join(',')];
  for (const d of result.discrepancies) {
    lines.push(
      [
        d.key.join(' / '),
        t(`reconcileCli.kinds.${d.kind}`),
        d.column,
        d.oldValue,
        d.newValue,
        d.oldRow,
        d.newRow,
      ]
        .map(cell)
        .join(','),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * 1234567.5 → "1,234,567.5": thousands grouped, every decimal kept. Not toLocaleString: it keeps three
 * decimals at most, and its first call loads the number-formatting data (30 ms of every comparison).
 */
export function n(value: number): string {
  const text = String(value);
  if (!/^-?\d+(\.\d+)?$/.test(text)) return text;
  const point = text.indexOf('.');
  const whole = point < 0 ? text : text.slice(0, point);
  return whole.replace(/\B(?=(\d{3})+$)/g, ',') + (point < 0 ? '' : text.slice(point));
}

/** The readable summary printed on stdout. */
export function summaryText(
  profile: Profile,
  result: ReconcileResult,
  files: { old: string; new: string },
  t: TFunction,
): string {
  const s = result.summary;
  const rows: [string, string][] = [
    [
      t('reconcileCli.oldFile', { file: files.old }),
      t('reconcileCli.rows', { count: s.oldRows, rows: n(s.oldRows) }),
    ],
    [
      t('reconcileCli.newFile', { file: files.new }),
      t('reconcileCli.rows', { count: s.newRows, rows: n(s.newRows) }),
    ],
    [t('reconcileCli.matched'), n(s.matched)],
    [t('reconcileCli.missingInNew'), n(s.missingInNew)],
    [t('reconcileCli.missingInOld'), n(s.missingInOld)],
    [t('reconcileCli.rowsWithDifferences'), n(s.rowsWithDifferences)],
    [
      t('reconcileCli.duplicateKeys'),
      t('reconcileCli.oldNew', { old: n(s.duplicateKeysOld), new: n(s.duplicateKeysNew) }),
    ],
  ];
  const differing = Object.entries(s.fieldDifferences).filter(([, count]) => count > 0);
  for (const [column, count] of differing) rows.push([`  ${column}`, n(count)]);
  rows.push([t('reconcileCli.controlTotals'), '']);
  const numberColumns = profile.columns.filter((c) => c.compare === 'number');
  for (const c of numberColumns) {
    const old = s.controlTotals.old.sums[c.old] ?? 0;
    const now = s.controlTotals.new.sums[c.new] ?? 0;
    const label = c.old === c.new ? c.new : `${c.new} (${c.old})`;
    rows.push([
      `  ${label}`,
      t('reconcileCli.oldNew', { old: n(old), new: n(now) }) + (old === now ? '' : ' ≠'),
    ]);
  }
  const width = Math.max(...rows.map(([label]) => displayWidth(label)));
  const lines = [
    t('reconcileCli.title', { name: profile.name, seconds: (result.elapsedMs / 1000).toFixed(2) }),
  ];
  for (const [label, value] of rows) lines.push(`  ${pad(label, width)}  ${value}`.trimEnd());
  const anything =
    s.missingInNew + s.missingInOld + s.rowsWithDifferences + s.duplicateKeysOld + s.duplicateKeysNew;
  lines.push(anything ? t('reconcileCli.found', { count: anything }) : t('reconcileCli.clean'));
  if (result.truncated) lines.push(t('reconcileCli.truncated', { count: result.discrepancies.length }));
  return lines.join('\n') + '\n';
}

function refuse(message: string): never {
  throw new CliExit(reconcileExitCodes.badInput, message);
}

export function addReconcileCommand(program: Command, io: Io): void {
  program
    .command('reconcile')
    .description(summary('reconcile'))
    .requiredOption('--profile <file>', 'profile JSON: column mapping, keys, compare rules')
    .requiredOption('--old <file>', 'the old system’s export (.csv or .xlsx)')
    .requiredOption('--new <file>', 'the new system’s export (.csv or .xlsx)')
    .option('--json <file>', 'write the report (summary and discrepancies) as JSON')
    .option('--csv <file>', 'write the discrepancies as CSV')
    .option('--save', 'store the run in the workspace (needs --domain and --date)')
    .option('--domain <name>', 'data domain of the run (门诊收费…); its profile is created on first use')
    .option('--date <YYYY-MM-DD>', 'business day the exports describe')
    .addOption(
      new Option('--encoding-old <encoding>', 'text encoding of --old').choices(encodings).default('auto'),
    )
    .addOption(
      new Option('--encoding-new <encoding>', 'text encoding of --new').choices(encodings).default('auto'),
    )
    .option('--fail-on-diff', 'exit with 1 when anything differs')
    .addOption(dbOption())
    .addHelpText('after', helpText)
    .action(async (opts: ReconcileOptions) => {
      const t = translator(cliLocale());

      if (opts.save && (!opts.domain || !opts.date)) refuse(t('reconcileCli.saveNeeds'));
      try {
        let profileText: string;
        try {
          profileText = readFileSync(opts.profile, 'utf8');
        } catch (error) {
          throw new AppError('reconcile_unreadable', {
            file: opts.profile,
            detail: (error as Error).message,
          });
        }
        const profile = parseProfile(profileText, basename(opts.profile));
        const result = await reconcile({
          profile,
          oldFile: opts.old,
          newFile: opts.new,
          encodingOld: engineEncoding(opts.encodingOld),
          encodingNew: engineEncoding(opts.encodingNew),
        });
        io.out(summaryText(profile, result, { old: basename(opts.old), new: basename(opts.new) }, t));
        const write = (file: string, text: string) => {
          try {
            writePrivateFile(file, text);
          } catch (error) {
            refuse(t('cli.cannotWrite', { file, detail: (error as Error).message }));
          }
        };
        if (opts.json) {
          write(
            opts.json,
            reportJson({ profile: profile.name, oldFile: opts.old, newFile: opts.new }, result),
          );
          io.out(t('reconcileCli.wroteJson', { file: opts.json }) + '\n');
        }
        if (opts.csv) {
          write(opts.csv, discrepanciesCsv(result, t));
          io.out(t('reconcileCli.wroteCsv', { file: opts.csv, count: result.discrepancies.length }) + '\n');
        }
        if (opts.save) {
          // Loaded only to save: the database schema and the workspace's code are not needed to compare.
          const { saveRun } = await import('#services/reconcile/runs.ts');
          const run = await withCtx(opts.db, (ctx) =>
            saveRun(ctx, {
              domain: opts.domain!,
              businessDate: opts.date!,
              profile,
              result,
              oldFile: opts.old,
              newFile: opts.new,
            }),
          );
          io.out(
            t('reconcileCli.saved', {
              domain: run.domain,
              date: run.businessDate,
              newItems: run.newItems,
              carriedItems: run.carriedItems,
              reopenedItems: run.reopenedItems,
            }) + '\n',
          );
        }
        const s = result.summary;
        const differs =
          s.missingInNew + s.missingInOld + s.rowsWithDifferences + s.duplicateKeysOld + s.duplicateKeysNew;
        if (opts.failOnDiff && differs > 0) throw new CliExit(reconcileExitCodes.differences, '');
      } catch (error) {
        if (error instanceof AppError) refuse(t(`errors.${error.code}`, error.params));
        throw error;
      }
    });
}
