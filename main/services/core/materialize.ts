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
/** Records copied from the change log per statement (their change ids are one JSON parameter). */
const LOGGED_CHUNK = 4_096;

type Affinity = 'TEXT' | 'NUMERIC' | 'INTEGER' | 'REAL' | 'BLOB';
const affinities = new WeakMap<object, Map<string, Map<string, Affinity>>>();

/** Each column's SQLite type affinity (the rules of sqlite.org/datatype3.html §3.1), read once per connection. */
function columnAffinities(ctx: Ctx, table: SyncTable): Map<string, Affinity> {
  let byTable = affinities.get(ctx.sqlite);
  if (!byTable) affinities.set(ctx.sqlite, (byTable = new Map()));
  let columns = byTable.get(table.name);
  if (!columns) {
    columns = new Map();
    const info = ctx.sqlite.pragma(`table_info("${table.name}")`) as { name: string; type: string }[];
    for (const { name, type } of info) {
      const t = type.toUpperCase();
      columns.set(
        name,
        t.includes('INT')
          ? 'INTEGER'
          : /CHAR|CLOB|TEXT/.test(t)
            ? 'TEXT'
            : t === '' || t.includes('BLOB')
              ? 'BLOB'
              : /REAL|FLOA|DOUB/.test(t)
                ? 'REAL'
                : 'NUMERIC',
      );
    }
    byTable.set(table.name, columns);
  }
  return columns;
}

const wellFormed = (text: string) => (text as unknown as { isWellFormed(): boolean }).isWellFormed();

/**
 * Whether the record `target` is exactly what SQLite reads out of its one change's `fields` text (the JSON
 * the change log holds, written by JSON.stringify) with `->>`, stored with the same type and bytes as
 * binding `target`'s values would store: every field a column, none changed by derive (a reference to a
 * gone record is nulled), strings well formed (a lone surrogate is bound as U+FFFD but decoded by SQLite's
 * JSON as other bytes), numbers safe integers other than -0 in an INTEGER, NUMERIC or REAL column (JS binds
 * a double, `->>` an integer: the same value there, but "5.0" against "5" in a TEXT column; fractions are
 * left to the binder, so no decimal is ever parsed twice).
 */
export function storedAsLogged(
  ctx: Ctx,
  table: SyncTable,
  fields: Record<string, unknown>,
  target: RawRow,
): boolean {
  let affinity: Map<string, Affinity> | undefined;
  let count = 0;
  for (const column in fields) {
    const value = fields[column];
    if (column === 'id' || target[column] !== value) return false;
    count += 1;
    if (value === null) continue;
    if (typeof value === 'string') {
      if (!wellFormed(value)) return false;
      continue;
    }
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || Object.is(value, -0)) return false;
    const kind = (affinity ??= columnAffinities(ctx, table)).get(column);
    if (kind !== 'INTEGER' && kind !== 'NUMERIC' && kind !== 'REAL') return false;
  }
  for (const _ in target) count -= 1;
  return count === 0;
}

/** Consecutive rows of one table with the same columns, written by one statement. */
interface Pending {
  table: SyncTable;
  columns: string[];
  rows: RawRow[];
  /** The change each row is copied from (a queue of rows copied from the change log), else null. */
  logged: string[] | null;
}

/** Whether `row` has exactly `columns` (asked per record: no array or string is built for it). */
function hasColumns(row: RawRow, columns: string[]): boolean {
  let count = 0;
  for (const _ in row) count += 1;
  if (count !== columns.length) return false;
  for (const column of columns) if (!Object.hasOwn(row, column)) return false;
  return true;
}

/**
 * The row's columns in the table's order, so that records whose changes wrote their fields in another
 * order (every edited record) still share a statement.
 */
function columnsOf(table: SyncTable, row: RawRow): string[] {
  const columns = Object.keys(row);
  const ordered = ['id'];
  for (const c of table.columns.keys()) if (c !== 'id' && Object.hasOwn(row, c)) ordered.push(c);
  return ordered.length === columns.length && Object.hasOwn(row, 'id') ? ordered : columns;
}

/**
 * New records of an import, inserted many rows per statement (issue #17): rows of one table with the same
 * columns wait here and are written together, each followed by its write hooks. A record that is exactly
 * its one change (storedAsLogged) is not bound value by value: SQLite copies it out of the change log
 * (`INSERT … SELECT fields->>'$.column' … FROM change_log`), thousands per statement. Those and the bound
 * rows wait in two queues, so that a table whose new records alternate between the two kinds still takes
 * few statements: each multi-row INSERT of a table with foreign keys opens a statement journal, which
 * costs in proportion to what the file's savepoint has journaled so far. The importer flushes both queues
 * before anything that reads or writes records another way, and at each table's end.
 */
export class RecordInserts {
  private bound: Pending | null = null;
  private copied: Pending | null = null;

  add(ctx: Ctx, table: SyncTable, row: RawRow, loggedAs?: string): void {
    const kind = loggedAs === undefined ? 'bound' : 'copied';
    let queue = this[kind];
    if (!queue || queue.table !== table || !hasColumns(row, queue.columns)) {
      if (queue) this.write(ctx, queue);
      queue = this[kind] = {
        table,
        columns: columnsOf(table, row),
        rows: [],
        logged: loggedAs === undefined ? null : [],
      };
    }
    queue.rows.push(row);
    if (queue.logged) {
      queue.logged.push(loggedAs!);
      if (queue.rows.length === LOGGED_CHUNK) this.write(ctx, queue);
    } else if (queue.rows.length === INSERT_CHUNK) this.write(ctx, queue);
  }

  flush(ctx: Ctx): void {
    if (this.bound) this.write(ctx, this.bound);
    if (this.copied) this.write(ctx, this.copied);
  }

  private write(ctx: Ctx, queue: Pending): void {
    const { table, columns, rows, logged } = queue;
    if (rows.length === 0) return;
    queue.rows = [];
    const names = columns.map((c) => `"${c}"`).join(', ');
    if (logged) {
      queue.logged = [];
      // `id` is the change's row_id; every other column read from the fields the change wrote. The join
      // walks the ids in their order (no ORDER BY: it would only add a sort), so rows keep the queue's order.
      const values = columns.map((c) => (c === 'id' ? 'c.row_id' : `c.fields ->> '$."${c}"'`)).join(', ');
      statement(
        ctx,
        `INSERT INTO "${table.name}" (${names}) SELECT ${values} FROM json_each(?) j CROSS JOIN change_log c ON c.id = j.value`,
      ).run(JSON.stringify(logged));
    } else {
      const values = `(${columns.map(() => '?').join(', ')})`;
      const args: unknown[] = [];
      for (const row of rows) for (const c of columns) args.push(row[c]);
      statement(
        ctx,
        `INSERT INTO "${table.name}" (${names}) VALUES ${Array.from(rows, () => values).join(', ')}`,
      ).run(...(args as never[]));
    }
    if (hasWriteHooks(table.table))
      for (const row of rows) afterRecordWrite(ctx, table.table, mapped(table, row));
  }
}

/**
 * materializeRow for a record the log held no change of before this import (`changes`, oldest first, all
 * in the log already): no current row, so nothing is read; an insert joins `inserts`. Returns the conflicts
 * it recorded as well.
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
  const only = changes.length === 1 ? changes[0]! : undefined;
  const logged =
    only && only.rowId === rowId && !only.deleted && storedAsLogged(ctx, table, only.fields, target)
      ? only.id
      : undefined;
  // The record's id, unless a field named it (what `{ id: rowId, ...target }` gives, without a copy).
  if (!Object.hasOwn(target, 'id')) target.id = rowId;
  inserts.add(ctx, table, target, logged);
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
