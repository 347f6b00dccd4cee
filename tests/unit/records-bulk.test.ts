// The bulk write path (records.ts insertRecords / updateRecords, issue #17 item 2) must leave exactly what
// the one-record path leaves — the same rows and, for sync, the same change log (fields, prev heads, ids,
// authors) and the same settled conflicts — since other laptops merge from that log. Two databases with
// the same replica, clock and ids: one written record by record, the other in batches.
import { describe, expect, it } from 'vitest';
import { discrepancyItem } from '#db/schema.ts';
import { inTransaction, type Ctx } from '#services/core/context.ts';
import { lastOwnChanges, writesField } from '#services/core/change-log.ts';
import {
  deleteRecord,
  insertRecord,
  insertRecords,
  newStableId,
  newStableIds,
  stableId,
  updateRecord,
  updateRecords,
  type NewRecord,
  type RecordPatch,
} from '#services/core/records.ts';
import { setLocalSetting } from '#services/core/settings.ts';
import { createProfile } from '#services/reconcile/profiles.ts';
import { v5 as uuidv5 } from 'uuid';
import { freshCtx, testClock } from './helpers.ts';

type Item = typeof discrepancyItem;

/** A database whose replica, clock and new ids are the same as every other one made here. */
function twin(): Ctx {
  const clock = testClock('2026-11-22T08:00:00.000Z');
  const ctx = freshCtx({ now: clock.now });
  let n = 0;
  ctx.newId = () => `00000000-0000-7000-8000-${String(++n).padStart(12, '0')}`;
  ctx.sqlite.prepare("UPDATE replica_info SET id = 'replica-twin', label = '护士站'").run();
  setLocalSetting(ctx, 'operator', '张三');
  createProfile(ctx, { domain: '门诊收费', name: '门诊收费', columns: [{ old: 'a', new: 'a', key: true }] });
  return ctx;
}

const profileOf = (ctx: Ctx) =>
  (ctx.sqlite.prepare('SELECT id FROM reconcile_profile').get() as { id: string }).id;

function newItems(profileId: string, count: number): NewRecord<Item>[] {
  return Array.from({ length: count }, (_, i) => ({
    id: stableId('discrepancy', `${profileId}|${i}`, { exact: true }),
    values: {
      profileId,
      itemKey: JSON.stringify(['different', 'amount', [`K${i}`]]),
      kind: i % 3 === 0 ? ('missing-in-new' as const) : ('different' as const),
      keyValues: JSON.stringify([`K${i}`]),
      column: i % 3 === 0 ? null : '金额',
      oldValue: i % 3 === 0 ? null : `${i}.50`,
      newValue: i % 3 === 0 ? null : `${i}.00`,
      // A string in an integer column: SQLite stores the number, and the change must say so.
      oldRow: i === 4 ? ('7' as unknown as number) : i + 2,
      newRow: i % 3 === 0 ? null : i + 2,
      firstSeenDate: '2026-11-20',
      firstRunId: 'run-1',
      lastSeenDate: '2026-11-20',
      lastRunId: 'run-1',
      // Left to the column defaults on some rows (read back as stored).
      ...(i % 5 === 1 ? {} : { timesSeen: 1, status: 'open' as const }),
      cause: null,
      note: i === 2 ? '备注' : null,
      issueId: null,
      triagedAt: null,
      triagedBy: null,
    } as NewRecord<Item>['values'],
  }));
}

function patches(ids: string[]): RecordPatch<Item>[] {
  return [
    ...ids.map((id, i) => ({
      id,
      patch:
        i % 4 === 0
          ? // Nothing really changes: no write, no change.
            { firstSeenDate: '2026-11-20', timesSeen: 1 }
          : {
              newValue: `${i}.25`,
              lastSeenDate: '2026-11-21',
              lastRunId: 'run-2',
              timesSeen: 2,
              ...(i % 7 === 0 ? { status: 'fixed' as const, note: '已修复' } : {}),
            },
    })),
    // The same record twice in one batch: the second write supersedes the first.
    { id: ids[1]!, patch: { newValue: 'again', timesSeen: 3 } },
  ];
}

/** What a remote laptop's concurrent edit leaves: a second head for a field, and a conflict row. */
function concurrentEdit(ctx: Ctx, rowId: string) {
  ctx.sqlite
    .prepare(
      `INSERT INTO change_log (id, replica_id, table_name, row_id, fields, prev, deleted, author)
       VALUES ('1764000000000-000000@remote', 'remote', 'discrepancy_item', ?, '{"new_value":"远端"}', '[]', 0, NULL)`,
    )
    .run(rowId);
  ctx.sqlite
    .prepare(
      `INSERT INTO sync_conflict (table_name, row_id, field, winner_id, loser_id)
       VALUES ('discrepancy_item', ?, 'new_value', 'w', '1764000000000-000000@remote')`,
    )
    .run(rowId);
}

/** The fields of the (first) change of a record. */
const change = (ctx: Ctx, id: string) =>
  JSON.parse(
    (
      ctx.sqlite.prepare('SELECT fields FROM change_log WHERE row_id = ? ORDER BY id').get(id) as {
        fields: string;
      }
    ).fields,
  ) as Record<string, unknown>;

function state(ctx: Ctx) {
  return {
    items: ctx.sqlite.prepare('SELECT * FROM discrepancy_item ORDER BY id').all(),
    changes: ctx.sqlite.prepare('SELECT * FROM change_log ORDER BY id').all(),
    conflicts: ctx.sqlite.prepare('SELECT * FROM sync_conflict ORDER BY row_id, field').all(),
  };
}

/** The prev of a record's local change before its last one. */
const prevOf = (ctx: Ctx, rowId: string) =>
  (
    ctx.sqlite
      .prepare(
        "SELECT prev FROM change_log WHERE row_id = ? AND replica_id <> 'remote' ORDER BY rowid DESC LIMIT 1 OFFSET 1",
      )
      .get(rowId) as { prev: string }
  ).prev;

describe('bulk write path', () => {
  it('writes the same records and change log as one record at a time', () => {
    const one = twin();
    const bulk = twin();
    expect(state(bulk)).toEqual(state(one));
    const rows = newItems(profileOf(one), 40);
    const ids = rows.map((r) => r.id!);

    inTransaction(one, () => rows.forEach((r) => insertRecord(one, discrepancyItem, r.values, { id: r.id })));
    let reported: number[] = [];
    const written = inTransaction(bulk, () =>
      insertRecords(bulk, discrepancyItem, rows, { onProgress: (done) => reported.push(done) }),
    );
    expect(written).toEqual(ids);
    expect(reported).toEqual([40]);
    expect(state(bulk)).toEqual(state(one));
    // The read-back row (a string given to an integer column) and the defaulted ones are in the log as stored.
    expect(change(bulk, ids[4]!).old_row).toBe(7);
    expect(change(bulk, ids[1]!)).toMatchObject({ times_seen: 1, status: 'open' });

    for (const ctx of [one, bulk]) concurrentEdit(ctx, ids[2]!);
    const updates = patches(ids);
    inTransaction(one, () => updates.forEach((u) => updateRecord(one, discrepancyItem, u.id, u.patch)));
    reported = [];
    inTransaction(bulk, () =>
      updateRecords(bulk, discrepancyItem, updates, { onProgress: (done) => reported.push(done) }),
    );
    expect(reported).toEqual([41]);
    const after = state(bulk);
    expect(after).toEqual(state(one));
    // What the comparison covers: no-op patches wrote nothing, the edit over the concurrent one superseded
    // both heads and settled the conflict, the repeated record's second change supersedes its first.
    // The profile, 40 items, the remote edit, 30 real patches (10 were no-ops) and the repeated one.
    expect(after.changes).toHaveLength(1 + 40 + 1 + 30 + 1);
    const history = (rowId: string) =>
      (after.changes as { id: string; row_id: string; prev: string }[])
        .filter((c) => c.row_id === rowId)
        .map((c) => ({ id: c.id, prev: JSON.parse(c.prev) as string[] }));
    expect(history(ids[2]!).at(-1)!.prev).toHaveLength(2);
    expect(after.conflicts).toEqual([]);
    const repeated = history(ids[1]!);
    expect(repeated.map((c) => c.prev)).toEqual([[], [repeated[0]!.id], [repeated[1]!.id]]);
  });

  it('carries day after day as one record at a time does, reading whole only the records that need it', () => {
    const one = twin();
    const bulk = twin();
    const rows = newItems(profileOf(one), 12).map((r) => ({
      ...r,
      values: { ...r.values, timesSeen: 1, status: 'open' as const },
    }));
    const ids = rows.map((r) => r.id!);
    const both = (write: (ctx: Ctx, bulk: boolean) => void) => {
      inTransaction(one, () => write(one, false));
      inTransaction(bulk, () => write(bulk, true));
    };
    const patch = (updates: RecordPatch<Item>[]) =>
      both((ctx, batch) =>
        batch
          ? updateRecords(ctx, discrepancyItem, updates)
          : updates.forEach((u) => updateRecord(ctx, discrepancyItem, u.id, u.patch)),
      );
    const day = (n: number, extra: (i: number) => Partial<RecordPatch<Item>['patch']> = () => ({})) =>
      patch(
        ids.map((id, i) => ({
          id,
          patch: {
            newValue: `${i}.${n}`,
            lastSeenDate: `2026-11-2${n}`,
            lastRunId: `run-${n}`,
            timesSeen: n,
            ...extra(i),
          },
        })),
      );
    const own = (ctx: Ctx) => [...lastOwnChanges(ctx, 'discrepancy_item', ids).keys()].sort();

    both((ctx) => insertRecords(ctx, discrepancyItem, rows));
    // Each item's last change is its insert, written here: every item may take it as its only head.
    expect(own(bulk)).toEqual([...ids].sort());
    day(2);
    expect(state(bulk)).toEqual(state(one));

    // After day 2: a remote edit of item 0 arrives (concurrent with day 2's write, with an older id); item 1
    // is deleted and created again under its id; item 2 is edited by a remote change
    // that did not see day 2's (a newer id, and the same fields).
    for (const ctx of [one, bulk]) concurrentEdit(ctx, ids[0]!);
    both((ctx) => {
      deleteRecord(ctx, discrepancyItem, ids[1]!);
      insertRecord(ctx, discrepancyItem, rows[1]!.values, { id: ids[1]! });
    });
    for (const ctx of [one, bulk]) {
      const insert = (
        ctx.sqlite
          .prepare('SELECT id FROM change_log WHERE row_id = ? ORDER BY rowid LIMIT 1')
          .get(ids[2]!) as {
          id: string;
        }
      ).id;
      const fields = {
        new_value: '远端',
        last_seen_date: '2026-11-22',
        last_run_id: 'remote-run',
        times_seen: 2,
      };
      ctx.sqlite
        .prepare(
          `INSERT INTO change_log (id, replica_id, table_name, row_id, fields, prev, deleted, author)
           VALUES ('9000000000000-000000@remote', 'remote', 'discrepancy_item', ?, ?, ?, 0, NULL)`,
        )
        .run(
          ids[2]!,
          JSON.stringify({ ...fields, updated_at: '2026-11-22T09:00:00.000Z' }),
          JSON.stringify([insert]),
        );
    }
    expect(own(bulk)).toEqual(ids.slice(3).sort());
    // Day 3 also reopens item 3 and notes item 4: fields day 2's change did not write, so they read whole.
    day(3, (i) => (i === 3 ? { status: 'fixed' as const } : i === 4 ? { note: '第三天' } : {}));
    expect(state(bulk)).toEqual(state(one));
    day(4);
    expect(state(bulk)).toEqual(state(one));
    // Item 0's day-3 write superseded both heads of new_value: the remote one and day 2's.
    expect(JSON.parse(prevOf(bulk, ids[0]!))).toHaveLength(2);
  });

  it('a batch that fails half-way inside a transaction writes nothing', () => {
    const ctx = twin();
    const before = state(ctx);
    const rows = newItems(profileOf(ctx), 10);
    // The same id twice: the second insert violates the primary key.
    rows.push({ ...rows[3]!, values: { ...rows[3]!.values } });
    expect(() => inTransaction(ctx, () => insertRecords(ctx, discrepancyItem, rows))).toThrow(/UNIQUE/);
    expect(state(ctx)).toEqual(before);
    const ids = inTransaction(ctx, () => insertRecords(ctx, discrepancyItem, rows.slice(0, 10)));
    const middle = state(ctx);
    expect(() =>
      inTransaction(ctx, () =>
        updateRecords(ctx, discrepancyItem, [
          { id: ids[0]!, patch: { note: 'x' } },
          { id: 'no-such-item', patch: { note: 'y' } },
        ]),
      ),
    ).toThrow(/not_found/);
    expect(state(ctx)).toEqual(middle);
  });

  it('which fields a change writes is read from its JSON keys, never from a value that looks like one', () => {
    const tricky = ['"new_value":1', 'x\\"new_value":', '\\', '{"new_value": 2}', '内科"new_value":'];
    for (const value of tricky) {
      const fields = JSON.stringify({ old_value: value, note: value, updated_at: 'now' });
      expect(writesField(fields, 'new_value')).toBe(false);
      expect(writesField(fields, 'old_value')).toBe(true);
      expect(writesField(fields, 'updated_at')).toBe(true);
      expect(writesField(JSON.stringify({ new_value: value }), 'new_value')).toBe(true);
    }
    // Written with spaces (not by this code): the field is not found, so the record's history is read whole.
    expect(writesField('{"new_value" : 1}', 'new_value')).toBe(false);
  });

  it('stable ids are the name-based UUIDs the uuid package gives', () => {
    const namespace = '6f1c7a52-2a4e-4f39-9c53-6f0c9f1d2b7e';
    for (const [kind, code, exact] of [
      ['department', ' icu ', false],
      ['system', '住院医嘱HIS', false],
      ['discrepancy', 'p1|["different","金额",["0001"]]', true],
      ['x', '', true],
    ] as const) {
      const name = `${kind}:${exact ? code : code.trim().toUpperCase()}`;
      expect(stableId(kind, code, { exact })).toBe(uuidv5(name, namespace));
    }
  });

  it('stable ids for many codes: as newStableId gives each, a fresh id where this database used one', () => {
    const ctx = freshCtx();
    const profile = createProfile(ctx, {
      domain: 'd',
      name: 'd',
      columns: [{ old: 'k', new: 'k', key: true }],
    });
    const values = (key: string) => ({
      profileId: profile.id,
      itemKey: key,
      kind: 'missing-in-new' as const,
      keyValues: '[]',
      column: null,
      oldValue: null,
      newValue: null,
      oldRow: null,
      newRow: null,
      firstSeenDate: '2026-11-20',
      firstRunId: 'r',
      lastSeenDate: '2026-11-20',
      lastRunId: 'r',
    });
    const taken = stableId('discrepancy', 'b', { exact: true });
    insertRecord(ctx, discrepancyItem, values('b'), { id: taken });
    const ids = newStableIds(ctx, discrepancyItem, 'discrepancy', ['a', 'b', 'c'], { exact: true });
    expect(ids[0]).toBe(newStableId(ctx, discrepancyItem, 'discrepancy', 'a', { exact: true }));
    expect(ids[2]).toBe(stableId('discrepancy', 'c', { exact: true }));
    expect(ids[1]).not.toBe(taken);
    expect(ids[1]).toMatch(/^[0-9a-f-]{36}$/);
  });
});
