// Requirement requests.
import type { requestsContract } from '#contract/requests.ts';
import type { Ctx } from '#services/core/context.ts';
import { getLocale } from '#services/core/settings.ts';
import * as requests from '#services/requests/requests.ts';
import { commitRequestImport, exportRequests, previewRequestImport } from '#services/requests/sheet.ts';
import { received, sent } from './files.ts';
import type { AreaHandlers, HandlerHooks } from './types.ts';

export function requestsHandlers(ctx: Ctx, _hooks: HandlerHooks): AreaHandlers<typeof requestsContract> {
  return {
    'requests.list': (input) => requests.listRequests(ctx, input),
    'requests.board': (input) => requests.requestBoard(ctx, input),
    'requests.get': ({ id }) => requests.getRequestDetail(ctx, id),
    'requests.create': (input) => requests.createRequest(ctx, input),
    'requests.update': ({ id, ...input }) => requests.updateRequest(ctx, id, input),
    'requests.archive': ({ id, archived }) => requests.archiveRequest(ctx, id, archived),
    'requests.fromIssue': ({ issueId, tier }) => requests.requestFromIssue(ctx, issueId, tier),
    'requests.forIssue': ({ issueId }) => requests.requestsForIssue(ctx, issueId),
    'requests.linkIssue': ({ id, issueId, linked }) => requests.linkIssue(ctx, id, issueId, linked),
    'requests.transition': (input) => requests.transitionRequest(ctx, input),
    'requests.addReviewer': (input) => requests.addReviewer(ctx, input),
    'requests.removeReviewer': ({ reviewId }) => requests.removeReviewer(ctx, reviewId),
    'requests.vote': (input) => requests.vote(ctx, input),
    'requests.decide': (input) => requests.decideRequest(ctx, input),
    'requests.previewImport': ({ mapping, declinedMatches, ...file }) =>
      previewRequestImport(ctx, received(file), getLocale(ctx), mapping, { declinedMatches }),
    'requests.commitImport': ({ mapping, declinedMatches, ...file }) =>
      commitRequestImport(ctx, received(file), getLocale(ctx), mapping, { declinedMatches }),
    'requests.export': async (input) => sent(await exportRequests(ctx, input, getLocale(ctx))),
  };
}
