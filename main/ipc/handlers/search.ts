// Search across areas.
import type { searchContract } from '#contract/search.ts';
import type { Ctx } from '#services/core/context.ts';
import { searchAll } from '#services/search/search.ts';
import type { AreaHandlers, HandlerHooks } from './types.ts';

export function searchHandlers(ctx: Ctx, _hooks: HandlerHooks): AreaHandlers<typeof searchContract> {
  return {
    'search.query': (input) => searchAll(ctx, input),
  };
}
