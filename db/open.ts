// Opening the database is the one place that decides whether this laptop's data may be written to.
// Order matters: integrity first (a damaged file is never migrated or written), then the schema version
// (a file from a newer Wardside is never downgraded), then migrations inside drizzle's transaction.
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import {
  accessSync,
  chmodSync,
  constants,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from './schema.ts';

export type Drizzle = BetterSQLite3Database<typeof schema>;

export interface OpenedDatabase {
  path: string;
  sqlite: Database.Database;
  db: Drizzle;
  /** Number of migrations applied: the schema version shown by `wardside info`. */
  schemaVersion: number;
  /** Opened read-only because the file or its folder cannot be written (issue #11, item 10). */
  readOnly: 'file' | 'folder' | null;
  close(): void;
}

/**
 * How long a write waits for another process's write to finish (SQLite's busy handler) before it is
 * refused with `db_busy`.
 */
export const BUSY_TIMEOUT_MS = 5000;

export type DatabaseOpenErrorKind =
  'corrupt' | 'newer_schema' | 'unreadable' | 'read_only_outdated' | 'busy' | 'disk_full';

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
  /** Tests shorten the wait for another writer; the app keeps BUSY_TIMEOUT_MS. */
  busyTimeoutMs?: number;
}

const writable = (path: string) => {
  try {
    accessSync(path, constants.W_OK);
    // The owner's intent counts even where the OS would let us (root, FAT): no write bit, no write.
    return (statSync(path).mode & 0o222) !== 0;
  } catch {
    return false;
  }
};

/** Whether the file (or, for a new file, its folder) can be written: EROFS, no write bit, no access. */
function readOnlyReason(path: string): 'file' | 'folder' | null {
  if (path === ':memory:') return null;
  if (!writable(dirname(path))) return 'folder';
  if (existsSync(path) && !writable(path)) return 'file';
  return null;
}

/** A failure of SQLite as what the user can do about it, never "damaged" for a lock or a full disk. */
function openError(path: string, error: unknown, whileChecking: boolean): DatabaseOpenError {
  if (error instanceof DatabaseOpenError) return error;
  const code = String((error as { code?: unknown }).code ?? '');
  const message = (error as Error).message;
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new DatabaseOpenError('busy', path, message);
  }
  if (code === 'SQLITE_FULL') return new DatabaseOpenError('disk_full', path, message);
  // SQLITE_NOTADB, SQLITE_CORRUPT: the file is not a database (or is encrypted/garbled).
  if (whileChecking && (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'))) {
    return new DatabaseOpenError('corrupt', path, message);
  }
  return new DatabaseOpenError('unreadable', path, message);
}

/**
 * A WAL database cannot be opened read-only in a folder where SQLite cannot create its shared-memory
 * file: it is read from a private snapshot copy instead (with its WAL, which holds committed writes).
 */
function snapshotOf(path: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'wardside-readonly-'));
  chmodSync(dir, 0o700);
  const copy = join(dir, basename(path));
  copyFileSync(path, copy);
  if (existsSync(`${path}-wal`)) copyFileSync(`${path}-wal`, `${copy}-wal`);
  return copy;
}

export function openDatabase(path: string, options: OpenOptions = {}): OpenedDatabase {
  const migrationsFolder = options.migrationsFolder ?? defaultMigrationsFolder();
  const timeout = options.busyTimeoutMs ?? BUSY_TIMEOUT_MS;
  if (path !== ':memory:' && !existsSync(dirname(path))) {
    // Owner-only: the folder holds patient data (issue #11, item 13).
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  }
  const readOnly = readOnlyReason(path);
  if (readOnly && !existsSync(path)) {
    throw new DatabaseOpenError('unreadable', path, 'the folder is read-only, so no database can be created');
  }

  let sqlite: Database.Database;
  try {
    const file = readOnly === 'folder' ? snapshotOf(path) : path;
    sqlite = readOnly
      ? new Database(file, { readonly: true, fileMustExist: true, timeout })
      : new Database(file, { timeout });
  } catch (error) {
    throw openError(path, error, false);
  }
  try {
    let check: string[];
    try {
      check = sqlite
        .prepare('PRAGMA quick_check')
        .all()
        .map((row) => String((row as { quick_check: string }).quick_check));
    } catch (error) {
      throw openError(path, error, true);
    }
    if (check.length !== 1 || check[0] !== 'ok') {
      throw new DatabaseOpenError('corrupt', path, check.slice(0, 5).join('; '));
    }

    const known = knownMigrationCount(migrationsFolder);
    const applied = appliedMigrationCount(sqlite);
    if (applied > known) {
      throw new DatabaseOpenError(
        'newer_schema',
        path,
        `database has ${applied} migrations, this version of Wardside knows ${known}`,
      );
    }
    sqlite.pragma('foreign_keys = ON');
    const db = drizzle(sqlite, { schema });
    if (readOnly) {
      // Nothing is written, not even the header: a file that needs migrating cannot be opened this way.
      if (applied < known) {
        throw new DatabaseOpenError(
          'read_only_outdated',
          path,
          `read-only database has ${applied} migrations, this version of Wardside needs ${known}`,
        );
      }
      return { path, sqlite, db, schemaVersion: applied, readOnly, close: () => sqlite.close() };
    }

    try {
      if (sqlite.pragma('journal_mode', { simple: true }) !== 'wal') sqlite.pragma('journal_mode = WAL');
      sqlite.pragma('synchronous = NORMAL');
      if (applied < known) migrate(db, { migrationsFolder });
      const schemaVersion = appliedMigrationCount(sqlite);
      // Written only when it changes: opening an up-to-date file writes nothing.
      if (sqlite.pragma('user_version', { simple: true }) !== schemaVersion) {
        sqlite.pragma(`user_version = ${schemaVersion}`);
      }
      // Owner-only (issue #11, item 13); a file shared on purpose by someone else keeps its mode.
      if (path !== ':memory:') {
        try {
          chmodSync(path, 0o600);
        } catch {
          // Not ours to change (EPERM), or a file system without modes.
        }
      }
      return { path, sqlite, db, schemaVersion, readOnly: null, close: () => sqlite.close() };
    } catch (error) {
      throw openError(path, error, false);
    }
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
