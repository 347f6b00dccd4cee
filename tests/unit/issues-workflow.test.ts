// The pilot-issue workflow (issue #3 "Workflow"): every one of the 9 × 9 status pairs, both as the pure
// rule and through transitionIssue; the side conditions (resolution, duplicate-of, reopen, first response);
// and bulk changes from the list.
import { describe, expect, it } from 'vitest';
import { createHandlers } from '#main/ipc/handlers.ts';
import { getIssueDetail, transitionIssue, updateIssue } from '#services/issues/issues.ts';
import {
  allowedTransitions,
  canTransition,
  doneStatuses,
  openStatuses,
  stampsOnArrival,
} from '#services/issues/workflow.ts';
import { setLocale } from '#services/core/settings.ts';
import { issueStatuses, type Handlers, type IssueStatus } from '#contract/index.ts';
import { resources } from '#contract/i18n/index.ts';
import { dumpReplicated } from './helpers.ts';
import {
  expectAppError,
  expectRefusedWithoutWrites,
  issueWorld,
  MINUTE,
  userMessage,
  type IssueWorld,
} from './issues-fixtures.ts';

// The workflow graph (new → acknowledged → in progress → resolved → verified → closed, plus reopened,
// won't fix and duplicate-of), written out independently of workflow.ts.
const legal: Record<IssueStatus, IssueStatus[]> = {
  new: ['acknowledged', 'in_progress', 'resolved', 'wont_fix', 'duplicate'],
  acknowledged: ['in_progress', 'resolved', 'wont_fix', 'duplicate'],
  in_progress: ['resolved', 'wont_fix', 'duplicate'],
  resolved: ['verified', 'reopened'],
  verified: ['closed', 'reopened'],
  closed: ['reopened'],
  reopened: ['acknowledged', 'in_progress', 'resolved', 'wont_fix', 'duplicate'],
  wont_fix: ['reopened'],
  duplicate: ['reopened'],
};

const pairs = issueStatuses.flatMap((from) =>
  issueStatuses.map((to) => ({ from, to, ok: legal[from].includes(to) })),
);

/** A legal path from `new` to each status. */
const pathTo: Record<IssueStatus, IssueStatus[]> = {
  new: [],
  acknowledged: ['acknowledged'],
  in_progress: ['in_progress'],
  resolved: ['resolved'],
  verified: ['resolved', 'verified'],
  closed: ['resolved', 'verified', 'closed'],
  reopened: ['resolved', 'reopened'],
  wont_fix: ['wont_fix'],
  duplicate: ['duplicate'],
};

/** Moves an issue along a legal path, supplying what each step needs. */
function walk(w: IssueWorld, id: string, steps: IssueStatus[], duplicateOfId: string) {
  for (const to of steps) {
    w.clock.advance(MINUTE);
    transitionIssue(w.ctx, { id, to, resolution: '已修复，重新登录即可', duplicateOfId });
  }
}

describe('the workflow graph (pure)', () => {
  it('covers all 81 pairs: exactly the documented transitions are allowed', () => {
    expect(pairs).toHaveLength(81);
    for (const { from, to, ok } of pairs) expect(canTransition(from, to), `${from} → ${to}`).toBe(ok);
    for (const from of issueStatuses)
      expect([...allowedTransitions(from)].sort()).toEqual(legal[from].sort());
  });

  it('stamps an issue arriving in a status (imported) as if it had walked there', () => {
    const t = '2026-11-20T01:00:00.000Z';
    const none = { acknowledgedAt: null, resolvedAt: null, verifiedAt: null, closedAt: null };
    expect(stampsOnArrival('new', t)).toEqual(none);
    expect(stampsOnArrival('in_progress', t)).toEqual({ ...none, acknowledgedAt: t });
    expect(stampsOnArrival('reopened', t)).toEqual({ ...none, acknowledgedAt: t });
    expect(stampsOnArrival('wont_fix', t)).toEqual({ ...none, acknowledgedAt: t, resolvedAt: t });
    // Verified and closed come after resolved: such an issue is dealt with, never open or overdue.
    expect(stampsOnArrival('verified', t)).toEqual({
      ...none,
      acknowledgedAt: t,
      resolvedAt: t,
      verifiedAt: t,
    });
    expect(stampsOnArrival('closed', t)).toEqual({
      acknowledgedAt: t,
      resolvedAt: t,
      verifiedAt: t,
      closedAt: t,
    });
  });

  it('splits the statuses into open and dealt-with, with nothing in both or neither', () => {
    expect([...openStatuses, ...doneStatuses].sort()).toEqual([...issueStatuses].sort());
    expect(openStatuses.filter((s) => doneStatuses.includes(s))).toEqual([]);
  });
});

describe('transitionIssue', () => {
  it.each(pairs.filter((p) => p.ok))('allows $from → $to', ({ from, to }) => {
    const w = issueWorld();
    const target = w.issue({ title: '重复目标' });
    const issue = w.issue();
    walk(w, issue.id, pathTo[from], target.id);
    expect(getIssueDetail(w.ctx, issue.id).issue.status).toBe(from);

    w.clock.advance(MINUTE);
    const after = transitionIssue(w.ctx, {
      id: issue.id,
      to,
      resolution: '已修复',
      duplicateOfId: target.id,
    });
    expect(after.status).toBe(to);
    expect(after.updatedAt).toBe(w.clock.now().toISOString());
    expect(getIssueDetail(w.ctx, issue.id).allowedTransitions.sort()).toEqual(legal[to].sort());
  });

  it.each(pairs.filter((p) => !p.ok))(
    'refuses $from → $to, naming both statuses, and writes nothing',
    ({ from, to }) => {
      const w = issueWorld();
      const target = w.issue({ title: '重复目标' });
      const issue = w.issue();
      walk(w, issue.id, pathTo[from], target.id);
      w.clock.advance(MINUTE);

      const error = expectRefusedWithoutWrites(
        w.ctx,
        () => transitionIssue(w.ctx, { id: issue.id, to, resolution: '已修复', duplicateOfId: target.id }),
        'illegal_transition',
      );
      expect(error.params).toEqual({ number: issue.number, from, to });
      for (const locale of ['zh-CN', 'en'] as const) {
        const { statuses } = resources[locale].translation.issue;
        const message = userMessage(error, locale);
        expect(message).toContain(issue.number);
        expect(message).toContain(statuses[from]);
        expect(message).toContain(statuses[to]);
        expect(message).not.toMatch(/\$t\(|\{\{/);
      }
    },
  );

  it('requires a resolution for resolved and won’t fix, and keeps the one given', () => {
    for (const to of ['resolved', 'wont_fix'] as const) {
      const w = issueWorld();
      const issue = w.issue();
      const error = expectRefusedWithoutWrites(
        w.ctx,
        () => transitionIssue(w.ctx, { id: issue.id, to }),
        'resolution_required',
      );
      expect(userMessage(error)).toContain(issue.number);
      expectRefusedWithoutWrites(
        w.ctx,
        () => transitionIssue(w.ctx, { id: issue.id, to, resolution: null }),
        'resolution_required',
      );
      const done = transitionIssue(w.ctx, { id: issue.id, to, resolution: '升级到 5.2.1 后恢复' });
      expect(done).toMatchObject({ status: to, resolution: '升级到 5.2.1 后恢复' });
    }
  });

  it('duplicate-of needs an existing target other than the issue itself', () => {
    const w = issueWorld();
    const issue = w.issue();
    expectRefusedWithoutWrites(
      w.ctx,
      () => transitionIssue(w.ctx, { id: issue.id, to: 'duplicate' }),
      'duplicate_target_required',
    );
    expectRefusedWithoutWrites(
      w.ctx,
      () => transitionIssue(w.ctx, { id: issue.id, to: 'duplicate', duplicateOfId: 'no-such-issue' }),
      'duplicate_target_required',
    );
    const self = expectRefusedWithoutWrites(
      w.ctx,
      () => transitionIssue(w.ctx, { id: issue.id, to: 'duplicate', duplicateOfId: issue.id }),
      'duplicate_of_self',
    );
    expect(userMessage(self)).toContain(issue.number);
  });

  it('duplicate-of follows a chain to its root, links both ways, and refuses a cycle', () => {
    const w = issueWorld();
    const a = w.issue({ title: 'A 医嘱无法保存' });
    const b = w.issue({ title: 'B 医嘱保存失败' });
    const c = w.issue({ title: 'C 保存医嘱报错' });
    transitionIssue(w.ctx, { id: b.id, to: 'duplicate', duplicateOfId: a.id });
    // C is marked a duplicate of B, which is itself a duplicate of A: C points at A.
    const marked = transitionIssue(w.ctx, { id: c.id, to: 'duplicate', duplicateOfId: b.id });
    expect(marked.duplicateOfId).toBe(a.id);

    const detailC = getIssueDetail(w.ctx, c.id);
    expect(detailC.duplicateOf).toEqual({ id: a.id, number: a.number, title: a.title });
    expect(
      getIssueDetail(w.ctx, a.id)
        .duplicates.map((d) => d.number)
        .sort(),
    ).toEqual([b.number, c.number]);

    // A → duplicate of B would make A a duplicate of itself through B.
    expectRefusedWithoutWrites(
      w.ctx,
      () => transitionIssue(w.ctx, { id: a.id, to: 'duplicate', duplicateOfId: b.id }),
      'duplicate_of_self',
    );
  });

  it('moves the duplicates of an issue to its original when it becomes a duplicate itself', () => {
    const w = issueWorld();
    const a = w.issue({ title: 'A 打印空白' });
    const b = w.issue({ title: 'B 打印空白页' });
    const c = w.issue({ title: 'C 打印机驱动问题' });
    transitionIssue(w.ctx, { id: b.id, to: 'duplicate', duplicateOfId: a.id });
    transitionIssue(w.ctx, { id: a.id, to: 'duplicate', duplicateOfId: c.id });
    expect(getIssueDetail(w.ctx, b.id).duplicateOf?.id).toBe(c.id);
    expect(
      getIssueDetail(w.ctx, c.id)
        .duplicates.map((d) => d.number)
        .sort(),
    ).toEqual([a.number, b.number].sort());
    expect(getIssueDetail(w.ctx, a.id).duplicates).toEqual([]);
    const moved = getIssueDetail(w.ctx, b.id).history.filter((h) => h.field === 'duplicateOfId');
    expect(moved.map((h) => [h.oldValue, h.newValue])).toEqual([
      [null, a.id],
      [a.id, c.id],
    ]);
  });

  it('sets acknowledgedAt once, on the first move out of new, whatever the direction', () => {
    const w = issueWorld();
    const issue = w.issue();
    expect(issue.acknowledgedAt).toBeNull();
    w.clock.advance(10 * MINUTE);
    const firstResponse = w.clock.now().toISOString();
    expect(transitionIssue(w.ctx, { id: issue.id, to: 'in_progress' }).acknowledgedAt).toBe(firstResponse);
    for (const to of ['resolved', 'reopened', 'acknowledged', 'in_progress'] as const) {
      w.clock.advance(MINUTE);
      expect(transitionIssue(w.ctx, { id: issue.id, to, resolution: 'x' }).acknowledgedAt).toBe(
        firstResponse,
      );
    }

    // Resolving straight from new is a response too.
    const direct = w.issue();
    w.clock.advance(MINUTE);
    const resolved = transitionIssue(w.ctx, { id: direct.id, to: 'resolved', resolution: '操作指导' });
    expect(resolved.acknowledgedAt).toBe(w.clock.now().toISOString());
    expect(resolved.resolvedAt).toBe(w.clock.now().toISOString());
  });

  it('stamps resolved, verified and closed, and reopening clears them and the duplicate link', () => {
    const w = issueWorld();
    const issue = w.issue();
    const at = () => w.clock.now().toISOString();
    w.clock.advance(MINUTE);
    const resolved = transitionIssue(w.ctx, { id: issue.id, to: 'resolved', resolution: '已修复' });
    expect(resolved.resolvedAt).toBe(at());
    w.clock.advance(MINUTE);
    const verified = transitionIssue(w.ctx, { id: issue.id, to: 'verified' });
    expect(verified).toMatchObject({ resolvedAt: resolved.resolvedAt, verifiedAt: at() });
    w.clock.advance(MINUTE);
    const closed = transitionIssue(w.ctx, { id: issue.id, to: 'closed' });
    expect(closed).toMatchObject({ verifiedAt: verified.verifiedAt, closedAt: at() });

    w.clock.advance(MINUTE);
    const reopened = transitionIssue(w.ctx, { id: issue.id, to: 'reopened' });
    expect(reopened).toMatchObject({
      status: 'reopened',
      acknowledgedAt: resolved.acknowledgedAt,
      resolvedAt: null,
      verifiedAt: null,
      closedAt: null,
    });

    const target = w.issue({ title: '原问题' });
    const dup = w.issue();
    const marked = transitionIssue(w.ctx, { id: dup.id, to: 'duplicate', duplicateOfId: target.id });
    expect(marked).toMatchObject({ duplicateOfId: target.id, resolvedAt: at() });
    const back = transitionIssue(w.ctx, { id: dup.id, to: 'reopened' });
    expect(back).toMatchObject({ duplicateOfId: null, resolvedAt: null });
    expect(getIssueDetail(w.ctx, target.id).duplicates).toEqual([]);
  });

  it('an unknown issue is not_found', () => {
    const w = issueWorld();
    expectAppError(() => transitionIssue(w.ctx, { id: 'nope', to: 'acknowledged' }), 'not_found');
  });
});

/** Bulk changes through the real handler, which translates the refusals into the user's language. */
async function bulk(w: IssueWorld, input: Parameters<Handlers['issues.bulkUpdate']>[0]) {
  return await createHandlers(w.ctx)['issues.bulkUpdate'](input);
}

describe('bulk update', () => {
  it('applies the legal changes and lists the illegal ones with a translated message', async () => {
    const w = issueWorld();
    const fresh = w.issue({ title: '新问题' });
    const acknowledged = w.issue({ title: '已响应的问题' });
    transitionIssue(w.ctx, { id: acknowledged.id, to: 'acknowledged' });
    const closed = w.issue({ title: '已关闭的问题' });
    walk(w, closed.id, pathTo.closed, fresh.id);
    const alreadyThere = w.issue({ title: '已在处理' });
    transitionIssue(w.ctx, { id: alreadyThere.id, to: 'in_progress' });
    w.clock.advance(MINUTE);
    const closedBefore = getIssueDetail(w.ctx, closed.id);

    const result = await bulk(w, {
      ids: [fresh.id, acknowledged.id, closed.id, alreadyThere.id],
      status: 'in_progress',
      assigneeId: w.engineerA,
    });

    expect(result.updated).toBe(3);
    expect(result.refused).toEqual([
      {
        id: closed.id,
        number: closed.number,
        message: `问题 ${closed.number} 不能从“已关闭”改为“处理中”。`,
      },
    ]);
    for (const id of [fresh.id, acknowledged.id, alreadyThere.id]) {
      expect(getIssueDetail(w.ctx, id).issue).toMatchObject({
        status: 'in_progress',
        assigneeId: w.engineerA,
      });
    }
    // The refused issue keeps its assignee too: its changes are all or nothing.
    expect(getIssueDetail(w.ctx, closed.id)).toEqual(closedBefore);
  });

  it('uses the user’s language for the refusals and passes the resolution on', async () => {
    const w = issueWorld();
    setLocale(w.ctx, 'en');
    const open = w.issue();
    const closed = w.issue();
    walk(w, closed.id, pathTo.closed, open.id);
    const noResolution = await bulk(w, { ids: [open.id], status: 'resolved' });
    expect(noResolution.updated).toBe(0);
    expect(noResolution.refused[0]!.message).toBe(
      `Issue ${open.number}: enter the resolution before marking it resolved or won’t fix.`,
    );
    const result = await bulk(w, { ids: [open.id, closed.id], status: 'resolved', resolution: '已修复' });
    expect(result.updated).toBe(1);
    expect(result.refused[0]!.message).toMatch(/cannot go from “Closed” to “Resolved”/i);
    expect(getIssueDetail(w.ctx, open.id).issue).toMatchObject({ status: 'resolved', resolution: '已修复' });
  });

  it('is one transaction: an issue that cannot be read aborts the whole batch', async () => {
    const w = issueWorld();
    const a = w.issue();
    const b = w.issue();
    const before = dumpReplicated(w.ctx);
    await expect(
      bulk(w, { ids: [a.id, b.id, 'deleted-meanwhile'], status: 'acknowledged' }),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect(dumpReplicated(w.ctx)).toEqual(before);
  });

  it('changes only the assignee when no status is given', async () => {
    const w = issueWorld();
    const a = w.issue({ assigneeId: w.engineerA });
    const result = await bulk(w, { ids: [a.id], assigneeId: w.engineerB });
    expect(result).toEqual({ updated: 1, refused: [] });
    expect(getIssueDetail(w.ctx, a.id).issue).toMatchObject({ status: 'new', assigneeId: w.engineerB });
    updateIssue(w.ctx, { id: a.id, assigneeId: null });
    expect(getIssueDetail(w.ctx, a.id).issue.assigneeId).toBeNull();
  });
});
