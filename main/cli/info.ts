// `wardside info`: the database path, schema version, replica and record counts.
import type { Command } from 'commander';
import { appInfo } from '#services/reference/info.ts';
import { dbOption, exitCodeHelp, withCtx, type Io } from './common.ts';
import { summary } from './summaries.ts';

export function addInfoCommand(program: Command, io: Io) {
  program
    .command('info')
    .description(summary('info'))
    .addOption(dbOption())
    .option('--json', 'print JSON')
    .addHelpText('after', exitCodeHelp)
    .action((opts: { db?: string; json?: boolean }) =>
      withCtx(opts.db, (ctx) => {
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
      }),
    );
}
