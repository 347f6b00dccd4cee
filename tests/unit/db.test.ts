// db/open.ts: migrations from empty to latest, connection pragmas, and the two refusals that must leave
// the user's file byte-for-byte untouched (damaged file, file from a newer Wardside). The schema guard at
// the end fails when db/schema.ts changed without `npm run db:generate` (issue #2, STYLE.md item 6).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DatabaseOpenError, defaultMigrationsFolder, knownMigrationCount, openDatabase } from '#db/open.ts';
import { repoRoot, tempDir } from './helpers.ts';

const expectedColumns: Record<string, string[]> = {
  replica_info: ['id', 'label', 'created_at'],
  local_setting: ['key', 'value'],
  change_log: ['id', 'replica_id', 'table_name', 'row_id', 'fields', 'prev', 'deleted', 'author'],
  sync_conflict: ['table_name', 'row_id', 'field', 'winner_id', 'loser_id'],
  sync_import: [
    'id',
    'file_name',
    'content_sha256',
    'source_replica_id',
    'source_label',
    'exported_at',
    'imported_at',
    'outcome',
    'detail',
  ],
  sync_replica: ['id', 'label', 'last_export_at'],
  project: ['id', 'hospital', 'name', 'new_system', 'go_live_date', 'sla', 'created_at', 'updated_at'],
  department: ['id', 'code', 'name', 'type', 'pilot_phase', 'archived_at', 'created_at', 'updated_at'],
  system: ['id', 'code', 'name', 'vendor', 'sort_order', 'archived_at', 'created_at', 'updated_at'],
  system_module: ['id', 'system_id', 'name', 'archived_at', 'created_at', 'updated_at'],
  person: [
    'id',
    'name',
    'role',
    'title',
    'champion',
    'phone',
    'organisation',
    'department_id',
    'employee_no',
    'archived_at',
    'created_at',
    'updated_at',
  ],
  pilot_issue: [
    'id',
    'number',
    'replica_id',
    'seq',
    'title',
    'description',
    'department_id',
    'system_id',
    'module_id',
    'category',
    'severity',
    'blocking',
    'reporter_id',
    'assignee_id',
    'status',
    'duplicate_of_id',
    'workaround',
    'resolution',
    'tags',
    'reported_at',
    'acknowledged_at',
    'resolved_at',
    'verified_at',
    'closed_at',
    'response_due_at',
    'resolution_due_at',
    'import_key',
    'created_at',
    'updated_at',
  ],
  issue_history: [
    'id',
    'issue_id',
    'at',
    'actor',
    'field',
    'old_value',
    'new_value',
    'created_at',
    'updated_at',
  ],
  issue_attachment: [
    'id',
    'issue_id',
    'sha256',
    'file_name',
    'mime',
    'size',
    'archived_at',
    'created_at',
    'updated_at',
  ],
  saved_view: ['id', 'name', 'filter', 'created_at'],
  training_session: [
    'id',
    'topic',
    'tier',
    'format',
    'trainer_id',
    'starts_at',
    'duration_minutes',
    'place',
    'material_version',
    'pass_mark',
    'status',
    'created_at',
    'updated_at',
  ],
  training_session_department: [
    'id',
    'session_id',
    'department_id',
    'archived_at',
    'created_at',
    'updated_at',
  ],
  // Dual-run reconciliation (issue 5): profiles, runs (counts only) and discrepancy items under triage.
  reconcile_profile: [
    'id',
    'domain',
    'name',
    'columns',
    'encoding_old',
    'encoding_new',
    'archived_at',
    'created_at',
    'updated_at',
  ],
  training_attendance: [
    'id',
    'session_id',
    'person_id',
    'attempt',
    'status',
    'score',
    'created_at',
    'updated_at',
  ],
  reconcile_run: [
    'id',
    'profile_id',
    'business_date',
    'old_file_name',
    'new_file_name',
    'profile',
    'summary',
    'total_rows',
    'consistent_rows',
    'discrepancy_count',
    'new_items',
    'carried_items',
    'reopened_items',
    'elapsed_ms',
    'created_at',
    'updated_at',
  ],
  discrepancy_item: [
    'id',
    'profile_id',
    'item_key',
    'kind',
    'key_values',
    'column',
    'old_value',
    'new_value',
    'old_row',
    'new_row',
    'first_seen_date',
    'first_run_id',
    'last_seen_date',
    'last_run_id',
    'times_seen',
    'status',
    'cause',
    'note',
    'issue_id',
    'triaged_at',
    'triaged_by',
    'created_at',
    'updated_at',
  ],
  requirement_history: [
    'id',
    'request_id',
    'from_status',
    'to_status',
    'actor',
    'note',
    'at',
    'created_at',
    'updated_at',
  ],
  requirement_request: [
    'id',
    'title',
    'description',
    'department_id',
    'requester',
    'requested_on',
    'tier',
    'priority',
    'value_measure',
    'expected_value',
    'effort_days',
    'status',
    'decision_rule',
    'decision_reason',
    'decided_at',
    'import_key',
    'archived_at',
    'created_at',
    'updated_at',
  ],
  requirement_request_issue: ['id', 'request_id', 'issue_id', 'archived_at', 'created_at', 'updated_at'],
  requirement_review: [
    'id',
    'request_id',
    'reviewer',
    'role',
    'vote',
    'opinion',
    'voted_at',
    'archived_at',
    'created_at',
    'updated_at',
  ],
  change_approver: [
    'id',
    'change_id',
    'name',
    'vote',
    'voted_round',
    'comment',
    'voted_at',
    'archived_at',
    'created_at',
    'updated_at',
  ],
  change_decision: ['id', 'change_id', 'action', 'actor', 'note', 'round', 'at', 'created_at', 'updated_at'],
  change_link: ['id', 'change_id', 'request_id', 'issue_id', 'archived_at', 'created_at', 'updated_at'],
  change_record: [
    'id',
    'title',
    'kind',
    'reason',
    'impact_scope',
    'impact_cost',
    'impact_schedule',
    'likelihood',
    'impact',
    'backout_plan',
    'planned_at',
    'status',
    'rule',
    'round',
    'in_freeze',
    'emergency_approved_by',
    'emergency_approved_at',
    'emergency_reason',
    'signed_off_by',
    'signed_off_at',
    'archived_at',
    'created_at',
    'updated_at',
  ],
  freeze_window: ['id', 'name', 'starts_at', 'ends_at', 'archived_at', 'created_at', 'updated_at'],
  cutover_step: [
    'id',
    'seq',
    'title',
    'owner',
    'planned_start',
    'planned_end',
    'actual_start',
    'actual_end',
    'status',
    'depends_on',
    'archived_at',
    'created_at',
    'updated_at',
  ],
  emergency_event: [
    'id',
    'emergency_id',
    'kind',
    'at',
    'department_id',
    'actor',
    'note',
    'created_at',
    'updated_at',
  ],
  go_no_go_meeting: [
    'id',
    'held_at',
    'decision',
    'attendees',
    'notes',
    'snapshot',
    'created_at',
    'updated_at',
  ],
  rollback_trigger: ['id', 'condition', 'action', 'archived_at', 'created_at', 'updated_at'],
  downtime_event: [
    'id',
    'system_id',
    'start_at',
    'end_at',
    'planned',
    'cause',
    'department_ids',
    'archived_at',
    'created_at',
    'updated_at',
  ],
  security_incident: [
    'id',
    'occurred_at',
    'title',
    'severity',
    'description',
    'department_id',
    'resolved_at',
    'archived_at',
    'created_at',
    'updated_at',
  ],
  efficiency_measure: [
    'id',
    'name',
    'unit',
    'baseline',
    'current',
    'lower_is_better',
    'archived_at',
    'created_at',
    'updated_at',
  ],
  kpi_target: ['id', 'key', 'target', 'amber', 'created_at', 'updated_at'],
  saved_report: [
    'id',
    'kind',
    'title',
    'from_day',
    'to_day',
    'next_steps',
    'archived_at',
    'created_at',
    'updated_at',
  ],
  kb_article: [
    'id',
    'title',
    'system_id',
    'module_id',
    'symptom',
    'cause',
    'solution',
    'audience',
    'tags',
    'source_issue_id',
    'linked_issue_ids',
    'archived_at',
    'created_at',
    'updated_at',
  ],
  survey_round: [
    'id',
    'name',
    'starts_on',
    'ends_on',
    'department_ids',
    'archived_at',
    'created_at',
    'updated_at',
  ],
  survey_response: [
    'id',
    'round_id',
    'department_id',
    'department_name',
    'role',
    'answer',
    'score',
    'satisfied',
    'comment',
    'source',
    'submitted_at',
    'import_key',
    'archived_at',
    'created_at',
    'updated_at',
  ],
  ward_visit: [
    'id',
    'department_id',
    'engineer_id',
    'started_at',
    'duration_minutes',
    'people_met',
    'notes',
    'archived_at',
    'created_at',
    'updated_at',
  ],
  ward_finding: [
    'id',
    'visit_id',
    'text',
    'issue_id',
    'follow_up',
    'follow_up_on',
    'followed_up_at',
    'created_at',
    'updated_at',
  ],
  ward_round_plan: ['id', 'interval_days', 'created_at', 'updated_at'],
};

/** The contentless FTS5 issue index (migration 0002) and the shadow tables SQLite keeps for it. */
const searchTables = ['pilot_issue_search', 'kb_article_search'].flatMap((name) =>
  ['', '_config', '_data', '_docsize', '_idx'].map((suffix) => `${name}${suffix}`),
);

function openFresh() {
  const path = join(tempDir(), 'wardside.db');
  return openDatabase(path);
}

function expectOpenError(path: string, kind: DatabaseOpenError['kind']): DatabaseOpenError {
  let caught: unknown;
  try {
    openDatabase(path).close();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(DatabaseOpenError);
  const error = caught as DatabaseOpenError;
  expect(error.kind).toBe(kind);
  expect(error.path).toBe(path);
  return error;
}

describe('openDatabase on an empty file', () => {
  it('migrates to the latest schema with the expected tables, columns and indexes', () => {
    const opened = openFresh();
    try {
      const tables = opened.sqlite
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .all()
        .map((r) => (r as { name: string }).name)
        .sort();
      expect(tables).toEqual(
        [...Object.keys(expectedColumns), ...searchTables, '__drizzle_migrations'].sort(),
      );
      // The search index is full-text (FTS5) without a copy of the text, keyed by the issue's rowid.
      const search = opened.sqlite
        .prepare("SELECT sql FROM sqlite_master WHERE name = 'pilot_issue_search'")
        .get() as { sql: string };
      expect(search.sql).toMatch(/USING fts5\(body, content = '', contentless_delete = 1/);

      for (const [table, columns] of Object.entries(expectedColumns)) {
        const info = opened.sqlite.pragma(`table_info(${table})`) as {
          name: string;
          type: string;
          pk: number;
        }[];
        expect(info.map((c) => c.name).sort(), table).toEqual([...columns].sort());
        // Replicated ids are device-generated text (UUIDv7), never integer rowids.
        const pk = info.find((c) => c.pk === 1)!;
        expect(pk.type.toLowerCase(), table).toBe('text');
      }

      const fks = (table: string) =>
        (opened.sqlite.pragma(`foreign_key_list(${table})`) as { table: string; from: string }[])
          .map((fk) => `${fk.from} → ${fk.table}`)
          .sort();
      expect(fks('person')).toEqual(['department_id → department']);
      expect(fks('pilot_issue')).toEqual([
        'assignee_id → person',
        'department_id → department',
        'duplicate_of_id → pilot_issue',
        'module_id → system_module',
        'reporter_id → person',
        'system_id → system',
      ]);
      expect(fks('issue_history')).toEqual(['issue_id → pilot_issue']);
      expect(fks('issue_attachment')).toEqual(['issue_id → pilot_issue']);
      expect(fks('reconcile_run')).toEqual(['profile_id → reconcile_profile']);
      expect(fks('discrepancy_item')).toEqual(['issue_id → pilot_issue', 'profile_id → reconcile_profile']);

      const indexes = opened.sqlite
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'")
        .all()
        .map((r) => (r as { name: string }).name)
        .sort();
      // The lookups the services make on every save and import.
      expect(indexes).toEqual(
        expect.arrayContaining([
          'department_code_idx',
          'person_department_idx',
          'person_employee_no_idx',
          'person_name_idx',
          'system_module_system_idx',
          // Issue numbers are unique per replica; the list filters and the summary run on these.
          'pilot_issue_replica_seq_idx',
          'pilot_issue_department_status_idx',
          'pilot_issue_status_due_idx',
          'pilot_issue_reported_idx',
          'pilot_issue_resolved_idx',
          'pilot_issue_assignee_idx',
          'pilot_issue_severity_idx',
          'pilot_issue_import_key_idx',
          'issue_history_issue_idx',
          'issue_attachment_issue_idx',
          'issue_attachment_sha_idx',
          // Carry-over looks items up by (domain, identity); the list by domain and status.
          'discrepancy_item_key_idx',
          'discrepancy_item_profile_status_idx',
          'reconcile_run_profile_date_idx',
        ]),
      );
      // No index a carry would rewrite on every item while no query can use it (issue #17, item 2).
      expect(indexes).not.toContain('discrepancy_item_last_run_idx');
      const replicaSeq = opened.sqlite
        .prepare("SELECT sql FROM sqlite_master WHERE name = 'pilot_issue_replica_seq_idx'")
        .get() as { sql: string };
      expect(replicaSeq.sql).toMatch(/^CREATE UNIQUE INDEX/);

      const known = knownMigrationCount(defaultMigrationsFolder());
      expect(known).toBeGreaterThanOrEqual(1);
      expect(opened.schemaVersion).toBe(known);
      expect(opened.sqlite.pragma('user_version', { simple: true })).toBe(known);
    } finally {
      opened.close();
    }
  });

  it('sets WAL, foreign keys and a busy timeout, and foreign keys are enforced', () => {
    const opened = openFresh();
    try {
      expect(opened.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(opened.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(opened.sqlite.pragma('busy_timeout', { simple: true })).toBeGreaterThanOrEqual(1000);
      expect(() =>
        opened.sqlite
          .prepare(
            "INSERT INTO person (id, name, organisation, department_id, created_at, updated_at) VALUES ('p1', 'x', 'hospital', 'no-such-department', '', '')",
          )
          .run(),
      ).toThrow(/FOREIGN KEY/);
    } finally {
      opened.close();
    }
  });

  it('reopening an up-to-date database applies nothing and keeps the data', () => {
    const path = join(tempDir(), 'wardside.db');
    const first = openDatabase(path);
    first.sqlite.prepare("INSERT INTO local_setting (key, value) VALUES ('k', '\"v\"')").run();
    first.close();
    const second = openDatabase(path);
    try {
      expect(second.schemaVersion).toBe(first.schemaVersion);
      const applied = second.sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as {
        n: number;
      };
      expect(applied.n).toBe(first.schemaVersion);
      expect(second.sqlite.prepare("SELECT value FROM local_setting WHERE key = 'k'").get()).toEqual({
        value: '"v"',
      });
    } finally {
      second.close();
    }
  });
});

describe('openDatabase refuses, and writes nothing', () => {
  it('a file that is not a database is refused as corrupt, its bytes unchanged', () => {
    const path = join(tempDir(), 'garbage.db');
    const bytes = Buffer.from('这不是数据库 — not a database file at all.\n'.repeat(200));
    writeFileSync(path, bytes);

    const error = expectOpenError(path, 'corrupt');
    expect(error.message).toContain(path);
    expect(readFileSync(path).equals(bytes)).toBe(true);
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('a database with a damaged page is refused as corrupt, its bytes unchanged', () => {
    const path = join(tempDir(), 'damaged.db');
    const raw = new Database(path);
    raw.pragma('page_size = 4096');
    raw.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT); CREATE INDEX t_v ON t (v);');
    const insert = raw.prepare('INSERT INTO t (v) VALUES (?)');
    raw.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run(`value ${i} `.repeat(5));
    })();
    raw.close();
    const bytes = readFileSync(path);
    // Overwrite the third page (inside the table's b-tree) with junk.
    bytes.fill(0xa5, 2 * 4096, 3 * 4096);
    writeFileSync(path, bytes);

    expectOpenError(path, 'corrupt');
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  it('a database with more migrations than this version knows is refused as newer_schema, unchanged', () => {
    const path = join(tempDir(), 'newer.db');
    const opened = openDatabase(path);
    opened.sqlite
      .prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)')
      .run('from-a-future-wardside', Date.now());
    opened.sqlite.prepare("INSERT INTO local_setting (key, value) VALUES ('locale', '\"en\"')").run();
    opened.close();
    const bytes = readFileSync(path);

    const error = expectOpenError(path, 'newer_schema');
    const known = knownMigrationCount(defaultMigrationsFolder());
    expect(error.message).toContain(`has ${known + 1} migrations, this version of Wardside knows ${known}`);
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });
});

/** Every file under `folder` with its content, to compare a folder before and after a command. */
function snapshotFolder(folder: string): [string, string][] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((name) => statSync(join(folder, name)).isFile())
    .sort()
    .map((name) => [name, readFileSync(join(folder, name), 'utf8')]);
}

describe('schema guard', () => {
  // drizzle-kit exits 0 even when it fails, so success is read from its output, and the migrations folder
  // (a temporary copy, so the repo is never touched) must come back byte-identical.
  it('committed migrations match db/schema.ts (drizzle-kit generate finds nothing to do)', () => {
    const dir = tempDir();
    const migrations = join(dir, 'migrations');
    cpSync(defaultMigrationsFolder(), migrations, { recursive: true });
    const before = snapshotFolder(migrations);
    // drizzle-kit resolves `out` against its working directory, so run it inside the temp folder.
    writeFileSync(
      join(dir, 'drizzle.config.mjs'),
      `export default ${JSON.stringify({
        dialect: 'sqlite',
        schema: join(repoRoot, 'db', 'schema.ts'),
        out: './migrations',
      })};\n`,
    );

    const output = execFileSync(
      process.execPath,
      [
        join(repoRoot, 'node_modules', 'drizzle-kit', 'bin.cjs'),
        'generate',
        '--config',
        'drizzle.config.mjs',
      ],
      { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 },
    );

    expect(output).toMatch(/No schema changes, nothing to migrate/);
    expect(snapshotFolder(migrations)).toEqual(before);
  }, 60_000);
});
