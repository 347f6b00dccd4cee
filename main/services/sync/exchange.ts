// Export and import of `.wardside` files (issue #4; README, Sync by export files).
//
// Export: everything this replica knows (the whole change log, the replicas it has heard of, every
// attachment once by hash), so losing any one file never loses data: the next export carries it again.
// Import: every file is decoded and verified before any write; the verified files are then applied in ONE
// transaction (a preview runs the same code and rolls back, so its counts are exact). Changes are a set:
// a change already held is ignored, which makes importing a file twice, or files in any order, a no-op
// beyond the first time.
import { getTableName } from 'drizzle-orm';
import { contentAddressed } from '#db/replicated.ts';
import type {
  FileOutcome,
  FileResult,
  ImportCounts,
  ImportLogEntry,
  FileProgress,
  ImportReport,
  SyncError,
  SyncStatus,
} from '#contract/index.ts';
import { collectRemovals } from '#services/core/materialize.ts';
import { describeProject, joinProjectIdentity, projectIdentity } from '#services/core/project-identity.ts';
import { FileVerifier, type VerifierTuning } from './verify.ts';
import { clockStatus, EXPORTED_THROUGH } from './clock.ts';
import { isSha256, readBlob, storeBlob } from '#services/core/blobs.ts';
import { inTransaction, statement, type Ctx } from '#services/core/context.ts';
import { AppError } from '#services/core/errors.ts';
import { ensureReplica, setLocalSetting } from '#services/core/settings.ts';
import { fromRow, insertChanges, type Change } from '#services/core/change-log.ts';
import { countConflicts } from './conflicts.ts';
import {
  encodeExport,
  FILE_EXTENSION,
  readManifest,
  type ExportContent,
  type Manifest,
  type ParsedExport,
} from './file-format.ts';
import {
  materializeNew,
  materializeRow,
  RecordInserts,
  type RowOutcome,
} from '#services/core/materialize.ts';
import { printableValue } from '#services/core/printable.ts';
import { syncTable, syncTables } from '#services/core/registry.ts';

export interface ExportResult {
  bytes: Buffer;
  manifest: Manifest;
  fileName: string;
  /** Set when the file is written without a passphrase while it holds patient data. */
  warning: SyncError | null;
}

export function exportChanges(ctx: Ctx, options: { passphrase?: string } = {}): ExportResult {
  const replica = ensureReplica(ctx);
  const changes = (ctx.sqlite.prepare('SELECT * FROM change_log ORDER BY id').all() as never[]).map(fromRow);
  const known = ctx.sqlite.prepare('SELECT id, label FROM sync_replica ORDER BY id').all() as {
    id: string;
    label: string | null;
  }[];
  const replicas = [replica, ...known.filter((r) => r.id !== replica.id)];
  const attachments: { sha256: string; bytes: Buffer }[] = [];
  for (const { table, column } of contentAddressed) {
    const hashes = ctx.sqlite
      .prepare(`SELECT DISTINCT "${column}" AS sha FROM "${getTableName(table)}" ORDER BY 1`)
      .all() as { sha: string }[];
    for (const { sha } of hashes) {
      // A value that is no hash (a damaged or hostile record) names no file, and a file missing on this
      // laptop (never received) is left out; the row still travels either way.
      const bytes = isSha256(sha) ? readBlob(ctx, sha) : null;
      if (bytes) attachments.push({ sha256: sha, bytes });
    }
  }
  const now = ctx.now();
  const { bytes, manifest } = encodeExport(
    {
      replica,
      project: projectIdentity(ctx),
      exportedAt: now.toISOString(),
      schemaVersion: ctx.schemaVersion,
      appVersion: ctx.appVersion,
      replicas,
      changes,
      attachments,
    },
    options,
  );
  // Local time in the name (what people see on the clock), to the second so two exports never collide.
  const stamp =
    `${now.getFullYear()}${two(now.getMonth() + 1)}${two(now.getDate())}-` +
    `${two(now.getHours())}${two(now.getMinutes())}${two(now.getSeconds())}`;
  const name = (replica.label ?? replica.id.slice(-8)).replace(/[^\p{L}\p{N}_-]+/gu, '_');
  setLocalSetting(
    ctx,
    EXPORTED_THROUGH,
    (statement(ctx, 'SELECT max(rowid) AS n FROM change_log').get() as { n: number | null }).n ?? 0,
  );
  const warning = options.passphrase ? null : patientDataWarning(ctx);
  return { bytes, manifest, fileName: `wardside-${name}-${stamp}${FILE_EXTENSION}`, warning };
}

/**
 * Patient data in an export (issue #11, item 13): reconciliation discrepancies carry values of the hospital's
 * exports (visit numbers, patient names, amounts) and attachments are screenshots of patient screens. A file
 * without a passphrase that holds them gets a warning naming what it holds.
 */
export function patientDataWarning(ctx: Ctx): SyncError | null {
  const count = (sql: string) => (statement(ctx, sql).get() as { n: number }).n;
  const what: string[] = [];
  const items = count('SELECT count(*) AS n FROM discrepancy_item');
  if (items > 0) what.push(`${items} discrepancy_item`);
  const files = count('SELECT count(*) AS n FROM issue_attachment');
  if (files > 0) what.push(`${files} issue_attachment`);
  return what.length > 0
    ? { code: 'sync_patient_data_unencrypted', params: { what: what.join(', ') } }
    : null;
}

const two = (n: number) => String(n).padStart(2, '0');

const emptyCounts = (): ImportCounts => ({
  newChanges: 0,
  newRecords: 0,
  updatedRecords: 0,
  deletedRecords: 0,
  newConflicts: 0,
  unchanged: 0,
  attachments: 0,
});

function add(total: ImportCounts, counts: ImportCounts) {
  for (const key of Object.keys(total) as (keyof ImportCounts)[]) total[key] += counts[key];
}

const ROLLBACK = Symbol('preview');
/** SQLite page cache while an import is applied: 64 MiB (a negative cache_size is KiB). */
const IMPORT_CACHE_SIZE = -65_536;

export interface ImportInput {
  name: string;
  bytes: Uint8Array;
}

export function importFiles(
  ctx: Ctx,
  inputs: ImportInput[],
  options: {
    dryRun?: boolean;
    passphrase?: string;
    /** Files verified, then files applied, as they go (the app's progress bar). */
    onProgress?: (progress: FileProgress) => void;
    /**
     * Where files are verified: on this thread before any is applied ('inline'), or on a second thread
     * while earlier files are applied ('worker'); 'auto' (the default) takes the worker for batches big
     * enough to pay for it (verify.ts).
     */
    verify?: VerifierTuning;
  } = {},
): ImportReport {
  const dryRun = options.dryRun ?? false;
  const files: FileResult[] = [];
  // A file's changes are let go once it is applied (its content hash is what the import log keeps).
  const accepted: { result: FileResult; parsed: ParsedExport | null; sha: string }[] = [];
  const seenInBatch = new Set<string>();
  const own = ensureReplica(ctx).id;
  // The project this batch must belong to: this database's, or (an empty database) the first file's.
  const ours = projectIdentity(ctx);
  let batchProject = ours;
  const now = ctx.now().getTime();
  // The change log as it was before this batch: whether a file of this laptop's own id brings a change
  // it did not have is asked of this part of the log, even once earlier files of the batch are applied.
  const logBefore =
    (statement(ctx, 'SELECT max(rowid) AS n FROM change_log').get() as { n: number | null }).n ?? 0;
  // 1. Which files to decode: a file whose content was imported before is skipped without decoding it
  // (the fast no-op of a re-import). A manifest that lies about its hash gains nothing: skipping writes
  // nothing.
  const manifests = inputs.map((input) => {
    try {
      const { manifest } = readManifest(input.bytes, input.name);
      return { manifest, skip: importedBefore(ctx, manifest.content.sha256) };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return { error };
    }
  });
  const toVerify = inputs.filter((_, i) => manifests[i]!.skip === false);
  const slot = new Map<number, number>();
  inputs.forEach((_, i) => {
    if (manifests[i]!.skip === false) slot.set(i, slot.size);
  });
  const verifier = new FileVerifier(toVerify, {
    ...options.verify,
    passphrase: options.passphrase,
    schemaVersion: ctx.schemaVersion,
    now,
  });
  /** Verifies file `files.length` (the next one) and accepts it or records why it is refused. */
  const verifyNext = () => {
    const index = files.length;
    const input = inputs[index]!;
    options.onProgress?.({ phase: 'verify', done: index, total: inputs.length });
    const result: FileResult = {
      file: input.name,
      outcome: 'refused',
      replica: null,
      exportedAt: null,
      encrypted: false,
      counts: null,
      error: null,
      project: null,
      removed: [],
      removedByTable: {},
    };
    files.push(result);
    try {
      const read = manifests[index]!;
      if (read.error) throw read.error;
      const manifest = read.manifest!;
      result.project = manifest.project ?? null;
      if (read.skip || seenInBatch.has(manifest.content.sha256)) {
        result.replica = manifest.replica;
        result.exportedAt = manifest.exportedAt;
        result.encrypted = manifest.encryption !== null;
        result.outcome = 'already_seen';
        return;
      }
      // Decoded and every change checked (verify.ts), here or on the verification thread.
      const parsed = verifier.take(slot.get(index)!);
      // Decoded first, so that a damaged file is reported as damaged, not as another project's.
      const theirs = manifest.project ?? null;
      if (theirs && batchProject && theirs.id !== batchProject.id) {
        throw new AppError('sync_other_project', {
          file: input.name,
          theirs: printableValue(describeProject(theirs)),
          ours: printableValue(describeProject(batchProject)),
        });
      }
      // A file of this laptop's own id can only be one of its own exports, holding nothing it does not
      // have: one that brings changes this laptop never made or saw claims an identity that is not its own.
      if (parsed.replica.id === own && !hadAllChanges(ctx, parsed.changes, logBefore)) {
        throw new AppError('sync_own_replica', {
          file: input.name,
          device: printableValue(manifest.replica.label ?? own),
        });
      }
      result.replica = parsed.replica;
      result.exportedAt = parsed.exportedAt;
      result.encrypted = parsed.manifest.encryption !== null;
      const sha = parsed.manifest.content.sha256;
      if (seenInBatch.has(sha) || importedBefore(ctx, sha)) {
        result.outcome = 'already_seen';
        return;
      }
      seenInBatch.add(sha);
      if (theirs && !batchProject) batchProject = theirs;
      result.outcome = 'imported';
      accepted.push({ result, parsed, sha });
      // Content-addressed files before the file's rows: harmless if the transaction then fails (they are
      // only reachable from rows that commit).
      if (!dryRun) for (const a of parsed.attachments) storeBlob(ctx, a.bytes);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      result.error = { code: error.code, params: error.params };
    }
  };
  try {
    return applyVerified();
  } finally {
    verifier.close();
  }

  function applyVerified(): ImportReport {
    // 2. Verify every file before any write; with the verification thread, only up to the first file
    // to import: the others are verified there while the files before them are applied.
    while (files.length < inputs.length && (!verifier.pipelined || accepted.length === 0)) verifyNext();
    if (
      accepted.length === 0 &&
      files.length === inputs.length &&
      files.every((f) => f.outcome === 'refused')
    ) {
      return { dryRun, files, totals: emptyCounts() };
    }
    // 3. Apply the verified files in one transaction (rolled back for a preview). Each file in its own
    // savepoint: a file that would break a constraint is rolled back and refused alone, the others import.
    // A failure of the verification thread ends the transaction: nothing of the batch is written.
    const apply = () => {
      ctx.sqlite.pragma('defer_foreign_keys = ON');
      let joined = false;
      for (let index = 0; index < accepted.length || files.length < inputs.length;) {
        if (index === accepted.length) {
          verifyNext();
          continue;
        }
        const entry = accepted[index]!;
        const { result } = entry;
        const parsed = entry.parsed!;
        entry.parsed = null;
        // An empty database joins the project of the files it imports (as the wizard's join path does).
        if (!ours && batchProject && !joined) {
          joinProjectIdentity(ctx, batchProject.id);
          joined = true;
        }
        options.onProgress?.({
          phase: 'apply',
          done: index,
          total: accepted.length + inputs.length - files.length,
        });
        index += 1;
        try {
          const { result: counts, removed } = collectRemovals(ctx, () =>
            inTransaction(ctx, () => {
              const applied = applyExport(ctx, parsed);
              checkReferences(ctx, result.file, applied.touched);
              return applied.counts;
            }),
          );
          counts.deletedRecords = removed.length;
          result.counts = counts;
          // Parents first (a department before its issues, issues before their history), then by name.
          const sorted = removed
            .map((r, i) => ({ r, i }))
            .sort((x, y) => tableOrder(x.r.table) - tableOrder(y.r.table) || x.i - y.i)
            .map(({ r }) => r);
          result.removed = sorted.slice(0, MAX_LISTED_REMOVALS);
          result.removedByTable = {};
          for (const r of removed) result.removedByTable[r.table] = (result.removedByTable[r.table] ?? 0) + 1;
        } catch (error) {
          result.outcome = 'refused';
          result.counts = null;
          result.removed = [];
          result.removedByTable = {};
          result.error = constraintError(result.file, error);
        }
      }
      if (dryRun) throw ROLLBACK;
      const importedAt = ctx.now().toISOString();
      // Refused files are reported, not logged: a refusal leaves the database exactly as it was.
      for (const result of files)
        if (result.outcome !== 'refused') logImport(ctx, result, accepted, importedAt);
    };
    // A larger page cache while the batch is applied: the change log and the records' indexes take rows
    // all over their b-trees (files of many laptops interleave), and the default 2 MB cache would spill
    // dirty pages before the commit (issue #17). Back to what it was afterwards.
    const cacheSize = ctx.sqlite.pragma('cache_size', { simple: true }) as number;
    if (!ctx.readOnly) ctx.sqlite.pragma(`cache_size = ${IMPORT_CACHE_SIZE}`);
    // The sub-journal in memory while the batch is applied: it keeps every page a file's savepoint (and a
    // multi-row statement) may have to roll back, soon past the 64 KiB SQLite holds in memory by default,
    // after which each such page was two writes to a temporary file, hundreds of thousands per batch
    // (issue #17). SQLite refuses the change inside a transaction; the app keeps no TEMP tables (a change of
    // temp_store drops them).
    const tempStore = ctx.sqlite.inTransaction
      ? null
      : Number(ctx.sqlite.pragma('temp_store', { simple: true }));
    if (tempStore !== null) ctx.sqlite.pragma('temp_store = MEMORY');
    try {
      inTransaction(ctx, apply);
    } catch (error) {
      if (error !== ROLLBACK) throw error;
    } finally {
      if (!ctx.readOnly) ctx.sqlite.pragma(`cache_size = ${Math.trunc(Number(cacheSize))}`);
      if (tempStore !== null) ctx.sqlite.pragma(`temp_store = ${Math.trunc(tempStore)}`);
    }
    const totals = emptyCounts();
    for (const f of files) if (f.counts) add(totals, f.counts);
    return { dryRun, files, totals };
  }
}

const tableOrder = (table: string) => syncTables().get(table)?.order ?? Number.MAX_SAFE_INTEGER;

/** How many removed records a file's result lists by name (the count is always complete). */
const MAX_LISTED_REMOVALS = 500;

function constraintError(file: string, error: unknown): SyncError {
  if (error instanceof AppError) return { code: error.code, params: error.params };
  // A SQLite constraint (unique, not null) raised while applying: the file alone is refused.
  const sqlite = error as { code?: unknown; message?: unknown };
  if (typeof sqlite.code === 'string' && sqlite.code.startsWith('SQLITE_CONSTRAINT')) {
    const message = typeof sqlite.message === 'string' ? sqlite.message : sqlite.code;
    const where = /: ([a-z_]+)\./.exec(message);
    return {
      code: 'sync_constraint',
      params: { file, table: where?.[1] ?? '-', row: '-', detail: printableValue(message).slice(0, 200) },
    };
  }
  throw error;
}

/**
 * Every record a file touched must reference records that exist once it is applied: foreign keys are
 * checked at commit (deferred), which would abort every file of the batch; checked here per file instead.
 */
function checkReferences(ctx: Ctx, file: string, touched: Map<string, Set<string>>) {
  for (const [tableName, rows] of touched) {
    const table = syncTable(tableName);
    if (table.refs.length === 0 || rows.size === 0) continue;
    // Per reference, the first touched record (in the file's order) whose value names no record; the
    // earliest of those is reported, the reference declared first when one record breaks several.
    const ids = JSON.stringify([...rows]);
    let first: { at: number; row: string; value: unknown; ref: (typeof table.refs)[number] } | undefined;
    for (const ref of table.refs) {
      const broken = statement(
        ctx,
        `SELECT j.key AS at, t.id AS row, t."${ref.column}" AS value FROM json_each(?) j
         JOIN "${table.name}" t ON t.id = j.value
         WHERE t."${ref.column}" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "${ref.target}" r WHERE r.id = t."${ref.column}")
         ORDER BY j.key LIMIT 1`,
      ).get(ids) as { at: number; row: string; value: unknown } | undefined;
      if (broken && (!first || broken.at < first.at)) first = { ...broken, ref };
    }
    if (first) {
      throw new AppError('sync_constraint', {
        file,
        table: tableName,
        row: first.row,
        detail: `${first.ref.column} → ${first.ref.target} ${printableValue(String(first.value)).slice(0, 64)}`,
      });
    }
  }
}

/** Whether the change log held every one of `changes` among its first `through` rows (before the batch). */
function hadAllChanges(ctx: Ctx, changes: Change[], through: number): boolean {
  return (
    statement(
      ctx,
      'SELECT 1 FROM json_each(?) j WHERE NOT EXISTS (SELECT 1 FROM change_log c WHERE c.id = j.value AND c.rowid <= ?) LIMIT 1',
    ).get(JSON.stringify(changes.map((c) => c.id)), through) === undefined
  );
}

function importedBefore(ctx: Ctx, sha: string): boolean {
  return (
    statement(ctx, "SELECT 1 FROM sync_import WHERE content_sha256 = ? AND outcome = 'imported' LIMIT 1").get(
      sha,
    ) !== undefined
  );
}

function logImport(
  ctx: Ctx,
  result: FileResult,
  accepted: { result: FileResult; sha: string }[],
  importedAt: string,
) {
  const sha = accepted.find((a) => a.result === result)?.sha;
  statement(
    ctx,
    `INSERT INTO sync_import (id, file_name, content_sha256, source_replica_id, source_label, exported_at, imported_at, outcome, detail)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    ctx.newId(),
    result.file,
    sha ?? null,
    result.replica?.id ?? null,
    result.replica?.label ?? null,
    result.exportedAt,
    importedAt,
    result.outcome,
    JSON.stringify(result.counts ?? result.error ?? {}),
  );
}

type ConflictKey = string;

function conflictKeys(ctx: Ctx, table: string, row: string): ConflictKey[] {
  return (
    statement(ctx, 'SELECT field, loser_id FROM sync_conflict WHERE table_name = ? AND row_id = ?').all(
      table,
      row,
    ) as { field: string; loser_id: string }[]
  ).map((c) => `${table}\u0000${row}\u0000${c.field}\u0000${c.loser_id}`);
}

/**
 * Which of `changes` the change log holds, by position (1 = held): one query (a JSON array parameter)
 * instead of one per change, answering numbers rather than the ids themselves (a file of changes this
 * laptop has, the coordinator's merged file, is mostly held).
 */
function heldChanges(ctx: Ctx, changes: Change[]): Uint8Array {
  const held = new Uint8Array(changes.length);
  const positions = statement(
    ctx,
    'SELECT j.key FROM json_each(?) j WHERE EXISTS (SELECT 1 FROM change_log c WHERE c.id = j.value)',
  )
    .pluck()
    .all(JSON.stringify(changes.map((c) => c.id))) as number[];
  for (const i of positions) held[i] = 1;
  return held;
}

/** Of the records `rowIds` of `table`, those the change log holds any change of (one query per table). */
function loggedRows(ctx: Ctx, table: string, rowIds: string[]): Set<string> {
  const rows = statement(
    ctx,
    'SELECT DISTINCT row_id FROM change_log WHERE table_name = ? AND row_id IN (SELECT value FROM json_each(?))',
  ).all(table, JSON.stringify(rowIds)) as { row_id: string }[];
  return new Set(rows.map((r) => r.row_id));
}

/** Of the records `rowIds` of `table`, those with a conflict recorded. */
function rowsWithConflicts(ctx: Ctx, table: string, rowIds: string[]): Set<string> {
  if (!statement(ctx, 'SELECT 1 FROM sync_conflict WHERE table_name = ? LIMIT 1').get(table))
    return new Set();
  const rows = statement(
    ctx,
    'SELECT DISTINCT row_id FROM sync_conflict WHERE table_name = ? AND row_id IN (SELECT value FROM json_each(?))',
  ).all(table, JSON.stringify(rowIds)) as { row_id: string }[];
  return new Set(rows.map((r) => r.row_id));
}

/**
 * Adds a file's changes to the log and re-derives the records they touch. What the log already holds is
 * asked once per file, the new changes are written many per statement, and each touched record is derived
 * once from all its changes (issue #17); the outcome is the same as adding and deriving change by change.
 */
export function applyExport(
  ctx: Ctx,
  parsed: ExportContent,
): { counts: ImportCounts; touched: Map<string, Set<string>> } {
  const counts = emptyCounts();
  counts.attachments = parsed.attachments.length;
  const { changes } = parsed;
  // The changes the log holds already: ignored. The records only they name are left alone (the log, hence
  // the record, is what it was), so a file of known changes reads nothing more.
  const heldBefore = heldChanges(ctx, changes);
  // The file's records by table, in the order they first appear; and those with a change the log lacks.
  const byTable = rowsByTable(changes);
  const withNew = heldBefore.includes(1)
    ? rowsByTable(changes.filter((_, i) => heldBefore[i] === 0))
    : byTable;
  // Of those, the records the log held any change of before this file: a record it has never seen is
  // derived from this file's changes alone, without reading back.
  const held = new Map<string, Set<string>>();
  for (const [table, rows] of withNew) held.set(table, loggedRows(ctx, table, [...rows]));
  const touched = new Map<string, Map<string, Change[] | null>>();
  const seen = new Map<string, Set<string>>();
  const added: Change[] = [];
  // Changes new to the log so far: a change twice in the file is taken once.
  const taken = new Set<string>();
  for (let i = 0; i < changes.length; i += 1) {
    const change = changes[i]!;
    // A change already held (or twice in this file) is ignored.
    if (heldBefore[i] === 1 || taken.has(change.id)) continue;
    taken.add(change.id);
    let rows = touched.get(change.tableName);
    let seenRows = seen.get(change.tableName);
    if (!rows || !seenRows) {
      touched.set(change.tableName, (rows = new Map()));
      seen.set(change.tableName, (seenRows = new Set()));
    }
    if (!seenRows.has(change.rowId)) {
      seenRows.add(change.rowId);
      if (!held.get(change.tableName)!.has(change.rowId)) rows.set(change.rowId, []);
    }
    added.push(change);
    const fresh = rows.get(change.rowId);
    if (fresh) fresh.push(change);
    else rows.set(change.rowId, null);
  }
  insertChanges(ctx, added, parsed.texts);
  counts.newChanges = added.length;
  const tables = [...touched.entries()].sort(([a], [b]) => syncTable(a).order - syncTable(b).order);
  const gone = new Map<string, boolean>();
  const inserts = new RecordInserts();
  let changedRecords = 0;
  for (const [table, rows] of tables) {
    const freshRows: string[] = [];
    for (const [row, fresh] of rows) if (fresh && fresh.length > 0) freshRows.push(row);
    // A conflict row of a record the log held no change of is not expected; if one is there, it is
    // counted as the one-by-one path would.
    const stale = freshRows.length > 0 ? rowsWithConflicts(ctx, table, freshRows) : new Set<string>();
    for (const [row, fresh] of rows) {
      if (fresh && fresh.length === 0) continue;
      let outcome: RowOutcome;
      let conflictsAdded = 0;
      if (fresh && !stale.has(row)) {
        const ordered = fresh.length > 1 ? [...fresh].sort((x, y) => (x.id < y.id ? -1 : 1)) : fresh;
        ({ outcome, conflicts: conflictsAdded } = materializeNew(ctx, table, row, ordered, gone, inserts));
      } else {
        inserts.flush(ctx);
        const before = fresh ? [] : conflictKeys(ctx, table, row);
        const ordered = fresh ? [...fresh].sort((x, y) => (x.id < y.id ? -1 : 1)) : undefined;
        outcome = materializeRow(ctx, table, row, ordered, gone);
        const after = fresh && outcome !== 'inserted' ? [] : conflictKeys(ctx, table, row);
        const had = new Set(before);
        for (const key of after) if (!had.has(key)) conflictsAdded += 1;
      }
      if (outcome === 'inserted') counts.newRecords += 1;
      else if (outcome === 'updated') counts.updatedRecords += 1;
      else if (outcome === 'deleted') counts.deletedRecords += 1;
      if (outcome !== 'unchanged') changedRecords += 1;
      counts.newConflicts += conflictsAdded;
    }
    inserts.flush(ctx);
  }
  let inFile = 0;
  for (const rows of byTable.values()) inFile += rows.size;
  counts.unchanged = Math.max(0, inFile - changedRecords);
  rememberReplicas(ctx, parsed);
  const touchedRows = new Map<string, Set<string>>();
  for (const [table, rows] of touched) touchedRows.set(table, new Set(rows.keys()));
  return { counts, touched: touchedRows };
}

/** The records `changes` name, by table, in the order they first appear. */
function rowsByTable(changes: Change[]): Map<string, Set<string>> {
  const byTable = new Map<string, Set<string>>();
  for (const change of changes) {
    let rows = byTable.get(change.tableName);
    if (!rows) byTable.set(change.tableName, (rows = new Set()));
    rows.add(change.rowId);
  }
  return byTable;
}

function rememberReplicas(ctx: Ctx, parsed: ExportContent) {
  const own = ensureReplica(ctx).id;
  const upsert = statement(
    ctx,
    `INSERT INTO sync_replica (id, label, last_export_at) VALUES (?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET
       label = CASE WHEN excluded.last_export_at IS NOT NULL OR sync_replica.label IS NULL THEN coalesce(excluded.label, sync_replica.label) ELSE sync_replica.label END,
       last_export_at = max(coalesce(sync_replica.last_export_at, ''), coalesce(excluded.last_export_at, ''))`,
  );
  for (const replica of parsed.replicas) {
    if (replica.id === own) continue;
    upsert.run(replica.id, replica.label, replica.id === parsed.replica.id ? parsed.exportedAt : null);
  }
}

export function importLog(ctx: Ctx, limit = 200): ImportLogEntry[] {
  const rows = ctx.sqlite
    .prepare('SELECT * FROM sync_import ORDER BY imported_at DESC, rowid DESC LIMIT ?')
    .all(limit) as {
    id: string;
    file_name: string;
    source_replica_id: string | null;
    source_label: string | null;
    exported_at: string | null;
    imported_at: string;
    outcome: FileOutcome;
    detail: string;
  }[];
  return rows.map((r) => {
    const detail = JSON.parse(r.detail) as Record<string, unknown>;
    const isError = r.outcome === 'refused';
    return {
      id: r.id,
      fileName: r.file_name,
      sourceReplicaId: r.source_replica_id,
      sourceLabel: r.source_label,
      exportedAt: r.exported_at,
      importedAt: r.imported_at,
      outcome: r.outcome,
      counts: !isError && 'newChanges' in detail ? (detail as unknown as ImportCounts) : null,
      error: isError ? (detail as unknown as ImportLogEntry['error']) : null,
    };
  });
}

export type { Change };

export function syncStatus(ctx: Ctx): SyncStatus {
  const replica = ensureReplica(ctx);
  const clock = clockStatus(ctx);
  const count = (sql: string) => (statement(ctx, sql).get() as { n: number }).n;
  const replicas = ctx.sqlite
    .prepare('SELECT id, label, last_export_at AS lastExportAt FROM sync_replica ORDER BY label, id')
    .all() as SyncStatus['replicas'];
  const last = statement(
    ctx,
    "SELECT max(imported_at) AS at FROM sync_import WHERE outcome = 'imported'",
  ).get() as {
    at: string | null;
  };
  return {
    replica,
    changes: count('SELECT count(*) AS n FROM change_log'),
    conflicts: countConflicts(ctx),
    replicas,
    lastImportAt: last.at,
    clockBehindMs: clock.warning ? clock.behindMs : 0,
  };
}
