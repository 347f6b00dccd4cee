// Engine results built by hand for the workspace tests: the services only see ReconcileResult objects,
// so carry-over, ages and the trend can be checked on a known dataset without files.
import type { Discrepancy, Profile, ReconcileResult } from '#contract/reconcile-engine.ts';
import { saveRun } from '#services/reconcile/runs.ts';
import type { Ctx } from '#services/core/context.ts';

export const chargesProfile: Profile = {
  name: '门诊收费',
  columns: [
    { old: '收费单号', new: 'charge_no', key: true },
    { old: '金额', new: 'amount', compare: 'number', tolerance: 0.01 },
    { old: '科室', new: 'dept' },
  ],
};

export const diff = (key: string, column: string, oldValue: string, newValue: string): Discrepancy => ({
  key: [key],
  kind: 'different',
  column,
  oldValue,
  newValue,
  oldRow: 1,
  newRow: 1,
});

export const missingInNew = (key: string): Discrepancy => ({
  key: [key],
  kind: 'missing-in-new',
  column: null,
  oldValue: null,
  newValue: null,
  oldRow: 2,
  newRow: null,
});

/**
 * A result over `total` distinct keys of which the discrepancies are the only disagreements: each
 * 'different' key counts once as a row with differences, each missing one as missing.
 */
export function resultOf(total: number, discrepancies: Discrepancy[]): ReconcileResult {
  const differentKeys = new Set(discrepancies.filter((d) => d.kind === 'different').map((d) => d.key.join()));
  const missingInNewCount = discrepancies.filter((d) => d.kind === 'missing-in-new').length;
  const missingInOldCount = discrepancies.filter((d) => d.kind === 'missing-in-old').length;
  const matched = total - missingInNewCount - missingInOldCount;
  const fieldDifferences: Record<string, number> = {};
  for (const d of discrepancies) {
    if (d.kind === 'different') fieldDifferences[d.column!] = (fieldDifferences[d.column!] ?? 0) + 1;
  }
  return {
    summary: {
      oldRows: matched + missingInNewCount,
      newRows: matched + missingInOldCount,
      matched,
      missingInNew: missingInNewCount,
      missingInOld: missingInOldCount,
      rowsWithDifferences: differentKeys.size,
      duplicateKeysOld: 0,
      duplicateKeysNew: 0,
      fieldDifferences,
      controlTotals: { old: { rows: matched, sums: {} }, new: { rows: matched, sums: {} } },
    },
    discrepancies,
    elapsedMs: 12,
  };
}

export function run(
  ctx: Ctx,
  businessDate: string,
  total: number,
  discrepancies: Discrepancy[],
  domain = '门诊收费',
) {
  return saveRun(ctx, {
    domain,
    businessDate,
    profile: chargesProfile,
    result: resultOf(total, discrepancies),
    oldFile: `/exports/old-${businessDate}.csv`,
    newFile: `/exports/new-${businessDate}.csv`,
  });
}
