// Reading hospital sheets (main/services/sheets/tabular.ts) and importing departments and people from
// them (main/services/reference/reference-import.ts). The fixtures in tests/fixtures/ are made by
// tests/fixtures/generate.ts: the same department list as UTF-8, UTF-8 with BOM, GB18030 and CRLF, plus an
// .xlsx with a merged title row.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { createDepartment, listDepartments } from '#services/reference/departments.ts';
import { AppError } from '#services/core/errors.ts';
import { commitImport, previewImport } from '#services/reference/reference-import.ts';
import { createPerson, listPeople } from '#services/reference/people.ts';
import { setLocale } from '#services/core/settings.ts';
import { decodeText, readTable } from '#services/sheets/tabular.ts';
import type { ImportKind } from '#contract/index.ts';
import { translator } from '#contract/i18n/index.ts';
import { departmentsCsv } from '../fixtures/generate.ts';
import { dumpReplicated, fixture, freshCtx, testClock, type TestCtx } from './helpers.ts';

const csvVariants = [
  ['departments-utf8.csv', 'utf-8'],
  ['departments-utf8-bom.csv', 'utf-8-bom'],
  ['departments-gb18030.csv', 'gb18030'],
  ['departments-crlf.csv', 'utf-8'],
] as const;

/** The rows every department variant must read as (spreadsheet row n is index n-1). */
const departmentRows = [
  ['XX市人民医院 科室字典（2026年11月）', '', '', ''],
  ['', '', '', ''],
  ['科室编码', '科室名称', '科室类型', '试点批次'],
  ['0012', '心内科一病区', '病区', '试点'],
  ['0103', '呼吸内科, 二病区\n（RICU）', '病区', '2'],
  [''],
  ['MZ01', '普通外科门诊', '门诊', ''],
  ['JYK', '检验科', '医技', ''],
  ['', '无编码科室', '病区', ''],
  ['X9', '放射科', '未知类型', ''],
];

// These tests check the strict path (departments the project lacks are refused, as before issue #12)
// and archive leavers as the user can choose to; department-match.test.ts covers creating and matching.
const file = (kind: ImportKind, fileName: string, bytes: Buffer = fixture(fileName)) => ({
  kind,
  fileName,
  bytes,
  createDepartments: false,
});

async function importFile(ctx: TestCtx, kind: ImportKind, fileName: string, bytes?: Buffer) {
  const input = file(kind, fileName, bytes);
  const preview = await previewImport(ctx, input);
  return commitImport(ctx, { ...input, mapping: preview.mapping, archiveMissing: true });
}

async function expectImportError(promise: Promise<unknown>, code: AppError['code']): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

describe('readTable', () => {
  it('the fixtures are what they claim to be', () => {
    expect(fixture('departments-utf8-bom.csv').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(() =>
      new TextDecoder('utf-8', { fatal: true }).decode(fixture('departments-gb18030.csv')),
    ).toThrow();
    const crlf = fixture('departments-crlf.csv').toString('utf8');
    expect(crlf.match(/\r\n/g)).toHaveLength(crlf.match(/\n/g)!.length);
    expect(fixture('departments-utf8.csv').includes('\r')).toBe(false);
  });

  it.each(csvVariants)(
    '%s reads as the same rows (encoding %s), codes kept as text',
    async (name, encoding) => {
      const table = await readTable(name, fixture(name));
      expect(table).toMatchObject({ format: 'csv', encoding, sheetName: null });
      expect(table.rows).toEqual(departmentRows);
    },
  );

  it('reads an .xlsx with a merged title row, rich text and numbers as text', async () => {
    const table = await readTable('departments.xlsx', fixture('departments.xlsx'));
    expect(table).toMatchObject({ format: 'xlsx', encoding: 'xlsx', sheetName: '科室字典' });
    expect(table.rows[1]).toEqual(['科室编码', '科室名称', '科室类型', '试点批次']);
    expect(table.rows[2]).toEqual(['0012', '心内科一病区', '病区', '1']);
    expect(table.rows[4]).toEqual(['ICU01', '重症医学科', '病区']);
    expect(table.rows[5]).toEqual(['0205', '超声科', '医技', '2']);
  });

  it('detects the delimiter of a tab-separated export and a semicolon one', async () => {
    const tsv = await readTable('a.txt', Buffer.from('科室编码\t科室名称\n0012\t心内科\n'));
    expect(tsv.rows).toEqual([
      ['科室编码', '科室名称'],
      ['0012', '心内科'],
    ]);
    const semi = await readTable('a.csv', Buffer.from('科室编码;科室名称\n0012;心内科, 一\n'));
    expect(semi.rows[1]).toEqual(['0012', '心内科, 一']);
  });

  it('decodes UTF-16LE "Unicode text" and does not split GB18030 characters', () => {
    expect(
      decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('科室,名称', 'utf-16le')])),
    ).toEqual({
      text: '科室,名称',
      encoding: 'utf-16le',
    });
    const long = '病区'.repeat(50_000);
    expect(decodeText(iconv.encode(long, 'gb18030'))).toEqual({ text: long, encoding: 'gb18030' });
  });

  it.each([
    ['not-a-workbook.xlsx', 'import_not_a_table'],
    ['broken-zip.xlsx', 'import_damaged'],
  ] as const)('refuses %s as %s, naming the file', async (name, code) => {
    const error = await expectImportError(readTable(name, fixture(name)), code);
    expect(error.params.file).toBe(name);
  });
});

describe('previewImport', () => {
  it.each(csvVariants)(
    '%s: finds the header under the title row and maps the columns',
    async (name, encoding) => {
      const ctx = freshCtx();
      const preview = await previewImport(ctx, file('departments', name));
      expect(preview).toMatchObject({
        kind: 'departments',
        fileName: name,
        format: 'csv',
        encoding,
        headerRow: 3,
        columns: ['科室编码', '科室名称', '科室类型', '试点批次'],
        mapping: { code: 0, name: 1, type: 2, pilotPhase: 3 },
        missingRequired: [],
        totalRows: 6,
        validRows: 4,
      });
      expect(preview.fields).toEqual([
        { key: 'code', required: true },
        { key: 'name', required: true },
        { key: 'type', required: false },
        { key: 'pilotPhase', required: false },
      ]);
      expect(preview.sample[0]).toEqual(['0012', '心内科一病区', '病区', '试点']);
      // Row numbers as Excel shows them: the quoted line break does not shift rows 7 onwards.
      expect(preview.problems).toEqual([
        { row: 9, message: '科室编码不能为空' },
        { row: 10, message: '无法识别的科室类型“未知类型”（应为 病区、门诊、医技 或 行政）' },
      ]);
    },
  );

  it('reports problems in English when the locale is en', async () => {
    const ctx = freshCtx();
    setLocale(ctx, 'en');
    const preview = await previewImport(ctx, file('departments', 'departments-utf8.csv'));
    expect(preview.problems.map((p) => p.message)).toEqual([
      'Code is empty',
      'Unknown department type “未知类型” (expected ward, clinic, medtech or admin)',
    ]);
  });

  it('reads an .xlsx: header on row 2 under a merged title', async () => {
    const ctx = freshCtx();
    const preview = await previewImport(ctx, file('departments', 'departments.xlsx'));
    expect(preview).toMatchObject({
      format: 'xlsx',
      encoding: 'xlsx',
      sheetName: '科室字典',
      headerRow: 2,
      mapping: { code: 0, name: 1, type: 2, pilotPhase: 3 },
      totalRows: 3,
      validRows: 3,
      problems: [],
    });
  });

  it('suggests people columns and flags unknown departments and missing names by row', async () => {
    const ctx = freshCtx();
    await importFile(ctx, 'departments', 'departments-utf8.csv');
    const preview = await previewImport(ctx, file('people', 'people.csv'));
    expect(preview).toMatchObject({
      headerRow: 1,
      mapping: { name: 1, employeeNo: 0, role: 3, phone: 4, organisation: 5, department: 2 },
      missingRequired: [],
      totalRows: 5,
      validRows: 3,
    });
    expect(preview.problems).toEqual([
      { row: 5, message: expect.stringContaining('找不到科室“不存在的科室”') },
      { row: 6, message: '姓名不能为空' },
    ]);
  });

  it('lists a missing required column and accepts a mapping chosen by the user', async () => {
    const ctx = freshCtx();
    const input = file('people', 'people-no-name.csv');
    const preview = await previewImport(ctx, input);
    expect(preview.missingRequired).toEqual(['name']);
    expect(preview.mapping.name).toBeNull();

    const remapped = await previewImport(ctx, { ...input, mapping: { name: 2 } });
    expect(remapped.mapping).toMatchObject({ name: 2, employeeNo: 0 });
    expect(remapped.missingRequired).toEqual([]);

    const error = await expectImportError(
      previewImport(ctx, { ...input, mapping: { name: 9 } }),
      'import_bad_column',
    );
    expect(error.params).toEqual({ field: '姓名', column: 10 });
  });

  it('refuses an empty file and a file of blank rows', async () => {
    const ctx = freshCtx();
    await expectImportError(
      previewImport(ctx, file('departments', 'empty.csv', Buffer.alloc(0))),
      'import_empty',
    );
    await expectImportError(
      previewImport(ctx, file('departments', 'blank.csv', Buffer.from(',,\n\n ,\r\n'))),
      'import_empty',
    );
  });
});

describe('commitImport', () => {
  it.each([...csvVariants.map(([name]) => name), 'departments.xlsx'])(
    'imports %s, and importing it again creates nothing',
    async (name) => {
      const ctx = freshCtx();
      const first = await importFile(ctx, 'departments', name);
      const expected = name.endsWith('.xlsx') ? 3 : 4;
      expect(first).toMatchObject({ created: expected, updated: 0, unchanged: 0 });
      const after = dumpReplicated(ctx);

      const second = await importFile(ctx, 'departments', name);
      expect(second).toMatchObject({ created: 0, updated: 0, unchanged: expected });
      expect(second.skipped).toEqual(first.skipped);
      expect(dumpReplicated(ctx)).toEqual(after);
    },
  );

  it('writes the rows as read: leading zeros, quoted comma and line break, type and phase', async () => {
    const ctx = freshCtx();
    const result = await importFile(ctx, 'departments', 'departments-gb18030.csv');
    expect(result.skipped.map((s) => s.row)).toEqual([9, 10]);
    expect(listDepartments(ctx).map((d) => [d.code, d.name, d.type, d.pilotPhase])).toEqual([
      ['0012', '心内科一病区', 'ward', 1],
      ['0103', '呼吸内科, 二病区\n（RICU）', 'ward', 2],
      ['JYK', '检验科', 'medtech', null],
      ['MZ01', '普通外科门诊', 'clinic', null],
    ]);
  });

  it('the same list in another encoding or line ending changes nothing', async () => {
    const ctx = freshCtx();
    await importFile(ctx, 'departments', 'departments-utf8.csv');
    for (const [name] of csvVariants) {
      expect(await importFile(ctx, 'departments', name)).toMatchObject({
        created: 0,
        updated: 0,
        unchanged: 4,
      });
    }
  });

  it('counts updated rows correctly even when the clock does not move', async () => {
    const clock = testClock();
    const ctx = freshCtx({ now: clock.now });
    await importFile(ctx, 'departments', 'departments-utf8.csv');
    const edited = Buffer.from(departmentsCsv.replace('检验科,医技', '检验科（中心实验室）,医技'));
    expect(await importFile(ctx, 'departments', 'edited.csv', edited)).toMatchObject({
      created: 0,
      updated: 1,
      unchanged: 3,
    });
    expect(listDepartments(ctx).find((d) => d.code === 'JYK')?.name).toBe('检验科（中心实验室）');
  });

  it('matches departments by code case-insensitively and keeps a phase the sheet does not give', async () => {
    const ctx = freshCtx();
    const existing = createDepartment(ctx, { code: 'jyk', name: '检验科', type: 'medtech', pilotPhase: 3 });
    const result = await importFile(ctx, 'departments', 'departments-utf8.csv');
    expect(result).toMatchObject({ created: 3, updated: 1, unchanged: 0 });
    expect(listDepartments(ctx).find((d) => d.id === existing.id)).toMatchObject({
      code: 'JYK',
      pilotPhase: 3,
    });
  });

  it('imports people referring to departments by code or name; re-import creates nothing', async () => {
    const ctx = freshCtx();
    await importFile(ctx, 'departments', 'departments-utf8.csv');
    const byCode = Object.fromEntries(listDepartments(ctx).map((d) => [d.code, d.id]));

    const first = await importFile(ctx, 'people', 'people.csv');
    expect(first).toMatchObject({ created: 3, updated: 0, unchanged: 0 });
    expect(first.skipped.map((s) => s.row)).toEqual([5, 6]);
    const byName = Object.fromEntries(listPeople(ctx).map((p) => [p.name, p]));
    expect(byName['张伟']).toMatchObject({
      employeeNo: '00731',
      role: 'nurse',
      title: '护士长',
      phone: '13800000001',
      organisation: 'hospital',
      departmentId: byCode['0012'],
    });
    expect(byName['李娜']).toMatchObject({ departmentId: byCode['0012'], organisation: 'hospital' });
    expect(byName['王强']).toMatchObject({
      employeeNo: null,
      departmentId: byCode['JYK'],
      organisation: 'vendor',
    });

    const snapshot = dumpReplicated(ctx);
    expect(await importFile(ctx, 'people', 'people.csv')).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: 3,
    });
    expect(dumpReplicated(ctx)).toEqual(snapshot);
  });

  it('updates a person matched by employee number', async () => {
    const ctx = freshCtx({ now: testClock().now });
    await importFile(ctx, 'departments', 'departments-utf8.csv');
    const existing = createPerson(ctx, {
      name: '张伟',
      role: 'nurse',
      title: '护士',
      phone: null,
      organisation: 'hospital',
      departmentId: null,
      employeeNo: '00731',
    });
    const result = await importFile(ctx, 'people', 'people.csv');
    expect(result).toMatchObject({ created: 2, updated: 1, unchanged: 0 });
    expect(listPeople(ctx).find((p) => p.id === existing.id)).toMatchObject({
      role: 'nurse',
      title: '护士长',
      phone: '13800000001',
    });
    expect(result.roster?.changed).toEqual([
      { id: existing.id, name: '张伟', employeeNo: '00731', fields: ['title', 'phone', 'department'] },
    ]);
  });

  it('a roster without organisation or phone columns keeps what the app already knows', async () => {
    const ctx = freshCtx();
    await importFile(ctx, 'departments', 'departments-utf8.csv');
    await importFile(ctx, 'people', 'people.csv');
    const roster = Buffer.from('工号,姓名\n00731,张伟\n00999,新同事\n');
    const vendor = listPeople(ctx).find((p) => p.name === '王强')!;
    const result = await importFile(ctx, 'people', 'roster.csv', roster);
    expect(result).toMatchObject({ created: 1, updated: 0, unchanged: 1 });
    // 李娜 has an employee number and is not on this roster: she left (archived, not deleted).
    expect(result.roster?.left.map((p) => p.name)).toEqual(['李娜']);
    const after = Object.fromEntries(listPeople(ctx).map((p) => [p.name, p]));
    expect(after['张伟']).toMatchObject({
      phone: '13800000001',
      role: 'nurse',
      title: '护士长',
      organisation: 'hospital',
    });
    expect(after['新同事']).toMatchObject({ organisation: 'hospital', departmentId: null });
    expect(after['王强']).toEqual(vendor);

    // Re-importing 王强 (matched by name and phone) from a sheet without the column keeps him a vendor.
    const again = Buffer.from('姓名,电话\n王强,13900000003\n');
    expect(await importFile(ctx, 'people', 'again.csv', again)).toMatchObject({ created: 0, unchanged: 1 });
    expect(listPeople(ctx).find((p) => p.id === vendor.id)?.organisation).toBe('vendor');
  });

  it.each([
    ['zh-CN', '文件 people-no-name.csv 缺少必需的列：姓名。没有导入任何数据。'],
    ['en', 'people-no-name.csv lacks the required column: Name. Nothing was imported.'],
  ] as const)(
    'refuses a people file without a name column (%s) and writes nothing',
    async (locale, message) => {
      const ctx = freshCtx();
      setLocale(ctx, locale);
      await importFile(ctx, 'departments', 'departments-utf8.csv');
      const before = dumpReplicated(ctx);

      const input = file('people', 'people-no-name.csv');
      const preview = await previewImport(ctx, input);
      const error = await expectImportError(
        commitImport(ctx, { ...input, mapping: preview.mapping }),
        'import_missing_column',
      );
      expect(translator(locale)(`errors.${error.code}`, error.params)).toBe(message);
      expect(dumpReplicated(ctx)).toEqual(before);
    },
  );

  it('refuses a mapping that leaves out a required field entirely, or points past the columns', async () => {
    const ctx = freshCtx();
    setLocale(ctx, 'en');
    const input = file('departments', 'departments-utf8.csv');
    const both = await expectImportError(
      commitImport(ctx, { ...input, mapping: {} }),
      'import_missing_column',
    );
    expect(both.params.column).toBe('Code, Name');
    await expectImportError(commitImport(ctx, { ...input, mapping: { code: 0 } }), 'import_missing_column');
    await expectImportError(
      commitImport(ctx, { ...input, mapping: { code: 0, name: 4 } }),
      'import_bad_column',
    );
    await expectImportError(
      commitImport(ctx, { ...input, mapping: { code: 0, name: 1, bogus: 2 } }),
      'import_bad_column',
    );
    expect(listDepartments(ctx)).toEqual([]);
  });

  it('refuses random bytes named .xlsx as not a table and writes nothing', async () => {
    const ctx = freshCtx();
    const input = file('departments', 'not-a-workbook.xlsx');
    await expectImportError(previewImport(ctx, input), 'import_not_a_table');
    await expectImportError(
      commitImport(ctx, { ...input, mapping: { code: 0, name: 1 } }),
      'import_not_a_table',
    );
    expect(listDepartments(ctx, { includeArchived: true })).toEqual([]);
  });
});
