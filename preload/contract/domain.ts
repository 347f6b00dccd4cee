// Domain value sets and record shapes shared by main, preload and renderer.
export const locales = ['zh-CN', 'en'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'zh-CN';

export const departmentTypes = ['ward', 'clinic', 'medtech', 'admin'] as const;
export type DepartmentType = (typeof departmentTypes)[number];

export const organisations = ['hospital', 'vendor'] as const;
export type Organisation = (typeof organisations)[number];

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
  role: string | null;
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
}

export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
  skipped: RowProblem[];
}
