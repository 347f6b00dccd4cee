import { project, system } from '#db/schema.ts';
import type { DepartmentType, Project } from '#contract/index.ts';
import { inTransaction, type Ctx } from '#services/core/context.ts';
import { createDepartment, findDepartmentByCode, updateDepartment } from './departments.ts';
import { AppError } from '#services/core/errors.ts';
import { insertRecord, updateRecord, countRows, stableId } from '#services/core/records.ts';
import { createSystem, defaultSystems } from './systems.ts';
import { newProjectIdentity, projectIdentity } from '#services/core/project-identity.ts';

export interface ProjectFields {
  hospital: string;
  name: string;
  newSystem: string;
  goLiveDate: string | null;
}

export interface SetupInput extends ProjectFields {
  pilotDepartments: { code: string; name: string; type: DepartmentType }[];
}

export function getProject(ctx: Ctx): Project | null {
  return ctx.db.select().from(project).limit(1).get() ?? null;
}

/**
 * First-run wizard: the project, its pilot departments (phase 1) and the usual systems, in one
 * transaction so a failure leaves the app still on the wizard with nothing half-written.
 */
export function setupProject(ctx: Ctx, input: SetupInput): Project {
  return inTransaction(ctx, () => {
    if (getProject(ctx)) throw new AppError('project_exists');
    // A new project gets its own identity, carried in export files (issue #12); a database that joined a
    // project from a file already has one and keeps it.
    if (!projectIdentity(ctx)) newProjectIdentity(ctx);
    const { pilotDepartments, ...fields } = input;
    // Stable ids: laptops that each ran the wizard merge into one project, one ICU, one HIS.
    const created = insertRecord(ctx, project, fields, { id: stableId('project', 'project') });
    for (const d of pilotDepartments) {
      const existing = findDepartmentByCode(ctx, d.code);
      if (existing) updateDepartment(ctx, existing.id, { ...d, pilotPhase: 1 });
      else createDepartment(ctx, { ...d, pilotPhase: 1 }, { id: stableId('department', d.code) });
    }
    if (countRows(ctx, system) === 0) {
      const wanted = [...defaultSystems];
      const code = fields.newSystem.trim().toUpperCase();
      if (/^[A-Z0-9-]{2,16}$/.test(code) && !wanted.some((s) => s.code === code)) {
        wanted.unshift({ code, name: fields.newSystem.trim() });
      }
      for (const s of wanted) createSystem(ctx, { ...s, vendor: null }, { id: stableId('system', s.code) });
    }
    return created;
  });
}

export function updateProject(ctx: Ctx, fields: ProjectFields): Project {
  const current = getProject(ctx);
  if (!current) throw new AppError('project_missing');
  return updateRecord(ctx, project, current.id, fields);
}
