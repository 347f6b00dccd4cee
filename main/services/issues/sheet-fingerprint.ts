// The re-import key of an issue sheet row: SHA-256 of its normalised title, department (as the sheet
// writes it; before issue #12 the code it resolved to), reported minute and description, stored as the issue's importKey (pilot_issue.import_key). A row matches an
// issue already in the log when the key is there, or when an issue of the same department and minute has
// the same fingerprint (so a sheet exported by Wardside and imported again adds nothing either).
//
// Never change how it is computed: every sheet imported before would import again as new issues
// (tests/unit/issues-sheet.test.ts pins known values).
import type { Statement } from 'better-sqlite3';
import { createHash } from 'node:crypto';
import type { Ctx } from '#services/core/context.ts';

const collapse = (s: string | null | undefined) => (s ?? '').normalize('NFKC').replace(/\s+/g, ' ').trim();

/** A department name as the sheet plan keys it (reference/department-match.ts departmentKey). */
const nameKey = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

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
  private readonly sameMinute: Statement<[string, string]>;

  constructor(ctx: Ctx) {
    this.byKey = ctx.sqlite.prepare('SELECT number FROM pilot_issue WHERE import_key = ? LIMIT 1');
    // Any department: the issue's department is compared by its code and name, never by id.
    this.sameMinute = ctx.sqlite.prepare(
      `SELECT i.number, i.title, i.description, i.reported_at AS reportedAt, d.code, d.name
       FROM pilot_issue i JOIN department d ON d.id = i.department_id
       WHERE i.reported_at >= ? AND i.reported_at < ?`,
    );
  }

  /**
   * The number of an issue already in the log with this fingerprint (or the key of the same row as it was
   * computed before, `legacyKey`), if any; else an issue of the same minute whose own content gives the key
   * (a sheet exported by Wardside).
   */
  find(importKey: string, legacyKey: string | null, reportedAt: string | null) {
    for (const key of legacyKey ? [importKey, legacyKey] : [importKey]) {
      const hit = this.byKey.get(key) as { number: string } | undefined;
      if (hit) return hit.number;
    }
    if (!reportedAt) return undefined;
    const start = minuteOf(reportedAt) + ':00.000Z';
    const end = new Date(Date.parse(start) + 60_000).toISOString();
    const candidates = this.sameMinute.all(start, end) as {
      number: string;
      title: string;
      description: string | null;
      reportedAt: string;
      code: string;
      name: string;
    }[];
    const key = (c: (typeof candidates)[number], department: string) =>
      issueFingerprint({
        title: c.title,
        departmentCode: department,
        reportedAt: c.reportedAt,
        description: c.description,
      });
    return candidates.find(
      (c) =>
        key(c, nameKey(c.name)) === importKey ||
        key(c, nameKey(c.code)) === importKey ||
        key(c, c.code) === legacyKey,
    )?.number;
  }
}
