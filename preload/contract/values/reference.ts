// The value sets of reference.ts without zod, so the database schema and start-up code can use them
// without building every schema of the contract (the CLI starts faster; issue #17).
export const locales = ['zh-CN', 'en'] as const;
export type Locale = (typeof locales)[number];

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

/** Errors this area raises (translated as `errors.<code>` in i18n/reference.ts). */
export const referenceErrorCodes = [
  'duplicate_code',
  'duplicate_module',
  'project_exists',
  'project_missing',
  'duplicate_department_name',
] as const;

export const defaultLocale: Locale = 'zh-CN';
