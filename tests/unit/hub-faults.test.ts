// Fault tests of hub sync (issue #16): `wardside hub sync` killed with SIGKILL at random moments during push
// and during pull, many times; the hub's server stopped mid-sync. Every time the laptop's database passes
// integrity_check, the hub holds no duplicate, and the next sync completes to the same state everywhere.
// Also the CLI's exit codes (0 synced, 4 refused, 5 unreachable) and that it never prints the password.
import { spawn } from 'node:child_process';
import { copyFileSync } from 'node:fs';
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
  options: { killAfterMs?: number; env?: NodeJS.ProcessEnv; armOn?: string } = {},
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
    // The kill delay counts from the first progress line: the moment the sync itself starts.
    let timer: NodeJS.Timeout | null = null;
    const arm = () => {
      if (timer || options.killAfterMs === undefined) return;
      timer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs);
    };
    child.stderr.on('data', (d) => {
      if (String(d).includes(options.armOn ?? 'connect')) arm();
    });
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

function changeIds(path: string): string[] {
  const opened = openDatabase(path);
  try {
    return opened.sqlite.prepare('SELECT id FROM change_log').pluck().all() as string[];
  } finally {
    opened.close();
  }
}

const runs = Number(process.env.HUB_KILL_RUNS ?? 6);

describe('a hub sync killed at any moment', () => {
  it('SIGKILL during push and during pull, many times: both sides stay consistent and the next sync completes', async () => {
    const url = await cluster.createDatabase();
    const dir = tempDir();
    const source = demoDb(dir, 'SRC', 31, 120);
    const target = demoDb(dir, 'TGT', 32, 20);
    const rng = xoroshiro128plus(20261126);

    // Push: measure once how long a full push takes, then kill the push at random moments within it.
    const reference = await run(['hub', 'init', '--url', url]);
    expect(reference.code).toBe(0);
    const timing = join(dir, 'timing.db');
    copyFileSync(source, timing);
    const full = await run(['hub', 'sync', '--db', timing, '--url', url, '--batch', '100', '--json']);
    expect(full.code, full.err).toBe(0);
    const syncMs = Math.max(200, JSON.parse(full.out).ms as number);
    await hubQuery(url, `TRUNCATE ${HUB_SCHEMA}.change, ${HUB_SCHEMA}.replica`);
    const kills: string[] = [];
    const all = new Set(changeIds(source));
    for (let i = 0; i < runs; i += 1) {
      // Each run starts from an empty hub and the laptop as it was, so every kill lands mid-push.
      await hubQuery(url, `TRUNCATE ${HUB_SCHEMA}.change, ${HUB_SCHEMA}.replica`);
      const copy = join(dir, `push-${i}.db`);
      copyFileSync(source, copy);
      const delay = uniformInt(rng, 0, Math.round(syncMs * 0.9));
      const result = await run(['hub', 'sync', '--db', copy, '--url', url, '--batch', '100', '--progress'], {
        killAfterMs: delay,
        armOn: 'push',
      });
      kills.push(`push ${delay}ms→${result.code ?? 'killed'}`);
      expect(inspect(copy).integrity).toBe('ok');
      const onHub = (await hubQuery(url, `SELECT id FROM ${HUB_SCHEMA}.change`)).map((r) => r.id!);
      expect(new Set(onHub).size).toBe(onHub.length);
      expect(onHub.every((id) => all.has(id))).toBe(true);
      const ctx = boot(copy);
      try {
        await syncHub(ctx, { url, batchSize: 500 });
      } finally {
        ctx.close();
      }
      const after = (await hubQuery(url, `SELECT count(*) AS n FROM ${HUB_SCHEMA}.change`))[0]!.n;
      expect(Number(after)).toBe(all.size);
    }
    const sourceChanges = inspect(source);

    // Pull: copies of the target pull everything in small batches, each killed at a random moment, then
    // finish in-process; all end in one state.
    const dumps = new Set<string>();
    for (let i = 0; i < runs; i += 1) {
      const copy = join(dir, `pull-${i}.db`);
      copyFileSync(target, copy);
      const delay = uniformInt(rng, 0, Math.round(syncMs * 1.5));
      const result = await run(['hub', 'sync', '--db', copy, '--url', url, '--batch', '100', '--progress'], {
        killAfterMs: delay,
        armOn: 'pull',
      });
      kills.push(`pull ${delay}ms→${result.code ?? 'killed'}`);
      expect(inspect(copy).integrity).toBe('ok');
      const ctx = boot(copy);
      try {
        await syncHub(ctx, { url, batchSize: 500 });
        const again = await syncHub(ctx, { url });
        expect(again.counts).toMatchObject({ pushed: 0, pulled: 0 });
      } finally {
        ctx.close();
      }
      dumps.add(inspect(copy).dump);
    }
    const src = boot(source);
    try {
      await syncHub(src, { url });
    } finally {
      src.close();
    }
    dumps.add(inspect(source).dump);
    expect(dumps.size).toBe(1);
    expect(sourceChanges.integrity).toBe('ok');
    console.log(`hub kill runs: ${kills.join(', ')}`);
  }, 480_000);

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
    const synced = await run(['hub', 'sync', '--db', db], {
      env: { WARDSIDE_HUB_URL: bare, PGPASSWORD: PG_PASSWORD },
    });
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
    const down = await run([
      'hub',
      'sync',
      '--db',
      db,
      '--url',
      `postgres://wardside:${PG_PASSWORD}@127.0.0.1:1/x`,
    ]);
    expect(down.code).toBe(5);
    const missing = await run(['hub', 'sync', '--db', db], { env: { WARDSIDE_HUB_URL: '' } });
    expect(missing.code).toBe(2);
    for (const r of [init, synced, status, refused, wrongPw, down])
      expect(r.out + r.err).not.toMatch(new RegExp(`${PG_PASSWORD}|bad-pw-123`));
    // Seven CLI processes, each starting Node on TypeScript sources: minutes on a loaded 2-core machine.
  }, 300_000);
});
