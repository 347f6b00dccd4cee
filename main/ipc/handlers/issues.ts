// Pilot issues and their attachments.
import type { issuesContract } from '#contract/issues.ts';
import * as attachments from '#services/issues/attachments.ts';
import { getDeviceSettings, setDeviceSettings } from '#services/issues/device.ts';
import * as issues from '#services/issues/issues.ts';
import * as issueQueries from '#services/issues/queries.ts';
import * as views from '#services/issues/views.ts';
import { exportIssuesXlsx } from '#services/issues/sheet-export.ts';
import { commitIssueImport, previewIssueImport } from '#services/issues/sheet-import.ts';
import type { Ctx } from '#services/core/context.ts';
import type { AreaHandlers, HandlerHooks } from './types.ts';
import { received, sent, toBase64 } from './files.ts';

export function issuesHandlers(ctx: Ctx, hooks: HandlerHooks): AreaHandlers<typeof issuesContract> {
  return {
    'settings.getDevice': () => getDeviceSettings(ctx),
    'settings.setDevice': (input) => setDeviceSettings(ctx, input),
    'issues.create': (input) => issues.createIssue(ctx, input),
    'issues.update': (input) => issues.updateIssue(ctx, input),
    'issues.transition': (input) => issues.transitionIssue(ctx, input),
    'issues.delete': ({ id }) => issues.deleteIssue(ctx, id),
    'issues.bulkUpdate': (input) => issues.bulkUpdate(ctx, input, hooks.message),
    'issues.get': ({ id }) => issues.getIssueDetail(ctx, id),
    'issues.list': (input) => issueQueries.listIssues(ctx, input),
    'issues.ids': ({ filter }) => issueQueries.listIssueIds(ctx, filter),
    'issues.duplicates': (input) => issueQueries.findDuplicates(ctx, input),
    'issues.summary': ({ day }) => issueQueries.dailySummary(ctx, day),
    'issues.captureDefaults': () => issues.captureDefaults(ctx),
    'issues.getSla': () => issues.getSla(ctx),
    'issues.setSla': (input) => issues.setSla(ctx, input),
    'issues.views': () => views.listViews(ctx),
    'issues.saveView': (input) => views.saveView(ctx, input),
    'issues.deleteView': ({ id }) => views.deleteView(ctx, id),
    'issues.importPreview': (input) => previewIssueImport(ctx, received(input)),
    'issues.importCommit': (input) => commitIssueImport(ctx, received(input)),
    'issues.exportXlsx': async (input) => sent(await exportIssuesXlsx(ctx, input)),
    'attachments.add': (input) => attachments.addAttachment(ctx, received(input)),
    'attachments.content': ({ id }) => {
      const { attachment, bytes } = attachments.readAttachment(ctx, id);
      return { attachment, contentBase64: toBase64(bytes) };
    },
    'attachments.open': async ({ id }) => {
      if (!hooks.openPath) return { opened: false };
      await hooks.openPath(attachments.copyForViewing(ctx, id));
      return { opened: true };
    },
    'attachments.archive': ({ id, archived }) => attachments.archiveAttachment(ctx, id, archived),
  };
}
