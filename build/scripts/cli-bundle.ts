// The `wardside` command as an ESM bundle in out/cli/ (esbuild, code split: a command's modules are loaded
// when it runs, so `wardside --help` reads little), with the reconciliation worker beside it and a list of
// the sources it was built from. main/cli/bin.mjs runs it when no source is newer, else the TypeScript source.
// Run by `npm install` (prepare), `npm run build` and `npm start`; `node build/scripts/cli-bundle.ts` alone.
import type { BuildOptions } from 'esbuild';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Native or optional modules stay outside the bundle, loaded from node_modules at run time. */
export const cliExternals = [
  'better-sqlite3',
  '@resvg/resvg-js',
  'pg-native',
  '@duckdb/node-api',
  'electron',
];
export const cliOutDir = (root: string) => join(root, 'out', 'cli');
export const cliStampFile = 'sources.json';

export function cliBundle(root: string): BuildOptions {
  return {
    entryPoints: {
      wardside: join(root, 'main', 'cli', 'wardside.ts'),
      'reconcile-worker': join(root, 'main', 'services', 'reconcile', 'engine', 'worker.ts'),
      'sync-verify-worker': join(root, 'main', 'services', 'sync', 'verify-worker.ts'),
    },
    outdir: cliOutDir(root),
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    metafile: true,
    logLevel: 'warning',
    external: cliExternals,
    // Bundled CommonJS packages call require(); ESM has none of its own.
    banner: {
      js: "import { createRequire as __wardsideRequire } from 'node:module'; const require = __wardsideRequire(import.meta.url);",
    },
    define: {
      WARDSIDE_RECONCILE_WORKER: JSON.stringify('reconcile-worker.mjs'),
      WARDSIDE_SYNC_VERIFY_WORKER: JSON.stringify('sync-verify-worker.mjs'),
      // Files the sources find beside themselves (migrations, package.json) are found from the repository root.
      WARDSIDE_SOURCE_ROOT: JSON.stringify('../../'),
    },
  };
}

/** Builds the bundle and writes the list of sources it holds with the build time (bin.mjs checks it). */
export async function buildCli(root: string): Promise<{ ms: number; sources: number }> {
  const started = Date.now();
  const { build } = await import('esbuild');
  const builtAt = Date.now();
  // Chunk names carry a content hash: without this, every build would leave the previous chunks behind.
  rmSync(cliOutDir(root), { recursive: true, force: true });
  const result = await build(cliBundle(root));
  const sources = Object.keys(result.metafile!.inputs)
    .map((input) => relative(root, join(process.cwd(), input)))
    .filter((path) => !path.startsWith('node_modules') && !path.startsWith('..'));
  mkdirSync(cliOutDir(root), { recursive: true });
  writeFileSync(join(cliOutDir(root), cliStampFile), JSON.stringify({ builtAt, sources }));
  return { ms: Date.now() - started, sources: sources.length };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const { ms, sources } = await buildCli(root);
  console.log(`built the wardside CLI bundle (${sources} sources) in ${ms} ms`);
}
