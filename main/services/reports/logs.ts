// The availability log (downtime), security incidents and efficiency measures: plain replicated records.
import { desc } from 'drizzle-orm';
import type {
  DowntimeEvent,
  DowntimeInput,
  EfficiencyInput,
  EfficiencyMeasure,
  IncidentInput,
  SecurityIncident,
} from '#contract/index.ts';
import { downtimeEvent, efficiencyMeasure, securityIncident } from '#db/schema.ts';
import { inTransaction, type Ctx } from '#services/core/context.ts';
import { AppError } from '#services/core/errors.ts';
import { archiveRecord, getRecord, insertRecord, updateRecord } from '#services/core/records.ts';
import { departmentExists } from '#services/reference/departments.ts';

type DowntimeRow = typeof downtimeEvent.$inferSelect;

const toDowntime = (r: DowntimeRow): DowntimeEvent => ({
  ...r,
  departmentIds: JSON.parse(r.departmentIds) as string[],
});

const iso = (v: string) => new Date(v).toISOString();

function checkDowntime(ctx: Ctx, input: DowntimeInput) {
  const startAt = iso(input.startAt);
  const endAt = input.endAt ? iso(input.endAt) : null;
  if (endAt !== null && endAt < startAt)
    throw new AppError('downtime_ends_before_start', { start: startAt, end: endAt });
  const exists = ctx.sqlite.prepare('SELECT 1 FROM system WHERE id = ?').get(input.systemId);
  if (!exists) throw new AppError('not_found', { id: input.systemId });
  for (const id of input.departmentIds)
    if (!departmentExists(ctx, id)) throw new AppError('not_found', { id });
  return {
    systemId: input.systemId,
    startAt,
    endAt,
    planned: input.planned,
    cause: input.cause,
    departmentIds: JSON.stringify([...new Set(input.departmentIds)]),
  };
}

export function listDowntimes(ctx: Ctx): DowntimeEvent[] {
  return ctx.db.select().from(downtimeEvent).orderBy(desc(downtimeEvent.startAt)).all().map(toDowntime);
}

export function addDowntime(ctx: Ctx, input: DowntimeInput): DowntimeEvent {
  return inTransaction(ctx, () =>
    toDowntime(insertRecord(ctx, downtimeEvent, { ...checkDowntime(ctx, input), archivedAt: null })),
  );
}

export function updateDowntime(ctx: Ctx, id: string, input: DowntimeInput): DowntimeEvent {
  return inTransaction(ctx, () => {
    getRecord(ctx, downtimeEvent, id);
    return toDowntime(updateRecord(ctx, downtimeEvent, id, checkDowntime(ctx, input)));
  });
}

export function archiveDowntime(ctx: Ctx, id: string, archived: boolean): DowntimeEvent {
  return toDowntime(archiveRecord(ctx, downtimeEvent, id, archived));
}

export function listIncidents(ctx: Ctx): SecurityIncident[] {
  return ctx.db.select().from(securityIncident).orderBy(desc(securityIncident.occurredAt)).all();
}

export function addIncident(ctx: Ctx, input: IncidentInput): SecurityIncident {
  if (input.departmentId && !departmentExists(ctx, input.departmentId))
    throw new AppError('not_found', { id: input.departmentId });
  return insertRecord(ctx, securityIncident, {
    ...input,
    occurredAt: new Date(input.occurredAt).toISOString(),
    resolvedAt: input.resolvedAt ? new Date(input.resolvedAt).toISOString() : null,
    archivedAt: null,
  });
}

export function archiveIncident(ctx: Ctx, id: string, archived: boolean): SecurityIncident {
  return archiveRecord(ctx, securityIncident, id, archived);
}

export function listEfficiency(ctx: Ctx): EfficiencyMeasure[] {
  return ctx.db.select().from(efficiencyMeasure).orderBy(efficiencyMeasure.name).all();
}

export function addEfficiency(ctx: Ctx, input: EfficiencyInput): EfficiencyMeasure {
  return insertRecord(ctx, efficiencyMeasure, { ...input, archivedAt: null });
}

export function updateEfficiency(ctx: Ctx, id: string, input: EfficiencyInput): EfficiencyMeasure {
  getRecord(ctx, efficiencyMeasure, id);
  return updateRecord(ctx, efficiencyMeasure, id, input);
}

export function archiveEfficiency(ctx: Ctx, id: string, archived: boolean): EfficiencyMeasure {
  return archiveRecord(ctx, efficiencyMeasure, id, archived);
}
