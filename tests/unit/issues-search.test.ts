// Chinese-aware full-text search (issue #3 "Fast capture"): two-character words such as 皮疹 and 医保 that
// trigram cannot find, longer phrases, single characters, English by prefix and case-insensitively, mixed
// text such as "HIS系统", numbers, terms ANDed; the index following every write; and duplicate suggestions.
import { describe, expect, it } from 'vitest';
import { transitionIssue, updateIssue } from '#services/issues/issues.ts';
import { findDuplicates, listIssues } from '#services/issues/queries.ts';
import { indexText, matchExpression } from '#services/issues/search-text.ts';
import { issueWorld, type IssueWorld } from './issues-fixtures.ts';

function search(w: IssueWorld, text: string): string[] {
  return listIssues(w.ctx, { filter: { text }, sort: { key: 'number', dir: 'asc' }, offset: 0, limit: 100 })
    .rows.map((r) => r.title)
    .sort();
}

/** Six issues with Chinese, English and mixed titles, one in another department. */
function searchWorld() {
  const w = issueWorld();
  w.issue({ title: '患者皮疹瘙痒，医嘱无法保存' });
  w.issue({ title: '医保结算失败', description: '门诊医保患者结算时提示接口超时', departmentId: w.er });
  w.issue({ title: '医生工作站登录慢' });
  w.issue({ title: 'HIS系统打印腕带失败', tags: ['打印机'] });
  w.issue({ title: 'Login timeout on EMR', workaround: 'Restart the client' });
  w.issue({ title: 'PACS影像调阅慢' });
  return w;
}

/** Open, closed and other-department issues with titles like “医嘱无法保存”. */
function duplicateWorld() {
  const w = issueWorld();
  const exact = w.issue({ title: '医嘱无法保存' });
  const similar = w.issue({ title: '长期医嘱保存失败，提示超时' });
  const unrelated = w.issue({ title: '打印机卡纸' });
  const closed = w.issue({ title: '医嘱无法保存（旧）' });
  transitionIssue(w.ctx, { id: closed.id, to: 'wont_fix', resolution: '重复提交' });
  const otherDept = w.issue({ title: '医嘱无法保存', departmentId: w.er });
  return { w, exact, similar, unrelated, closed, otherDept };
}

describe('search text (pure)', () => {
  it('indexes Chinese runs as bigrams plus their last character, other words as themselves', () => {
    expect(indexText('皮疹瘙痒')).toBe('皮疹 疹瘙 瘙痒 痒');
    expect(indexText('痒')).toBe('痒');
    expect(indexText('Login 超时', null, undefined, 'EMR')).toBe('login 超时 时 emr');
    expect(indexText('HIS系统登录慢')).toBe('his 系统 统登 登录 录慢 慢');
    expect(indexText('W3-0042')).toBe('w3 0042');
    // Full-width letters and digits (a Chinese IME) are the same as half-width.
    expect(indexText('ＥＭＲ　２号床')).toBe('emr 2 号床 床');
  });

  it('builds an AND of phrases and prefixes, and nothing from punctuation alone', () => {
    expect(matchExpression('皮疹')).toBe('"皮疹"');
    expect(matchExpression('皮疹瘙痒')).toBe('"皮疹 疹瘙 瘙痒"');
    expect(matchExpression('痒')).toBe('"痒"*');
    expect(matchExpression('EMR 登录')).toBe('"emr"* AND "登录"');
    expect(matchExpression('医保 login', { anyTerm: true })).toBe('"医保" OR "login"*');
    expect(matchExpression('"; DROP TABLE --')).toBe('"drop"* AND "table"*');
    expect(matchExpression(' —— ，。')).toBeNull();
  });
});

describe('issue search', () => {
  it('finds two-character Chinese words', () => {
    const w = searchWorld();
    expect(search(w, '皮疹')).toEqual(['患者皮疹瘙痒，医嘱无法保存']);
    expect(search(w, '医保')).toEqual(['医保结算失败']);
    expect(search(w, '失败')).toEqual(['HIS系统打印腕带失败', '医保结算失败']);
    expect(search(w, '医嘱')).toEqual(['患者皮疹瘙痒，医嘱无法保存']);
  });

  it('finds longer phrases only where the characters are adjacent', () => {
    const w = searchWorld();
    expect(search(w, '皮疹瘙痒')).toEqual(['患者皮疹瘙痒，医嘱无法保存']);
    expect(search(w, '结算失败')).toEqual(['医保结算失败']);
    expect(search(w, '打印失败')).toEqual([]);
    expect(search(w, '皮痒')).toEqual([]);
  });

  it('finds single characters anywhere in a word, including the last', () => {
    const w = searchWorld();
    expect(search(w, '皮')).toEqual(['患者皮疹瘙痒，医嘱无法保存']);
    expect(search(w, '慢')).toEqual(['PACS影像调阅慢', '医生工作站登录慢']);
    expect(search(w, '存')).toEqual(['患者皮疹瘙痒，医嘱无法保存']);
  });

  it('finds English words case-insensitively and by prefix', () => {
    const w = searchWorld();
    expect(search(w, 'login')).toEqual(['Login timeout on EMR']);
    expect(search(w, 'LOGIN')).toEqual(['Login timeout on EMR']);
    expect(search(w, 'Log')).toEqual(['Login timeout on EMR']);
    expect(search(w, 'restart')).toEqual(['Login timeout on EMR']);
    expect(search(w, 'ogin')).toEqual([]);
  });

  it('finds mixed Latin and Chinese text, written together or apart', () => {
    const w = searchWorld();
    expect(search(w, 'HIS')).toEqual(['HIS系统打印腕带失败']);
    expect(search(w, '系统')).toEqual(['HIS系统打印腕带失败']);
    expect(search(w, 'HIS系统')).toEqual(['HIS系统打印腕带失败']);
    expect(search(w, 'pacs 影像')).toEqual(['PACS影像调阅慢']);
    expect(search(w, '影像')).toEqual(['PACS影像调阅慢']);
  });

  it('ANDs the terms', () => {
    const w = searchWorld();
    expect(search(w, '医保 超时')).toEqual(['医保结算失败']);
    expect(search(w, 'EMR login')).toEqual(['Login timeout on EMR']);
    expect(search(w, '医保 login')).toEqual([]);
    expect(search(w, '打印机 腕带')).toEqual(['HIS系统打印腕带失败']);
  });

  it('finds an issue by its number', () => {
    const w = searchWorld();
    const titles = listIssues(w.ctx, {
      filter: {},
      sort: { key: 'number', dir: 'asc' },
      offset: 0,
      limit: 10,
    }).rows;
    expect(titles.map((r) => r.number)).toEqual([
      'W3-0001',
      'W3-0002',
      'W3-0003',
      'W3-0004',
      'W3-0005',
      'W3-0006',
    ]);
    expect(search(w, 'W3-0002')).toEqual(['医保结算失败']);
    expect(search(w, 'w3-0002')).toEqual(['医保结算失败']);
    expect(search(w, '0004')).toEqual(['HIS系统打印腕带失败']);
    expect(search(w, 'W3')).toHaveLength(6);
  });

  it('combines with the other filters', () => {
    const w = searchWorld();
    expect(
      listIssues(w.ctx, {
        filter: { text: '医保', departmentIds: [w.icu] },
        sort: { key: 'number', dir: 'asc' },
        offset: 0,
        limit: 10,
      }).total,
    ).toBe(0);
    expect(search(w, '，。！')).toHaveLength(6);
  });

  it('follows edits of the title, description and resolution', () => {
    const w = issueWorld();
    const issue = w.issue({ title: '医保结算失败', description: '提示接口超时' });
    updateIssue(w.ctx, { id: issue.id, title: '电子处方无法签名' });
    expect(search(w, '医保')).toEqual([]);
    expect(search(w, '签名')).toEqual(['电子处方无法签名']);
    expect(search(w, '超时')).toEqual(['电子处方无法签名']);

    updateIssue(w.ctx, { id: issue.id, description: 'CA 证书过期' });
    expect(search(w, '超时')).toEqual([]);
    expect(search(w, '证书')).toEqual(['电子处方无法签名']);
    expect(search(w, 'ca')).toEqual(['电子处方无法签名']);

    transitionIssue(w.ctx, { id: issue.id, to: 'resolved', resolution: '已更换UKey' });
    expect(search(w, 'ukey')).toEqual(['电子处方无法签名']);
    expect(search(w, '更换')).toEqual(['电子处方无法签名']);
    // One index row per issue, however often it changed.
    expect(search(w, '电子处方')).toEqual(['电子处方无法签名']);
    const rows = w.ctx.sqlite.prepare('SELECT count(*) AS n FROM pilot_issue_search').get() as { n: number };
    expect(rows.n).toBe(1);
  });
});

describe('duplicate suggestions', () => {
  it('ranks the most similar open issue of the department first', () => {
    const { w, exact, similar } = duplicateWorld();
    const found = findDuplicates(w.ctx, { title: '医嘱无法保存', departmentId: w.icu });
    expect(found.map((d) => d.id)).toEqual([exact.id, similar.id]);
    expect(found[0]).toEqual({
      id: exact.id,
      number: exact.number,
      title: exact.title,
      status: 'new',
      reportedAt: exact.reportedAt,
    });
  });

  it('leaves out other departments when a department is given, and includes them otherwise', () => {
    const { w, otherDept } = duplicateWorld();
    expect(
      findDuplicates(w.ctx, { title: '医嘱无法保存', departmentId: w.icu }).map((d) => d.id),
    ).not.toContain(otherDept.id);
    expect(findDuplicates(w.ctx, { title: '医嘱无法保存', departmentId: w.er }).map((d) => d.id)).toEqual([
      otherDept.id,
    ]);
    expect(findDuplicates(w.ctx, { title: '医嘱无法保存' }).map((d) => d.id)).toContain(otherDept.id);
  });

  it('leaves out closed issues and the issue being edited', () => {
    const { w, exact, similar, closed } = duplicateWorld();
    const ids = findDuplicates(w.ctx, { title: '医嘱无法保存', departmentId: w.icu }).map((d) => d.id);
    expect(ids).not.toContain(closed.id);
    expect(
      findDuplicates(w.ctx, { title: '医嘱无法保存', departmentId: w.icu, excludeId: exact.id }).map(
        (d) => d.id,
      ),
    ).toEqual([similar.id]);
  });

  it('suggests while typing: partial titles and English words', () => {
    const { w, exact, similar } = duplicateWorld();
    expect(
      findDuplicates(w.ctx, { title: '医嘱', departmentId: w.icu })
        .map((d) => d.id)
        .sort(),
    ).toEqual([exact.id, similar.id].sort());
    expect(findDuplicates(w.ctx, { title: '医', departmentId: w.icu })).toEqual([]);
    expect(findDuplicates(w.ctx, { title: '  ', departmentId: w.icu })).toEqual([]);
    const english = w.issue({ title: 'Login timeout on EMR' });
    expect(findDuplicates(w.ctx, { title: 'emr logi' }).map((d) => d.id)).toEqual([english.id]);
  });

  it('offers at most five', () => {
    const w = issueWorld();
    for (let i = 0; i < 8; i++) w.issue({ title: `医嘱无法保存 ${i}` });
    expect(findDuplicates(w.ctx, { title: '医嘱无法保存', departmentId: w.icu })).toHaveLength(5);
  });
});
