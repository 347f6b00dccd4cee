import type { AppInfo } from '#contract/index.ts';
import type { Ctx } from '#services/core/context.ts';
import { countDepartments } from './departments.ts';
import { countPeople } from './people.ts';
import { getProject } from './project.ts';
import { ensureReplica, getLocale } from '#services/core/settings.ts';
import { countSystems } from './systems.ts';

export function appInfo(ctx: Ctx): AppInfo {
  const replica = ensureReplica(ctx);
  const { systems, modules } = countSystems(ctx);
  return {
    version: ctx.appVersion,
    dbPath: ctx.dbPath,
    schemaVersion: ctx.schemaVersion,
    replicaId: replica.id,
    replicaLabel: replica.label,
    counts: { departments: countDepartments(ctx), systems, modules, people: countPeople(ctx) },
    locale: getLocale(ctx),
    projectConfigured: getProject(ctx) !== null,
  };
}
