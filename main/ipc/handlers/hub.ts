// Sync hub (issue #16): settings, connection test, sync in a worker thread with progress and cancel.
import type { hubContract } from '#contract/hub.ts';
import type { Ctx } from '#services/core/context.ts';
import { HubRunner } from '#services/hub/runner.ts';
import type { AreaHandlers, HandlerHooks } from './types.ts';

export function hubHandlers(ctx: Ctx, hooks: HandlerHooks): AreaHandlers<typeof hubContract> {
  const runner = new HubRunner(ctx, hooks.hub ?? {});
  return {
    'hub.settings': () => runner.status(),
    'hub.saveSettings': (input) => runner.saveSettings(input),
    'hub.test': (input) => runner.test(input),
    'hub.syncNow': (input) => runner.syncNow(input),
    'hub.cancel': () => runner.cancel(),
    'hub.replicas': () => runner.replicas(),
  };
}
