// The conflicts inbox: fields that two replicas changed concurrently. The shown value (winner) is the head
// with the highest clock; each other head is kept here until a person keeps one value or edits the field —
// both are ordinary writes that supersede every head, so the resolution travels like any change.
import type { Conflict, ConflictVersion } from '#contract/index.ts';
import { inTransaction, statement, type Ctx } from '#services/core/context.ts';
import { AppError } from '#services/core/errors.ts';
import { afterConflictResolved } from '#services/core/hooks.ts';
import { writeFields } from '#services/core/records.ts';
import { ensureReplica } from '#services/core/settings.ts';
import { getChange, parseChangeId, type Change } from '#services/core/change-log.ts';
import { syncTable, type SyncTable } from '#services/core/registry.ts';

const LABEL_COLUMNS = [
  ['number', 'title'],
  ['name'],
  ['title'],
  ['topic'],
  ['code'],
  ['file_name'],
  ['field'],
];

function recordLabel(ctx: Ctx, table: SyncTable, rowId: string): string {
  const row = statement(ctx, `SELECT * FROM "${table.name}" WHERE id = ?`).get(rowId) as
    Record<string, unknown> | undefined;
  if (!row) return rowId;
  for (const columns of LABEL_COLUMNS) {
    if (columns.every((c) => typeof row[c] === 'string' && row[c] !== '')) {
      return columns.map((c) => row[c]).join(' ');
    }
  }
  return rowId;
}

function replicaLabel(ctx: Ctx, replicaId: string): string | null {
  const own = ensureReplica(ctx);
  if (own.id === replicaId) return own.label;
  const row = statement(ctx, 'SELECT label FROM sync_replica WHERE id = ?').get(replicaId) as
    { label: string | null } | undefined;
  return row?.label ?? null;
}

function version(ctx: Ctx, table: SyncTable, field: string, change: Change): ConflictVersion {
  const value = (change.fields[field] ?? null) as string | number | null;
  const ref = table.refs.find((r) => r.column === field);
  const display = ref && typeof value === 'string' ? recordLabel(ctx, syncTable(ref.target), value) : null;
  const clock = parseChangeId(change.id)!;
  return {
    changeId: change.id,
    value,
    display,
    author: change.author,
    replicaId: change.replicaId,
    replicaLabel: replicaLabel(ctx, change.replicaId),
    at: new Date(clock.ms).toISOString(),
  };
}

export function listConflicts(ctx: Ctx): Conflict[] {
  const rows = ctx.sqlite
    .prepare(
      'SELECT table_name, row_id, field, winner_id, loser_id FROM sync_conflict ORDER BY table_name, row_id, field, loser_id',
    )
    .all() as { table_name: string; row_id: string; field: string; winner_id: string; loser_id: string }[];
  const grouped = new Map<string, Conflict>();
  for (const row of rows) {
    const key = `${row.table_name}\u0000${row.row_id}\u0000${row.field}`;
    const table = syncTable(row.table_name);
    let conflict = grouped.get(key);
    if (!conflict) {
      conflict = {
        tableName: row.table_name,
        table: table.key,
        rowId: row.row_id,
        record: recordLabel(ctx, table, row.row_id),
        field: row.field,
        property: table.propertyOf.get(row.field) ?? row.field,
        shown: version(ctx, table, row.field, getChange(ctx, row.winner_id)!),
        others: [],
      };
      grouped.set(key, conflict);
    }
    conflict.others.push(version(ctx, table, row.field, getChange(ctx, row.loser_id)!));
  }
  return [...grouped.values()];
}

/** Fields in conflict (a field with three concurrent values is one conflict). */
export function countConflicts(ctx: Ctx): number {
  return (
    statement(
      ctx,
      'SELECT count(*) AS n FROM (SELECT DISTINCT table_name, row_id, field FROM sync_conflict)',
    ).get() as { n: number }
  ).n;
}

/** Keeps the value of one of the conflicting versions (shown or kept aside) and settles the field. */
export function resolveConflict(
  ctx: Ctx,
  input: { tableName: string; rowId: string; field: string; keepChangeId: string },
): { remaining: number } {
  const heads = statement(
    ctx,
    'SELECT winner_id, loser_id FROM sync_conflict WHERE table_name = ? AND row_id = ? AND field = ?',
  ).all(input.tableName, input.rowId, input.field) as { winner_id: string; loser_id: string }[];
  const candidates = new Set(heads.flatMap((h) => [h.winner_id, h.loser_id]));
  if (!candidates.has(input.keepChangeId)) throw new AppError('sync_conflict_gone');
  const table = syncTable(input.tableName);
  const column = table.columns.get(input.field)!;
  const property = table.propertyOf.get(input.field)!;
  const raw = getChange(ctx, input.keepChangeId)!.fields[input.field] ?? null;
  const value = raw === null ? null : column.mapFromDriverValue(raw);
  inTransaction(ctx, () => {
    const before = statement(ctx, `SELECT "${input.field}" AS v FROM "${table.name}" WHERE id = ?`).get(
      input.rowId,
    ) as { v: unknown } | undefined;
    writeFields(ctx, table.table, input.rowId, { [property]: value });
    // The table's area may record the decision (an issue's history says who settled which value).
    const shown = before?.v ?? null;
    afterConflictResolved(ctx, table.table, {
      rowId: input.rowId,
      property,
      before: shown === null ? null : column.mapFromDriverValue(shown),
      after: value,
    });
  });
  return { remaining: countConflicts(ctx) };
}
