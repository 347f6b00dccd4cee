// The project's reference data (project, departments, systems, people, staff roles), app info and this
// laptop's settings: value sets, record shapes and the contract slice, shared by main, preload and renderer.
import { z } from 'zod';
import { column, timestampColumns, type ColumnSchemas } from './columns.ts';
import {
  archiveInput,
  base64Content,
  columnMapping,
  empty,
  id,
  optionalText,
  returns,
  text,
} from './schemas.ts';
import {
  locales,
  departmentTypes,
  organisations,
  staffRoles,
  importKinds,
  type Locale,
  type DepartmentType,
  type Organisation,
  type StaffRole,
  type ImportKind,
} from './values/reference.ts';
export * from './values/reference.ts';

/** Largest roster/department file accepted through the contract (base64 travels over IPC/HTTP). */
export const maxImportBytes = 20 * 1024 * 1024;

export interface Project {
  id: string;
  hospital: string;
  name: string;
  newSystem: string;
  goLiveDate: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Department {
  id: string;
  code: string;
  name: string;
  type: DepartmentType;
  pilotPhase: number | null;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface SystemModule {
  id: string;
  systemId: string;
  name: string;
  archivedAt: string | null;
}

export interface SystemWithModules {
  id: string;
  code: string;
  name: string;
  vendor: string | null;
  sortOrder: number;
  archivedAt: string | null;
  modules: SystemModule[];
}

export interface Person {
  id: string;
  name: string;
  role: StaffRole | null;
  /** The job title as the roster says it (护士长, 主治医师); the role is derived from it on import. */
  title: string | null;
  /** In-house champion trainer (金牌讲师). */
  champion: boolean;
  phone: string | null;
  organisation: Organisation;
  departmentId: string | null;
  employeeNo: string | null;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface AppInfo {
  version: string;
  dbPath: string;
  schemaVersion: number;
  replicaId: string;
  replicaLabel: string | null;
  counts: { departments: number; systems: number; modules: number; people: number };
  locale: Locale;
  projectConfigured: boolean;
}

export interface ImportField {
  key: string;
  required: boolean;
}

export interface RowProblem {
  /** 1-based row number as the user sees it in Excel. */
  row: number;
  message: string;
}

export interface ImportPreview {
  kind: ImportKind;
  fileName: string;
  format: 'csv' | 'xlsx';
  encoding: 'utf-8' | 'utf-8-bom' | 'gb18030' | 'xlsx';
  sheetName: string | null;
  headerRow: number;
  columns: string[];
  fields: ImportField[];
  mapping: Record<string, number | null>;
  sample: string[][];
  totalRows: number;
  missingRequired: string[];
  problems: RowProblem[];
  validRows: number;
  /**
   * People imports only: hospital staff with an employee number who are not in this file (they left);
   * archived on import unless the caller keeps them. Empty when the file has no employee-number column.
   */
  leaving?: PersonRef[];
  /**
   * People imports only: true when the file's departments cover only part of the directory (a roster of
   * some wards): archiving the people it does not list is then off unless the user chooses it.
   */
  partialRoster?: boolean;
  /** Department names the file uses that the project does not have: matched or created on import. */
  unknownDepartments: NameProposal[];
  /** Every refused row counted (`problems` lists every one). */
  skippedRows: number;
}

/**
 * A department (or system) name a sheet uses that the project does not have yet, with how many rows use
 * it and what importing does with it: `match` files the rows under an existing record with a close name
 * (心内科 ~ 心血管内科), `create` makes a new record (departments: type guessed from the name).
 */
export interface NameProposal {
  name: string;
  rows: number;
  action: 'match' | 'create';
  /** The existing record's code and name (match), or the new record's (create). */
  code: string;
  target: string;
  /** Departments created: the guessed type. */
  type?: DepartmentType;
}

export interface PersonRef {
  id: string;
  name: string;
  employeeNo: string | null;
}

/** Who a roster import added, changed (with the fields) and found gone (archived, never deleted). */
export interface RosterChanges {
  added: PersonRef[];
  changed: (PersonRef & { fields: string[] })[];
  left: PersonRef[];
}

export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
  skipped: RowProblem[];
  /** People imports only. */
  roster?: RosterChanges;
  /** Departments created for names the file used, and names filed under an existing department. */
  departments: NameProposal[];
}

const isoDate = z.iso.date();
const pilotPhase = z.number().int().min(1).max(9).nullable();

export const departmentInput = z.object({
  code: text(32),
  name: text(64),
  type: z.enum(departmentTypes),
  pilotPhase: pilotPhase.default(null),
});

export const personInput = z.object({
  name: text(64),
  role: z
    .enum(staffRoles)
    .nullish()
    .transform((v) => v ?? null),
  title: optionalText(64),
  champion: z.boolean().default(false),
  phone: optionalText(32).refine((v) => v === null || /^[0-9+\-() ]{3,32}$/.test(v), {
    message: 'phone may contain digits, spaces and + - ( ) only',
  }),
  organisation: z.enum(organisations),
  departmentId: id.nullish().transform((v) => v ?? null),
  employeeNo: optionalText(32),
});

export const systemInput = z.object({
  code: text(16),
  name: text(64),
  vendor: optionalText(64),
});

export const projectInput = z.object({
  hospital: text(100),
  name: text(100),
  newSystem: text(64),
  goLiveDate: isoDate.nullable(),
});

/** A sheet (xlsx or csv) the user picked, as it crosses IPC/HTTP. */
export const uploadedSheet = z.object({ fileName: text(255), contentBase64: base64Content(maxImportBytes) });
const importFile = uploadedSheet.extend({ kind: z.enum(importKinds) });
/** Department names whose proposed close match the user declined in the preview: created instead. */
export const declinedMatches = z.array(text(200)).max(500);

/** The project's reference data (project, departments, systems, people), app info and this laptop's settings. */
export const referenceContract = {
  'app.info': returns<AppInfo>()(empty),
  'settings.setLocale': returns<{ locale: Locale }>()(z.object({ locale: z.enum(locales) })),
  'project.get': returns<Project | null>()(empty),
  'project.setup': returns<Project>()(
    projectInput.extend({ pilotDepartments: z.array(departmentInput.omit({ pilotPhase: true })).max(20) }),
  ),
  'project.update': returns<Project>()(projectInput),
  'departments.list': returns<Department[]>()(
    z.object({ includeArchived: z.boolean().default(false) }).default({ includeArchived: false }),
  ),
  'departments.create': returns<Department>()(departmentInput),
  'departments.update': returns<Department>()(departmentInput.extend({ id })),
  'departments.archive': returns<Department>()(archiveInput),
  'systems.list': returns<SystemWithModules[]>()(
    z.object({ includeArchived: z.boolean().default(false) }).default({ includeArchived: false }),
  ),
  'systems.create': returns<SystemWithModules>()(systemInput),
  'systems.update': returns<SystemWithModules>()(systemInput.extend({ id })),
  'systems.archive': returns<SystemWithModules>()(archiveInput),
  'systems.addModule': returns<SystemModule>()(z.object({ systemId: id, name: text(64) })),
  'systems.renameModule': returns<SystemModule>()(z.object({ id, name: text(64) })),
  'systems.archiveModule': returns<SystemModule>()(archiveInput),
  'people.list': returns<Person[]>()(
    z.object({ includeArchived: z.boolean().default(false) }).default({ includeArchived: false }),
  ),
  'people.create': returns<Person>()(personInput),
  'people.update': returns<Person>()(personInput.extend({ id })),
  'people.archive': returns<Person>()(archiveInput),
  'imports.preview': returns<ImportPreview>()(
    importFile.extend({
      mapping: columnMapping.optional(),
      createDepartments: z.boolean().default(true),
      declinedMatches: declinedMatches.optional(),
    }),
  ),
  'imports.commit': returns<ImportResult>()(
    importFile.extend({
      mapping: columnMapping,
      // Archiving people the roster does not list is a choice made after seeing who they are (issue #12).
      archiveMissing: z.boolean().default(false),
      createDepartments: z.boolean().default(true),
      declinedMatches: declinedMatches.optional(),
    }),
  ),
} as const;

// ---------------------------------------------------------------- what a synced change may carry (issue #11)
export const departmentColumnSchemas = {
  id: column.id(),
  code: column.text(64),
  name: column.text(128),
  type: column.oneOf(departmentTypes),
  pilotPhase: column.optionalInt(1, 99),
  archivedAt: column.optionalTime(),
  ...timestampColumns,
} satisfies ColumnSchemas;

export const systemColumnSchemas = {
  id: column.id(),
  code: column.text(32),
  name: column.text(128),
  vendor: column.optionalText(128),
  sortOrder: column.int(-1_000_000, 1_000_000),
  archivedAt: column.optionalTime(),
  ...timestampColumns,
} satisfies ColumnSchemas;

export const systemModuleColumnSchemas = {
  id: column.id(),
  systemId: column.id(),
  name: column.text(128),
  archivedAt: column.optionalTime(),
  ...timestampColumns,
} satisfies ColumnSchemas;

export const personColumnSchemas = {
  id: column.id(),
  name: column.text(128),
  role: column.optionalOneOf(staffRoles),
  title: column.optionalText(128),
  champion: column.bool(),
  phone: column.optionalText(64),
  organisation: column.oneOf(organisations),
  departmentId: column.optionalId(),
  employeeNo: column.optionalText(64),
  archivedAt: column.optionalTime(),
  ...timestampColumns,
} satisfies ColumnSchemas;
