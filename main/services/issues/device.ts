// This laptop's own settings for issue capture: who is using it (the actor of every history entry) and
// the prefix of the issue numbers it hands out. Local settings: they never travel in export files.
import { and, sql } from 'drizzle-orm';
import { pilotIssue } from '#db/schema.ts';
import type { DeviceSettings } from '#contract/index.ts';
import type { Ctx } from '#services/core/context.ts';
import { AppError } from '#services/core/errors.ts';
import { ensureReplica, getLocalSetting, labelReplica, setLocalSetting } from '#services/core/settings.ts';

/** Default prefix: "W" and three characters from the replica id, so two laptops rarely share one. */
function defaultPrefix(replicaId: string): string {
  const n = parseInt(replicaId.replace(/-/g, '').slice(-6), 16);
  return 'W' + n.toString(36).toUpperCase().padStart(3, '0').slice(-3);
}

export function getDeviceSettings(ctx: Ctx): DeviceSettings {
  const replica = ensureReplica(ctx);
  return {
    operator: getLocalSetting<string>(ctx, 'operator') ?? replica.label ?? '',
    issuePrefix: getLocalSetting<string>(ctx, 'issuePrefix') ?? replica.label ?? defaultPrefix(replica.id),
  };
}

export function setDeviceSettings(ctx: Ctx, settings: DeviceSettings): DeviceSettings {
  const replica = ensureReplica(ctx);
  const clash = ctx.db
    .select({ replicaId: pilotIssue.replicaId })
    .from(pilotIssue)
    .where(
      and(
        sql`${pilotIssue.number} LIKE ${settings.issuePrefix + '-%'}`,
        sql`${pilotIssue.replicaId} <> ${replica.id}`,
      ),
    )
    .limit(1)
    .get();
  if (clash) throw new AppError('prefix_taken', { prefix: settings.issuePrefix });
  setLocalSetting(ctx, 'operator', settings.operator);
  setLocalSetting(ctx, 'issuePrefix', settings.issuePrefix);
  // A device needs a name in the conflicts inbox and the import log of other laptops: until it has one,
  // its issue prefix (unique per laptop) serves.
  if (!replica.label) labelReplica(ctx, settings.issuePrefix);
  return getDeviceSettings(ctx);
}
