// A laptop whose clock was wrong (issue #11, item 1). Change ids carry the writer's clock; imports refuse
// changes far ahead of the importer's clock, so the changes a laptop made while its clock ran ahead would
// be refused everywhere, and its people's work stranded. Once the clock is fixed:
//   `wardside clock check`   says whether this laptop's clock is far behind changes it holds (a warning
//                            that its clock is wrong now, or that it holds changes from a wrong clock);
//   `wardside clock reissue` re-issues this laptop's own far-ahead changes under the corrected clock (same
//                            records, same fields and values, new ids), so its next export is accepted.
// Reissuing is safe because such changes never took hold anywhere else: every other laptop refuses them.
import { CLOCK_FOLLOW_MS, nextChangeId, parseChangeId } from '#services/core/change-log.ts';
import { inTransaction, statement, type Ctx } from '#services/core/context.ts';
import { materializeRow } from '#services/core/materialize.ts';
import { ensureReplica, getLocalSetting, setLocalSetting } from '#services/core/settings.ts';

/** Local setting: the change_log rowid up to which changes have left this laptop in an export file. */
export const EXPORTED_THROUGH = 'sync.exportedThrough';

export interface ClockStatus {
  now: string;
  /** The newest change this laptop holds (its clock), or null for an empty log. */
  newest: string | null;
  /** How far this laptop's clock is behind the newest change it holds (0 when not behind). */
  behindMs: number;
  /** Changes held that are further ahead of this clock than an import accepts. */
  ahead: { own: number; others: number; exportedOwn: number };
  /** True when behind by more than an import accepts: the clock is wrong, or changes from a wrong one are held. */
  warning: boolean;
}

interface Row {
  rowid: number;
  id: string;
  replica_id: string;
}

function aheadRows(ctx: Ctx): Row[] {
  const bound = ctx.now().getTime() + CLOCK_FOLLOW_MS;
  const from = `${String(bound).padStart(13, '0')}-999999@\uffff`;
  return statement(ctx, 'SELECT rowid, id, replica_id FROM change_log WHERE id > ? ORDER BY id').all(
    from,
  ) as Row[];
}

export function clockStatus(ctx: Ctx): ClockStatus {
  const now = ctx.now().getTime();
  const last = statement(ctx, 'SELECT max(id) AS id FROM change_log').get() as { id: string | null };
  const newest = last.id ? (parseChangeId(last.id)?.ms ?? null) : null;
  const own = ensureReplica(ctx).id;
  const exportedThrough = getLocalSetting<number>(ctx, EXPORTED_THROUGH) ?? 0;
  const rows = aheadRows(ctx);
  const ownRows = rows.filter((r) => r.replica_id === own);
  const behindMs = newest === null ? 0 : Math.max(0, newest - now);
  return {
    now: new Date(now).toISOString(),
    newest: newest === null ? null : new Date(Math.min(newest, 8.64e15)).toISOString(),
    behindMs,
    ahead: {
      own: ownRows.length,
      others: rows.length - ownRows.length,
      exportedOwn: ownRows.filter((r) => r.rowid <= exportedThrough).length,
    },
    warning: behindMs > CLOCK_FOLLOW_MS,
  };
}

/**
 * Re-issues this laptop's own changes that are too far ahead of its (corrected) clock: each gets a new id
 * from the clock now, in the original order; `prev` lists and conflicts follow; the records are re-derived.
 * One transaction. Returns how many changes were re-issued and the old → new ids (for the log).
 */
export function reissueChanges(ctx: Ctx): { reissued: number; ids: [string, string][] } {
  return inTransaction(ctx, () => {
    ctx.sqlite.pragma('defer_foreign_keys = ON');
    const own = ensureReplica(ctx).id;
    const rows = aheadRows(ctx).filter((r) => r.replica_id === own);
    if (rows.length === 0) return { reissued: 0, ids: [] };
    const full = rows.map(
      (r) =>
        statement(ctx, 'SELECT rowid AS place, * FROM change_log WHERE id = ?').get(r.id) as Record<
          string,
          unknown
        > & {
          place: number;
          id: string;
          table_name: string;
          row_id: string;
        },
    );
    const remove = statement(ctx, 'DELETE FROM change_log WHERE id = ?');
    for (const row of full) remove.run(row.id);
    const renamed = new Map<string, string>();
    const insert = statement(
      ctx,
      // Each change keeps its place in the log (its rowid): the order changes arrived in is what
      // lastOwnChanges relies on.
      `INSERT INTO change_log (rowid, id, replica_id, table_name, row_id, fields, prev, deleted, author)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const row of full) {
      const id = nextChangeId(ctx);
      renamed.set(row.id, id);
      const prev = (JSON.parse(row.prev as string) as string[]).map((p) => renamed.get(p) ?? p);
      insert.run(
        row.place,
        id,
        own,
        row.table_name,
        row.row_id,
        row.fields,
        JSON.stringify(prev),
        row.deleted,
        row.author,
      );
    }
    // Later changes (made after the clock was fixed) may list a re-issued change among what they saw.
    const touched = new Set(full.map((r) => `${r.table_name}\u0000${r.row_id}`));
    const update = statement(ctx, 'UPDATE change_log SET prev = ? WHERE id = ?');
    for (const [oldId, newId] of renamed) {
      const users = statement(
        ctx,
        "SELECT id, prev, table_name, row_id FROM change_log WHERE prev LIKE '%' || ? || '%'",
      ).all(oldId) as { id: string; prev: string; table_name: string; row_id: string }[];
      for (const user of users) {
        const prev = (JSON.parse(user.prev) as string[]).map((p) => (p === oldId ? newId : p));
        update.run(JSON.stringify(prev), user.id);
        touched.add(`${user.table_name}\u0000${user.row_id}`);
      }
    }
    for (const key of touched) {
      const [table, row] = key.split('\u0000') as [string, string];
      materializeRow(ctx, table, row);
    }
    const log = getLocalSetting<{ at: string; count: number }[]>(ctx, 'clock.reissued') ?? [];
    setLocalSetting(ctx, 'clock.reissued', [...log, { at: ctx.now().toISOString(), count: full.length }]);
    return { reissued: full.length, ids: [...renamed.entries()] };
  });
}
