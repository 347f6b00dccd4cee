// The issues area's part in the write path: the search index follows every write of an issue, local or
// merged, and a settled conflict on an issue is written to its history like any other edit.
import { pilotIssue } from '#db/schema.ts';
import { onConflictResolved, onRecordDelete, onRecordWrite } from '#services/core/hooks.ts';
import { recordEvent } from './issues.ts';
import { refreshIssueSearch, removeIssueSearch } from './search-index.ts';

function asText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function registerIssueHooks(): void {
  onRecordWrite(pilotIssue, refreshIssueSearch);
  onRecordDelete(pilotIssue, (ctx, issue) => removeIssueSearch(ctx, issue.id));
  onConflictResolved(pilotIssue, (ctx, { rowId, property, before, after }) =>
    recordEvent(ctx, rowId, property, asText(before), asText(after)),
  );
}
