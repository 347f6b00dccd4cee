// Ward-round visits per department come from another area (ward rounds): it plugs its query in here at
// start-up (main/services/areas.ts), so the board never imports that area. The heat map then shows each
// department's visits beside its issues by category (where engineers walk vs where problems come from).
import type { Period } from '#contract/index.ts';
import type { Ctx } from '#services/core/context.ts';

/** Visits per department in a period (local days). */
export type VisitsQuery = (
  ctx: Ctx,
  period: Period,
) => { departmentId: string; departmentName: string; visits: number }[];

let query: VisitsQuery | null = null;

export function registerVisitsQuery(q: VisitsQuery | null) {
  query = q;
}

/** Department id → visits and name; null when no area answers. */
export function visitsFor(ctx: Ctx, period: Period): Map<string, { name: string; visits: number }> | null {
  if (!query) return null;
  return new Map(
    query(ctx, period).map((r) => [r.departmentId, { name: r.departmentName, visits: r.visits }]),
  );
}
