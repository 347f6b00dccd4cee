// The one-line summary of every top-level `wardside` command, as `wardside --help` lists it. Read by
// commands.ts (the list shown without loading any command) and by the module that adds each command.
export const summaries = {
  info: 'show the database path, schema version, replica id and record counts',
  issues: 'pilot issues (试运行问题): list, import a sheet, export to Excel',
  demo: 'fill or edit a database with realistic random data, deterministic for a seed; --days N simulates an N-day pilot ending today',
  export: 'write everything this database knows to one .wardside file',
  import: 'import .wardside files: each is verified first; refused files write nothing',
  dump: 'print the replicated state as canonical JSON (identical on replicas that hold the same changes)',
  conflicts: 'fields changed concurrently on two laptops',
  staff: 'staff directory (人员花名册): import the hospital roster',
  training: 'training register (培训): go-live readiness',
  reconcile: 'compare an old-system and a new-system export (dual run) with a profile',
  kb: 'knowledge base (知识库): list and search articles, export the FAQ',
  survey: 'satisfaction surveys (满意度调查): import 问卷星/腾讯问卷 results, print the summary',
  report: 'the figures of a period (--json) or a report as .docx / .xlsx (--out)',
  departments: 'the project’s departments (科室): import the department list, list them',
  people: 'the staff directory (人员)',
  clock: 'this laptop’s clock against the changes it holds, and a way back after a wrong clock',
  project: 'the project this database belongs to (its identity travels in export files)',
  requests: 'requirement requests (需求申请): import a 需求清单, list by tier and status',
  changes: 'change control (变更控制): the change records',
  hub: 'sync through a PostgreSQL hub (sync server)',
} as const satisfies Record<string, string>;

export type CommandName = keyof typeof summaries;

export const summary = (name: CommandName): string => summaries[name];
