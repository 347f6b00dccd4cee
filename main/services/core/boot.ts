// Opens the database and builds the service context: the same start-up for the app, preview and CLI, with
// every area's hooks on the write path installed first.
import { readFileSync } from 'node:fs';
import { openDatabase, type OpenOptions } from '#db/open.ts';
import { registerAreas } from '#services/areas.ts';
import { createContext, type Ctx, type CtxOptions } from './context.ts';
import { installHooks } from './hooks.ts';
import { migrateLegacyRoles } from '#services/reference/people.ts';
import { ensureReplica } from './settings.ts';
import { backfillChangeLog } from '#services/sync/backfill.ts';

export function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    return pkg.version;
  } catch {
    return '0.0.0';
  }
}

export function boot(dbPath: string, options: OpenOptions & CtxOptions = {}): Ctx & { close(): void } {
  installHooks(registerAreas);
  const opened = openDatabase(dbPath, options);
  const ctx = createContext(opened, { appVersion: options.appVersion ?? packageVersion(), now: options.now });
  ensureReplica(ctx);
  backfillChangeLog(ctx);
  migrateLegacyRoles(ctx);
  return { ...ctx, close: () => opened.close() };
}
