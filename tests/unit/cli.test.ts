// main/cli/program.ts: `wardside info` over the same services as the app, with documented exit codes
// (0 ok, 2 usage, 3 database refused). One test runs the real bin in a child process.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { exitCodes, runCli } from '#main/cli/program.ts';
import type { AppInfo } from '#contract/index.ts';
import { repoRoot, tempDir, UUID_V7 } from './helpers.ts';

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('wardside CLI', () => {
  it('info --db <new path> --json creates and migrates the database and prints JSON', async () => {
    const db = join(tempDir(), 'nested', 'new.db');
    const { code, out, err } = await cli('info', '--db', db, '--json');
    expect({ code, err }).toEqual({ code: exitCodes.ok, err: '' });
    const info = JSON.parse(out) as AppInfo;
    expect(info.dbPath).toBe(db);
    expect(info.schemaVersion).toBeGreaterThanOrEqual(1);
    expect(info.replicaId).toMatch(UUID_V7);
    expect(info.counts).toEqual({ departments: 0, systems: 0, modules: 0, people: 0 });
    expect(existsSync(db)).toBe(true);

    // A second run reads the same replica.
    const again = JSON.parse((await cli('info', `--db=${db}`, '--json')).out) as AppInfo;
    expect(again.replicaId).toBe(info.replicaId);
  });

  it('info without --json prints an aligned table', async () => {
    const db = join(tempDir(), 'w.db');
    const { code, out } = await cli('info', '--db', db);
    expect(code).toBe(0);
    expect(out).toMatch(new RegExp(`^database +${db.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
    expect(out).toMatch(/^schema version +\d+$/m);
    expect(out).toMatch(/^project configured +no$/m);
  });

  it.each([['--help'], ['info', '--help'], ['help', 'info']])(
    '%j prints help and returns 0',
    async (...argv) => {
      const { code, out } = await cli(...argv);
      expect(code).toBe(0);
      expect(out).toContain('Exit codes:');
      expect(out).toMatch(/Usage: wardside/);
    },
  );

  it.each([['frobnicate'], ['info', '--no-such-option'], ['info', '--db']])(
    '%j is a usage error (2)',
    async (...argv) => {
      const { code, err } = await cli(...argv);
      expect(code).toBe(exitCodes.usage);
      expect(err).toMatch(/error/i);
    },
  );

  it.each([
    ['zh-CN', '未通过完整性检查'],
    ['en', 'failed its integrity check'],
  ])('refuses a corrupt database with 3 and a %s message naming the path', async (lang, phrase) => {
    vi.stubEnv('WARDSIDE_LANG', lang);
    const db = join(tempDir(), 'corrupt.db');
    const bytes = Buffer.from('garbage, not SQLite '.repeat(100));
    writeFileSync(db, bytes);
    const { code, out, err } = await cli('info', '--db', db, '--json');
    expect(code).toBe(exitCodes.database);
    expect(out).toBe('');
    expect(err).toContain(db);
    expect(err).toContain(phrase);
    expect(readFileSync(db).equals(bytes)).toBe(true);
  });

  it('the bin runs under plain Node: `node main/cli/wardside.ts info --db X --json`', () => {
    const db = join(tempDir(), 'bin.db');
    const run = spawnSync(
      process.execPath,
      [join('main', 'cli', 'wardside.ts'), 'info', '--db', db, '--json'],
      {
        cwd: repoRoot,
        encoding: 'utf8',
        timeout: 30_000,
      },
    );
    expect(run.stderr.replace(/^.*ExperimentalWarning.*$\n?/gm, '')).toBe('');
    expect(run.status).toBe(0);
    const info = JSON.parse(run.stdout) as AppInfo;
    expect(info).toMatchObject({ dbPath: db, schemaVersion: expect.any(Number) });
    expect(info.replicaId).toMatch(UUID_V7);

    const bad = spawnSync(process.execPath, [join('main', 'cli', 'wardside.ts'), 'frobnicate'], {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(bad.status).toBe(exitCodes.usage);
  }, 30_000);
});
