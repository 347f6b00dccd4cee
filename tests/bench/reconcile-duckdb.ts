// The DuckDB peer of the reconciliation bench, run in its own process like our engine (tests/bench/reconcile.ts
// measures it under /usr/bin/time): `node tests/bench/reconcile-duckdb.ts OLD.utf8.csv NEW.csv`, 2 threads and
// a 4 GB memory limit (BENCH_DUCKDB_MEMORY to change), the SQL in reconcile-duckdb.sql. Prints one JSON line
// with the counts in the shape of our summary.
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const [oldFile, newFile] = process.argv.slice(2) as [string, string];
const quote = (path: string) => path.replaceAll("'", "''");
const sql = readFileSync(new URL('./reconcile-duckdb.sql', import.meta.url), 'utf8')
  .replaceAll('$OLD', quote(oldFile))
  .replaceAll('$NEW', quote(newFile));
const instance = await DuckDBInstance.create(':memory:', {
  threads: '2',
  memory_limit: process.env.BENCH_DUCKDB_MEMORY ?? '4GB',
});
const connection = await instance.connect();
const statements = sql
  .split(/;\s*\n/)
  .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
  .filter(Boolean);
let last: Record<string, unknown> = {};
for (const statement of statements) {
  const reader = await connection.runAndReadAll(statement);
  const rows = reader.getRowObjectsJS();
  if (rows.length) last = rows[0]!;
}
const n = (k: string) => Number(last[k.toLowerCase()] ?? last[k]);
const columns = [
  'patient_id',
  'patient_name',
  'dept',
  'item_code',
  'item_name',
  'qty',
  'unit_price',
  'amount',
];
const summary = {
  oldRows: n('oldRows'),
  newRows: n('newRows'),
  matched: n('matched'),
  missingInNew: n('missingInNew'),
  missingInOld: n('missingInOld'),
  rowsWithDifferences: n('rowsWithDifferences'),
  fieldDifferences: Object.fromEntries([...columns, 'charged_at', 'status'].map((c) => [c, n(c)])),
};
process.stdout.write(JSON.stringify({ summary }) + '\n');
