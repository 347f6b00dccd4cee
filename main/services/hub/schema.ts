// The hub is a plain PostgreSQL schema, `wardside_hub` (issue #16):
//   meta        key → value: kind ('wardside-hub'), schema_version, hub_id, created_at, encryption (JSON)
//   change      one row per change, keyed by change id; `seq` (identity) is the cursor laptops pull by
//   attachment  file bytes by SHA-256 (encrypted when the hub is)
//   replica     the laptops seen: last push and pull, counts
// The merge stays on the laptops: the hub only stores the set of changes.
//
// Cursor safety: `seq` values are handed out before commit, so a reader could see seq 12 committed while
// seq 10 is still in flight, move its cursor past 10 and never pull it. Every transaction that inserts
// changes therefore takes one transaction-scoped advisory lock first (PUSH_LOCK), held until it has
// committed: seq values are handed out in commit order, and a reader that sees seq N committed also sees
// every smaller seq that will ever commit (tests/unit/hub-sync.test.ts, concurrent pushes).
import { randomBytes, randomUUID } from 'node:crypto';
import type pg from 'pg';
import { AppError } from '#services/core/errors.ts';
import { deriveKeys, SCRYPT } from '#services/sync/file-format.ts';

export const HUB_SCHEMA = 'wardside_hub';
export const HUB_SCHEMA_VERSION = 1;
export const HUB_KIND = 'wardside-hub';
/** Advisory lock keys (two int4: 'WSHB' and a purpose). */
export const PUSH_LOCK = [0x57534842, 1] as const;
const INIT_LOCK = [0x57534842, 2] as const;

const DDL = `
CREATE SCHEMA IF NOT EXISTS ${HUB_SCHEMA};
CREATE TABLE wardside_hub.meta (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE wardside_hub.change (
  id text PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  replica_id text NOT NULL,
  table_name text NOT NULL,
  row_id text NOT NULL,
  payload bytea NOT NULL,
  pushed_by text NOT NULL,
  pushed_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE wardside_hub.attachment (
  sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  bytes bytea NOT NULL,
  size bigint NOT NULL,
  pushed_by text NOT NULL,
  pushed_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE wardside_hub.replica (
  id text PRIMARY KEY,
  label text,
  app_version text,
  last_push_at timestamptz,
  last_pull_at timestamptz,
  pushed bigint NOT NULL DEFAULT 0,
  pulled bigint NOT NULL DEFAULT 0
);
`;

export interface HubEncryption {
  cipher: 'aes-256-gcm';
  kdf: 'scrypt';
  N: number;
  r: number;
  p: number;
  salt: string;
  keyCheck: string;
}

export interface HubMeta {
  hubId: string;
  schemaVersion: number;
  encryption: HubEncryption | null;
}

/** Reads the hub's meta; null when this database has no hub yet. Refuses foreign and newer hubs. */
export async function readMeta(client: pg.Client, redacted: string): Promise<HubMeta | null> {
  const exists = await client.query<{ schema: string | null; meta: string | null }>(
    `SELECT (SELECT nspname FROM pg_namespace WHERE nspname = $1) AS schema, to_regclass($2)::text AS meta`,
    [HUB_SCHEMA, `wardside_hub.meta`],
  );
  const row = exists.rows[0]!;
  if (!row.schema) return null;
  if (!row.meta) throw new AppError('hub_not_wardside', { url: redacted });
  const rows = (
    await client.query<{ key: string; value: string }>(`SELECT key, value FROM wardside_hub.meta`)
  ).rows;
  const meta = new Map(rows.map((r) => [r.key, r.value]));
  if (meta.get('kind') !== HUB_KIND || !meta.get('hub_id'))
    throw new AppError('hub_not_wardside', { url: redacted });
  const version = Number(meta.get('schema_version'));
  if (!Number.isInteger(version) || version < 1) throw new AppError('hub_not_wardside', { url: redacted });
  if (version > HUB_SCHEMA_VERSION)
    throw new AppError('hub_newer_schema', { url: redacted, version, ours: HUB_SCHEMA_VERSION });
  const encryption = meta.get('encryption');
  return {
    hubId: meta.get('hub_id')!,
    schemaVersion: version,
    encryption: encryption ? (JSON.parse(encryption) as HubEncryption) : null,
  };
}

/**
 * Creates the hub schema (once: concurrent first syncs wait for each other). With a passphrase the hub is
 * end-to-end encrypted: only a salt and a key check are stored, never the key.
 */
export async function createHub(
  client: pg.Client,
  redacted: string,
  options: { passphrase?: string } = {},
): Promise<HubMeta> {
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', [...INIT_LOCK]);
    const existing = await readMeta(client, redacted);
    if (existing) {
      await client.query('COMMIT');
      return existing;
    }
    await client.query(DDL);
    const hubId = randomUUID();
    let encryption: HubEncryption | null = null;
    if (options.passphrase) {
      const salt = randomBytes(16);
      const { keyCheck } = deriveKeys(options.passphrase, salt, SCRYPT);
      encryption = {
        cipher: 'aes-256-gcm',
        kdf: 'scrypt',
        ...SCRYPT,
        salt: salt.toString('base64'),
        keyCheck: keyCheck.toString('base64'),
      };
    }
    const values: [string, string][] = [
      ['kind', HUB_KIND],
      ['schema_version', String(HUB_SCHEMA_VERSION)],
      ['hub_id', hubId],
      ['created_at', new Date().toISOString()],
    ];
    if (encryption) values.push(['encryption', JSON.stringify(encryption)]);
    for (const [key, value] of values)
      await client.query(`INSERT INTO wardside_hub.meta (key, value) VALUES ($1, $2)`, [key, value]);
    await client.query('COMMIT');
    return { hubId, schemaVersion: HUB_SCHEMA_VERSION, encryption };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    const e = error as { code?: string };
    if (e.code === '42501') throw new AppError('hub_cannot_create', { url: redacted });
    throw error;
  }
}
