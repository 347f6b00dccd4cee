// Fault tests of hub sync (issue #16): `wardside hub sync` killed with SIGKILL at random moments during push
// and during pull, many times; the hub's server stopped mid-sync. Every time the laptop's database passes
// integrity_check, the hub holds no duplicate, and the next sync completes to the same state everywhere.
// Also the CLI's exit codes (0 synced, 4 refused, 5 unreachable) and that it never prints the password.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '#db/open.ts';
import { boot } from '#services/core/boot.ts';
import { createContext } from '#services/core/context.ts';
import { AppError } from '#services/core/errors.ts';
import { runDemo } from '#services/demo/demo.ts';
import { parseHubUrl } from '#services/hub/connect.ts';
import { HUB_SCHEMA } from '#services/hub/schema.ts';
import { syncHub } from '#services/hub/sync.ts';
import { dumpState } from '#services/sync/dump.ts';
import { freshCtx, repoRoot, tempDir } from './helpers.ts';
import { PG_PASSWORD, startCluster, stopServer, type PgCluster } from './pg-cluster.ts';

const cli = join(repoRoot, 'main', 'cli', 'wardside.ts');

let cluster: PgCluster;
beforeAll(async () => {
  cluster = await startCluster();
}, 60_000);
afterAll(() => cluster?.stop());

function run(
  args: string[],
  options: { killAfterMs?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<{ code: number | null; out: string; err: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, [cli, ...args], {
      env: { ...process.env, WARDSIDE_LANG: 'en', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const timer =
      options.killAfterMs === undefined ? null : setTimeout(() => child.kill('SIGKILL'), options.killAfterMs);
    child.on('error', reject);
    child.on('exit', (code) => {
      if (timer) clearTimeout(timer);
      resolve({ code, out, err, ms: Date.now() - started });
    });
  });
}

function inspect(path: string): { integrity: string; dump: string } {
  const opened = openDatabase(path);
  try {
    const integrity = (opened.sqlite.pragma('integrity_check') as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .join('; ');
    return { integrity, dump: dumpState(createContext(opened)) };
  } finally {
    opened.close();
  }
}

async function hubQuery(url: string, sql: string) {
  const client = new pg.Client(parseHubUrl(url).config);
  await client.connect();
  try {
    return (await client.query(sql)).rows as Record<string, string>[];
  } finally {
    await client.end();
  }
}

function demoDb(dir: string, name: string, seed: number, issues: number): string {
  const path = join(dir, `${name}.db`);
  const ctx = boot(path);
  runDemo(ctx, { replica: name, seed, issues, edits: Math.round(issues / 3) });
  ctx.close();
  return path;
}

const runs = Number(process.env.HUB_KILL_RUNS ?? 8);

describe('a hub sync killed at any moment', () => {
  it('SIGKILL during push and during pull, many times: both sides stay consistent and the next sync completes', async () => {
    const url = await cluster.createDatabase();
    const dir = tempDir();
    const source = demoDb(dir, 'SRC', 31, 150);
    const target = demoDb(dir, 'TGT', 32, 20);
    const rng = xoroshiro128plus(20261126);

    // Push: measure once how long a full push takes, then kill the push at random moments within it.
    const reference = await run(['hub', 'init', '--url', url]);
    expect(reference.code).toBe(0);
    const timing = join(dir, 'timing.db');
    const { copyFileSync } = await import('node:fs');
    copyFileSync(source, timing);
    const full = await run(['hub', 'sync', '--db', timing, '--url', url, '--batch', '100']);
    expect(full.code, full.err).toBe(0);
    await hubQuery(url, `TRUNCATE ${HUB_SCHEMA}.change, ${HUB_SCHEMA}.replica`);
    const kills: string[] = [];
    for (let i = 0; i < runs; i += 1) {
      const delay = uniformInt(rng, 150, Math.max(300, Math.round(full.ms * 1.1)));
      const result = await run(['hub', 'sync', '--db', source, '--url', url, '--batch', '100'], { killAfterMs: delay });
      kills.push(`${delay}ms→${result.code ?? 'killed'}`);
      expect(inspect(source).integrity).toBe('ok');
      const dup = await hubQuery(url, `SELECT count(*) AS n, count(DISTINCT id) AS d FROM ${HUB_SCHEMA}.change`);
      expect(dup[0]!.n).toBe(dup[0]!.d);
    }
    const done = await run(['hub', 'sync', '--db', source, '--url', url]);
    expect(done.code, done.err).toBe(0);
    const sourceChanges = inspect(source);
    const held = Number((await hubQuery(url, `SELECT count(*) AS n FROM ${HUB_SCHEMA}.change`))[0]!.n);
    const opened = openDatabase(source);
    const local = (opened.sqlite.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;
    opened.close();
    expect(held).toBe(local);

    // Pull: the target pulls everything in small batches, killed at random moments.
    for (let i = 0; i < runs; i += 1) {
      const delay = uniformInt(rng, 150, Math.max(300, Math.round(full.ms * 1.5)));
      const result = await run(['hub', 'sync', '--db', target, '--url', url, '--batch', '100'], { killAfterMs: delay });
      kills.push(`${delay}ms→${result.code ?? 'killed'}`);
      expect(inspect(target).integrity).toBe('ok');
    }
    expect((await run(['hub', 'sync', '--db', target, '--url', url])).code).toBe(0);
    expect((await run(['hub', 'sync', '--db', source, '--url', url])).code).toBe(0);
    expect(inspect(target).dump).toBe(inspect(source).dump);
    expect(sourceChanges.integrity).toBe('ok');
    // A second sync transfers nothing.
    const again = await run(['hub', 'sync', '--db', target, '--url', url, '--json']);
    expect(JSON.parse(again.out).counts).toMatchObject({ pushed: 0, pulled: 0 });
    console.log(`hub kill runs: ${kills.join(', ')}`);
  }, 240_000);

  it('the hub server stopped mid-push and mid-pull: unreachable, nothing half-written, the next sync completes', async () => {
    const url = await cluster.createDatabase();
    const a = freshCtx();
    runDemo(a, { replica: 'A', seed: 41, issues: 30, edits: 10 });
    const b = freshCtx();
    let stopped = false;
    const failure = await syncHub(a, {
      url,
      batchSize: 40,
      beforePushCommit: async () => {
        if (stopped) return;
        stopped = true;
        stopServer(cluster);
      },
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).code).toBe('hub_unreachable');
    cluster.start();
    await syncHub(a, { url, batchSize: 40 });
    let pulls = 0;
    const pullFailure = await syncHub(b, {
      url,
      batchSize: 40,
      onProgress: (p) => {
        if (p.phase === 'pull' && p.done > 0 && (pulls += 1) === 2) stopServer(cluster);
      },
    }).catch((error: unknown) => error);
    expect((pullFailure as AppError).code).toBe('hub_unreachable');
    const partial = (b.sqlite.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;
    expect(partial).toBeGreaterThan(0);
    cluster.start();
    await syncHub(b, { url, batchSize: 40 });
    await syncHub(a, { url, batchSize: 40 });
    expect(dumpState(b)).toBe(dumpState(a));
  }, 120_000);
});

describe('wardside hub', () => {
  it('exits 0 synced, 4 refused, 5 unreachable, 2 without a URL, and never prints the password', async () => {
    const url = await cluster.createDatabase();
    const dir = tempDir();
    const db = demoDb(dir, 'CLI', 51, 5);
    const init = await run(['hub', 'init', '--url', url], { env: { SECRET: '口令-1' } });
    expect(init.code, init.err).toBe(0);
    const bare = url.replace(`:${PG_PASSWORD}@`, '@');
    const synced = await run(['hub', 'sync', '--db', db], { env: { WARDSIDE_HUB_URL: bare, PGPASSWORD: PG_PASSWORD } });
    expect(synced.code, synced.err).toBe(0);
    expect(synced.out).toMatch(/pushed \d+/);
    const status = await run(['hub', 'status', '--url', url, '--json']);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.out).replicas[0].label).toBe('CLI');
    const refused = await run(['hub', 'sync', '--db', db, '--url', url, '--passphrase-env', 'SECRET'], {
      env: { SECRET: '口令-1' },
    });
    expect(refused.code).toBe(4);
    expect(refused.err).toContain('not encrypted');
    const wrongPw = await run(['hub', 'sync', '--db', db, '--url', url.replace(PG_PASSWORD, 'bad-pw-123')]);
    expect(wrongPw.code).toBe(4);
    const down = await run(['hub', 'sync', '--db', db, '--url', `postgres://wardside:${PG_PASSWORD}@127.0.0.1:1/x`]);
    expect(down.code).toBe(5);
    const missing = await run(['hub', 'sync', '--db', db], { env: { WARDSIDE_HUB_URL: '' } });
    expect(missing.code).toBe(2);
    for (const r of [init, synced, status, refused, wrongPw, down])
      expect(r.out + r.err).not.toMatch(new RegExp(`${PG_PASSWORD}|bad-pw-123`));
  }, 60_000);
});
