// The project's departments, systems, modules and people as an issue sheet names them: by code or name,
// in any case, fullwidth or not. Loaded once per import, not once per row. Department and system names
// the project does not have yet are planned by reference/department-match.ts and system-match.ts: filed
// under a close existing one, or created on import (unless the caller turned creating off).
import type { Organisation, Person, SystemModule, SystemWithModules } from '#contract/index.ts';
import type { Ctx } from '#services/core/context.ts';
import {
  departmentKey,
  plannedDepartment,
  planDepartments,
  type DepartmentPlan,
} from '#services/reference/department-match.ts';
import { listPeople } from '#services/reference/people.ts';
import { plannedSystem, planSystems, type SystemPlan } from '#services/reference/system-match.ts';
import { listSystems } from '#services/reference/systems.ts';

/** A name as the lookups compare it: NFKC (fullwidth → ASCII), trimmed, lower case. */
export const nameKey = (s: string) => s.normalize('NFKC').trim().toLowerCase();

/** The department a row names: an existing one (id), or one created on import (id null). */
export interface RowDepartment {
  id: string | null;
  code: string;
  /** As the sheet writes it. */
  raw: string;
}

/** The system a row names: existing (id and modules), or created on import (id null, no modules yet). */
export interface RowSystem {
  id: string | null;
  code: string;
  raw: string;
  modules: SystemModule[];
}

export interface PlanNames {
  departments: Map<string, number>;
  systems: Map<string, number>;
  /** Create departments and systems the project does not have (default); false refuses their rows. */
  create: boolean;
  /** Department names whose close match the user declined (created instead). */
  declined?: readonly string[];
}

export class SheetLookups {
  readonly departmentPlan: DepartmentPlan;
  readonly systemPlan: SystemPlan;
  private readonly systems: SystemWithModules[];
  private readonly people = new Map<string, Person[]>();

  constructor(ctx: Ctx, names: PlanNames) {
    this.departmentPlan = planDepartments(ctx, names.departments, {
      create: names.create,
      declined: names.declined,
    });
    this.systemPlan = planSystems(ctx, names.systems, { create: names.create });
    this.systems = listSystems(ctx);
    for (const p of listPeople(ctx, { includeArchived: true })) {
      const key = nameKey(p.name);
      this.people.set(key, [...(this.people.get(key) ?? []), p]);
    }
  }

  /** By code or name, exactly or as planned. */
  department(value: string): RowDepartment | undefined {
    const planned = plannedDepartment(this.departmentPlan, value);
    if (!planned) return undefined;
    return { id: 'id' in planned ? planned.id : null, code: planned.code, raw: departmentKey(value) };
  }

  /** By code first, then by name, exactly or as planned. */
  system(value: string): RowSystem | undefined {
    const planned = plannedSystem(this.systemPlan, value);
    if (!planned) return undefined;
    if ('system' in planned) {
      const s = planned.system;
      return { id: s.id, code: s.code, raw: value, modules: s.modules };
    }
    return { id: null, code: planned.code, raw: value, modules: [] };
  }

  /** A module of this system by name. */
  module(system: RowSystem, name: string): SystemModule | undefined {
    return system.modules.find((m) => nameKey(m.name) === nameKey(name));
  }

  /** The module of this name when exactly one system has one, with its system; a row may omit the system then. */
  soleModule(name: string): { system: RowSystem; module: SystemModule } | undefined {
    const owners = this.systems.filter((s) => s.modules.some((m) => nameKey(m.name) === nameKey(name)));
    if (owners.length !== 1) return undefined;
    const s = owners[0]!;
    const system: RowSystem = { id: s.id, code: s.code, raw: s.code, modules: s.modules };
    return { system, module: this.module(system, name)! };
  }

  /** Active people first, then those of the expected organisation. */
  person(name: string, organisation: Organisation): Person | undefined {
    const found = this.people.get(nameKey(name)) ?? [];
    const rank = (p: Person) => (p.archivedAt ? 2 : 0) + (p.organisation === organisation ? 0 : 1);
    return [...found].sort((a, b) => rank(a) - rank(b))[0];
  }
}
