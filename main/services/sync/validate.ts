// The content of a verified `.wardside` file is still a trust boundary (issue #11): the hashes only prove the
// file is intact, not that what it says is sane. Every change is checked here before any write: its clock id
// (digits, counter, not far ahead of this laptop's clock), its record id, its `prev` list, and every field
// value against the schema of its column (db/replicated.ts, per table and column, sizes bounded). A file that
// fails is refused alone, by name, with the table, record and column that failed.
import type { z } from 'zod';
import type { ErrorCode } from '#contract/index.ts';
import { CLOCK_FOLLOW_MS, type Change } from '#services/core/change-log.ts';
import { AppError } from '#services/core/errors.ts';
import { printableValue } from '#services/core/printable.ts';
import { replicatedColumnSchemas } from '#db/replicated-columns.ts';
import { replicatedTables } from '#db/replicated.ts';
import { pairColumnSchemas, syncTables } from '#services/core/registry.ts';

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

let columnSchemas: Map<string, Map<string, z.ZodType>> | undefined;

/**
 * Each replicated table's column schemas (SQL column name → schema). Throws MissingColumnSchemaError naming
 * every column without one: the app and the preview server call it at start, so such a table never syncs.
 */
export function checkColumnSchemas(): Map<string, Map<string, z.ZodType>> {
  return (columnSchemas ??= pairColumnSchemas(replicatedTables, replicatedColumnSchemas));
}

type Check = (value: unknown) => boolean;

/** A check def of zod 4 as this file reads it (the fields a column schema of db/replicated.ts uses). */
interface CheckDef {
  check: string;
  format?: string;
  pattern?: RegExp;
  maximum?: number;
  minimum?: number;
  value?: unknown;
  inclusive?: boolean;
}

/** zod 4 keeps a schema's (and a check's) definition on its `_zod` member. */
const ZOD = '_zod';
function internals<T>(schema: unknown): T {
  return (schema as Record<typeof ZOD, { def: T }>)[ZOD].def;
}

const DEF_KEYS: Record<string, Set<string>> = {
  string: new Set(['type', 'checks', 'error']),
  number: new Set(['type', 'checks', 'error']),
  enum: new Set(['type', 'entries', 'error']),
  literal: new Set(['type', 'values', 'error']),
  nullable: new Set(['type', 'innerType', 'error']),
  union: new Set(['type', 'options', 'error']),
};
const CHECK_KEYS = new Set([
  'check',
  'format',
  'pattern',
  'maximum',
  'minimum',
  'value',
  'inclusive',
  'when',
  'abort',
  'error',
]);

/**
 * A plain function that accepts a value only where the zod schema does, for the shapes the column
 * schemas are built of (contract/columns.ts: strings with length bounds and patterns, enums, 0/1, integers
 * and numbers within bounds, nullable); null for any other shape (refinements, transforms), which zod
 * itself then checks. A value such a function does not accept is checked by zod too, so it can only make
 * validation faster, never wider.
 */
export function compileCheck(schema: z.ZodType): Check | null {
  const def = internals<Record<string, unknown>>(schema);
  const checks = ((def.checks as unknown[] | undefined) ?? []).map((c) => internals<CheckDef>(c));
  // Only the def fields read here (and `error`, which changes messages, not what passes): a string with a
  // format of its own (z.iso.datetime(), z.uuid()), coercion, or a check with anything else is zod's.
  const known = DEF_KEYS[def.type as string];
  if (!known || Object.keys(def).some((key) => !known.has(key))) return null;
  for (const c of checks) if (Object.keys(c).some((key) => !CHECK_KEYS.has(key))) return null;
  // A check's `when` (zod's default on length checks: only on values with a length) can only skip it: a
  // function that applies every check is as strict or stricter, so `when` is not read.
  switch (def.type) {
    case 'nullable': {
      if (checks.length > 0) return null;
      const inner = compileCheck(def.innerType as z.ZodType);
      return inner && ((value) => value === null || inner(value));
    }
    case 'union': {
      if (checks.length > 0) return null;
      const options = (def.options as z.ZodType[]).map(compileCheck);
      if (options.some((o) => o === null)) return null;
      return (value) => options.some((o) => o!(value));
    }
    case 'literal': {
      if (checks.length > 0) return null;
      const values = def.values as unknown[];
      if (!values.every((v) => typeof v === 'string' || typeof v === 'number')) return null;
      return (value) => (values as unknown[]).includes(value);
    }
    case 'enum': {
      if (checks.length > 0) return null;
      const values = new Set(Object.values(def.entries as Record<string, unknown>));
      if (![...values].every((v) => typeof v === 'string')) return null;
      return (value) => typeof value === 'string' && values.has(value);
    }
    case 'string': {
      const parts: Check[] = [(value) => typeof value === 'string'];
      for (const c of checks) {
        if (c.check === 'max_length' && typeof c.maximum === 'number') {
          const max = c.maximum;
          parts.push((value) => (value as string).length <= max);
        } else if (c.check === 'min_length' && typeof c.minimum === 'number') {
          const min = c.minimum;
          parts.push((value) => (value as string).length >= min);
        } else if (
          c.check === 'string_format' &&
          c.format === 'regex' &&
          c.pattern instanceof RegExp &&
          !c.pattern.global &&
          !c.pattern.sticky
        ) {
          const pattern = c.pattern;
          parts.push((value) => pattern.test(value as string));
        } else return null;
      }
      return (value) => parts.every((p) => p(value));
    }
    case 'number': {
      const parts: Check[] = [(value) => typeof value === 'number' && Number.isFinite(value)];
      for (const c of checks) {
        if (c.check === 'number_format' && c.format === 'safeint') {
          parts.push((value) => Number.isSafeInteger(value));
        } else if (
          (c.check === 'greater_than' || c.check === 'less_than') &&
          typeof c.value === 'number' &&
          typeof c.inclusive === 'boolean'
        ) {
          const bound = c.value;
          const inclusive = c.inclusive;
          parts.push(
            c.check === 'greater_than'
              ? (value) => (inclusive ? (value as number) >= bound : (value as number) > bound)
              : (value) => (inclusive ? (value as number) <= bound : (value as number) < bound),
          );
        } else return null;
      }
      return (value) => parts.every((p) => p(value));
    }
    default:
      return null;
  }
}

/**
 * Per table and column (but `id`): the column's schema as a plain function where it can be compiled
 * (compileCheck), else its zod parse. Built once per table.
 */
const tableChecks = new Map<string, Map<string, Check>>();

function checksOf(table: string, schemas: Map<string, z.ZodType>): Map<string, Check> {
  let checks = tableChecks.get(table);
  if (!checks) {
    checks = new Map();
    for (const [column, schema] of schemas) {
      if (column === 'id') continue;
      checks.set(column, compileCheck(schema) ?? ((value) => schema.safeParse(value).success));
    }
    tableChecks.set(table, checks);
  }
  return checks;
}

/** Whether every field of a change is a column (not `id`) whose check accepts its value. */
function fieldsPass(checks: Map<string, Check>, fields: Record<string, unknown>): boolean {
  for (const column in fields) {
    const check = checks.get(column);
    if (!check || !check(fields[column])) return false;
  }
  return true;
}

export function validateChanges(changes: Change[], options: ValidateOptions): void {
  const { file } = options;
  const tables = syncTables();
  const schemas = checkColumnSchemas();
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
    // Fast path: every value by its compiled check. Any value it does not accept is parsed by its zod
    // schema below, which decides (and names the column that failed).
    const tableSchemas = schemas.get(table.name);
    if (tableSchemas && fieldsPass(checksOf(table.name, tableSchemas), change.fields)) continue;
    for (const [column, value] of Object.entries(change.fields)) {
      const schema = schemas.get(table.name)?.get(column);
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
  }
}
