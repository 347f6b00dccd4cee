// Builds what Electron loads: the renderer (Vite) into out/renderer, and the main process and preload
// (esbuild, CommonJS) into out/main and out/preload. `--renderer` builds only the renderer (preview, e2e).
import { build as esbuild } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as viteBuild } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const rendererOnly = process.argv.includes('--renderer');

const started = Date.now();
await viteBuild({ configFile: join(root, 'build', 'vite.config.ts'), logLevel: 'warn' });

if (!rendererOnly) {
  const common = {
    bundle: true,
    platform: 'node' as const,
    format: 'cjs' as const,
    target: 'node22',
    sourcemap: true,
    logLevel: 'warning' as const,
    // Native module stays in node_modules (unpacked from the asar); electron is provided at run time.
    external: ['electron', 'better-sqlite3'],
  };
  await esbuild({
    ...common,
    entryPoints: [join(root, 'main', 'app', 'main.ts')],
    outfile: join(root, 'out', 'main', 'main.cjs'),
    // db/open.ts resolves migrations from import.meta.url when run from source; the shell passes the
    // packaged folder explicitly, so an empty value here is never used.
    define: { 'import.meta.url': '""' },
  });
  await esbuild({
    ...common,
    platform: 'browser',
    entryPoints: [join(root, 'preload', 'index.ts')],
    outfile: join(root, 'out', 'preload', 'preload.cjs'),
  });
}
console.log(
  `built ${rendererOnly ? 'renderer' : 'renderer, main and preload'} in ${Date.now() - started} ms`,
);
