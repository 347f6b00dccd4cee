// The re-import key of an issue sheet row: SHA-256 of its normalised title, department code, reported
// minute and description, stored as the issue's importKey (pilot_issue.import_key). A row matches an
// issue already in the log when the key is there, or when an issue of the same department and minute has
// the same fingerprint (so a sheet exported by Wardside and imported again adds nothing either).
//
// Never change how it is computed: every sheet imported before would import again as new issues
// (tests/unit/issues-sheet.test.ts pins known values).
import type { Statement } from 'better-sqlite3';
import { createHash } from 'node:crypto';
import type { Ctx } from '#services/core/context.ts';

const collapse = (s: string | null | undefined) => (s ?? '').normalize('NFKC').replace(/\s+/g, ' ').trim();

/** Minute precision: sheets show minutes, and a time read back from Excel may be a few ms off. */
const minuteOf = (iso: string) => iso.slice(0, 16);

/** The stable fingerprint of an issue's content that marks it as imported (pilot_issue.import_key). */
export function issueFingerprint(input: {
  title: string;
  departmentCode: string;
  reportedAt: string | null;
  description: string | null;
}): string {
  const parts = [
    collapse(input.title),
    collapse(input.departmentCode).toUpperCase(),
    input.reportedAt ? minuteOf(new Date(input.reportedAt).toISOString()) : '',
    collapse(input.description),
  ];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/** The issues already in the log, found by fingerprint. */
export class ImportedIssues {
  private readonly byKey: Statement<[string]>;
  private readonly sameMinute: Statement<[string, string, string]>;

  constructor(ctx: Ctx) {
    this.byKey = ctx.sqlite.prepare('SELECT number FROM pilot_issue WHERE import_key = ? LIMIT 1');
    this.sameMinute = ctx.sqlite.prepare(
      `SELECT number, title, description, reported_at AS reportedAt FROM pilot_issue
       WHERE department_id = ? AND reported_at >= ? AND reported_at < ?`,
    );
  }

  /** The number of an issue already in the log with this fingerprint, if any. */
  find(importKey: string, departmentId: string, departmentCode: string, reportedAt: string | null) {
    const hit = this.byKey.get(importKey) as { number: string } | undefined;
    if (hit) return hit.number;
    if (!reportedAt) return undefined;
    const start = minuteOf(reportedAt) + ':00.000Z';
    const end = new Date(Date.parse(start) + 60_000).toISOString();
    const candidates = this.sameMinute.all(departmentId, start, end) as {
      number: string;
      title: string;
      description: string | null;
      reportedAt: string;
    }[];
    return candidates.find(
      (c) =>
        issueFingerprint({
          title: c.title,
          departmentCode,
          reportedAt: c.reportedAt,
          description: c.description,
        }) === importKey,
    )?.number;
  }
}
