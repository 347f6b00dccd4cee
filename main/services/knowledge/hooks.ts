// The knowledge base's part in the write path: the search index follows every write of an article,
// local or merged.
import { kbArticle } from '#db/schema.ts';
import { onRecordDelete, onRecordWrite } from '#services/core/hooks.ts';
import { refreshArticleSearch, removeArticleSearch } from './search-index.ts';

export function registerKnowledgeHooks(): void {
  onRecordWrite(kbArticle, refreshArticleSearch);
  onRecordDelete(kbArticle, (ctx, article) => removeArticleSearch(ctx, article.id));
}
