// Stand-in for wave-b3's reference/department-match.ts (issue #15 brief): the departments a 需求清单 names,
// resolved by code or name (any case, fullwidth or not), as the issue import does. Unknown names resolve to
// null and the row is refused, so a typo never invents a ward. The lead swaps this for the shared matcher
// at merge; callers use only `resolveDepartments`.
import type { Ctx } from '#services/core/context.ts';
import { listDepartments } from '#services/reference/departments.ts';

const key = (s: string) => s.normalize('NFKC').trim().toLowerCase();

/** Each distinct name → the department it names ({ id, name }), or null when none does. */
export function resolveDepartments(
  ctx: Ctx,
  names: string[],
): Map<string, { id: string; name: string } | null> {
  const departments = listDepartments(ctx);
  const out = new Map<string, { id: string; name: string } | null>();
  for (const name of names) {
    if (out.has(name)) continue;
    const v = key(name);
    const found =
      departments.find((d) => key(d.code) === v) ?? departments.find((d) => key(d.name) === v) ?? null;
    out.set(name, found ? { id: found.id, name: found.name } : null);
  }
  return out;
}
