// KPI targets: one replicated row per KPI with a stable id, so every laptop shows the same targets after a
// sync; a KPI without a row has the seed documents' default.
import { defaultKpiTargets, kpiKeys, type KpiKey, type KpiTargetValue } from '#contract/index.ts';
import { kpiTarget } from '#db/schema.ts';
import { inTransaction, type Ctx } from '#services/core/context.ts';
import { insertRecord, stableId, updateRecord } from '#services/core/records.ts';

export function getTargets(ctx: Ctx): Record<KpiKey, KpiTargetValue> {
  const rows = ctx.db.select().from(kpiTarget).all();
  const out = { ...defaultKpiTargets };
  for (const key of kpiKeys) {
    // Several rows for one key can only come from a merge with an older copy: the latest edit wins.
    const row = rows.filter((r) => r.key === key).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
    if (row) out[key] = { target: row.target, amber: row.amber };
  }
  return out;
}

export function setTarget(ctx: Ctx, input: { key: KpiKey } & KpiTargetValue): Record<KpiKey, KpiTargetValue> {
  return inTransaction(ctx, () => {
    const id = stableId('kpi_target', input.key, { exact: true });
    const existing = ctx.db
      .select()
      .from(kpiTarget)
      .all()
      .find((r) => r.id === id);
    if (existing) updateRecord(ctx, kpiTarget, id, { target: input.target, amber: input.amber });
    else insertRecord(ctx, kpiTarget, { key: input.key, target: input.target, amber: input.amber }, { id });
    return getTargets(ctx);
  });
}
