// The go-live readiness gate (issue #6): per department × role, how many current hospital staff are
// trained and how many passed, who is not ready, and what each trainer achieved.
//
// Definitions (also the UI help text, training.readiness.help):
// - staff: people in the directory who are hospital staff and not archived; no role counts as "other".
// - trained: marked present or late in at least one session (not cancelled) whose audience includes them
//   now: their role is in the session's tier and their department is one of its departments (or it has none).
// - passed: in such a session, an attempt with a score at or above that session's pass mark.
// - not ready: not passed — never trained, or trained but not (yet) passed. Many programmes grant system
//   access only to people who passed, so this list is what the hospital withholds access from.
import { department, person } from '#db/schema.ts';
import {
  staffRoles,
  type PersonReadiness,
  type ReadinessCount,
  type ReadinessMatrix,
  type ReadinessScope,
  type TrainerStat,
} from '#contract/index.ts';
import type { Ctx } from '#services/core/context.ts';
import { inAudience, isAttended, isPass, loadAttendance, loadSessions, roleOf } from './sessions.ts';

const zero = (): ReadinessCount => ({ staff: 0, trained: 0, passed: 0 });

/** Every current hospital staff member with their readiness, in department, role and name order. */
export function staffReadiness(ctx: Ctx): PersonReadiness[] {
  const departments = new Map(
    ctx.db
      .select()
      .from(department)
      .all()
      .map((d) => [d.id, d]),
  );
  const staff = ctx.db
    .select()
    .from(person)
    .all()
    .filter((p) => !p.archivedAt && p.organisation === 'hospital');
  const sessions = new Map(
    loadSessions(ctx)
      .filter((s) => s.status !== 'cancelled')
      .map((s) => [s.id, s]),
  );
  const byPerson = new Map<string, ReturnType<typeof loadAttendance>>();
  for (const a of loadAttendance(ctx)) {
    if (!sessions.has(a.sessionId)) continue;
    const list = byPerson.get(a.personId) ?? [];
    list.push(a);
    byPerson.set(a.personId, list);
  }

  const rows = staff.map((p): PersonReadiness => {
    let trained = false;
    let passed = false;
    let best: { score: number; passMark: number | null } | null = null;
    let last: { topic: string; startsAt: string } | null = null;
    for (const a of byPerson.get(p.id) ?? []) {
      const session = sessions.get(a.sessionId)!;
      if (!inAudience(session, p) || !isAttended(a.status)) continue;
      trained = true;
      if (isPass(a, session.passMark)) passed = true;
      if (!last || session.startsAt > last.startsAt)
        last = { topic: session.topic, startsAt: session.startsAt };
      if (a.score !== null && (!best || a.score > best.score))
        best = { score: a.score, passMark: session.passMark };
    }
    const dept = p.departmentId ? departments.get(p.departmentId) : undefined;
    return {
      personId: p.id,
      name: p.name,
      employeeNo: p.employeeNo,
      departmentId: p.departmentId,
      departmentName: dept?.name ?? null,
      role: roleOf(p),
      trained,
      passed,
      bestScore: best?.score ?? null,
      passMark: best?.passMark ?? null,
      lastSession: last,
    };
  });
  return rows.sort(
    (a, b) =>
      (a.departmentName ?? '\uffff').localeCompare(b.departmentName ?? '\uffff', 'zh-CN') ||
      staffRoles.indexOf(a.role) - staffRoles.indexOf(b.role) ||
      a.name.localeCompare(b.name, 'zh-CN') ||
      (a.employeeNo ?? '').localeCompare(b.employeeNo ?? ''),
  );
}

/** The people of one cell, row or column of the matrix (or all), optionally only those not ready. */
export function readinessPeople(ctx: Ctx, scope: ReadinessScope): PersonReadiness[] {
  return staffReadiness(ctx).filter(
    (p) =>
      (scope.departmentId === undefined || p.departmentId === scope.departmentId) &&
      (scope.role === undefined || p.role === scope.role) &&
      (!scope.notReadyOnly || !p.passed),
  );
}

function add(count: ReadinessCount, p: PersonReadiness) {
  count.staff++;
  if (p.trained) count.trained++;
  if (p.passed) count.passed++;
}

export function readinessMatrix(ctx: Ctx): ReadinessMatrix {
  const people = staffReadiness(ctx);
  const cells: Record<string, ReadinessCount> = {};
  const byDepartment: Record<string, ReadinessCount> = {};
  const byRole: Record<string, ReadinessCount> = {};
  const total = zero();
  for (const p of people) {
    const dept = p.departmentId ?? '';
    add((cells[`${dept}|${p.role}`] ??= zero()), p);
    add((byDepartment[dept] ??= zero()), p);
    add((byRole[p.role] ??= zero()), p);
    add(total, p);
  }
  const names = new Map(
    ctx.db
      .select()
      .from(department)
      .all()
      .map((d) => [d.id, d]),
  );
  const departments = Object.keys(byDepartment)
    .map((id) => {
      const d = id ? names.get(id) : undefined;
      return { id: id || null, name: d?.name ?? '', code: d?.code ?? null };
    })
    // Staff without a department come last.
    .sort((a, b) => Number(a.id === null) - Number(b.id === null) || a.name.localeCompare(b.name, 'zh-CN'));
  return {
    departments,
    roles: staffRoles.filter((r) => byRole[r]),
    cells,
    byDepartment,
    byRole,
    total,
    trainers: trainerStats(ctx),
  };
}

/**
 * Per trainer: sessions given (not cancelled, at least one attendee), distinct people trained in them,
 * distinct people assessed (a score) and passed. Pass rate = passed / assessed. Whoever attended counts
 * here, in the audience or not: it measures the trainer, not the gate.
 */
export function trainerStats(ctx: Ctx): TrainerStat[] {
  const sessions = loadSessions(ctx).filter((s) => s.status !== 'cancelled' && s.trainerId);
  const attendance = loadAttendance(ctx);
  const trainers = new Map(
    ctx.db
      .select()
      .from(person)
      .all()
      .map((p) => [p.id, p]),
  );
  const stats = new Map<
    string,
    { sessions: number; trained: Set<string>; assessed: Set<string>; passed: Set<string> }
  >();
  for (const s of sessions) {
    const rows = attendance.filter((a) => a.sessionId === s.id && isAttended(a.status));
    if (!rows.length) continue;
    const stat = stats.get(s.trainerId!) ?? {
      sessions: 0,
      trained: new Set(),
      assessed: new Set(),
      passed: new Set(),
    };
    stat.sessions++;
    for (const a of rows) {
      stat.trained.add(a.personId);
      if (a.score !== null) stat.assessed.add(a.personId);
      if (isPass(a, s.passMark)) stat.passed.add(a.personId);
    }
    stats.set(s.trainerId!, stat);
  }
  return [...stats.entries()]
    .map(([personId, s]) => {
      const p = trainers.get(personId);
      return {
        personId,
        name: p?.name ?? '',
        champion: p?.champion ?? false,
        sessions: s.sessions,
        trained: s.trained.size,
        assessed: s.assessed.size,
        passed: s.passed.size,
      };
    })
    .sort((a, b) => b.sessions - a.sessions || a.name.localeCompare(b.name, 'zh-CN'));
}
