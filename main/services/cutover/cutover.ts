// The cutover plan and the emergency procedure (issue #15): runbook steps with owners, planned and actual
// times, status and dependencies; go/no-go meetings that freeze what was true when they were held (the
// dual-run criteria, open P1/blocking issues, training readiness: read from those areas' query functions and
// stored as JSON, never recomputed); rollback triggers; and 启动应急预案, a timestamped event log. Replicated.
import { asc, isNull } from 'drizzle-orm';
import { cutoverStep, department, emergencyEvent, goNoGoMeeting, rollbackTrigger } from '#db/schema.ts';
import type {
  CutoverPlan,
  CutoverStep,
  Emergency,
  EmergencyEventInput,
  GoNoGoMeeting,
  GoNoGoSnapshot,
  MeetingInput,
  RollbackTrigger,
  RunbookStep,
  StepInput,
  StepStatus,
} from '#contract/index.ts';
import type { Ctx } from '#services/core/context.ts';
import { AppError } from '#services/core/errors.ts';
import { archiveRecord, getRecord, insertRecord, updateRecord } from '#services/core/records.ts';
import { operatorName } from '#services/core/settings.ts';
import { openStatuses } from '#services/issues/workflow.ts';
import { goNoGo } from '#services/reconcile/trend.ts';
import { readinessMatrix, readinessPeople } from '#services/training/readiness.ts';

type StepRow = typeof cutoverStep.$inferSelect;

const iso = (v: string | null) => (v ? new Date(v).toISOString() : null);

const toStep = (r: StepRow): CutoverStep => ({
  id: r.id,
  seq: r.seq,
  title: r.title,
  owner: r.owner,
  plannedStart: r.plannedStart,
  plannedEnd: r.plannedEnd,
  actualStart: r.actualStart,
  actualEnd: r.actualEnd,
  status: r.status,
  dependsOn: JSON.parse(r.dependsOn) as string[],
  archivedAt: r.archivedAt,
});

function liveSteps(ctx: Ctx): StepRow[] {
  return ctx.db
    .select()
    .from(cutoverStep)
    .where(isNull(cutoverStep.archivedAt))
    .orderBy(asc(cutoverStep.seq), asc(cutoverStep.id))
    .all();
}

const finished = (s: StepStatus) => s === 'done' || s === 'skipped';

/** Runbook steps in order, each with the steps it still waits for (by their numbers). */
export function runbook(ctx: Ctx): RunbookStep[] {
  const steps = liveSteps(ctx).map(toStep);
  const byId = new Map(steps.map((s) => [s.id, s]));
  return steps.map((s) => ({
    ...s,
    waitingFor: s.dependsOn
      .map((d) => byId.get(d))
      .filter((d): d is CutoverStep => !!d && !finished(d.status))
      .map((d) => d.seq),
  }));
}

function assertDependencies(ctx: Ctx, ids: string[], self?: string) {
  for (const id of ids) {
    if (id === self) throw new AppError('invalid_input', { field: 'dependsOn' });
    getRecord(ctx, cutoverStep, id);
  }
}

export function addStep(ctx: Ctx, input: StepInput): CutoverStep {
  assertDependencies(ctx, input.dependsOn);
  const seq = Math.max(0, ...liveSteps(ctx).map((s) => s.seq)) + 1;
  return toStep(
    insertRecord(ctx, cutoverStep, {
      seq,
      title: input.title,
      owner: input.owner,
      plannedStart: iso(input.plannedStart),
      plannedEnd: iso(input.plannedEnd),
      actualStart: null,
      actualEnd: null,
      status: 'pending',
      dependsOn: JSON.stringify([...new Set(input.dependsOn)]),
      archivedAt: null,
    }),
  );
}

export function updateStep(ctx: Ctx, id: string, input: StepInput): CutoverStep {
  getRecord(ctx, cutoverStep, id);
  assertDependencies(ctx, input.dependsOn, id);
  return toStep(
    updateRecord(ctx, cutoverStep, id, {
      title: input.title,
      owner: input.owner,
      plannedStart: iso(input.plannedStart),
      plannedEnd: iso(input.plannedEnd),
      dependsOn: JSON.stringify([...new Set(input.dependsOn)]),
    }),
  );
}

/**
 * A step's status. Starting (or finishing) a step whose dependencies are not finished is refused; the
 * first start stamps the actual start, done or skipped the actual end.
 */
export function setStepStatus(ctx: Ctx, id: string, status: StepStatus): CutoverStep {
  const step = runbook(ctx).find((s) => s.id === id);
  if (!step) throw new AppError('not_found', { id });
  if ((status === 'in_progress' || status === 'done') && step.waitingFor.length) {
    throw new AppError('cutover_step_dependency', { step: step.title, waiting: step.waitingFor.join(', ') });
  }
  const now = ctx.now().toISOString();
  return toStep(
    updateRecord(ctx, cutoverStep, id, {
      status,
      actualStart: status === 'in_progress' || status === 'done' ? (step.actualStart ?? now) : undefined,
      actualEnd: finished(status) ? (step.actualEnd ?? now) : status === 'pending' ? null : undefined,
    }),
  );
}

export function archiveStep(ctx: Ctx, id: string, archived: boolean): CutoverStep {
  return toStep(archiveRecord(ctx, cutoverStep, id, archived));
}

/** What is true now: the dual-run verdict, open P1 or blocking issues, training readiness. */
export function takeSnapshot(ctx: Ctx): GoNoGoSnapshot {
  const verdict = goNoGo(ctx);
  const statuses = openStatuses.map(() => '?').join(', ');
  const openIssues = (
    ctx.sqlite
      .prepare(
        `SELECT id, number, title, severity, blocking FROM pilot_issue
         WHERE status IN (${statuses}) AND (severity = 'P1' OR blocking = 1) ORDER BY reported_at, id`,
      )
      .all(...openStatuses) as {
      id: string;
      number: string;
      title: string;
      severity: string;
      blocking: number;
    }[]
  ).map((i) => ({ ...i, blocking: i.blocking === 1 }));
  const matrix = readinessMatrix(ctx);
  return {
    takenAt: ctx.now().toISOString(),
    dualRun: {
      go: verdict.go,
      criteria: verdict.criteria,
      overall: verdict.overall,
      domains: verdict.domains.map((d) => ({
        domain: d.domain,
        go: d.go,
        runDays: d.runDays,
        cleanStreak: d.cleanStreak,
      })),
    },
    openIssues,
    training: {
      staff: matrix.total.staff,
      trained: matrix.total.trained,
      passed: matrix.total.passed,
      notReady: readinessPeople(ctx, { notReadyOnly: true }).length,
    },
  };
}

const toMeeting = (r: typeof goNoGoMeeting.$inferSelect): GoNoGoMeeting => ({
  id: r.id,
  heldAt: r.heldAt,
  decision: r.decision,
  attendees: JSON.parse(r.attendees) as string[],
  notes: r.notes,
  snapshot: JSON.parse(r.snapshot) as GoNoGoSnapshot,
});

/** Records a meeting held now, with the snapshot taken now. */
export function recordMeeting(ctx: Ctx, input: MeetingInput): GoNoGoMeeting {
  const snapshot = takeSnapshot(ctx);
  return toMeeting(
    insertRecord(ctx, goNoGoMeeting, {
      heldAt: snapshot.takenAt,
      decision: input.decision,
      attendees: JSON.stringify(input.attendees),
      notes: input.notes,
      snapshot: JSON.stringify(snapshot),
    }),
  );
}

export function listMeetings(ctx: Ctx): GoNoGoMeeting[] {
  return ctx.db
    .select()
    .from(goNoGoMeeting)
    .orderBy(asc(goNoGoMeeting.heldAt), asc(goNoGoMeeting.id))
    .all()
    .toReversed()
    .map(toMeeting);
}

const toTrigger = (r: typeof rollbackTrigger.$inferSelect): RollbackTrigger => ({
  id: r.id,
  condition: r.condition,
  action: r.action,
  archivedAt: r.archivedAt,
});

export function addTrigger(ctx: Ctx, input: { condition: string; action: string | null }): RollbackTrigger {
  return toTrigger(insertRecord(ctx, rollbackTrigger, { ...input, archivedAt: null }));
}

export function archiveTrigger(ctx: Ctx, id: string, archived: boolean): RollbackTrigger {
  return toTrigger(archiveRecord(ctx, rollbackTrigger, id, archived));
}

/** Every emergency with its events in time order, newest emergency first. */
export function listEmergencies(ctx: Ctx): Emergency[] {
  const names = new Map(
    ctx.db
      .select({ id: department.id, name: department.name })
      .from(department)
      .all()
      .map((d) => [d.id, d.name]),
  );
  const groups = new Map<string, Emergency>();
  const events = ctx.db
    .select()
    .from(emergencyEvent)
    .orderBy(asc(emergencyEvent.at), asc(emergencyEvent.id))
    .all();
  for (const e of events) {
    let g = groups.get(e.emergencyId);
    if (!g) {
      g = { id: e.emergencyId, activatedAt: e.at, resumedAt: null, open: true, events: [] };
      groups.set(e.emergencyId, g);
    }
    if (e.kind === 'activated' && e.at < g.activatedAt) g.activatedAt = e.at;
    if (e.kind === 'resumed') {
      g.resumedAt = e.at;
      g.open = false;
    }
    g.events.push({
      id: e.id,
      emergencyId: e.emergencyId,
      kind: e.kind,
      at: e.at,
      departmentId: e.departmentId,
      departmentName: e.departmentId ? (names.get(e.departmentId) ?? null) : null,
      actor: e.actor,
      note: e.note,
    });
  }
  return [...groups.values()].sort(
    (a, b) => b.activatedAt.localeCompare(a.activatedAt) || b.id.localeCompare(a.id),
  );
}

function emergency(ctx: Ctx, id: string): Emergency {
  const found = listEmergencies(ctx).find((e) => e.id === id);
  if (!found) throw new AppError('not_found', { id });
  return found;
}

/** 启动应急预案: pauses the cutover (the first event of a new emergency). */
export function activateEmergency(ctx: Ctx, note: string): Emergency {
  if (listEmergencies(ctx).some((e) => e.open)) throw new AppError('cutover_emergency_open');
  const id = ctx.newId();
  insertRecord(
    ctx,
    emergencyEvent,
    {
      emergencyId: id,
      kind: 'activated',
      at: ctx.now().toISOString(),
      departmentId: null,
      actor: operatorName(ctx),
      note,
    },
    { id },
  );
  return emergency(ctx, id);
}

/** An event of an open emergency: a department on manual fallback, who was told, a note. */
export function logEmergency(ctx: Ctx, input: EmergencyEventInput): Emergency {
  if (!emergency(ctx, input.emergencyId).open) throw new AppError('cutover_emergency_closed');
  if (input.departmentId) getRecord(ctx, department, input.departmentId);
  insertRecord(ctx, emergencyEvent, {
    emergencyId: input.emergencyId,
    kind: input.kind,
    at: ctx.now().toISOString(),
    departmentId: input.departmentId,
    actor: operatorName(ctx),
    note: input.note,
  });
  return emergency(ctx, input.emergencyId);
}

/** Resumes the cutover: the emergency's last event. */
export function resumeCutover(ctx: Ctx, emergencyId: string, note: string | null): Emergency {
  if (!emergency(ctx, emergencyId).open) throw new AppError('cutover_emergency_closed');
  insertRecord(ctx, emergencyEvent, {
    emergencyId,
    kind: 'resumed',
    at: ctx.now().toISOString(),
    departmentId: null,
    actor: operatorName(ctx),
    note,
  });
  return emergency(ctx, emergencyId);
}

export function cutoverPlan(ctx: Ctx): CutoverPlan {
  const emergencies = listEmergencies(ctx);
  return {
    steps: runbook(ctx),
    meetings: listMeetings(ctx),
    triggers: ctx.db
      .select()
      .from(rollbackTrigger)
      .where(isNull(rollbackTrigger.archivedAt))
      .orderBy(asc(rollbackTrigger.createdAt), asc(rollbackTrigger.id))
      .all()
      .map(toTrigger),
    emergencies,
    paused: emergencies.some((e) => e.open),
  };
}
