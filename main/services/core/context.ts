// Everything a service needs, passed in: the database is a parameter, never a module singleton, so tests
// open a fresh file and can substitute the clock.
import type Database from 'better-sqlite3';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import type { Drizzle, OpenedDatabase } from '#db/open.ts';
import { AppError } from './errors.ts';

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
  /** Opened read-only (the file or its folder cannot be written): reads work, writes say so. */
  readOnly: 'file' | 'folder' | null;
  /** Set by the background integrity check when it fails: writes are refused with the restore advice. */
  health: { damaged: string | null };
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
    readOnly: opened.readOnly,
    health: { damaged: null },
  };
}

/** Refuses a write once the background integrity check found the file damaged, with the restore advice. */
export function assertHealthy(ctx: Pick<Ctx, 'health' | 'dbPath'>): void {
  if (ctx.health.damaged) throw new AppError('db_damaged', { path: ctx.dbPath });
}

/**
 * Runs `fn` in one SQLite transaction (a savepoint when nested): all of it is written, or none. It begins
 * IMMEDIATE, so another process's write is waited for (busy timeout) when it starts, instead of failing
 * at once when a read turns into a write (issue #11, item 10). A database the background check found
 * damaged takes no more writes.
 */
export function inTransaction<T>(ctx: Ctx, fn: () => T): T {
  assertHealthy(ctx);
  const transaction = ctx.sqlite.transaction(fn);
  return ctx.readOnly ? transaction() : transaction.immediate();
}

const closers = new WeakMap<Database.Database, Set<() => void>>();

/**
 * Calls `fn` when the database is closed (boot's close()), before the connection goes: what holds a
 * connection of its own to the same file (a worker thread) ends with it. Returns a function that unregisters.
 */
export function whenClosed(ctx: Pick<Ctx, 'sqlite'>, fn: () => void): () => void {
  let set = closers.get(ctx.sqlite);
  if (!set) closers.set(ctx.sqlite, (set = new Set()));
  set.add(fn);
  return () => set.delete(fn);
}

/** Runs (once) what whenClosed registered for this connection. */
export function runClosers(ctx: Pick<Ctx, 'sqlite'>): void {
  const set = closers.get(ctx.sqlite);
  if (!set) return;
  closers.delete(ctx.sqlite);
  for (const fn of set) fn();
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
