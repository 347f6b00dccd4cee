// Properties of the reconciliation (issue #5): a file against a shuffled and re-formatted copy of itself
// (other encoding, headers order, quoting, padding, number and datetime formats, line ends) shows no
// difference; and every injected change — a row removed, a row added, a cell changed — is found exactly
// once, as the right kind, key and column.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { reconcile, type Profile } from '#services/reconcile/engine/index.ts';
import { tempDir } from './helpers.ts';

const profile: Profile = {
  name: '住院医嘱',
  columns: [
    { old: '住院号', new: 'inpatient_no', key: true },
    { old: '医嘱序号', new: 'order_no', key: true },
    { old: '医嘱内容', new: 'content' },
    { old: '金额', new: 'amount', compare: 'number', tolerance: 0.005 },
    { old: '开立时间', new: 'ordered_at', compare: 'datetime' },
    { old: '备注', new: 'memo', compare: 'ignore' },
  ],
};

interface Row {
  inpatient: string;
  order: string;
  content: string;
  /** cents */
  amount: number;
  /** minutes into 2026-11-20 */
  minute: number;
}

// Whole characters (the four-byte 𠀀 is two UTF-16 units; in GB18030 it is a four-byte sequence).
const text = fc.string({
  unit: fc.constantFrom(...Array.from('阿莫西林 0.5g,"每日三次"\n口服 ab·𠀀')),
  maxLength: 12,
});
const rowArb = fc.record({
  inpatient: fc.stringMatching(/^0\d{3}$/),
  order: fc.stringMatching(/^\d{1,2}$/),
  content: text,
  amount: fc.integer({ min: -500_000, max: 500_000_000 }),
  minute: fc.integer({ min: 0, max: 1439 }),
});
const rowsArb = fc.uniqueArray(rowArb, {
  selector: (r) => `${r.inpatient}/${r.order}`,
  minLength: 1,
  maxLength: 40,
});

const pad2 = (n: number) => String(n).padStart(2, '0');
const quote = (cell: string) => `"${cell.replaceAll('"', '""')}"`;

/** A CSV cell: quoted when needed (or when `always`). */
const cell = (value: string, always: boolean) =>
  always || /[",\r\n]/.test(value) || value !== value.trim() ? quote(value) : value;

function oldCells(r: Row): string[] {
  const yuan = (r.amount / 100).toFixed(2);
  return [
    r.inpatient,
    r.order,
    r.content,
    yuan,
    `2026/11/20 ${pad2(Math.floor(r.minute / 60))}:${pad2(r.minute % 60)}:00`,
    'x',
  ];
}

interface Style {
  thousands: boolean;
  quoteAll: boolean;
  padding: boolean;
  crlf: boolean;
  gb18030: boolean;
  oldGb18030: boolean;
}

/** The same row as the new system writes it: columns reordered, other number and time formats. */
function newCells(r: Row, style: Style): string[] {
  const negative = r.amount < 0;
  const abs = Math.abs(r.amount);
  const whole = Math.floor(abs / 100);
  const fraction = abs % 100 ? '.' + pad2(abs % 100).replace(/0$/, '') : '';
  const amount =
    (negative ? '-' : '') + (style.thousands ? whole.toLocaleString('en-US') : String(whole)) + fraction;
  const at = `2026-11-20T${pad2(Math.floor(r.minute / 60))}:${pad2(r.minute % 60)}`;
  const content = style.padding ? `  ${r.content} ` : r.content;
  // New order: memo, amount, key parts swapped, content, time.
  return ['other memo', amount, r.order, r.inpatient, content, at];
}
const newHeader = ['memo', 'amount', 'order_no', 'inpatient_no', 'content', 'ordered_at'];
const oldHeader = ['住院号', '医嘱序号', '医嘱内容', '金额', '开立时间', '备注'];

/** The old file: UTF-8, or GB18030 as a Chinese Windows export writes it (then kept as read, see GB_SPAN). */
function writeOld(path: string, rows: Row[], style?: Style) {
  const body =
    [oldHeader, ...rows.map(oldCells)].map((cells) => cells.map((c) => cell(c, false)).join(',')).join('\n') +
    '\n';
  writeFileSync(path, style?.oldGb18030 ? iconv.encode(body, 'gb18030') : body);
}

function writeNew(path: string, rows: Row[], style: Style) {
  const eol = style.crlf ? '\r\n' : '\n';
  const lines = [newHeader, ...rows.map((r) => newCells(r, style))].map((cells) =>
    cells.map((c) => cell(c, style.quoteAll)).join(','),
  );
  const body = lines.join(eol) + eol;
  writeFileSync(path, style.gb18030 ? iconv.encode(body, 'gb18030') : Buffer.from('\uFEFF' + body, 'utf8'));
}

/**
 * The new file's encoding is named when it is GB18030: a few Chinese characters alone can also be valid
 * UTF-8 (每 is C3 BF, UTF-8 for ÿ), so detection needs real-sized text; it has its own tests.
 */
const inputFor = (dir: string, style: Style) => ({
  profile,
  oldFile: join(dir, 'old.csv'),
  newFile: join(dir, 'new.csv'),
  encodingNew: style.gb18030 ? ('gb18030' as const) : ('auto' as const),
  encodingOld: style.oldGb18030 ? ('gb18030' as const) : ('auto' as const),
});

const styleArb = fc.record({
  thousands: fc.boolean(),
  quoteAll: fc.boolean(),
  padding: fc.boolean(),
  crlf: fc.boolean(),
  gb18030: fc.boolean(),
  oldGb18030: fc.boolean(),
});

describe('reconciliation properties', () => {
  it('a file against a shuffled, re-formatted copy of itself shows no difference', async () => {
    await fc.assert(
      fc.asyncProperty(rowsArb, styleArb, fc.infiniteStream(fc.nat()), async (rows, style, order) => {
        const dir = tempDir();
        const shuffled = rows
          .map((r) => ({ r, k: order.next().value }))
          .sort((a, b) => a.k - b.k)
          .map((x) => x.r);
        writeOld(join(dir, 'old.csv'), rows, style);
        writeNew(join(dir, 'new.csv'), shuffled, style);
        const result = await reconcile(inputFor(dir, style));
        expect(result.discrepancies).toEqual([]);
        expect(result.summary).toMatchObject({
          matched: rows.length,
          oldRows: rows.length,
          newRows: rows.length,
        });
        expect(result.summary.controlTotals.old.sums['金额']).toBeCloseTo(
          result.summary.controlTotals.new.sums['amount']!,
          6,
        );
      }),
      // PROP_RUNS=500 for a deeper search than CI needs.
      { numRuns: Number(process.env.PROP_RUNS ?? 40) },
    );
  });

  it('every injected change is found exactly once', async () => {
    const changeArb = fc.constantFrom('remove', 'add', 'content', 'amount', 'time', 'none');
    await fc.assert(
      fc.asyncProperty(
        rowsArb,
        fc.array(changeArb, { maxLength: 40 }),
        styleArb,
        async (rows, changes, style) => {
          const dir = tempDir();
          const expected: string[] = [];
          const next: Row[] = [];
          rows.forEach((r, i) => {
            const change = changes[i] ?? 'none';
            const key = `${r.inpatient}/${r.order}`;
            if (change === 'remove') expected.push(`missing-in-new ${key}`);
            else if (change === 'add') {
              next.push(r, { ...r, inpatient: `9${r.inpatient}` });
              expected.push(`missing-in-old 9${key}`);
            } else if (change === 'content') {
              next.push({ ...r, content: r.content + '改' });
              expected.push(`different ${key} content`);
            } else if (change === 'amount') {
              next.push({ ...r, amount: r.amount + 1 });
              expected.push(`different ${key} amount`);
            } else if (change === 'time') {
              next.push({ ...r, minute: (r.minute + 1) % 1440 });
              expected.push(`different ${key} ordered_at`);
            } else next.push(r);
          });
          writeOld(join(dir, 'old.csv'), rows, style);
          writeNew(join(dir, 'new.csv'), next.toReversed(), style);
          const result = await reconcile(inputFor(dir, style));
          const found = result.discrepancies.map(
            (d) => `${d.kind} ${d.key.join('/')}${d.column ? ' ' + d.column : ''}`,
          );
          expect(found.sort()).toEqual(expected.sort());
        },
      ),
      // PROP_RUNS=500 for a deeper search than CI needs.
      { numRuns: Number(process.env.PROP_RUNS ?? 40) },
    );
  });
});

describe('the comparison split over two threads', () => {
  // reconcile() may give each of two threads half of the keys (both read both files whole) and merge the
  // halves. Whatever the rows, duplicates, encodings, quoted newlines and discrepancy limit, the merged result
  // must be exactly what one thread gives: same summary, totals, discrepancies in the same order, same cut.
  it('gives exactly the one-thread result', async () => {
    await fc.assert(
      fc.asyncProperty(
        rowsArb,
        fc.array(fc.constantFrom('remove', 'add', 'content', 'amount', 'none', 'dupOld', 'dupNew'), {
          maxLength: 40,
        }),
        styleArb,
        fc.constantFrom(undefined, 1, 3, 10),
        async (rows, changes, style, maxDiscrepancies) => {
          const dir = tempDir();
          const old: Row[] = [];
          const next: Row[] = [];
          rows.forEach((r, i) => {
            const change = changes[i] ?? 'none';
            if (change !== 'add') old.push(r);
            if (change === 'dupOld') old.push({ ...r, content: r.content + '重' });
            if (change === 'remove') return;
            if (change === 'content') next.push({ ...r, content: r.content + '改' });
            else if (change === 'amount') next.push({ ...r, amount: r.amount + 1 });
            else next.push(r);
            if (change === 'dupNew') next.push(r);
          });
          writeOld(join(dir, 'old.csv'), old, style);
          writeNew(join(dir, 'new.csv'), next.toReversed(), style);
          const input = { ...inputFor(dir, style), maxDiscrepancies };
          const one = await reconcile(input, { threads: 1 });
          const two = await reconcile(input, { threads: 2, minSplitBytes: 0 });
          expect({ ...two, elapsedMs: 0 }).toEqual({ ...one, elapsedMs: 0 });
        },
      ),
      // Each run starts a worker thread: fewer runs than the in-thread properties.
      { numRuns: Number(process.env.PROP_RUNS ?? 12) },
    );
  });
});
