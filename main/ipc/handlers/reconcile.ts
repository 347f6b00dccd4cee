// Dual-run reconciliation: profiles, runs (in a worker), discrepancy items, trend and go/no-go.
import type { reconcileContract } from '#contract/reconcile.ts';
import * as engine from '#services/reconcile/engine/index.ts';
import { exportItems } from '#services/reconcile/export.ts';
import * as reconcileItems from '#services/reconcile/items.ts';
import { createWorkspace } from '#services/reconcile/jobs.ts';
import * as profiles from '#services/reconcile/profiles.ts';
import * as runs from '#services/reconcile/runs.ts';
import { RunJobs } from '#services/reconcile/save-jobs.ts';
import { suggestPairs } from '#services/reconcile/suggest.ts';
import * as trend from '#services/reconcile/trend.ts';
import type { Ctx } from '#services/core/context.ts';
import { received, sent } from './files.ts';
import type { AreaHandlers, HandlerHooks } from './types.ts';

export function reconcileHandlers(ctx: Ctx, hooks: HandlerHooks): AreaHandlers<typeof reconcileContract> {
  // The app and the preview server save runs off their main thread (issue #17), in one worker per database
  // started when files are first picked and ended when the database closes; tests without the hook save
  // in-process.
  const runJobs = hooks.files ? new RunJobs(ctx, hooks.files) : null;
  const workspace = createWorkspace(ctx, engine, {
    pickFile: hooks.pickFile,
    describeError: hooks.message,
    runSaver: runJobs ? () => runJobs.open() : undefined,
    warmSaver: runJobs ? () => void runJobs.warm() : undefined,
  });
  return {
    'reconcile.profiles': (input) => profiles.listProfiles(ctx, input),
    'reconcile.profile': ({ id }) => profiles.getProfile(ctx, id),
    'reconcile.createProfile': (input) => profiles.createProfile(ctx, input),
    'reconcile.updateProfile': ({ id, ...fields }) => profiles.updateProfile(ctx, id, fields),
    'reconcile.archiveProfile': ({ id, archived }) => profiles.archiveProfile(ctx, id, archived),
    'reconcile.pickFile': () => workspace.pickFile(),
    'reconcile.upload': (input) => workspace.upload(received(input)),
    'reconcile.headers': (input) => workspace.headers(input),
    'reconcile.suggest': ({ oldHeaders, newHeaders, oldSamples, newSamples }) =>
      suggestPairs(oldHeaders, newHeaders, { old: oldSamples ?? [], new: newSamples ?? [] }),
    'reconcile.start': (input) => workspace.start(input),
    'reconcile.runStatus': ({ jobId }) => workspace.status(jobId),
    'reconcile.cancel': ({ jobId }) => workspace.cancel(jobId),
    'reconcile.runs': ({ profileId }) => runs.listRuns(ctx, profileId),
    'reconcile.run': ({ id }) => runs.getRun(ctx, id),
    'reconcile.items': (input) => reconcileItems.listItems(ctx, input),
    'reconcile.itemIds': ({ filter }) => reconcileItems.listItemIds(ctx, filter),
    'reconcile.itemColumns': ({ profileId }) => reconcileItems.itemColumns(ctx, profileId),
    'reconcile.item': ({ id }) => reconcileItems.getItem(ctx, id),
    'reconcile.triage': (input) => reconcileItems.triageItems(ctx, input, hooks.message),
    'reconcile.createIssue': (input) => {
      const { issue } = reconcileItems.createIssueFromItem(ctx, input);
      return { issueId: issue.id, issueNumber: issue.number };
    },
    'reconcile.issueOrigins': ({ issueId }) => reconcileItems.itemsForIssue(ctx, issueId),
    'reconcile.export': async (input) => sent(await exportItems(ctx, input)),
    'reconcile.trend': () => trend.trends(ctx),
    'reconcile.goNoGo': () => trend.goNoGo(ctx),
    'reconcile.setCriteria': (input) => trend.setCriteria(ctx, input),
  };
}
