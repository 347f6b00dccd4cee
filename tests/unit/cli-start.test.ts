// How `wardside` starts (issue #17): the bin (main/cli/bin.mjs) runs the bundled CLI in out/cli/ when it is
// newer than every source it was built from, else the TypeScript source; the bundle behaves as the source
// does (info, help, a reconciliation split over two threads whose worker is a chunk of the bundle); and
// `wardside --help` lists every command without loading the modules that add them.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { buildCli, cliBundle } from '../../build/scripts/cli-bundle.ts';
import { commandModules, summaries } from '#main/cli/commands.ts';
import { createProgram } from '#main/cli/program.ts';
import { repoRoot, tempDir } from './helpers.ts';

const quiet = (stderr: string) => stderr.replace(/^.*(ExperimentalWarning|--trace-warnings).*$\n?/gm, '');

function run(bin: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: quiet(result.stderr) };
}

// A copy of bin.mjs in a tree of its own, with a stand-in bundle and source that say which one ran.
function tree(): { root: string; bin: string; source: string } {
  const root = tempDir();
  mkdirSync(join(root, 'main', 'cli'), { recursive: true });
  mkdirSync(join(root, 'out', 'cli'), { recursive: true });
  cpSync(join(repoRoot, 'main', 'cli', 'bin.mjs'), join(root, 'main', 'cli', 'bin.mjs'));
  const source = join(root, 'main', 'cli', 'wardside.ts');
  writeFileSync(source, "console.log('source');\n");
  writeFileSync(join(root, 'out', 'cli', 'wardside.mjs'), "console.log('bundle');\n");
  writeFileSync(
    join(root, 'out', 'cli', 'sources.json'),
    JSON.stringify({ builtAt: Date.now() + 5_000, sources: ['main/cli/wardside.ts'] }),
  );
  return { root, bin: join(root, 'main', 'cli', 'bin.mjs'), source };
}

describe('the bin chooses the bundle only while it is fresh', () => {
  it('runs the bundle when no source changed after it was built', () => {
    const { bin } = tree();
    expect(run(bin, []).stdout).toBe('bundle\n');
  });

  it('runs the source when a source is newer than the bundle, or the bundle has no list, or is asked to', () => {
    const { root, bin, source } = tree();
    expect(run(bin, [], { WARDSIDE_CLI_SOURCE: '1' }).stdout).toBe('source\n');
    const later = new Date(Date.now() + 60_000);
    utimesSync(source, later, later);
    expect(run(bin, []).stdout).toBe('source\n');
    rmSync(join(root, 'out', 'cli', 'sources.json'));
    expect(run(bin, []).stdout).toBe('source\n');
  });
});

const untimed = (text: string) => text.replace(/[\d.]+ ?(秒|s)/g, '');

describe('the CLI bundle', () => {
  it('builds, and prints what the source prints (info, help, usage errors, a split reconciliation)', async () => {
    const built = await buildCli(repoRoot);
    expect(built.sources).toBeGreaterThan(20);
    const bin = join(repoRoot, 'main', 'cli', 'bin.mjs');
    const dir = tempDir();
    const both = (args: string[], env: Record<string, string> = {}) => {
      const bundled = run(bin, args, env);
      const source = run(bin, args, { ...env, WARDSIDE_CLI_SOURCE: '1' });
      return { bundled, source };
    };

    const info = both(['info', '--db', join(dir, 'a.db'), '--json']);
    expect(info.bundled.status).toBe(0);
    const a = JSON.parse(info.bundled.stdout) as Record<string, unknown>;
    const b = JSON.parse(info.source.stdout) as Record<string, unknown>;
    // The same database, so the same replica; the bundle finds the migrations and package.json.
    expect(a).toEqual(b);
    expect(a.version).not.toBe('0.0.0');

    const help = both(['--help']);
    expect(help.bundled).toEqual(help.source);
    expect(help.bundled.stdout).toContain('reconcile');

    const usage = both(['frobnicate']);
    expect(usage.bundled.status).toBe(2);
    expect(usage.bundled).toEqual(usage.source);

    // A reconciliation split over two threads: the worker is a chunk of the bundle, found beside it.
    const header = 'visit_no,amount';
    const rows = Array.from({ length: 3_000 }, (_, i) => `${String(i).padStart(8, '0')},${i}.50`);
    writeFileSync(join(dir, 'old.csv'), [header, ...rows].join('\n'));
    writeFileSync(join(dir, 'new.csv'), [header, ...rows.slice(1), '99999999,1'].join('\n'));
    writeFileSync(
      join(dir, 'p.json'),
      JSON.stringify({
        name: 'p',
        columns: [
          { old: 'visit_no', new: 'visit_no', key: true },
          { old: 'amount', new: 'amount', compare: 'number' },
        ],
      }),
    );
    const args = ['reconcile', '--profile', join(dir, 'p.json'), '--old', join(dir, 'old.csv')];
    const split = both([...args, '--new', join(dir, 'new.csv'), '--json', join(dir, 'r.json')], {
      WARDSIDE_RECONCILE_SPLIT_BYTES: '1',
      WARDSIDE_RECONCILE_THREADS: '2',
    });
    expect(split.bundled.stderr).toBe('');
    expect(split.bundled.status).toBe(0);
    expect(untimed(split.bundled.stdout)).toBe(untimed(split.source.stdout));
    expect(split.bundled.stdout).toMatch(/2,?999/);
  }, 120_000);
});

describe('commands load when they run', () => {
  it('commands.ts lists exactly the top-level commands the modules add, with the same summaries', async () => {
    const io = { out: () => {}, err: () => {} };
    const full = await createProgram(io, [], true);
    const added = Object.fromEntries(full.commands.map((c) => [c.name(), c.description()]));
    const listed = Object.fromEntries(commandModules.flatMap((m) => m.names.map((n) => [n, summaries[n]])));
    expect(added).toEqual(listed);
    // And every summary belongs to a listed command.
    expect(Object.keys(summaries).sort()).toEqual(Object.keys(listed).sort());
  });

  it('a command given on the command line loads only its own module', async () => {
    const io = { out: () => {}, err: () => {} };
    const program = await createProgram(io, ['issues', 'list']);
    const issues = program.commands.find((c) => c.name() === 'issues')!;
    const reconcile = program.commands.find((c) => c.name() === 'reconcile')!;
    expect(issues.commands.map((c) => c.name())).toContain('list');
    // Listed for --help by its summary only: no options, no subcommands.
    expect(reconcile.options).toEqual([]);
    expect(reconcile.description()).toBe(summaries.reconcile);
  });

  it('`--help` and `info` start without zod: the start path reads the value sets, not the contract schemas', async () => {
    // Building every zod schema of the contract took half of `wardside info`'s start (issue #17). The modules
    // reached by static imports from the CLI's entry, the info command and boot (which `withCtx` loads when a
    // command opens the database) must stay clear of them.
    const entries = ['main/cli/wardside.ts', 'main/cli/info.ts', 'main/services/core/boot.ts'];
    const result = await build({
      ...cliBundle(repoRoot),
      entryPoints: entries.map((e) => join(repoRoot, e)),
      splitting: false,
      write: false,
      outdir: join(tempDir(), 'out'),
    });
    const inputs = result.metafile!.inputs;
    const reached = new Set<string>(entries);
    const queue = [...entries];
    while (queue.length > 0) {
      for (const i of inputs[queue.shift()!]?.imports ?? []) {
        if (i.kind === 'import-statement' && inputs[i.path] && !reached.has(i.path)) {
          reached.add(i.path);
          queue.push(i.path);
        }
      }
    }
    expect(reached).toContain('db/schema.ts');
    expect(reached).toContain('preload/contract/values/issues.ts');
    const heavy = [...reached].filter(
      (m) => m.includes('node_modules/zod/') || /^preload\/contract\/(?!values\/|i18n\/)/.test(m),
    );
    expect(heavy).toEqual([]);
  });
});
