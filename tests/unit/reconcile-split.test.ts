// Files cut in two at a record boundary (issue #17): with two threads, reconcile() has each thread scan one
// part of each file and send the other the rows of its keys. Wherever the cut falls — on a record boundary,
// or on a line feed inside a quoted cell, which the first part's scan must notice — in GB18030 or UTF-8, with
// CRLF or LF, duplicates on either side of the cut, the result must be exactly the one-thread result.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import {
  planSplit,
  reconcile,
  splitRun,
  SplitMismatch,
  type SplitPlan,
} from '#services/reconcile/engine/reconcile.ts';
import type { Profile } from '#services/reconcile/engine/index.ts';
import { parseDateTime, parseDateTimeBytes } from '#services/reconcile/engine/values.ts';
import { tempDir } from './helpers.ts';

const profile: Profile = {
  name: '住院医嘱',
  columns: [
    { old: '住院号', new: 'inpatient_no', key: true },
    { old: '医嘱序号', new: 'order_no', key: true },
    { old: '医嘱内容', new: 'content' },
    { old: '金额', new: 'amount', compare: 'number', tolerance: 0.005 },
    { old: '开立时间', new: 'ordered_at', compare: 'datetime' },
  ],
};
const oldHeader = ['住院号', '医嘱序号', '医嘱内容', '金额', '开立时间'];
const newHeader = ['inpatient_no', 'order_no', 'content', 'amount', 'ordered_at'];

interface Row {
  inpatient: string;
  order: string;
  content: string;
  amount: number;
  minute: number;
}

interface Style {
  gb18030: boolean;
  crlf: boolean;
}

const quote = (cell: string) => `"${cell.replaceAll('"', '""')}"`;
const cell = (value: string) => (/[",\r\n]/.test(value) || value !== value.trim() ? quote(value) : value);
const pad2 = (n: number) => String(n).padStart(2, '0');

/** Writes a CSV file; returns the byte offsets where records start (header included) and the size. */
function writeCsv(path: string, records: string[][], style: Style): { starts: number[]; size: number } {
  const eol = style.crlf ? '\r\n' : '\n';
  const encode = (text: string) =>
    style.gb18030 ? iconv.encode(text, 'gb18030') : Buffer.from(text, 'utf8');
  const parts: Buffer[] = [style.gb18030 ? Buffer.alloc(0) : Buffer.from([0xef, 0xbb, 0xbf])];
  const starts: number[] = [];
  let at = parts[0]!.length;
  for (const cells of records) {
    starts.push(at);
    const bytes = encode(cells.map(cell).join(',') + eol);
    parts.push(bytes);
    at += bytes.length;
  }
  writeFileSync(path, Buffer.concat(parts));
  return { starts, size: at };
}

const oldCells = (r: Row) => [
  r.inpatient,
  r.order,
  r.content,
  (r.amount / 100).toLocaleString('en-US', { minimumFractionDigits: 2 }),
  `2026/11/20 ${pad2(Math.floor(r.minute / 60))}:${pad2(r.minute % 60)}:00`,
];
const newCells = (r: Row) => [
  r.inpatient,
  r.order,
  r.content,
  String(r.amount / 100),
  `2026-11-20T${pad2(Math.floor(r.minute / 60))}:${pad2(r.minute % 60)}:00`,
];

const text = fc.string({
  unit: fc.constantFrom(...'阿莫西林 0.5g,"每日"\n\r\n口服 ab'.split('')),
  maxLength: 10,
});
const rowArb = fc.record({
  inpatient: fc.stringMatching(/^0\d{2}$/),
  order: fc.stringMatching(/^\d$/),
  content: text,
  amount: fc.integer({ min: -500_000, max: 500_000_000 }),
  minute: fc.integer({ min: 0, max: 1439 }),
});
const rowsArb = fc.uniqueArray(rowArb, { selector: (r) => `${r.inpatient}/${r.order}`, maxLength: 40 });
const styleArb = fc.record({ gb18030: fc.boolean(), crlf: fc.boolean() });

/** Offsets just after a line feed: record boundaries, and line breaks inside quoted cells. */
function afterLineFeeds(bytes: Buffer): number[] {
  const at: number[] = [];
  for (let i = bytes.indexOf(0x0a); i >= 0; i = bytes.indexOf(0x0a, i + 1)) at.push(i + 1);
  return at;
}

const same = (a: object, b: object) => expect({ ...a, elapsedMs: 0 }).toEqual({ ...b, elapsedMs: 0 });

describe('reconciliation with both files cut in two', () => {
  it('gives the one-thread result wherever the cut falls, or notices a cut inside a quoted cell', async () => {
    await fc.assert(
      fc.asyncProperty(
        rowsArb,
        fc.array(fc.constantFrom('remove', 'add', 'content', 'amount', 'none', 'dupOld', 'dupNew'), {
          maxLength: 40,
        }),
        styleArb,
        styleArb,
        fc.nat(),
        fc.nat(),
        fc.constantFrom(undefined, 2, 7),
        fc.boolean(),
        async (rows, changes, oldStyle, newStyle, oldPick, newPick, maxDiscrepancies, lateFirst) => {
          const dir = tempDir();
          const old: Row[] = [];
          const next: Row[] = [];
          rows.forEach((r, i) => {
            const change = changes[i] ?? 'none';
            if (change !== 'add') old.push(r);
            // Duplicates far apart as well as next to each other, so that they fall on both sides of a cut.
            if (change === 'dupOld')
              old.splice(i % 2 ? 0 : old.length, 0, { ...r, content: r.content + '重' });
            if (change === 'remove') return;
            if (change === 'content') next.push({ ...r, content: r.content + '改' });
            else if (change === 'amount') next.push({ ...r, amount: r.amount + 1 });
            else next.push(r);
            if (change === 'dupNew') next.splice(i % 2 ? 0 : next.length, 0, { ...r, amount: r.amount + 2 });
          });
          const oldFile = join(dir, 'old.csv');
          const newFile = join(dir, 'new.csv');
          const oldLayout = writeCsv(oldFile, [oldHeader, ...old.map(oldCells)], oldStyle);
          const newLayout = writeCsv(newFile, [newHeader, ...next.toReversed().map(newCells)], newStyle);
          const input = {
            profile,
            oldFile,
            newFile,
            maxDiscrepancies,
            encodingOld: oldStyle.gb18030 ? ('gb18030' as const) : ('auto' as const),
            encodingNew: newStyle.gb18030 ? ('gb18030' as const) : ('auto' as const),
          };
          const one = await reconcile(input, { threads: 1 });

          const { readFileSync } = await import('node:fs');
          const oldCuts = afterLineFeeds(readFileSync(oldFile));
          const newCuts = afterLineFeeds(readFileSync(newFile));
          const plan: SplitPlan = {
            old: oldCuts[oldPick % oldCuts.length]!,
            new: newCuts[newPick % newCuts.length]!,
            // The second part's rows compared before the first part's on both threads (claims given up
            // to earlier rows), or as the packets come.
            lateFirst,
          };
          const onBoundary =
            oldLayout.starts.slice(1).concat(oldLayout.size).includes(plan.old) &&
            newLayout.starts.slice(1).concat(newLayout.size).includes(plan.new);
          try {
            same(await splitRun(input, {}, plan, maxDiscrepancies ?? 500_000, 0), one);
            expect(onBoundary).toBe(true);
          } catch (error) {
            // Off a boundary the second part reads a quoted cell's end as records: the first part's scan
            // says so (SplitMismatch), unless the second part has already stopped at what looks ragged.
            if (onBoundary) throw error;
          }
          // And through reconcile(): the planned cut, or the run that reads both files whole.
          same(await reconcile(input, { threads: 2, minSplitBytes: 0, splitFiles: true }), one);
        },
      ),
      // Each run starts two worker threads: fewer runs than the in-thread properties.
      { numRuns: Number(process.env.PROP_RUNS ?? 12) },
    );
  }, 120_000);

  it('falls back to reading both files whole when the middle of a file is inside a quoted line break', async () => {
    const dir = tempDir();
    const rows: Row[] = Array.from({ length: 30 }, (_, i) => ({
      inpatient: String(100 + i),
      order: '1',
      content: `医嘱 ${i}`,
      amount: 1000 + i,
      minute: i,
    }));
    // One long quoted cell of many lines across the middle of the old file (GB18030, CRLF).
    rows[15]!.content = Array.from({ length: 200 }, (_, i) => `第${i}行, "引号"`).join('\r\n');
    const style = { gb18030: true, crlf: true };
    const oldFile = join(dir, 'old.csv');
    const newFile = join(dir, 'new.csv');
    const layout = writeCsv(oldFile, [oldHeader, ...rows.map(oldCells)], style);
    writeCsv(newFile, [newHeader, ...rows.toReversed().map(newCells)], { gb18030: false, crlf: false });
    const input = { profile, oldFile, newFile, encodingOld: 'gb18030' as const };
    const plan = (await planSplit(input, 0.5))!;
    // The planned cut is a line feed inside that cell, not the start of a record.
    expect(plan.old).toBeGreaterThan(layout.starts[16]!);
    expect(plan.old).toBeLessThan(layout.starts[17]!);
    await expect(splitRun(input, {}, plan, 500_000, 0)).rejects.toBeInstanceOf(SplitMismatch);
    const one = await reconcile(input, { threads: 1 });
    expect(one.summary.matched).toBe(30);
    same(await reconcile(input, { threads: 2, minSplitBytes: 0, splitFiles: true }), one);
  });

  it('splits a GB18030 CRLF file against a UTF-8 one at their middles and finds every difference', async () => {
    const dir = tempDir();
    const rows: Row[] = Array.from({ length: 400 }, (_, i) => ({
      inpatient: String(1000 + i),
      order: String(i % 3),
      content: `阿莫西林 ${i}, 口服`,
      amount: 123_456 * i,
      minute: i % 1440,
    }));
    const next = rows.map((r, i) => (i % 50 === 7 ? { ...r, amount: r.amount + 100 } : r));
    const oldFile = join(dir, 'old.csv');
    const newFile = join(dir, 'new.csv');
    writeCsv(oldFile, [oldHeader, ...rows.map(oldCells)], { gb18030: true, crlf: true });
    writeCsv(newFile, [newHeader, ...next.toReversed().map(newCells)], { gb18030: false, crlf: false });
    const input = { profile, oldFile, newFile };
    const plan = (await planSplit(input, 0.5))!;
    const split = await splitRun(input, {}, plan, 500_000, 0);
    expect(split.summary).toMatchObject({ oldRows: 400, newRows: 400, matched: 400, rowsWithDifferences: 8 });
    same(split, await reconcile(input, { threads: 1 }));
  });
});

// Numbers with or without a leading zero, a little out of range at both ends.
const part = (max: number) =>
  fc
    .tuple(fc.integer({ min: 0, max }), fc.boolean())
    .map(([n, zero]) => (zero ? String(n).padStart(2, '0') : String(n)));

describe('the datetime fast path (rewritten without a closure per call for the cross-format pair)', () => {
  it('agrees with the text parser whenever it gives a value, on any date-like text', () => {
    const fraction = fc.tuple(fc.constant('.'), fc.stringMatching(/^\d{0,7}$/)).map((p) => p.join(''));
    const seconds = fc
      .tuple(fc.constant(':'), part(61), fc.option(fraction))
      .map(([a, b, c]) => a + b + (c ?? ''));
    const time = fc
      .tuple(
        fc.constantFrom(' ', 'T', '  ', 'x', ' T'),
        part(25),
        fc.constantFrom(':', '.'),
        part(61),
        fc.option(seconds),
      )
      .map(([a, b, c, d, e]) => a + b + c + d + (e ?? ''));
    const dateLike = fc
      .tuple(
        fc.constantFrom('2026', '2028', '1900', '2000', '999', '20261'),
        fc.constantFrom('-', '/', '.'),
        part(13),
        fc.constantFrom('-', '/', '.'),
        part(32),
        fc.option(time),
      )
      .map(([y, s1, m, s2, d, t]) => y + s1 + m + s2 + d + (t ?? ''));
    let accepted = 0;
    fc.assert(
      fc.property(dateLike, (value) => {
        const fast = parseDateTimeBytes(Buffer.from(value), 0, value.length);
        if (Number.isNaN(fast)) return;
        accepted++;
        expect(fast).toBe(parseDateTime(value));
      }),
      { numRuns: 2000 },
    );
    // The generator reaches the accepted forms, not only refusals.
    expect(accepted).toBeGreaterThan(20);
    expect(parseDateTimeBytes(Buffer.from('2026/11/20 08:05:03'), 0, 19)).toBe(
      Date.UTC(2026, 10, 20, 8, 5, 3),
    );
  });
});
