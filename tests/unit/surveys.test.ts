// Satisfaction surveys (issue #14): a 问卷星-style export (metadata columns, numbered questions, word and
// score answers, a blank answer, an unknown department, a formula-looking comment) against a hand-computed
// key; re-import adds nothing; a file without a score column is refused naming the headers found; the CLI.
process.env.TZ = 'Asia/Shanghai';

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { exitCodes, runCli } from '#main/cli/program.ts';
import { boot } from '#services/core/boot.ts';
import { AppError } from '#services/core/errors.ts';
import { setupProject } from '#services/reference/project.ts';
import { cleanHeader, detectColumns, scoreOf } from '#services/surveys/answers.ts';
import { commitSurveyImport, previewSurveyImport } from '#services/surveys/import.ts';
import { exportSurveyResults } from '#services/surveys/export.ts';
import { satisfactionRate, surveyResults } from '#services/surveys/results.ts';
import { addPaperResponse, createRound } from '#services/surveys/rounds.ts';
import { surveyResponseColumnSchemas, surveyRoundColumnSchemas } from '#contract/index.ts';
import { dumpReplicated, freshCtx, tempDir, testClock } from './helpers.ts';

/** A 问卷星 export: metadata columns, numbered questions; key below. */
export const WJX = `序号,提交答卷时间,所用时间,来源,来源详情,来自IP,1、您所在的科室：,2、您的岗位：,3、您对新HIS系统的总体满意度：,4、您对培训的满意度：,5、您的意见和建议：
1,2026/11/20 10:01:02,120秒,微信,N/A,1.2.3.4(北京),重症医学科,护士,非常满意,满意,很好用
2,2026/11/20 10:05:40,95秒,微信,N/A,1.2.3.5(北京),重症医学科,医生,满意,一般,(跳过)
3,2026/11/20 11:00:00,80秒,手机提交,N/A,1.2.3.6(北京),急诊科,护士,一般,满意,"=HYPERLINK(""http://x"",""点我"")"
4,2026/11/20 11:30:00,60秒,手机提交,N/A,1.2.3.7(北京),急诊科,护士,不满意,不满意,打印太慢
5,2026/11/21 09:00:00,70秒,微信,N/A,1.2.3.8(北京),心内科,医生,非常满意,满意,
6,2026/11/21 09:10:00,50秒,微信,N/A,1.2.3.9(北京),重症医学科,护士,,满意,
7,2026/11/21 09:20:00,40秒,微信,N/A,1.2.3.10(北京), 急诊科 ,医生,5,5,
8,2026/11/21 09:30:00,45秒,微信,N/A,1.2.3.11(北京),心内科,护士,2,3,
`;

/** Hand-computed: 8 responses, 7 answered (row 6 blank), satisfied rows 1, 2, 5, 7. */
const KEY = {
  responses: 8,
  satisfied: 4,
  satisfactionRate: 4 / 7,
  byDepartment: {
    心内科: { responses: 2, satisfied: 1, satisfactionRate: 0.5 },
    急诊科: { responses: 3, satisfied: 1, satisfactionRate: 1 / 3 },
    重症医学科: { responses: 3, satisfied: 2, satisfactionRate: 1 },
  },
};

function world() {
  const clock = testClock('2026-11-22T02:00:00.000Z');
  const ctx = freshCtx({ now: clock.now });
  setupProject(ctx, {
    hospital: '市第一人民医院',
    name: 'HIS 升级',
    newSystem: 'HIS',
    goLiveDate: null,
    pilotDepartments: [
      { code: 'ICU', name: '重症医学科', type: 'ward' },
      { code: 'ER', name: '急诊科', type: 'ward' },
    ],
  });
  const round = createRound(ctx, {
    name: '第一轮',
    startsOn: '2026-11-20',
    endsOn: '2026-11-21',
    departmentIds: [],
  });
  return { ctx, clock, round };
}

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('reading survey answers', () => {
  it('cleans numbered headers, finds the department and score columns, reads words and scores', () => {
    expect(cleanHeader('3、您对新HIS系统的总体满意度：')).toBe('您对新HIS系统的总体满意度');
    const headers = WJX.split('\n')[0]!.split(',');
    expect(detectColumns(headers)).toMatchObject({
      department: 6,
      score: 8,
      role: 7,
      comments: [10],
      submittedAt: 1,
    });
    // Without 总体满意度: the first header containing 满意.
    expect(detectColumns(['序号', '科室', '您对培训的满意度', '您对系统的满意度']).score).toBe(2);
    expect(
      ['非常满意', '满意', '一般', '不满意', '非常不满意', '5', '4分', '3.0', '', '不知道', '9'].map(scoreOf),
    ).toEqual([5, 4, 3, 2, 1, 5, 4, 3, null, null, null]);
  });
});

describe('survey import', () => {
  it('imports a 问卷星 export and matches the hand-computed key; re-import adds nothing', async () => {
    const { ctx, round } = world();
    const file = { roundId: round.id, fileName: 'wjx.csv', bytes: bytes(WJX) };
    const preview = await previewSurveyImport(ctx, file);
    expect(preview).toMatchObject({
      departmentColumn: 6,
      scoreColumn: 8,
      rows: 8,
      added: 8,
      alreadyImported: 0,
      blank: 1,
      unknownDepartments: ['心内科'],
    });
    expect(await commitSurveyImport(ctx, file)).toEqual({ added: 8, alreadyImported: 0 });

    const results = surveyResults(ctx, { roundId: round.id });
    expect(results.total).toEqual({ responses: 8, answered: 7, satisfied: 4, satisfactionRate: 4 / 7 });
    const byName = Object.fromEntries(results.byDepartment.map((d) => [d.name, d]));
    for (const [name, want] of Object.entries(KEY.byDepartment)) expect(byName[name]).toMatchObject(want);
    expect(byName['心内科']!.departmentId).toBeNull();
    expect(results.byRole.map((r) => [r.role, r.responses, r.satisfied])).toEqual([
      ['护士', 5, 1],
      ['医生', 3, 3],
    ]);
    expect(results.comments.map((c) => c.comment)).toEqual([
      '很好用',
      '=HYPERLINK("http://x","点我")',
      '打印太慢',
    ]);

    // The same file again, and again as a dry run: nothing new.
    const before = dumpReplicated(ctx);
    expect(await commitSurveyImport(ctx, file)).toEqual({ added: 0, alreadyImported: 8 });
    expect(dumpReplicated(ctx)).toEqual(before);

    // The export neutralises the formula-looking comment.
    const exported = await exportSurveyResults(ctx, { roundId: round.id });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(exported.bytes) as unknown as ArrayBuffer);
    const comments = book.worksheets[2]!.getColumn(4).values.slice(2);
    expect(comments).toContain(`'=HYPERLINK("http://x","点我")`);
    const rows = book.worksheets[0]!.getSheetValues().slice(2) as unknown[][];
    expect(rows.find((r) => r[1] === '心内科')).toEqual([undefined, '心内科', 2, 2, 1, 50]);
  });

  it('reads .xlsx with a title row above the header, and the columns can be changed', async () => {
    const { ctx, round } = world();
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet('Sheet1');
    ws.addRow(['新HIS系统满意度调查（腾讯问卷导出）']);
    for (const line of WJX.trim().split('\n').slice(0, 5)) ws.addRow(line.split(','));
    const xlsx = Buffer.from(await book.xlsx.writeBuffer());
    const preview = await previewSurveyImport(ctx, {
      roundId: round.id,
      fileName: 'tx.xlsx',
      bytes: xlsx,
      scoreColumn: 9,
    });
    expect(preview.scoreColumn).toBe(9);
    expect(preview.rows).toBe(4);
    expect(preview.sample.map((s) => s.satisfied)).toEqual([true, false, true, false]);
  });

  it('refuses a file without a score column, naming the headers it found, and writes nothing', async () => {
    const { ctx, round } = world();
    const before = dumpReplicated(ctx);
    const file = '序号,提交答卷时间,1、您所在的科室：,2、您的岗位：\n1,2026/11/20 10:00,急诊科,护士\n';
    const error = await commitSurveyImport(ctx, {
      roundId: round.id,
      fileName: 'no-score.csv',
      bytes: bytes(file),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('survey_no_score_column');
    expect((error as AppError).params).toMatchObject({
      file: 'no-score.csv',
      headers: '序号、提交答卷时间、1、您所在的科室：、2、您的岗位：',
    });
    expect(dumpReplicated(ctx)).toEqual(before);
  });

  it('keys in paper forms and feeds satisfactionRate for the KPI board by local days', async () => {
    const { ctx, round, clock } = world();
    await commitSurveyImport(ctx, { roundId: round.id, fileName: 'wjx.csv', bytes: bytes(WJX) });
    // 2026-11-20 (local) has rows 1–4: satisfied 2 of 4 answered.
    expect(satisfactionRate(ctx, { from: '2026-11-20', to: '2026-11-20' })).toEqual({
      satisfied: 2,
      answered: 4,
    });
    expect(satisfactionRate(ctx, { from: '2026-11-19', to: '2026-11-19' })).toBeNull();
    clock.advance(60_000);
    addPaperResponse(ctx, {
      roundId: round.id,
      department: '急诊科',
      role: '护士',
      answer: '满意',
      comment: null,
    });
    addPaperResponse(ctx, {
      roundId: round.id,
      department: '口腔科',
      role: null,
      answer: 2,
      comment: '+太慢',
    });
    addPaperResponse(ctx, {
      roundId: round.id,
      department: '口腔科',
      role: null,
      answer: null,
      comment: null,
    });
    expect(satisfactionRate(ctx, { from: '2026-11-22', to: '2026-11-22', roundId: round.id })).toEqual({
      satisfied: 1,
      answered: 2,
    });
    const results = surveyResults(ctx, {});
    expect(results.total).toMatchObject({ responses: 11, answered: 9, satisfied: 5 });
    expect(results.byDepartment.find((d) => d.name === '口腔科')).toMatchObject({
      responses: 2,
      answered: 1,
      satisfied: 0,
    });
    expect(results.byRound).toEqual([expect.objectContaining({ name: '第一轮', responses: 11 })]);
  });

  it('per-column schemas accept what the services write', async () => {
    const { ctx, round } = world();
    await commitSurveyImport(ctx, { roundId: round.id, fileName: 'wjx.csv', bytes: bytes(WJX) });
    const check = (
      table: string,
      schemas: Record<string, { safeParse(v: unknown): { success: boolean } }>,
    ) => {
      for (const row of ctx.sqlite.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[]) {
        for (const [key, schema] of Object.entries(schemas)) {
          const column = key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
          // As stored, which is what a synced change carries (a boolean is 0 or 1).
          const value = row[column];
          expect(schema.safeParse(value).success, `${table}.${key}=${String(value)}`).toBe(true);
        }
      }
    };
    check('survey_round', surveyRoundColumnSchemas);
    check('survey_response', surveyResponseColumnSchemas);
  });
});

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('wardside survey', () => {
  it('imports with --round, prints the summary JSON of the key, re-import adds nothing, refusals exit 4', async () => {
    const dir = tempDir();
    const db = join(dir, 'w.db');
    const ctx = boot(db);
    setupProject(ctx, {
      hospital: '医院',
      name: 'HIS',
      newSystem: 'HIS',
      goLiveDate: null,
      pilotDepartments: [
        { code: 'ICU', name: '重症医学科', type: 'ward' },
        { code: 'ER', name: '急诊科', type: 'ward' },
      ],
    });
    ctx.close();
    const path = join(dir, 'wjx.csv');
    writeFileSync(path, WJX);

    const dry = await cli('survey', 'import', path, '--db', db, '--round', '第一轮', '--dry-run');
    expect(dry.code).toBe(exitCodes.ok);
    expect(dry.out).toContain('新增 8');
    expect((await cli('survey', 'summary', '--db', db, '--json')).out).toContain('"responses": 0');

    const first = await cli('survey', 'import', path, '--db', db, '--round', '第一轮');
    expect(first.code).toBe(exitCodes.ok);
    expect(first.out).toContain('已导入 8 份');
    const again = await cli('survey', 'import', path, '--db', db, '--round', '第一轮');
    expect(again.out).toContain('已导入 0 份（已导入过 8 份）');

    const summary = await cli('survey', 'summary', '--db', db, '--round', '第一轮', '--json');
    expect(summary.code).toBe(exitCodes.ok);
    const json = JSON.parse(summary.out) as typeof KEY;
    expect(Object.keys(json)).toEqual(['responses', 'satisfied', 'satisfactionRate', 'byDepartment']);
    expect(json.responses).toBe(KEY.responses);
    expect(json.satisfied).toBe(KEY.satisfied);
    expect(json.satisfactionRate).toBeCloseTo(KEY.satisfactionRate, 12);
    expect(Object.keys(json.byDepartment).sort()).toEqual(Object.keys(KEY.byDepartment).sort());
    for (const [name, want] of Object.entries(KEY.byDepartment)) {
      expect(json.byDepartment[name as keyof typeof KEY.byDepartment].responses).toBe(want.responses);
      expect(json.byDepartment[name as keyof typeof KEY.byDepartment].satisfactionRate).toBeCloseTo(
        want.satisfactionRate,
        12,
      );
    }

    // The training question as the score column: every answered row of it counts.
    const other = await cli(
      'survey',
      'import',
      path,
      '--db',
      db,
      '--round',
      '培训',
      '--score-column',
      '您对培训的满意度',
      '--department-column',
      '科室',
    );
    expect(other.code).toBe(exitCodes.ok);
    const training = JSON.parse(
      (await cli('survey', 'summary', '--db', db, '--round', '培训', '--json')).out,
    ) as typeof KEY;
    expect(training).toMatchObject({ responses: 8, satisfied: 5 }); // 满意×4 and a 5

    const unknownColumn = await cli('survey', 'import', path, '--db', db, '--score-column', '不存在的列');
    expect(unknownColumn.code).toBe(exitCodes.input);
    expect(unknownColumn.err).toContain('序号');
    const noScore = join(dir, 'no-score.csv');
    writeFileSync(noScore, '序号,科室\n1,急诊科\n');
    const refused = await cli('survey', 'import', noScore, '--db', db, '--round', '第一轮');
    expect(refused.code).toBe(exitCodes.input);
    expect(refused.err).toContain('找到的表头：序号、科室');
    expect((await cli('survey', 'summary', '--db', db, '--round', '无此轮')).code).toBe(exitCodes.input);
  });
});
