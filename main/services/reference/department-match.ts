// Department names as hospital sheets write them (issue sheets, rosters, later surveys and requirement
// lists), matched to the project's departments: exactly (code or name, ignoring case, full/half width and
// spaces), else to one existing department with a close name (心内科 ~ 心血管内科, 骨科 ~ 骨科一病区), else a
// new department with a type guessed from the name. A newcomer's first import then writes its rows
// instead of refusing every one of them (issue #12, item 11).
//
// Use: `planDepartments(ctx, names)` (names with their row counts) says what importing would do and
// writes nothing, so a preview can show it; `applyDepartmentPlan(ctx, plan)` inside the caller's
// transaction creates what the plan creates and returns every name's department id.
import type { Department, DepartmentType, NameProposal } from '#contract/index.ts';
import type { Ctx } from '#services/core/context.ts';
import { createDepartment, departmentNameKey, findDepartmentByCode, listDepartments } from './departments.ts';

/** A name as departments are compared: NFKC (fullwidth → halfwidth), no spaces at all, lower case. */
export const departmentKey = departmentNameKey;

const wardNumber = /(第?[一二三四五六七八九十\d]+)(病区|病房|区)$/;
const chineseDigits = '一二三四五六七八九';
const digit = (c: string | undefined) => (c ? chineseDigits.indexOf(c) + 1 : 0);

/** 一 → 1, 十二 → 12, 2 → 2: 骨科1病区 and 骨科一病区 are one ward. */
function wardDigits(text: string): string {
  const t = text.replace(/^第/, '');
  if (/^\d+$/.test(t)) return String(Number(t));
  const [tens, ones] = t.includes('十') ? t.split('十') : ['', t];
  return String((t.includes('十') ? (tens ? digit(tens) : 1) * 10 : 0) + digit(ones));
}

/** Names hospitals use for one department besides its own (ICU for 重症医学科). */
const aliases: [RegExp, string][] = [
  [/^(icu|重症监护室|重症监护病房|重症医学)$/, '重症医学'],
  [/^(ccu|心脏重症监护)$/, '心脏重症监护'],
  [/^(急诊|急诊医学)$/, '急诊'],
];

/** The distinctive part of a name: without 病区/一病区/病房 and the final 科, with its ward number if any. */
function core(name: string): { stem: string; ward: string | null } {
  let stem = departmentKey(name);
  let ward: string | null = null;
  const numbered = stem.match(wardNumber);
  if (numbered) {
    ward = wardDigits(numbered[1]!);
    stem = stem.slice(0, -numbered[0].length);
  } else stem = stem.replace(/(病区|病房|护理单元)$/, '');
  stem = stem.replace(/科$/, '');
  stem = aliases.find(([words]) => words.test(stem))?.[1] ?? stem;
  return { stem, ward };
}

/** Whether the characters of `short` appear in `long` in order (心内 in 心血管内). */
function subsequence(short: string, long: string): boolean {
  let i = 0;
  for (const ch of long) if (ch === short[i]) i++;
  return i === short.length;
}

/** How close two names are: 2 the same department written differently, 1 probably the same, 0 not. */
export function closeness(a: string, b: string): 0 | 1 | 2 {
  const x = core(a);
  const y = core(b);
  if (x.ward && y.ward && x.ward !== y.ward) return 0;
  if (!x.stem || !y.stem) return 0;
  if (x.stem === y.stem) return 2;
  const [short, long] = x.stem.length <= y.stem.length ? [x.stem, y.stem] : [y.stem, x.stem];
  if (short.length >= 2 && short[0] === long[0] && subsequence(short, long)) return 1;
  return 0;
}

/** The type of a department from its name: 门诊 a clinic, 检验科 medtech, 医务处 admin, else a ward. */
export function guessDepartmentType(name: string): DepartmentType {
  if (/门诊|急诊/.test(name)) return 'clinic';
  if (/检验|影像|放射|超声|病理|药剂|药房|输血|心电|内镜|医技|核医学/.test(name)) return 'medtech';
  if (/办公室|院办|医务|护理部|信息|财务|设备|后勤|质控|医保|人事|总务|保卫|处$|部$/.test(name))
    return 'admin';
  return 'ward';
}

/** What importing does with one unknown name. */
export type DepartmentProposal = NameProposal & { departmentId?: string };

export interface DepartmentPlan {
  /** Names that are an existing department (code or name), by departmentKey → department. */
  matched: Map<string, Department>;
  /** Names filed under an existing department with a close name. */
  proposed: DepartmentProposal[];
  /** Names that become new departments (empty when creating is off). */
  created: DepartmentProposal[];
  /** Names neither matched nor created (creating is off): their rows are refused. */
  unknown: string[];
}

export interface DepartmentPlanOptions {
  /** Create departments for names with no close match (default); false refuses them, as before #12. */
  create?: boolean;
  /** Names whose close match the user declined: created instead (departmentKey compared). */
  declined?: readonly string[];
}

/** A code for a new department: its name (readable in lists and CLI filters), made unique. */
function newCode(name: string, taken: Set<string>): string {
  const base = name.normalize('NFKC').replace(/\s+/g, '').slice(0, 28) || 'DEPT';
  let code = base;
  for (let n = 2; taken.has(code.toLowerCase()); n++) code = `${base}-${n}`;
  taken.add(code.toLowerCase());
  return code;
}

/**
 * What importing these names would do, without writing anything. `names` maps each name as written to the
 * number of rows using it (a list counts one row per occurrence).
 */
export function planDepartments(
  ctx: Ctx,
  names: Iterable<string> | Map<string, number>,
  options: DepartmentPlanOptions = {},
): DepartmentPlan {
  const counts = new Map<string, number>();
  const entries = names instanceof Map ? names.entries() : [...names].map((n) => [n, 1] as const);
  for (const [name, rows] of entries) {
    const trimmed = name.trim();
    if (trimmed) counts.set(trimmed, (counts.get(trimmed) ?? 0) + rows);
  }
  const departments = listDepartments(ctx);
  const byKey = new Map<string, Department>();
  for (const d of departments) byKey.set(departmentKey(d.name), d);
  for (const d of departments) if (!byKey.has(departmentKey(d.code))) byKey.set(departmentKey(d.code), d);
  const taken = new Set(departments.map((d) => d.code.toLowerCase()));

  const plan: DepartmentPlan = { matched: new Map(), proposed: [], created: [], unknown: [] };
  // Names written differently but with one key (心内科 / 心内科 ) are one department.
  const newByKey = new Map<string, DepartmentProposal>();
  for (const [name, rows] of counts) {
    const key = departmentKey(name);
    const exact = byKey.get(key);
    if (exact) {
      plan.matched.set(key, exact);
      continue;
    }
    const same = newByKey.get(key);
    if (same) {
      same.rows += rows;
      continue;
    }
    let best: Department[] = [];
    let bestScore = 0;
    for (const d of departments) {
      const score = closeness(name, d.name);
      if (score > bestScore) [best, bestScore] = [[d], score];
      else if (score === bestScore && score > 0) best.push(d);
    }
    // Only an unambiguous close name is proposed: 神经科 beside 神经内科 and 神经外科 is created instead.
    const declined = (options.declined ?? []).some((n) => departmentKey(n) === key);
    if (options.create !== false && best.length === 1 && !declined) {
      const d = best[0]!;
      const proposal: DepartmentProposal = {
        name,
        rows,
        action: 'match',
        code: d.code,
        target: d.name,
        departmentId: d.id,
      };
      plan.proposed.push(proposal);
      newByKey.set(key, proposal);
    } else if (options.create !== false) {
      const proposal: DepartmentProposal = {
        name,
        rows,
        action: 'create',
        code: newCode(name, taken),
        // 重症 医学科 → 重症医学科: spaces inside Chinese names are typing accidents.
        target: name
          .trim()
          .replace(/\s+/g, ' ')
          .replace(/(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])/g, '')
          .slice(0, 64),
        type: guessDepartmentType(name),
      };
      plan.created.push(proposal);
      newByKey.set(key, proposal);
    } else plan.unknown.push(name);
  }
  return plan;
}

/** The proposals of a plan as a preview shows them (rows, what happens), most used names first. */
export function departmentProposals(plan: DepartmentPlan): NameProposal[] {
  return [...plan.proposed, ...plan.created]
    .map(({ departmentId: _id, ...p }) => p)
    .sort((a, b) => b.rows - a.rows || a.name.localeCompare(b.name));
}

/** The names' departments once the plan is applied: departmentKey(name as written) → department id. */
export type DepartmentIds = Map<string, string>;

/**
 * Carries out a plan made in the same transaction: creates its new departments and returns the id of
 * every name it knows (matched, proposed, created). Call inside the caller's transaction.
 */
export function applyDepartmentPlan(ctx: Ctx, plan: DepartmentPlan): DepartmentIds {
  const ids: DepartmentIds = new Map();
  for (const [key, d] of plan.matched) ids.set(key, d.id);
  for (const p of plan.proposed) ids.set(departmentKey(p.name), p.departmentId!);
  for (const p of plan.created) {
    // A department created since the plan was made (same code) is used, not doubled.
    const existing = findDepartmentByCode(ctx, p.code);
    const id =
      existing?.id ??
      createDepartment(ctx, { code: p.code, name: p.target, type: p.type!, pilotPhase: null }).id;
    p.departmentId = id;
    ids.set(departmentKey(p.name), id);
  }
  return ids;
}

/** The department a plan gives a name: an existing one (id), one to create (by name), or none. */
export function plannedDepartment(
  plan: DepartmentPlan,
  name: string,
): { id: string; code: string } | { create: string; code: string } | undefined {
  const key = departmentKey(name);
  const matched = plan.matched.get(key);
  if (matched) return { id: matched.id, code: matched.code };
  const p = [...plan.proposed, ...plan.created].find((x) => departmentKey(x.name) === key);
  if (!p) return undefined;
  return p.departmentId ? { id: p.departmentId, code: p.code } : { create: p.name, code: p.code };
}
