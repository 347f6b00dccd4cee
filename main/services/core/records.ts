// The single write path for replicated tables (db/replicated.ts). Services never write a replicated table
// directly: every insert, update and delete here also appends its change to change_log in the same
// transaction, which is what export files carry and merges are computed from (main/services/sync, issue #4).
// Data derived from a table (a search index) follows its writes through the hooks its area registered.
import { hash } from 'node:crypto';
import { count, getTableColumns, getTableName, type SQL } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type Database from 'better-sqlite3';
import type { replicatedTables } from '#db/replicated.ts';
import { assertHealthy, inTransaction, statement, type Ctx } from './context.ts';
import { AppError } from './errors.ts';
import { afterRecordWrite, hasWriteHooks } from './hooks.ts';
import {
  appendChange,
  changeAuthor,
  changeIdSequence,
  headIdsOf,
  headsOf,
  insertChanges,
  lastOwnChanges,
  parseChangeId,
  type Change,
  writesField,
  type WrittenFields,
} from './change-log.ts';
import { materializeRow } from './materialize.ts';

type ReplicatedTable = (typeof replicatedTables)[keyof typeof replicatedTables];
type Managed = 'id' | 'createdAt' | 'updatedAt';

export function insertRecord<T extends ReplicatedTable>(
  ctx: Ctx,
  table: T,
  values: Omit<T['$inferInsert'], Managed>,
  options: { id?: string } = {},
): T['$inferSelect'] {
  assertHealthy(ctx);
  const now = ctx.now().toISOString();
  const row = { ...values, id: options.id ?? ctx.newId(), createdAt: now, updatedAt: now };
  const { raw, mapped } = insertReturning(ctx, table, row);
  const { id, ...fields } = raw;
  appendChange(ctx, {
    tableName: getTableName(table),
    rowId: id as string,
    fields,
    prev: [],
    deleted: false,
  });
  afterRecordWrite(ctx, table, mapped);
  return mapped as T['$inferSelect'];
}

function toDriver(column: SQLiteColumn, value: unknown) {
  return value === null ? null : column.mapToDriverValue(value);
}

function fromStored(table: SQLiteTable, stored: Record<string, unknown>) {
  const columns = getTableColumns(table) as Record<string, SQLiteColumn>;
  const raw: Record<string, unknown> = {};
  const mapped: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(columns)) {
    const value = stored[column.name];
    raw[column.name] = value === undefined ? null : value;
    mapped[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return { raw, mapped };
}

// Inserts are the hot path of imports: drizzle's builder re-plans and re-prepares the statement on every
// call, so the SQL is written here from drizzle's own column metadata and prepared once per connection
// (statement()). Values still go through each column's driver mapping (booleans, JSON).
function insertReturning(ctx: Ctx, table: SQLiteTable, row: Record<string, unknown>) {
  const columns = getTableColumns(table) as Record<string, SQLiteColumn>;
  const keys = Object.keys(row).filter((k) => row[k] !== undefined && k in columns);
  const names = keys.map((k) => `"${columns[k]!.name}"`).join(', ');
  const insert = statement(
    ctx,
    `INSERT INTO "${getTableName(table)}" (${names}) VALUES (${keys.map(() => '?').join(', ')}) RETURNING *`,
  );
  const stored = insert.get(...keys.map((k) => toDriver(columns[k]!, row[k]))) as Record<string, unknown>;
  return fromStored(table, stored);
}

/**
 * A fixed id for a record that laptops may create independently but that must be ONE record once merged
 * (the project, the wizard's departments and default systems): the same kind and code give the same id on
 * every laptop, so two wizards converge per field instead of duplicating (issue #4).
 */
export function stableId(kind: string, code: string, { exact = false } = {}): string {
  // A name-based (v5) UUID of `kind:code` in our namespace, computed in one hash call: the uuid package's
  // v5 gives the same id at a few times the cost, which a run of 20,000 new items pays (issue #17, item 2).
  const name = `${kind}:${exact ? code : code.trim().toUpperCase()}`;
  const bytes = hash('sha1', Buffer.concat([namespaceBytes(), Buffer.from(name, 'utf8')]), 'buffer');
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex', 0, 16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The stable id for a new record, unless this database already used it (e.g. for a record since archived
 * and replaced): then a fresh id, so the insert never collides.
 */
export function newStableId(
  ctx: Ctx,
  table: ReplicatedTable,
  kind: string,
  code: string,
  options: { exact?: boolean } = {},
): string {
  const id = stableId(kind, code, options);
  const name = getTableName(table);
  const taken = statement(ctx, `SELECT 1 FROM "${name}" WHERE id = ?`).get(id);
  return taken ? ctx.newId() : id;
}
/** newStableId for many codes at once: the ids this database already used are found in one query. */
export function newStableIds(
  ctx: Ctx,
  table: ReplicatedTable,
  kind: string,
  codes: string[],
  options: { exact?: boolean } = {},
): string[] {
  const ids = codes.map((code) => stableId(kind, code, options));
  const taken = new Set(
    ctx.sqlite
      .prepare(`SELECT id FROM "${getTableName(table)}" WHERE id IN (SELECT value FROM json_each(?))`)
      .pluck()
      .all(JSON.stringify(ids)) as string[],
  );
  return taken.size === 0 ? ids : ids.map((id) => (taken.has(id) ? ctx.newId() : id));
}
const STABLE_NAMESPACE = '6f1c7a52-2a4e-4f39-9c53-6f0c9f1d2b7e';
let namespace: Buffer | null = null;
const namespaceBytes = () => (namespace ??= Buffer.from(STABLE_NAMESPACE.replaceAll('-', ''), 'hex'));

export function getRecord<T extends ReplicatedTable>(ctx: Ctx, table: T, id: string): T['$inferSelect'] {
  // A cached statement: every update reads its record first, and carry-over updates thousands at a time.
  const name = getTableName(table);
  const select = statement(ctx, `SELECT * FROM "${name}" WHERE id = ?`);
  const stored = select.get(id) as Record<string, unknown> | undefined;
  if (!stored) throw new AppError('not_found', { id });
  return fromStored(table, stored).mapped as T['$inferSelect'];
}

/** The entries of `patch` that differ from `current` (undefined means "leave as is"). */
export function changedFields(current: object, patch: object): Record<string, unknown> {
  const row = current as Record<string, unknown>;
  const values = patch as Record<string, unknown>;
  const changed: Record<string, unknown> = {};
  for (const key of Object.keys(values)) {
    const value = values[key];
    if (value !== undefined && row[key] !== value) changed[key] = value;
  }
  return changed;
}

/** Writes only the fields that really change, so no-op saves create no sync noise. */
export function updateRecord<T extends ReplicatedTable>(
  ctx: Ctx,
  table: T,
  id: string,
  patch: Partial<Omit<T['$inferInsert'], Managed>>,
): T['$inferSelect'] {
  const current = getRecord(ctx, table, id) as Record<string, unknown>;
  const changed = changedFields(current, patch);
  if (Object.keys(changed).length === 0) return current as T['$inferSelect'];
  return writeFields(ctx, table, id, changed) as T['$inferSelect'];
}

/**
 * Writes `fields` (property names, mapped values) as one change that supersedes every version of those
 * fields this replica has seen — which is also how a person resolves a conflict (keep one value, or edit).
 */
export function writeFields(
  ctx: Ctx,
  table: SQLiteTable,
  id: string,
  fields: Record<string, unknown>,
): Record<string, unknown> {
  assertHealthy(ctx);
  const columns = getTableColumns(table) as Record<string, SQLiteColumn>;
  const values: Record<string, unknown> = { ...fields, updatedAt: ctx.now().toISOString() };
  const keys = Object.keys(values).filter((k) => k in columns && k !== 'id');
  const name = getTableName(table);
  const sets = keys.map((k) => `"${columns[k]!.name}" = ?`).join(', ');
  const update = statement(ctx, `UPDATE "${name}" SET ${sets} WHERE id = ? RETURNING *`);
  const stored = update.get(...keys.map((k) => toDriver(columns[k]!, values[k])), id) as
    Record<string, unknown> | undefined;
  if (!stored) throw new AppError('not_found', { id });
  const { raw, mapped } = fromStored(table, stored);
  const written = keys.map((k) => columns[k]!.name);
  appendChange(ctx, {
    tableName: name,
    rowId: id,
    fields: Object.fromEntries(written.map((c) => [c, raw[c]])),
    prev: headsOf(ctx, name, id, written),
    deleted: false,
  });
  // The write superseded every version of these fields: their conflicts are settled.
  const settle = statement(
    ctx,
    'DELETE FROM sync_conflict WHERE table_name = ? AND row_id = ? AND field = ?',
  );
  for (const column of written) settle.run(name, id, column);
  afterRecordWrite(ctx, table, mapped);
  return mapped;
}

/**
 * Deletes a record for good: a tombstone change that travels and wins over any concurrent edit, so the
 * record never comes back. Records that cannot exist without it (history, attachments) go with it;
 * optional references to it become empty.
 */
export function deleteRecord(ctx: Ctx, table: ReplicatedTable, id: string): void {
  getRecord(ctx, table, id);
  inTransaction(ctx, () => {
    // Dependants are re-derived after the parent row is gone; the references are checked at commit.
    ctx.sqlite.pragma('defer_foreign_keys = ON');
    const name = getTableName(table);
    appendChange(ctx, { tableName: name, rowId: id, fields: {}, prev: [], deleted: true });
    materializeRow(ctx, name, id);
  });
}

export function archiveRecord<T extends ReplicatedTable & { archivedAt: unknown }>(
  ctx: Ctx,
  table: T,
  id: string,
  archived: boolean,
): T['$inferSelect'] {
  const current = getRecord(ctx, table, id) as { archivedAt: string | null };
  if (Boolean(current.archivedAt) === archived) return current as T['$inferSelect'];
  return updateRecord(ctx, table, id, {
    archivedAt: archived ? ctx.now().toISOString() : null,
  } as never);
}

// ---------------------------------------------------------------- many records at once

/** One record for insertRecords: its values, and its id when the caller fixes it (insertRecord's option). */
export interface NewRecord<T extends ReplicatedTable> {
  values: Omit<T['$inferInsert'], Managed>;
  id?: string;
}

/** One record for updateRecords: as updateRecord's id and patch. */
export interface RecordPatch<T extends ReplicatedTable> {
  id: string;
  patch: Partial<Omit<T['$inferInsert'], Managed>>;
}

export interface BatchOptions {
  /** Told how many records are written so far, every PROGRESS_EVERY records and at the end. */
  onProgress?: (done: number) => void;
}

export interface UpdateBatchOptions extends BatchOptions {
  /**
   * The records as the caller read them in this transaction, by id: every property a patch names, as
   * getRecord maps it (updateRecords then does not read them again; it may update these objects).
   */
  current?: Map<string, Record<string, unknown>>;
}

const PROGRESS_EVERY = 1000;

// Statements whose rows come back as arrays (better-sqlite3's raw mode), cached apart from statement()'s
// so the mode never leaks to another caller of the same SQL.
const rawStatements = new WeakMap<
  object,
  Map<string, { run: Database.Statement; at: Map<string, number> }>
>();

function rawStatement(ctx: Ctx, sql: string) {
  let cache = rawStatements.get(ctx.sqlite);
  if (!cache) rawStatements.set(ctx.sqlite, (cache = new Map()));
  let prepared = cache.get(sql);
  if (!prepared) {
    const run = ctx.sqlite.prepare(sql).raw(true);
    prepared = { run, at: new Map(run.columns().map((c, n) => [c.name, n])) };
    cache.set(sql, prepared);
  }
  return prepared;
}

/**
 * insertRecord for each of `rows`, in order: the same rows and the same change log (while the clock stands
 * still, the same change ids too). For a table without write hooks nothing is mapped back to the services'
 * shape, and the clock, replica and author are read once. Call it inside a transaction; returns the ids.
 */
export function insertRecords<T extends ReplicatedTable>(
  ctx: Ctx,
  table: T,
  rows: NewRecord<T>[],
  options: BatchOptions = {},
): string[] {
  const report = progress(rows.length, options);
  if (hasWriteHooks(table)) {
    return rows.map((r, n) => {
      const id = insertRecord(ctx, table, r.values, { id: r.id }).id as string;
      report(n + 1);
      return id;
    });
  }
  assertHealthy(ctx);
  const name = getTableName(table);
  const columns = getTableColumns(table) as Record<string, SQLiteColumn>;
  const stored = Object.values(columns).map((c) => c.name);
  const nextId = changeIdSequence(ctx);
  const author = changeAuthor(ctx);
  let replicaId: string | undefined;
  const now = ctx.now().toISOString();
  const ids: string[] = [];
  const changes: Change[] = [];
  const entries = Object.entries(columns);
  // Every column given: one statement for all rows, in the table's column order.
  const full = `INSERT INTO "${name}" (${stored.map((c) => `"${c}"`).join(', ')})
    VALUES (${stored.map(() => '?').join(', ')})`;
  for (const [n, r] of rows.entries()) {
    const row: Record<string, unknown> = {
      ...r.values,
      id: r.id ?? ctx.newId(),
      createdAt: now,
      updatedAt: now,
    };
    const fields: Record<string, unknown> = {};
    let id: string;
    const driver = entries.every(([k]) => row[k] !== undefined)
      ? entries.map(([k, column]) => toDriver(column, row[k]))
      : null;
    if (driver && entries.every(([, column], i) => keptAsIs(column, driver[i]))) {
      // Each value stored as given: the change's values are the ones just written.
      statement(ctx, full).run(...driver);
      entries.forEach(([, column], i) => {
        if (column.name !== 'id') fields[column.name] = driver[i];
      });
      id = row.id as string;
    } else {
      // Columns left to their defaults, or values SQLite converts: read back what was stored.
      const keys = Object.keys(row).filter((k) => row[k] !== undefined && k in columns);
      const names = keys.map((k) => `"${columns[k]!.name}"`).join(', ');
      const insert = rawStatement(
        ctx,
        `INSERT INTO "${name}" (${names}) VALUES (${keys.map(() => '?').join(', ')}) RETURNING *`,
      );
      const values = insert.run.get(...keys.map((k) => toDriver(columns[k]!, row[k]))) as unknown[];
      for (const column of stored) {
        if (column === 'id') continue;
        const value = values[insert.at.get(column)!];
        fields[column] = value === undefined ? null : value;
      }
      id = values[insert.at.get('id')!] as string;
    }
    const changeId = nextId();
    changes.push({
      id: changeId,
      replicaId: (replicaId ??= parseChangeId(changeId)!.replicaId),
      tableName: name,
      rowId: id,
      fields,
      prev: [],
      deleted: false,
      author,
    });
    ids.push(id);
    report(n + 1);
  }
  // The batch's changes, many rows per statement (nothing above reads the log back).
  insertChanges(ctx, changes);
  return ids;
}

/**
 * updateRecord for each of `updates`, in order: the same rows and the same change log (while the clock
 * stands still, the same change ids too). For a table without write hooks the current values, the heads of
 * the written fields and the open conflicts are each read in one query for the whole batch, and nothing is
 * mapped back to the services' shape. Call it inside a transaction.
 */
export function updateRecords<T extends ReplicatedTable>(
  ctx: Ctx,
  table: T,
  updates: RecordPatch<T>[],
  options: UpdateBatchOptions = {},
): void {
  const report = progress(updates.length, options);
  if (hasWriteHooks(table)) {
    for (const [n, u] of updates.entries()) {
      updateRecord(ctx, table, u.id, u.patch);
      report(n + 1);
    }
    return;
  }
  assertHealthy(ctx);
  const name = getTableName(table);
  const columns = getTableColumns(table) as Record<string, SQLiteColumn>;

  // The current values of the patched fields, as getRecord maps them (unless the caller has them).
  const patched = [...new Set(updates.flatMap((u) => Object.keys(u.patch)))].filter((k) => k in columns);
  let current = options.current;
  if (!current) {
    current = new Map<string, Record<string, unknown>>();
    const ids = JSON.stringify([...new Set(updates.map((u) => u.id))]);
    const select = patched.map((k) => `"${columns[k]!.name}"`).join(', ');
    for (const values of ctx.sqlite
      .prepare(
        `SELECT id${select ? `, ${select}` : ''} FROM "${name}" WHERE id IN (SELECT value FROM json_each(?))`,
      )
      .raw(true)
      .all(ids) as unknown[][]) {
      const row: Record<string, unknown> = {};
      patched.forEach((k, n) => {
        const value = values[n + 1];
        row[k] = value === null || value === undefined ? null : columns[k]!.mapFromDriverValue(value);
      });
      current.set(values[0] as string, row);
    }
  }

  // The heads a new write supersedes (headsOf, per record). A record patched once here whose last change
  // this replica wrote, writing every field the patch may write, takes that change as its only head
  // (lastOwnChanges): what a carry of yesterday's items meets, read without the record's older history.
  // Every other record's changes are read whole and put in id order here rather than sorted in SQL.
  const history = new Map<string, WrittenFields[]>();
  const times = new Map<string, number>();
  for (const u of updates) times.set(u.id, (times.get(u.id) ?? 0) + 1);
  const last = lastOwnChanges(
    ctx,
    name,
    [...times].filter(([, n]) => n === 1).map(([id]) => id),
  );
  const updatedAt = 'updatedAt' in columns ? columns.updatedAt!.name : null;
  // What each of those records' one patch changes, worked out here once and used again below.
  const changedOnce = new Map<string, Record<string, unknown>>();
  for (const { id, patch } of updates) {
    const own = last.get(id);
    if (!own) continue;
    // Patched once: the fields it will write are the changed ones (and the time of the write).
    const row = current.get(id);
    if (!row) continue;
    const changed = changedFields(row, patch);
    changedOnce.set(id, changed);
    const will: string[] = [];
    for (const k in changed) if (k in columns && k !== 'id' && k !== 'updatedAt') will.push(columns[k]!.name);
    if (updatedAt) will.push(updatedAt);
    // (As the one change looked at, it is the head of each field it writes; its prev is not read.)
    if (will.every((column) => writesField(own.fields, column)))
      history.set(id, [{ id: own.id, fields: will, prev: [] }]);
  }
  const whole = [...times.keys()].filter((id) => !history.has(id));
  for (const row of ctx.sqlite
    .prepare(
      `SELECT id, row_id AS rowId, prev, (SELECT json_group_array(key) FROM json_each(fields)) AS fields
       FROM change_log WHERE table_name = ? AND row_id IN (SELECT value FROM json_each(?))`,
    )
    .all(name, JSON.stringify(whole)) as { id: string; rowId: string; prev: string; fields: string }[]) {
    let list = history.get(row.rowId);
    if (!list) history.set(row.rowId, (list = []));
    list.push({
      id: row.id,
      fields: JSON.parse(row.fields) as string[],
      prev: JSON.parse(row.prev) as string[],
    });
  }
  for (const list of history.values()) if (list.length > 1) list.sort(byId);
  const conflicted = new Set(
    (
      ctx.sqlite.prepare('SELECT DISTINCT row_id FROM sync_conflict WHERE table_name = ?').all(name) as {
        row_id: string;
      }[]
    ).map((r) => r.row_id),
  );
  const settle = statement(
    ctx,
    'DELETE FROM sync_conflict WHERE table_name = ? AND row_id = ? AND field = ?',
  );

  const nextId = changeIdSequence(ctx);
  const author = changeAuthor(ctx);
  let replicaId: string | undefined;
  const now = ctx.now().toISOString();
  // Per set of written properties (in the order written): the columns, and the UPDATE prepared once.
  const shapes = new Map<string, UpdateShape>();
  const logged: Change[] = [];
  for (let n = 0; n < updates.length; n++) {
    const { id, patch } = updates[n]!;
    const row = current.get(id);
    if (!row) throw new AppError('not_found', { id });
    // A record patched once has not been written in this batch yet: its changes are those worked out above.
    const changed = changedOnce.get(id) ?? changedFields(row, patch);
    const names = Object.keys(changed);
    if (names.length === 0) {
      report(n + 1);
      continue;
    }
    // The properties written, in updateRecord's order: the changed ones, then the time of the write.
    const keys: string[] = [];
    for (const k of names) if (k in columns && k !== 'id') keys.push(k);
    if (!('updatedAt' in changed) && 'updatedAt' in columns) keys.push('updatedAt');
    const signature = keys.join(',');
    let shape = shapes.get(signature);
    if (!shape) {
      const written = keys.map((k) => columns[k]!.name);
      shape = {
        written,
        columns: keys.map((k) => columns[k]!),
        sql: `UPDATE "${name}" SET ${written.map((c) => `"${c}" = ?`).join(', ')} WHERE id = ?`,
      };
      shapes.set(signature, shape);
    }
    const { written } = shape;
    const driver: unknown[] = [];
    let asIs = true;
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k]!;
      const column = shape.columns[k]!;
      const value = toDriver(column, key === 'updatedAt' ? now : changed[key]);
      driver.push(value);
      if (asIs && !keptAsIs(column, value)) asIs = false;
    }
    driver.push(id);
    let stored: unknown[] | undefined;
    if (asIs) {
      // Each value stored as given (and the record was read above): the change's values are these.
      statement(ctx, shape.sql).run(...driver);
      stored = driver;
    } else {
      const update = rawStatement(ctx, `${shape.sql} RETURNING ${written.map((c) => `"${c}"`).join(', ')}`);
      stored = update.run.get(...driver) as unknown[] | undefined;
    }
    if (!stored) throw new AppError('not_found', { id });
    const fields: Record<string, unknown> = {};
    for (let k = 0; k < written.length; k++) fields[written[k]!] = stored[k];
    let changes = history.get(id);
    if (!changes) history.set(id, (changes = []));
    const changeId = nextId();
    const change: Change = {
      id: changeId,
      replicaId: (replicaId ??= parseChangeId(changeId)!.replicaId),
      tableName: name,
      rowId: id,
      fields,
      prev: headIdsOf(changes, written),
      deleted: false,
      author,
    };
    logged.push(change);
    if (times.get(id)! > 1) {
      // A later patch of the same record in this batch supersedes this change, as it would one by one.
      changes.push({ id: changeId, fields: written, prev: change.prev });
      for (const k of patched) if (k in changed) row[k] = changed[k];
    }
    if (conflicted.has(id)) for (const column of written) settle.run(name, id, column);
    report(n + 1);
  }
  // The batch's changes, many rows per statement: the heads above come from `history`, not the log.
  insertChanges(ctx, logged);
}

/** One UPDATE of updateRecords: the columns it writes (names, and drizzle's columns) and its SQL. */
interface UpdateShape {
  written: string[];
  columns: SQLiteColumn[];
  sql: string;
}

/**
 * Whether SQLite stores `value` in `column` exactly as given, so it need not be read back: null, a string in
 * a text column, a finite number in a numeric one. Anything else (a value the column's type affinity would
 * convert, a blob) is read back with RETURNING, as the one-record path does.
 */
function keptAsIs(column: SQLiteColumn, value: unknown): boolean {
  if (value === null) return true;
  const type = affinity(column);
  if (typeof value === 'string') return type === 'text';
  if (typeof value === 'number') return type === 'number' && Number.isFinite(value);
  return false;
}

const affinities = new WeakMap<SQLiteColumn, 'text' | 'number' | 'other'>();

function affinity(column: SQLiteColumn) {
  let known = affinities.get(column);
  if (!known) {
    const type = column.getSQLType().toLowerCase();
    known = type.startsWith('text')
      ? 'text'
      : type === 'integer' || type === 'real' || type === 'numeric'
        ? 'number'
        : 'other';
    affinities.set(column, known);
  }
  return known;
}

const byId = (a: WrittenFields, b: WrittenFields) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function progress(total: number, options: BatchOptions) {
  return (done: number) => {
    if (options.onProgress && (done % PROGRESS_EVERY === 0 || done === total)) options.onProgress(done);
  };
}

export function countRows(ctx: Ctx, table: SQLiteTable, where?: SQL): number {
  return ctx.db.select({ n: count() }).from(table).where(where).get()?.n ?? 0;
}
