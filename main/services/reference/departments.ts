import { and, asc, eq, isNull, ne, sql } from 'drizzle-orm';
import { department } from '#db/schema.ts';
import type { Department, DepartmentType } from '#contract/index.ts';
import type { Ctx } from '#services/core/context.ts';
import { AppError } from '#services/core/errors.ts';
import { archiveRecord, getRecord, insertRecord, updateRecord, countRows } from '#services/core/records.ts';

export interface DepartmentFields {
  code: string;
  name: string;
  type: DepartmentType;
  pilotPhase: number | null;
}

export function listDepartments(ctx: Ctx, { includeArchived = false } = {}): Department[] {
  return ctx.db
    .select()
    .from(department)
    .where(includeArchived ? undefined : isNull(department.archivedAt))
    .orderBy(sql`${department.pilotPhase} IS NULL`, asc(department.pilotPhase), asc(department.code))
    .all();
}

/** Active department with this code (case-insensitive), if any. */
export function findDepartmentByCode(ctx: Ctx, code: string): Department | undefined {
  return ctx.db
    .select()
    .from(department)
    .where(and(sql`${department.code} = ${code} collate nocase`, isNull(department.archivedAt)))
    .get();
}

function assertCodeFree(ctx: Ctx, code: string, exceptId?: string) {
  const clash = ctx.db
    .select({ id: department.id, name: department.name })
    .from(department)
    .where(
      and(
        sql`${department.code} = ${code} collate nocase`,
        isNull(department.archivedAt),
        exceptId ? ne(department.id, exceptId) : undefined,
      ),
    )
    .get();
  if (clash) throw new AppError('duplicate_code', { code, name: clash.name });
}

/** A name as uniqueness compares it: case, full/half width and spaces do not count. */
export const departmentNameKey = (name: string) => name.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

/** Names are unique among active departments (issue #12): two 心内科 would double every summary row. */
function assertNameFree(ctx: Ctx, name: string, exceptId?: string) {
  const key = departmentNameKey(name);
  const clash = listDepartments(ctx).find((d) => d.id !== exceptId && departmentNameKey(d.name) === key);
  if (clash) throw new AppError('duplicate_department_name', { name: clash.name, code: clash.code });
}

/** The active department with this name (ignoring case, width and spaces), if any. */
export function findDepartmentByName(ctx: Ctx, name: string): Department | undefined {
  const key = departmentNameKey(name);
  return listDepartments(ctx).find((d) => departmentNameKey(d.name) === key);
}

export function createDepartment(
  ctx: Ctx,
  fields: DepartmentFields,
  options: { id?: string } = {},
): Department {
  assertCodeFree(ctx, fields.code);
  assertNameFree(ctx, fields.name);
  return insertRecord(ctx, department, { ...fields, archivedAt: null }, options);
}

export function updateDepartment(ctx: Ctx, id: string, fields: DepartmentFields): Department {
  assertCodeFree(ctx, fields.code, id);
  assertNameFree(ctx, fields.name, id);
  return updateRecord(ctx, department, id, fields);
}

export function archiveDepartment(ctx: Ctx, id: string, archived: boolean): Department {
  if (!archived) {
    const current = getRecord(ctx, department, id);
    assertCodeFree(ctx, current.code, id);
    assertNameFree(ctx, current.name, id);
  }
  return archiveRecord(ctx, department, id, archived);
}

export function countDepartments(ctx: Ctx): number {
  return countRows(ctx, department, isNull(department.archivedAt));
}

export function departmentExists(ctx: Ctx, id: string): boolean {
  return countRows(ctx, department, eq(department.id, id)) > 0;
}
