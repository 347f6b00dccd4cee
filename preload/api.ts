// One named function per contract method. No generic invoke is exposed: the page can call exactly these.
// `satisfies WardsideApi` makes a missing or extra method a compile error; tests/unit/contract.test.ts
// checks the same at runtime. Imports from the contract are type-only so the sandboxed preload bundle
// stays tiny (no zod).
import type { Invoke, WardsideApi } from './contract/index.ts';

export function createApi(invoke: Invoke) {
  return {
    app: {
      info: (input) => invoke('app.info', input),
    },
    settings: {
      setLocale: (input) => invoke('settings.setLocale', input),
    },
    project: {
      get: (input) => invoke('project.get', input),
      setup: (input) => invoke('project.setup', input),
      update: (input) => invoke('project.update', input),
    },
    departments: {
      list: (input) => invoke('departments.list', input),
      create: (input) => invoke('departments.create', input),
      update: (input) => invoke('departments.update', input),
      archive: (input) => invoke('departments.archive', input),
    },
    systems: {
      list: (input) => invoke('systems.list', input),
      create: (input) => invoke('systems.create', input),
      update: (input) => invoke('systems.update', input),
      archive: (input) => invoke('systems.archive', input),
      addModule: (input) => invoke('systems.addModule', input),
      renameModule: (input) => invoke('systems.renameModule', input),
      archiveModule: (input) => invoke('systems.archiveModule', input),
    },
    people: {
      list: (input) => invoke('people.list', input),
      create: (input) => invoke('people.create', input),
      update: (input) => invoke('people.update', input),
      archive: (input) => invoke('people.archive', input),
    },
    imports: {
      preview: (input) => invoke('imports.preview', input),
      commit: (input) => invoke('imports.commit', input),
    },
  } satisfies WardsideApi;
}
