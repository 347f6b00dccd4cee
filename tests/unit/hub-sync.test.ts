// Sync through the PostgreSQL hub (issue #16), against a throwaway cluster started by this file.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AppError } from '#services/core/errors.ts';
import { readBlob } from '#services/core/blobs.ts';
import { addAttachment } from '#services/issues/attachments.ts';
import { runDemo } from '#services/demo/demo.ts';
import { updateIssue } from '#services/issues/issues.ts';
import { listConflicts } from '#services/sync/conflicts.ts';
import { dumpState } from '#services/sync/dump.ts';
import { HUB_SCHEMA } from '#services/hub/schema.ts';
import { hubStatus, initHub, probeHub, syncHub, type HubSyncOptions } from '#services/hub/sync.ts';
import { parseHubUrl } from '#services/hub/connect.ts';
import { HubRunner } from '#services/hub/runner.ts';
import { dumpReplicated, freshCtx, type TestCtx } from './helpers.ts';
import { startCluster, type PgCluster } from './pg-cluster.ts';
import { exchange, twoReplicas } from './sync-helpers.ts';

// Network round trips to a local server and several laptops per test: slow on a loaded 2-core machine.
vi.setConfig({ testTimeout: 120_000 });

let cluster: PgCluster;
beforeAll(async () => {
  cluster = await startCluster();
}, 60_000);
afterAll(() => cluster?.stop());

async function hubRows(url: string, sql: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client(parseHubUrl(url).config);
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

function laptop(name: string, seed: number, issues = 20): TestCtx {
  const ctx = freshCtx();
  runDemo(ctx, { replica: name, seed, issues, edits: issues > 0 ? 10 : 0 });
  return ctx;
}

const sync = (ctx: TestCtx, url: string, extra: Partial<HubSyncOptions> = {}) =>
  syncHub(ctx, { url, batchSize: 50, ...extra });

describe('hub sync', () => {
  it('two laptops converge through the hub; a second sync transfers nothing', async () => {
    const url = await cluster.createDatabase();
    const a = laptop('A', 1);
    const b = laptop('B', 2);
    const first = await sync(a, url);
    expect(first.counts.pushed).toBeGreaterThan(0);
    expect(first.counts.pulled).toBe(0);
    const fromB = await sync(b, url);
    expect(fromB.counts.pulled).toBe(first.counts.pushed);
    await sync(a, url);
    expect(dumpState(a)).toBe(dumpState(b));
    // Idempotent: nothing travels the second time, either way.
    for (const ctx of [a, b]) {
      const again = await sync(ctx, url);
      expect(again.counts).toMatchObject({ pushed: 0, pulled: 0, attachmentsUp: 0, attachmentsDown: 0 });
    }
    const hub = await hubStatus({ url });
    expect(hub.replicas.map((r) => r.label).sort()).toEqual(['A', 'B']);
    expect(hub.replicas.every((r) => r.lastPushAt && r.lastPullAt)).toBe(true);
    const total = (a.sqlite.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;
    expect(hub.changes).toBe(total);
  });

  it('checks what it pulls like a file: a change whose value no schema allows is refused, nothing written', async () => {
    const url = await cluster.createDatabase();
    const a = laptop('A', 1);
    await sync(a, url);
    // Someone with write access to the hub plants an impossible severity in one of A's changes.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const row = (
        await client.query<{ id: string; payload: Buffer }>(
          `SELECT id, payload FROM ${HUB_SCHEMA}.change WHERE table_name = 'pilot_issue' ORDER BY seq LIMIT 1`,
        )
      ).rows[0]!;
      const tuple = JSON.parse(row.payload.toString('utf8')) as [Record<string, unknown>, ...unknown[]];
      tuple[0].severity = 'P9';
      await client.query(`UPDATE ${HUB_SCHEMA}.change SET payload = $1 WHERE id = $2`, [
        Buffer.from(JSON.stringify(tuple)),
        row.id,
      ]);
    } finally {
      await client.end();
    }
    const b = laptop('B', 2);
    const before = dumpState(b);
    const error = await sync(b, url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'sync_invalid_value',
      params: { table: 'pilot_issue', column: 'severity' },
    });
    expect(dumpState(b)).toBe(before);
  });

  it('mixes with export files: a change that came by file reaches the hub, and the reverse', async () => {
    const url = await cluster.createDatabase();
    const { a, b } = twoReplicas();
    // The same clock as A and B: a laptop days ahead of the others would have its changes refused (#11).
    const c = freshCtx({ now: a.clock.now });
    // A's edit reaches B by file; B syncs with the hub; C gets it from the hub.
    updateIssue(a.ctx, { id: a.issue().id, title: '由文件带来的修改' });
    exchange(a, b);
    await sync(b.ctx as TestCtx, url);
    await sync(c, url);
    expect(dumpState(c)).toBe(dumpState(b.ctx));
    // C edits; A gets it by hub; B by file from A.
    const issueId = (c.sqlite.prepare('SELECT id FROM pilot_issue LIMIT 1').get() as { id: string }).id;
    updateIssue(c, { id: issueId, workaround: '从服务器来的' });
    await sync(c, url);
    await sync(a.ctx as TestCtx, url);
    exchange(a, b);
    expect(dumpState(b.ctx)).toBe(dumpState(c));
    expect(dumpState(a.ctx)).toBe(dumpState(c));
  });

  it('keeps concurrent edits as a conflict on both laptops', async () => {
    const url = await cluster.createDatabase();
    const { a, b } = twoReplicas();
    const issue = a.issue();
    exchange(a, b);
    updateIssue(a.ctx, { id: issue.id, title: 'A 的标题' });
    updateIssue(b.ctx, { id: issue.id, title: 'B 的标题' });
    await sync(a.ctx as TestCtx, url);
    await sync(b.ctx as TestCtx, url);
    await sync(a.ctx as TestCtx, url);
    expect(dumpState(a.ctx)).toBe(dumpState(b.ctx));
    for (const ctx of [a.ctx, b.ctx]) {
      const conflicts = listConflicts(ctx);
      expect(conflicts).toHaveLength(1);
      expect([conflicts[0]!.shown.value, ...conflicts[0]!.others.map((o) => o.value)].sort()).toEqual(
        ['A 的标题', 'B 的标题'].sort(),
      );
    }
  });

  it('carries attachments once by hash', async () => {
    const url = await cluster.createDatabase();
    const { a, b } = twoReplicas();
    const issue = a.issue();
    const bytes = Buffer.from('截图内容 screenshot bytes');
    const sha = addAttachment(a.ctx, {
      issueId: issue.id,
      fileName: 'shot.png',
      mime: 'image/png',
      bytes,
    }).sha256;
    const up = await sync(a.ctx as TestCtx, url);
    expect(up.counts.attachmentsUp).toBe(1);
    const down = await sync(b.ctx as TestCtx, url);
    expect(down.counts.attachmentsDown).toBe(1);
    expect(readBlob(b.ctx, sha)?.equals(bytes)).toBe(true);
    expect((await sync(a.ctx as TestCtx, url)).counts.attachmentsUp).toBe(0);
  });

  it('a pull never skips a change whose transaction committed late (concurrent pushes)', async () => {
    for (const unsafe of [false, true]) {
      const url = await cluster.createDatabase();
      const slow = laptop('SLOW', 3, 5);
      const fast = laptop('FAST', 4, 5);
      const observer = freshCtx();
      await initHub({ url });
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let entered!: () => void;
      const inside = new Promise<void>((resolve) => (entered = resolve));
      let first = true;
      // SLOW takes its seq values, then waits before COMMIT; FAST pushes and commits meanwhile.
      const slowSync = sync(slow, url, {
        batchSize: 10_000,
        phases: { push: true, pull: false },
        unsafeNoPushLock: unsafe,
        beforePushCommit: async () => {
          if (!first) return;
          first = false;
          entered();
          await gate;
        },
      });
      await inside;
      const fastSync = sync(fast, url, {
        batchSize: 10_000,
        phases: { push: true, pull: false },
        unsafeNoPushLock: unsafe,
      });
      if (unsafe) await fastSync;
      else await new Promise((resolve) => setTimeout(resolve, 300));
      // The observer pulls while SLOW's changes are still in flight.
      await sync(observer, url, { phases: { push: false, pull: true } });
      release();
      await Promise.all([slowSync, fastSync]);
      await sync(observer, url, { phases: { push: false, pull: true } });
      const hubCount = Number((await hubRows(url, `SELECT count(*) AS n FROM ${HUB_SCHEMA}.change`))[0]!.n);
      const held = (observer.sqlite.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;
      if (unsafe) {
        // Without the commit-order lock the race is real: this is what the lock prevents.
        expect(held).toBeLessThan(hubCount);
      } else {
        expect(held).toBe(hubCount);
        await sync(slow, url);
        await sync(fast, url);
        await sync(observer, url);
        expect(dumpState(observer)).toBe(dumpState(slow));
        expect(dumpState(fast)).toBe(dumpState(slow));
      }
    }
  });

  it('many laptops syncing at once lose and duplicate nothing', async () => {
    const url = await cluster.createDatabase();
    const laptops = Array.from({ length: 6 }, (_, i) => laptop(`L${i}`, 10 + i, 8));
    for (let round = 0; round < 3; round += 1) {
      await Promise.all(laptops.map((ctx) => sync(ctx, url, { batchSize: 7 + round })));
    }
    await Promise.all(laptops.map((ctx) => sync(ctx, url)));
    const dumps = new Set(laptops.map((ctx) => dumpState(ctx)));
    expect(dumps.size).toBe(1);
    const ids = await hubRows(url, `SELECT count(*) AS n, count(DISTINCT id) AS d FROM ${HUB_SCHEMA}.change`);
    const total = (laptops[0]!.sqlite.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number })
      .n;
    expect(Number(ids[0]!.n)).toBe(total);
    expect(Number(ids[0]!.d)).toBe(total);
  });
});

describe('hub refusals', () => {
  it('encrypts payloads end to end and refuses a missing or wrong passphrase before any write', async () => {
    const url = await cluster.createDatabase();
    const a = laptop('A', 5);
    await initHub({ url, passphrase: '项目密码-2026' });
    await sync(a, url, { passphrase: '项目密码-2026' });
    const title = (a.sqlite.prepare('SELECT title FROM pilot_issue LIMIT 1').get() as { title: string })
      .title;
    const hit = await hubRows(
      url,
      `SELECT count(*) AS n FROM ${HUB_SCHEMA}.change WHERE position(convert_to('${title.replaceAll("'", "''")}', 'UTF8') in payload) > 0`,
    );
    expect(Number(hit[0]!.n)).toBe(0);
    const b = laptop('B', 6);
    const before = dumpReplicated(b);
    const count = async () =>
      Number((await hubRows(url, `SELECT count(*) AS n FROM ${HUB_SCHEMA}.change`))[0]!.n);
    const held = await count();
    expect((await refusal(sync(b, url, { passphrase: 'wrong' }))).code).toBe('hub_wrong_passphrase');
    expect((await refusal(sync(b, url))).code).toBe('hub_passphrase_required');
    expect(await count()).toBe(held);
    expect(dumpReplicated(b)).toEqual(before);
    await sync(b, url, { passphrase: '项目密码-2026' });
    await sync(a, url, { passphrase: '项目密码-2026' });
    expect(dumpState(a)).toBe(dumpState(b));
  });

  it('refuses a passphrase for a plain hub, a newer hub and a foreign schema', async () => {
    const url = await cluster.createDatabase();
    const a = laptop('A', 7, 3);
    await sync(a, url);
    expect((await refusal(sync(a, url, { passphrase: 'x' }))).code).toBe('hub_not_encrypted');
    await hubRows(url, `UPDATE ${HUB_SCHEMA}.meta SET value = '99' WHERE key = 'schema_version'`);
    const newer = await refusal(sync(a, url));
    expect(newer.code).toBe('hub_newer_schema');
    expect(newer.params).toMatchObject({ version: 99, ours: 1 });
    await expect(probeHub({ url })).rejects.toMatchObject({ code: 'hub_newer_schema' });

    const foreign = await cluster.createDatabase();
    await hubRows(foreign, `CREATE SCHEMA ${HUB_SCHEMA}; CREATE TABLE ${HUB_SCHEMA}.other (x int)`);
    expect((await refusal(sync(a, foreign))).code).toBe('hub_not_wardside');
    expect((await probeHub({ url: await cluster.createDatabase() })).state).toBe('empty');
  });

  it('tells a wrong password and an unreachable server apart, and never shows the password', async () => {
    const url = await cluster.createDatabase();
    const wrong = url.replace(':secret-pw@', ':nope@');
    const auth = await refusal(probeHub({ url: wrong }));
    expect(auth.code).toBe('hub_auth_failed');
    expect(JSON.stringify(auth.params)).not.toContain('nope');
    const down = await refusal(probeHub({ url: `postgres://wardside:secret-pw@127.0.0.1:1/x` }));
    expect(down.code).toBe('hub_unreachable');
    expect(JSON.stringify(down.params)).not.toContain('secret-pw');
    // The password may come from PGPASSWORD instead of the URL.
    const bare = url.replace(':secret-pw@', '@');
    expect(parseHubUrl(bare, { env: { PGPASSWORD: 'secret-pw' } }).config.password).toBe('secret-pw');
    expect(parseHubUrl(url).redacted).not.toContain('secret-pw');
  });

  it('refuses a hub whose role may not create it, with its own message', async () => {
    const url = await cluster.createDatabase();
    const name = new URL(url).pathname.slice(1);
    await hubRows(cluster.adminUrl, `CREATE ROLE reader LOGIN PASSWORD 'reader-pw'`);
    await hubRows(cluster.adminUrl, `REVOKE CREATE ON DATABASE "${name}" FROM PUBLIC`);
    const reader = url.replace('wardside:secret-pw@', 'reader:reader-pw@');
    const a = laptop('A', 8, 1);
    expect((await refusal(sync(a, reader))).code).toBe('hub_cannot_create');
  });
});

describe('the app’s hub runner', () => {
  it('keeps no password in plaintext, syncs in a worker thread with progress, records the result', async () => {
    const url = await cluster.createDatabase();
    const a = laptop('A', 9, 10);
    const b = laptop('B', 10, 3);
    // Preview mode: no secret store, the password stays in memory.
    const runner = new HubRunner(a);
    const status = runner.saveSettings({ url, autoMinutes: 0 });
    expect(status.settings.url).not.toContain('secret-pw');
    expect(status.settings).toMatchObject({ passwordKept: true, canStorePassword: false });
    const raw = a.sqlite
      .prepare("SELECT group_concat(value) AS v FROM local_setting WHERE key LIKE 'hub.%'")
      .get() as {
      v: string;
    };
    expect(raw.v).not.toContain('secret-pw');
    expect((await runner.test({ url: status.settings.url! })).state).toBe('empty');
    const started = runner.syncNow();
    expect(started.running).toBe(true);
    expect(() => runner.syncNow()).toThrow(AppError);
    await runner.idle();
    const done = runner.status();
    expect(done.lastSync).toMatchObject({ ok: true, error: null });
    expect(done.lastSync!.counts!.pushed).toBeGreaterThan(0);
    // A secret store: the password is kept sealed, and a new runner (app restart) can sync with it.
    const sealed: string[] = [];
    const secrets = {
      seal: (text: string) => {
        const s = Buffer.from(text).toString('hex');
        sealed.push(s);
        return s;
      },
      open: (s: string) => Buffer.from(s, 'hex').toString(),
    };
    new HubRunner(b, { secrets }).saveSettings({
      url: url.replace(':secret-pw@', '@'),
      password: 'secret-pw',
      autoMinutes: 5,
    });
    const restarted = new HubRunner(b, { secrets });
    expect(restarted.status().settings).toMatchObject({
      passwordKept: true,
      canStorePassword: true,
      autoMinutes: 5,
    });
    restarted.syncNow();
    await restarted.idle();
    expect(restarted.status().lastSync).toMatchObject({ ok: true });
    expect((await restarted.replicas()).map((r) => r.label).sort()).toEqual(['A', 'B']);
    restarted.close();
    // A wrong password ends as a recorded failure with its own code.
    const wrong = new HubRunner(b);
    wrong.saveSettings({ url: url.replace(':secret-pw@', ':bad@'), autoMinutes: 0 });
    wrong.syncNow();
    await wrong.idle();
    expect(wrong.status().lastSync).toMatchObject({ ok: false, error: { code: 'hub_auth_failed' } });
  }, 90_000);
});

describe('TLS when the URL asks', () => {
  let tls: PgCluster;
  beforeAll(async () => {
    tls = await startCluster({ tls: true });
  }, 60_000);
  afterAll(() => tls?.stop());

  it('explains a server that requires TLS, syncs with sslmode=require and verify-full, refuses a wrong CA', async () => {
    const url = await tls.createDatabase();
    expect((await refusal(probeHub({ url }))).code).toBe('hub_tls_required');
    const a = laptop('A', 21, 3);
    await sync(a, `${url}?sslmode=require`);
    const ca = `${tls.dir}/ca.crt`;
    const b = laptop('B', 22, 3);
    await sync(b, `${url}?sslmode=verify-full&sslrootcert=${encodeURIComponent(ca)}`);
    await sync(a, `${url}?sslmode=require`);
    expect(dumpState(a)).toBe(dumpState(b));
    // A CA that did not sign the server's certificate: refused, with the TLS message.
    const other = await startCluster({ tls: true });
    try {
      const wrong = await refusal(
        probeHub({
          url: `${url}?sslmode=verify-full&sslrootcert=${encodeURIComponent(`${other.dir}/ca.crt`)}`,
        }),
      );
      expect(wrong.code).toBe('hub_tls_failed');
    } finally {
      other.stop();
    }
  }, 120_000);
});
