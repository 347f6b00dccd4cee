// The content of a verified `.wardside` file is still a trust boundary (issue #11): the hashes only prove the
// file is intact, not that what it says is sane. Every change is checked here before any write: its clock id
// (digits, counter, not far ahead of this laptop's clock), its record id, its `prev` list, and every field
// value against the schema of its column (db/replicated.ts, per table and column, sizes bounded). A file that
// fails is refused alone, by name, with the table, record and column that failed.
import { z } from 'zod';
import type { ErrorCode } from '#contract/index.ts';
import { CLOCK_FOLLOW_MS, type Change } from '#services/core/change-log.ts';
import { AppError } from '#services/core/errors.ts';
import { printableValue } from '#services/core/printable.ts';
import { syncTables, type SyncTable } from '#services/core/registry.ts';

/** How far ahead of the importer's clock a change may be: clocks of laptops drift, but not by days. */
export const MAX_CLOCK_AHEAD_MS = CLOCK_FOLLOW_MS;
const CHANGE_ID = /^(\d{13})-(\d{6})@([0-9A-Za-z_-]{1,64})$/;
const ROW_ID = /^[0-9A-Za-z_-]{1,64}$/;
const MAX_PREV = 10_000;
const MAX_AUTHOR = 200;

function refuse(code: ErrorCode, params: Record<string, string | number>): never {
  throw new AppError(code, params);
}

/** Printable excerpt of a hostile value for a message: short, no control characters. */
function excerpt(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  const clean = printableValue(text);
  return clean.length > 40 ? `${clean.slice(0, 40)}…` : clean;
}

export interface ValidateOptions {
  file: string;
  /** The importer's clock (ms). */
  now: number;
  /** Labels of the replicas the file names, for "which device" in messages. */
  labels: Map<string, string | null>;
}

/**
 * Per table, one strict object schema of every column but `id`, each optional: a change's fields pass it
 * exactly when each field is a known column other than `id` whose value passes that column's schema (the
 * check below, column by column), in one compiled parse instead of one parse per value. Built once.
 */
const fieldsSchemas = new WeakMap<SyncTable, z.ZodType>();

function fieldsSchema(table: SyncTable): z.ZodType {
  let schema = fieldsSchemas.get(table);
  if (!schema) {
    const shape: Record<string, z.ZodType> = {};
    for (const [column, columnSchema] of table.schemas)
      if (column !== 'id') shape[column] = columnSchema.optional();
    fieldsSchemas.set(table, (schema = z.strictObject(shape)));
  }
  return schema;
}

export function validateChanges(changes: Change[], options: ValidateOptions): void {
  const { file } = options;
  const tables = syncTables();
  const limit = options.now + MAX_CLOCK_AHEAD_MS;
  for (const change of changes) {
    const match = CHANGE_ID.exec(change.id);
    if (!match) refuse('sync_invalid_change', { file, change: excerpt(change.id), detail: 'id' });
    const ms = Number(match[1]);
    if (ms > limit) {
      const device = options.labels.get(match[3]!) ?? match[3]!;
      refuse('sync_clock_ahead', { file, device: excerpt(device), clock: new Date(ms).toISOString() });
    }
    const table = tables.get(change.tableName);
    if (!table) refuse('sync_invalid_change', { file, change: change.id, detail: 'table' });
    if (!ROW_ID.test(change.rowId)) {
      refuse('sync_invalid_change', { file, change: change.id, detail: `row ${excerpt(change.rowId)}` });
    }
    if (change.prev.length > MAX_PREV || change.prev.some((p) => !CHANGE_ID.test(p))) {
      refuse('sync_invalid_change', { file, change: change.id, detail: 'prev' });
    }
    if (change.author !== null && change.author.length > MAX_AUTHOR) {
      refuse('sync_invalid_change', { file, change: change.id, detail: 'author' });
    }
    // Fast path: the whole change at once. Only a change that fails is checked again value by value, to
    // name the column that failed.
    if (fieldsSchema(table).safeParse(change.fields).success) continue;
    for (const [column, value] of Object.entries(change.fields)) {
      const schema = table.schemas.get(column);
      const result = schema?.safeParse(value);
      if (!schema || column === 'id' || !result?.success) {
        refuse('sync_invalid_value', {
          file,
          table: change.tableName,
          row: change.rowId,
          column: excerpt(column),
          detail: result?.error?.issues[0]?.message ?? 'unknown column',
        });
      }
    }
    // Not reached: a change the whole-object check refused has a field the per-value check refuses.
    refuse('sync_invalid_value', {
      file,
      table: change.tableName,
      row: change.rowId,
      column: '-',
      detail: 'fields',
    });
  }
}
