// The cutover plan and the emergency procedure.
import type { cutoverContract } from '#contract/cutover.ts';
import type { Ctx } from '#services/core/context.ts';
import { getLocale } from '#services/core/settings.ts';
import * as cutover from '#services/cutover/cutover.ts';
import { exportCutover } from '#services/cutover/export.ts';
import { sent } from './files.ts';
import type { AreaHandlers, HandlerHooks } from './types.ts';

export function cutoverHandlers(ctx: Ctx, _hooks: HandlerHooks): AreaHandlers<typeof cutoverContract> {
  return {
    'cutover.plan': () => cutover.cutoverPlan(ctx),
    'cutover.addStep': (input) => cutover.addStep(ctx, input),
    'cutover.updateStep': ({ id, ...input }) => cutover.updateStep(ctx, id, input),
    'cutover.setStepStatus': ({ id, status }) => cutover.setStepStatus(ctx, id, status),
    'cutover.archiveStep': ({ id, archived }) => cutover.archiveStep(ctx, id, archived),
    'cutover.recordMeeting': (input) => cutover.recordMeeting(ctx, input),
    'cutover.snapshot': () => cutover.takeSnapshot(ctx),
    'cutover.addTrigger': (input) => cutover.addTrigger(ctx, input),
    'cutover.archiveTrigger': ({ id, archived }) => cutover.archiveTrigger(ctx, id, archived),
    'cutover.activateEmergency': ({ note }) => cutover.activateEmergency(ctx, note),
    'cutover.logEmergency': (input) => cutover.logEmergency(ctx, input),
    'cutover.resume': ({ emergencyId, note }) => cutover.resumeCutover(ctx, emergencyId, note),
    'cutover.export': async () => sent(await exportCutover(ctx, getLocale(ctx))),
  };
}
