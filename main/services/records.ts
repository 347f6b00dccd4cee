// The single write path for replicated tables (db/replicated.ts). Services never call db.insert/update on
// a replicated table directly, so the sync issue (#4) captures every change here and nowhere else.
import { count, eq, type SQL } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { replicatedTables } from '../../db/replicated.ts';
import { pilotIssue } from '../../db/schema.ts';
import type { Ctx } from './context.ts';
import { AppError } from './errors.ts';
import { refreshIssueSearch } from './issues/search-index.ts';

type ReplicatedTable = (typeof replicatedTables)[keyof typeof replicatedTables];
type Managed = 'id' | 'createdAt' | 'updatedAt';

export function insertRecord<T extends ReplicatedTable>(
  ctx: Ctx,
  table: T,
  values: Omit<T['$inferInsert'], Managed>,
): T['$inferSelect'] {
  const now = ctx.now().toISOString();
  const row = { ...values, id: ctx.newId(), createdAt: now, updatedAt: now };
  const written = ctx.db
    .insert(table)
    .values(row as never)
    .returning()
    .get() as T['$inferSelect'];
  afterWrite(ctx, table, written);
  return written;
}

/** Derived data kept in step with the records (the issue search index). */
function afterWrite(ctx: Ctx, table: ReplicatedTable, row: unknown) {
  if (table === pilotIssue) refreshIssueSearch(ctx, row as typeof pilotIssue.$inferSelect);
}

export function getRecord<T extends ReplicatedTable>(ctx: Ctx, table: T, id: string): T['$inferSelect'] {
  const row = ctx.db
    .select()
    .from(table as never)
    .where(eq(table.id, id))
    .get() as T['$inferSelect'] | undefined;
  if (!row) throw new AppError('not_found', { id });
  return row;
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
  const written = ctx.db
    .update(table)
    .set({ ...changed, updatedAt: ctx.now().toISOString() } as never)
    .where(eq(table.id, id))
    .returning()
    .get() as T['$inferSelect'];
  afterWrite(ctx, table, written);
  return written;
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
