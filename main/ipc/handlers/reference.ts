// Reference data, app info and this laptop's settings.
import type { referenceContract } from '#contract/reference.ts';
import { setLocale } from '#services/core/settings.ts';
import * as departments from '#services/reference/departments.ts';
import { appInfo } from '#services/reference/info.ts';
import * as people from '#services/reference/people.ts';
import * as project from '#services/reference/project.ts';
import { commitImport, previewImport } from '#services/reference/reference-import.ts';
import * as systems from '#services/reference/systems.ts';
import type { Ctx } from '#services/core/context.ts';
import { received } from './files.ts';
import type { AreaHandlers, HandlerHooks } from './types.ts';

export function referenceHandlers(ctx: Ctx, hooks: HandlerHooks): AreaHandlers<typeof referenceContract> {
  return {
    'app.info': () => appInfo(ctx),
    'settings.setLocale': ({ locale }) => {
      const result = setLocale(ctx, locale);
      hooks.onLocaleChanged?.(locale);
      return result;
    },
    'project.get': () => project.getProject(ctx),
    'project.setup': (input) => project.setupProject(ctx, input),
    'project.update': (input) => project.updateProject(ctx, input),
    'departments.list': (input) => departments.listDepartments(ctx, input),
    'departments.create': (input) => departments.createDepartment(ctx, input),
    'departments.update': ({ id, ...fields }) => departments.updateDepartment(ctx, id, fields),
    'departments.archive': ({ id, archived }) => departments.archiveDepartment(ctx, id, archived),
    'systems.list': (input) => systems.listSystems(ctx, input),
    'systems.create': (input) => systems.createSystem(ctx, input),
    'systems.update': ({ id, ...fields }) => systems.updateSystem(ctx, id, fields),
    'systems.archive': ({ id, archived }) => systems.archiveSystem(ctx, id, archived),
    'systems.addModule': ({ systemId, name }) => systems.addModule(ctx, systemId, name),
    'systems.renameModule': ({ id, name }) => systems.renameModule(ctx, id, name),
    'systems.archiveModule': ({ id, archived }) => systems.archiveModule(ctx, id, archived),
    'people.list': (input) => people.listPeople(ctx, input),
    'people.create': (input) => people.createPerson(ctx, input),
    'people.update': ({ id, ...fields }) => people.updatePerson(ctx, id, fields),
    'people.archive': ({ id, archived }) => people.archivePerson(ctx, id, archived),
    'imports.preview': (input) => previewImport(ctx, received(input)),
    'imports.commit': (input) => commitImport(ctx, received(input)),
  };
}
