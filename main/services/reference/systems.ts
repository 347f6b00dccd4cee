import { and, asc, eq, isNull, ne, sql } from 'drizzle-orm';
import { system, systemModule } from '#db/schema.ts';
import type { SystemModule, SystemWithModules } from '#contract/index.ts';
import type { Ctx } from '#services/core/context.ts';
import { AppError } from '#services/core/errors.ts';
import { archiveRecord, getRecord, insertRecord, updateRecord, countRows } from '#services/core/records.ts';

/** Offered on first run; every one stays editable and archivable. */
export const defaultSystems: { code: string; name: string }[] = [
  { code: 'HIS', name: '医院信息系统' },
  { code: 'EMR', name: '电子病历' },
  { code: 'LIS', name: '检验信息系统' },
  { code: 'PACS', name: '影像归档和通信系统' },
];

export interface SystemFields {
  code: string;
  name: string;
  vendor: string | null;
}

function assertCodeFree(ctx: Ctx, code: string, exceptId?: string) {
  const clash = ctx.db
    .select({ name: system.name })
    .from(system)
    .where(
      and(
        sql`${system.code} = ${code} collate nocase`,
        isNull(system.archivedAt),
        exceptId ? ne(system.id, exceptId) : undefined,
      ),
    )
    .get();
  if (clash) throw new AppError('duplicate_code', { code, name: clash.name });
}

export function listSystems(ctx: Ctx, { includeArchived = false } = {}): SystemWithModules[] {
  const systems = ctx.db
    .select()
    .from(system)
    .where(includeArchived ? undefined : isNull(system.archivedAt))
    .orderBy(asc(system.sortOrder), asc(system.code))
    .all();
  const modules = ctx.db
    .select()
    .from(systemModule)
    .where(includeArchived ? undefined : isNull(systemModule.archivedAt))
    .orderBy(asc(systemModule.name))
    .all();
  return systems.map((s) => ({
    id: s.id,
    code: s.code,
    name: s.name,
    vendor: s.vendor,
    sortOrder: s.sortOrder,
    archivedAt: s.archivedAt,
    modules: modules.filter((m) => m.systemId === s.id).map(toModule),
  }));
}

function toModule(m: typeof systemModule.$inferSelect): SystemModule {
  return { id: m.id, systemId: m.systemId, name: m.name, archivedAt: m.archivedAt };
}

export function getSystem(ctx: Ctx, id: string): SystemWithModules {
  const found = listSystems(ctx, { includeArchived: true }).find((s) => s.id === id);
  if (!found) throw new AppError('not_found', { id });
  return found;
}

export function createSystem(
  ctx: Ctx,
  fields: SystemFields,
  options: { id?: string } = {},
): SystemWithModules {
  assertCodeFree(ctx, fields.code);
  const sortOrder = countRows(ctx, system);
  const row = insertRecord(ctx, system, { ...fields, sortOrder, archivedAt: null }, options);
  return getSystem(ctx, row.id);
}

export function updateSystem(ctx: Ctx, id: string, fields: SystemFields): SystemWithModules {
  assertCodeFree(ctx, fields.code, id);
  updateRecord(ctx, system, id, fields);
  return getSystem(ctx, id);
}

export function archiveSystem(ctx: Ctx, id: string, archived: boolean): SystemWithModules {
  if (!archived) assertCodeFree(ctx, getRecord(ctx, system, id).code, id);
  archiveRecord(ctx, system, id, archived);
  return getSystem(ctx, id);
}

function assertModuleNameFree(ctx: Ctx, systemId: string, name: string, exceptId?: string) {
  const clash = ctx.db
    .select({ id: systemModule.id })
    .from(systemModule)
    .where(
      and(
        eq(systemModule.systemId, systemId),
        sql`lower(${systemModule.name}) = lower(${name})`,
        isNull(systemModule.archivedAt),
        exceptId ? ne(systemModule.id, exceptId) : undefined,
      ),
    )
    .get();
  if (clash) throw new AppError('duplicate_module', { name });
}

export function addModule(
  ctx: Ctx,
  systemId: string,
  name: string,
  options: { id?: string } = {},
): SystemModule {
  getRecord(ctx, system, systemId);
  assertModuleNameFree(ctx, systemId, name);
  return toModule(insertRecord(ctx, systemModule, { systemId, name, archivedAt: null }, options));
}

export function renameModule(ctx: Ctx, id: string, name: string): SystemModule {
  const current = getRecord(ctx, systemModule, id);
  if (!current.archivedAt) assertModuleNameFree(ctx, current.systemId, name, id);
  return toModule(updateRecord(ctx, systemModule, id, { name }));
}

export function archiveModule(ctx: Ctx, id: string, archived: boolean): SystemModule {
  if (!archived) {
    const current = getRecord(ctx, systemModule, id);
    assertModuleNameFree(ctx, current.systemId, current.name, id);
  }
  return toModule(archiveRecord(ctx, systemModule, id, archived));
}

export function countSystems(ctx: Ctx): { systems: number; modules: number } {
  return {
    systems: countRows(ctx, system, isNull(system.archivedAt)),
    modules: countRows(ctx, systemModule, isNull(systemModule.archivedAt)),
  };
}
