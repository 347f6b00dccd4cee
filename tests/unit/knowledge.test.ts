// Knowledge base (issue #14): an article from a solved issue, Chinese search (two-character words such as
// 医保, English words), suggestions while a new issue is typed, the FAQ export per system.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { transitionIssue } from '#services/issues/issues.ts';
import {
  archiveArticle,
  createArticle,
  draftFromIssue,
  listArticles,
  suggestArticles,
  updateArticle,
} from '#services/knowledge/articles.ts';
import { exportFaq, stepsOf } from '#services/knowledge/export.ts';
import { rebuildArticleSearch } from '#services/knowledge/search-index.ts';
import { articleInput, kbArticleColumnSchemas } from '#contract/index.ts';
import { expectRefusedWithoutWrites, issueWorld } from './issues-fixtures.ts';

const article = (overrides: Record<string, unknown> = {}) =>
  articleInput.parse({
    title: '门诊医保结算失败',
    symptom: '收费处医保刷卡后提示“交易超时”，结算单无法打印',
    cause: '前置机证书过期',
    solution: '1. 在前置机更新证书\n2. 重启医保接口服务\n3. 重新结算',
    audience: 'faq',
    tags: ['医保', '收费'],
    ...overrides,
  });

describe('knowledge articles', () => {
  it('pre-fills an article from a resolved issue and refuses an open one', () => {
    const w = issueWorld();
    const open = w.issue({ title: '护士站打印腕带空白', description: '点打印后腕带空白', systemId: w.his });
    const error = expectRefusedWithoutWrites(
      w.ctx,
      () => draftFromIssue(w.ctx, open.id),
      'kb_issue_not_solved',
    );
    expect(error.params.number).toBe(open.number);

    transitionIssue(w.ctx, { id: open.id, to: 'resolved', resolution: '更换打印模板为 40mm 腕带' });
    const draft = draftFromIssue(w.ctx, open.id);
    expect(draft).toMatchObject({
      title: '护士站打印腕带空白',
      symptom: '点打印后腕带空白',
      solution: '更换打印模板为 40mm 腕带',
      systemId: w.his,
      sourceIssueId: open.id,
      issueNumber: open.number,
    });
    const { issueNumber: _n, ...input } = draft;
    const saved = createArticle(w.ctx, articleInput.parse(input));
    const [row] = listArticles(w.ctx, { includeArchived: false, limit: 10 });
    expect(row).toMatchObject({
      id: saved.id,
      systemName: '医院信息系统',
      issueNumbers: [{ id: open.id, number: open.number }],
    });
  });

  it('finds two-character Chinese words, longer phrases and English words; every word must match', () => {
    const w = issueWorld();
    const list = (text: string) =>
      listArticles(w.ctx, { text, includeArchived: false, limit: 50 }).map((a) => a.title);
    createArticle(w.ctx, article());
    createArticle(
      w.ctx,
      article({
        title: 'Printer offline in ward',
        symptom: 'The label printer shows offline',
        solution: 'Reinstall the driver',
        cause: null,
        tags: [],
      }),
    );
    createArticle(
      w.ctx,
      article({
        title: '检验申请单重复',
        symptom: 'LIS 条码打印两次',
        solution: '关闭自动打印',
        cause: null,
        tags: [],
      }),
    );

    expect(list('医保')).toEqual(['门诊医保结算失败']);
    expect(list('结算失败')).toEqual(['门诊医保结算失败']);
    expect(list('printer')).toEqual(['Printer offline in ward']);
    expect(list('print')).toEqual(['Printer offline in ward']);
    expect(list('打印')).toHaveLength(2);
    expect(list('医保 条码')).toEqual([]);
    expect(list('证书')).toEqual(['门诊医保结算失败']); // the cause is searched too
    expect(list('')).toHaveLength(3);

    // Edits and archiving follow into the search.
    const [first] = listArticles(w.ctx, { text: '医保', includeArchived: false, limit: 5 });
    updateArticle(
      w.ctx,
      first!.id,
      article({ title: '门诊挂号失败', symptom: '挂号超时', solution: '重启', tags: [] }),
    );
    expect(list('医保')).toEqual([]);
    expect(list('挂号')).toEqual(['门诊挂号失败']);
    archiveArticle(w.ctx, first!.id, true);
    expect(list('挂号')).toEqual([]);
    expect(listArticles(w.ctx, { text: '挂号', includeArchived: true, limit: 5 })).toHaveLength(1);

    // The index can be rebuilt from the table with the same answers.
    rebuildArticleSearch(w.ctx);
    expect(list('printer')).toEqual(['Printer offline in ward']);
  });

  it('suggests matching articles while a new issue title is typed, not archived ones or unrelated', () => {
    const w = issueWorld();
    const a = createArticle(w.ctx, article({ systemId: w.his }));
    createArticle(
      w.ctx,
      article({
        title: '住院医保上传失败',
        symptom: '出院结算后上传医保失败',
        solution: '补传',
        tags: [],
        systemId: w.emr,
      }),
    );
    expect(suggestArticles(w.ctx, { title: '医' })).toEqual([]);
    const typed = suggestArticles(w.ctx, { title: '急诊医保结算报错', systemId: w.his });
    expect(typed[0]).toMatchObject({ id: a.id, title: '门诊医保结算失败', systemName: '医院信息系统' });
    // The other shares only 医保 and 结算, never three characters in a row: not the same problem.
    expect(typed).toHaveLength(1);
    expect(suggestArticles(w.ctx, { title: '出院上传医保失败' })[0]!.title).toBe('住院医保上传失败');
    expect(suggestArticles(w.ctx, { title: '腕带打印空白' })).toEqual([]);
    archiveArticle(w.ctx, a.id, true);
    expect(suggestArticles(w.ctx, { title: '门诊医保结算失败' }).map((s) => s.id)).not.toContain(a.id);
  });
});

describe('FAQ export', () => {
  it('writes .xlsx per system with neutralised cells and .docx with numbered steps', async () => {
    const w = issueWorld();
    createArticle(w.ctx, article({ systemId: w.his, symptom: '=HYPERLINK("x")' }));
    createArticle(w.ctx, article({ title: '内部排查记录', audience: 'internal', systemId: w.his }));
    createArticle(w.ctx, article({ title: '病历模板丢失', systemId: w.emr, tags: [] }));
    await expect(
      exportFaq(w.ctx, { format: 'xlsx', systemId: w.ctx.newId(), faqOnly: true }),
    ).rejects.toMatchObject({
      code: 'kb_nothing_to_export',
    });

    const xlsx = await exportFaq(w.ctx, { format: 'xlsx', systemId: w.his, faqOnly: true });
    expect(xlsx.count).toBe(1);
    expect(xlsx.fileName).toMatch(/^常见问题-\d{8}-\d{4}\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(xlsx.bytes) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(2).getCell(4).value).toBe('标题');
    expect(sheet.getRow(3).getCell(4).value).toBe('门诊医保结算失败');
    expect(sheet.getRow(3).getCell(5).value).toBe(`'=HYPERLINK("x")`);

    const docx = await exportFaq(w.ctx, { format: 'docx', faqOnly: true });
    expect(docx.count).toBe(2);
    expect(Buffer.from(docx.bytes.subarray(0, 2)).toString()).toBe('PK');
    expect(stepsOf('1. 在前置机更新证书\n2、重启服务\n\n- 重新结算')).toEqual([
      '在前置机更新证书',
      '重启服务',
      '重新结算',
    ]);
  });

  it('exports per-column schemas that accept what the services write', () => {
    const w = issueWorld();
    const a = createArticle(w.ctx, article({ systemId: w.his }));
    const raw = w.ctx.sqlite.prepare('SELECT * FROM kb_article WHERE id = ?').get(a.id) as Record<
      string,
      unknown
    >;
    for (const [key, schema] of Object.entries(kbArticleColumnSchemas)) {
      const column = key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
      expect(schema.safeParse(raw[column]).success, key).toBe(true);
    }
  });
});
