// The single write path for replicated tables (db/replicated.ts). Services never write a replicated table
// directly: every insert, update and delete here also appends its change to change_log in the same
// transaction, which is what export files carry and merges are computed from (main/services/sync, issue #4).
// Data derived from a table (a search index) follows its writes through the hooks its area registered.
import { v5 as uuidv5 } from 'uuid';
import { count, getTableColumns, getTableName, type SQL } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { replicatedTables } from '#db/replicated.ts';
import { assertHealthy, inTransaction, statement, type Ctx } from './context.ts';
import { AppError } from './errors.ts';
import { afterRecordWrite } from './hooks.ts';
import { appendChange, headsOf } from './change-log.ts';
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
  return uuidv5(`${kind}:${exact ? code : code.trim().toUpperCase()}`, STABLE_NAMESPACE);
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
const STABLE_NAMESPACE = '6f1c7a52-2a4e-4f39-9c53-6f0c9f1d2b7e';

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
  return Object.fromEntries(
    Object.entries(patch).filter(([key, value]) => value !== undefined && row[key] !== value),
  );
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

export function countRows(ctx: Ctx, table: SQLiteTable, where?: SQL): number {
  return ctx.db.select({ n: count() }).from(table).where(where).get()?.n ?? 0;
}
