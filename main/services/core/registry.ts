// What sync knows about each replicated table, read from the declaration (db/replicated.ts) and drizzle's
// own metadata: SQL names, columns, and which columns reference which replicated table. No table-specific
// merge code exists anywhere; a table joins sync by being declared.
import { getTableColumns, getTableName } from 'drizzle-orm';
import { getTableConfig, type SQLiteColumn, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { z } from 'zod';
import type { ColumnSchemas } from '#contract/columns.ts';
import { quietFields, replicatedTables } from '#db/replicated.ts';

export interface ForeignRef {
  /** SQL column name in the referencing table. */
  column: string;
  target: string;
  notNull: boolean;
}

export interface SyncTable {
  key: string;
  name: string;
  table: SQLiteTable;
  /** SQL column name → drizzle column. */
  columns: Map<string, SQLiteColumn>;
  /** SQL column name → drizzle property name. */
  propertyOf: Map<string, string>;
  quiet: Set<string>;
  refs: ForeignRef[];
  /** Position in the declaration: parents first. */
  order: number;
}

/**
 * Thrown at start when a replicated column has no schema for its synced values (issue #11, item 5); the
 * schemas themselves (db/replicated-columns.ts) are paired in sync/validate.ts, which checks at app start.
 */
export class MissingColumnSchemaError extends Error {
  readonly missing: string[];
  constructor(missing: string[]) {
    super(`replicated columns without a sync schema (db/replicated.ts): ${missing.join(', ')}`);
    this.name = 'MissingColumnSchemaError';
    this.missing = missing;
  }
}

/**
 * Every column of every replicated table paired with its schema (looked up by property name, or by SQL
 * name); throws naming each column that has none, so such a table can never receive unchecked values.
 */
export function pairColumnSchemas(
  tables: Record<string, SQLiteTable>,
  schemas: Record<string, ColumnSchemas | undefined>,
): Map<string, Map<string, z.ZodType>> {
  const missing: string[] = [];
  const result = new Map<string, Map<string, z.ZodType>>();
  for (const [key, table] of Object.entries(tables)) {
    const perColumn = new Map<string, z.ZodType>();
    const declared = schemas[key] ?? {};
    for (const [property, column] of Object.entries(getTableColumns(table) as Record<string, SQLiteColumn>)) {
      const schema = declared[property] ?? declared[column.name];
      if (schema) perColumn.set(column.name, schema);
      else missing.push(`${getTableName(table)}.${column.name}`);
    }
    result.set(getTableName(table), perColumn);
  }
  if (missing.length > 0) throw new MissingColumnSchemaError(missing);
  return result;
}

let cache: Map<string, SyncTable> | undefined;

export function syncTables(): Map<string, SyncTable> {
  if (cache) return cache;
  const byName = new Map<string, SyncTable>();
  Object.entries(replicatedTables).forEach(([key, table], order) => {
    const properties = getTableColumns(table) as Record<string, SQLiteColumn>;
    const columns = new Map<string, SQLiteColumn>();
    const propertyOf = new Map<string, string>();
    for (const [property, column] of Object.entries(properties)) {
      columns.set(column.name, column);
      propertyOf.set(column.name, property);
    }
    const quietProps = (quietFields as Record<string, string[] | undefined>)[key] ?? [];
    // Bookkeeping: when a record was first created or last touched on some laptop is not a decision.
    const quiet = new Set(['created_at', 'updated_at', ...quietProps.map((p) => properties[p]!.name)]);
    const refs = getTableConfig(table).foreignKeys.map((fk) => {
      const ref = fk.reference();
      const column = ref.columns[0]!;
      return { column: column.name, target: getTableName(ref.foreignTable), notNull: column.notNull };
    });
    byName.set(getTableName(table), {
      key,
      name: getTableName(table),
      table,
      columns,
      propertyOf,
      quiet,
      refs,
      order,
    });
  });
  return (cache = byName);
}

export function syncTable(name: string): SyncTable {
  const table = syncTables().get(name);
  if (!table) throw new Error(`not a replicated table: ${name}`);
  return table;
}

export function syncTableOf(table: SQLiteTable): SyncTable {
  return syncTable(getTableName(table));
}

/** Tables whose columns reference `target`, with those columns. */
export function referencesTo(target: string): { table: SyncTable; ref: ForeignRef }[] {
  const found: { table: SyncTable; ref: ForeignRef }[] = [];
  for (const table of syncTables().values()) {
    for (const ref of table.refs) if (ref.target === target) found.push({ table, ref });
  }
  return found;
}
