// Every top-level `wardside` command and the module that adds it. `wardside --help` reads only this list
// (and the summaries); running a command loads only the module that adds it (and what that module imports),
// so start-up does not grow with the number of areas. tests/unit/cli-start.test.ts checks that the list and
// the modules agree.
import type { Command } from 'commander';
import type { Io } from './common.ts';
import { summaries, type CommandName } from './summaries.ts';

type AddCommands = (program: Command, io: Io) => void;

export interface CommandModule {
  /** The top-level commands the module adds. */
  names: CommandName[];
  load: () => Promise<AddCommands>;
}

export const commandModules: CommandModule[] = [
  { names: ['info'], load: async () => (await import('./info.ts')).addInfoCommand },
  { names: ['issues'], load: async () => (await import('./issues.ts')).addIssueCommands },
  {
    names: ['demo', 'export', 'import', 'dump', 'conflicts', 'clock'],
    load: async () => (await import('./sync.ts')).addSyncCommands,
  },
  { names: ['staff', 'training'], load: async () => (await import('./training.ts')).addTrainingCommands },
  { names: ['reconcile'], load: async () => (await import('./reconcile.ts')).addReconcileCommand },
  { names: ['kb'], load: async () => (await import('./knowledge.ts')).addKnowledgeCommands },
  { names: ['survey'], load: async () => (await import('./surveys.ts')).addSurveyCommands },
  { names: ['report'], load: async () => (await import('./reports.ts')).addReportCommands },
  {
    names: ['departments', 'people'],
    load: async () => (await import('./reference.ts')).addReferenceCommands,
  },
  { names: ['project'], load: async () => (await import('./project.ts')).addProjectCommands },
  { names: ['requests', 'changes'], load: async () => (await import('./requests.ts')).addRequestCommands },
  { names: ['hub'], load: async () => (await import('./hub.ts')).addHubCommands },
];

export { summaries };
