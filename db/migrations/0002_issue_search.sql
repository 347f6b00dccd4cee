-- Full-text index of pilot issues. Chinese runs are stored as overlapping bigrams by
-- main/services/issues/search-text.ts (unicode61 alone cannot find two-character words such as 皮疹 or 医保).
-- Contentless (the text lives in pilot_issue) and keyed by pilot_issue's rowid, so matches join back as
-- integer lookups. Maintained by main/services/records.ts. A VACUUM may renumber those rowids: run
-- rebuildIssueSearch() after one (main/services/issues/search-index.ts).
CREATE VIRTUAL TABLE `pilot_issue_search` USING fts5(body, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2');
