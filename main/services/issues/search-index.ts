// Keeps pilot_issue_search (FTS5, db/migrations/0002) in step with pilot_issue. Called from the single
// write path (main/services/records.ts), so every insert and update — local, imported or merged — is indexed.
import { statement, type Ctx } from '../context.ts';
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
  const key = statement(ctx, 'SELECT fts_rowid AS rowid FROM pilot_issue_search_key WHERE issue_id = ?').get(
    issue.id,
  ) as { rowid: number } | undefined;
  if (key) {
    statement(ctx, 'INSERT OR REPLACE INTO pilot_issue_search (rowid, body) VALUES (?, ?)').run(
      key.rowid,
      body,
    );
    return;
  }
  const { lastInsertRowid } = statement(ctx, 'INSERT INTO pilot_issue_search (body) VALUES (?)').run(body);
  statement(ctx, 'INSERT INTO pilot_issue_search_key (issue_id, fts_rowid) VALUES (?, ?)').run(
    issue.id,
    lastInsertRowid,
  );
}

/** `i.id IN (…)` subquery selecting the issues that match an FTS5 expression (one parameter). */
export const SEARCH_MATCH_IDS = `SELECT k.issue_id FROM pilot_issue_search s
  JOIN pilot_issue_search_key k ON k.fts_rowid = s.rowid WHERE pilot_issue_search MATCH ?`;
