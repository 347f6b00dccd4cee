// Change capture and the per-field version graph (issue #4).
//
// Each write appends one change: the fields it set and `prev`, the versions of those fields the writer had
// (the "heads"). For a field, a change is superseded when a later change writing that field lists it in its
// prev; the heads are the versions nobody superseded. One head = settled; several heads = concurrent edits,
// a conflict: the highest change id (hybrid logical clock, then replica id) is shown, the others are kept
// until a person resolves them by writing the field again with all heads in prev. The state is a function of
// the SET of changes, so imports in any order, twice, or in subsets converge.
import { statement, type Ctx } from './context.ts';
import { ensureReplica, operatorName } from './settings.ts';

export interface Change {
  id: string;
  replicaId: string;
  tableName: string;
  rowId: string;
  fields: Record<string, unknown>;
  prev: string[];
  deleted: boolean;
  author: string | null;
}

const HLC_PATTERN = /^(\d{13})-(\d{6})@(.+)$/;

export function parseChangeId(id: string): { ms: number; counter: number; replicaId: string } | null {
  const match = HLC_PATTERN.exec(id);
  if (!match) return null;
  return { ms: Number(match[1]), counter: Number(match[2]), replicaId: match[3]! };
}

/**
 * The next hybrid-logical-clock change id for this replica: never behind the wall clock, and always after
 * every change this database holds (its own and imported ones), so a local edit made after seeing a remote
 * one sorts after it. Read from the log itself (an index lookup), so two processes on one file stay ordered.
 */
export function nextChangeId(ctx: Ctx): string {
  const replicaId = ensureReplica(ctx).id;
  const now = ctx.now().getTime();
  // Changes far ahead of this clock (a laptop whose clock was wrong, held from before imports checked
  // clocks) are not followed: following them would roll the id past 13 digits and stop every write
  // (issue #11, item 1). `wardside clock check` reports them; `clock reissue` moves this laptop's own.
  const bound = `${String(Math.min(now + CLOCK_FOLLOW_MS, MAX_MS)).padStart(13, '0')}-999999@\uffff`;
  const last = statement(ctx, 'SELECT max(id) AS id FROM change_log WHERE id <= ?').get(bound) as {
    id: string | null;
  };
  const parsed = last.id ? parseChangeId(last.id) : null;
  let ms = Math.min(now, MAX_MS);
  let counter = 0;
  if (parsed && parsed.ms >= ms) {
    ms = parsed.ms;
    counter = parsed.counter + 1;
    if (counter > 999_999) {
      ms += 1;
      counter = 0;
    }
  }
  return `${String(ms).padStart(13, '0')}-${String(counter).padStart(6, '0')}@${replicaId}`;
}

/** How far ahead of this laptop's clock an id it generates may follow a held change (= the import bound). */
export const CLOCK_FOLLOW_MS = 2 * 24 * 3_600_000;
/** The largest clock a 13-digit id can hold, less a margin so that following one never overflows. */
const MAX_MS = 9_999_999_000_000;

/**
 * Ids for a batch of changes written in one go: the first as nextChangeId gives it, each next one right
 * after the previous — what nextChangeId would return for it, read after the previous change was written,
 * while the clock stands still; a batch written within one transaction keeps one clock reading.
 */
export function changeIdSequence(ctx: Ctx): () => string {
  let last: { ms: number; counter: number; replicaId: string } | null = null;
  return () => {
    if (!last) {
      const id = nextChangeId(ctx);
      last = parseChangeId(id)!;
      return id;
    }
    last.counter += 1;
    if (last.counter > 999_999) {
      last.ms += 1;
      last.counter = 0;
    }
    return `${String(last.ms).padStart(13, '0')}-${String(last.counter).padStart(6, '0')}@${last.replicaId}`;
  };
}

export function changeAuthor(ctx: Ctx): string | null {
  return operatorName(ctx) || ensureReplica(ctx).label || null;
}

export function appendChange(ctx: Ctx, change: Omit<Change, 'id' | 'replicaId' | 'author'>): Change {
  const id = nextChangeId(ctx);
  const full: Change = { ...change, id, replicaId: parseChangeId(id)!.replicaId, author: changeAuthor(ctx) };
  insertChange(ctx, full);
  return full;
}

/** Inserts a change unless the log already has it; true when it was new. */
export function insertChange(ctx: Ctx, change: Change): boolean {
  const result = statement(ctx, INSERT_CHANGE).run(...(pushChange([], change) as never[]));
  return result.changes === 1;
}

const INSERT_CHANGE = `INSERT OR IGNORE INTO change_log (id, replica_id, table_name, row_id, fields, prev, deleted, author)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`;

/** Rows per statement of insertChanges (8 parameters each). */
const CHANGE_CHUNK = 64;
const INSERT_CHANGES = `INSERT OR IGNORE INTO change_log (id, replica_id, table_name, row_id, fields, prev, deleted, author) VALUES ${Array(CHANGE_CHUNK).fill('(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`;

/**
 * Inserts many changes the caller knows the log does not hold (an import, issue #17), many rows per
 * statement; a change the log does hold is still ignored, as insertChange does.
 */
export function insertChanges(ctx: Ctx, changes: Change[], texts?: ChangeTexts): void {
  const args: unknown[] = [];
  let start = 0;
  for (; start + CHANGE_CHUNK <= changes.length; start += CHANGE_CHUNK) {
    args.length = 0;
    for (let i = start; i < start + CHANGE_CHUNK; i += 1) pushChange(args, changes[i]!, texts);
    statement(ctx, INSERT_CHANGES).run(...(args as never[]));
  }
  for (; start < changes.length; start += 1) {
    statement(ctx, INSERT_CHANGE).run(...(pushChange([], changes[start]!, texts) as never[]));
  }
}

/**
 * The log's text of changes' fields and prev (JSON.stringify of each), when another thread already wrote
 * it (an import's verification worker, sync/verify.ts): the same strings, not computed twice.
 */
export type ChangeTexts = Map<Change, { fields: string; prev: string }>;

/** Appends the change's values in the column order of the INSERTs above; returns `args`. */
function pushChange(args: unknown[], change: Change, texts?: ChangeTexts): unknown[] {
  const text = texts?.get(change);
  args.push(
    change.id,
    change.replicaId,
    change.tableName,
    change.rowId,
    text ? text.fields : JSON.stringify(change.fields),
    text ? text.prev : JSON.stringify(change.prev),
    change.deleted ? 1 : 0,
    change.author,
  );
  return args;
}

interface ChangeRow {
  id: string;
  replica_id: string;
  table_name: string;
  row_id: string;
  fields: string;
  prev: string;
  deleted: number;
  author: string | null;
}

export function fromRow(row: ChangeRow): Change {
  return {
    id: row.id,
    replicaId: row.replica_id,
    tableName: row.table_name,
    rowId: row.row_id,
    fields: JSON.parse(row.fields) as Record<string, unknown>,
    prev: JSON.parse(row.prev) as string[],
    deleted: row.deleted === 1,
    author: row.author,
  };
}

/** Every change of one record, oldest first. */
export function rowChanges(ctx: Ctx, tableName: string, rowId: string): Change[] {
  const rows = statement(ctx, 'SELECT * FROM change_log WHERE table_name = ? AND row_id = ? ORDER BY id').all(
    tableName,
    rowId,
  ) as ChangeRow[];
  return rows.map(fromRow);
}

export function getChange(ctx: Ctx, id: string): Change | null {
  const row = statement(ctx, 'SELECT * FROM change_log WHERE id = ?').get(id) as ChangeRow | undefined;
  return row ? fromRow(row) : null;
}

export function isTombstoned(ctx: Ctx, tableName: string, rowId: string): boolean {
  return (
    statement(
      ctx,
      'SELECT 1 FROM change_log WHERE table_name = ? AND row_id = ? AND deleted = 1 LIMIT 1',
    ).get(tableName, rowId) !== undefined
  );
}

/** Per field: the changes that write it and that no change writing it has superseded, oldest first. */
export function fieldHeads(changes: Change[]): Map<string, Change[]> {
  const superseded = new Map<string, Set<string>>();
  for (const change of changes) {
    for (const field of Object.keys(change.fields)) {
      let set = superseded.get(field);
      if (!set) superseded.set(field, (set = new Set()));
      for (const id of change.prev) set.add(id);
    }
  }
  const heads = new Map<string, Change[]>();
  for (const change of changes) {
    for (const field of Object.keys(change.fields)) {
      if (superseded.get(field)!.has(change.id)) continue;
      let list = heads.get(field);
      if (!list) heads.set(field, (list = []));
      list.push(change);
    }
  }
  return heads;
}

/** What finding heads needs of a change: its id, the fields it writes, and the versions it superseded. */
export interface WrittenFields {
  id: string;
  fields: readonly string[];
  prev: string[];
}

/**
 * The ids of the heads of `fields` among one record's changes, sorted: headsOf's answer from changes
 * already read, looking at those fields only (the bulk write path, records.ts).
 */
export function headIdsOf(changes: WrittenFields[], fields: string[]): string[] {
  // One change (a record written once): it is the head of every field it writes.
  if (changes.length === 1) {
    const only = changes[0]!;
    return fields.some((f) => only.fields.includes(f)) ? [only.id] : [];
  }
  const ids = new Set<string>();
  for (const field of fields) {
    const superseded = new Set<string>();
    for (const change of changes) {
      if (change.fields.includes(field)) for (const id of change.prev) superseded.add(id);
    }
    for (const change of changes) {
      if (change.fields.includes(field) && !superseded.has(change.id)) ids.add(change.id);
    }
  }
  return [...ids].sort();
}

/**
 * For each of `rowIds` whose last change to arrive was written by this replica: that change's id and its
 * fields as stored (JSON; `writesField` tells which it writes). The log only appends (the greatest rowid
 * arrived last; `clock reissue` keeps each change's place), and a change written here superseded the heads of
 * every field it writes among all the changes held then (headsOf), so for each of those fields it is the only
 * head. Left out, to be read whole: a record whose last change came from elsewhere or deleted it, and one
 * whose last change lists no prev while older changes are held (a record created again under an id that was
 * deleted).
 */
export function lastOwnChanges(
  ctx: Ctx,
  tableName: string,
  rowIds: string[],
): Map<string, { id: string; fields: string }> {
  const own = ensureReplica(ctx).id;
  const found = new Map<string, { id: string; fields: string }>();
  const rows = statement(
    ctx,
    `SELECT c.row_id AS rowId, c.id, c.fields
     FROM (SELECT max(rowid) AS last, count(*) AS n FROM change_log
           WHERE table_name = ? AND row_id IN (SELECT value FROM json_each(?)) GROUP BY row_id) m
     JOIN change_log c ON c.rowid = m.last
     WHERE c.replica_id = ? AND c.deleted = 0 AND (m.n = 1 OR c.prev <> '[]')`,
  ).all(tableName, JSON.stringify(rowIds), own) as { rowId: string; id: string; fields: string }[];
  for (const row of rows) found.set(row.rowId, { id: row.id, fields: row.fields });
  return found;
}

/**
 * Whether a change this replica wrote (its fields as stored) writes `column`, found in the JSON text rather
 * than parsed (a carry of 20,000 items would parse as many objects of every column): `"name":` occurs in the
 * JSON of a flat object only as a key, since a quote inside a string value is escaped. Text written otherwise
 * (spaces around the colon) is found to write fewer fields, so the record is read whole: never a wrong head.
 */
export function writesField(fields: string, column: string): boolean {
  return fields.includes(`"${column}":`);
}

/** The heads of `fields` of one record: what a new local write of those fields supersedes. */
export function headsOf(ctx: Ctx, tableName: string, rowId: string, fields: string[]): string[] {
  const heads = fieldHeads(rowChanges(ctx, tableName, rowId));
  const ids = new Set<string>();
  for (const field of fields) for (const change of heads.get(field) ?? []) ids.add(change.id);
  return [...ids].sort();
}
