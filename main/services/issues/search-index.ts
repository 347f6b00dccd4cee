// Keeps pilot_issue_search (FTS5, db/migrations/0002) in step with pilot_issue. Hooked into the single
// write path (issues/hooks.ts), so every insert and update — local, imported or merged — is indexed.
import { statement, type Ctx } from '#services/core/context.ts';
import { indexText } from './search-text.ts';

interface Indexed {
  id: string;
  number: string;
  title: string;
  description: string | null;
  workaround: string | null;
  resolution: string | null;
  tags: string;
}

export function refreshIssueSearch(ctx: Ctx, issue: Indexed) {
  const tags = (JSON.parse(issue.tags) as string[]).join(' ');
  const body = indexText(
    issue.number,
    issue.title,
    issue.description,
    issue.workaround,
    issue.resolution,
    tags,
  );
  // The rowid first, then a plain VALUES insert: `INSERT INTO <fts5> … SELECT` has SQLite stage the one
  // selected row in a temporary table each time, which was most of an import's indexing (issue #17).
  const row = statement(ctx, 'SELECT rowid AS r FROM pilot_issue WHERE id = ?').get(issue.id) as
    { r: number } | undefined;
  if (!row) return;
  statement(ctx, 'INSERT OR REPLACE INTO pilot_issue_search (rowid, body) VALUES (?, ?)').run(row.r, body);
}

/** Re-creates the whole index from pilot_issue (after a VACUUM, or to repair). */
export function rebuildIssueSearch(ctx: Ctx) {
  ctx.sqlite.transaction(() => {
    ctx.sqlite.exec('DELETE FROM pilot_issue_search');
    const rows = ctx.sqlite
      .prepare('SELECT id, number, title, description, workaround, resolution, tags FROM pilot_issue')
      .all() as Indexed[];
    for (const row of rows) refreshIssueSearch(ctx, row);
  })();
}

/** `i.rowid IN (…)`: the issues matching an FTS5 expression (one parameter). */
export const SEARCH_MATCH_ROWIDS = 'SELECT rowid FROM pilot_issue_search WHERE pilot_issue_search MATCH ?';

/** Drops an issue from the index (before its row is deleted: the index is keyed by that row's rowid). */
export function removeIssueSearch(ctx: Ctx, id: string) {
  statement(
    ctx,
    'DELETE FROM pilot_issue_search WHERE rowid = (SELECT rowid FROM pilot_issue WHERE id = ?)',
  ).run(id);
}
