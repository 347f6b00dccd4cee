// The training register.
import type { trainingContract } from '#contract/training.ts';
import { exportNotReady } from '#services/training/export.ts';
import { readinessMatrix, readinessPeople } from '#services/training/readiness.ts';
import * as training from '#services/training/sessions.ts';
import type { Ctx } from '#services/core/context.ts';
import { sent } from './files.ts';
import type { AreaHandlers, HandlerHooks } from './types.ts';

export function trainingHandlers(ctx: Ctx, _hooks: HandlerHooks): AreaHandlers<typeof trainingContract> {
  return {
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
    'training.exportNotReady': async ({ notReadyOnly: _all, ...scope }) =>
      sent(await exportNotReady(ctx, scope)),
  };
}
