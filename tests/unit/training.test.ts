// Training register (issue #6): sessions with their audience, attendance and assessment attempts
// (retakes keep earlier scores), and the readiness gate on a small hospital whose figures are worked out
// by hand in the comments below.
process.env.TZ = 'Asia/Shanghai';

import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { createDepartment } from '#services/reference/departments.ts';
import { AppError } from '#services/core/errors.ts';
import { archivePerson, createPerson } from '#services/reference/people.ts';
import { setupProject } from '#services/reference/project.ts';
import { insertRecord } from '#services/core/records.ts';
import { exportNotReady } from '#services/training/export.ts';
import { readinessMatrix, readinessPeople } from '#services/training/readiness.ts';
import {
  createSession,
  getSessionDetail,
  listSessions,
  markAttendance,
  markRest,
  recordRetake,
  setSessionStatus,
  updateSession,
} from '#services/training/sessions.ts';
import { trainingAttendance } from '#db/schema.ts';
import { contract, type SessionInput, type StaffRole } from '#contract/index.ts';
import { dumpReplicated, freshCtx, rowCount, testClock, type TestCtx } from './helpers.ts';

function hospital(ctx: TestCtx) {
  const nk = createDepartment(ctx, { code: 'NK1', name: '心内科', type: 'ward', pilotPhase: 1 });
  const jz = createDepartment(ctx, { code: 'JZ', name: '急诊科', type: 'clinic', pilotPhase: null });
  let n = 0;
  const staff = (name: string, role: StaffRole | null, departmentId: string | null, extra = {}) =>
    createPerson(ctx, {
      name,
      role,
      phone: null,
      organisation: 'hospital',
      departmentId,
      employeeNo: String(++n).padStart(5, '0'),
      ...extra,
    });
  return { nk, jz, staff };
}

const session = (fields: Partial<SessionInput> & Pick<SessionInput, 'tier'>): SessionInput => ({
  topic: '新 HIS 护理工作站',
  format: 'classroom',
  trainerId: null,
  startsAt: '2026-11-10T01:00:00.000Z',
  durationMinutes: 90,
  place: '行政楼三楼会议室',
  materialVersion: 'v1.2',
  passMark: 80,
  departmentIds: [],
  ...fields,
});

function expectAppError(fn: () => unknown, code: AppError['code']) {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(AppError);
  expect((caught as AppError).code).toBe(code);
  return caught as AppError;
}

describe('sessions', () => {
  it('plans a session for a tier and departments; its roster is the matching current staff', () => {
    const ctx = freshCtx();
    const { nk, jz, staff } = hospital(ctx);
    const a = staff('护士甲', 'nurse', nk.id);
    staff('护士乙', 'nurse', jz.id);
    staff('医生甲', 'doctor', nk.id);
    const gone = staff('护士丙', 'nurse', nk.id);
    archivePerson(ctx, gone.id, true);
    createPerson(ctx, {
      name: '厂商护理顾问',
      role: 'nurse',
      phone: null,
      organisation: 'vendor',
      departmentId: nk.id,
      employeeNo: null,
    });

    const s = createSession(ctx, session({ tier: 'nursing', departmentIds: [nk.id] }));
    expect(s).toMatchObject({ status: 'planned', departmentIds: [nk.id], passMark: 80 });
    const detail = getSessionDetail(ctx, s.id);
    expect(detail.roster.map((r) => r.name)).toEqual(['护士甲']);
    expect(detail.session).toMatchObject({ audience: 1, attended: 0, passed: 0 });
    expect(detail.departmentNames).toEqual(['心内科']);

    // Both departments, then back to one: the removed department's row is archived, not deleted.
    updateSession(ctx, s.id, session({ tier: 'nursing', departmentIds: [nk.id, jz.id] }));
    expect(
      getSessionDetail(ctx, s.id)
        .roster.map((r) => r.name)
        .sort(),
    ).toEqual(['护士乙', '护士甲']);
    const updated = updateSession(ctx, s.id, session({ tier: 'nursing', departmentIds: [jz.id] }));
    expect(updated.departmentIds).toEqual([jz.id]);
    expect(rowCount(ctx, 'training_session_department')).toBe(2);

    // No departments = the whole hospital.
    const all = createSession(ctx, session({ tier: 'nursing' }));
    expect(getSessionDetail(ctx, all.id).roster.map((r) => r.personId)).toContain(a.id);
    expect(listSessions(ctx).map((r) => r.id)).toEqual([all.id, s.id]);
  });

  it('refuses unknown trainers and departments, writing nothing', () => {
    const ctx = freshCtx();
    hospital(ctx);
    const before = dumpReplicated(ctx);
    expectAppError(() => createSession(ctx, session({ tier: 'nursing', trainerId: 'nobody' })), 'not_found');
    expectAppError(
      () => createSession(ctx, session({ tier: 'nursing', departmentIds: ['nowhere'] })),
      'not_found',
    );
    expect(dumpReplicated(ctx)).toEqual(before);
  });
});

describe('attendance and assessment', () => {
  it('refuses a score outside 0–100 with a message naming the person, writing nothing (issue #12)', () => {
    const ctx = freshCtx();
    const { nk, staff } = hospital(ctx);
    const nurse = staff('护士甲', 'nurse', nk.id);
    const s = createSession(ctx, session({ tier: 'nursing', departmentIds: [nk.id] }));
    markAttendance(ctx, { sessionId: s.id, personId: nurse.id, status: 'present' });
    const before = dumpReplicated(ctx);
    for (const score of [150, -1, 100.5, Number.NaN]) {
      const error = expectAppError(
        () => markAttendance(ctx, { sessionId: s.id, personId: nurse.id, score }),
        'training_score_range',
      );
      expect(error.params).toMatchObject({ name: '护士甲', max: 100 });
      expectAppError(
        () => recordRetake(ctx, { sessionId: s.id, personId: nurse.id, score }),
        'training_score_range',
      );
    }
    expect(dumpReplicated(ctx)).toEqual(before);
    // The contract refuses them too, before a handler runs.
    expect(() =>
      contract['training.mark'].input.parse({ sessionId: s.id, personId: nurse.id, score: 150 }),
    ).toThrow();
    expect(markAttendance(ctx, { sessionId: s.id, personId: nurse.id, score: 100 }).passed).toBe(true);
  });

  it('marks attendance and scores field by field; a retake is a new attempt that keeps the failed one', () => {
    const clock = testClock();
    const ctx = freshCtx({ now: clock.now });
    const { nk, staff } = hospital(ctx);
    const nurse = staff('护士甲', 'nurse', nk.id);
    const other = staff('护士乙', 'nurse', nk.id);
    const s = createSession(ctx, session({ tier: 'nursing', departmentIds: [nk.id] }));

    const first = markAttendance(ctx, { sessionId: s.id, personId: nurse.id, status: 'late' });
    expect(first).toMatchObject({ attempt: 1, status: 'late', score: null, passed: false });
    // Recording attendance marks a planned session held.
    expect(getSessionDetail(ctx, s.id).session.status).toBe('done');

    clock.advance();
    const scored = markAttendance(ctx, { sessionId: s.id, personId: nurse.id, score: 72 });
    expect(scored).toMatchObject({ id: first.id, status: 'late', score: 72, passed: false });

    clock.advance();
    const retake = recordRetake(ctx, { sessionId: s.id, personId: nurse.id, score: 85 });
    expect(retake).toMatchObject({ attempt: 2, status: 'present', score: 85, passed: true });
    const row = getSessionDetail(ctx, s.id).roster.find((r) => r.personId === nurse.id)!;
    expect(row.attempts.map((a) => [a.attempt, a.score, a.passed])).toEqual([
      [1, 72, false],
      [2, 85, true],
    ]);

    // Correcting the retake's score edits that attempt only.
    markAttendance(ctx, { sessionId: s.id, personId: nurse.id, attemptId: retake.id, score: 79 });
    expect(
      getSessionDetail(ctx, s.id)
        .roster.find((r) => r.personId === nurse.id)!
        .attempts.map((a) => a.score),
    ).toEqual([72, 79]);

    // A score straight away marks the person present.
    expect(markAttendance(ctx, { sessionId: s.id, personId: other.id, score: 90 })).toMatchObject({
      status: 'present',
      passed: true,
    });
  });

  it('refuses a score for someone absent, a retake without attendance, and records in a cancelled session', () => {
    const ctx = freshCtx();
    const { nk, staff } = hospital(ctx);
    const nurse = staff('护士甲', 'nurse', nk.id);
    const s = createSession(ctx, session({ tier: 'nursing' }));
    markAttendance(ctx, { sessionId: s.id, personId: nurse.id, status: 'absent' });
    const before = dumpReplicated(ctx);
    expectAppError(
      () => markAttendance(ctx, { sessionId: s.id, personId: nurse.id, score: 90 }),
      'training_score_needs_attendance',
    );
    expectAppError(
      () => recordRetake(ctx, { sessionId: s.id, personId: nurse.id, score: 90 }),
      'training_retake_needs_attendance',
    );
    setSessionStatus(ctx, s.id, 'cancelled');
    const cancelled = dumpReplicated(ctx);
    expectAppError(
      () => markAttendance(ctx, { sessionId: s.id, personId: nurse.id, status: 'present' }),
      'training_session_cancelled',
    );
    expect(dumpReplicated(ctx)).toEqual(cancelled);
    expect(before.training_attendance).toEqual(cancelled.training_attendance);
  });

  it('marks the rest of the roster present without touching those already marked', () => {
    const ctx = freshCtx();
    const { nk, staff } = hospital(ctx);
    const people = ['甲', '乙', '丙', '丁'].map((n) => staff(`护士${n}`, 'nurse', nk.id));
    const s = createSession(ctx, session({ tier: 'nursing' }));
    markAttendance(ctx, { sessionId: s.id, personId: people[0]!.id, status: 'absent' });
    const result = markRest(ctx, { sessionId: s.id, personIds: people.map((p) => p.id), status: 'present' });
    expect(result).toEqual({ marked: 3 });
    const statuses = getSessionDetail(ctx, s.id).roster.map((r) => [r.name, r.attempts[0]?.status]);
    expect(Object.fromEntries(statuses)).toEqual({
      护士甲: 'absent',
      护士乙: 'present',
      护士丙: 'present',
      护士丁: 'present',
    });
    expect(markRest(ctx, { sessionId: s.id, personIds: people.map((p) => p.id), status: 'present' })).toEqual(
      {
        marked: 0,
      },
    );
  });

  it('reads two copies of the same attempt (written on two laptops) as one, the later edit winning', () => {
    const clock = testClock();
    const ctx = freshCtx({ now: clock.now });
    const { nk, staff } = hospital(ctx);
    const nurse = staff('护士甲', 'nurse', nk.id);
    const s = createSession(ctx, session({ tier: 'nursing' }));
    insertRecord(ctx, trainingAttendance, {
      sessionId: s.id,
      personId: nurse.id,
      attempt: 1,
      status: 'present',
      score: 60,
    });
    clock.advance();
    insertRecord(ctx, trainingAttendance, {
      sessionId: s.id,
      personId: nurse.id,
      attempt: 1,
      status: 'present',
      score: 88,
    });
    const detail = getSessionDetail(ctx, s.id);
    expect(detail.roster[0]!.attempts).toMatchObject([{ attempt: 1, score: 88, passed: true }]);
    expect(detail.session).toMatchObject({ attended: 1, passed: 1 });
  });
});

/**
 * 心内科: 护士A, 护士B, 护士C, 医生D, 医生E. 急诊科: 护士F, 收费G. No department: 无科室H (no role → other).
 * Not counted: 厂商I (vendor), 离职J (archived).
 *
 * S1 nursing @心内科, pass 80, trainer 金牌讲师K: A present 85 (passed), B late 70 then retake 82
 *    (passed), C absent, F present 95 (F is 急诊科: not in S1's audience, so it does not count for F).
 * S2 nursing @all, no pass mark, trainer K: C present (trained, cannot pass), F excused.
 * S3 clinician @all, pass 60, trainer L: D present 59 (trained, not passed), A present 90 (a nurse:
 *    not in the audience, ignored for A but counted for the trainer).
 * S4 nursing @all, pass 0, cancelled: F present 100 — cancelled sessions count for nobody.
 * S5 support @急诊科, pass 60: G present 60 (passed: at the pass mark), H present 100 (H has no
 *    department, not in 急诊科: ignored).
 *
 * Cells: 心内科|nurse 3 staff, trained A B C = 3, passed A B = 2. 心内科|doctor 2 staff, trained D = 1,
 * passed 0. 急诊科|nurse 1 staff, 0 trained. 急诊科|cashier 1, 1 trained, 1 passed. (none)|other 1, 0, 0.
 * Total 8 staff, 5 trained, 3 passed; not ready C, D, E, F, H.
 * 离职J attended S1 (99) before leaving. Trainers: K gave S1 (A, B, F, J attended, assessed and passed)
 * and S2 (C) → 2 sessions, 5 trained, 4 assessed, 4 passed (who left still counts for the trainer). L gave S3 → 1 session, 2 trained (D, A), 2 assessed, 1 passed (A).
 */
function dataset(ctx: TestCtx) {
  const { nk, jz, staff } = hospital(ctx);
  const p = {
    A: staff('护士A', 'nurse', nk.id),
    B: staff('护士B', 'nurse', nk.id),
    C: staff('护士C', 'nurse', nk.id),
    D: staff('医生D', 'doctor', nk.id),
    E: staff('医生E', 'doctor', nk.id),
    F: staff('护士F', 'nurse', jz.id),
    G: staff('收费G', 'cashier', jz.id),
    H: staff('无科室H', null, null),
    J: staff('离职J', 'nurse', nk.id),
    K: staff('讲师K', 'manager', null, { champion: true, organisation: 'vendor' }),
    L: staff('讲师L', 'it', null, { organisation: 'vendor' }),
  };
  createPerson(ctx, {
    name: '厂商I',
    role: 'nurse',
    phone: null,
    organisation: 'vendor',
    departmentId: nk.id,
    employeeNo: null,
  });
  const mark = (
    sessionId: string,
    who: { id: string },
    status: 'present' | 'late' | 'absent' | 'excused',
    score?: number,
  ) =>
    markAttendance(ctx, { sessionId, personId: who.id, status, ...(score === undefined ? {} : { score }) });
  const s1 = createSession(
    ctx,
    session({ tier: 'nursing', departmentIds: [nk.id], passMark: 80, trainerId: p.K.id }),
  );
  mark(s1.id, p.A, 'present', 85);
  mark(s1.id, p.B, 'late', 70);
  recordRetake(ctx, { sessionId: s1.id, personId: p.B.id, score: 82 });
  mark(s1.id, p.C, 'absent');
  mark(s1.id, p.F, 'present', 95);
  mark(s1.id, p.J, 'present', 99);
  archivePerson(ctx, p.J.id, true);
  const s2 = createSession(ctx, session({ tier: 'nursing', passMark: null, trainerId: p.K.id }));
  mark(s2.id, p.C, 'present');
  mark(s2.id, p.F, 'excused');
  const s3 = createSession(
    ctx,
    session({ tier: 'clinician', topic: '门诊医生站', passMark: 60, trainerId: p.L.id }),
  );
  mark(s3.id, p.D, 'present', 59);
  mark(s3.id, p.A, 'present', 90);
  const s4 = createSession(ctx, session({ tier: 'nursing', passMark: 0 }));
  mark(s4.id, p.F, 'present', 100);
  setSessionStatus(ctx, s4.id, 'cancelled');
  const s5 = createSession(
    ctx,
    session({ tier: 'support', topic: '收费', passMark: 60, departmentIds: [jz.id] }),
  );
  mark(s5.id, p.G, 'present', 60);
  mark(s5.id, p.H, 'present', 100);
  return { nk, jz, p };
}

describe('readiness', () => {
  it('computes the department × role matrix worked out by hand', () => {
    const ctx = freshCtx();
    const { nk, jz, p } = dataset(ctx);
    const m = readinessMatrix(ctx);
    expect(m.departments.map((d) => d.name)).toEqual(['急诊科', '心内科', '']);
    expect(m.departments.at(-1)!.id).toBeNull();
    expect(m.roles).toEqual(['doctor', 'nurse', 'cashier', 'other']);
    expect(m.cells).toEqual({
      [`${nk.id}|nurse`]: { staff: 3, trained: 3, passed: 2 },
      [`${nk.id}|doctor`]: { staff: 2, trained: 1, passed: 0 },
      [`${jz.id}|nurse`]: { staff: 1, trained: 0, passed: 0 },
      [`${jz.id}|cashier`]: { staff: 1, trained: 1, passed: 1 },
      ['|other']: { staff: 1, trained: 0, passed: 0 },
    });
    expect(m.byDepartment[nk.id]).toEqual({ staff: 5, trained: 4, passed: 2 });
    expect(m.byRole.nurse).toEqual({ staff: 4, trained: 3, passed: 2 });
    expect(m.total).toEqual({ staff: 8, trained: 5, passed: 3 });
    expect(m.trainers).toEqual([
      { personId: p.K.id, name: '讲师K', champion: true, sessions: 2, trained: 5, assessed: 4, passed: 4 },
      { personId: p.L.id, name: '讲师L', champion: false, sessions: 1, trained: 2, assessed: 2, passed: 1 },
    ]);
  });

  it('lists the people of a cell and who is not ready, with the reason and best score', () => {
    const ctx = freshCtx();
    const { nk } = dataset(ctx);
    const notReady = readinessPeople(ctx, { notReadyOnly: true });
    expect(notReady.map((r) => [r.name, r.trained, r.bestScore, r.passMark])).toEqual([
      ['护士F', false, null, null],
      ['医生D', true, 59, 60],
      ['医生E', false, null, null],
      ['护士C', true, null, null],
      ['无科室H', false, null, null],
    ]);
    const cell = readinessPeople(ctx, { departmentId: nk.id, role: 'nurse', notReadyOnly: false });
    expect(cell.map((r) => [r.name, r.trained, r.passed])).toEqual([
      ['护士A', true, true],
      ['护士B', true, true],
      ['护士C', true, false],
    ]);
    expect(cell[1]).toMatchObject({
      bestScore: 82,
      passMark: 80,
      lastSession: { topic: '新 HIS 护理工作站' },
    });
    expect(readinessPeople(ctx, { departmentId: null, notReadyOnly: false }).map((r) => r.name)).toEqual([
      '无科室H',
    ]);
  });

  it('exports the not-ready list to xlsx, formula-like names neutralised', async () => {
    const ctx = freshCtx({ now: () => new Date('2026-11-22T08:30:00.000Z') });
    setupProject(ctx, {
      hospital: '某某市第一人民医院',
      name: '新 HIS 上线',
      newSystem: 'HIS',
      goLiveDate: null,
      pilotDepartments: [],
    });
    const { staff, nk } = hospital(ctx);
    staff('=HYPERLINK("http://x","y")', 'nurse', nk.id);
    staff('护士乙', 'nurse', nk.id);
    const file = await exportNotReady(ctx, {}, { locale: 'zh-CN' });
    expect(file).toMatchObject({ count: 2, fileName: '培训未达标人员-20261122-1630.xlsx' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('未达标人员');
    expect(sheet.getCell('A1').value).toBe('某某市第一人民医院 新 HIS 上线 培训未达标人员名单（2026-11-22）');
    expect(sheet.getRow(2).values).toEqual([
      undefined,
      '序号',
      '工号',
      '姓名',
      '科室',
      '角色',
      '原因',
      '最好成绩',
      '及格分',
      '最近培训',
      '培训时间',
    ]);
    const names = [sheet.getCell('C3').value, sheet.getCell('C4').value];
    expect(names).toContain(`'=HYPERLINK("http://x","y")`);
    expect(names).toContain('护士乙');
    expect(sheet.getCell('F3').value).toBe('未参加培训');
    expect(sheet.getCell('B3').value).toMatch(/^\d{5}$/);
  });
});
