// Every change to an issue is kept (issue #3 "Workflow": who, when, field, old → new): one entry per
// changed field, none for a save that changes nothing, and entries for attachments added or removed.
import { describe, expect, it } from 'vitest';
import { addAttachment, archiveAttachment } from '#services/issues/attachments.ts';
import { setDeviceSettings } from '#services/issues/device.ts';
import { getIssueDetail, transitionIssue, updateIssue } from '#services/issues/issues.ts';
import { addModule } from '#services/reference/systems.ts';
import type { IssueHistoryEntry } from '#contract/index.ts';
import { dumpReplicated } from './helpers.ts';
import { issueWorld, MINUTE, OPERATOR } from './issues-fixtures.ts';

type Change = Pick<IssueHistoryEntry, 'field' | 'oldValue' | 'newValue'>;

const changes = (entries: IssueHistoryEntry[]): Change[] =>
  entries.map(({ field, oldValue, newValue }) => ({ field, oldValue, newValue }));

function historySince(w: ReturnType<typeof issueWorld>, id: string, count: number) {
  return getIssueDetail(w.ctx, id).history.slice(count);
}

describe('issue history', () => {
  it('records the fields set on creation, by the device operator, at the clock time', () => {
    const w = issueWorld();
    const issue = w.issue({
      title: '腕带打印不清',
      description: '打印机型号 ZD888',
      systemId: w.his,
      severity: 'P2',
      blocking: true,
      reporterId: w.nurse,
      tags: ['打印'],
    });
    const { history } = getIssueDetail(w.ctx, issue.id);
    for (const entry of history) {
      expect(entry).toMatchObject({ issueId: issue.id, actor: OPERATOR, at: w.clock.now().toISOString() });
    }
    expect(changes(history).sort((a, b) => a.field.localeCompare(b.field))).toEqual([
      { field: 'blocking', oldValue: null, newValue: 'true' },
      { field: 'category', oldValue: null, newValue: 'defect' },
      { field: 'departmentId', oldValue: null, newValue: w.icu },
      { field: 'description', oldValue: null, newValue: '打印机型号 ZD888' },
      { field: 'reporterId', oldValue: null, newValue: w.nurse },
      { field: 'severity', oldValue: null, newValue: 'P2' },
      { field: 'status', oldValue: null, newValue: 'new' },
      { field: 'systemId', oldValue: null, newValue: w.his },
      { field: 'tags', oldValue: null, newValue: '["打印"]' },
      { field: 'title', oldValue: null, newValue: '腕带打印不清' },
    ]);
  });

  it('writes exactly one entry per changed field with old → new', () => {
    const w = issueWorld();
    const module = addModule(w.ctx, w.his, '住院医生站');
    const issue = w.issue({ systemId: w.his, tags: ['医嘱'] });
    const seen = getIssueDetail(w.ctx, issue.id).history.length;

    w.clock.advance(5 * MINUTE);
    updateIssue(w.ctx, {
      id: issue.id,
      title: '医嘱保存后丢失',
      description: '保存后刷新即消失',
      moduleId: module.id,
      category: 'data_interface',
      severity: 'P1',
      blocking: true,
      reporterId: w.nurse,
      assigneeId: w.engineerA,
      workaround: '先暂存再提交',
      tags: ['医嘱', '保存'],
    });
    const entries = historySince(w, issue.id, seen);
    expect(entries.every((e) => e.actor === OPERATOR && e.at === w.clock.now().toISOString())).toBe(true);
    expect(changes(entries).sort((a, b) => a.field.localeCompare(b.field))).toEqual([
      { field: 'assigneeId', oldValue: null, newValue: w.engineerA },
      { field: 'blocking', oldValue: 'false', newValue: 'true' },
      { field: 'category', oldValue: 'defect', newValue: 'data_interface' },
      { field: 'description', oldValue: null, newValue: '保存后刷新即消失' },
      { field: 'moduleId', oldValue: null, newValue: module.id },
      { field: 'reporterId', oldValue: null, newValue: w.nurse },
      { field: 'severity', oldValue: 'P3', newValue: 'P1' },
      { field: 'tags', oldValue: '["医嘱"]', newValue: '["医嘱","保存"]' },
      { field: 'title', oldValue: '医嘱无法保存', newValue: '医嘱保存后丢失' },
      { field: 'workaround', oldValue: null, newValue: '先暂存再提交' },
    ]);

    // Moving to another system clears the module, and both are recorded; so is another department.
    const seen2 = getIssueDetail(w.ctx, issue.id).history.length;
    w.clock.advance(MINUTE);
    updateIssue(w.ctx, { id: issue.id, systemId: w.emr, departmentId: w.er });
    expect(changes(historySince(w, issue.id, seen2))).toEqual(
      expect.arrayContaining([
        { field: 'systemId', oldValue: w.his, newValue: w.emr },
        { field: 'moduleId', oldValue: module.id, newValue: null },
        { field: 'departmentId', oldValue: w.icu, newValue: w.er },
      ]),
    );
    expect(historySince(w, issue.id, seen2)).toHaveLength(3);
  });

  it('a save that changes nothing writes nothing, not even updatedAt', () => {
    const w = issueWorld();
    const issue = w.issue({ description: '描述', tags: ['a', 'b'], assigneeId: w.engineerA });
    w.clock.advance(MINUTE);
    const before = dumpReplicated(w.ctx);
    const same = updateIssue(w.ctx, {
      id: issue.id,
      title: issue.title,
      description: '描述',
      severity: 'P3',
      blocking: false,
      assigneeId: w.engineerA,
      tags: ['a', 'b'],
    });
    expect(same.updatedAt).toBe(issue.updatedAt);
    expect(updateIssue(w.ctx, { id: issue.id })).toEqual(issue);
    expect(dumpReplicated(w.ctx)).toEqual(before);
  });

  it('a transition records the status and what came with it; the operator comes from the device settings', () => {
    const w = issueWorld();
    const target = w.issue({ title: '原问题' });
    const issue = w.issue();
    let seen = getIssueDetail(w.ctx, issue.id).history.length;

    setDeviceSettings(w.ctx, { operator: '周工', issuePrefix: 'W3' });
    w.clock.advance(MINUTE);
    transitionIssue(w.ctx, { id: issue.id, to: 'resolved', resolution: '已修复' });
    let entries = historySince(w, issue.id, seen);
    expect(entries.map((e) => e.actor)).toEqual(['周工', '周工']);
    expect(changes(entries)).toEqual([
      { field: 'status', oldValue: 'new', newValue: 'resolved' },
      { field: 'resolution', oldValue: null, newValue: '已修复' },
    ]);

    seen += entries.length;
    w.clock.advance(MINUTE);
    transitionIssue(w.ctx, { id: issue.id, to: 'reopened' });
    transitionIssue(w.ctx, { id: issue.id, to: 'duplicate', duplicateOfId: target.id });
    transitionIssue(w.ctx, { id: issue.id, to: 'reopened' });
    entries = historySince(w, issue.id, seen);
    expect(changes(entries)).toEqual([
      { field: 'status', oldValue: 'resolved', newValue: 'reopened' },
      { field: 'status', oldValue: 'reopened', newValue: 'duplicate' },
      { field: 'duplicateOfId', oldValue: null, newValue: target.id },
      { field: 'status', oldValue: 'duplicate', newValue: 'reopened' },
      { field: 'duplicateOfId', oldValue: target.id, newValue: null },
    ]);
  });

  it('adding, removing and restoring an attachment are recorded; a repeated removal is not', () => {
    const w = issueWorld();
    const issue = w.issue();
    const seen = getIssueDetail(w.ctx, issue.id).history.length;
    const png = Buffer.from('89504e470d0a1a0a', 'hex');

    w.clock.advance(MINUTE);
    const attachment = addAttachment(w.ctx, {
      issueId: issue.id,
      fileName: '截图.png',
      mime: 'image/png',
      bytes: png,
    });
    w.clock.advance(MINUTE);
    archiveAttachment(w.ctx, attachment.id, true);
    const afterRemoval = dumpReplicated(w.ctx);
    archiveAttachment(w.ctx, attachment.id, true);
    expect(dumpReplicated(w.ctx)).toEqual(afterRemoval);
    w.clock.advance(MINUTE);
    archiveAttachment(w.ctx, attachment.id, false);

    const entries = historySince(w, issue.id, seen);
    expect(
      entries.map(({ field, oldValue, newValue, actor }) => ({ field, oldValue, newValue, actor })),
    ).toEqual([
      { field: 'attachment', oldValue: null, newValue: '截图.png', actor: OPERATOR },
      { field: 'attachment', oldValue: '截图.png', newValue: null, actor: OPERATOR },
      { field: 'attachment', oldValue: null, newValue: '截图.png', actor: OPERATOR },
    ]);
    expect(new Set(entries.map((e) => e.at)).size).toBe(3);
  });

  it('without an operator the actor is still identifiable (the replica)', () => {
    const w = issueWorld();
    setDeviceSettings(w.ctx, { operator: '', issuePrefix: 'W3' });
    const issue = w.issue();
    const actors = new Set(getIssueDetail(w.ctx, issue.id).history.map((e) => e.actor));
    expect(actors.size).toBe(1);
    expect([...actors][0]).toMatch(/^[0-9a-f]{8}$/);
  });
});
