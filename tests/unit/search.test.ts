// Search across areas (issue 12 §17): issues, people, sessions and discrepancies from one box.
import { describe, expect, it } from 'vitest';
import { createPerson } from '#services/reference/people.ts';
import { createSession } from '#services/training/sessions.ts';
import { searchAll } from '#services/search/search.ts';
import { createHandlers } from '#main/ipc/handlers.ts';
import { issueWorld } from './issues-fixtures.ts';

describe('search', () => {
  it('finds issues, people and sessions by what the user remembers of them', () => {
    const w = issueWorld();
    const issue = w.issue({ title: '检验结果无法回传到护士站' });
    w.issue({ title: '打印机缺纸' });
    const nurse = createPerson(w.ctx, {
      name: '王检验',
      role: null,
      title: '检验科技师',
      phone: null,
      organisation: 'hospital',
      departmentId: w.icu,
      employeeNo: '00417',
    });
    const session = createSession(w.ctx, {
      topic: '检验系统标本流转培训',
      tier: 'medtech',
      format: 'classroom',
      trainerId: null,
      startsAt: '2026-11-10T01:00:00.000Z',
      durationMinutes: 90,
      place: '检验科示教室',
      materialVersion: 'v1',
      passMark: 80,
      departmentIds: [],
    });
    const hits = searchAll(w.ctx, { text: '检验', limit: 5 });
    expect(hits.map((h) => [h.kind, h.id])).toEqual([
      ['issue', issue.id],
      ['person', nurse.id],
      ['session', session.id],
    ]);
    expect(hits[0]).toMatchObject({
      title: `${issue.number} 检验结果无法回传到护士站`,
      detail: '重症医学科',
    });
    expect(hits[0]!.href).toBe(`/issues/${issue.id}`);
    // By employee number, through the handler table (input parsed as over IPC).
    expect(searchAll(w.ctx, { text: '00417', limit: 5 }).map((h) => h.id)).toEqual([nurse.id]);
    expect(searchAll(w.ctx, { text: '没有这个词', limit: 5 })).toEqual([]);
    expect(typeof createHandlers(w.ctx)['search.query']).toBe('function');
  });
});
