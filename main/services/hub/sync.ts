// Sync with the hub (issue #16): push what the hub lacks, then pull what this laptop lacks, in batches.
//
// Push: this laptop's change log in rowid order from a local cursor; each batch is one PostgreSQL transaction
// (attachments first, content-addressed, then the changes under the push lock, see schema.ts), and the
// cursor moves only after the hub committed. Killed in between, the next sync sends the batch again, which
// the hub ignores (ON CONFLICT DO NOTHING): idempotent.
// Pull: the hub's changes in `seq` order from a local cursor; each batch is applied with the same merge code
// as an export file (sync/exchange.ts applyExport) in ONE SQLite transaction together with the new cursor,
// so a kill leaves either the batch and its cursor or neither. Changes this laptop pushed itself come back
// as ids only (no payload).
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type pg from 'pg';
import { z } from 'zod';
import { contentAddressed } from '#db/replicated.ts';
import { getTableName } from 'drizzle-orm';
import type { HubProgress, HubReplicaSeen, HubSyncCounts, ImportCounts } from '#contract/index.ts';
import { isSha256, readBlob, storeBlob } from '#services/core/blobs.ts';
import { fromRow, parseChangeId, type Change } from '#services/core/change-log.ts';
import { inTransaction, statement, type Ctx } from '#services/core/context.ts';
import { AppError } from '#services/core/errors.ts';
import { syncTables } from '#services/core/registry.ts';
import { ensureReplica, getLocalSetting, setLocalSetting } from '#services/core/settings.ts';
import { applyExport } from '#services/sync/exchange.ts';
import { deriveKeys } from '#services/sync/file-format.ts';
import { validateChanges } from '#services/sync/validate.ts';
import { classify, connect, parseHubUrl, type HubTarget } from './connect.ts';
import { createHub, HUB_SCHEMA, PUSH_LOCK, readMeta, type HubMeta } from './schema.ts';

// SQL names the schema literally (`wardside_hub`, HUB_SCHEMA): the write-path test reads table names from SQL.
export const DEFAULT_BATCH = 2000;

export interface HubSyncOptions {
  url: string;
  password?: string;
  passphrase?: string;
  batchSize?: number;
  signal?: AbortSignal;
  onProgress?: (progress: HubProgress) => void;
  /** Create the hub schema when the database has none (the first sync; needs the CREATE privilege). */
  create?: boolean;
  /** Tests only: runs inside each push transaction after the insert, before COMMIT. */
  beforePushCommit?: () => Promise<void>;
  /** Tests only: push without the commit-order lock, to show the concurrency test catches the race. */
  unsafeNoPushLock?: boolean;
  /** Which phases to run (default both). */
  phases?: { push?: boolean; pull?: boolean };
}

export interface HubSyncResult {
  hubId: string;
  counts: HubSyncCounts;
  ms: number;
}

interface Cursor {
  pushedRowid: number;
  pushedId: string | null;
  pulledSeq: string;
}

const cursorKey = (hubId: string) => `hub.cursor.${hubId}`;

export function readCursor(ctx: Ctx, hubId: string): Cursor {
  const saved = getLocalSetting<Cursor>(ctx, cursorKey(hubId)) ?? {
    pushedRowid: 0,
    pushedId: null,
    pulledSeq: '0',
  };
  // A VACUUM may renumber rowids: a cursor whose change is no longer at its rowid starts over (the hub
  // ignores what it already has).
  if (saved.pushedRowid > 0) {
    const at = statement(ctx, 'SELECT id FROM change_log WHERE rowid = ?').get(saved.pushedRowid) as
      { id: string } | undefined;
    if (at?.id !== saved.pushedId) return { ...saved, pushedRowid: 0, pushedId: null };
  }
  return saved;
}

function saveCursor(ctx: Ctx, hubId: string, update: Partial<Cursor>) {
  const current = getLocalSetting<Cursor>(ctx, cursorKey(hubId)) ?? {
    pushedRowid: 0,
    pushedId: null,
    pulledSeq: '0',
  };
  const next = { ...current, ...update };
  // Two syncs of one laptop at once never move a cursor back.
  if (update.pushedRowid !== undefined && update.pushedRowid < current.pushedRowid) {
    next.pushedRowid = current.pushedRowid;
    next.pushedId = current.pushedId;
  }
  if (update.pulledSeq !== undefined && BigInt(update.pulledSeq) < BigInt(current.pulledSeq))
    next.pulledSeq = current.pulledSeq;
  setLocalSetting(ctx, cursorKey(hubId), next);
}

// ---------------------------------------------------------------- end-to-end encryption

/** The key of an encrypted hub, checked before anything is written; null for a plain hub. */
export function hubKey(meta: HubMeta, passphrase: string | undefined, redacted: string): Buffer | null {
  const enc = meta.encryption;
  if (!enc) {
    if (passphrase) throw new AppError('hub_not_encrypted', { url: redacted });
    return null;
  }
  if (!passphrase) throw new AppError('hub_passphrase_required', { url: redacted });
  const { key, keyCheck } = deriveKeys(passphrase, Buffer.from(enc.salt, 'base64'), enc);
  const expected = Buffer.from(enc.keyCheck, 'base64');
  if (expected.length !== keyCheck.length || !timingSafeEqual(expected, keyCheck))
    throw new AppError('hub_wrong_passphrase', { url: redacted });
  return Buffer.from(key);
}

function seal(key: Buffer | null, plain: Buffer, aad: string): Buffer {
  if (!key) return plain;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  return Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
}

function open(key: Buffer | null, sealed: Buffer, aad: string, redacted: string): Buffer {
  if (!key) return sealed;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(sealed.subarray(sealed.length - 16));
    return Buffer.concat([decipher.update(sealed.subarray(12, sealed.length - 16)), decipher.final()]);
  } catch {
    throw new AppError('hub_damaged', { url: redacted, detail: aad.split('\u0000')[0]! });
  }
}

const changeAad = (c: { id: string; tableName: string; rowId: string }) =>
  `${c.id}\u0000${c.tableName}\u0000${c.rowId}`;

const payloadSchema = z.tuple([
  z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  z.array(z.string().max(128)).max(10_000),
  z.union([z.literal(0), z.literal(1)]),
  z.string().nullable(),
]);

export function encodePayload(key: Buffer | null, c: Change): Buffer {
  const plain = Buffer.from(JSON.stringify([c.fields, c.prev, c.deleted ? 1 : 0, c.author]), 'utf8');
  return seal(key, plain, changeAad(c));
}

function decodeChange(
  key: Buffer | null,
  row: { id: string; replica_id: string; table_name: string; row_id: string; payload: Buffer },
  redacted: string,
): Change {
  const refuse = (): never => {
    throw new AppError('hub_damaged', { url: redacted, detail: row.id.slice(0, 120) });
  };
  const parsed = parseChangeId(row.id);
  const columns = syncTables().get(row.table_name)?.columns;
  if (!parsed || parsed.replicaId !== row.replica_id || !columns) refuse();
  const plain = open(
    key,
    row.payload,
    changeAad({ id: row.id, tableName: row.table_name, rowId: row.row_id }),
    redacted,
  );
  let tuple: z.infer<typeof payloadSchema>;
  try {
    tuple = payloadSchema.parse(JSON.parse(plain.toString('utf8')));
  } catch {
    return refuse();
  }
  const [fields, prev, deleted, author] = tuple;
  if (Object.keys(fields).some((f) => f === 'id' || !columns!.has(f))) refuse();
  return {
    id: row.id,
    replicaId: row.replica_id,
    tableName: row.table_name,
    rowId: row.row_id,
    fields,
    prev,
    deleted: deleted === 1,
    author,
  };
}

// ---------------------------------------------------------------- connection

export interface OpenedHub {
  client: pg.Client;
  target: HubTarget;
  meta: HubMeta;
  key: Buffer | null;
}

/** Connects, creates the hub when asked and allowed, and checks version and passphrase (nothing written). */
export async function openHub(options: {
  url: string;
  password?: string;
  passphrase?: string;
  create?: boolean;
}): Promise<OpenedHub> {
  const target = parseHubUrl(options.url, { password: options.password });
  const client = await connect(target);
  try {
    let meta = await readMeta(client, target.redacted);
    if (!meta) {
      if (!options.create) throw new AppError('hub_missing', { url: target.redacted });
      meta = await createHub(client, target.redacted, { passphrase: options.passphrase });
    }
    const key = hubKey(meta, options.passphrase, target.redacted);
    return { client, target, meta, key };
  } catch (error) {
    await client.end().catch(() => undefined);
    throw classify(error, target);
  }
}

const emptyCounts = (): HubSyncCounts => ({
  pushed: 0,
  pulled: 0,
  attachmentsUp: 0,
  attachmentsDown: 0,
  newRecords: 0,
  updatedRecords: 0,
  deletedRecords: 0,
  newConflicts: 0,
});

function checkAbort(signal: AbortSignal | undefined) {
  if (signal?.aborted) throw new AppError('hub_cancelled');
}

/** One sync: push, then pull. Throws an AppError (hub_* codes) on any failure; both sides stay consistent. */
export async function syncHub(ctx: Ctx, options: HubSyncOptions): Promise<HubSyncResult> {
  const started = Date.now();
  options.onProgress?.({ phase: 'connect', done: 0, total: 0 });
  checkAbort(options.signal);
  const hub = await openHub({ ...options, create: options.create ?? true });
  const counts = emptyCounts();
  try {
    if (options.phases?.push !== false) await push(ctx, hub, counts, options);
    if (options.phases?.pull !== false) await pull(ctx, hub, counts, options);
    options.onProgress?.({
      phase: 'done',
      done: counts.pushed + counts.pulled,
      total: counts.pushed + counts.pulled,
    });
    return { hubId: hub.meta.hubId, counts, ms: Date.now() - started };
  } catch (error) {
    await hub.client.query('ROLLBACK').catch(() => undefined);
    throw classify(error, hub.target);
  } finally {
    await hub.client.end().catch(() => undefined);
  }
}

function attachmentHashes(changes: Change[]): string[] {
  const hashes = new Set<string>();
  for (const { table, column } of contentAddressed) {
    const name = getTableName(table);
    for (const c of changes) {
      const value = c.tableName === name ? c.fields[column] : undefined;
      if (isSha256(value)) hashes.add(value);
    }
  }
  return [...hashes].sort();
}

async function push(ctx: Ctx, hub: OpenedHub, counts: HubSyncCounts, options: HubSyncOptions) {
  const { client, meta, key } = hub;
  const me = ensureReplica(ctx);
  const batch = options.batchSize ?? DEFAULT_BATCH;
  let cursor = readCursor(ctx, meta.hubId);
  const total = (
    statement(ctx, 'SELECT count(*) AS n FROM change_log WHERE rowid > ?').get(cursor.pushedRowid) as {
      n: number;
    }
  ).n;
  let done = 0;
  options.onProgress?.({ phase: 'push', done, total });
  const read = statement(
    ctx,
    'SELECT rowid AS rid, * FROM change_log WHERE rowid > ? ORDER BY rowid LIMIT ?',
  );
  for (;;) {
    checkAbort(options.signal);
    const rows = read.all(cursor.pushedRowid, batch) as (Parameters<typeof fromRow>[0] & { rid: number })[];
    if (rows.length === 0) break;
    const changes = rows.map(fromRow);
    // Attachments first, in their own transaction: content-addressed, harmless if the changes then fail.
    const hashes = attachmentHashes(changes);
    if (hashes.length > 0) {
      const have = new Set(
        (
          await client.query<{ sha256: string }>(
            `SELECT sha256 FROM wardside_hub.attachment WHERE sha256 = ANY($1)`,
            [hashes],
          )
        ).rows.map((r) => r.sha256),
      );
      const missing = hashes.filter((h) => !have.has(h));
      if (missing.length > 0) {
        await client.query('BEGIN');
        for (const sha of missing) {
          const bytes = readBlob(ctx, sha);
          if (!bytes) continue;
          const result = await client.query(
            `INSERT INTO wardside_hub.attachment (sha256, bytes, size, pushed_by) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
            [sha, seal(key, bytes, sha), bytes.length, me.id],
          );
          counts.attachmentsUp += result.rowCount ?? 0;
        }
        await client.query('COMMIT');
      }
    }
    await client.query('BEGIN');
    if (!options.unsafeNoPushLock) await client.query('SELECT pg_advisory_xact_lock($1, $2)', [...PUSH_LOCK]);
    const result = await client.query(
      `INSERT INTO wardside_hub.change (id, replica_id, table_name, row_id, payload, pushed_by)
       SELECT u.id, u.replica_id, u.table_name, u.row_id, u.payload, $6
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bytea[])
         AS u(id, replica_id, table_name, row_id, payload)
       ON CONFLICT (id) DO NOTHING`,
      [
        changes.map((c) => c.id),
        changes.map((c) => c.replicaId),
        changes.map((c) => c.tableName),
        changes.map((c) => c.rowId),
        changes.map((c) => encodePayload(key, c)),
        me.id,
      ],
    );
    const inserted = result.rowCount ?? 0;
    await client.query(
      `INSERT INTO wardside_hub.replica (id, label, app_version, last_push_at, pushed) VALUES ($1, $2, $3, now(), $4)
       ON CONFLICT (id) DO UPDATE SET label = excluded.label, app_version = excluded.app_version,
         last_push_at = now(), pushed = wardside_hub.replica.pushed + excluded.pushed`,
      [me.id, me.label, ctx.appVersion, inserted],
    );
    if (options.beforePushCommit) await options.beforePushCommit();
    await client.query('COMMIT');
    counts.pushed += inserted;
    const last = rows[rows.length - 1]!;
    saveCursor(ctx, meta.hubId, { pushedRowid: last.rid, pushedId: last.id });
    cursor = { ...cursor, pushedRowid: last.rid, pushedId: last.id };
    done += rows.length;
    options.onProgress?.({ phase: 'push', done, total: Math.max(total, done) });
  }
  if (done === 0) {
    await client.query(
      `INSERT INTO wardside_hub.replica (id, label, app_version, last_push_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (id) DO UPDATE SET label = excluded.label, app_version = excluded.app_version, last_push_at = now()`,
      [me.id, me.label, ctx.appVersion],
    );
  }
}

interface HubRow {
  seq: string;
  id: string;
  replica_id: string;
  table_name: string;
  row_id: string;
  payload: Buffer | null;
}

async function pull(ctx: Ctx, hub: OpenedHub, counts: HubSyncCounts, options: HubSyncOptions) {
  const { client, meta, key, target } = hub;
  const me = ensureReplica(ctx);
  const batch = options.batchSize ?? DEFAULT_BATCH;
  let cursor = readCursor(ctx, meta.hubId);
  const replicas = (
    await client.query<{ id: string; label: string | null }>(
      `SELECT id, label FROM wardside_hub.replica ORDER BY id`,
    )
  ).rows;
  const total = Number(
    (
      await client.query<{ n: string }>(
        `SELECT count(*) AS n FROM wardside_hub.change WHERE seq > $1 AND pushed_by <> $2`,
        [cursor.pulledSeq, me.id],
      )
    ).rows[0]!.n,
  );
  let done = 0;
  options.onProgress?.({ phase: 'pull', done, total });
  for (;;) {
    checkAbort(options.signal);
    const rows = (
      await client.query<HubRow>(
        `SELECT c.seq::text AS seq, c.id, c.replica_id, c.table_name, c.row_id,
                CASE WHEN c.pushed_by = $2 THEN NULL ELSE c.payload END AS payload
         FROM wardside_hub.change c WHERE c.seq > $1::bigint ORDER BY c.seq LIMIT $3`,
        [cursor.pulledSeq, me.id, batch],
      )
    ).rows;
    if (rows.length === 0) break;
    // Decode and verify the whole batch before any write.
    const changes = rows
      .filter((r) => r.payload !== null)
      .map((r) => decodeChange(key, r as HubRow & { payload: Buffer }, target.redacted));
    // The hub is a trust boundary like a file (issue #11): clocks, ids and every field's value are checked
    // against the same schemas before anything is written; a bad change refuses the whole batch.
    validateChanges(changes, {
      file: target.redacted,
      now: ctx.now().getTime(),
      labels: new Map(replicas.map((r) => [r.id, r.label])),
    });
    // Files the laptop lacks come first (content-addressed, harmless if the batch then fails).
    const wanted = attachmentHashes(changes).filter((sha) => readBlob(ctx, sha) === null);
    if (wanted.length > 0) {
      const blobs = (
        await client.query<{ sha256: string; bytes: Buffer }>(
          `SELECT sha256, bytes FROM wardside_hub.attachment WHERE sha256 = ANY($1)`,
          [wanted],
        )
      ).rows;
      for (const blob of blobs) {
        const bytes = open(key, blob.bytes, blob.sha256, target.redacted);
        if (createHash('sha256').update(bytes).digest('hex') !== blob.sha256)
          throw new AppError('hub_damaged', { url: target.redacted, detail: blob.sha256 });
        storeBlob(ctx, bytes);
        counts.attachmentsDown += 1;
      }
    }
    const lastSeq = rows[rows.length - 1]!.seq;
    const applied = inTransaction(ctx, (): ImportCounts | null => {
      ctx.sqlite.pragma('defer_foreign_keys = ON');
      const before = readCursor(ctx, meta.hubId);
      const maxBefore = (
        statement(ctx, 'SELECT coalesce(max(rowid), 0) AS m FROM change_log').get() as { m: number }
      ).m;
      const result =
        changes.length > 0
          ? applyExport(ctx, {
              replica: me,
              exportedAt: ctx.now().toISOString(),
              schemaVersion: ctx.schemaVersion,
              appVersion: ctx.appVersion,
              replicas,
              changes,
              attachments: [],
            }).counts
          : null;
      const update: Partial<Cursor> = { pulledSeq: lastSeq };
      // Everything before this batch had been pushed: what the batch added came from the hub, so the push
      // cursor skips it instead of sending the hub its own changes back.
      if (before.pushedRowid >= maxBefore) {
        const top = statement(
          ctx,
          'SELECT rowid AS rid, id FROM change_log ORDER BY rowid DESC LIMIT 1',
        ).get() as { rid: number; id: string } | undefined;
        if (top) Object.assign(update, { pushedRowid: top.rid, pushedId: top.id });
      }
      saveCursor(ctx, meta.hubId, update);
      return result;
    });
    cursor = readCursor(ctx, meta.hubId);
    if (applied) {
      counts.pulled += applied.newChanges;
      counts.newRecords += applied.newRecords;
      counts.updatedRecords += applied.updatedRecords;
      counts.deletedRecords += applied.deletedRecords;
      counts.newConflicts += applied.newConflicts;
    }
    done += changes.length;
    options.onProgress?.({ phase: 'pull', done, total: Math.max(total, done) });
  }
  await client.query(
    `INSERT INTO wardside_hub.replica (id, label, app_version, last_pull_at, pulled) VALUES ($1, $2, $3, now(), $4)
     ON CONFLICT (id) DO UPDATE SET label = excluded.label, app_version = excluded.app_version,
       last_pull_at = now(), pulled = wardside_hub.replica.pulled + excluded.pulled`,
    [me.id, me.label, ctx.appVersion, counts.pulled],
  );
}

// ---------------------------------------------------------------- init and status

export async function initHub(options: { url: string; password?: string; passphrase?: string }) {
  const hub = await openHub({ ...options, create: true });
  await hub.client.end().catch(() => undefined);
  return { hubId: hub.meta.hubId, url: hub.target.redacted, encrypted: hub.meta.encryption !== null };
}

export interface HubStatusReport {
  url: string;
  hubId: string;
  schemaVersion: number;
  encrypted: boolean;
  serverVersion: string;
  changes: number;
  attachments: number;
  bytes: number;
  replicas: HubReplicaSeen[];
}

/** What the hub holds and who synced when (read only). */
export async function hubStatus(options: { url: string; password?: string }): Promise<HubStatusReport> {
  const target = parseHubUrl(options.url, { password: options.password });
  const client = await connect(target);
  try {
    const meta = await readMeta(client, target.redacted);
    if (!meta) throw new AppError('hub_missing', { url: target.redacted });
    const server = (await client.query<{ v: string }>('SHOW server_version')).rows[0]!.v;
    const sizes = (
      await client.query<{ changes: string; attachments: string; bytes: string }>(
        `SELECT (SELECT count(*) FROM wardside_hub.change) AS changes, (SELECT count(*) FROM wardside_hub.attachment) AS attachments,
                (SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = $1 AND c.relkind = 'r') AS bytes`,
        [HUB_SCHEMA],
      )
    ).rows[0]!;
    const replicas = (
      await client.query<{
        id: string;
        label: string | null;
        app_version: string | null;
        last_push_at: Date | null;
        last_pull_at: Date | null;
        pushed: string;
        pulled: string;
      }>(`SELECT * FROM wardside_hub.replica ORDER BY label NULLS LAST, id`)
    ).rows.map((r) => ({
      id: r.id,
      label: r.label,
      appVersion: r.app_version,
      lastPushAt: r.last_push_at?.toISOString() ?? null,
      lastPullAt: r.last_pull_at?.toISOString() ?? null,
      pushed: Number(r.pushed),
      pulled: Number(r.pulled),
    }));
    return {
      url: target.redacted,
      hubId: meta.hubId,
      schemaVersion: meta.schemaVersion,
      encrypted: meta.encryption !== null,
      serverVersion: server,
      changes: Number(sizes.changes),
      attachments: Number(sizes.attachments),
      bytes: Number(sizes.bytes),
      replicas,
    };
  } catch (error) {
    throw classify(error, target);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Connection test for the settings screen: reachable, credentials, TLS, a Wardside hub of our version. */
export async function probeHub(options: { url: string; password?: string }) {
  const target = parseHubUrl(options.url, { password: options.password });
  const client = await connect(target);
  try {
    const meta = await readMeta(client, target.redacted);
    const server = (await client.query<{ v: string }>('SHOW server_version')).rows[0]!.v;
    if (!meta)
      return {
        state: 'empty' as const,
        url: target.redacted,
        serverVersion: server,
        schemaVersion: null,
        encrypted: false,
        changes: 0,
        replicas: 0,
      };
    const n = (
      await client.query<{ changes: string; replicas: string }>(
        `SELECT (SELECT count(*) FROM wardside_hub.change) AS changes, (SELECT count(*) FROM wardside_hub.replica) AS replicas`,
      )
    ).rows[0]!;
    return {
      state: 'ready' as const,
      url: target.redacted,
      serverVersion: server,
      schemaVersion: meta.schemaVersion,
      encrypted: meta.encryption !== null,
      changes: Number(n.changes),
      replicas: Number(n.replicas),
    };
  } catch (error) {
    throw classify(error, target);
  } finally {
    await client.end().catch(() => undefined);
  }
}
