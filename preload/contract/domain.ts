// Domain value sets and record shapes shared by main, preload and renderer.
export const locales = ['zh-CN', 'en'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'zh-CN';

export const departmentTypes = ['ward', 'clinic', 'medtech', 'admin'] as const;
export type DepartmentType = (typeof departmentTypes)[number];

export const organisations = ['hospital', 'vendor'] as const;
export type Organisation = (typeof organisations)[number];

/**
 * The roles of the staff directory (issue #6): what a person does, which decides the training tier they
 * belong to. Free-text job titles (护士长, 主治医师…) are kept beside it in `title`.
 */
export const staffRoles = [
  'doctor',
  'nurse',
  'technician',
  'pharmacist',
  'cashier',
  'manager',
  'it',
  'other',
] as const;
export type StaffRole = (typeof staffRoles)[number];

export const importKinds = ['departments', 'people'] as const;
export type ImportKind = (typeof importKinds)[number];

/** Largest roster/department file accepted through the contract (base64 travels over IPC/HTTP). */
export const maxImportBytes = 20 * 1024 * 1024;
/** Largest single attachment (screenshots, photos of a screen, short documents). */
export const maxAttachmentBytes = 20 * 1024 * 1024;

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
}
