// Reconciliation profiles: one per data domain (门诊收费, 住院医嘱…), holding the column mapping the engine
// compares with. Domains are unique per replica by this check (case-insensitive), never by an index.
import { reconcileProfile } from '#db/schema.ts';
import type { ProfileListRow, ReconcileProfile } from '#contract/index.ts';
import type { EncodingChoice, Profile, ProfileColumn } from '#contract/reconcile-engine.ts';
import { inTransaction, statement, type Ctx } from '#services/core/context.ts';
import { AppError } from '#services/core/errors.ts';
import { archiveRecord, getRecord, insertRecord, newStableId, updateRecord } from '#services/core/records.ts';

type ProfileRow = typeof reconcileProfile.$inferSelect;

export interface ProfileFields {
  domain: string;
  name: string;
  columns: ProfileColumn[];
  encodingOld?: EncodingChoice;
  encodingNew?: EncodingChoice;
}

export function toProfile(row: ProfileRow): ReconcileProfile {
  return { ...row, columns: JSON.parse(row.columns) as ProfileColumn[] };
}

/** The engine's view of a stored profile. */
export function engineProfile(profile: ReconcileProfile): Profile {
  return { name: profile.name, columns: profile.columns };
}

/** Refuses a mapping the engine could not run: no key, a header used twice, an unnamed side. */
export function checkColumns(columns: ProfileColumn[]) {
  if (!columns.some((c) => c.key)) throw new AppError('reconcile_no_key');
  for (const side of ['old', 'new'] as const) {
    const seen = new Set<string>();
    for (const c of columns) {
      if (seen.has(c[side])) throw new AppError('reconcile_column_twice', { column: c[side] });
      seen.add(c[side]);
    }
  }
  for (const c of columns) {
    if (c.key && c.compare === 'ignore') throw new AppError('reconcile_key_ignored', { column: c.new });
  }
}

export function findProfileByDomain(ctx: Ctx, domain: string): ReconcileProfile | null {
  const row = statement(
    ctx,
    `SELECT id FROM reconcile_profile WHERE domain = ? COLLATE NOCASE AND archived_at IS NULL
     ORDER BY created_at LIMIT 1`,
  ).get(domain.trim()) as { id: string } | undefined;
  return row ? getProfile(ctx, row.id) : null;
}

export function getProfile(ctx: Ctx, id: string): ReconcileProfile {
  return toProfile(getRecord(ctx, reconcileProfile, id));
}

function checkDomainFree(ctx: Ctx, domain: string, exceptId?: string) {
  const other = findProfileByDomain(ctx, domain);
  if (other && other.id !== exceptId) throw new AppError('reconcile_domain_taken', { domain });
}

export function createProfile(ctx: Ctx, fields: ProfileFields): ReconcileProfile {
  checkColumns(fields.columns);
  return inTransaction(ctx, () => {
    checkDomainFree(ctx, fields.domain);
    return toProfile(
      insertRecord(
        ctx,
        reconcileProfile,
        {
          domain: fields.domain.trim(),
          name: fields.name.trim(),
          columns: JSON.stringify(fields.columns),
          encodingOld: fields.encodingOld ?? 'auto',
          encodingNew: fields.encodingNew ?? 'auto',
          archivedAt: null,
        },
        // Two laptops that set up the same domain offline end up with one profile after a sync.
        { id: newStableId(ctx, reconcileProfile, 'reconcile-profile', fields.domain) },
      ),
    );
  });
}

export function updateProfile(ctx: Ctx, id: string, fields: ProfileFields): ReconcileProfile {
  checkColumns(fields.columns);
  return inTransaction(ctx, () => {
    checkDomainFree(ctx, fields.domain, id);
    return toProfile(
      updateRecord(ctx, reconcileProfile, id, {
        domain: fields.domain.trim(),
        name: fields.name.trim(),
        columns: JSON.stringify(fields.columns),
        encodingOld: fields.encodingOld ?? 'auto',
        encodingNew: fields.encodingNew ?? 'auto',
      }),
    );
  });
}

export function archiveProfile(ctx: Ctx, id: string, archived: boolean): ReconcileProfile {
  return toProfile(archiveRecord(ctx, reconcileProfile, id, archived));
}

/** The profile of a domain, created from `profile` the first time the domain is seen (CLI runs). */
export function ensureProfile(ctx: Ctx, domain: string, profile: Profile): ReconcileProfile {
  return (
    findProfileByDomain(ctx, domain) ??
    createProfile(ctx, { domain, name: profile.name || domain, columns: profile.columns })
  );
}

export function listProfiles(ctx: Ctx, options: { includeArchived?: boolean } = {}): ProfileListRow[] {
  const rows = ctx.sqlite
    .prepare(
      `SELECT p.*,
         (SELECT count(DISTINCT business_date) FROM reconcile_run r WHERE r.profile_id = p.id) AS runCount,
         (SELECT max(business_date) FROM reconcile_run r WHERE r.profile_id = p.id) AS lastRunDate,
         (SELECT count(*) FROM discrepancy_item i WHERE i.profile_id = p.id AND i.status = 'open') AS openItems
       FROM reconcile_profile p
       ${options.includeArchived ? '' : 'WHERE p.archived_at IS NULL'}
       ORDER BY p.domain COLLATE NOCASE`,
    )
    .all() as (Record<string, unknown> & {
    runCount: number;
    lastRunDate: string | null;
    openItems: number;
  })[];
  return rows.map((r) => ({
    ...toProfile({
      id: r.id as string,
      domain: r.domain as string,
      name: r.name as string,
      columns: r.columns as string,
      encodingOld: r.encoding_old as EncodingChoice,
      encodingNew: r.encoding_new as EncodingChoice,
      archivedAt: r.archived_at as string | null,
      createdAt: r.created_at as string,
      updatedAt: r.updated_at as string,
    }),
    runCount: r.runCount,
    lastRunDate: r.lastRunDate,
    openItems: r.openItems,
  }));
}
