import { asc, isNull } from 'drizzle-orm';
import { person } from '../../db/schema.ts';
import type { Organisation, Person } from '../../preload/contract/index.ts';
import type { Ctx } from './context.ts';
import { departmentExists } from './departments.ts';
import { AppError } from './errors.ts';
import { archiveRecord, insertRecord, updateRecord, countRows } from './records.ts';

export interface PersonFields {
  name: string;
  role: string | null;
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

export function createPerson(ctx: Ctx, fields: PersonFields, options: { id?: string } = {}): Person {
  assertDepartment(ctx, fields.departmentId);
  return insertRecord(ctx, person, { ...fields, archivedAt: null }, options);
}

export function updatePerson(ctx: Ctx, id: string, fields: PersonFields): Person {
  assertDepartment(ctx, fields.departmentId);
  return updateRecord(ctx, person, id, fields);
}

export function archivePerson(ctx: Ctx, id: string, archived: boolean): Person {
  return archiveRecord(ctx, person, id, archived);
}

export function countPeople(ctx: Ctx): number {
  return countRows(ctx, person, isNull(person.archivedAt));
}
