// `npm run bench` (hostile sheets, issue #11 item 7): time and peak memory of refusing hostile sheet files,
// each in a fresh child process (so its peak RSS is its own), beside the peer in the same run: reading
// an ordinary 1 000-row roster workbook that is accepted. Target: each refusal under 2 s and 512 MB.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readTable } from '#services/sheets/tabular.ts';
import { bombXlsx, giantCellCsv, manyRowsXlsx, utf8WithGbkLine } from '../fixtures/hostile/sheets.ts';

const self = fileURLToPath(import.meta.url);

/** Child: reads one file and prints {ms, code, peakMb}. */
async function child(path: string, name: string) {
  const bytes = readFileSync(path);
  const started = performance.now();
  let code = 'accepted';
  try {
    await readTable(name, bytes);
  } catch (error) {
    code = (error as { code?: string }).code ?? String(error);
  }
  const ms = performance.now() - started;
  console.log(JSON.stringify({ ms, code, peakMb: process.resourceUsage().maxRSS / 1024 }));
}

const cases: [string, string, () => Buffer][] = [
  ['peer: ordinary roster, 1 000 rows', '花名册.xlsx', () => manyRowsXlsx(1_000)],
  ['zip bomb, honest sizes (256 MiB)', 'bomb.xlsx', () => bombXlsx(256, false)],
  ['zip bomb, lying sizes (256 MiB)', 'bomb.xlsx', () => bombXlsx(256, true)],
  ['1 000 000 rows', 'rows.xlsx', () => manyRowsXlsx(1_000_000)],
  ['giant cell (40 000 chars)', 'giant.csv', () => giantCellCsv(40_000)],
  ['GBK line in UTF-8', 'mixed.csv', () => utf8WithGbkLine()],
];

/** Files are made in a child of their own: Linux keeps a process's peak RSS across fork and exec. */
function make(dir: string) {
  cases.forEach(([, name, build], i) => writeFileSync(join(dir, `${i}-${name}`), build()));
}

function main() {
  const dir = mkdtempSync(join(tmpdir(), 'wardside-bench-hostile-'));
  try {
    execFileSync(process.execPath, [self, '--make', dir], { stdio: 'inherit' });
    const table = cases.map(([label, name], i) => {
      const path = join(dir, `${i}-${name}`);
      const out = execFileSync(process.execPath, [self, '--child', path, name], { encoding: 'utf8' });
      const r = JSON.parse(out.trim().split('\n').pop()!) as { ms: number; code: string; peakMb: number };
      return {
        case: label,
        'file MB': +(statSync(path).size / 1048576).toFixed(2),
        ms: Math.round(r.ms),
        'peak RSS MB': Math.round(r.peakMb),
        result: r.code,
      };
    });
    console.log(
      '\nHostile sheets: refusal time and peak memory (target < 2 000 ms, < 512 MB; noisy on a shared machine)',
    );
    console.table(table);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') await child(process.argv[3]!, process.argv[4]!);
else if (process.argv[2] === '--make') make(process.argv[3]!);
else main();
