// Databases created before sync existed (issue #4) hold records without changes. On first open, each
// record gets one "create" change from this replica so that its data can travel like any other.
import { inTransaction, statement, type Ctx } from './context.ts';
import { appendChange } from './change-log.ts';
import { syncTables } from './registry.ts';

export function backfillChangeLog(ctx: Ctx): number {
  if (statement(ctx, 'SELECT 1 FROM change_log LIMIT 1').get()) return 0;
  return inTransaction(ctx, () => {
    let created = 0;
    for (const table of [...syncTables().values()].sort((a, b) => a.order - b.order)) {
      const rows = ctx.sqlite.prepare(`SELECT * FROM "${table.name}" ORDER BY rowid`).all() as Record<
        string,
        unknown
      >[];
      for (const { id, ...fields } of rows) {
        appendChange(ctx, { tableName: table.name, rowId: id as string, fields, prev: [], deleted: false });
        created += 1;
      }
    }
    return created;
  });
}
