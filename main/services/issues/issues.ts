// Pilot issues: capture, edit, workflow, history, deadlines. Every write is one transaction that also
// appends its history entries, so an issue and its history never disagree.
import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import {
  department,
  issueAttachment,
  issueHistory,
  pilotIssue,
  person,
  project,
  system,
  systemModule,
} from '#db/schema.ts';
import { defaultSla } from '#contract/values/issues.ts';
import type {
  IssueDetail,
  IssueHistoryEntry,
  IssueStatus,
  PilotIssue,
  Severity,
  SlaConfig,
} from '#contract/index.ts';
import { inTransaction, statement, type Ctx } from '#services/core/context.ts';
import { AppError } from '#services/core/errors.ts';
import { deleteRecord, getRecord, insertRecord, updateRecord } from '#services/core/records.ts';
import { ensureReplica, getLocalSetting, setLocalSetting } from '#services/core/settings.ts';
import { getDeviceSettings } from './device.ts';
import { deadlines, overdueKind } from './sla.ts';
import { allowedTransitions, canTransition, stampsAfter, stampsOnArrival } from './workflow.ts';

type IssueRow = typeof pilotIssue.$inferSelect;

export function toIssue(row: IssueRow): PilotIssue {
  const { replicaId: _r, seq: _s, importKey: _k, tags, ...rest } = row;
  return { ...rest, tags: JSON.parse(tags) as string[] };
}

function actor(ctx: Ctx): string {
  return getDeviceSettings(ctx).operator || ensureReplica(ctx).id.slice(-8);
}

// ---------------------------------------------------------------- SLA

export function getSla(ctx: Ctx): SlaConfig {
  const row = ctx.db.select({ sla: project.sla }).from(project).limit(1).get();
  return row?.sla ? (JSON.parse(row.sla) as SlaConfig) : defaultSla;
}

/** New targets apply to open issues too: their deadlines are recomputed from the stored report time. */
export function setSla(ctx: Ctx, sla: SlaConfig): SlaConfig {
  return inTransaction(ctx, () => {
    const p = ctx.db.select({ id: project.id }).from(project).limit(1).get();
    if (!p) throw new AppError('project_missing');
    updateRecord(ctx, project, p.id, { sla: JSON.stringify(sla) });
    const open = ctx.db
      .select()
      .from(pilotIssue)
      .where(inArray(pilotIssue.status, ['new', 'acknowledged', 'in_progress', 'reopened']))
      .all();
    for (const issue of open)
      updateRecord(ctx, pilotIssue, issue.id, deadlines(issue.reportedAt, issue.severity, sla));
    return sla;
  });
}

// ---------------------------------------------------------------- history

const historyFields = [
  'title',
  'description',
  'departmentId',
  'systemId',
  'moduleId',
  'category',
  'severity',
  'blocking',
  'reporterId',
  'assigneeId',
  'status',
  'duplicateOfId',
  'workaround',
  'resolution',
  'tags',
] as const;

function asText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function recordHistory(ctx: Ctx, before: IssueRow | null, after: IssueRow, at: string, who: string) {
  for (const field of historyFields) {
    const oldValue = before ? asText(before[field]) : null;
    const newValue = asText(after[field]);
    if (before && oldValue === newValue) continue;
    if (!before && newValue === null) continue;
    insertRecord(ctx, issueHistory, { issueId: after.id, at, actor: who, field, oldValue, newValue });
  }
}

/** A history entry for something that is not a column of the issue (attachments). */
export function recordEvent(
  ctx: Ctx,
  issueId: string,
  field: string,
  oldValue: string | null,
  newValue: string | null,
) {
  insertRecord(ctx, issueHistory, {
    issueId,
    at: ctx.now().toISOString(),
    actor: actor(ctx),
    field,
    oldValue,
    newValue,
  });
}

// ---------------------------------------------------------------- references

function checkReferences(
  ctx: Ctx,
  refs: {
    departmentId?: string;
    systemId?: string | null;
    moduleId?: string | null;
    reporterId?: string | null;
    assigneeId?: string | null;
  },
) {
  const exists = (
    table: typeof department | typeof system | typeof systemModule | typeof person,
    id: string,
  ) => ctx.db.select({ id: table.id }).from(table).where(eq(table.id, id)).get() !== undefined;
  if (refs.departmentId && !exists(department, refs.departmentId))
    throw new AppError('not_found', { id: refs.departmentId });
  if (refs.systemId && !exists(system, refs.systemId)) throw new AppError('not_found', { id: refs.systemId });
  if (refs.moduleId) {
    const m = ctx.db.select().from(systemModule).where(eq(systemModule.id, refs.moduleId)).get();
    if (!m) throw new AppError('not_found', { id: refs.moduleId });
    if (refs.systemId && m.systemId !== refs.systemId) throw new AppError('module_mismatch');
  }
  for (const id of [refs.reporterId, refs.assigneeId])
    if (id && !exists(person, id)) throw new AppError('not_found', { id });
}

// ---------------------------------------------------------------- create / update

export interface IssueCreate {
  title: string;
  departmentId: string;
  severity: Severity;
  description?: string | null;
  systemId?: string | null;
  moduleId?: string | null;
  category: PilotIssue['category'];
  blocking: boolean;
  reporterId?: string | null;
  assigneeId?: string | null;
  workaround?: string | null;
  tags: string[];
  reportedAt?: string;
  /** Set by the sheet importer. */
  importKey?: string | null;
  /** Imported rows may arrive with a status and resolution already. */
  status?: IssueStatus;
  resolution?: string | null;
}

export function createIssue(ctx: Ctx, input: IssueCreate): PilotIssue {
  return inTransaction(ctx, () => {
    checkReferences(ctx, input);
    const replica = ensureReplica(ctx);
    const device = getDeviceSettings(ctx);
    const last = statement(ctx, 'SELECT max(seq) AS seq FROM pilot_issue WHERE replica_id = ?').get(
      replica.id,
    ) as {
      seq: number | null;
    };
    const seq = (last.seq ?? 0) + 1;
    const now = ctx.now().toISOString();
    const reportedAt = input.reportedAt ? new Date(input.reportedAt).toISOString() : now;
    const status = input.status ?? 'new';
    const stamps = stampsOnArrival(status, reportedAt);
    const row = insertRecord(ctx, pilotIssue, {
      number: `${device.issuePrefix}-${String(seq).padStart(4, '0')}`,
      replicaId: replica.id,
      seq,
      title: input.title,
      description: input.description ?? null,
      departmentId: input.departmentId,
      systemId: input.systemId ?? null,
      moduleId: input.moduleId ?? null,
      category: input.category,
      severity: input.severity,
      blocking: input.blocking,
      reporterId: input.reporterId ?? null,
      assigneeId: input.assigneeId ?? null,
      status,
      duplicateOfId: null,
      workaround: input.workaround ?? null,
      resolution: input.resolution ?? null,
      tags: JSON.stringify(input.tags),
      reportedAt,
      ...stamps,
      ...deadlines(reportedAt, input.severity, getSla(ctx)),
      importKey: input.importKey ?? null,
    });
    recordHistory(ctx, null, row, now, device.operator || replica.id.slice(-8));
    setLocalSetting(ctx, 'lastCapture', {
      departmentId: row.departmentId,
      systemId: row.systemId,
      moduleId: row.moduleId,
      reporterId: row.reporterId,
    });
    return toIssue(row);
  });
}

export interface IssueUpdate {
  id: string;
  title?: string;
  description?: string | null;
  departmentId?: string;
  systemId?: string | null;
  moduleId?: string | null;
  category?: PilotIssue['category'];
  severity?: Severity;
  blocking?: boolean;
  reporterId?: string | null;
  assigneeId?: string | null;
  workaround?: string | null;
  resolution?: string | null;
  tags?: string[];
}

export function updateIssue(ctx: Ctx, { id, tags, ...fields }: IssueUpdate): PilotIssue {
  return inTransaction(ctx, () => {
    const before = getRecord(ctx, pilotIssue, id);
    const systemId = fields.systemId === undefined ? before.systemId : fields.systemId;
    const moduleId =
      fields.moduleId === undefined
        ? fields.systemId !== undefined && fields.systemId !== before.systemId
          ? null
          : before.moduleId
        : fields.moduleId;
    checkReferences(ctx, { ...fields, systemId, moduleId });
    const patch: Partial<IssueRow> = { ...fields, moduleId };
    if (tags) patch.tags = JSON.stringify(tags);
    if (fields.severity && fields.severity !== before.severity) {
      Object.assign(patch, deadlines(before.reportedAt, fields.severity, getSla(ctx)));
    }
    const after = updateRecord(ctx, pilotIssue, id, patch);
    if (after !== before) recordHistory(ctx, before, after, ctx.now().toISOString(), actor(ctx));
    return toIssue(after);
  });
}

export interface IssueTransition {
  id: string;
  to: IssueStatus;
  resolution?: string | null;
  duplicateOfId?: string | null;
}

export function transitionIssue(ctx: Ctx, input: IssueTransition): PilotIssue {
  return inTransaction(ctx, () => {
    const before = getRecord(ctx, pilotIssue, input.id);
    if (!canTransition(before.status, input.to)) {
      throw new AppError('illegal_transition', { number: before.number, from: before.status, to: input.to });
    }
    const patch: Partial<IssueRow> = { status: input.to };
    if (input.to === 'resolved' || input.to === 'wont_fix') {
      const resolution = input.resolution ?? before.resolution;
      if (!resolution) throw new AppError('resolution_required', { number: before.number });
      patch.resolution = resolution;
    }
    if (input.to === 'duplicate') {
      const target = input.duplicateOfId
        ? ctx.db.select().from(pilotIssue).where(eq(pilotIssue.id, input.duplicateOfId)).get()
        : undefined;
      if (!target) throw new AppError('duplicate_target_required', { number: before.number });
      if (target.id === before.id) throw new AppError('duplicate_of_self', { number: before.number });
      // Point at the root so chains never form (A → B → A would hide both).
      let root = target;
      const seen = new Set([before.id]);
      while (root.status === 'duplicate' && root.duplicateOfId && !seen.has(root.id)) {
        seen.add(root.id);
        const next = ctx.db.select().from(pilotIssue).where(eq(pilotIssue.id, root.duplicateOfId)).get();
        if (!next) break;
        root = next;
      }
      if (root.id === before.id) throw new AppError('duplicate_of_self', { number: before.number });
      patch.duplicateOfId = root.id;
    } else if (input.to === 'reopened') {
      patch.duplicateOfId = null;
    }
    const now = ctx.now().toISOString();
    Object.assign(patch, stampsAfter(before, input.to, now));
    const after = updateRecord(ctx, pilotIssue, before.id, patch);
    recordHistory(ctx, before, after, now, actor(ctx));
    if (input.to === 'duplicate' && after.duplicateOfId) {
      // Issues that pointed at this one now point at its original, so no chain forms (B → A → C).
      const followers = ctx.db.select().from(pilotIssue).where(eq(pilotIssue.duplicateOfId, before.id)).all();
      for (const follower of followers) {
        const moved = updateRecord(ctx, pilotIssue, follower.id, { duplicateOfId: after.duplicateOfId });
        recordHistory(ctx, follower, moved, now, actor(ctx));
      }
    }
    return toIssue(after);
  });
}

export interface BulkResult {
  updated: number;
  refused: { id: string; number: string; message: string }[];
}

/**
 * Bulk status / assignee change from the list. Each issue goes through the same rules as a single edit;
 * issues whose transition is illegal are reported and left as they were, the rest are written in one
 * transaction.
 */
export function bulkUpdate(
  ctx: Ctx,
  input: { ids: string[]; status?: IssueStatus; assigneeId?: string | null; resolution?: string | null },
  describe: (error: AppError) => string,
): BulkResult {
  return inTransaction(ctx, () => {
    const result: BulkResult = { updated: 0, refused: [] };
    for (const id of input.ids) {
      const before = getRecord(ctx, pilotIssue, id);
      try {
        inTransaction(ctx, () => {
          if (input.assigneeId !== undefined) updateIssue(ctx, { id, assigneeId: input.assigneeId });
          if (input.status && input.status !== before.status) {
            transitionIssue(ctx, { id, to: input.status, resolution: input.resolution });
          }
        });
        result.updated++;
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        result.refused.push({ id, number: before.number, message: describe(error) });
      }
    }
    return result;
  });
}

/**
 * Deletes an issue on every laptop (a tombstone that travels with the next sync and wins over concurrent
 * edits); its history and attachments go with it. For real issues the workflow's 不予处理 / 重复问题 keep
 * the record; this is for entries that should never have existed (test entries, double logging).
 */
export function deleteIssue(ctx: Ctx, id: string): { id: string } {
  deleteRecord(ctx, pilotIssue, id);
  return { id };
}

// ---------------------------------------------------------------- read

const issueRef = (r: IssueRow) => ({ id: r.id, number: r.number, title: r.title });

export function getIssueDetail(ctx: Ctx, id: string): IssueDetail {
  const row = getRecord(ctx, pilotIssue, id);
  const history = ctx.db
    .select()
    .from(issueHistory)
    .where(eq(issueHistory.issueId, id))
    .orderBy(issueHistory.at, issueHistory.id)
    .all()
    .map(({ createdAt: _c, updatedAt: _u, ...h }): IssueHistoryEntry => h);
  const attachments = ctx.db
    .select()
    .from(issueAttachment)
    .where(and(eq(issueAttachment.issueId, id), sql`${issueAttachment.archivedAt} IS NULL`))
    .orderBy(issueAttachment.createdAt)
    .all()
    .map(({ archivedAt: _a, updatedAt: _u, ...a }) => a);
  const duplicateOf = row.duplicateOfId
    ? ctx.db.select().from(pilotIssue).where(eq(pilotIssue.id, row.duplicateOfId)).get()
    : undefined;
  const duplicates = ctx.db
    .select()
    .from(pilotIssue)
    .where(and(eq(pilotIssue.duplicateOfId, id), isNotNull(pilotIssue.duplicateOfId)))
    .all();
  return {
    issue: toIssue(row),
    history,
    attachments,
    duplicateOf: duplicateOf ? issueRef(duplicateOf) : null,
    duplicates: duplicates.map(issueRef),
    overdue: overdueKind(row, ctx.now()),
    allowedTransitions: [...allowedTransitions(row.status)],
  };
}

export function captureDefaults(ctx: Ctx) {
  return (
    getLocalSetting<{
      departmentId: string;
      systemId: string | null;
      moduleId: string | null;
      reporterId: string | null;
    }>(ctx, 'lastCapture') ?? null
  );
}
