// `wardside project init | show` (issue #12, item 1): the project this database belongs to. `init` is the
// wizard's "new project" for scripted setups (a new random project identity, which every export file carries);
// `show` prints the project and its identity, so two laptops can check they are on the same one.
import { Command } from 'commander';
import { projectInput } from '#contract/index.ts';
import { projectIdentity } from '#services/core/project-identity.ts';
import { AppError } from '#services/core/errors.ts';
import { getProject, setupProject } from '#services/reference/project.ts';
import { dbOption, exitCodeHelp, withCtx, type Io } from './common.ts';
import { summary } from './summaries.ts';

export function addProjectCommands(program: Command, io: Io) {
  const project = program.command('project').description(summary('project'));
  project
    .command('init')
    .description('set up a new project (its own identity; files of other projects are refused)')
    .addOption(dbOption())
    .requiredOption('--hospital <name>', 'hospital name')
    .requiredOption('--project <name>', 'project name')
    .option('--go-live <date>', 'go-live date, YYYY-MM-DD')
    .option('--new-system <name>', 'the system going live', 'HIS')
    .addHelpText('after', exitCodeHelp)
    .action((opts: { db?: string; hospital: string; project: string; goLive?: string; newSystem: string }) =>
      withCtx(opts.db, (ctx) => {
        const parsed = projectInput.safeParse({
          hospital: opts.hospital,
          name: opts.project,
          newSystem: opts.newSystem,
          goLiveDate: opts.goLive ?? null,
        });
        if (!parsed.success) {
          const issue = parsed.error.issues[0]!;
          throw new AppError('invalid_input', { detail: `${issue.path.join('.')}: ${issue.message}` });
        }
        setupProject(ctx, { ...parsed.data, pilotDepartments: [] });
        printProject(ctx, io);
      }),
    );
  project
    .command('show')
    .description('print the project and its identity')
    .addOption(dbOption())
    .option('--json', 'print JSON')
    .addHelpText('after', exitCodeHelp)
    .action((opts: { db?: string; json?: boolean }) =>
      withCtx(opts.db, (ctx) => {
        if (opts.json) {
          const current = getProject(ctx);
          io.out(
            JSON.stringify({ identity: projectIdentity(ctx)?.id ?? null, project: current }, null, 2) + '\n',
          );
          return;
        }
        printProject(ctx, io);
      }),
    );
}

function printProject(ctx: Parameters<typeof getProject>[0], io: Io) {
  const current = getProject(ctx);
  if (!current) {
    io.out('no project yet (run `wardside project init`, or import a file of the project to join it)\n');
    return;
  }
  const rows: [string, string][] = [
    ['hospital', current.hospital],
    ['project', current.name],
    ['new system', current.newSystem],
    ['go-live', current.goLiveDate ?? '-'],
    ['project id', projectIdentity(ctx)?.id ?? '-'],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  io.out(rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n') + '\n');
}
