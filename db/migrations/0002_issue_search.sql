-- Full-text index of pilot issues. Chinese runs are stored as overlapping bigrams by
-- main/services/issues/search-text.ts (unicode61 alone cannot find two-character words such as 皮疹 or 医保).
-- Maintained by main/services/records.ts on every write to pilot_issue.
CREATE VIRTUAL TABLE `pilot_issue_search` USING fts5(issue_id UNINDEXED, body, tokenize = 'unicode61 remove_diacritics 2');
