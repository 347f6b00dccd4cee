// The reconciliation engine on small files: every compare kind, encodings, RFC 4180 quoting (also cut at
// every chunk boundary), composite keys with leading zeros, duplicates, control totals, XLSX input, the
// header sniffing of the mapping wizard, and each bad input with the file, row and column it names.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { AppError } from '#services/core/errors.ts';
import { bufferSource, scanCsv } from '#services/reconcile/engine/csv-scanner.ts';
import { gb18030EqualsUtf8, gb18030ToUtf8 } from '#services/reconcile/engine/encoding.ts';
import {
  parseProfile,
  readHeaders,
  reconcile,
  type Profile,
  type ReconcileInput,
} from '#services/reconcile/engine/index.ts';
import { parseDateTime, parseDateTimeBytes, parseNumberText } from '#services/reconcile/engine/values.ts';
import { tempDir } from './helpers.ts';

const profile: Profile = {
  name: '门诊收费明细',
  columns: [
    { old: '就诊号', new: 'visit_no', key: true },
    { old: '明细序号', new: 'line_no', key: true },
    { old: '金额', new: 'amount', compare: 'number', tolerance: 0.005 },
    { old: '收费时间', new: 'charged_at', compare: 'datetime' },
    { old: '状态', new: 'status' },
  ],
};
const oldHeader = '就诊号,明细序号,金额,收费时间,状态';
const newHeader = 'visit_no,line_no,amount,charged_at,status';

function files(oldText: string | Buffer, newText: string | Buffer, names = ['old.csv', 'new.csv']) {
  const dir = tempDir();
  const oldFile = join(dir, names[0]!);
  const newFile = join(dir, names[1]!);
  writeFileSync(oldFile, oldText);
  writeFileSync(newFile, newText);
  return { oldFile, newFile };
}

async function compare(oldRows: string[], newRows: string[], extra: Partial<ReconcileInput> = {}) {
  const paths = files([oldHeader, ...oldRows].join('\n') + '\n', [newHeader, ...newRows].join('\n') + '\n');
  return reconcile({ profile, ...paths, ...extra });
}

/** Discrepancies as "kind key row [column]" (the row of the side the kind is about). */
const discrepancyLines = (r: Awaited<ReturnType<typeof reconcile>>) =>
  r.discrepancies.map(
    (d) =>
      `${d.kind} ${d.key[0]} ${d.kind === 'duplicate-key-old' || d.kind === 'missing-in-new' ? d.oldRow : d.newRow}` +
      (d.column ? ` ${d.column}` : ''),
  );

/** A cell's bytes in GB18030 and in UTF-8. */
const bothEncodings = (text: string) => [iconv.encode(text, 'gb18030'), Buffer.from(text, 'utf8')] as const;

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('compare kinds', () => {
  it('text: equal after trimming surrounding space (ASCII and full-width), different otherwise', async () => {
    const r = await compare(
      ['1,1,1,2026-11-20 08:00,已收', '1,2,1,2026-11-20 08:00,已收', '1,3,1,2026-11-20 08:00,已收'],
      ['1,1,1,2026-11-20 08:00,  已收 ', '1,2,1,2026-11-20 08:00,\u3000已收', '1,3,1,2026-11-20 08:00,已退'],
    );
    expect(r.summary.fieldDifferences).toEqual({ amount: 0, charged_at: 0, status: 1 });
    expect(r.discrepancies).toEqual([
      {
        key: ['1', '3'],
        kind: 'different',
        column: 'status',
        oldValue: '已收',
        newValue: '已退',
        oldRow: 4,
        newRow: 4,
      },
    ]);
  });

  it('number: by value across formats, within the tolerance, and text that is not a number', async () => {
    const same = ['12.5', '12.50', ' 12.5 ', '"1,234.50"', '-3', '', '1e3'];
    const other = ['12.50', '12.5', '12.5', '1234.5', '-3.00', '', '1000'];
    const r = await compare(
      [
        ...same.map((v, i) => `1,${i},${v},2026-11-20,x`),
        '2,1,10,2026-11-20,x',
        '2,2,10,2026-11-20,x',
        '2,3,n/a,2026-11-20,x',
      ],
      [
        ...other.map((v, i) => `1,${i},${v},2026-11-20,x`),
        '2,1,10.004,2026-11-20,x',
        '2,2,10.01,2026-11-20,x',
        '2,3,0,2026-11-20,x',
      ],
    );
    expect(r.discrepancies.map((d) => [d.key.join('/'), d.oldValue, d.newValue])).toEqual([
      ['2/2', '10', '10.01'],
      ['2/3', 'n/a', '0'],
    ]);
    expect(r.summary.fieldDifferences.amount).toBe(2);
  });

  it('datetime: the same instant across formats, with or without seconds', async () => {
    const r = await compare(
      [
        '1,1,0,2026/11/20 08:05:03,x',
        '1,2,0,2026-11-20 08:05,x',
        '1,3,0,2026-11-20,x',
        '1,4,0,2026-11-20 08:05:03,x',
        '1,5,0,not a date,x',
      ],
      [
        '1,1,0,2026-11-20T08:05:03,x',
        '1,2,0,2026/11/20 08:05:00,x',
        '1,3,0,2026-11-20 00:00:00,x',
        '1,4,0,2026-11-20 08:06:03,x',
        '1,5,0,not a date,x',
      ],
    );
    expect(r.discrepancies.map((d) => [d.key[1], d.column])).toEqual([['4', 'charged_at']]);
  });

  it('ignore, and columns absent from the profile, are not compared', async () => {
    const ignoring: Profile = {
      name: 'p',
      columns: [
        { old: 'id', new: 'id', key: true },
        { old: 'memo', new: 'memo', compare: 'ignore' },
      ],
    };
    const paths = files('id,memo,extra\n1,a,x\n', 'extra2,memo,id\ny,b,1\n');
    const r = await reconcile({ profile: ignoring, ...paths });
    expect(r.summary).toMatchObject({ matched: 1, rowsWithDifferences: 0, fieldDifferences: {} });
  });

  it('parses the documented number and datetime forms', () => {
    for (const text of ['12.5', '12.50', ' 12.5 ', '1,234.50', '1234.5']) {
      expect(parseNumberText(text).value).toBe(text.includes('234') ? 1234.5 : 12.5);
    }
    expect(parseNumberText('1,23').value).toBeNaN();
    const instant = Date.UTC(2026, 10, 20, 8, 5, 3);
    for (const text of ['2026/11/20 08:05:03', '2026-11-20 08:05:03', '2026-11-20T08:05:03']) {
      expect(parseDateTime(text)).toBe(instant);
    }
    expect(parseDateTime('2026-11-20 08:05')).toBe(Date.UTC(2026, 10, 20, 8, 5));
    expect(parseDateTime('2026-02-30')).toBeNaN();
    // The byte-level fast path agrees with the text parser on every form it accepts, and refuses the rest.
    for (const text of [
      '2026/11/20 08:05:03',
      '2026-11-20T08:05',
      '2026.1.2',
      '2028-02-29 23:59:59.5',
      '2026-11-20 08:05:03',
    ]) {
      expect(parseDateTimeBytes(Buffer.from(text), 0, text.length)).toBe(parseDateTime(text));
    }
    for (const text of ['2026-02-29', '2026-11-20 24:00', '2026-11-20x', '20261120']) {
      expect(parseDateTimeBytes(Buffer.from(text), 0, text.length)).toBeNaN();
    }
  });
});

describe('keys, duplicates and totals', () => {
  it('composite keys are text: leading zeros kept, so 0012 and 12 are different keys', async () => {
    const r = await compare(['0012,01,1,2026-11-20,x'], ['12,01,1,2026-11-20,x']);
    expect(r.summary).toMatchObject({ matched: 0, missingInNew: 1, missingInOld: 1 });
    expect(r.discrepancies.map((d) => [d.kind, d.key])).toEqual([
      ['missing-in-old', ['12', '01']],
      ['missing-in-new', ['0012', '01']],
    ]);
  });

  it('reports duplicate keys on each side once per key, never merging them', async () => {
    const r = await compare(
      ['1,1,1,2026-11-20,x', '1,1,2,2026-11-20,x', '1,1,3,2026-11-20,x', '2,1,1,2026-11-20,x'],
      [
        '1,1,1,2026-11-20,x',
        '2,1,1,2026-11-20,x',
        '2,1,1,2026-11-20,x',
        '3,1,1,2026-11-20,x',
        '3,1,1,2026-11-20,x',
      ],
    );
    expect(r.summary).toMatchObject({
      oldRows: 4,
      newRows: 5,
      matched: 2,
      missingInOld: 1,
      duplicateKeysOld: 1,
      duplicateKeysNew: 2,
      rowsWithDifferences: 0,
    });
    expect(
      r.discrepancies
        .filter((d) => d.kind.startsWith('duplicate'))
        .map((d) => [d.kind, d.key[0], d.oldRow ?? d.newRow]),
    ).toEqual([
      ['duplicate-key-old', '1', 3],
      ['duplicate-key-new', '2', 4],
      ['duplicate-key-new', '3', 6],
    ]);
  });

  it('many duplicates on both sides, across the groups keys are looked up in, as a plain oracle finds them', async () => {
    // Keys are indexed and rows compared in groups (KeyIndex.touch): the first row of a key in file order
    // must still win on each side, whatever group it falls in, on one thread and split over two.
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const statuses = ['已收', '已退费', '欠费', 'x'];
    const oldRows = Array.from({ length: 400 }, () => [next(150), next(5), next(4)] as const);
    const newRows = Array.from({ length: 420 }, () => [next(170), next(5), next(4)] as const);
    const line = ([key, amount, status]: readonly [number, number, number], old: boolean) =>
      `${key},1,${old ? `"1,00${amount}.00"` : `100${amount}`},${old ? '2026/11/20 08:05' : '2026-11-20T08:05:00'},${statuses[status]}`;
    const paths = files(
      iconv.encode([oldHeader, ...oldRows.map((r) => line(r, true))].join('\r\n') + '\r\n', 'gb18030'),
      [newHeader, ...newRows.map((r) => line(r, false))].join('\n') + '\n',
    );
    // The oracle: rows are numbered from 2 (the header is row 1).
    const expected: string[] = [];
    const firstOld = new Map<number, number>();
    const duplicateOld = new Set<number>();
    oldRows.forEach(([key], i) => {
      if (!firstOld.has(key)) firstOld.set(key, i);
      else if (!duplicateOld.has(key)) {
        duplicateOld.add(key);
        expected.push(`duplicate-key-old ${key} ${i + 2}`);
      }
    });
    const claimed = new Set<number>();
    const newOnly = new Set<number>();
    const duplicateNew = new Set<number>();
    const duplicate = (key: number, i: number) => {
      if (!duplicateNew.has(key)) expected.push(`duplicate-key-new ${key} ${i + 2}`);
      duplicateNew.add(key);
    };
    newRows.forEach(([key, amount, status], i) => {
      const old = firstOld.get(key);
      if (old === undefined) {
        if (newOnly.has(key)) duplicate(key, i);
        else expected.push(`missing-in-old ${key} ${i + 2}`);
        newOnly.add(key);
      } else if (claimed.has(key)) duplicate(key, i);
      else {
        claimed.add(key);
        if (oldRows[old]![1] !== amount) expected.push(`different ${key} ${i + 2} amount`);
        if (oldRows[old]![2] !== status) expected.push(`different ${key} ${i + 2} status`);
      }
    });
    for (const [key, i] of firstOld) if (!claimed.has(key)) expected.push(`missing-in-new ${key} ${i + 2}`);
    expect(duplicateOld.size).toBeGreaterThan(50);
    expect(duplicateNew.size).toBeGreaterThan(50);
    const one = await reconcile({ profile, ...paths }, { threads: 1 });
    expect(discrepancyLines(one)).toEqual(expected);
    const two = await reconcile({ profile, ...paths }, { threads: 2, minSplitBytes: 0 });
    expect(discrepancyLines(two)).toEqual(expected);
    const cut = await reconcile({ profile, ...paths }, { threads: 2, minSplitBytes: 0, splitFiles: true });
    expect(discrepancyLines(cut)).toEqual(expected);
  });

  it('control totals: row counts and the exact sum of every number column on each side', async () => {
    const r = await compare(
      ['1,1,0.1,2026-11-20,x', '1,2,0.2,2026-11-20,x', '1,3,"1,000.05",2026-11-20,x'],
      ['1,1,0.1,2026-11-20,x', '1,2,0.2,2026-11-20,x'],
    );
    expect(r.summary.controlTotals).toEqual({
      old: { rows: 3, sums: { 金额: 1000.35 } },
      new: { rows: 2, sums: { amount: 0.3 } },
    });
  });

  it('keeps the counts exact when the discrepancy list is capped', async () => {
    const r = await compare(
      ['1,1,1,2026-11-20,x', '1,2,1,2026-11-20,x', '1,3,1,2026-11-20,x'],
      ['1,1,2,2026-11-20,x', '1,2,2,2026-11-20,x', '1,3,2,2026-11-20,x'],
      { maxDiscrepancies: 2 },
    );
    expect(r.summary.rowsWithDifferences).toBe(3);
    expect(r.discrepancies).toHaveLength(2);
    expect(r.truncated).toBe(true);
  });
});

describe('encodings', () => {
  const oldText = `${oldHeader}\r\n0001,1,"1,234.50",2026/11/20 08:05:03,已收\r\n`;
  const newText = `${newHeader}\n0001,1,1234.5,2026-11-20T08:05:03,已收\n`;

  it.each([
    ['GB18030', iconv.encode(oldText, 'gb18030')],
    ['UTF-8', Buffer.from(oldText, 'utf8')],
    ['UTF-8 with BOM', Buffer.from('\uFEFF' + oldText, 'utf8')],
    ['UTF-16LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(oldText, 'utf-16le')])],
  ])('reads %s and finds the Chinese headers and cells', async (_name, bytes) => {
    const r = await reconcile({ profile, ...files(bytes, newText) });
    expect(r.summary).toMatchObject({ matched: 1, rowsWithDifferences: 0, oldRows: 1 });
  });

  it('transcodes every two-byte GBK character to the same UTF-8 as the standard decoder', () => {
    const decoder = new TextDecoder('gb18030');
    const out = Buffer.alloc(4);
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const pair = Buffer.from([lead, trail]);
        const end = gb18030ToUtf8(pair, 0, 2, out, 0);
        expect(out.toString('utf8', 0, end)).toBe(decoder.decode(pair));
      }
    }
    // Four-byte sequences are left to the standard decoder.
    const rare = iconv.encode('𠀀', 'gb18030');
    expect(gb18030ToUtf8(rare, 0, rare.length, Buffer.alloc(8), 0)).toBe(-1);
  });

  it('compares GB18030 cells with UTF-8 ones as the standard decoder reads them, without transcoding', () => {
    const decoder = new TextDecoder('gb18030');
    const pairs: Buffer[] = [];
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++)
        if (trail !== 0x7f) pairs.push(Buffer.from([lead, trail]));
    }
    pairs.forEach((pair, i) => {
      const utf8 = Buffer.from(decoder.decode(pair), 'utf8');
      expect(gb18030EqualsUtf8(pair, 0, 2, utf8, 0, utf8.length)).toBe(true);
      // Another character, and the same one cut short or followed by more.
      const other = Buffer.from(decoder.decode(pairs[(i + 1) % pairs.length]!), 'utf8');
      expect(gb18030EqualsUtf8(pair, 0, 2, other, 0, other.length)).toBe(false);
      expect(gb18030EqualsUtf8(pair, 0, 2, utf8, 0, utf8.length - 1)).toBe(false);
      expect(gb18030EqualsUtf8(pair, 0, 2, Buffer.concat([utf8, Buffer.from('a')]), 0, utf8.length + 1)).toBe(
        false,
      );
    });
    for (const text of ['', 'P0012', '王英平', '胸部正位片 2,081.23', '·×°', '已收\u3000']) {
      const [gb, utf8] = bothEncodings(text);
      expect(gb18030EqualsUtf8(gb, 0, gb.length, utf8, 0, utf8.length)).toBe(true);
      // Inside larger buffers, at other offsets.
      const gbAt = Buffer.concat([Buffer.from('xx'), gb, Buffer.from('y')]);
      const utf8At = Buffer.concat([Buffer.from('z'), utf8, Buffer.from('ww')]);
      expect(gb18030EqualsUtf8(gbAt, 2, 2 + gb.length, utf8At, 1, 1 + utf8.length)).toBe(true);
    }
    const [a, b] = [bothEncodings('王英平')[0], bothEncodings('王英')[1]];
    expect(gb18030EqualsUtf8(a, 0, a.length, b, 0, b.length)).toBe(false);
    // Four-byte sequences and malformed bytes are left to the decoded strings (false: "not shown equal").
    const [rare, rareUtf8] = bothEncodings('𠀀');
    expect(gb18030EqualsUtf8(rare, 0, rare.length, rareUtf8, 0, rareUtf8.length)).toBe(false);
    const lone = Buffer.from([0x41, 0xb0]);
    expect(gb18030EqualsUtf8(lone, 0, 2, Buffer.from('A\ufffd'), 0, 4)).toBe(false);
  });

  it('finds rare and four-byte GB18030 characters equal to their UTF-8 through the decoded text', async () => {
    const rows = [
      '1,1,1,2026/11/20 08:05,𠀀药·',
      '1,2,1,2026/11/20 08:05,张\u3000',
      '1,3,1,2026/11/20 08:05,𠀀',
    ];
    const next = ['1,1,1,2026-11-20T08:05,𠀀药·', '1,2,1,2026-11-20T08:05,张', '1,3,1,2026-11-20T08:05,𠀁'];
    const r = await reconcile({
      profile,
      ...files(
        iconv.encode([oldHeader, ...rows].join('\n') + '\n', 'gb18030'),
        [newHeader, ...next].join('\n') + '\n',
      ),
    });
    expect(r.summary).toMatchObject({ matched: 3, rowsWithDifferences: 1 });
    expect(r.discrepancies).toMatchObject([
      { kind: 'different', key: ['1', '3'], column: 'status', oldValue: '𠀀', newValue: '𠀁' },
    ]);
  });

  it('reports the detected encoding and sample rows for the mapping wizard', async () => {
    const { oldFile, newFile } = files(iconv.encode(oldText, 'gb18030'), '\uFEFF' + newText);
    expect(await readHeaders(oldFile)).toEqual({
      headers: ['就诊号', '明细序号', '金额', '收费时间', '状态'],
      encoding: 'gb18030',
      sampleRows: [['0001', '1', '1,234.50', '2026/11/20 08:05:03', '已收']],
    });
    expect((await readHeaders(newFile)).encoding).toBe('utf-8');
  });

  it('follows the user’s override', async () => {
    // The user's choice wins over detection, in both directions.
    const gb = iconv.encode('就诊号,明细序号,金额,收费时间,状态\n', 'gb18030');
    const { oldFile } = files(gb, newText);
    const forced = await readHeaders(oldFile, 'gb18030');
    expect(forced.headers[0]).toBe('就诊号');
    expect(forced.encoding).toBe('gb18030');
    expect((await readHeaders(oldFile, 'utf-8')).headers[0]).not.toBe('就诊号');
  });
});

async function records(bytes: Buffer, chunkSize?: number) {
  const out: { row: number; cells: string[] }[] = [];
  await scanCsv(
    bufferSource(bytes),
    (buf, starts, ends, count, row) => {
      const cells: string[] = [];
      for (let i = 0; i < count; i++) cells.push(buf.toString('utf8', starts[i], ends[i]));
      out.push({ row, cells });
    },
    { delimiter: 0x2c, fileName: 't.csv', chunkSize },
  );
  return out;
}

describe('RFC 4180', () => {
  const text = [
    'id,"note, with comma",q',
    '1,"a, b","say ""hi"""',
    '2,"line one\r\nline two",plain',
    '3,,""',
    '',
    '4,"x"  ,"trailing spaces after quote"',
  ].join('\r\n');

  it('quoted commas, doubled quotes, line breaks inside quotes, CRLF, blank lines', async () => {
    expect(await records(Buffer.from(text))).toEqual([
      { row: 1, cells: ['id', 'note, with comma', 'q'] },
      { row: 2, cells: ['1', 'a, b', 'say "hi"'] },
      { row: 3, cells: ['2', 'line one\r\nline two', 'plain'] },
      { row: 4, cells: ['3', '', ''] },
      { row: 6, cells: ['4', 'x', 'trailing spaces after quote'] },
    ]);
  });

  it('reads tab- and semicolon-separated exports (delimiter from the header line)', async () => {
    const tabbed: Profile = {
      name: 'p',
      columns: [
        { old: 'id', new: 'id', key: true },
        { old: 'a', new: 'a' },
      ],
    };
    const r = await reconcile({ profile: tabbed, ...files('id\ta\n1\tx, y\n', 'id;a\n1;"x, y"\n') });
    expect(r.summary).toMatchObject({ matched: 1, rowsWithDifferences: 0 });
  });

  it('gives the same records whatever the chunk boundaries', async () => {
    const whole = await records(Buffer.from(text + '\r\n'));
    for (let size = 4; size <= 40; size++)
      expect(await records(Buffer.from(text + '\r\n'), size)).toEqual(whole);
  });
});

describe('XLSX', () => {
  it('reads a workbook (streaming) like the same data in CSV, keys and dates as text', async () => {
    const dir = tempDir();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('明细');
    sheet.addRow(oldHeader.split(','));
    sheet.addRow(['0001', '1', 1234.5, new Date(Date.UTC(2026, 10, 20, 8, 5, 3)), '已收']);
    sheet.addRow(['0002', '1', 10, '2026-11-20 09:00', '已收']);
    const oldFile = join(dir, 'old.xlsx');
    await workbook.xlsx.writeFile(oldFile);
    const newFile = join(dir, 'new.csv');
    writeFileSync(
      newFile,
      `${newHeader}\n0001,1,"1,234.50",2026/11/20 08:05:03,已收\n0002,1,10,2026-11-20 09:00,已退\n`,
    );
    const r = await reconcile({ profile, oldFile, newFile });
    expect(r.summary).toMatchObject({ oldRows: 2, matched: 2, rowsWithDifferences: 1 });
    expect(r.discrepancies[0]).toMatchObject({ key: ['0002', '1'], column: 'status', oldRow: 3 });
    expect((await readHeaders(oldFile)).encoding).toBe('xlsx');
  });
});

describe('bad input names the file, row and column', () => {
  it('an empty file', async () => {
    const e = await refusal(reconcile({ profile, ...files('', `${newHeader}\n`) }));
    expect(e).toMatchObject({ code: 'reconcile_empty', params: { file: 'old.csv' } });
  });

  it('a header-only file is not an error: zero rows, everything missing on the other side', async () => {
    const r = await reconcile({ profile, ...files(`${oldHeader}\n`, `${newHeader}\n1,1,1,2026-11-20,x\n`) });
    expect(r.summary).toMatchObject({ oldRows: 0, newRows: 1, missingInOld: 1 });
  });

  it('a ragged row', async () => {
    const e = await refusal(compare(['1,1,1,2026-11-20,x'], ['1,1,1,2026-11-20,x', '1,2,1,2026-11-20']));
    expect(e).toMatchObject({
      code: 'reconcile_ragged_row',
      params: { file: 'new.csv', row: 3, actual: 4, expected: 5 },
    });
  });

  it('a header without a mapped column', async () => {
    const e = await refusal(
      reconcile({ profile, ...files(`${oldHeader}\n`, 'visit_no,line_no,amount,status\n') }),
    );
    expect(e).toMatchObject({
      code: 'reconcile_missing_column',
      params: { file: 'new.csv', column: 'charged_at' },
    });
    expect(e.params.found).toBe('visit_no, line_no, amount, status');
  });

  it('a mapped header that appears twice', async () => {
    const e = await refusal(reconcile({ profile, ...files(`${oldHeader},状态\n`, `${newHeader}\n`) }));
    expect(e).toMatchObject({
      code: 'reconcile_duplicate_column',
      params: { file: 'old.csv', column: '状态' },
    });
  });

  it('a quote that never closes', async () => {
    const e = await refusal(compare(['1,1,1,2026-11-20,"open'], []));
    expect(e).toMatchObject({ code: 'reconcile_unclosed_quote', params: { file: 'old.csv', row: 2 } });
  });

  it('a file that does not exist, and an .xlsx that is not a workbook', async () => {
    const { oldFile, newFile } = files('x', `${newHeader}\n`, ['fake.xlsx', 'new.csv']);
    expect(await refusal(reconcile({ profile, oldFile: oldFile + '.gone', newFile }))).toMatchObject({
      code: 'reconcile_unreadable',
      params: { file: 'fake.xlsx.gone' },
    });
    expect(await refusal(reconcile({ profile, oldFile, newFile }))).toMatchObject({
      code: 'reconcile_not_a_table',
      params: { file: 'fake.xlsx' },
    });
  });

  it.each([
    ['{"name": "x", "columns": [', 'JSON'],
    ['{"name": "x", "columns": [{"old": "a", "new": "b"}]}', 'no column has "key": true'],
    [
      '{"name": "x", "columns": [{"old": "a", "new": "b", "key": true}, {"old": "金额", "new": "amount", "compare": "money"}]}',
      'columns[1] (金额 → amount).compare',
    ],
    [
      '{"name": "x", "columns": [{"old": "a", "new": "b", "key": true}, {"old": "c", "new": "d", "tolerance": 1}]}',
      '"tolerance" applies',
    ],
    [
      '{"name": "x", "columns": [{"old": "a", "new": "b", "key": true}, {"old": "a", "new": "c"}]}',
      '"a" is mapped twice',
    ],
    [
      '{"name": "x", "columns": [{"old": "a", "new": "b", "key": true, "compare": "number"}]}',
      'key columns are compared as text',
    ],
  ])('a bad profile: %s', (json, detail) => {
    let error: unknown;
    try {
      parseProfile(json, 'P.json');
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'reconcile_bad_profile', params: { file: 'P.json' } });
    expect((error as AppError).params.detail).toContain(detail);
  });

  it('accepts the profile of the issue, with a BOM', () => {
    expect(parseProfile('\uFEFF' + JSON.stringify(profile), 'P.json')).toEqual(profile);
  });
});

describe('progress and cancellation in-thread', () => {
  it('reports progress up to 100 % and stops when the signal aborts', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => `${i},1,1,2026-11-20,x`);
    const seen: number[] = [];
    const paths = files([oldHeader, ...rows].join('\n'), [newHeader, ...rows].join('\n'));
    const r = await reconcile({ profile, ...paths }, { onProgress: (p) => seen.push(p.percent) });
    expect(r.summary.matched).toBe(2000);
    expect(seen.at(-1)).toBe(100);
    const controller = new AbortController();
    controller.abort();
    expect(await refusal(reconcile({ profile, ...paths }, { signal: controller.signal }))).toMatchObject({
      code: 'reconcile_cancelled',
    });
  });
});
