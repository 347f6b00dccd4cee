// Connecting to the hub (issue #16): the URL as people write it for psql (postgres://user:pw@host:port/db
// ?sslmode=…&sslrootcert=…), the password from the URL or PGPASSWORD, never printed; every failure becomes
// one error code the CLI and the Sync screen explain (unreachable, wrong password, TLS required, …).
import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import pg from 'pg';
import { AppError } from '#services/core/errors.ts';

export interface HubTarget {
  config: pg.ClientConfig;
  /** The URL without its password, for messages and the settings screen. */
  redacted: string;
}

const SSL_MODES = new Set(['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full']);

/** Reads a hub URL; `password` (typed in the app) wins over the URL's, which wins over PGPASSWORD. */
export function parseHubUrl(
  url: string,
  options: { password?: string; env?: NodeJS.ProcessEnv } = {},
): HubTarget {
  const env = options.env ?? process.env;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AppError('hub_url_invalid', { url: redactLoosely(url) });
  }
  if (!/^postgres(ql)?:$/i.test(parsed.protocol) || !parsed.hostname) {
    throw new AppError('hub_url_invalid', { url: redactLoosely(url) });
  }
  const sslmode = parsed.searchParams.get('sslmode') ?? 'disable';
  if (!SSL_MODES.has(sslmode)) throw new AppError('hub_url_invalid', { url: redactLoosely(url) });
  let ssl: ConnectionOptions | false = false;
  if (sslmode === 'require' || sslmode === 'verify-ca' || sslmode === 'verify-full') {
    const rootcert = parsed.searchParams.get('sslrootcert');
    let ca: Buffer | undefined;
    if (rootcert) {
      try {
        ca = readFileSync(rootcert);
      } catch {
        throw new AppError('hub_tls_failed', { detail: `sslrootcert ${rootcert}` });
      }
    }
    if (sslmode === 'require' && !ca) ssl = { rejectUnauthorized: false };
    else if (sslmode === 'verify-full') ssl = { rejectUnauthorized: true, ca };
    // verify-ca (and require with a CA, as libpq does): the chain is checked, the host name is not.
    else ssl = { rejectUnauthorized: true, ca, checkServerIdentity: () => undefined };
  }
  const password =
    options.password || (parsed.password ? decodeURIComponent(parsed.password) : undefined) || env.PGPASSWORD;
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || undefined;
  const user = parsed.username ? decodeURIComponent(parsed.username) : env.PGUSER;
  const safe = new URL(parsed.toString());
  safe.password = '';
  return {
    config: {
      host: parsed.hostname.replace(/^\[|\]$/g, ''),
      port: parsed.port ? Number(parsed.port) : 5432,
      database: database ?? user,
      user,
      password,
      ssl,
      connectionTimeoutMillis: 10_000,
      application_name: 'wardside',
      // A hub that stops answering mid-sync ends the sync instead of hanging it.
      query_timeout: 120_000,
    },
    redacted: safe.toString(),
  };
}

function redactLoosely(url: string): string {
  return url.replace(/\/\/([^:/@]*):[^@]*@/, '//$1@').slice(0, 200);
}

/** The hub error for a failure of the pg client or the network. */
export function classify(error: unknown, target?: HubTarget): AppError {
  if (error instanceof AppError) return error;
  if (!isHubFailure(error)) throw error;
  const e = error as { code?: string; message?: string };
  const message = String(e.message ?? error);
  const where: Record<string, string> = { url: target?.redacted ?? '' };
  const code = e.code ?? '';
  if (code === '28P01' || /password authentication failed/i.test(message))
    return new AppError('hub_auth_failed', where);
  if (code === '28000' && /no encryption/i.test(message)) return new AppError('hub_tls_required', where);
  if (/server does not support SSL/i.test(message))
    return new AppError('hub_tls_failed', { ...where, detail: message });
  if (
    /certificate|self[- ]signed|SSL|TLS|altnames/i.test(message) ||
    code.startsWith('ERR_TLS') ||
    code.startsWith('CERT_') ||
    code === 'DEPTH_ZERO_SELF_SIGNED_CERT' ||
    code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'
  )
    return new AppError('hub_tls_failed', { ...where, detail: message.slice(0, 200) });
  if (code === '28000' || code === '3D000') return new AppError('hub_auth_failed', where);
  if (code === '42501') return new AppError('hub_cannot_create', where);
  return new AppError('hub_unreachable', { ...where, detail: (code || message).slice(0, 200) });
}

/** A failure of the server or the way to it (not of this laptop's database or code). */
function isHubFailure(error: unknown): boolean {
  if (error instanceof pg.DatabaseError) return true;
  const e = error as { code?: unknown; syscall?: unknown; message?: unknown };
  if (typeof e.syscall === 'string') return true;
  const code = typeof e.code === 'string' ? e.code : '';
  if (
    /^(E[A-Z]+|ERR_TLS.*|CERT_.*|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN)$/.test(
      code,
    ) &&
    !code.startsWith('ERR_INVALID')
  )
    return true;
  return /Connection terminated|connection timeout|timeout exceeded|Query read timeout|server does not support SSL|Client has encountered a connection error|Connection terminated unexpectedly/i.test(
    String(e.message ?? ''),
  );
}

/** Errors that mean "the hub is out of reach" (CLI exit 5; auto sync tries again later). */
export const isUnreachable = (error: unknown) =>
  error instanceof AppError && error.code === 'hub_unreachable';

export async function connect(target: HubTarget): Promise<pg.Client> {
  const client = new pg.Client(target.config);
  // A connection that breaks while idle must not crash the process: the next query fails and is classified.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw classify(error, target);
  }
  return client;
}
