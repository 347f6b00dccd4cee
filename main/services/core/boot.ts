// Opens the database and builds the service context: the same start-up for the app, preview and CLI, with
// every area's hooks on the write path installed first.
import { readFileSync } from 'node:fs';
import { openDatabase, type OpenOptions } from '#db/open.ts';
// boot() is the composition root: the one core module that knows the list of areas.
// oxlint-disable-next-line no-restricted-imports
import { registerAreas } from '#services/areas.ts';
import { createContext, runClosers, type Ctx, type CtxOptions } from './context.ts';
import { installHooks, runOpenTasks } from './hooks.ts';
import { ensureReplica } from './settings.ts';
import { backfillChangeLog } from './backfill.ts';
import { syncTables } from './registry.ts';

// The CLI bundle (build/scripts/cli-bundle.ts) defines where the repository root is from its out/cli/ chunks.
declare const WARDSIDE_SOURCE_ROOT: string | undefined;

export function packageVersion(): string {
  const root =
    typeof WARDSIDE_SOURCE_ROOT === 'string'
      ? new URL(WARDSIDE_SOURCE_ROOT, import.meta.url)
      : new URL('../../../', import.meta.url);
  try {
    const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
      version: string;
    };
    return pkg.version;
  } catch {
    return '0.0.0';
  }
}

export function boot(dbPath: string, options: OpenOptions & CtxOptions = {}): Ctx & { close(): void } {
  installHooks(registerAreas);
  // Refuses to start when a replicated column has no schema for synced values (issue #11, item 5).
  syncTables();
  const opened = openDatabase(dbPath, options);
  const ctx = createContext(opened, { appVersion: options.appVersion ?? packageVersion(), now: options.now });
  // A read-only database is shown as it is: no replica id, backfill or derived data is written.
  if (!ctx.readOnly) {
    ensureReplica(ctx);
    backfillChangeLog(ctx);
    runOpenTasks(ctx);
  }
  return {
    ...ctx,
    close: () => {
      runClosers(ctx);
      opened.close();
    },
  };
}
