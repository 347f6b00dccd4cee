// What an area attaches to the generic write path, per replicated table: data derived from the records (the
// issue search index) and what settling a conflict means for it (the history). The write path —
// records.ts for local writes, materialize.ts for merged ones — calls these and names no table itself.
// Areas register in registerAreas() (main/services/areas.ts), which boot() installs before any write.
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Ctx } from './context.ts';

/** A field a person settled in the conflicts inbox: the value shown before, and the one kept. */
export interface ResolvedConflict {
  rowId: string;
  /** Drizzle property name of the field. */
  property: string;
  before: unknown;
  after: unknown;
}

type RowHook = (ctx: Ctx, row: never) => void;
type ConflictHook = (ctx: Ctx, resolved: ResolvedConflict) => void;

interface TableHooks {
  write: RowHook[];
  delete: RowHook[];
  resolved: ConflictHook[];
}

const byTable = new Map<SQLiteTable, TableHooks>();
let installed = false;

function hooksOf(table: SQLiteTable): TableHooks {
  let hooks = byTable.get(table);
  if (!hooks) byTable.set(table, (hooks = { write: [], delete: [], resolved: [] }));
  return hooks;
}

/** After a row of `table` is inserted or updated (local or merged), with the row as services see it. */
export function onRecordWrite<T extends SQLiteTable>(
  table: T,
  fn: (ctx: Ctx, row: T['$inferSelect']) => void,
): void {
  hooksOf(table).write.push(fn as RowHook);
}

/** Before a row of `table` is deleted (derived data may be keyed by the row's rowid). */
export function onRecordDelete<T extends SQLiteTable>(
  table: T,
  fn: (ctx: Ctx, row: T['$inferSelect']) => void,
): void {
  hooksOf(table).delete.push(fn as RowHook);
}

/** After a person kept one version of a conflicting field of `table`, in the same transaction. */
export function onConflictResolved(table: SQLiteTable, fn: ConflictHook): void {
  hooksOf(table).resolved.push(fn);
}

const openTasks: ((ctx: Ctx) => void)[] = [];

/** Work an area does each time a database is opened, after the change log is complete (data migrations). */
export function onDatabaseOpen(fn: (ctx: Ctx) => void): void {
  openTasks.push(fn);
}

export function runOpenTasks(ctx: Ctx): void {
  for (const fn of openTasks) fn(ctx);
}

/** Runs `register` (every area's registrations) once per process; boot() calls it. */
export function installHooks(register: () => void): void {
  if (installed) return;
  installed = true;
  register();
}

// A write before the areas registered would silently leave derived data stale: refuse it instead.
function registered(table: SQLiteTable): TableHooks | undefined {
  if (!installed)
    throw new Error('Records written before the areas registered their hooks: open with boot()');
  return byTable.get(table);
}

/** Whether an area attached anything to writes of `table` (bulk writes and merges build the rows only then). */
export function hasWriteHooks(table: SQLiteTable): boolean {
  return (registered(table)?.write.length ?? 0) > 0;
}

export function afterRecordWrite(ctx: Ctx, table: SQLiteTable, row: Record<string, unknown>): void {
  for (const fn of registered(table)?.write ?? []) fn(ctx, row as never);
}

export function beforeRecordDelete(ctx: Ctx, table: SQLiteTable, row: Record<string, unknown>): void {
  for (const fn of registered(table)?.delete ?? []) fn(ctx, row as never);
}

export function afterConflictResolved(ctx: Ctx, table: SQLiteTable, resolved: ResolvedConflict): void {
  for (const fn of registered(table)?.resolved ?? []) fn(ctx, resolved);
}
