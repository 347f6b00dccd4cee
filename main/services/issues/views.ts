// Saved views of the issue list: named filters, local to this laptop (they never travel in export files).
import type { IssueFilter, SavedView } from '#contract/index.ts';
import type { Ctx } from '#services/core/context.ts';
import { AppError } from '#services/core/errors.ts';

export function listViews(ctx: Ctx): SavedView[] {
  return (
    ctx.sqlite.prepare('SELECT id, name, filter FROM saved_view ORDER BY name').all() as {
      id: string;
      name: string;
      filter: string;
    }[]
  ).map((v) => ({ ...v, filter: JSON.parse(v.filter) as IssueFilter }));
}

export function saveView(ctx: Ctx, input: { name: string; filter: IssueFilter }): SavedView {
  const existing = ctx.sqlite.prepare('SELECT id FROM saved_view WHERE name = ?').get(input.name) as
    { id: string } | undefined;
  const id = existing?.id ?? ctx.newId();
  ctx.sqlite
    .prepare(
      `INSERT INTO saved_view (id, name, filter, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET filter = excluded.filter`,
    )
    .run(id, input.name, JSON.stringify(input.filter), ctx.now().toISOString());
  return { id, name: input.name, filter: input.filter };
}

export function deleteView(ctx: Ctx, id: string): { id: string } {
  const result = ctx.sqlite.prepare('DELETE FROM saved_view WHERE id = ?').run(id);
  if (result.changes === 0) throw new AppError('not_found', { id });
  return { id };
}
