import { describe, expect, it } from 'vitest';
import { createDepartment } from '#services/reference/departments.ts';
import { getIssueDetail } from '#services/issues/issues.ts';
import {
  createIssueFromItem,
  itemsForIssue,
  listItemIds,
  listItems,
  triageItems,
} from '#services/reconcile/items.ts';
import { findProfileByDomain } from '#services/reconcile/profiles.ts';
import { dumpReplicated, freshCtx } from './helpers.ts';
import { diff, missingInNew, run } from './reconcile-fixtures.ts';

function setup() {
  const ctx = freshCtx();
  run(ctx, '2026-11-20', 100, [diff('0001', 'amount', '10', '11'), missingInNew('0002')]);
  run(ctx, '2026-11-21', 100, [diff('0001', 'amount', '10', '12'), diff('0003', 'dept', '内科', '外科')]);
  run(ctx, '2026-11-23', 100, [diff('0001', 'amount', '10', '12')]);
  const profileId = findProfileByDomain(ctx, '门诊收费')!.id;
  const byKey = (key: string) =>
    listItems(ctx, { filter: { profileId } }).rows.find((r) => r.key[0] === key)!;
  return { ctx, profileId, byKey };
}

describe('discrepancy items', () => {
  it('age in days up to the latest business date, and "not reproduced" for items the latest run lacks', () => {
    const { byKey } = setup();
    // Seen 11-20, 11-21 and 11-23: open for 3 days of dual run.
    expect(byKey('0001')).toMatchObject({ ageDays: 3, timesSeen: 3, notReproduced: false, newValue: '12' });
    // Seen once on 11-20, still open on the latest day 11-23.
    expect(byKey('0002')).toMatchObject({ ageDays: 3, notReproduced: true, lastSeenDate: '2026-11-20' });
    expect(byKey('0003')).toMatchObject({ ageDays: 2, notReproduced: true });
  });

  it('filters by reproduction, day, kind, column, text and age', () => {
    const { ctx, profileId } = setup();
    const keys = (filter: Parameters<typeof listItems>[1]['filter']) =>
      listItems(ctx, { filter, sort: { key: 'key', dir: 'asc' } }).rows.map((r) => r.key[0]);
    expect(keys({ profileId, seen: 'current' })).toEqual(['0001']);
    expect(keys({ profileId, seen: 'not_reproduced' })).toEqual(['0002', '0003']);
    // 0002 was seen on 11-20 only: on 11-21 it was already gone.
    expect(keys({ profileId, seenOn: '2026-11-21' })).toEqual(['0001', '0003']);
    expect(keys({ profileId, seenOn: '2026-11-22' })).toEqual(['0001']);
    expect(keys({ profileId, kinds: ['missing-in-new'] })).toEqual(['0002']);
    expect(keys({ profileId, columns: ['dept'] })).toEqual(['0003']);
    expect(keys({ profileId, text: '外科' })).toEqual(['0003']);
    expect(keys({ profileId, text: '%' })).toEqual([]);
    expect(keys({ profileId, minAgeDays: 3 })).toEqual(['0001', '0002']);
    expect(listItemIds(ctx, { profileId, seen: 'not_reproduced' })).toHaveLength(2);
  });

  it('triage: explained and accepted need a cause, fixed does not; reopening keeps cause and note', () => {
    const { ctx, byKey } = setup();
    const a = byKey('0001').id;
    const refused = triageItems(ctx, { ids: [a], status: 'explained' });
    expect(refused.updated).toBe(0);
    expect(refused.refused[0]!.message).toBe('reconcile_cause_required');
    expect(byKey('0001').status).toBe('open');

    expect(triageItems(ctx, { ids: [a], status: 'explained', cause: 'timing', note: '跨日结算' })).toEqual({
      updated: 1,
      refused: [],
    });
    expect(byKey('0001')).toMatchObject({ status: 'explained', cause: 'timing', note: '跨日结算' });
    // An explained item that is now accepted keeps its cause.
    triageItems(ctx, { ids: [a], status: 'accepted' });
    expect(byKey('0001')).toMatchObject({ status: 'accepted', cause: 'timing' });
    triageItems(ctx, { ids: [a], status: 'open' });
    expect(byKey('0001')).toMatchObject({ status: 'open', cause: 'timing', note: '跨日结算' });
    // A closed item stops ageing at its last sighting; open ones age to the latest day.
    triageItems(ctx, { ids: [byKey('0002').id], status: 'fixed' });
    expect(byKey('0002')).toMatchObject({ status: 'fixed', cause: null, ageDays: 0 });
  });

  it('bulk triage updates what it can in one go and lists the refusals; a no-op writes nothing', () => {
    const { ctx, byKey } = setup();
    const ids = ['0001', '0002', '0003'].map((k) => byKey(k).id);
    triageItems(ctx, { ids: [ids[0]!], status: 'explained', cause: 'rounding' });
    const result = triageItems(ctx, { ids, status: 'accepted' }, (e) => `${e.code}:${String(e.params.key)}`);
    expect(result.updated).toBe(1);
    expect(result.refused.map((r) => r.message)).toEqual([
      'reconcile_cause_required:0002',
      'reconcile_cause_required:0003 · dept',
    ]);
    const before = dumpReplicated(ctx);
    expect(triageItems(ctx, { ids: [ids[0]!], status: 'accepted' }).updated).toBe(0);
    expect(dumpReplicated(ctx)).toEqual(before);
    // A cause given in bulk applies to every item, the first one included.
    expect(triageItems(ctx, { ids, status: 'accepted', cause: 'other' }).updated).toBe(3);
  });

  it('creates a pilot issue from an item and links both ways', () => {
    const { ctx, byKey } = setup();
    const dept = createDepartment(ctx, { code: 'MZSF', name: '门诊收费处', type: 'admin', pilotPhase: 1 });
    const item = byKey('0001');
    const { issue } = createIssueFromItem(ctx, {
      itemId: item.id,
      title: '金额不一致',
      departmentId: dept.id,
      severity: 'P2',
      category: 'data_interface',
      blocking: false,
    });
    expect(byKey('0001')).toMatchObject({ issueId: issue.id, issueNumber: issue.number });
    expect(getIssueDetail(ctx, issue.id).issue.description).toContain('门诊收费');
    expect(getIssueDetail(ctx, issue.id).issue.description).toContain('0001');
    expect(itemsForIssue(ctx, issue.id)).toEqual([
      expect.objectContaining({ itemId: item.id, domain: '门诊收费', key: ['0001'], column: 'amount' }),
    ]);
    expect(() =>
      createIssueFromItem(ctx, {
        itemId: item.id,
        title: 'again',
        departmentId: dept.id,
        severity: 'P2',
        category: 'data_interface',
        blocking: false,
      }),
    ).toThrow(expect.objectContaining({ code: 'reconcile_already_linked' }));
  });
});
