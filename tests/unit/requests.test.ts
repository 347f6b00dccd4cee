// Requirement requests (issue #15): the workflow and its refused moves, voting rules, an issue converted in
// one step and linked both ways, the 需求清单 import (title rows, blank rows, tier words with and without 类,
// unknown departments, re-import adds nothing), the export (formula cells neutralised), and the CLI.
process.env.TZ = process.env.TZ ?? 'Asia/Shanghai';

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { exitCodes, runCli } from '#main/cli/program.ts';
import { boot } from '#services/core/boot.ts';
import { AppError } from '#services/core/errors.ts';
import { createIssue } from '#services/issues/issues.ts';
import { createDepartment, listDepartments } from '#services/reference/departments.ts';
import {
  addReviewer,
  createRequest,
  decideRequest,
  getRequestDetail,
  listRequests,
  requestBoard,
  requestFromIssue,
  requestsForIssue,
  tally,
  transitionRequest,
  vote,
} from '#services/requests/requests.ts';
import {
  commitRequestImport,
  exportRequests,
  parseTier,
  previewRequestImport,
} from '#services/requests/sheet.ts';
import { readTable } from '#services/sheets/tabular.ts';
import { labelReplica } from '#services/core/settings.ts';
import { listConflicts } from '#services/sync/conflicts.ts';
import { dumpState } from '#services/sync/dump.ts';
import { exportChanges, importFiles } from '#services/sync/exchange.ts';
import type { RequestInput, RequestRow } from '#contract/index.ts';
import { dumpReplicated, freshCtx, tempDir, testClock, type TestCtx } from './helpers.ts';

const base: RequestInput = {
  title: '护理记录单模板增加跌倒评分',
  description: null,
  departmentId: null,
  requester: null,
  requestedOn: null,
  tier: 'basic',
  priority: 'medium',
  valueMeasure: 'errors_avoided',
  expectedValue: null,
  effortDays: 3,
  decisionRule: 'majority',
};

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return (error as AppError).code;
  }
  return 'no error';
}

describe('the workflow', () => {
  it('moves along submitted → under review → approved → in development → piloted → released → verified, with history', () => {
    const clock = testClock();
    const ctx = freshCtx({ now: clock.now });
    const r = createRequest(ctx, { ...base, decisionRule: 'all' });
    expect(r.status).toBe('submitted');
    clock.advance();
    transitionRequest(ctx, { id: r.id, to: 'under_review', note: null });
    const a = addReviewer(ctx, { id: r.id, reviewer: '王主任', role: '临床专家' });
    const b = addReviewer(ctx, { id: r.id, reviewer: '李工', role: '信息科' });
    vote(ctx, { reviewId: a.id, vote: 'approve', opinion: '临床必需' });
    vote(ctx, { reviewId: b.id, vote: 'approve', opinion: null });
    clock.advance();
    decideRequest(ctx, { id: r.id, decision: 'approved', reason: '基础保障，影响护理安全' });
    for (const to of ['in_development', 'piloted', 'released', 'verified'] as const) {
      clock.advance();
      transitionRequest(ctx, { id: r.id, to, note: null });
    }
    const detail = getRequestDetail(ctx, r.id);
    expect(detail.request.status).toBe('verified');
    expect(detail.request.decisionReason).toBe('基础保障，影响护理安全');
    expect(detail.history.map((h) => [h.fromStatus, h.toStatus])).toEqual([
      [null, 'submitted'],
      ['submitted', 'under_review'],
      ['under_review', 'approved'],
      ['approved', 'in_development'],
      ['in_development', 'piloted'],
      ['piloted', 'released'],
      ['released', 'verified'],
    ]);
    expect(detail.allowedTransitions).toEqual([]);
  });

  it('refuses illegal transitions and writes nothing', () => {
    const ctx = freshCtx();
    const r = createRequest(ctx, base);
    const before = dumpReplicated(ctx);
    expect(codeOf(() => transitionRequest(ctx, { id: r.id, to: 'in_development', note: null }))).toBe(
      'requests_illegal_transition',
    );
    expect(codeOf(() => transitionRequest(ctx, { id: r.id, to: 'verified', note: null }))).toBe(
      'requests_illegal_transition',
    );
    expect(codeOf(() => decideRequest(ctx, { id: r.id, decision: 'approved', reason: 'x' }))).toBe(
      'requests_illegal_transition',
    );
    expect(dumpReplicated(ctx)).toEqual(before);
    transitionRequest(ctx, { id: r.id, to: 'rejected', note: '重复需求' });
    expect(codeOf(() => transitionRequest(ctx, { id: r.id, to: 'under_review', note: null }))).toBe(
      'requests_illegal_transition',
    );
  });

  it('votes only while under review', () => {
    const ctx = freshCtx();
    const r = createRequest(ctx, base);
    const a = addReviewer(ctx, { id: r.id, reviewer: '王主任', role: null });
    expect(codeOf(() => vote(ctx, { reviewId: a.id, vote: 'approve', opinion: null }))).toBe(
      'requests_not_under_review',
    );
  });
});

describe('voting rules', () => {
  it('all: every reviewer approves; majority: more than half', () => {
    expect(tally('all', ['approve', 'approve']).approvable).toBe(true);
    expect(tally('all', ['approve', null]).approvable).toBe(false);
    expect(tally('all', ['approve', 'defer']).approvable).toBe(false);
    expect(tally('all', []).approvable).toBe(false);
    expect(tally('majority', ['approve', 'approve', 'reject']).approvable).toBe(true);
    expect(tally('majority', ['approve', 'reject']).approvable).toBe(false);
    expect(tally('majority', ['approve', null, null]).approvable).toBe(false);
    expect(tally('majority', ['approve', 'defer', 'reject', null])).toMatchObject({
      reviewers: 4,
      approve: 1,
      defer: 1,
      reject: 1,
      pending: 1,
    });
  });

  it('refuses an approval the votes do not carry, allows deferring, then approves on the second vote', () => {
    const ctx = freshCtx();
    const r = createRequest(ctx, { ...base, decisionRule: 'majority' });
    transitionRequest(ctx, { id: r.id, to: 'under_review', note: null });
    expect(codeOf(() => decideRequest(ctx, { id: r.id, decision: 'approved', reason: 'x' }))).toBe(
      'requests_no_reviewers',
    );
    const a = addReviewer(ctx, { id: r.id, reviewer: '王主任', role: null });
    const b = addReviewer(ctx, { id: r.id, reviewer: '李工', role: null });
    const c = addReviewer(ctx, { id: r.id, reviewer: '赵科长', role: null });
    vote(ctx, { reviewId: a.id, vote: 'approve', opinion: null });
    vote(ctx, { reviewId: b.id, vote: 'reject', opinion: '工作量大' });
    expect(codeOf(() => decideRequest(ctx, { id: r.id, decision: 'approved', reason: 'x' }))).toBe(
      'requests_rule_not_met',
    );
    expect(getRequestDetail(ctx, r.id).allowedTransitions).toEqual(['deferred', 'rejected']);
    vote(ctx, { reviewId: c.id, vote: 'approve', opinion: null });
    expect(getRequestDetail(ctx, r.id).allowedTransitions).toEqual(['approved', 'deferred', 'rejected']);
    expect(decideRequest(ctx, { id: r.id, decision: 'approved', reason: '2/3 同意' }).status).toBe(
      'approved',
    );
  });
});

describe('an issue becomes a request in one step', () => {
  it('copies title, description and department, links both ways, and converting again returns the same request', () => {
    const ctx = freshCtx();
    const icu = createDepartment(ctx, { code: 'ICU', name: '重症医学科', type: 'ward', pilotPhase: 1 });
    const issue = createIssue(ctx, {
      title: '交班报告需要自动汇总出入量',
      description: '护士手工计算',
      departmentId: icu.id,
      severity: 'P2',
      category: 'change_request',
      blocking: false,
      tags: [],
    });
    const r = requestFromIssue(ctx, issue.id, 'efficiency');
    expect(r).toMatchObject({
      title: issue.title,
      departmentId: icu.id,
      tier: 'efficiency',
      priority: 'high',
    });
    expect(r.description).toContain('护士手工计算');
    expect(getRequestDetail(ctx, r.id).issues.map((i) => i.id)).toEqual([issue.id]);
    expect(requestsForIssue(ctx, issue.id)).toEqual([{ id: r.id, title: issue.title, status: 'submitted' }]);
    expect(requestFromIssue(ctx, issue.id, 'basic').id).toBe(r.id);
    expect(listRequests(ctx, { includeArchived: false })).toHaveLength(1);
  });
});

describe('the board', () => {
  it('groups by tier × status and filters', () => {
    const ctx = freshCtx();
    createRequest(ctx, { ...base, title: 'a', tier: 'basic', priority: 'low' });
    createRequest(ctx, { ...base, title: 'b', tier: 'basic', priority: 'high' });
    const c = createRequest(ctx, { ...base, title: 'c', tier: 'innovation' });
    transitionRequest(ctx, { id: c.id, to: 'under_review', note: null });
    const board = requestBoard(ctx, { includeArchived: false });
    expect(board.total).toBe(3);
    expect(board.cells['basic|submitted']!.map((r: RequestRow) => r.title)).toEqual(['b', 'a']);
    expect(board.cells['innovation|under_review']!.map((r: RequestRow) => r.title)).toEqual(['c']);
    expect(requestBoard(ctx, { tier: 'innovation', includeArchived: false }).total).toBe(1);
    expect(requestBoard(ctx, { status: 'submitted', priority: 'high', includeArchived: false }).total).toBe(
      1,
    );
  });
});

async function workbook(rows: (string | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('需求清单');
  for (const r of rows) sheet.addRow(r);
  sheet.mergeCells(1, 1, 1, 8);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const listRows = [
  ['市一院 HIS 升级项目 需求清单（2026 年 11 月）', null, null, null, null, null, null, null],
  [null, null, null, null, null, null, null, null],
  ['序号', '需求名称', '需求描述', '需求分类', '需求科室', '提出人', '提出日期', '优先级', '状态'],
  [
    '1',
    '医嘱模板批量导入',
    '按科室导入常用医嘱',
    '基础保障类',
    '心内科',
    '张医生',
    '2026/11/3',
    '高',
    '已提交',
  ],
  ['2', '护理评估自动带入', null, '效率提升', 'NK1', '王护士长', '2026-11-04', '中', '评审中'],
  [null, null, null, null, null, null, null, null, null],
  ['3', '移动查房 AI 辅助', '语音录入病程', '创新赋能', null, null, null, '低', null],
  ['4', '床旁扫码核对', null, '基础', '不存在的科', null, null, null, null],
  ['5', '报表导出', null, '其他类', '心内科', null, null, null, null],
  ['6', '出院小结模板', null, '效率提升类', '心血管内科', null, null, null, null],
];

describe('the 需求清单 import', () => {
  let ctx: TestCtx;
  beforeEach(() => {
    ctx = freshCtx();
    createDepartment(ctx, { code: 'NK1', name: '心内科', type: 'ward', pilotPhase: 1 });
  });

  it('reads tier words with and without 类', () => {
    expect(parseTier('基础保障类')).toBe('basic');
    expect(parseTier('基础保障')).toBe('basic');
    expect(parseTier('效率提升类')).toBe('efficiency');
    expect(parseTier(' 创新赋能 ')).toBe('innovation');
    expect(parseTier('Innovation')).toBe('innovation');
    expect(parseTier('其他类')).toBeNull();
  });

  it('finds the header under a title row, skips blank rows, files unknown departments as the issue import does, refuses unknown tiers, and a re-import adds nothing', async () => {
    const file = { fileName: '需求清单.xlsx', bytes: await workbook(listRows) };
    const preview = await previewRequestImport(ctx, file, 'zh-CN');
    expect(preview.headerRow).toBe(3);
    expect(preview.totalRows).toBe(6);
    expect(preview.validRows).toBe(5);
    expect(preview.problems.map((p) => p.row)).toEqual([9]);
    expect(preview.problems[0]!.message).toContain('其他类');
    // A close name is filed under the existing department; a name like no other becomes a new department.
    expect(preview.departments).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: '心血管内科', action: 'match', target: '心内科', rows: 1 }),
        expect.objectContaining({ name: '不存在的科', action: 'create', target: '不存在的科', rows: 1 }),
      ]),
    );
    // The preview wrote nothing.
    expect(listDepartments(ctx).map((d) => d.name)).toEqual(['心内科']);

    const result = await commitRequestImport(ctx, file, 'zh-CN');
    expect(result).toMatchObject({ imported: 5, alreadyImported: 0 });
    const created = listDepartments(ctx).find((d) => d.name === '不存在的科');
    expect(created).toBeDefined();
    const rows = listRequests(ctx, { includeArchived: false });
    const byTitle = new Map(rows.map((r) => [r.title, r]));
    expect(byTitle.get('医嘱模板批量导入')).toMatchObject({
      tier: 'basic',
      priority: 'high',
      status: 'submitted',
      departmentName: '心内科',
      requester: '张医生',
      requestedOn: '2026-11-03',
    });
    expect(byTitle.get('护理评估自动带入')).toMatchObject({ tier: 'efficiency', status: 'under_review' });
    expect(byTitle.get('移动查房 AI 辅助')).toMatchObject({ tier: 'innovation', departmentId: null });
    expect(byTitle.get('出院小结模板')).toMatchObject({ departmentName: '心内科' });
    expect(byTitle.get('床旁扫码核对')).toMatchObject({ departmentId: created!.id });

    const before = dumpReplicated(ctx);
    const again = await commitRequestImport(ctx, file, 'zh-CN');
    expect(again).toMatchObject({ imported: 0, alreadyImported: 5 });
    expect(dumpReplicated(ctx)).toEqual(before);
  });

  it('refuses rows naming a department the project lacks when creating is off, writing nothing for them', async () => {
    const file = { fileName: '需求清单.xlsx', bytes: await workbook(listRows) };
    const options = { createDepartments: false };
    const preview = await previewRequestImport(ctx, file, 'zh-CN', undefined, options);
    expect(preview.problems.map((p) => p.row)).toEqual([8, 9, 10]);
    expect(preview.problems[0]!.message).toContain('不存在的科');
    const result = await commitRequestImport(ctx, file, 'zh-CN', undefined, options);
    expect(result).toMatchObject({ imported: 3 });
    expect(listDepartments(ctx).map((d) => d.name)).toEqual(['心内科']);
  });

  it('exports the list with formula text neutralised; the export imports back as nothing new', async () => {
    createRequest(ctx, { ...base, title: '=HYPERLINK("http://x")', requester: '@admin' });
    const file = await exportRequests(ctx, { includeArchived: false }, 'zh-CN');
    const table = await readTable(file.fileName, file.bytes);
    const header = table.rows[1]!;
    const row = table.rows[2]!;
    expect(row[header.indexOf('需求名称')]).toBe(`'=HYPERLINK("http://x")`);
    expect(row[header.indexOf('提出人')]).toBe(`'@admin`);
    expect(row[header.indexOf('需求分类')]).toBe('基础保障类');
    // The exported list reads back as the same request (the apostrophe undone): nothing new.
    const preview = await previewRequestImport(ctx, file, 'zh-CN');
    expect(preview.headerRow).toBe(2);
    expect(preview).toMatchObject({ problems: [], validRows: 0, alreadyImported: 1 });
  });
});

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('CLI', () => {
  let dir: string;
  let db: string;
  beforeEach(() => {
    vi.stubEnv('WARDSIDE_LANG', 'zh-CN');
    dir = tempDir();
    db = join(dir, 'wardside.db');
    const ctx = boot(db);
    createDepartment(ctx, { code: 'NK1', name: '心内科', type: 'ward', pilotPhase: 1 });
    ctx.close();
  });

  it('requests import --dry-run writes nothing; import; re-import adds nothing; list --json --tier', async () => {
    const path = join(dir, '需求清单.xlsx');
    writeFileSync(path, await workbook(listRows));
    const dry = await cli('requests', 'import', path, '--dry-run', '--db', db);
    expect(dry.code).toBe(exitCodes.ok);
    expect(dry.out).toContain('第 9 行');
    expect(dry.out).toContain('“不存在的科”（1 行）→ 新建科室');
    expect(dry.out).toContain('“心血管内科”（1 行）→ 归入已有的“心内科”');
    let listed = await cli('requests', 'list', '--json', '--db', db);
    expect(JSON.parse(listed.out)).toEqual([]);

    const first = await cli('requests', 'import', path, '--db', db);
    expect(first.code).toBe(exitCodes.ok);
    expect(first.out).toContain('导入 5 条需求');
    expect(first.out).toContain('不存在的科');
    const second = await cli('requests', 'import', path, '--db', db);
    expect(second.code).toBe(exitCodes.ok);
    expect(second.out).toContain('导入 0 条需求，已导入过 5 条');

    listed = await cli('requests', 'list', '--json', '--db', db);
    const rows = JSON.parse(listed.out) as RequestRow[];
    expect(rows.map((r) => r.tier).sort()).toEqual([
      'basic',
      'basic',
      'efficiency',
      'efficiency',
      'innovation',
    ]);
    const basic = await cli('requests', 'list', '--json', '--tier', '基础保障类', '--db', db);
    expect((JSON.parse(basic.out) as RequestRow[]).map((r) => r.title).sort()).toEqual(
      ['医嘱模板批量导入', '床旁扫码核对'].sort(),
    );
    const reviewing = await cli('requests', 'list', '--status', 'under_review', '--db', db);
    expect(reviewing.out).toContain('护理评估自动带入');
    expect(reviewing.out).not.toContain('医嘱模板批量导入');
    const bad = await cli('requests', 'list', '--tier', 'gold', '--db', db);
    expect(bad.code).toBe(exitCodes.input);
  });
});

describe('two reviewers voting on two laptops', () => {
  it('converge: after exchanging files both laptops hold both votes and the rule approves', () => {
    const a = freshCtx();
    const b = freshCtx();
    labelReplica(a, 'A');
    labelReplica(b, 'B');
    const r = createRequest(a, { ...base, decisionRule: 'all' });
    transitionRequest(a, { id: r.id, to: 'under_review', note: null });
    const first = addReviewer(a, { id: r.id, reviewer: '王主任', role: '临床专家' });
    const second = addReviewer(a, { id: r.id, reviewer: '李工', role: '信息科' });
    importFiles(b, [{ name: 'a.wardside', bytes: exportChanges(a).bytes }]);
    vote(a, { reviewId: first.id, vote: 'approve', opinion: '同意' });
    vote(b, { reviewId: second.id, vote: 'approve', opinion: '可行' });
    importFiles(a, [{ name: 'b.wardside', bytes: exportChanges(b).bytes }]);
    importFiles(b, [{ name: 'a2.wardside', bytes: exportChanges(a).bytes }]);
    expect(dumpState(a)).toBe(dumpState(b));
    for (const ctx of [a, b]) {
      expect(getRequestDetail(ctx, r.id).reviews.map((v) => [v.reviewer, v.vote, v.opinion])).toEqual([
        ['王主任', 'approve', '同意'],
        ['李工', 'approve', '可行'],
      ]);
      expect(getRequestDetail(ctx, r.id).request.votes.approvable).toBe(true);
    }
    expect(listConflicts(a)).toEqual([]);
  });
});

describe('refusals say what was refused in words', () => {
  it('names the statuses and the rule, not their codes', () => {
    const ctx = freshCtx();
    const r = createRequest(ctx, base);
    let message = '';
    try {
      transitionRequest(ctx, { id: r.id, to: 'verified', note: null });
    } catch (error) {
      message = JSON.stringify((error as AppError).params);
    }
    expect(message).toContain('已提交');
    expect(message).toContain('已验证');
  });
});
