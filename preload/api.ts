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
      getDevice: (input) => invoke('settings.getDevice', input),
      setDevice: (input) => invoke('settings.setDevice', input),
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
    issues: {
      create: (input) => invoke('issues.create', input),
      update: (input) => invoke('issues.update', input),
      transition: (input) => invoke('issues.transition', input),
      bulkUpdate: (input) => invoke('issues.bulkUpdate', input),
      get: (input) => invoke('issues.get', input),
      list: (input) => invoke('issues.list', input),
      ids: (input) => invoke('issues.ids', input),
      duplicates: (input) => invoke('issues.duplicates', input),
      summary: (input) => invoke('issues.summary', input),
      captureDefaults: (input) => invoke('issues.captureDefaults', input),
      getSla: (input) => invoke('issues.getSla', input),
      setSla: (input) => invoke('issues.setSla', input),
      views: (input) => invoke('issues.views', input),
      saveView: (input) => invoke('issues.saveView', input),
      deleteView: (input) => invoke('issues.deleteView', input),
      importPreview: (input) => invoke('issues.importPreview', input),
      importCommit: (input) => invoke('issues.importCommit', input),
      exportXlsx: (input) => invoke('issues.exportXlsx', input),
    },
    attachments: {
      add: (input) => invoke('attachments.add', input),
      content: (input) => invoke('attachments.content', input),
      open: (input) => invoke('attachments.open', input),
      archive: (input) => invoke('attachments.archive', input),
    },
    reconcile: {
      profiles: (input) => invoke('reconcile.profiles', input),
      profile: (input) => invoke('reconcile.profile', input),
      createProfile: (input) => invoke('reconcile.createProfile', input),
      updateProfile: (input) => invoke('reconcile.updateProfile', input),
      archiveProfile: (input) => invoke('reconcile.archiveProfile', input),
      pickFile: (input) => invoke('reconcile.pickFile', input),
      upload: (input) => invoke('reconcile.upload', input),
      headers: (input) => invoke('reconcile.headers', input),
      suggest: (input) => invoke('reconcile.suggest', input),
      start: (input) => invoke('reconcile.start', input),
      runStatus: (input) => invoke('reconcile.runStatus', input),
      cancel: (input) => invoke('reconcile.cancel', input),
      runs: (input) => invoke('reconcile.runs', input),
      run: (input) => invoke('reconcile.run', input),
      items: (input) => invoke('reconcile.items', input),
      itemIds: (input) => invoke('reconcile.itemIds', input),
      itemColumns: (input) => invoke('reconcile.itemColumns', input),
      item: (input) => invoke('reconcile.item', input),
      triage: (input) => invoke('reconcile.triage', input),
      createIssue: (input) => invoke('reconcile.createIssue', input),
      issueOrigins: (input) => invoke('reconcile.issueOrigins', input),
      export: (input) => invoke('reconcile.export', input),
      trend: (input) => invoke('reconcile.trend', input),
      goNoGo: (input) => invoke('reconcile.goNoGo', input),
      setCriteria: (input) => invoke('reconcile.setCriteria', input),
    },
  } satisfies WardsideApi;
}
