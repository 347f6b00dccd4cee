// The split comparison streams (issue #17): each thread sends the other the records and rows of its keys
// after every chunk it scans, and compares what comes as it comes. Rows of the files' second parts can then
// be compared before first-part rows of the same key; the first row of a key must still win, as with one
// thread. Files of several chunks here, cross-format (GB18030 CRLF with thousands separators and slashed
// times against UTF-8 with a BOM), duplicate keys on both sides of both cuts, in both orders of comparing.
// Also: the UTF-8 check one read at a time (a character cut by a read, a GBK line after the first read).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { AppError } from '#services/core/errors.ts';
import {
  planSplit,
  reconcile,
  splitRun,
  SplitMismatch,
  type SplitPlan,
} from '#services/reconcile/engine/reconcile.ts';
import type { Profile } from '#services/reconcile/engine/index.ts';
import { parseDateTimeBytes } from '#services/reconcile/engine/values.ts';
import { tempDir } from './helpers.ts';

const profile: Profile = {
  name: '门诊收费明细',
  columns: [
    { old: '就诊号', new: 'visit_no', key: true },
    { old: '明细序号', new: 'line_no', key: true },
    { old: '患者姓名', new: 'patient_name' },
    { old: '项目名称', new: 'item_name' },
    { old: '金额', new: 'amount', compare: 'number', tolerance: 0.005 },
    { old: '收费时间', new: 'charged_at', compare: 'datetime' },
    { old: '备注', new: 'note' },
  ],
};

interface Row {
  visit: number;
  line: number;
  name: string;
  item: string;
  cents: number;
  second: number;
  note: string;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const quoted = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
const clock = (s: number) => `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;

const oldLine = (r: Row) =>
  [
    pad(r.visit, 10),
    pad(r.line),
    r.name,
    r.item,
    (r.cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2 }),
    `2026/11/20 ${clock(r.second)}`,
    r.note,
  ]
    .map(quoted)
    .join(',');
const newLine = (r: Row) =>
  [
    pad(r.visit, 10),
    pad(r.line),
    r.name,
    r.item,
    String(r.cents / 100),
    `2026-11-20T${clock(r.second)}`,
    r.note,
  ]
    .map(quoted)
    .join(',');

const names = [...'王李张刘陈杨黄赵吴周'];
const items = ['血常规检查', '阿莫西林胶囊', '静脉输液', 'CT 平扫', '门诊诊查费'];

/** A pair of several 4 MB chunks each: changes, rows missing on either side, duplicates across the cuts. */
function writePair(dir: string, rows: number): { oldFile: string; newFile: string } {
  const base: Row[] = [];
  for (let i = 0; i < rows; i++) {
    base.push({
      visit: 1_000 + Math.floor(i / 3),
      line: (i % 3) + 1,
      name: names[i % names.length]! + names[(i * 7) % names.length]!,
      item: items[i % items.length]!,
      cents: ((i * 7919) % 2_000_000) + 1,
      second: (i * 37) % 86_400,
      // Quoted cells with commas, quotes and line breaks now and then.
      note: i % 97 === 0 ? `复查, "加急"\r\n第${i}条` : i % 13 === 0 ? `备注${i}` : '',
    });
  }
  const old = base.filter((_, i) => i % 211 !== 5);
  const next = base
    .filter((_, i) => i % 199 !== 3)
    .map((r, i) =>
      i % 101 === 0
        ? { ...r, cents: r.cents + 100 }
        : i % 103 === 0
          ? { ...r, name: r.name + '改' }
          : i % 107 === 0
            ? { ...r, second: r.second + 1 }
            : r,
    );
  // Duplicate keys: each copy on the other side of the middle from its first, on both files.
  for (const i of [10, 20, 30, rows - 40, rows - 50]) {
    old.splice(i < rows / 2 ? old.length - 7 : 7, 0, { ...base[i]!, note: '重复' });
    next.splice(i < rows / 2 ? next.length - 9 : 9, 0, { ...base[i]!, cents: base[i]!.cents + 1 });
  }
  // New-only keys twice, once in each half.
  const extra: Row = { ...base[0]!, visit: 999_999 };
  next.splice(11, 0, extra);
  next.splice(next.length - 11, 0, { ...extra, note: '又一次' });
  const oldFile = join(dir, 'old.csv');
  const newFile = join(dir, 'new.csv');
  const oldText = ['就诊号,明细序号,患者姓名,项目名称,金额,收费时间,备注', ...old.map(oldLine)].join('\r\n');
  writeFileSync(oldFile, iconv.encode(oldText + '\r\n', 'gb18030'));
  const newText = ['visit_no,line_no,patient_name,item_name,amount,charged_at,note', ...next.map(newLine)];
  writeFileSync(
    newFile,
    Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(newText.join('\n') + '\n')]),
  );
  return { oldFile, newFile };
}

/** Offset of the first record after the middle of a file whose records start with a visit number. */
function recordAfterMiddle(file: string): number {
  const bytes = readFileSync(file);
  return bytes.indexOf('\n00000', bytes.length >> 1) + 1;
}

const same = (a: object, b: object) => expect({ ...a, elapsedMs: 0 }).toEqual({ ...b, elapsedMs: 0 });

/** `newFile` (id,note) reconciled on one thread against a one-row old file with the same columns. */
function againstNote(dir: string, newFile: string) {
  const oldFile = join(dir, 'old.csv');
  writeFileSync(oldFile, 'id,note\n1,病区记录\n');
  const columns = [
    { old: 'id', new: 'id', key: true },
    { old: 'note', new: 'note' },
  ];
  return reconcile({ profile: { name: 'p', columns }, oldFile, newFile }, { threads: 1 });
}

describe('a split comparison that streams its packets', () => {
  it('gives the one-thread result over files of several chunks, whichever part is compared first', async () => {
    const dir = tempDir();
    const { oldFile, newFile } = writePair(dir, 180_000);
    expect(readFileSync(newFile).length).toBeGreaterThan(2.5 * (1 << 22));
    const input = { profile, oldFile, newFile, maxDiscrepancies: 50 };
    const one = await reconcile(input, { threads: 1 });
    expect(one.summary).toMatchObject({ duplicateKeysOld: 5, duplicateKeysNew: 6 });
    expect(one.summary.rowsWithDifferences).toBeGreaterThan(3000);
    const middle = (await planSplit(input, 0.5))!;
    for (const plan of [middle, { ...middle, lateFirst: true }] satisfies SplitPlan[]) {
      same(await splitRun(input, {}, plan, 50, 0), one);
    }
    // The old file's default first part (larger: the worker starts later) and every discrepancy kept.
    const all = { ...input, maxDiscrepancies: undefined };
    same(
      await reconcile(all, { threads: 2, minSplitBytes: 0, splitFiles: true }),
      await reconcile(all, { threads: 1 }),
    );
  }, 60_000);

  it('sends rows with a compared cell of 64 KB or more (wide cell bounds) and compares them', async () => {
    const dir = tempDir();
    const rows: Row[] = Array.from({ length: 2_000 }, (_, i) => ({
      visit: 50_000 + i,
      line: 1,
      name: '李娜',
      item: '彩超检查',
      cents: 5_000 + i,
      second: i,
      // Sixteen rows with a long note, spread over both halves; every other one changed at its end.
      note: i % 125 === 7 ? `长备注${i} `.repeat(9_000) : '',
    }));
    const next = rows.map((r, i) => (i % 250 === 7 ? { ...r, note: r.note + '改' } : r));
    const oldFile = join(dir, 'old.csv');
    const newFile = join(dir, 'new.csv');
    const oldText = ['就诊号,明细序号,患者姓名,项目名称,金额,收费时间,备注', ...rows.map(oldLine)];
    writeFileSync(oldFile, iconv.encode(oldText.join('\r\n') + '\r\n', 'gb18030'));
    const newText = ['visit_no,line_no,patient_name,item_name,amount,charged_at,note', ...next.map(newLine)];
    writeFileSync(newFile, newText.join('\n') + '\n');
    const input = { profile, oldFile, newFile };
    const one = await reconcile(input, { threads: 1 });
    expect(one.summary).toMatchObject({ matched: 2_000, rowsWithDifferences: 8 });
    // The middle may fall in a long note: cut at the first record (a visit number) after it.
    const middle: SplitPlan = { old: recordAfterMiddle(oldFile), new: recordAfterMiddle(newFile) };
    for (const plan of [middle, { ...middle, lateFirst: true }] satisfies SplitPlan[]) {
      same(await splitRun(input, {}, plan, 500_000, 0), one);
    }
  });

  it('a claim given up after the kept discrepancies were cut falls back to the whole-file run', async () => {
    const dir = tempDir();
    // Every row of the new file differs (more than the late list keeps before cutting it), and a key of
    // the first part comes again in the second: compared late first, its claim must be given up.
    const rows: Row[] = Array.from({ length: 40_000 }, (_, i) => ({
      visit: 10_000 + i,
      line: 1,
      name: '王芳',
      item: '心电图',
      cents: 1000 + i,
      second: i,
      note: '',
    }));
    const oldFile = join(dir, 'old.csv');
    const newFile = join(dir, 'new.csv');
    const oldText = ['就诊号,明细序号,患者姓名,项目名称,金额,收费时间,备注', ...rows.map(oldLine)];
    writeFileSync(oldFile, iconv.encode(oldText.join('\r\n') + '\r\n', 'gb18030'));
    const next = rows.map((r) => ({ ...r, cents: r.cents + 1 }));
    next.push({ ...next[0]!, note: '重复' });
    writeFileSync(
      newFile,
      ['visit_no,line_no,patient_name,item_name,amount,charged_at,note', ...next.map(newLine)].join('\n') +
        '\n',
    );
    const input = { profile, oldFile, newFile, maxDiscrepancies: 3 };
    const plan = { ...(await planSplit(input, 0.5))!, lateFirst: true };
    await expect(splitRun(input, {}, plan, 3, 0)).rejects.toBeInstanceOf(SplitMismatch);
    const one = await reconcile(input, { threads: 1 });
    expect(one.summary).toMatchObject({ matched: 40_000, rowsWithDifferences: 40_000, duplicateKeysNew: 1 });
    same(await reconcile(input, { threads: 2, minSplitBytes: 0, splitFiles: true }), one);
  });
});

/** A UTF-8 file (with BOM) whose byte `at` of the file starts `bytes`, past the first 4 MB read. */
function fileWith(dir: string, bytes: Buffer, at: number): string {
  const header = Buffer.from('\ufeffid,note\n');
  const lines: Buffer[] = [header];
  let size = header.length;
  let id = 1;
  while (size < at - 40) {
    const line = Buffer.from(`${id++},病区记录\n`);
    lines.push(line);
    size += line.length;
  }
  // Pad the last line before `at` with ASCII so that `bytes` start exactly there.
  const prefix = Buffer.from(`${id++},${'x'.repeat(at - size - String(id - 1).length - 1)}`);
  lines.push(prefix, bytes, Buffer.from(`\n${id},尾\n`));
  const file = join(dir, `new-${at}.csv`);
  writeFileSync(file, Buffer.concat(lines));
  return file;
}
describe('the UTF-8 check of a new-side file, one read at a time', () => {
  // The first read of the data: 4 MB less the sentinel byte, after the 3-byte BOM.
  const readEnd = 3 + (1 << 22) - 1;

  it('a character cut by the end of a read is no error', async () => {
    const dir = tempDir();
    const newFile = fileWith(dir, Buffer.from('门诊'), readEnd - 1);
    expect(
      readFileSync(newFile)
        .subarray(readEnd - 1, readEnd + 5)
        .toString(),
    ).toBe('门诊');
    const result = await againstNote(dir, newFile);
    expect(result.summary.matched).toBe(1);
  });

  it('a GBK character cut by the end of a read names its line', async () => {
    const dir = tempDir();
    // 0xE4 0x61 in GBK: on its own, the 0xE4 looks like the start of a UTF-8 character cut by the read,
    // and the next read (from 0x61) is valid UTF-8; only the two together show the GBK.
    const gbk = iconv.encode('鋋ab', 'gbk');
    expect(gbk).toEqual(Buffer.from([0xe4, 0x61, 0x61, 0x62]));
    const newFile = fileWith(dir, gbk, readEnd - 1);
    const bytes = readFileSync(newFile);
    expect(bytes.subarray(readEnd - 1, readEnd + 3)).toEqual(gbk);
    const line = bytes.subarray(0, readEnd).toString('latin1').split('\n').length;
    const error = await againstNote(dir, newFile).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'reconcile_mixed_encoding',
      params: { file: newFile.split('/').pop(), encoding: 'UTF-8', lines: String(line) },
    });
  });
});

describe('the datetime fast path', () => {
  it('is Date.UTC for every day of years around the leap rules and the two-digit years', () => {
    for (const year of [0, 4, 50, 99, 100, 400, 1600, 1900, 1970, 2000, 2024, 2026, 2100, 2400, 9999]) {
      for (let month = 1; month <= 12; month++) {
        for (let day = 1; day <= 31; day++) {
          const text = `${pad(year, 4)}-${pad(month)}-${pad(day)} 23:59:58.25`;
          const fast = parseDateTimeBytes(Buffer.from(text), 0, text.length);
          if (Number.isNaN(fast)) continue;
          expect(fast).toBe(Date.UTC(year, month - 1, day, 23, 59, 58, 250));
        }
      }
    }
  });

  it('gives each date its own value when dates alternate (the day before is remembered)', () => {
    const dates = [
      [2026, 11, 20],
      [2026, 11, 20],
      [2026, 12, 20],
      [2026, 11, 20],
      [2025, 11, 20],
      [2026, 11, 21],
      [2026, 11, 21],
      [26, 11, 21],
      [2026, 1, 1],
      [2026, 11, 20],
    ];
    for (const [year, month, day] of dates) {
      const text = `${pad(year!, 4)}/${month}/${day} 08:05`;
      expect(parseDateTimeBytes(Buffer.from(text), 0, text.length)).toBe(
        Date.UTC(year!, month! - 1, day!, 8, 5),
      );
    }
  });
});
