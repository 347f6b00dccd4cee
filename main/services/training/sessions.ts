// Training sessions (培训场次) and their attendance/assessment attempts (issue #6). A session is planned for
// a tier (which roles) and departments (none = all), then recorded: attendance per person, and a score per
// attempt against the session's pass mark. All writes go through records.ts (the tables replicate).
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import {
  department,
  person,
  trainingAttendance,
  trainingSession,
  trainingSessionDepartment,
} from '#db/schema.ts';
import {
  attendedStatuses,
  maxScore,
  tierRoles,
  type Attempt,
  type AttendanceStatus,
  type MarkInput,
  type Person,
  type SessionDetail,
  type SessionInput,
  type SessionListRow,
  type SessionRosterRow,
  type SessionStatus,
  type StaffRole,
  type TrainingSession,
} from '#contract/index.ts';
import { inTransaction, type Ctx } from '#services/core/context.ts';
import { AppError } from '#services/core/errors.ts';
import { getRecord, insertRecord, updateRecord } from '#services/core/records.ts';

type SessionRow = typeof trainingSession.$inferSelect;
type AttendanceRow = typeof trainingAttendance.$inferSelect;

/** A person without a role counts as "other" (the 辅助岗位 tier) rather than disappearing from the gate. */
export const roleOf = (p: Pick<Person, 'role'>): StaffRole => p.role ?? 'other';

/** Whether a person belongs to a session's planned audience: a role of its tier, in one of its departments. */
export function inAudience(
  session: Pick<TrainingSession, 'tier' | 'departmentIds'>,
  p: Pick<Person, 'role' | 'departmentId'>,
): boolean {
  if (!tierRoles[session.tier].includes(roleOf(p))) return false;
  return session.departmentIds.length === 0 || session.departmentIds.includes(p.departmentId ?? '');
}

/** Live department ids per session; rows for the same pair added on two laptops read as one. */
function departmentsBySession(ctx: Ctx, sessionIds?: string[]): Map<string, string[]> {
  const rows = ctx.db
    .select({
      sessionId: trainingSessionDepartment.sessionId,
      departmentId: trainingSessionDepartment.departmentId,
    })
    .from(trainingSessionDepartment)
    .where(
      and(
        isNull(trainingSessionDepartment.archivedAt),
        sessionIds ? inArray(trainingSessionDepartment.sessionId, sessionIds) : undefined,
      ),
    )
    .all();
  const out = new Map<string, string[]>();
  for (const r of rows) {
    const list = out.get(r.sessionId) ?? [];
    if (!list.includes(r.departmentId)) list.push(r.departmentId);
    out.set(r.sessionId, list);
  }
  return out;
}

const withDepartments = (row: SessionRow, departmentIds: string[]): TrainingSession => ({
  ...row,
  departmentIds: [...departmentIds].sort(),
});

/** Every session with its departments (cancelled ones too), oldest first. */
export function loadSessions(ctx: Ctx): TrainingSession[] {
  const byId = departmentsBySession(ctx);
  return ctx.db
    .select()
    .from(trainingSession)
    .orderBy(asc(trainingSession.startsAt), asc(trainingSession.id))
    .all()
    .map((s) => withDepartments(s, byId.get(s.id) ?? []));
}

export function getSession(ctx: Ctx, id: string): TrainingSession {
  const row = getRecord(ctx, trainingSession, id);
  return withDepartments(row, departmentsBySession(ctx, [id]).get(id) ?? []);
}

/**
 * Attempts as one per (session, person, attempt number): two laptops that both created the first attempt
 * of the same person merge into two rows, and the one written last is the one shown and counted.
 */
export function currentAttempts(rows: AttendanceRow[]): AttendanceRow[] {
  const latest = new Map<string, AttendanceRow>();
  for (const r of rows) {
    const key = `${r.sessionId}|${r.personId}|${r.attempt}`;
    const seen = latest.get(key);
    if (!seen || r.updatedAt > seen.updatedAt || (r.updatedAt === seen.updatedAt && r.id > seen.id))
      latest.set(key, r);
  }
  return [...latest.values()].sort((a, b) => a.attempt - b.attempt);
}

export function loadAttendance(ctx: Ctx, sessionId?: string): AttendanceRow[] {
  return currentAttempts(
    ctx.db
      .select()
      .from(trainingAttendance)
      .where(sessionId ? eq(trainingAttendance.sessionId, sessionId) : undefined)
      .all(),
  );
}

export const isAttended = (status: AttendanceStatus) => attendedStatuses.includes(status);

/** Passed = present or late with a score at or above the session's pass mark (no pass mark, no pass). */
export const isPass = (row: Pick<AttendanceRow, 'status' | 'score'>, passMark: number | null) =>
  passMark !== null && row.score !== null && isAttended(row.status) && row.score >= passMark;

function assertReferences(ctx: Ctx, input: SessionInput) {
  if (input.trainerId) getRecord(ctx, person, input.trainerId);
  for (const id of input.departmentIds) getRecord(ctx, department, id);
}

const sessionFields = ({ departmentIds: _d, ...fields }: SessionInput) => fields;

export function createSession(ctx: Ctx, input: SessionInput): TrainingSession {
  assertReferences(ctx, input);
  return inTransaction(ctx, () => {
    const row = insertRecord(ctx, trainingSession, { ...sessionFields(input), status: 'planned' });
    for (const departmentId of new Set(input.departmentIds)) {
      insertRecord(ctx, trainingSessionDepartment, { sessionId: row.id, departmentId, archivedAt: null });
    }
    return getSession(ctx, row.id);
  });
}

export function updateSession(ctx: Ctx, id: string, input: SessionInput): TrainingSession {
  getRecord(ctx, trainingSession, id);
  assertReferences(ctx, input);
  return inTransaction(ctx, () => {
    updateRecord(ctx, trainingSession, id, sessionFields(input));
    const wanted = new Set(input.departmentIds);
    const live = ctx.db
      .select()
      .from(trainingSessionDepartment)
      .where(and(eq(trainingSessionDepartment.sessionId, id), isNull(trainingSessionDepartment.archivedAt)))
      .all();
    for (const row of live) {
      if (!wanted.has(row.departmentId)) {
        updateRecord(ctx, trainingSessionDepartment, row.id, { archivedAt: ctx.now().toISOString() });
      }
    }
    const present = new Set(live.map((r) => r.departmentId));
    for (const departmentId of wanted) {
      if (!present.has(departmentId)) {
        insertRecord(ctx, trainingSessionDepartment, { sessionId: id, departmentId, archivedAt: null });
      }
    }
    return getSession(ctx, id);
  });
}

export function setSessionStatus(ctx: Ctx, id: string, status: SessionStatus): TrainingSession {
  updateRecord(ctx, trainingSession, id, { status });
  return getSession(ctx, id);
}

function openSession(ctx: Ctx, sessionId: string): SessionRow {
  const session = getRecord(ctx, trainingSession, sessionId);
  if (session.status === 'cancelled')
    throw new AppError('training_session_cancelled', { topic: session.topic });
  return session;
}

const toAttempt = (row: AttendanceRow, passMark: number | null): Attempt => ({
  id: row.id,
  attempt: row.attempt,
  status: row.status,
  score: row.score,
  passed: isPass(row, passMark),
  updatedAt: row.updatedAt,
});

function personAttempts(ctx: Ctx, sessionId: string, personId: string): AttendanceRow[] {
  return currentAttempts(
    ctx.db
      .select()
      .from(trainingAttendance)
      .where(and(eq(trainingAttendance.sessionId, sessionId), eq(trainingAttendance.personId, personId)))
      .all(),
  );
}

/** Recording the first attendance of a planned session marks it held. */
function markHeld(ctx: Ctx, session: SessionRow, status: AttendanceStatus) {
  if (session.status === 'planned' && isAttended(status)) {
    updateRecord(ctx, trainingSession, session.id, { status: 'done' });
  }
}

/**
 * Records attendance and/or a score for a person's attempt (the first one unless `attemptId` says which).
 * A score needs the person present or late; entering a score for someone not yet marked marks them present.
 * Only the fields given are written, so attendance taken on one laptop and scores on another merge.
 */
/** A score is a number from 0 to the session's maximum (issue #12), else refused naming the person. */
function assertScore(score: number | null | undefined, who: { name: string }) {
  if (score === null || score === undefined) return;
  if (!Number.isFinite(score) || score < 0 || score > maxScore) {
    throw new AppError('training_score_range', { name: who.name, value: String(score), max: maxScore });
  }
}

export function markAttendance(ctx: Ctx, input: MarkInput): Attempt {
  const session = openSession(ctx, input.sessionId);
  const who = getRecord(ctx, person, input.personId);
  assertScore(input.score, who);
  return inTransaction(ctx, () => {
    const attempts = personAttempts(ctx, session.id, who.id);
    const current = input.attemptId ? attempts.find((a) => a.id === input.attemptId) : attempts[0];
    if (input.attemptId && !current) throw new AppError('not_found', { id: input.attemptId });
    const status = input.status ?? current?.status ?? 'present';
    const score = input.score === undefined ? (current?.score ?? null) : input.score;
    if (score !== null && !isAttended(status)) {
      throw new AppError('training_score_needs_attendance', { name: who.name });
    }
    const row = current
      ? updateRecord(ctx, trainingAttendance, current.id, {
          status: input.status,
          score: input.score,
        })
      : insertRecord(ctx, trainingAttendance, {
          sessionId: session.id,
          personId: who.id,
          attempt: 1,
          status,
          score,
        });
    markHeld(ctx, session, status);
    return toAttempt(row, session.passMark);
  });
}

/** A retake in the same session: a new attempt row with its score; the earlier attempts stay as they were. */
export function recordRetake(
  ctx: Ctx,
  input: { sessionId: string; personId: string; score: number | null },
): Attempt {
  const session = openSession(ctx, input.sessionId);
  const who = getRecord(ctx, person, input.personId);
  assertScore(input.score, who);
  return inTransaction(ctx, () => {
    const attempts = personAttempts(ctx, session.id, who.id);
    if (!attempts.some((a) => isAttended(a.status))) {
      throw new AppError('training_retake_needs_attendance', { name: who.name });
    }
    const attempt = Math.max(...attempts.map((a) => a.attempt)) + 1;
    const row = insertRecord(ctx, trainingAttendance, {
      sessionId: session.id,
      personId: who.id,
      attempt,
      status: 'present',
      score: input.score,
    });
    return toAttempt(row, session.passMark);
  });
}

/** Marks everyone in `personIds` who has no attendance yet (the "rest present" of a roster). */
export function markRest(
  ctx: Ctx,
  input: { sessionId: string; personIds: string[]; status: AttendanceStatus },
): { marked: number } {
  const session = openSession(ctx, input.sessionId);
  return inTransaction(ctx, () => {
    const marked = new Set(loadAttendance(ctx, session.id).map((a) => a.personId));
    let count = 0;
    for (const personId of new Set(input.personIds)) {
      if (marked.has(personId)) continue;
      getRecord(ctx, person, personId);
      insertRecord(ctx, trainingAttendance, {
        sessionId: session.id,
        personId,
        attempt: 1,
        status: input.status,
        score: null,
      });
      count++;
    }
    if (count) markHeld(ctx, session, input.status);
    return { marked: count };
  });
}

interface Lookups {
  people: Person[];
  departmentNames: Map<string, string>;
}

function lookups(ctx: Ctx): Lookups {
  return {
    people: ctx.db.select().from(person).all(),
    departmentNames: new Map(
      ctx.db
        .select()
        .from(department)
        .all()
        .map((d) => [d.id, d.name]),
    ),
  };
}

/** Current hospital staff in a session's planned audience. */
export function audienceOf(session: TrainingSession, people: Person[]): Person[] {
  return people.filter((p) => !p.archivedAt && p.organisation === 'hospital' && inAudience(session, p));
}

function listRow(
  session: TrainingSession,
  attendance: AttendanceRow[],
  { people }: Lookups,
  peopleById: Map<string, Person>,
): SessionListRow {
  const trainer = session.trainerId ? peopleById.get(session.trainerId) : undefined;
  const attended = new Set(attendance.filter((a) => isAttended(a.status)).map((a) => a.personId));
  const passed = new Set(attendance.filter((a) => isPass(a, session.passMark)).map((a) => a.personId));
  return {
    ...session,
    trainerName: trainer?.name ?? null,
    trainerChampion: trainer?.champion ?? false,
    audience: audienceOf(session, people).length,
    attended: attended.size,
    passed: passed.size,
  };
}

/** Sessions, newest first, with their audience size and how many attended and passed. */
export function listSessions(ctx: Ctx, { includeCancelled = false } = {}): SessionListRow[] {
  const data = lookups(ctx);
  const peopleById = new Map(data.people.map((p) => [p.id, p]));
  const bySession = new Map<string, AttendanceRow[]>();
  for (const a of loadAttendance(ctx)) {
    const list = bySession.get(a.sessionId) ?? [];
    list.push(a);
    bySession.set(a.sessionId, list);
  }
  return loadSessions(ctx)
    .filter((s) => includeCancelled || s.status !== 'cancelled')
    .toReversed()
    .map((s) => listRow(s, bySession.get(s.id) ?? [], data, peopleById));
}

/**
 * A session with its roster: the planned audience (current staff of its tier in its departments) and
 * anyone else who has an attendance row (walk-ins), each with their attempts; sorted by department, name.
 */
export function getSessionDetail(ctx: Ctx, id: string): SessionDetail {
  const session = getSession(ctx, id);
  const data = lookups(ctx);
  const peopleById = new Map(data.people.map((p) => [p.id, p]));
  const attendance = loadAttendance(ctx, id);
  const audience = audienceOf(session, data.people);
  const audienceIds = new Set(audience.map((p) => p.id));
  const members = [...audience];
  for (const a of attendance) {
    if (!audienceIds.has(a.personId) && !members.some((m) => m.id === a.personId)) {
      const walkIn = peopleById.get(a.personId);
      if (walkIn) members.push(walkIn);
    }
  }
  const roster: SessionRosterRow[] = members.map((p) => ({
    personId: p.id,
    name: p.name,
    employeeNo: p.employeeNo,
    departmentName: p.departmentId ? (data.departmentNames.get(p.departmentId) ?? null) : null,
    role: p.role,
    inAudience: audienceIds.has(p.id),
    attempts: attendance.filter((a) => a.personId === p.id).map((a) => toAttempt(a, session.passMark)),
  }));
  roster.sort(
    (a, b) =>
      Number(b.inAudience) - Number(a.inAudience) ||
      (a.departmentName ?? '').localeCompare(b.departmentName ?? '', 'zh-CN') ||
      a.name.localeCompare(b.name, 'zh-CN'),
  );
  return {
    session: listRow(session, attendance, data, peopleById),
    departmentNames: session.departmentIds.map((d) => data.departmentNames.get(d) ?? d),
    roster,
  };
}
