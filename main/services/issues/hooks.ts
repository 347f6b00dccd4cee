// The issues area's part in the write path: the search index follows every write of an issue, local or
// merged, and a settled conflict on an issue is written to its history like any other edit.
import { pilotIssue } from '#db/schema.ts';
import type { IssueStatus } from '#contract/index.ts';
import { onConflictResolved, onRecordDelete, onRecordWrite } from '#services/core/hooks.ts';
import { getRecord, updateRecord } from '#services/core/records.ts';
import { recordEvent } from './issues.ts';
import { refreshIssueSearch, removeIssueSearch } from './search-index.ts';
import { stampsFitting } from './workflow.ts';

function asText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function registerIssueHooks(): void {
  onRecordWrite(pilotIssue, refreshIssueSearch);
  onRecordDelete(pilotIssue, (ctx, issue) => removeIssueSearch(ctx, issue.id));
  onConflictResolved(pilotIssue, (ctx, { rowId, property, before, after }) => {
    recordEvent(ctx, rowId, property, asText(before), asText(after));
    // The workflow stamps follow the kept status (issue 12 §8), in the same transaction.
    if (property !== 'status') return;
    const issue = getRecord(ctx, pilotIssue, rowId);
    const stamps = stampsFitting(after as IssueStatus, issue, ctx.now().toISOString());
    const changed = Object.fromEntries(
      Object.entries(stamps).filter(([k, v]) => issue[k as keyof typeof stamps] !== v),
    );
    if (Object.keys(changed).length > 0) updateRecord(ctx, pilotIssue, rowId, changed);
  });
}
