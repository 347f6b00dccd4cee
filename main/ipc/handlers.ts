// The handler table: one entry per contract method, each a thin call into a service, grouped per area in
// handlers/<area>.ts beside the contract slice it implements. Bound to Electron IPC by main/app/ipc.ts and
// to HTTP by main/preview/server.ts; both go through dispatch().
import type { Handlers } from '#contract/index.ts';
import type { Ctx } from '#services/core/context.ts';
import { getLocale } from '#services/core/settings.ts';
import { checkColumnSchemas } from '#services/sync/validate.ts';
import { errorPayload } from './dispatch.ts';
import { issuesHandlers } from './handlers/issues.ts';
import { reconcileHandlers } from './handlers/reconcile.ts';
import { referenceHandlers } from './handlers/reference.ts';
import { reportsHandlers } from './handlers/reports.ts';
import { syncHandlers } from './handlers/sync.ts';
import { trainingHandlers } from './handlers/training.ts';
import { knowledgeHandlers } from './handlers/knowledge.ts';
import { surveysHandlers } from './handlers/surveys.ts';
import { roundsHandlers } from './handlers/rounds.ts';
import { searchHandlers } from './handlers/search.ts';
import { requestsHandlers } from './handlers/requests.ts';
import { changesHandlers } from './handlers/changes.ts';
import { cutoverHandlers } from './handlers/cutover.ts';
import { hubHandlers } from './handlers/hub.ts';
import type { HandlerHooks } from './handlers/types.ts';

export type { HandlerHooks } from './handlers/types.ts';

export function createHandlers(ctx: Ctx, hooks: Partial<HandlerHooks> = {}): Handlers {
  // The app and the preview server refuse to start while a replicated column has no sync schema.
  checkColumnSchemas();
  const all: HandlerHooks = { message: (error) => errorPayload(error, getLocale(ctx)).message, ...hooks };
  return {
    ...referenceHandlers(ctx, all),
    ...issuesHandlers(ctx, all),
    ...syncHandlers(ctx, all),
    ...trainingHandlers(ctx, all),
    ...reconcileHandlers(ctx, all),
    ...knowledgeHandlers(ctx, all),
    ...surveysHandlers(ctx, all),
    ...roundsHandlers(ctx, all),
    ...searchHandlers(ctx, all),
    ...reportsHandlers(ctx, all),
    ...requestsHandlers(ctx, all),
    ...changesHandlers(ctx, all),
    ...cutoverHandlers(ctx, all),
    ...hubHandlers(ctx, all),
  };
}
