// Replicas for the sync tests: each is a laptop with its own database file, clock and device settings.
import type { Ctx } from '#services/core/context.ts';
import { findDepartmentByCode } from '#services/reference/departments.ts';
import { setDeviceSettings } from '#services/issues/device.ts';
import { labelReplica, renameReplica } from '#services/core/settings.ts';
import { joinProjectIdentity } from '#services/core/project-identity.ts';
import { exportChanges, importFiles } from '#services/sync/exchange.ts';
import type { ImportReport } from '#contract/index.ts';
import { freshCtx } from './helpers.ts';
import { issueWorld, movableClock, type IssueWorld } from './issues-fixtures.ts';

export type Replica = Pick<IssueWorld, 'ctx' | 'clock' | 'issue'> & { name: string };

/** The project identity the laptops of these tests share (one hospital's project, issue #12). */
export const TEST_PROJECT = '0190f2a0-0000-7000-8000-00000000a11c';

/**
 * A laptop that ran the first-run wizard itself, for the same project as the others (as when every
 * laptop of a project was set up with its identity); `project` names another one.
 */
export function replica(name: string, { project = TEST_PROJECT }: { project?: string } = {}): Replica {
  const world = issueWorld();
  joinProjectIdentity(world.ctx, project);
  renameReplica(world.ctx, name);
  setDeviceSettings(world.ctx, { operator: `工程师${name}`, issuePrefix: name });
  return { name, ctx: world.ctx, clock: world.clock, issue: world.issue };
}

/** A laptop that started from another one's export file (the usual way to join a project). */
export function joining(from: Replica, name: string): Replica {
  const clock = movableClock();
  const ctx = freshCtx({ now: clock.now });
  labelReplica(ctx, name);
  setDeviceSettings(ctx, { operator: `工程师${name}`, issuePrefix: name });
  const joined: Replica = { name, ctx, clock, issue: () => undefined as never };
  exchange(from, joined);
  const icu = findDepartmentByCode(ctx, 'ICU')!.id;
  joined.issue = (overrides = {}) => createIn(ctx, icu, overrides);
  return joined;
}

import { createIssue, type IssueCreate } from '#services/issues/issues.ts';

function createIn(ctx: Ctx, departmentId: string, overrides: Partial<IssueCreate>) {
  return createIssue(ctx, {
    title: '医嘱无法保存',
    departmentId,
    severity: 'P3',
    category: 'defect',
    blocking: false,
    tags: [],
    ...overrides,
  });
}

export function twoReplicas(): { a: Replica; b: Replica } {
  const a = replica('A');
  return { a, b: joining(a, 'B') };
}

/** `from` exports everything it knows; `to` imports it. */
export function exchange(from: Pick<Replica, 'ctx'>, to: Pick<Replica, 'ctx'>): ImportReport {
  const file = exportChanges(from.ctx);
  const report = importFiles(to.ctx, [{ name: file.fileName, bytes: file.bytes }]);
  const refused = report.files.find((f) => f.outcome === 'refused');
  if (refused) throw new Error(`import refused: ${JSON.stringify(refused.error)}`);
  return report;
}

export function getDepartment(ctx: Ctx, code: string) {
  return findDepartmentByCode(ctx, code);
}
