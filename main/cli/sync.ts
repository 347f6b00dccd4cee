// `wardside demo | export | import | dump | conflicts list`: sync by export files from the command line
// (issue #4), over the same services as the Sync screen. Import exits 4 when any file is refused; the files
// that passed are still imported (each refused file writes nothing), and each line says which is which.
import { readFileSync } from 'node:fs';
import { writePrivateFile } from '#services/core/private-files.ts';
import { basename, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { translator } from '#contract/i18n/index.ts';
import type { FileResult, ImportCounts } from '#contract/index.ts';
import { runDemo } from '#services/demo/demo.ts';
import { runPilotDemo } from '#services/demo/pilot.ts';
import { ensureReplica } from '#services/core/settings.ts';
import { listConflicts } from '#services/sync/conflicts.ts';
import { clockStatus, reissueChanges } from '#services/sync/clock.ts';
import { dumpState } from '#services/sync/dump.ts';
import { exportChanges, importFiles } from '#services/sync/exchange.ts';
import { CliExit, cliLocale, dbOption, exitCodeHelp, exitCodes, withCtx, type Io } from './common.ts';
import { summary } from './summaries.ts';

const passphraseOption = () =>
  new Option(
    '--passphrase-env <VAR>',
    'read the passphrase from this environment variable (never from argv)',
  );

function passphraseFrom(variable: string | undefined): string | undefined {
  if (!variable) return undefined;
  const value = process.env[variable];
  if (!value) {
    const t = translator(cliLocale());
    throw new CliExit(exitCodes.usage, t('cli.passphraseMissing', { variable }));
  }
  return value;
}

function integer(name: string, min: number) {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min)
      throw new CliExit(exitCodes.usage, `${name} must be an integer ≥ ${min}`);
    return n;
  };
}

function countsLine(c: ImportCounts): string {
  return (
    `new ${c.newRecords}, updated ${c.updatedRecords}, deleted ${c.deletedRecords}, ` +
    `conflicts ${c.newConflicts}, unchanged ${c.unchanged}, attachments ${c.attachments} (${c.newChanges} new changes)`
  );
}

export function addSyncCommands(program: Command, io: Io) {
  program
    .command('demo')
    .description(summary('demo'))
    .addOption(dbOption())
    .option('--replica <name>', 'label of this database’s replica (kept if it already has this label)')
    .option('--seed <n>', 'random seed', integer('--seed', 0), 1)
    .option('--issues <n>', 'pilot issues to create', integer('--issues', 0), 0)
    .option('--edits <n>', 'random edits, archives and deletes of existing records', integer('--edits', 0), 0)
    .option(
      '--days <n>',
      'simulate an N-day pilot ending today (issues, training, dual run, downtime)',
      integer('--days', 1),
    )
    .addHelpText('after', exitCodeHelp)
    .action(
      (opts: { db?: string; replica?: string; seed: number; issues: number; edits: number; days?: number }) =>
        withCtx(opts.db, (ctx) => {
          const replica = opts.replica ?? ensureReplica(ctx).label ?? 'DEMO';
          if (opts.days !== undefined) {
            const p = runPilotDemo(ctx, { replica, seed: opts.seed, days: opts.days });
            io.out(
              `replica ${p.replica}: ${p.days}-day pilot ${p.from} – ${p.to}: ${p.issues} issues, ` +
                `${p.sessions} training sessions, ${p.runs} dual-run days, ${p.downtimes} downtime events\n`,
            );
          }
          if (opts.days !== undefined && opts.issues === 0 && opts.edits === 0) return;
          const result = runDemo(ctx, { ...opts, replica });
          const e = result.edits;
          io.out(
            `replica ${result.replica}: created ${result.createdIssues} issues; ` +
              `edits: ${e.updated} updated, ${e.transitioned} moved on, ${e.archived} archived/restored, ${e.deleted} deleted\n`,
          );
        }),
    );

  program
    .command('export')
    .description(summary('export'))
    .addOption(dbOption())
    .requiredOption('--out <file>', 'the file to write')
    .addOption(passphraseOption())
    .addHelpText('after', exitCodeHelp)
    .action((opts: { db?: string; out: string; passphraseEnv?: string }) =>
      withCtx(opts.db, (ctx) => {
        const file = exportChanges(ctx, { passphrase: passphraseFrom(opts.passphraseEnv) });
        writePrivateFile(resolve(opts.out), file.bytes);
        const c = file.manifest.counts;
        io.out(
          `exported ${c.records} records (${c.changes} changes, ${c.attachments} attachments) to ${opts.out}` +
            `${file.manifest.encryption ? ', encrypted' : ''}, ${file.bytes.length} bytes\n`,
        );
        if (file.warning) {
          io.err(`${translator(cliLocale())(`errors.${file.warning.code}`, file.warning.params)}\n`);
        }
      }),
    );

  program
    .command('import')
    .description(summary('import'))
    .addOption(dbOption())
    .argument('<files...>', 'export files')
    .option('--dry-run', 'show what would change, write nothing')
    .addOption(passphraseOption())
    .addHelpText('after', exitCodeHelp)
    .action((files: string[], opts: { db?: string; dryRun?: boolean; passphraseEnv?: string }) =>
      withCtx(opts.db, (ctx) => {
        const t = translator(cliLocale());
        const passphrase = passphraseFrom(opts.passphraseEnv);
        const unreadable: FileResult[] = [];
        const inputs: { name: string; bytes: Buffer }[] = [];
        for (const file of files) {
          try {
            inputs.push({ name: basename(file), bytes: readFileSync(file) });
          } catch (error) {
            unreadable.push({
              file: basename(file),
              outcome: 'refused',
              replica: null,
              exportedAt: null,
              encrypted: false,
              counts: null,
              project: null,
              removed: [],
              removedByTable: {},
              error: {
                code: 'import_unreadable',
                params: { file, detail: (error as NodeJS.ErrnoException).code ?? String(error) },
              },
            });
          }
        }
        const report =
          inputs.length > 0
            ? importFiles(ctx, inputs, { dryRun: opts.dryRun, passphrase })
            : { dryRun: Boolean(opts.dryRun), files: [], totals: null };
        const results = [...report.files, ...unreadable];
        for (const r of results) {
          const from = r.replica ? ` from ${r.replica.label ?? r.replica.id}` : '';
          if (r.outcome === 'refused')
            io.err(`${r.file}: refused: ${t(`errors.${r.error!.code}`, r.error!.params)}\n`);
          else if (r.outcome === 'already_seen')
            io.out(`${r.file}${from}: already imported, nothing to do\n`);
          else {
            io.out(
              `${r.file}${from}: ${opts.dryRun ? 'would import' : 'imported'}: ${countsLine(r.counts!)}\n`,
            );
            // What the file deletes or hides, children included, by name (issue #11, item 5).
            const byTable = Object.entries(r.removedByTable);
            if (byTable.length > 0) {
              const verb = opts.dryRun ? 'would delete' : 'deleted';
              io.out(`  ${verb}: ${byTable.map(([k, n]) => `${k} ${n}`).join(', ')}\n`);
            }
            for (const gone of r.removed) {
              io.out(
                `  ${opts.dryRun ? 'would delete' : 'deleted'} ${gone.table} ${gone.label ?? gone.id}\n`,
              );
            }
            const more = r.counts!.deletedRecords - r.removed.length;
            if (more > 0) io.out(`  … and ${more} more\n`);
          }
        }
        if (report.totals && results.length > 1) io.out(`total: ${countsLine(report.totals)}\n`);
        if (opts.dryRun) io.out('dry run: nothing was written\n');
        if (results.some((r) => r.outcome === 'refused')) throw new CliExit(exitCodes.input, '');
      }),
    );

  program
    .command('dump')
    .description(summary('dump'))
    .addOption(dbOption())
    .addHelpText('after', exitCodeHelp)
    .action((opts: { db?: string }) => withCtx(opts.db, (ctx) => io.out(dumpState(ctx))));

  const clock = program.command('clock').description(summary('clock'));
  clock
    .command('check')
    .description('warn when this laptop’s clock is far behind changes it holds')
    .addOption(dbOption())
    .option('--json', 'print JSON')
    .addHelpText('after', exitCodeHelp)
    .action((opts: { db?: string; json?: boolean }) =>
      withCtx(opts.db, (ctx) => {
        const status = clockStatus(ctx);
        if (opts.json) {
          io.out(JSON.stringify(status, null, 2) + '\n');
          return;
        }
        io.out(`clock ${status.now}, newest change held ${status.newest ?? '-'}\n`);
        if (!status.warning) {
          io.out('ok: the clock is not behind the changes held\n');
          return;
        }
        io.err(
          `warning: this laptop's clock is ${Math.round(status.behindMs / 3_600_000)} h behind changes it holds ` +
            `(${status.ahead.own} of its own, ${status.ahead.others} from other devices). Either the clock is wrong ` +
            `now (fix it), or it was wrong before: then run \`wardside clock reissue\` to re-issue this laptop's ` +
            `own changes under the corrected clock.\n`,
        );
        throw new CliExit(exitCodes.input, '');
      }),
    );
  clock
    .command('reissue')
    .description(
      'after fixing a clock that ran ahead: re-issue this laptop’s far-ahead changes under the clock now',
    )
    .addOption(dbOption())
    .addHelpText('after', exitCodeHelp)
    .action((opts: { db?: string }) =>
      withCtx(opts.db, (ctx) => {
        const before = clockStatus(ctx);
        const { reissued } = reissueChanges(ctx);
        io.out(`re-issued ${reissued} changes of this laptop under the clock now (${before.now})\n`);
        if (before.ahead.exportedOwn > 0) {
          io.out(
            `note: ${before.ahead.exportedOwn} of them were in files exported before; other laptops refused ` +
              `those files, so export again and send the new file\n`,
          );
        }
        if (before.ahead.others > 0) {
          io.out(`${before.ahead.others} changes from other devices are still ahead of this clock\n`);
        }
      }),
    );

  const conflicts = program.command('conflicts').description(summary('conflicts'));
  conflicts
    .command('list')
    .description('list open conflicts with every value, who, when and on which device')
    .addOption(dbOption())
    .option('--json', 'print JSON')
    .addHelpText('after', exitCodeHelp)
    .action((opts: { db?: string; json?: boolean }) =>
      withCtx(opts.db, (ctx) => {
        const list = listConflicts(ctx);
        if (opts.json) {
          io.out(JSON.stringify(list, null, 2) + '\n');
          return;
        }
        if (list.length === 0) {
          io.out('no open conflicts\n');
          return;
        }
        for (const c of list) {
          io.out(`${c.tableName} ${c.record} · ${c.field}\n`);
          for (const [mark, v] of [
            ['shown', c.shown] as const,
            ...c.others.map((o) => ['other', o] as const),
          ]) {
            const who = [v.author, v.replicaLabel ?? v.replicaId.slice(-8)].filter(Boolean).join(' @ ');
            io.out(`  ${mark.padEnd(5)}  ${JSON.stringify(v.display ?? v.value)}  (${who}, ${v.at})\n`);
          }
        }
      }),
    );
}
