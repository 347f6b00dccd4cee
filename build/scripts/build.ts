// Builds what Electron loads: the renderer (Vite) into out/renderer, and the main process and preload
// (esbuild, CommonJS) into out/main and out/preload, with the reconciliation worker beside main, and the
// CLI bundle into out/cli.
// `--renderer` builds only the renderer (preview, e2e).
import { build as esbuild } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as viteBuild } from 'vite';
import { buildCli } from './cli-bundle.ts';
import { electronBundles } from './electron-bundles.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const rendererOnly = process.argv.includes('--renderer');

const started = Date.now();
await viteBuild({ configFile: join(root, 'build', 'vite.config.ts'), logLevel: 'warn' });

if (!rendererOnly) {
  const bundles = electronBundles(root);
  await esbuild(bundles.main);
  await esbuild(bundles.preload);
  await esbuild(bundles.reconcileWorker);
  await esbuild(bundles.hubWorker);
  await esbuild(bundles.syncWorker);
  await esbuild(bundles.runWorker);
  await esbuild(bundles.syncVerifyWorker);
  await buildCli(root);
}
console.log(
  `built ${rendererOnly ? 'renderer' : 'renderer, main, preload and the CLI'} in ${Date.now() - started} ms`,
);
