// Every top-level `wardside` command: its one-line summary and the module that adds it. `wardside --help`
// reads only this table; running a command loads only the module that adds it (and what that module
// imports), so start-up does not grow with the number of areas. Area modules take their summary from here
// (`summary('issues')`); tests/unit/cli.test.ts checks that the table and the modules agree.
import type { Command } from 'commander';
import type { Io } from './common.ts';

type AddCommands = (program: Command, io: Io) => void;

export interface CommandModule {
  /** Top-level command name → the line `wardside --help` shows. */
  commands: Record<string, string>;
  load: () => Promise<AddCommands>;
}

export const commandModules: CommandModule[] = [
  {
    commands: { info: 'show the database path, schema version, replica id and record counts' },
    load: async () => (await import('./info.ts')).addInfoCommand,
  },
  {
    commands: { issues: 'pilot issues (试运行问题): list, import a sheet, export to Excel' },
    load: async () => (await import('./issues.ts')).addIssueCommands,
  },
  {
    commands: {
      demo: 'fill or edit a database with realistic random data, deterministic for a seed',
      export: 'write everything this database knows to one .wardside file',
      import: 'import .wardside files: each is verified first; refused files write nothing',
      dump: 'print the replicated state as canonical JSON (identical on replicas that hold the same changes)',
      conflicts: 'fields changed concurrently on two laptops',
    },
    load: async () => (await import('./sync.ts')).addSyncCommands,
  },
  {
    commands: {
      staff: 'staff directory (人员花名册): import the hospital roster',
      training: 'training register (培训): go-live readiness',
    },
    load: async () => (await import('./training.ts')).addTrainingCommands,
  },
  {
    commands: { reconcile: 'compare an old-system and a new-system export (dual run) with a profile' },
    load: async () => (await import('./reconcile.ts')).addReconcileCommand,
  },
];

/** The summary of a top-level command, for the module that adds it. */
export function summary(name: string): string {
  const found = commandModules.find((m) => name in m.commands);
  if (!found) throw new Error(`wardside ${name} is not listed in main/cli/commands.ts`);
  return found.commands[name]!;
}
