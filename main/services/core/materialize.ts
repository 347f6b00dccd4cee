// The replicated tables as a view of change_log: one record at a time, from its changes alone, so every
// replica that holds the same changes computes the same row (the dump test compares them byte for byte).
//
// Rules, all deterministic functions of the change set:
// - any delete change → the record is gone (deletes never resurrect; later edits stay in the log, unused);
// - per field, the head with the highest change id wins; other heads are conflicts (not for quiet fields);
// - a reference to a deleted record becomes null when the column allows it, otherwise the record is hidden
//   with its parent (history and attachments of a deleted issue).
import { presenceColumns } from '#db/replicated.ts';
import { statement, type Ctx } from './context.ts';
import { afterRecordWrite, beforeRecordDelete, hasWriteHooks } from './hooks.ts';
import { fieldHeads, isTombstoned, rowChanges, type Change } from './change-log.ts';
import { referencesTo, syncTable, type SyncTable } from './registry.ts';

export type RowOutcome = 'inserted' | 'updated' | 'deleted' | 'unchanged';

type RawRow = Record<string, unknown>;

function currentRow(ctx: Ctx, table: SyncTable, rowId: string): RawRow | undefined {
  return statement(ctx, `SELECT * FROM "${table.name}" WHERE id = ?`).get(rowId) as RawRow | undefined;
}

/** What a record's changes say it is: its columns, its conflicts, or hidden (deleted, or a parent gone). */
interface Derived {
  target: RawRow;
  conflicts: { field: string; winnerId: string; loserId: string }[];
  hidden: boolean;
}

function derive(ctx: Ctx, table: SyncTable, changes: Change[], goneCache?: Map<string, boolean>): Derived {
  const gone = changes.length === 0 || changes.some((c) => c.deleted);
  const target: RawRow = {};
  const conflicts: { field: string; winnerId: string; loserId: string }[] = [];
  let hidden = gone;
  if (!gone && changes.length === 1 && !changes[0]!.prev.includes(changes[0]!.id)) {
    // One change (most records of an import: a create never edited since): every field it writes is a
    // head of its own, no conflict (unless it names itself in prev: then fieldHeads decides).
    const fields = changes[0]!.fields;
    for (const field in fields) if (table.columns.has(field)) target[field] = fields[field] ?? null;
  } else if (!gone) {
    for (const [field, heads] of fieldHeads(changes)) {
      if (!table.columns.has(field)) continue;
      const winner = heads[heads.length - 1]!;
      target[field] = winner.fields[field] ?? null;
      if (!table.quiet.has(field)) {
        // Concurrent writes of the same value lose nothing: not a conflict.
        for (const loser of heads.slice(0, -1)) {
          if (sameForConflict(field, loser.fields[field] ?? null, target[field])) continue;
          conflicts.push({ field, winnerId: winner.id, loserId: loser.id });
        }
      }
    }
  }
  if (!gone) {
    for (const ref of table.refs) {
      const value = target[ref.column];
      if (typeof value !== 'string' || !goneCached(ctx, ref.target, value, goneCache)) continue;
      if (ref.notNull) hidden = true;
      else target[ref.column] = null;
    }
  }
  return { target, conflicts, hidden };
}

/** Recomputes one record from its changes and writes the difference. */
export function materializeRow(
  ctx: Ctx,
  tableName: string,
  rowId: string,
  /** All the record's changes, oldest first, when the caller knows the log held none before (a new record). */
  fresh?: Change[],
  /**
   * Answers of isGone for this batch. Valid while the log does not change: an import adds all of a file's
   * changes first, then materialises, so deletes seen here are final.
   */
  goneCache?: Map<string, boolean>,
): RowOutcome {
  const table = syncTable(tableName);
  const changes = fresh ?? rowChanges(ctx, tableName, rowId);
  const current = fresh ? undefined : currentRow(ctx, table, rowId);
  const { target, conflicts, hidden } = derive(ctx, table, changes, goneCache);
  if (!fresh || conflicts.length > 0) replaceConflicts(ctx, tableName, rowId, hidden ? [] : conflicts);

  if (hidden) {
    if (!current) return 'unchanged';
    removeRow(ctx, table, rowId, current);
    return 'deleted';
  }
  if (!current) {
    const columns = ['id', ...Object.keys(target)];
    target.id = rowId;
    statement(
      ctx,
      `INSERT INTO "${table.name}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    ).run(...columns.map((c) => target[c] as never));
    // Every column is in `target` (a create change carries the whole row), so no read-back is needed.
    afterRecordWrite(ctx, table.table, mapped(table, target));
    return 'inserted';
  }
  const changed = Object.keys(target).filter((c) => current[c] !== target[c]);
  if (changed.length === 0) return 'unchanged';
  statement(
    ctx,
    `UPDATE "${table.name}" SET ${changed.map((c) => `"${c}" = ?`).join(', ')} WHERE id = ?`,
  ).run(...changed.map((c) => target[c] as never), rowId);
  afterRecordWrite(ctx, table.table, mapped(table, currentRow(ctx, table, rowId)!));
  // A record that came back from hidden (never: deletes are final) or changed an id others point at (ids
  // never change) needs nothing more; dependants only care about deletes.
  return 'updated';
}

/** Rows of new records per statement: fewer round trips into SQLite, well under its 32,766 parameters. */
const INSERT_CHUNK = 64;

/**
 * New records of an import, inserted many rows per statement (issue #17): consecutive records of one table
 * with the same columns wait here and are written together, in the order they came, each followed by its
 * write hooks. The importer flushes before anything that reads or writes records another way.
 */
export class RecordInserts {
  private table: SyncTable | null = null;
  private columns: string[] = [];
  private columnsKey = '';
  private rows: RawRow[] = [];

  add(ctx: Ctx, table: SyncTable, row: RawRow): void {
    const columns = Object.keys(row);
    const key = columns.join('\u0000');
    if (table !== this.table || key !== this.columnsKey) {
      this.flush(ctx);
      this.table = table;
      this.columns = columns;
      this.columnsKey = key;
    }
    this.rows.push(row);
    if (this.rows.length === INSERT_CHUNK) this.flush(ctx);
  }

  flush(ctx: Ctx): void {
    const { table, columns, rows } = this;
    if (!table || rows.length === 0) return;
    this.rows = [];
    const values = `(${columns.map(() => '?').join(', ')})`;
    const args: unknown[] = [];
    for (const row of rows) for (const c of columns) args.push(row[c]);
    statement(
      ctx,
      `INSERT INTO "${table.name}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${Array.from(rows, () => values).join(', ')}`,
    ).run(...(args as never[]));
    if (hasWriteHooks(table.table))
      for (const row of rows) afterRecordWrite(ctx, table.table, mapped(table, row));
  }
}

/**
 * materializeRow for a record the log held no change of before this import (`changes`, oldest first): no
 * current row, so nothing is read; an insert joins `inserts`. Returns the conflicts it recorded as well.
 */
export function materializeNew(
  ctx: Ctx,
  tableName: string,
  rowId: string,
  changes: Change[],
  goneCache: Map<string, boolean>,
  inserts: RecordInserts,
): { outcome: RowOutcome; conflicts: number } {
  const table = syncTable(tableName);
  const { target, conflicts, hidden } = derive(ctx, table, changes, goneCache);
  if (conflicts.length > 0) replaceConflicts(ctx, tableName, rowId, hidden ? [] : conflicts);
  if (hidden) return { outcome: 'unchanged', conflicts: 0 };
  inserts.add(ctx, table, { id: rowId, ...target });
  return { outcome: 'inserted', conflicts: conflicts.length };
}

/**
 * Deleted, or hidden because a record it cannot exist without is deleted (recursively along NOT NULL
 * references; the declaration has no cycles of those).
 */
function goneCached(ctx: Ctx, tableName: string, rowId: string, cache?: Map<string, boolean>): boolean {
  if (!cache) return isGone(ctx, tableName, rowId);
  const key = `${tableName}\u0000${rowId}`;
  let answer = cache.get(key);
  if (answer === undefined) cache.set(key, (answer = isGone(ctx, tableName, rowId)));
  return answer;
}

export function isGone(ctx: Ctx, tableName: string, rowId: string): boolean {
  if (isTombstoned(ctx, tableName, rowId)) return true;
  const table = syncTable(tableName);
  const required = table.refs.filter((ref) => ref.notNull);
  if (required.length === 0) return false;
  // Parents are materialised before their dependants (declaration order), so a parent row that is there
  // and not deleted is not gone.
  if (statement(ctx, `SELECT 1 FROM "${table.name}" WHERE id = ?`).get(rowId)) return false;
  const heads = fieldHeads(rowChanges(ctx, tableName, rowId));
  return required.some((ref) => {
    const value = heads.get(ref.column)?.at(-1)?.fields[ref.column];
    return typeof value === 'string' && isGone(ctx, ref.target, value);
  });
}

/** A record an import removed (deleted, or hidden with a record it cannot exist without). */
export interface RemovedRecord {
  table: string;
  id: string;
  /** A human handle: number, name, title or topic when the table has one. */
  label: string | null;
}

const LABEL_COLUMNS = ['number', 'name', 'title', 'topic', 'domain', 'file_name'];
const removals = new WeakMap<object, RemovedRecord[]>();

/** Runs `fn` and returns every record it removed, the dependants hidden with a parent included. */
export function collectRemovals<T>(ctx: Ctx, fn: () => T): { result: T; removed: RemovedRecord[] } {
  const removed: RemovedRecord[] = [];
  const outer = removals.get(ctx.sqlite);
  removals.set(ctx.sqlite, removed);
  try {
    return { result: fn(), removed };
  } finally {
    if (outer) {
      outer.push(...removed);
      removals.set(ctx.sqlite, outer);
    } else removals.delete(ctx.sqlite);
  }
}

function removeRow(ctx: Ctx, table: SyncTable, rowId: string, current: RawRow) {
  const label = LABEL_COLUMNS.map((c) => current[c]).find((v) => typeof v === 'string');
  removals
    .get(ctx.sqlite)
    ?.push({ table: table.name, id: rowId, label: (label as string | undefined) ?? null });
  beforeRecordDelete(ctx, table.table, mapped(table, current));
  statement(ctx, `DELETE FROM "${table.name}" WHERE id = ?`).run(rowId);
  // Records that reference this one: null the reference or hide them with it.
  for (const { table: dependant, ref } of referencesTo(table.name)) {
    if (ref.notNull) {
      // Cannot exist without this record: hidden with it. The same outcome materializeRow would reach
      // (its required parent is gone), without re-reading the dependant's whole history first.
      const rows = statement(ctx, `SELECT * FROM "${dependant.name}" WHERE "${ref.column}" = ?`).all(
        rowId,
      ) as RawRow[];
      for (const row of rows) {
        replaceConflicts(ctx, dependant.name, row.id as string, []);
        removeRow(ctx, dependant, row.id as string, row);
      }
      continue;
    }
    const ids = statement(ctx, `SELECT id FROM "${dependant.name}" WHERE "${ref.column}" = ?`).all(rowId) as {
      id: string;
    }[];
    for (const { id } of ids) materializeRow(ctx, dependant.name, id);
  }
}

function replaceConflicts(
  ctx: Ctx,
  tableName: string,
  rowId: string,
  conflicts: { field: string; winnerId: string; loserId: string }[],
) {
  statement(ctx, 'DELETE FROM sync_conflict WHERE table_name = ? AND row_id = ?').run(tableName, rowId);
  const insert = statement(
    ctx,
    'INSERT INTO sync_conflict (table_name, row_id, field, winner_id, loser_id) VALUES (?, ?, ?, ?, ?)',
  );
  for (const c of conflicts) insert.run(tableName, rowId, c.field, c.winnerId, c.loserId);
}

function sameForConflict(field: string, a: unknown, b: unknown): boolean {
  if (presenceColumns.has(field)) return (a === null) === (b === null);
  return a === b;
}

/** A stored row as the services see it (drizzle property names and mapped values). */
export function mapped(table: SyncTable, raw: RawRow): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [name, column] of table.columns) {
    const value = raw[name];
    result[table.propertyOf.get(name)!] =
      value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return result;
}
