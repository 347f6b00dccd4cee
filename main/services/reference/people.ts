import { and, asc, isNotNull, isNull, notInArray } from 'drizzle-orm';
import { person } from '#db/schema.ts';
import type { Person } from '#contract/index.ts';
import { staffRoles, type Organisation, type StaffRole } from '#contract/values/reference.ts';
import { inTransaction, type Ctx } from '#services/core/context.ts';
import { departmentExists } from './departments.ts';
import { AppError } from '#services/core/errors.ts';
import { archiveRecord, insertRecord, updateRecord, countRows } from '#services/core/records.ts';

export interface PersonFields {
  name: string;
  role: StaffRole | null;
  title: string | null;
  champion: boolean;
  phone: string | null;
  organisation: Organisation;
  departmentId: string | null;
  employeeNo: string | null;
}

export function listPeople(ctx: Ctx, { includeArchived = false } = {}): Person[] {
  return ctx.db
    .select()
    .from(person)
    .where(includeArchived ? undefined : isNull(person.archivedAt))
    .orderBy(asc(person.organisation), asc(person.name))
    .all();
}

function assertDepartment(ctx: Ctx, departmentId: string | null) {
  if (departmentId && !departmentExists(ctx, departmentId)) {
    throw new AppError('not_found', { id: departmentId });
  }
}

/** Optional fields may be left out by callers that do not know them (issue sheet reporters…). */
export type NewPerson = Omit<PersonFields, 'title' | 'champion'> &
  Partial<Pick<PersonFields, 'title' | 'champion'>>;

export function createPerson(ctx: Ctx, fields: NewPerson, options: { id?: string } = {}): Person {
  assertDepartment(ctx, fields.departmentId);
  return insertRecord(ctx, person, { title: null, champion: false, ...fields, archivedAt: null }, options);
}

export function updatePerson(ctx: Ctx, id: string, fields: Partial<PersonFields>): Person {
  if (fields.departmentId !== undefined) assertDepartment(ctx, fields.departmentId);
  return updateRecord(ctx, person, id, fields);
}

export function archivePerson(ctx: Ctx, id: string, archived: boolean): Person {
  return archiveRecord(ctx, person, id, archived);
}

export function countPeople(ctx: Ctx): number {
  return countRows(ctx, person, isNull(person.archivedAt));
}

// Words of hospital job titles, checked in this order: the first role whose word occurs wins, so that
// 主管护师 is a nurse (not a manager), 药剂科主任 a pharmacist and 主任医师 a doctor.
const roleWords: [StaffRole, RegExp][] = [
  ['it', /信息|运维|网络|计算机|工程师|程序|\bit\b|engineer|informatics/i],
  ['pharmacist', /药|pharma/i],
  ['cashier', /收费|挂号|收款|出纳|结算|财务|导医|cashier|registration|billing/i],
  ['nurse', /护|nurse/i],
  ['technician', /技师|技士|技术员|检验|影像|放射|超声|心电|病理|医技|technician|radiograph|laborator/i],
  ['doctor', /医师|医生|大夫|住院医|规培|doctor|physician|surgeon|科主任/i],
  ['manager', /院长|书记|处长|科长|主任|经理|管理|干事|manager|director|admin/i],
];

/** The role of a free-text job title (护士长 → nurse, 主治医师 → doctor); `other` when nothing fits. */
export function classifyRole(title: string): StaffRole | null {
  const text = title.trim();
  if (!text) return null;
  const exact = staffRoles.find((r) => r === text.toLowerCase());
  if (exact) return exact;
  for (const [role, words] of roleWords) if (words.test(text)) return role;
  return 'other';
}

/**
 * Databases from before the staff directory (issue #6) hold free-text roles. At start-up each such value
 * becomes a role and, unless a title was set, the title; values that are already roles are left alone,
 * so this writes nothing on every later start.
 */
export function migrateLegacyRoles(ctx: Ctx): number {
  const legacy = ctx.db
    .select()
    .from(person)
    .where(and(isNotNull(person.role), notInArray(person.role, [...staffRoles])))
    .all();
  if (!legacy.length) return 0;
  inTransaction(ctx, () => {
    for (const p of legacy) {
      const text = p.role as string;
      updateRecord(ctx, person, p.id, { role: classifyRole(text), title: p.title ?? text });
    }
  });
  return legacy.length;
}
