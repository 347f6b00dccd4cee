// Keeps pilot_issue_search (FTS5, db/migrations/0002) in step with pilot_issue. Called from the single
// write path (main/services/records.ts), so every insert and update — local, imported or merged — is indexed.
import type { Ctx } from '../context.ts';
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
  ctx.sqlite.prepare('DELETE FROM pilot_issue_search WHERE issue_id = ?').run(issue.id);
  ctx.sqlite.prepare('INSERT INTO pilot_issue_search (issue_id, body) VALUES (?, ?)').run(issue.id, body);
}
