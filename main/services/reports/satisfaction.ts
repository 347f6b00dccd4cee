// 临床满意度 comes from another area (satisfaction surveys): it plugs its query in here at start-up
// (main/services/areas.ts), so the board never imports that area. No query, or a query answering null,
// shows as "no survey yet".
import type { Period } from '#contract/index.ts';
import type { Ctx } from '#services/core/context.ts';

/** Satisfied and answered responses of the surveys in a period (local days), or null when there are none. */
export type SatisfactionQuery = (ctx: Ctx, period: Period) => { satisfied: number; answered: number } | null;

let query: SatisfactionQuery | null = null;

export function registerSatisfactionQuery(q: SatisfactionQuery | null) {
  query = q;
}

export function satisfactionFor(ctx: Ctx, period: Period) {
  const result = query ? query(ctx, period) : null;
  return result && result.answered > 0 ? result : null;
}
