// Everything a service needs, passed in: the database is a parameter, never a module singleton, so tests
// open a fresh file and can substitute the clock.
import type Database from 'better-sqlite3';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import type { Drizzle, OpenedDatabase } from '#db/open.ts';

export interface Ctx {
  db: Drizzle;
  sqlite: Database.Database;
  dbPath: string;
  /** Folder beside the database for content-addressed files (attachments). */
  dataDir: string;
  schemaVersion: number;
  now: () => Date;
  newId: () => string;
  appVersion: string;
}

export interface CtxOptions {
  now?: () => Date;
  appVersion?: string;
}

export function createContext(opened: OpenedDatabase, options: CtxOptions = {}): Ctx {
  return {
    db: opened.db,
    sqlite: opened.sqlite,
    dbPath: opened.path,
    dataDir: opened.path === ':memory:' ? join(tmpdir(), 'wardside-memory') : dirname(opened.path),
    schemaVersion: opened.schemaVersion,
    now: options.now ?? (() => new Date()),
    newId: () => uuidv7(),
    appVersion: options.appVersion ?? '0.0.0',
  };
}

/** Runs `fn` in one SQLite transaction (a savepoint when nested): all of it is written, or none. */
export function inTransaction<T>(ctx: Ctx, fn: () => T): T {
  return ctx.sqlite.transaction(fn)();
}

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** A prepared statement cached per connection: hot paths prepare each SQL text once. */
export function statement(ctx: Pick<Ctx, 'sqlite'>, sql: string): Database.Statement {
  let cache = statements.get(ctx.sqlite);
  if (!cache) statements.set(ctx.sqlite, (cache = new Map()));
  let prepared = cache.get(sql);
  if (!prepared) cache.set(sql, (prepared = ctx.sqlite.prepare(sql)));
  return prepared;
}
