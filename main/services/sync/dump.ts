// `wardside dump`: the replicated state as canonical JSON — every declared table's rows sorted by id with
// their columns sorted, then the open conflicts. Replica-local bookkeeping (replica_info, settings, the
// import log, search index) is left out, so two replicas that hold the same changes print the same bytes.
import type { Ctx } from '#services/core/context.ts';
import { syncTables } from '#services/core/registry.ts';

export function dumpState(ctx: Ctx): string {
  const tables: Record<string, Record<string, unknown>[]> = {};
  for (const table of [...syncTables().values()].sort((a, b) => a.name.localeCompare(b.name))) {
    const columns = [...table.columns.keys()].sort();
    const rows = ctx.sqlite
      .prepare(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM "${table.name}" ORDER BY id`)
      .all() as Record<string, unknown>[];
    tables[table.name] = rows.map((row) => Object.fromEntries(columns.map((c) => [c, row[c] ?? null])));
  }
  const conflicts = ctx.sqlite
    .prepare(
      'SELECT table_name, row_id, field, winner_id, loser_id FROM sync_conflict ORDER BY table_name, row_id, field, loser_id',
    )
    .all();
  const changes = (ctx.sqlite.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;
  return JSON.stringify({ format: 'wardside-dump', changes, tables, conflicts }, null, 1) + '\n';
}
