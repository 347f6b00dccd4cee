// Ward rounds.
import type { roundsContract } from '#contract/rounds.ts';
import type { Ctx } from '#services/core/context.ts';
import { roundPlan, setRoundPlan } from '#services/rounds/plan.ts';
import { findingToIssue, listVisits, logVisit, setFollowUp } from '#services/rounds/visits.ts';
import type { AreaHandlers, HandlerHooks } from './types.ts';

export function roundsHandlers(ctx: Ctx, _hooks: HandlerHooks): AreaHandlers<typeof roundsContract> {
  return {
    'rounds.visits': (input) => listVisits(ctx, input),
    'rounds.logVisit': (input) => logVisit(ctx, input),
    'rounds.findingToIssue': ({ findingId, severity }) => findingToIssue(ctx, findingId, severity),
    'rounds.setFollowUp': (input) => setFollowUp(ctx, input),
    'rounds.plan': () => roundPlan(ctx),
    'rounds.setPlan': ({ intervalDays }) => setRoundPlan(ctx, intervalDays),
  };
}
