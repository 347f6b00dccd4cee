// A newcomer's first imports (issue #12, items 4, 5, 9, 11): department and system names matched or
// created (reference/department-match.ts, system-match.ts), department names unique, the issue sheet
// neither inventing nor dropping data, and a roster that archives only by choice.
process.env.TZ ??= 'Asia/Shanghai';

import { describe, expect, it } from 'vitest';
import { AppError } from '#services/core/errors.ts';
import {
  archiveDepartment,
  createDepartment,
  listDepartments,
  updateDepartment,
} from '#services/reference/departments.ts';
import {
  applyDepartmentPlan,
  closeness,
  departmentProposals,
  guessDepartmentType,
  planDepartments,
} from '#services/reference/department-match.ts';
import { applySystemPlan, planSystems, systemProposals } from '#services/reference/system-match.ts';
import { createSystem, listSystems } from '#services/reference/systems.ts';
import { commitImport, previewImport } from '#services/reference/reference-import.ts';
import { createPerson, listPeople } from '#services/reference/people.ts';
import { commitIssueImport, issueFingerprint, previewIssueImport } from '#services/issues/sheet-import.ts';
import { getIssueDetail } from '#services/issues/issues.ts';
import { listIssues } from '#services/issues/queries.ts';
import { inTransaction } from '#services/core/context.ts';
import { dumpReplicated, freshCtx, type TestCtx } from './helpers.ts';

const csv = (fileName: string, text: string) => ({ fileName, bytes: Buffer.from(text, 'utf8') });

function dept(ctx: TestCtx, code: string, name: string) {
  return createDepartment(ctx, { code, name, type: 'ward', pilotPhase: null });
}

async function rejects(fn: () => unknown, code: string): Promise<AppError> {
  let error: unknown = null;
  try {
    await fn();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

describe('department names', () => {
  it('close names: 心内科 ~ 心血管内科, ward numbers 1/一, spaces and width; different wards are not close', () => {
    expect(closeness('心内科', '心血管内科')).toBe(1);
    expect(closeness('骨科1病区', '骨科一病区')).toBe(2);
    expect(closeness('骨科', '骨科一病区')).toBe(2);
    expect(closeness('骨科二病区', '骨科一病区')).toBe(0);
    expect(closeness('ICU', '重症医学科')).toBe(2);
    expect(closeness('心内科', '神经内科')).toBe(0);
    expect(closeness('内科', '外科')).toBe(0);
    expect(guessDepartmentType('急诊科')).toBe('clinic');
    expect(guessDepartmentType('检验科')).toBe('medtech');
    expect(guessDepartmentType('信息科')).toBe('admin');
    expect(guessDepartmentType('心血管内科')).toBe('ward');
  });

  it('plans: exact (any case, width, spaces; code or name) matched, close proposed, ambiguous or unknown created', () => {
    const ctx = freshCtx();
    const cardio = dept(ctx, '0101', '心血管内科');
    const ortho = dept(ctx, '0102', '骨科一病区');
    dept(ctx, 'SJN', '神经内科');
    dept(ctx, 'SJW', '神经外科');
    const before = dumpReplicated(ctx);
    const plan = planDepartments(
      ctx,
      new Map([
        ['心血管内科', 3],
        [' 心血管 内科', 1],
        ['０１０２', 2],
        ['心内科', 4],
        ['骨科1病区', 2],
        ['神经科', 1],
        ['体检中心', 5],
        ['体检 中心', 1],
      ]),
    );
    expect(dumpReplicated(ctx)).toEqual(before);
    expect([...plan.matched.values()].map((d) => d.code).sort()).toEqual(['0101', '0102']);
    expect(departmentProposals(plan)).toEqual([
      { name: '体检中心', rows: 6, action: 'create', code: '体检中心', target: '体检中心', type: 'ward' },
      { name: '心内科', rows: 4, action: 'match', code: '0101', target: '心血管内科' },
      { name: '骨科1病区', rows: 2, action: 'match', code: '0102', target: '骨科一病区' },
      // 神经内科 and 神经外科 are both close: which one cannot be known, so a department is created.
      { name: '神经科', rows: 1, action: 'create', code: '神经科', target: '神经科', type: 'ward' },
    ]);
    const ids = inTransaction(ctx, () => applyDepartmentPlan(ctx, plan));
    expect(ids.get('心内科')).toBe(cardio.id);
    expect(ids.get('骨科1病区')).toBe(ortho.id);
    expect(listDepartments(ctx).map((d) => d.name)).toContain('体检中心');
    expect(listDepartments(ctx)).toHaveLength(6);

    // A declined proposal becomes a new department.
    const declined = planDepartments(ctx, ['心内科'], { declined: [' 心内科'] });
    expect(departmentProposals(declined)).toEqual([
      { name: '心内科', rows: 1, action: 'create', code: '心内科', target: '心内科', type: 'ward' },
    ]);

    // Creating off: the unknown names are listed, nothing proposed or created.
    const strict = planDepartments(ctx, ['心内科', '口腔科'], { create: false });
    expect(strict.unknown).toEqual(['心内科', '口腔科']);
    expect(departmentProposals(strict)).toEqual([]);
  });

  it('names are unique among active departments, ignoring case, width and spaces, with a clear message', async () => {
    const ctx = freshCtx();
    const a = dept(ctx, 'NK1', '心内科一病区');
    const error = await rejects(() => dept(ctx, 'NK9', ' 心内科 一病区'), 'duplicate_department_name');
    expect(error.params).toEqual({ name: '心内科一病区', code: 'NK1' });
    dept(ctx, 'ICU', 'icu');
    await rejects(() => dept(ctx, 'ICU2', 'ＩＣＵ'), 'duplicate_department_name');
    const b = dept(ctx, 'NK2', '心内科二病区');
    await rejects(
      () =>
        updateDepartment(ctx, b.id, { code: 'NK2', name: '心内科一病区', type: 'ward', pilotPhase: null }),
      'duplicate_department_name',
    );
    // An archived department frees its name; restoring it while the name is taken is refused.
    archiveDepartment(ctx, a.id, true);
    dept(ctx, 'NK3', '心内科一病区');
    await rejects(() => archiveDepartment(ctx, a.id, false), 'duplicate_department_name');
  });

  it('a department list naming an existing department under another code matches it instead of doubling it', async () => {
    const ctx = freshCtx();
    const existing = dept(ctx, '心内科', '心内科');
    const file = csv('科室.csv', '科室编码,科室名称\n0101,心内科\n0102,骨科\n');
    const preview = await previewImport(ctx, { kind: 'departments', ...file });
    const result = await commitImport(ctx, { kind: 'departments', ...file, mapping: preview.mapping });
    expect(result.created).toBe(1);
    expect(result.departments).toEqual([
      { name: '心内科', rows: 1, action: 'match', code: '心内科', target: '心内科' },
    ]);
    expect(listDepartments(ctx).map((d) => d.id)).toContain(existing.id);
    expect(listDepartments(ctx)).toHaveLength(2);
  });
});

describe('system names', () => {
  it('HIS系统 is HIS, 电子病历 the EMR; unknown systems created once, EMR and 电子病历系统 as one', () => {
    const ctx = freshCtx();
    const his = createSystem(ctx, { code: 'HIS', name: '医院信息系统', vendor: null });
    const plan = planSystems(
      ctx,
      new Map([
        ['HIS系统', 2],
        ['his', 1],
        ['电子病历系统', 3],
        ['EMR', 1],
        ['移动护理', 1],
      ]),
    );
    expect(systemProposals(plan)).toEqual([
      { name: '电子病历系统', rows: 4, action: 'create', code: 'EMR', target: '电子病历系统' },
      { name: '移动护理', rows: 1, action: 'create', code: 'NIS', target: '移动护理' },
    ]);
    const ids = inTransaction(ctx, () => applySystemPlan(ctx, plan));
    expect(ids.get('his')).toBe(his.id);
    expect(ids.get('emr')).toBe(ids.get('电子病历'));
    expect(listSystems(ctx).map((s) => s.code)).toEqual(['HIS', 'EMR', 'NIS']);
  });
});

describe('issue sheet of a newcomer', () => {
  const sheet = [
    '问题描述,科室,系统,问题分类,状态,提出时间,备注',
    '医嘱停止后仍显示在执行单上，护士无法确认执行,心内科,HIS系统,打印机故障,已解决,2026-11-16 09:12,电话反馈',
    '出院结算单金额与明细合计不一致差一分钱导致患者投诉需要尽快查明原因并修正系统的四舍五入规则,体检中心,HIS,需求建议,处理中,2026-11-16 10:00,',
  ].join('\n');

  it('previews unknown names with row counts and proposals, extra columns, rows resolved without a time', async () => {
    const ctx = freshCtx();
    dept(ctx, '0101', '心血管内科');
    createSystem(ctx, { code: 'HIS', name: '医院信息系统', vendor: null });
    const preview = await previewIssueImport(ctx, csv('问题.csv', sheet));
    expect(preview.validRows).toBe(2);
    expect(preview.skippedRows).toBe(0);
    expect(preview.departments).toEqual([
      { name: '体检中心', rows: 1, action: 'create', code: '体检中心', target: '体检中心', type: 'ward' },
      { name: '心内科', rows: 1, action: 'match', code: '0101', target: '心血管内科' },
    ]);
    expect(preview.systems).toEqual([]);
    expect(preview.extraColumns).toEqual(['备注']);
    expect(preview.resolvedWithoutTime).toEqual([2]);
    // The strict path refuses both rows, as before.
    const strict = await previewIssueImport(ctx, { ...csv('问题.csv', sheet), createMissing: false });
    expect(strict.validRows).toBe(0);
    expect(strict.problems.map((p) => p.message)).toEqual([
      expect.stringContaining('找不到科室“心内科”'),
      expect.stringContaining('找不到科室“体检中心”'),
    ]);
  });

  it('imports: no invented resolution time, 备注 kept, category named in the value, title from the first clause', async () => {
    const ctx = freshCtx();
    const cardio = dept(ctx, '0101', '心血管内科');
    const result = await commitIssueImport(ctx, csv('问题.csv', sheet));
    expect(result.created).toHaveLength(2);
    expect(result.resolvedWithoutTime).toEqual([2]);
    const rows = listIssues(ctx, {
      filter: {},
      sort: { key: 'reportedAt', dir: 'asc' },
      offset: 0,
      limit: 10,
    }).rows;
    const first = getIssueDetail(ctx, rows[0]!.id).issue;
    expect(first).toMatchObject({
      title: '医嘱停止后仍显示在执行单上',
      departmentId: cardio.id,
      status: 'resolved',
      resolvedAt: null,
      category: 'hardware_network',
      tags: [],
    });
    expect(first.description).toBe('医嘱停止后仍显示在执行单上，护士无法确认执行\n\n备注：电话反馈');
    expect(rows[0]!.overdue).toBeNull();
    const second = getIssueDetail(ctx, rows[1]!.id).issue;
    expect([...second.title]).toHaveLength(40);
    expect(second.title.endsWith('…')).toBe(true);
    expect(second.category).toBe('change_request');
  });

  it('a re-import after a department was added imports nothing twice: the key is of the name as written', async () => {
    const ctx = freshCtx();
    dept(ctx, '0101', '心血管内科');
    const file = csv('问题.csv', sheet);
    await commitIssueImport(ctx, file);
    // 心内科 went to 心血管内科; now somebody adds a department of that very name.
    dept(ctx, 'XNK', '心内科');
    const again = await commitIssueImport(ctx, file);
    expect(again.created).toEqual([]);
    expect(again.alreadyImported.map((r) => r.row)).toEqual([2, 3]);
  });

  it('rows imported before #12 (key of the department code) are still found', async () => {
    const ctx = freshCtx();
    const cardio = dept(ctx, '0101', '心血管内科');
    const file = csv('问题.csv', '问题标题,科室,提出时间\n长期医嘱无法停止,心血管内科,2026-11-03 09:30\n');
    await commitIssueImport(ctx, file);
    const legacy = issueFingerprint({
      title: '长期医嘱无法停止',
      departmentCode: cardio.code,
      reportedAt: new Date(2026, 10, 3, 9, 30).toISOString(),
      description: null,
    });
    ctx.sqlite.prepare('UPDATE pilot_issue SET import_key = ?').run(legacy);
    const again = await previewIssueImport(ctx, file);
    expect(again.validRows).toBe(0);
    expect(again.alreadyImported).toHaveLength(1);
  });
});

describe('roster archiving is a choice', () => {
  const full = '工号,姓名,科室\n001,甲,心内科\n002,乙,骨科\n';
  const onlyCardio = '工号,姓名,科室\n001,甲,心内科\n';

  it('off by default; a one-department roster is partial, a whole one is not', async () => {
    const ctx = freshCtx();
    dept(ctx, 'NK', '心内科');
    dept(ctx, 'GK', '骨科');
    const first = await previewImport(ctx, { kind: 'people', ...csv('全院.csv', full) });
    await commitImport(ctx, {
      kind: 'people',
      ...csv('全院.csv', full),
      mapping: first.mapping,
      archiveMissing: true,
    });
    expect(listPeople(ctx)).toHaveLength(2);

    const partial = await previewImport(ctx, { kind: 'people', ...csv('心内科.csv', onlyCardio) });
    expect(partial.leaving!.map((p) => p.name)).toEqual(['乙']);
    expect(partial.partialRoster).toBe(true);
    // The contract's default: nobody archived unless asked.
    const kept = await commitImport(ctx, {
      kind: 'people',
      ...csv('心内科.csv', onlyCardio),
      mapping: partial.mapping,
    });
    expect(kept.roster!.left).toEqual([]);
    expect(listPeople(ctx)).toHaveLength(2);

    // A whole roster where 乙 is gone from 骨科 (another 骨科 person stays): not partial.
    createPerson(ctx, {
      name: '丙',
      organisation: 'hospital',
      role: null,
      phone: null,
      departmentId: null,
      employeeNo: null,
    });
    const whole = await previewImport(ctx, {
      kind: 'people',
      ...csv('全院.csv', '工号,姓名,科室\n001,甲,心内科\n003,丁,骨科\n'),
    });
    expect(whole.leaving!.map((p) => p.name)).toEqual(['乙']);
    expect(whole.partialRoster).toBe(false);
  });

  it('a roster naming departments the project lacks creates them (or refuses the rows when told not to)', async () => {
    const ctx = freshCtx();
    dept(ctx, '0101', '心血管内科');
    const file = csv('花名册.csv', '工号,姓名,科室,岗位\n001,甲,心内科,护士\n002,乙,体检中心,医师\n');
    const preview = await previewImport(ctx, { kind: 'people', ...file });
    expect(preview.validRows).toBe(2);
    expect(preview.unknownDepartments.map((d) => [d.name, d.action])).toEqual([
      ['体检中心', 'create'],
      ['心内科', 'match'],
    ]);
    const result = await commitImport(ctx, { kind: 'people', ...file, mapping: preview.mapping });
    expect(result.created).toBe(2);
    const byName = Object.fromEntries(listPeople(ctx).map((p) => [p.name, p.departmentId]));
    const ids = Object.fromEntries(listDepartments(ctx).map((d) => [d.name, d.id]));
    expect(byName).toEqual({ 甲: ids['心血管内科'], 乙: ids['体检中心'] });

    // The user declines 心内科 → 心血管内科: it becomes a department of its own.
    const declined = await previewImport(ctx, { kind: 'people', ...file, declinedMatches: ['心内科'] });
    expect(declined.unknownDepartments.map((d) => [d.name, d.action])).toEqual([['心内科', 'create']]);

    const strict = await previewImport(ctx, {
      kind: 'people',
      ...csv('x.csv', '姓名,科室\n丙,口腔科\n'),
      createDepartments: false,
    });
    expect(strict.validRows).toBe(0);
    expect(strict.skippedRows).toBe(1);
  });
});
