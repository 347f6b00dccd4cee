-- Full-text index of pilot issues. Chinese runs are stored as overlapping bigrams by
-- main/services/issues/search-text.ts (unicode61 alone cannot find two-character words such as 皮疹 or 医保).
-- Contentless (the text lives in pilot_issue); pilot_issue_search_key maps an issue id to its FTS rowid so
-- an update replaces one row by key instead of scanning. Maintained by main/services/records.ts.
CREATE VIRTUAL TABLE `pilot_issue_search` USING fts5(body, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE TABLE `pilot_issue_search_key` (
	`issue_id` text PRIMARY KEY NOT NULL,
	`fts_rowid` integer NOT NULL UNIQUE
);
