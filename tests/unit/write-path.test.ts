// Only the write path writes replicated tables: records.ts records every local write in change_log, and
// core/materialize.ts derives rows from change_log. A write anywhere else would change this laptop's data
// with nothing to carry it to the others (README, Sync by export files). This test reads the source of
// main/ and db/ — SQL in string and template literals, drizzle .insert/.update/.delete calls, migration
// SQL — and finds every write to a table declared in db/replicated.ts.
import { getTableName } from 'drizzle-orm';
import { Visitor } from 'vite';
import { describe, expect, it } from 'vitest';
import { replicatedTables } from '#db/replicated.ts';
import { lineAt, parse, readSource, sourceFiles } from './sources.ts';

/** The files that may write replicated tables, and why. */
const writers: Record<string, string> = {
  'main/services/core/records.ts': 'the write path: every local write, each recorded in change_log',
  'main/services/core/materialize.ts': 'merged writes: rows recomputed from change_log',
};

const tableNames = new Set<string>(Object.values(replicatedTables).map((t) => getTableName(t)));
const variableNames = new Set(Object.keys(replicatedTables));

export interface Write {
  line: number;
  what: string;
}

// A write statement and its target: a name (quoted or not), a template placeholder, or nothing (the
// name is concatenated after the string).
const SQL_WRITE =
  /\b(insert(?:\s+or\s+\w+)?\s+into|replace\s+into|update(?:\s+or\s+\w+)?|delete\s+from)\s+(?:["`[]?(?:(\w+)|(\$\{[^}]*\}))|["'`]?\s*$)/gi;

function sqlWrites(sql: string): string[] {
  const found: string[] = [];
  for (const match of sql.matchAll(SQL_WRITE)) {
    const [, verb, name, placeholder] = match;
    const statement = verb!.replace(/\s+/g, ' ').toUpperCase();
    if (name === undefined) found.push(`${statement} ${placeholder ?? '(name added later)'}`);
    else if (tableNames.has(name.toLowerCase())) found.push(`${statement} ${name}`);
  }
  return found;
}

/** Writes to replicated tables (or to tables named at run time) in one TypeScript source. */
export function scanSource(file: string, source: string): Write[] {
  const writes: Write[] = [];
  const add = (offset: number, what: string) => writes.push({ line: lineAt(source, offset), what });
  // `import { person as staff }` writes person through `staff`.
  const tables = new Set(variableNames);
  const program = parse(file, source);
  new Visitor({
    ImportSpecifier(node) {
      const imported = node.imported.type === 'Identifier' ? node.imported.name : node.imported.value;
      if (variableNames.has(imported)) tables.add(node.local.name);
    },
  }).visit(program);
  new Visitor({
    Literal(node) {
      if (typeof node.value === 'string') for (const w of sqlWrites(node.value)) add(node.start, w);
    },
    TemplateLiteral(node) {
      const text = node.quasis
        .map((q, i) => {
          const expression = node.expressions[i];
          return q.value.raw + (expression ? `\${${source.slice(expression.start, expression.end)}}` : '');
        })
        .join('');
      for (const w of sqlWrites(text)) add(node.start, w);
    },
    CallExpression(node) {
      const callee = node.callee;
      if (callee.type !== 'MemberExpression' || callee.property.type !== 'Identifier') return;
      const method = callee.property.name;
      if (method !== 'insert' && method !== 'update' && method !== 'delete') return;
      const target = node.arguments[0];
      if (!target) return;
      // `person`, an alias of it, or `schema.person`.
      const replicated =
        (target.type === 'Identifier' && tables.has(target.name)) ||
        (target.type === 'MemberExpression' &&
          target.property.type === 'Identifier' &&
          variableNames.has(target.property.name));
      if (replicated) add(node.start, `.${method}(${source.slice(target.start, target.end)})`);
    },
  }).visit(program);
  return writes.sort((a, b) => a.line - b.line);
}

/** Writes to replicated tables in a migration (SQL comments ignored). */
export function scanSql(source: string): Write[] {
  const writes: Write[] = [];
  source.split('\n').forEach((text, i) => {
    for (const what of sqlWrites(text.replace(/--.*$/, ''))) writes.push({ line: i + 1, what });
  });
  return writes;
}

function violations(): string[] {
  const found: string[] = [];
  for (const file of sourceFiles(['main', 'db'], '.ts')) {
    if (file in writers) continue;
    for (const w of scanSource(file, readSource(file))) found.push(`${file}:${w.line} ${w.what}`);
  }
  for (const file of sourceFiles(['db/migrations'], '.sql')) {
    for (const w of scanSql(readSource(file))) found.push(`${file}:${w.line} ${w.what}`);
  }
  return found;
}

describe('the write path', () => {
  it('finds every kind of write to a replicated table, and nothing else (self-check)', () => {
    const planted = [
      "import { person as staff, savedView } from '#db/schema.ts';",
      "import * as schema from '#db/schema.ts';",
      '// INSERT INTO person: a comment is no write',
      '/* DELETE FROM pilot_issue */',
      'ctx.db.insert(staff).values(row).run();',
      'ctx.db.update(schema.pilotIssue).set({ title }).run();',
      'db.delete(trainingSession).run();',
      "ctx.sqlite.prepare('DELETE FROM pilot_issue WHERE id = ?').run(id);",
      'statement(ctx, `UPDATE "department" SET name = ? WHERE id = ?`);',
      'ctx.sqlite.exec("insert or replace into issue_attachment (id) values (\'x\')");',
      'statement(ctx, `INSERT INTO "${table.name}" (id) VALUES (?)`);',
      "ctx.sqlite.prepare('DELETE FROM ' + name);",
      'const re = /[\\s\'"`]/g; const sql = "UPDATE person SET x = 1";',
      // Not replicated, or not a write, or not drizzle: left alone.
      "statement(ctx, 'INSERT INTO saved_view (id) VALUES (?) ON CONFLICT(id) DO UPDATE SET name = ?');",
      "statement(ctx, 'INSERT OR REPLACE INTO pilot_issue_search (rowid, body) VALUES (?, ?)');",
      'ctx.db.delete(savedView).run(); files.delete(id); hash.update(bytes); index.insert(key, 1);',
      "ctx.db.select().from(person).all(); const label = 'Update the person list';",
    ].join('\n');
    expect(scanSource('planted.ts', planted)).toEqual([
      { line: 5, what: '.insert(staff)' },
      { line: 6, what: '.update(schema.pilotIssue)' },
      { line: 7, what: '.delete(trainingSession)' },
      { line: 8, what: 'DELETE FROM pilot_issue' },
      { line: 9, what: 'UPDATE department' },
      { line: 10, what: 'INSERT OR REPLACE INTO issue_attachment' },
      { line: 11, what: 'INSERT INTO ${table.name}' },
      { line: 12, what: 'DELETE FROM (name added later)' },
      { line: 13, what: 'UPDATE person' },
    ]);
    expect(
      scanSql('-- UPDATE person SET a = 1\nCREATE TABLE x (id text);\nUPDATE `person` SET a = 1;'),
    ).toEqual([{ line: 3, what: 'UPDATE person' }]);
  });

  it('the files allowed to write are seen writing (the scan reads the real source)', () => {
    for (const file of Object.keys(writers)) {
      expect(scanSource(file, readSource(file)).length, file).toBeGreaterThan(0);
    }
  });

  it('no other file in main/ or db/ writes a replicated table', () => {
    expect(violations()).toEqual([]);
  });
});
