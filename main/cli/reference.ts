// `wardside departments import FILE | list` and `wardside people list`: the project's departments and the
// staff directory from the command line (issue #12), over the same services as the app. Also how every
// sheet import prints the department and system names it matched or created.
import type { Command } from 'commander';
import type { TFunction } from 'i18next';
import { translator } from '#contract/i18n/index.ts';
import type { ImportPreview, ImportResult, NameProposal } from '#contract/index.ts';
import { listDepartments } from '#services/reference/departments.ts';
import { listPeople } from '#services/reference/people.ts';
import { commitImport, previewImport } from '#services/reference/reference-import.ts';
import {
  addSheetImportCommand,
  cliLocale,
  dbOption,
  exitCodeHelp,
  formatTable,
  withCtx,
  type Io,
  type SheetImport,
} from './common.ts';
import { summary } from './summaries.ts';

/** One line per unknown name: what importing does (did) with it. */
export function describeNames(
  names: NameProposal[],
  kind: 'departments' | 'systems',
  t: TFunction,
): string[] {
  if (!names.length) return [];
  return [
    t(`import.names.${kind}`, { count: names.length }),
    ...names.map(
      (n) =>
        '  ' +
        t(
          n.action === 'match'
            ? 'import.names.match'
            : kind === 'departments'
              ? 'import.names.createDepartment'
              : 'import.names.create',
          { ...n, type: n.type ? t(`department.types.${n.type}`) : '' },
        ),
    ),
  ];
}

/** After writing: the departments (or systems) created and the names filed under existing ones. */
export function describeCreated(
  names: NameProposal[],
  kind: 'departments' | 'systems',
  t: TFunction,
): string[] {
  const sep = t('common.listSeparator');
  const created = names.filter((n) => n.action === 'create');
  const matched = names.filter((n) => n.action === 'match');
  const lines: string[] = [];
  if (created.length) {
    lines.push(
      t(kind === 'departments' ? 'import.names.created' : 'import.names.createdSystems', {
        names: created.map((n) => `${n.target}（${n.code}）`).join(sep),
      }),
    );
  }
  if (matched.length) {
    lines.push(t('import.names.matched', { names: matched.map((n) => `${n.name} → ${n.target}`).join(sep) }));
  }
  return lines;
}

const departmentSheet: SheetImport<ImportPreview, ImportResult> = {
  preview: (ctx, file) => previewImport(ctx, { kind: 'departments', ...file }),
  commit: (ctx, file, preview) =>
    commitImport(ctx, { kind: 'departments', ...file, mapping: preview.mapping }),
  label: (field, t) => t(`department.${field.key}`),
  refusedRows: (preview) => preview.skippedRows,
  problemsBeforeCommit: true,
  reportResult: (result, t) => [
    ...describeCreated(result.departments, 'departments', t),
    t('import.done', { ...result, skipped: result.skipped.length }),
  ],
};

export function addReferenceCommands(program: Command, io: Io) {
  const departments = program
    .command('departments')
    .description(summary('departments'))
    .addHelpText('after', exitCodeHelp);

  addSheetImportCommand(departments, io, {
    description: 'import or re-import the department list (.xlsx or .csv, UTF-8 or GB18030)',
    file: 'the department list: code, name, type, pilot phase (科室编码, 科室名称, 科室类型, 试点批次)',
    dryRun: 'show the mapping and per-row problems, write nothing',
    help: `Departments are matched by code (any case), then by name (case, width and spaces do not count): a
re-import updates them instead of adding duplicates. A row without a type gets one guessed from the name.
Exits 4 when the file is refused or no row can be imported.`,
    sheet: () => departmentSheet,
  });

  departments
    .command('list')
    .description('list the active departments')
    .addOption(dbOption())
    .option('--json', 'print JSON (an array of departments)')
    .option('--all', 'include archived departments')
    .addHelpText('after', exitCodeHelp)
    .action(async (opts: { db?: string; json?: boolean; all?: boolean }) => {
      const t = translator(cliLocale());
      await withCtx(opts.db, (ctx) => {
        const rows = listDepartments(ctx, { includeArchived: !!opts.all });
        if (opts.json) {
          io.out(JSON.stringify(rows, null, 2) + '\n');
          return;
        }
        io.out(
          formatTable(
            [t('department.code'), t('department.name'), t('department.type'), t('department.pilotPhase')],
            rows.map((d) => [
              d.code,
              d.name + (d.archivedAt ? ' ×' : ''),
              t(`department.types.${d.type}`),
              d.pilotPhase === null ? '-' : String(d.pilotPhase),
            ]),
          ) + '\n',
        );
        io.out(t('department.count', { count: rows.length }) + '\n');
      });
    });

  program
    .command('people')
    .description(summary('people'))
    .addHelpText('after', exitCodeHelp)
    .command('list')
    .description('list the active people (hospital staff and vendor engineers)')
    .addOption(dbOption())
    .option('--json', 'print JSON (an array of people)')
    .option('--all', 'include archived people')
    .addHelpText('after', exitCodeHelp)
    .action(async (opts: { db?: string; json?: boolean; all?: boolean }) => {
      const t = translator(cliLocale());
      await withCtx(opts.db, (ctx) => {
        const rows = listPeople(ctx, { includeArchived: !!opts.all });
        if (opts.json) {
          io.out(JSON.stringify(rows, null, 2) + '\n');
          return;
        }
        const departmentName = new Map(
          listDepartments(ctx, { includeArchived: true }).map((d) => [d.id, d.name]),
        );
        io.out(
          formatTable(
            [
              t('person.employeeNo'),
              t('person.name'),
              t('person.department'),
              t('person.role'),
              t('person.organisation'),
            ],
            rows.map((p) => [
              p.employeeNo ?? '-',
              p.name + (p.archivedAt ? ' ×' : ''),
              p.departmentId ? (departmentName.get(p.departmentId) ?? '-') : '-',
              p.title ?? (p.role ? t(`training.roles.${p.role}`) : '-'),
              t(`person.organisations.${p.organisation}`),
            ]),
          ) + '\n',
        );
        io.out(t('person.count', { count: rows.length }) + '\n');
      });
    });
}
