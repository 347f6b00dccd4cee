-- Full-text index of knowledge articles, built like pilot_issue_search (0002): Chinese runs stored as
-- overlapping bigrams by main/services/issues/search-text.ts, contentless, keyed by kb_article's rowid.
-- Maintained through the write path (main/services/knowledge/hooks.ts).
CREATE VIRTUAL TABLE `kb_article_search` USING fts5(body, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2');
