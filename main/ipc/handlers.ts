// The handler table: one entry per contract method, each a thin call into a service. Bound to Electron
// IPC by main/app/ipc.ts and to HTTP by main/preview/server.ts; both go through dispatch().
import type { Handlers } from '#contract/index.ts';
import type { Ctx } from '#services/core/context.ts';
import * as departments from '#services/reference/departments.ts';
import { commitImport, previewImport } from '#services/reference/reference-import.ts';
import { appInfo } from '#services/reference/info.ts';
import * as people from '#services/reference/people.ts';
import * as project from '#services/reference/project.ts';
import * as attachments from '#services/issues/attachments.ts';
import * as issues from '#services/issues/issues.ts';
import * as issueQueries from '#services/issues/queries.ts';
import { exportIssuesXlsx } from '#services/issues/sheet-export.ts';
import { commitIssueImport, previewIssueImport } from '#services/issues/sheet-import.ts';
import { getLocale, renameReplica, setLocale } from '#services/core/settings.ts';
import { exportNotReady } from '#services/training/export.ts';
import { readinessMatrix, readinessPeople } from '#services/training/readiness.ts';
import * as training from '#services/training/sessions.ts';
import * as engine from '#services/reconcile/engine/index.ts';
import { exportItems } from '#services/reconcile/export.ts';
import * as reconcileItems from '#services/reconcile/items.ts';
import { createWorkspace } from '#services/reconcile/jobs.ts';
import * as profiles from '#services/reconcile/profiles.ts';
import * as runs from '#services/reconcile/runs.ts';
import { suggestPairs } from '#services/reconcile/suggest.ts';
import * as trend from '#services/reconcile/trend.ts';
import { errorPayload } from './dispatch.ts';
import * as systems from '#services/reference/systems.ts';
import { listConflicts, resolveConflict } from '#services/sync/conflicts.ts';
import * as sync from '#services/sync/exchange.ts';

const decodeFile = (file: { name: string; contentBase64: string }) => ({
  name: file.name,
  bytes: Buffer.from(file.contentBase64, 'base64'),
});

export interface HandlerHooks {
  /** Called after the UI language changes (Electron rebuilds its native menu). */
  onLocaleChanged?: (locale: string) => void;
  /** Opens a file with the system viewer (Electron's shell.openPath); absent in preview mode and the CLI. */
  openPath?: (path: string) => Promise<void>;
  /** Asks where to save a file and writes it (Electron's save dialog); null when cancelled. Absent in preview. */
  saveFile?: (suggestedName: string, bytes: Uint8Array) => Promise<string | null>;
  /** Opens a file dialog and resolves to the chosen path (Electron); absent in preview mode and the CLI. */
  pickFile?: () => Promise<string | null>;
}

export function createHandlers(ctx: Ctx, hooks: HandlerHooks = {}): Handlers {
  const message = (error: unknown) => errorPayload(error, getLocale(ctx)).message;
  const workspace = createWorkspace(ctx, engine, { pickFile: hooks.pickFile, describeError: message });
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
    'imports.preview': (input) => previewImport(ctx, input),
    'imports.commit': (input) => commitImport(ctx, input),
    'settings.getDevice': () => issues.getDeviceSettings(ctx),
    'settings.setDevice': (input) => issues.setDeviceSettings(ctx, input),
    'issues.create': (input) => issues.createIssue(ctx, input),
    'issues.update': (input) => issues.updateIssue(ctx, input),
    'issues.transition': (input) => issues.transitionIssue(ctx, input),
    'issues.delete': ({ id }) => issues.deleteIssue(ctx, id),
    'issues.bulkUpdate': (input) => issues.bulkUpdate(ctx, input, message),
    'issues.get': ({ id }) => issues.getIssueDetail(ctx, id),
    'issues.list': (input) => issueQueries.listIssues(ctx, input),
    'issues.ids': ({ filter }) => issueQueries.listIssueIds(ctx, filter),
    'issues.duplicates': (input) => issueQueries.findDuplicates(ctx, input),
    'issues.summary': ({ day }) => issueQueries.dailySummary(ctx, day),
    'issues.captureDefaults': () => issues.captureDefaults(ctx),
    'issues.getSla': () => issues.getSla(ctx),
    'issues.setSla': (input) => issues.setSla(ctx, input),
    'issues.views': () => issueQueries.listViews(ctx),
    'issues.saveView': (input) => issueQueries.saveView(ctx, input),
    'issues.deleteView': ({ id }) => issueQueries.deleteView(ctx, id),
    'issues.importPreview': (input) => previewIssueImport(ctx, input),
    'issues.importCommit': (input) => commitIssueImport(ctx, input),
    'issues.exportXlsx': (input) => exportIssuesXlsx(ctx, input),
    'attachments.add': (input) => attachments.addAttachment(ctx, input),
    'attachments.content': ({ id }) => {
      const { attachment, bytes } = attachments.readAttachment(ctx, id);
      return { attachment, contentBase64: bytes.toString('base64') };
    },
    'attachments.open': async ({ id }) => {
      if (!hooks.openPath) return { opened: false };
      await hooks.openPath(attachments.copyForViewing(ctx, id));
      return { opened: true };
    },
    'attachments.archive': ({ id, archived }) => attachments.archiveAttachment(ctx, id, archived),
    'sync.status': () => sync.syncStatus(ctx),
    'sync.exportFile': async ({ passphrase }) => {
      const file = sync.exportChanges(ctx, { passphrase });
      const summary = {
        fileName: file.fileName,
        counts: file.manifest.counts,
        encrypted: file.manifest.encryption !== null,
        bytes: file.bytes.length,
      };
      if (!hooks.saveFile) {
        return { ...summary, path: null, contentBase64: file.bytes.toString('base64'), cancelled: false };
      }
      const path = await hooks.saveFile(file.fileName, file.bytes);
      return { ...summary, path, contentBase64: null, cancelled: path === null };
    },
    'sync.previewImport': ({ files, passphrase }) =>
      sync.importFiles(ctx, files.map(decodeFile), { dryRun: true, passphrase }),
    'sync.applyImport': ({ files, passphrase }) =>
      sync.importFiles(ctx, files.map(decodeFile), { passphrase }),
    'sync.importLog': () => sync.importLog(ctx),
    'sync.renameDevice': ({ label }) => renameReplica(ctx, label),
    'sync.conflicts': () => listConflicts(ctx),
    'sync.resolveConflict': (input) => resolveConflict(ctx, input),
    'training.sessions': (input) => training.listSessions(ctx, input),
    'training.session': ({ id }) => training.getSessionDetail(ctx, id),
    'training.createSession': (input) => training.createSession(ctx, input),
    'training.updateSession': ({ id, ...input }) => training.updateSession(ctx, id, input),
    'training.setStatus': ({ id, status }) => training.setSessionStatus(ctx, id, status),
    'training.mark': (input) => training.markAttendance(ctx, input),
    'training.markRest': (input) => training.markRest(ctx, input),
    'training.retake': (input) => training.recordRetake(ctx, input),
    'training.readiness': () => readinessMatrix(ctx),
    'training.readinessPeople': (input) => readinessPeople(ctx, input),
    'training.exportNotReady': ({ notReadyOnly: _all, ...scope }) => exportNotReady(ctx, scope),
    'reconcile.profiles': (input) => profiles.listProfiles(ctx, input),
    'reconcile.profile': ({ id }) => profiles.getProfile(ctx, id),
    'reconcile.createProfile': (input) => profiles.createProfile(ctx, input),
    'reconcile.updateProfile': ({ id, ...fields }) => profiles.updateProfile(ctx, id, fields),
    'reconcile.archiveProfile': ({ id, archived }) => profiles.archiveProfile(ctx, id, archived),
    'reconcile.pickFile': () => workspace.pickFile(),
    'reconcile.upload': (input) => workspace.upload(input),
    'reconcile.headers': (input) => workspace.headers(input),
    'reconcile.suggest': ({ oldHeaders, newHeaders }) => suggestPairs(oldHeaders, newHeaders),
    'reconcile.start': (input) => workspace.start(input),
    'reconcile.runStatus': ({ jobId }) => workspace.status(jobId),
    'reconcile.cancel': ({ jobId }) => workspace.cancel(jobId),
    'reconcile.runs': ({ profileId }) => runs.listRuns(ctx, profileId),
    'reconcile.run': ({ id }) => runs.getRun(ctx, id),
    'reconcile.items': (input) => reconcileItems.listItems(ctx, input),
    'reconcile.itemIds': ({ filter }) => reconcileItems.listItemIds(ctx, filter),
    'reconcile.itemColumns': ({ profileId }) => reconcileItems.itemColumns(ctx, profileId),
    'reconcile.item': ({ id }) => reconcileItems.getItem(ctx, id),
    'reconcile.triage': (input) => reconcileItems.triageItems(ctx, input, message),
    'reconcile.createIssue': (input) => {
      const { issue } = reconcileItems.createIssueFromItem(ctx, input);
      return { issueId: issue.id, issueNumber: issue.number };
    },
    'reconcile.issueOrigins': ({ issueId }) => reconcileItems.itemsForIssue(ctx, issueId),
    'reconcile.export': (input) => exportItems(ctx, input),
    'reconcile.trend': () => trend.trends(ctx),
    'reconcile.goNoGo': () => trend.goNoGo(ctx),
    'reconcile.setCriteria': (input) => trend.setCriteria(ctx, input),
  };
}
