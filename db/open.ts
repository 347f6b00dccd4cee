// Opening the database is the one place that decides whether this laptop's data may be written to.
// Order matters: integrity first (a damaged file is never migrated or written), then the schema version
// (a file from a newer Wardside is never downgraded), then migrations inside drizzle's transaction.
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { readFileSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from './schema.ts';

export type Drizzle = BetterSQLite3Database<typeof schema>;

export interface OpenedDatabase {
  path: string;
  sqlite: Database.Database;
  db: Drizzle;
  /** Number of migrations applied: the schema version shown by `wardside info`. */
  schemaVersion: number;
  close(): void;
}

export type DatabaseOpenErrorKind = 'corrupt' | 'newer_schema' | 'unreadable';

/** Raised before anything is written; the message names the file and what the user can do. */
export class DatabaseOpenError extends Error {
  readonly kind: DatabaseOpenErrorKind;
  readonly path: string;
  constructor(kind: DatabaseOpenErrorKind, path: string, detail: string) {
    super(`${kind}: ${path}: ${detail}`);
    this.name = 'DatabaseOpenError';
    this.kind = kind;
    this.path = path;
  }
}

// The CLI bundle (build/scripts/cli-bundle.ts) defines where the repository root is from its out/cli/ chunks.
declare const WARDSIDE_SOURCE_ROOT: string | undefined;

/** Where the committed drizzle-kit migrations are when running from source or the CLI bundle (CLI, tests, preview). */
export function defaultMigrationsFolder(): string {
  if (typeof WARDSIDE_SOURCE_ROOT === 'string') {
    return fileURLToPath(new URL(`${WARDSIDE_SOURCE_ROOT}db/migrations`, import.meta.url));
  }
  return join(dirname(fileURLToPath(import.meta.url)), 'migrations');
}

interface Journal {
  entries: { idx: number; tag: string }[];
}

export function knownMigrationCount(migrationsFolder: string): number {
  const journal = JSON.parse(
    readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8'),
  ) as Journal;
  return journal.entries.length;
}

export interface OpenOptions {
  migrationsFolder?: string;
}

export function openDatabase(path: string, options: OpenOptions = {}): OpenedDatabase {
  const migrationsFolder = options.migrationsFolder ?? defaultMigrationsFolder();
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });

  let sqlite: Database.Database;
  try {
    sqlite = new Database(path);
  } catch (error) {
    throw new DatabaseOpenError('unreadable', path, (error as Error).message);
  }
  try {
    let check: string[];
    try {
      check = sqlite
        .prepare('PRAGMA quick_check')
        .all()
        .map((row) => String((row as { quick_check: string }).quick_check));
    } catch (error) {
      // SQLITE_NOTADB and friends: the file is not a database (or is encrypted/garbled).
      throw new DatabaseOpenError('corrupt', path, (error as Error).message);
    }
    if (check.length !== 1 || check[0] !== 'ok') {
      throw new DatabaseOpenError('corrupt', path, check.slice(0, 5).join('; '));
    }

    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');

    const known = knownMigrationCount(migrationsFolder);
    const applied = appliedMigrationCount(sqlite);
    if (applied > known) {
      throw new DatabaseOpenError(
        'newer_schema',
        path,
        `database has ${applied} migrations, this version of Wardside knows ${known}`,
      );
    }

    const db = drizzle(sqlite, { schema });
    migrate(db, { migrationsFolder });
    const schemaVersion = appliedMigrationCount(sqlite);
    sqlite.pragma(`user_version = ${schemaVersion}`);
    return { path, sqlite, db, schemaVersion, close: () => sqlite.close() };
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

function appliedMigrationCount(sqlite: Database.Database): number {
  const exists = sqlite
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'")
    .get();
  if (!exists) return 0;
  return (sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n;
}
