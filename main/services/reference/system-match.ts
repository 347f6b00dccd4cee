// System names as hospital sheets write them (HIS系统, 电子病历系统, 检验), matched to the project's systems
// like department-match.ts does for departments: exactly by code or name (case, width, spaces and a final
// 系统 do not count), else through the usual names of the usual systems (电子病历 → EMR), else a new system.
//
// Use: `planSystems(ctx, names)` writes nothing; `applySystemPlan(ctx, plan)` inside the caller's
// transaction creates the new systems and returns every name's system id.
import type { NameProposal, SystemWithModules } from '#contract/index.ts';
import type { Ctx } from '#services/core/context.ts';
import { createSystem, listSystems } from './systems.ts';

/** A system name as compared: NFKC, no spaces, lower case, without a final 系统/system. */
export const systemKey = (name: string) =>
  name
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .toLowerCase()
    .replace(/(信息系统|管理系统|系统|system)$/, '');

/** What hospitals call the usual systems, by the code projects usually give them. */
const usualNames: Record<string, RegExp> = {
  HIS: /^(医院信息|his|医院管理)/,
  EMR: /^(电子病历|emr|病历)/,
  LIS: /^(检验|实验室|lis)/,
  PACS: /^(影像|pacs|放射)/,
  NIS: /^(护理|移动护理|nis)/,
};

export type SystemProposal = NameProposal & { systemId?: string };

export interface SystemPlan {
  /** Names that are an existing system, exactly or by a usual name (those are also in `proposed`). */
  matched: Map<string, SystemWithModules>;
  proposed: SystemProposal[];
  created: SystemProposal[];
  unknown: string[];
  /** Other names of a system created (EMR beside 电子病历系统), by systemKey. */
  aliases: Map<string, SystemProposal>;
}

function newCode(name: string, taken: Set<string>): string {
  const ascii = name.normalize('NFKC').replace(/\s+/g, '').replace(/系统$/, '');
  const base = (/^[\w-]+$/.test(ascii) ? ascii.toUpperCase() : ascii).slice(0, 12) || 'SYS';
  let code = base;
  for (let n = 2; taken.has(code.toLowerCase()); n++) code = `${base}-${n}`;
  taken.add(code.toLowerCase());
  return code;
}

/** What importing these names would do, without writing anything (name → rows using it). */
export function planSystems(
  ctx: Ctx,
  names: Iterable<string> | Map<string, number>,
  options: { create?: boolean } = {},
): SystemPlan {
  const counts = new Map<string, number>();
  const entries = names instanceof Map ? names.entries() : [...names].map((n) => [n, 1] as const);
  for (const [name, rows] of entries) {
    const trimmed = name.trim();
    if (trimmed) counts.set(trimmed, (counts.get(trimmed) ?? 0) + rows);
  }
  const systems = listSystems(ctx);
  const byKey = new Map<string, SystemWithModules>();
  for (const s of systems) byKey.set(systemKey(s.code), s);
  for (const s of systems) if (!byKey.has(systemKey(s.name))) byKey.set(systemKey(s.name), s);
  const taken = new Set(systems.map((s) => s.code.toLowerCase()));
  const plan: SystemPlan = { matched: new Map(), proposed: [], created: [], unknown: [], aliases: new Map() };
  const newByKey = new Map<string, SystemProposal>();
  for (const [name, rows] of counts) {
    const key = systemKey(name);
    const exact = byKey.get(key);
    if (exact) {
      plan.matched.set(key, exact);
      continue;
    }
    const usual = Object.entries(usualNames).find(([, words]) => words.test(key))?.[0];
    // 电子病历系统 and EMR in one sheet are one new system.
    const same = newByKey.get(key) ?? (usual ? newByKey.get(`usual:${usual}`) : undefined);
    if (same) {
      same.rows += rows;
      newByKey.set(key, same);
      if (same.systemId) plan.matched.set(key, plan.matched.get(systemKey(same.name))!);
      else if (key !== systemKey(same.name)) plan.aliases.set(key, same);
      continue;
    }
    if (options.create === false) {
      plan.unknown.push(name);
      continue;
    }
    const close = usual ? systems.find((s) => s.code.toUpperCase() === usual) : undefined;
    const code =
      usual && !taken.has(usual.toLowerCase())
        ? (taken.add(usual.toLowerCase()), usual)
        : newCode(name, taken);
    const proposal: SystemProposal = close
      ? { name, rows, action: 'match', code: close.code, target: close.name, systemId: close.id }
      : { name, rows, action: 'create', code, target: name.trim().slice(0, 64) };
    (close ? plan.proposed : plan.created).push(proposal);
    if (close) plan.matched.set(key, close);
    newByKey.set(key, proposal);
    if (usual) newByKey.set(`usual:${usual}`, proposal);
  }
  return plan;
}

export function systemProposals(plan: SystemPlan): NameProposal[] {
  return [...plan.proposed, ...plan.created]
    .map(({ systemId: _id, ...p }) => p)
    .sort((a, b) => b.rows - a.rows || a.name.localeCompare(b.name));
}

/** Creates the plan's new systems (inside the caller's transaction); systemKey(name) → system id. */
export function applySystemPlan(ctx: Ctx, plan: SystemPlan): Map<string, string> {
  const ids = new Map<string, string>();
  for (const [key, s] of plan.matched) ids.set(key, s.id);
  for (const p of plan.created) {
    const existing = listSystems(ctx).find((s) => s.code.toLowerCase() === p.code.toLowerCase());
    const id = existing?.id ?? createSystem(ctx, { code: p.code, name: p.target, vendor: null }).id;
    p.systemId = id;
    ids.set(systemKey(p.name), id);
  }
  for (const [key, p] of plan.aliases) ids.set(key, p.systemId!);
  return ids;
}

/** The system a plan gives a name: an existing one, one to create, or none. */
export function plannedSystem(
  plan: SystemPlan,
  name: string,
): { system: SystemWithModules } | { create: string; code: string } | undefined {
  const key = systemKey(name);
  const matched = plan.matched.get(key);
  if (matched) return { system: matched };
  const p = plan.created.find((x) => systemKey(x.name) === key) ?? plan.aliases.get(key);
  if (!p) return undefined;
  return { create: p.name, code: p.code };
}
