// A throwaway PostgreSQL cluster for the sync hub tests (issue #16): initdb in a temporary folder, started on
// 127.0.0.1 on a free port, stopped (and removed) at the end. One cluster per test file, one database per test.
// No test needs a server someone else started; when the binaries are missing the tests FAIL (CI installs
// Debian postgresql, .ci/run), they never skip.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface PgCluster {
  port: number;
  host: string;
  dir: string;
  /** A fresh database, returning its URL (user `wardside`, password `secret-pw`). */
  createDatabase: (name?: string) => Promise<string>;
  /** The URL of the maintenance database as the superuser. */
  adminUrl: string;
  stop: () => void;
  start: () => void;
}

export const PG_PASSWORD = 'secret-pw';

export function pgBinDir(): string {
  const env = process.env.WARDSIDE_PG_BIN;
  if (env) return env;
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base)
    ? readdirSync(base)
        .filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0)
    throw new Error(
      'PostgreSQL binaries not found under /usr/lib/postgresql/*/bin (install Debian `postgresql`; .ci/run does). ' +
        'The hub tests need them and fail rather than skip.',
    );
  return join(base, versions[0]!, 'bin');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

function pgUid(): { uid: number; gid: number } | null {
  if (!isRoot()) return null;
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  return { uid, gid };
}

/** Runs a PostgreSQL tool, as the `postgres` user when we are root (initdb and postgres refuse root). */
function run(bin: string, args: string[]) {
  const command = isRoot() ? 'runuser' : bin;
  const argv = isRoot() ? ['-u', 'postgres', '--', bin, ...args] : args;
  const result = spawnSync(command, argv, { encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0)
    throw new Error(`${bin} ${args.join(' ')} failed (${result.status}): ${result.stderr || result.stdout}`);
  return result.stdout;
}

/**
 * `tls`: the server gets a self-signed certificate for 127.0.0.1 (CA file at `<dir>/ca.crt`) and refuses
 * connections without TLS (pg_hba `hostnossl … reject`).
 */
export async function startCluster(options: { tls?: boolean } = {}): Promise<PgCluster> {
  const bin = pgBinDir();
  const dir = mkdtempSync(join(tmpdir(), 'wardside-pg-'));
  chmodSync(dir, 0o700);
  const owner = pgUid();
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const data = join(dir, 'data');
  const pwfile = join(dir, 'pw');
  writeFileSync(pwfile, 'admin-pw\n', { mode: 0o600 });
  if (owner) chownSync(pwfile, owner.uid, owner.gid);
  run(join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=scram-sha-256',
    `--pwfile=${pwfile}`,
    '-E',
    'UTF8',
    '--locale=C',
    '--no-sync',
  ]);
  if (options.tls) {
    const cert = join(data, 'server.crt');
    const key = join(data, 'server.key');
    const made = spawnSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '2',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        key,
        '-out',
        cert,
      ],
      { encoding: 'utf8' },
    );
    if (made.status !== 0) throw new Error(`openssl failed: ${made.stderr}`);
    copyFileSync(cert, join(dir, 'ca.crt'));
    chmodSync(key, 0o600);
    if (owner) for (const f of [cert, key]) chownSync(f, owner.uid, owner.gid);
    const hba = join(data, 'pg_hba.conf');
    writeFileSync(
      hba,
      'local all all trust\nhostnossl all all 127.0.0.1/32 reject\nhostssl all all 127.0.0.1/32 scram-sha-256\n',
    );
    if (owner) chownSync(hba, owner.uid, owner.gid);
  }
  const port = await freePort();
  const host = '127.0.0.1';
  const serverOptions = `-c listen_addresses=${host} -c port=${port} -c unix_socket_directories=${dir} -c fsync=off -c max_connections=200 -c shared_buffers=32MB${options.tls ? ' -c ssl=on' : ''}`;
  const start = () => {
    run(join(bin, 'pg_ctl'), [
      '-D',
      data,
      '-l',
      join(dir, 'log'),
      '-o',
      serverOptions,
      '-w',
      '-t',
      '60',
      'start',
    ]);
  };
  const stopCluster = (mode = 'fast') => {
    if (existsSync(join(data, 'postmaster.pid')))
      run(join(bin, 'pg_ctl'), ['-D', data, '-m', mode, '-w', '-t', '60', 'stop']);
  };
  start();
  const adminUrl = `postgres://postgres:admin-pw@${host}:${port}/postgres${options.tls ? '?sslmode=require' : ''}`;
  const adminConfig = {
    connectionString: adminUrl.replace(/\?.*$/, ''),
    ssl: options.tls ? { rejectUnauthorized: false } : undefined,
  };
  const admin = new pg.Client(adminConfig);
  await admin.connect();
  try {
    await admin.query(`CREATE ROLE wardside LOGIN PASSWORD '${PG_PASSWORD}'`);
  } finally {
    await admin.end();
  }
  let n = 0;
  const cluster: PgCluster = {
    port,
    host,
    dir,
    adminUrl,
    createDatabase: async (name) => {
      n += 1;
      const db = name ?? `hub_${process.pid}_${n}`;
      const client = new pg.Client(adminConfig);
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${db}" OWNER wardside`);
      } finally {
        await client.end();
      }
      return `postgres://wardside:${PG_PASSWORD}@${host}:${port}/${db}`;
    },
    start,
    stop: () => {
      try {
        stopCluster('immediate');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
  return cluster;
}

/** Stops the server without removing it (a hub going away mid-sync); `start` brings it back. */
export function stopServer(cluster: PgCluster) {
  run(join(pgBinDir(), 'pg_ctl'), ['-D', join(cluster.dir, 'data'), '-m', 'immediate', '-w', 'stop']);
}
