// Shared test plumbing: a fresh database file per test, a controllable clock, the committed fixtures.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { onTestFinished } from 'vitest';
import { replicatedTables } from '#db/replicated.ts';
import { boot } from '#services/core/boot.ts';
import type { Ctx } from '#services/core/context.ts';
import { getTableName } from 'drizzle-orm';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const fixturesDir = join(repoRoot, 'tests', 'fixtures');

/** A new directory, removed when the current test ends. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wardside-test-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export type TestCtx = Ctx & { close(): void };

/** Boots the services on a new database file, exactly as the app and CLI do; closed after the test. */
export function freshCtx(options: { now?: () => Date } = {}): TestCtx {
  const ctx = boot(join(tempDir(), 'wardside.db'), { appVersion: '0.0.0-test', ...options });
  onTestFinished(() => ctx.close());
  return ctx;
}

/** A clock that only moves when told to, for asserting timestamps. */
export function testClock(start = '2026-11-22T08:00:00.000Z') {
  let t = Date.parse(start);
  return {
    now: () => new Date(t),
    advance(ms = 1000) {
      t += ms;
    },
  };
}

/** Every row of every replicated table, to assert that a refused operation wrote nothing. */
export function dumpReplicated(ctx: Ctx): Record<string, unknown[]> {
  return Object.fromEntries(
    Object.values(replicatedTables).map((table) => {
      const name = getTableName(table);
      return [name, ctx.sqlite.prepare(`SELECT * FROM "${name}" ORDER BY id`).all()];
    }),
  );
}

export function rowCount(ctx: Ctx, table: string): number {
  return (ctx.sqlite.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
}

export function fixture(name: string): Buffer {
  return readFileSync(join(fixturesDir, name));
}

export const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
