// esbuild options for what Electron loads besides the renderer: the main process, the sandboxed preload and
// the reconciliation engine's worker thread (main/services/reconcile/engine/worker.ts), all CommonJS. Shared by build.ts and tests/unit/bundles.test.ts (which checks what they may require).
import type { BuildOptions } from 'esbuild';
import { join } from 'node:path';

/**
 * Left out of the bundles: electron is provided at run time; the native modules (better-sqlite3, and resvg
 * which turns report charts into PNG) stay unpacked beside app.asar (electron-builder.yml asarUnpack).
 */
export const bundleExternals = ['electron', 'better-sqlite3', '@resvg/resvg-js'];

/** The worker's file name beside main.cjs; main finds it through the define below (engine/job.ts). */
export const reconcileWorkerBundle = 'reconcile-worker.cjs';

/** The hub sync worker's file name beside main.cjs (main/services/hub/runner.ts). */
export const hubWorkerBundle = 'hub-worker.cjs';

/** The file-sync worker's file name beside main.cjs (main/services/sync/file-jobs.ts). */
export const syncWorkerBundle = 'sync-worker.cjs';

/** The run-saving worker's file name beside main.cjs (main/services/reconcile/save-jobs.ts). */
export const runWorkerBundle = 'run-worker.cjs';

/** The import's verification worker beside main.cjs (main/services/sync/verify.ts), started by an import in
 * the file-sync worker (or in main). */
export const syncVerifyWorkerBundle = 'sync-verify-worker.cjs';

export function electronBundles(root: string): {
  main: BuildOptions;
  preload: BuildOptions;
  reconcileWorker: BuildOptions;
  hubWorker: BuildOptions;
  syncWorker: BuildOptions;
  runWorker: BuildOptions;
  syncVerifyWorker: BuildOptions;
} {
  const common: BuildOptions = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    sourcemap: true,
    logLevel: 'warning',
    external: bundleExternals,
  };
  return {
    main: {
      ...common,
      entryPoints: [join(root, 'main', 'app', 'main.ts')],
      outfile: join(root, 'out', 'main', 'main.cjs'),
      // db/open.ts resolves migrations from import.meta.url when run from source; the shell passes the
      // packaged folder explicitly, so an empty value here is never used.
      define: {
        'import.meta.url': '""',
        WARDSIDE_RECONCILE_WORKER: JSON.stringify(reconcileWorkerBundle),
        WARDSIDE_HUB_WORKER: JSON.stringify(hubWorkerBundle),
        WARDSIDE_SYNC_WORKER: JSON.stringify(syncWorkerBundle),
        WARDSIDE_RUN_WORKER: JSON.stringify(runWorkerBundle),
        WARDSIDE_SYNC_VERIFY_WORKER: JSON.stringify(syncVerifyWorkerBundle),
      },
    },
    preload: {
      ...common,
      platform: 'browser',
      entryPoints: [join(root, 'preload', 'index.ts')],
      outfile: join(root, 'out', 'preload', 'preload.cjs'),
    },
    reconcileWorker: {
      ...common,
      entryPoints: [join(root, 'main', 'services', 'reconcile', 'engine', 'worker.ts')],
      outfile: join(root, 'out', 'main', reconcileWorkerBundle),
      // A large comparison starts a second copy of this worker for half of the keys (engine/reconcile.ts).
      define: { 'import.meta.url': '""', WARDSIDE_RECONCILE_WORKER: JSON.stringify(reconcileWorkerBundle) },
    },
    hubWorker: {
      ...common,
      entryPoints: [join(root, 'main', 'services', 'hub', 'worker.ts')],
      outfile: join(root, 'out', 'main', hubWorkerBundle),
      define: { 'import.meta.url': '""' },
    },
    syncWorker: {
      ...common,
      entryPoints: [join(root, 'main', 'services', 'sync', 'worker.ts')],
      outfile: join(root, 'out', 'main', syncWorkerBundle),
      // An import verifies its files on a second worker beside it (sync/verify.ts).
      define: {
        'import.meta.url': '""',
        WARDSIDE_SYNC_VERIFY_WORKER: JSON.stringify(syncVerifyWorkerBundle),
      },
    },
    runWorker: {
      ...common,
      entryPoints: [join(root, 'main', 'services', 'reconcile', 'save-worker.ts')],
      outfile: join(root, 'out', 'main', runWorkerBundle),
      define: { 'import.meta.url': '""' },
    },
    syncVerifyWorker: {
      ...common,
      entryPoints: [join(root, 'main', 'services', 'sync', 'verify-worker.ts')],
      outfile: join(root, 'out', 'main', syncVerifyWorkerBundle),
      define: { 'import.meta.url': '""' },
    },
  };
}
