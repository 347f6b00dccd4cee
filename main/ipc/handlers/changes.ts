// Change control.
import type { changesContract } from '#contract/changes.ts';
import * as changes from '#services/changes/changes.ts';
import { exportChanges } from '#services/changes/export.ts';
import type { Ctx } from '#services/core/context.ts';
import { getLocale } from '#services/core/settings.ts';
import { sent } from './files.ts';
import type { AreaHandlers, HandlerHooks } from './types.ts';

export function changesHandlers(ctx: Ctx, _hooks: HandlerHooks): AreaHandlers<typeof changesContract> {
  return {
    'changes.list': (input) => changes.listChanges(ctx, input),
    'changes.get': ({ id }) => changes.getChangeDetail(ctx, id),
    'changes.create': (input) => changes.createChange(ctx, input),
    'changes.update': ({ id, ...input }) => changes.updateChange(ctx, id, input),
    'changes.submit': ({ id }) => changes.submitChange(ctx, id),
    'changes.vote': (input) => changes.voteChange(ctx, input),
    'changes.emergencyApprove': (input) => changes.emergencyApprove(ctx, input),
    'changes.signOff': (input) => changes.signOff(ctx, input),
    'changes.implement': ({ id }) => changes.implementChange(ctx, id),
    'changes.cancel': ({ id, note }) => changes.cancelChange(ctx, id, note),
    'changes.freezes': (input) => changes.listFreezes(ctx, input),
    'changes.createFreeze': (input) => changes.createFreeze(ctx, input),
    'changes.archiveFreeze': ({ id, archived }) => changes.archiveFreeze(ctx, id, archived),
    'changes.export': async () => sent(await exportChanges(ctx, getLocale(ctx))),
  };
}
