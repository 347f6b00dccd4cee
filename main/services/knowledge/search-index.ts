// Keeps kb_article_search (FTS5, db/migrations/0008) in step with kb_article, through the write path
// (knowledge/hooks.ts): the issue search's Chinese bigram text (issues/search-text.ts), so two-character
// words such as 医保 are found.
import { statement, type Ctx } from '#services/core/context.ts';
import { indexText } from '#services/issues/search-text.ts';

interface Indexed {
  id: string;
  title: string;
  symptom: string;
  cause: string | null;
  solution: string;
  tags: string;
}

export function refreshArticleSearch(ctx: Ctx, article: Indexed) {
  const tags = (JSON.parse(article.tags) as string[]).join(' ');
  const body = indexText(article.title, article.symptom, article.cause, article.solution, tags);
  statement(
    ctx,
    'INSERT OR REPLACE INTO kb_article_search (rowid, body) SELECT rowid, ? FROM kb_article WHERE id = ?',
  ).run(body, article.id);
}

export function removeArticleSearch(ctx: Ctx, id: string) {
  statement(
    ctx,
    'DELETE FROM kb_article_search WHERE rowid = (SELECT rowid FROM kb_article WHERE id = ?)',
  ).run(id);
}

/** Re-creates the whole index (after a VACUUM, or to repair). */
export function rebuildArticleSearch(ctx: Ctx) {
  ctx.sqlite.transaction(() => {
    ctx.sqlite.exec('DELETE FROM kb_article_search');
    const rows = ctx.sqlite
      .prepare('SELECT id, title, symptom, cause, solution, tags FROM kb_article')
      .all() as Indexed[];
    for (const row of rows) refreshArticleSearch(ctx, row);
  })();
}
