// Search across areas (issue 12 §17): reads each area through its exported query functions, never its
// tables, so the areas stay the only authors of what their records mean.
import type { SearchHit } from '#contract/index.ts';
import type { Ctx } from '#services/core/context.ts';
import { listIssues } from '#services/issues/queries.ts';
import { listItems } from '#services/reconcile/items.ts';
import { listProfiles } from '#services/reconcile/profiles.ts';
import { listDepartments } from '#services/reference/departments.ts';
import { listPeople } from '#services/reference/people.ts';
import { listSessions } from '#services/training/sessions.ts';

const fold = (text: string) => text.normalize('NFKC').toLowerCase().replace(/\s+/g, '');

/** Up to `limit` hits of each kind: issues, then people, sessions and discrepancies. */
export function searchAll(ctx: Ctx, input: { text: string; limit: number }): SearchHit[] {
  const text = input.text.trim();
  const query = fold(text);
  const has = (...values: (string | null | undefined)[]) => values.some((v) => v && fold(v).includes(query));
  const departmentName = new Map(listDepartments(ctx, { includeArchived: true }).map((d) => [d.id, d.name]));

  const issues = listIssues(ctx, {
    filter: { text },
    sort: { key: 'reportedAt', dir: 'desc' },
    offset: 0,
    limit: input.limit,
  }).rows.map((r): SearchHit => ({
    kind: 'issue',
    id: r.id,
    title: `${r.number} ${r.title}`,
    detail: departmentName.get(r.departmentId) ?? null,
    href: `/issues/${r.id}`,
  }));

  const people = listPeople(ctx)
    .filter((p) => has(p.name, p.employeeNo, p.title, p.phone))
    .slice(0, input.limit)
    .map((p): SearchHit => ({
      kind: 'person',
      id: p.id,
      title: p.employeeNo ? `${p.name}（${p.employeeNo}）` : p.name,
      detail:
        [p.title, p.departmentId ? departmentName.get(p.departmentId) : null].filter(Boolean).join(' · ') ||
        null,
      href: '/settings/people',
    }));

  const sessions = listSessions(ctx)
    .filter((s) => has(s.topic, s.place, s.trainerName, s.materialVersion))
    .slice(0, input.limit)
    .map((s): SearchHit => ({
      kind: 'session',
      id: s.id,
      title: s.topic,
      detail: [s.startsAt, s.place].filter(Boolean).join(' · ') || null,
      href: `/training/sessions/${s.id}`,
    }));

  const discrepancies: SearchHit[] = [];
  for (const profile of listProfiles(ctx)) {
    if (discrepancies.length >= input.limit) break;
    const { rows } = listItems(ctx, {
      filter: { profileId: profile.id, text },
      sort: { key: 'age', dir: 'desc' },
      offset: 0,
      limit: input.limit - discrepancies.length,
    });
    for (const item of rows) {
      discrepancies.push({
        kind: 'discrepancy',
        id: item.id,
        title: item.key.join(' / '),
        detail: [profile.domain, item.column].filter(Boolean).join(' · '),
        href: `/reconcile/domains/${profile.id}`,
      });
    }
  }
  return [...issues, ...people, ...sessions, ...discrepancies];
}
