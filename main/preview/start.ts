// `npm run preview`: serve the built renderer with the real handlers on 127.0.0.1.
//   node main/preview/start.ts [--db PATH] [--port N]
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createHandlers } from '#main/ipc/handlers.ts';
import { boot } from '#services/core/boot.ts';
import { startIntegrityCheck } from '#services/core/integrity.ts';
import { defaultDbPath } from '#services/core/paths.ts';
import { getLocale } from '#services/core/settings.ts';
import { startPreviewServer } from './server.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values } = parseArgs({
  options: { db: { type: 'string' }, port: { type: 'string', default: '0' } },
});
const staticDir = join(root, 'out', 'renderer');
if (!existsSync(join(staticDir, 'index.html'))) {
  console.error(`No built renderer in ${staticDir}. Run \`npm run preview\` (it builds first).`);
  process.exit(1);
}

const bridge = await build({
  entryPoints: [join(root, 'main', 'preview', 'bridge.ts')],
  bundle: true,
  write: false,
  format: 'iife',
  platform: 'browser',
  target: 'chrome120',
  minify: true,
});

const dbPath = values.db ?? defaultDbPath();
const ctx = boot(dbPath);
startIntegrityCheck(ctx, (result) => {
  if (result.ok === false) console.error(`[integrity_check] ${dbPath}: ${result.detail}`);
  else if (result.ok === null) console.error('[integrity_check]', result.error);
});
if (ctx.readOnly) console.error(`[database] ${dbPath} is read-only (${ctx.readOnly}): opened read-only`);
const server = await startPreviewServer({
  // Imports and exports in a worker thread, as in the app.
  handlers: createHandlers(ctx, { files: {} }),
  locale: () => getLocale(ctx),
  staticDir,
  bridgeScript: bridge.outputFiles[0]!.text,
  port: Number(values.port),
  log: (error, method) => console.error(`[${method}]`, error),
});

console.log(`Wardside preview (database: ${dbPath})`);
console.log(`WARDSIDE_PREVIEW_URL=${server.url}`);
console.log('Open the URL above in a browser; press Ctrl+C to stop.');

const stop = async () => {
  await server.close();
  ctx.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
