// The project's departments, systems, modules and people as an issue sheet names them: by code or name,
// in any case, fullwidth or not. Loaded once per import, not once per row.
import type { Organisation, Person, SystemModule, SystemWithModules } from '#contract/index.ts';
import type { Ctx } from '#services/core/context.ts';
import { listDepartments } from '#services/reference/departments.ts';
import { listPeople } from '#services/reference/people.ts';
import { listSystems } from '#services/reference/systems.ts';

/** A name as the lookups compare it: NFKC (fullwidth → ASCII), trimmed, lower case. */
export const nameKey = (s: string) => s.normalize('NFKC').trim().toLowerCase();

export class SheetLookups {
  private readonly departments: { id: string; code: string; name: string }[];
  private readonly systems: SystemWithModules[];
  private readonly people = new Map<string, Person[]>();

  constructor(ctx: Ctx) {
    this.departments = listDepartments(ctx);
    this.systems = listSystems(ctx);
    for (const p of listPeople(ctx, { includeArchived: true })) {
      const key = nameKey(p.name);
      this.people.set(key, [...(this.people.get(key) ?? []), p]);
    }
  }

  /** By code first, then by name. */
  department(value: string) {
    const v = nameKey(value);
    return (
      this.departments.find((d) => nameKey(d.code) === v) ??
      this.departments.find((d) => nameKey(d.name) === v)
    );
  }

  /** By code first, then by name. */
  system(value: string): SystemWithModules | undefined {
    const v = nameKey(value);
    return this.systems.find((s) => nameKey(s.code) === v) ?? this.systems.find((s) => nameKey(s.name) === v);
  }

  /** A module of this system by name. */
  module(system: SystemWithModules, name: string): SystemModule | undefined {
    return system.modules.find((m) => nameKey(m.name) === nameKey(name));
  }

  /** The module of this name when exactly one system has one, with its system; a row may omit the system then. */
  soleModule(name: string): { system: SystemWithModules; module: SystemModule } | undefined {
    const owners = this.systems.filter((s) => this.module(s, name));
    return owners.length === 1 ? { system: owners[0]!, module: this.module(owners[0]!, name)! } : undefined;
  }

  /** Active people first, then those of the expected organisation. */
  person(name: string, organisation: Organisation): Person | undefined {
    const found = this.people.get(nameKey(name)) ?? [];
    const rank = (p: Person) => (p.archivedAt ? 2 : 0) + (p.organisation === organisation ? 0 : 1);
    return [...found].sort((a, b) => rank(a) - rank(b))[0];
  }
}
