import { describe, expect, it } from 'vitest';
import { findProfileByDomain } from '#services/reconcile/profiles.ts';
import { getRun, listRuns } from '#services/reconcile/runs.ts';
import { freshCtx, rowCount } from './helpers.ts';
import { diff, missingInNew, run } from './reconcile-fixtures.ts';

const items = (ctx: ReturnType<typeof freshCtx>) =>
  ctx.sqlite.prepare('SELECT * FROM discrepancy_item ORDER BY item_key').all() as Record<string, unknown>[];

describe('saveRun', () => {
  it('creates the domain profile, the run with its counts and one open item per discrepancy', () => {
    const ctx = freshCtx();
    const saved = run(ctx, '2026-11-20', 100, [
      diff('0001', 'amount', '12.50', '12.00'),
      diff('0001', 'dept', '内科', '外科'),
      missingInNew('0002'),
    ]);
    const profile = findProfileByDomain(ctx, '门诊收费')!;
    expect(profile.columns[0]).toEqual({ old: '收费单号', new: 'charge_no', key: true });
    expect(saved).toMatchObject({
      profileId: profile.id,
      businessDate: '2026-11-20',
      oldFileName: 'old-2026-11-20.csv',
      totalRows: 100,
      // 99 keys on both sides, one of them differs; the missing key is not consistent either.
      consistentRows: 98,
      discrepancyCount: 3,
      newItems: 3,
      carriedItems: 0,
      superseded: false,
    });
    expect(getRun(ctx, saved.id).summary.fieldDifferences).toEqual({ amount: 1, dept: 1 });
    const rows = items(ctx);
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.status === 'open' && r.first_seen_date === '2026-11-20')).toBe(true);
    expect(rows.map((r) => r.key_values)).toContain('["0002"]');
  });

  it('continues the same item on the next day, and reopens one that was marked fixed', () => {
    const ctx = freshCtx();
    run(ctx, '2026-11-20', 10, [diff('0001', 'amount', '1', '2'), diff('0003', 'dept', 'a', 'b')]);
    ctx.sqlite.prepare("UPDATE discrepancy_item SET status = 'fixed' WHERE key_values = '[\"0003\"]'").run();
    const second = run(ctx, '2026-11-21', 10, [
      diff('0001', 'amount', '1', '3'),
      diff('0003', 'dept', 'a', 'b'),
      diff('0004', 'dept', 'x', 'y'),
    ]);
    expect(second).toMatchObject({ newItems: 1, carriedItems: 2, reopenedItems: 1 });
    const rows = items(ctx);
    expect(rows).toHaveLength(3);
    const first = rows.find((r) => r.key_values === '["0001"]')!;
    expect(first).toMatchObject({
      first_seen_date: '2026-11-20',
      last_seen_date: '2026-11-21',
      last_run_id: second.id,
      new_value: '3',
      times_seen: 2,
    });
    expect(rows.find((r) => r.key_values === '["0003"]')!.status).toBe('open');
  });

  it('when merged laptops left two items for one difference, the next run continues the oldest open one', () => {
    const ctx = freshCtx();
    run(ctx, '2026-11-20', 10, [diff('0001', 'amount', '1', '2')]);
    // Copies of the item as another laptop's: one fixed and seen earlier, one open and seen earlier still.
    const copy = (id: string, status: string, first: string) =>
      ctx.sqlite
        .prepare(
          `INSERT INTO discrepancy_item SELECT ?, profile_id, item_key, kind, key_values, "column", old_value,
             new_value, old_row, new_row, ?, first_run_id, last_seen_date, last_run_id, times_seen, ?, cause,
             note, issue_id, triaged_at, triaged_by, created_at, updated_at FROM discrepancy_item LIMIT 1`,
        )
        .run(id, first, status);
    copy('fixed-copy', 'fixed', '2026-11-10');
    copy('open-copy', 'open', '2026-11-15');
    run(ctx, '2026-11-21', 10, [diff('0001', 'amount', '1', '3')]);
    const continued = items(ctx).filter((r) => r.last_seen_date === '2026-11-21');
    expect(continued.map((r) => [r.id, r.times_seen, r.status])).toEqual([['open-copy', 2, 'open']]);
  });

  it('a same key in another column or of another kind is another item', () => {
    const ctx = freshCtx();
    run(ctx, '2026-11-20', 10, [diff('0001', 'amount', '1', '2')]);
    run(ctx, '2026-11-21', 10, [diff('0001', 'dept', '1', '2'), missingInNew('0001')]);
    expect(rowCount(ctx, 'discrepancy_item')).toBe(3);
  });

  it('running a day again supersedes the earlier run without counting another sighting', () => {
    const ctx = freshCtx();
    const a = run(ctx, '2026-11-20', 10, [diff('0001', 'amount', '1', '2')]);
    const b = run(ctx, '2026-11-20', 10, [diff('0001', 'amount', '1', '2')]);
    const runs = listRuns(ctx, a.profileId);
    expect(runs.map((r) => [r.id, r.superseded])).toEqual([
      [b.id, false],
      [a.id, true],
    ]);
    expect(items(ctx)[0]).toMatchObject({ times_seen: 1, last_run_id: b.id });
  });

  it('a late run for an earlier day does not move the last-seen date backwards', () => {
    const ctx = freshCtx();
    const later = run(ctx, '2026-11-22', 10, [diff('0001', 'amount', '1', '5')]);
    run(ctx, '2026-11-20', 10, [diff('0001', 'amount', '1', '2')]);
    expect(items(ctx)[0]).toMatchObject({
      first_seen_date: '2026-11-20',
      last_seen_date: '2026-11-22',
      last_run_id: later.id,
      new_value: '5',
    });
  });

  it('refuses a bad business date and writes nothing', () => {
    const ctx = freshCtx();
    expect(() => run(ctx, '2026-13-40', 10, [])).toThrow(/reconcile_bad_date|date/);
    expect(rowCount(ctx, 'reconcile_run')).toBe(0);
  });

  it('a carry logs only what changed of each item, as one write per item would', () => {
    const ctx = freshCtx();
    run(ctx, '2026-11-20', 10, [
      diff('0001', 'amount', '12.50', '12.00'),
      diff('0002', 'amount', '8.00', '9.00'),
      missingInNew('0003'),
    ]);
    run(ctx, '2026-11-21', 10, [
      diff('0001', 'amount', '12.50', '12.10'),
      diff('0002', 'amount', '8.00', '9.00'),
      missingInNew('0003'),
    ]);
    const written = (
      ctx.sqlite
        .prepare(
          `SELECT i.key_values AS key, c.fields FROM change_log c JOIN discrepancy_item i ON i.id = c.row_id
           WHERE c.prev <> '[]' ORDER BY i.key_values`,
        )
        .all() as { key: string; fields: string }[]
    ).map((r) => [r.key, Object.keys(JSON.parse(r.fields) as object).sort()]);
    const seen = ['last_run_id', 'last_seen_date', 'times_seen', 'updated_at'];
    expect(written).toEqual([
      ['["0001"]', ['new_value', ...seen].sort()],
      ['["0002"]', seen],
      ['["0003"]', seen],
    ]);
  });
});
