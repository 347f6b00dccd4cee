// The staff directory (issue #6): the hospital roster imported into people, with the eight staff roles
// derived from job titles; re-importing an updated roster adds, changes and archives (left) by employee
// number; GB18030 and .xlsx rosters; duplicate employee numbers in one file refused and reported.
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { createDepartment } from '#services/reference/departments.ts';
import { commitImport, previewImport } from '#services/reference/reference-import.ts';
import { classifyRole, createPerson, listPeople, migrateLegacyRoles } from '#services/reference/people.ts';
import { dumpReplicated, freshCtx, testClock, type TestCtx } from './helpers.ts';

// Archiving leavers is the user's choice since issue #12 (these tests make it, unless they pass false), and
// unknown departments are refused here as before (department-match.test.ts covers creating them).
const roster = (name: string, bytes: Buffer, archiveMissing = true) => ({
  kind: 'people' as const,
  fileName: name,
  bytes,
  archiveMissing,
  createDepartments: false,
});

async function importRoster(ctx: TestCtx, name: string, bytes: Buffer, archiveMissing?: boolean) {
  const input = roster(name, bytes, archiveMissing);
  const preview = await previewImport(ctx, input);
  const result = await commitImport(ctx, { ...input, mapping: preview.mapping });
  return { preview, result };
}

function seedDepartments(ctx: TestCtx) {
  return {
    nk: createDepartment(ctx, { code: 'NK1', name: '心内科一病区', type: 'ward', pilotPhase: 1 }),
    jz: createDepartment(ctx, { code: 'JZ', name: '急诊科', type: 'clinic', pilotPhase: null }),
    sf: createDepartment(ctx, { code: 'SF', name: '门诊收费处', type: 'admin', pilotPhase: null }),
  };
}

// A roster as the HR office sends it: a title row, then 工号/姓名/科室/岗位.
const version1 = [
  'XX市人民医院 在职人员花名册（2026年11月）,,,',
  '工号,姓名,科室,岗位',
  '00101,张晓梅,NK1,护士长',
  '00102,李建国,NK1,主治医师',
  '00103,王芳,急诊科,护师',
  '00104,赵收费,SF,收费员',
  '00105,钱主任,NK1,科主任',
].join('\r\n');

// A month later: 王芳 left, 李建国 moved to 急诊科 and was promoted, 孙新人 joined, the rest unchanged.
const version2 = [
  '工号,姓名,科室,岗位',
  '00101,张晓梅,NK1,护士长',
  '00102,李建国,急诊科,副主任医师',
  '00104,赵收费,SF,收费员',
  '00105,钱主任,NK1,科主任',
  '00106,孙新人,急诊科,护士',
].join('\r\n');

const byName = (ctx: TestCtx, includeArchived = false) =>
  Object.fromEntries(listPeople(ctx, { includeArchived }).map((p) => [p.name, p]));

describe('job titles become staff roles', () => {
  it.each([
    ['护士长', 'nurse'],
    ['主管护师', 'nurse'],
    ['主治医师', 'doctor'],
    ['主任医师', 'doctor'],
    ['科主任', 'doctor'],
    ['检验技师', 'technician'],
    ['放射科技术员', 'technician'],
    ['药剂科主任', 'pharmacist'],
    ['药师', 'pharmacist'],
    ['收费员', 'cashier'],
    ['挂号员', 'cashier'],
    ['副院长', 'manager'],
    ['医务处处长', 'manager'],
    ['信息科工程师', 'it'],
    ['驻点工程师', 'it'],
    ['nurse', 'nurse'],
    ['保洁', 'other'],
    ['', null],
  ])('%s → %s', (title, role) => {
    expect(classifyRole(title)).toBe(role);
  });
});

describe('roster import into the staff directory', () => {
  it('imports a roster with roles derived from titles, then re-imports: added, changed, left', async () => {
    const clock = testClock();
    const ctx = freshCtx({ now: clock.now });
    const d = seedDepartments(ctx);

    const first = await importRoster(ctx, 'roster.csv', Buffer.from(version1, 'utf8'));
    expect(first.preview).toMatchObject({ headerRow: 2, validRows: 5, problems: [], leaving: [] });
    expect(first.result).toMatchObject({ created: 5, updated: 0, unchanged: 0 });
    expect(first.result.roster?.added.map((p) => p.employeeNo)).toEqual([
      '00101',
      '00102',
      '00103',
      '00104',
      '00105',
    ]);
    const people = byName(ctx);
    expect(people['张晓梅']).toMatchObject({ role: 'nurse', title: '护士长', departmentId: d.nk.id });
    expect(people['李建国']).toMatchObject({ role: 'doctor', title: '主治医师' });
    expect(people['赵收费']).toMatchObject({
      role: 'cashier',
      departmentId: d.sf.id,
      organisation: 'hospital',
    });

    // A vendor engineer with an employee number is never "left": vendors are not on the hospital roster.
    createPerson(ctx, {
      name: '王工程师',
      role: 'it',
      phone: null,
      organisation: 'vendor',
      departmentId: null,
      employeeNo: 'V-007',
    });

    clock.advance(60_000);
    const second = await importRoster(ctx, 'roster-dec.csv', Buffer.from(version2, 'utf8'));
    expect(second.preview.leaving).toEqual([{ id: people['王芳']!.id, name: '王芳', employeeNo: '00103' }]);
    expect(second.result).toMatchObject({ created: 1, updated: 1, unchanged: 3 });
    expect(second.result.roster).toEqual({
      added: [{ id: expect.any(String), name: '孙新人', employeeNo: '00106' }],
      changed: [
        { id: people['李建国']!.id, name: '李建国', employeeNo: '00102', fields: ['title', 'department'] },
      ],
      left: [{ id: people['王芳']!.id, name: '王芳', employeeNo: '00103' }],
    });
    const after = byName(ctx, true);
    expect(after['王芳']!.archivedAt).not.toBeNull();
    expect(after['李建国']).toMatchObject({ departmentId: d.jz.id, title: '副主任医师', role: 'doctor' });
    expect(after['王工程师']!.archivedAt).toBeNull();
    // Updated in place: one person per employee number, never a duplicate.
    expect(listPeople(ctx, { includeArchived: true }).filter((p) => p.employeeNo === '00102')).toHaveLength(
      1,
    );

    // The same file again changes nothing at all.
    const snapshot = dumpReplicated(ctx);
    const third = await importRoster(ctx, 'roster-dec.csv', Buffer.from(version2, 'utf8'));
    expect(third.result).toMatchObject({ created: 0, updated: 0, unchanged: 5 });
    expect(third.result.roster).toEqual({ added: [], changed: [], left: [] });
    expect(dumpReplicated(ctx)).toEqual(snapshot);

    // 王芳 comes back: restored, not duplicated.
    const back = await importRoster(
      ctx,
      'back.csv',
      Buffer.from(version2 + '\r\n00103,王芳,急诊科,护师', 'utf8'),
    );
    expect(back.result.roster?.changed).toEqual([
      { id: people['王芳']!.id, name: '王芳', employeeNo: '00103', fields: ['rejoined'] },
    ]);
    expect(byName(ctx)['王芳']).toMatchObject({ archivedAt: null, role: 'nurse' });
  });

  it('keeps people missing from a partial roster when asked to', async () => {
    const ctx = freshCtx();
    seedDepartments(ctx);
    await importRoster(ctx, 'roster.csv', Buffer.from(version1, 'utf8'));
    const partial = Buffer.from('工号,姓名,科室,岗位\n00101,张晓梅,NK1,护士长\n', 'utf8');
    const { preview, result } = await importRoster(ctx, 'partial.csv', partial, false);
    expect(preview.leaving).toHaveLength(4);
    expect(result.roster?.left).toEqual([]);
    expect(listPeople(ctx)).toHaveLength(5);
  });

  it('a list of names without employee numbers archives nobody', async () => {
    const ctx = freshCtx();
    seedDepartments(ctx);
    await importRoster(ctx, 'roster.csv', Buffer.from(version1, 'utf8'));
    const names = Buffer.from('姓名,岗位\n新护士,护士\n', 'utf8');
    const { preview, result } = await importRoster(ctx, 'names.csv', names);
    expect(preview.leaving).toEqual([]);
    expect(result.roster).toMatchObject({ added: [{ name: '新护士' }], left: [] });
    expect(listPeople(ctx)).toHaveLength(6);
  });

  it('reads a GB18030 roster from Excel on Chinese Windows', async () => {
    const ctx = freshCtx();
    seedDepartments(ctx);
    const bytes = iconv.encode(version1, 'gb18030');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const { preview, result } = await importRoster(ctx, 'roster-gbk.csv', bytes);
    expect(preview.encoding).toBe('gb18030');
    expect(result.created).toBe(5);
    expect(byName(ctx)['张晓梅']).toMatchObject({ employeeNo: '00101', role: 'nurse', title: '护士长' });
  });

  it('reads an .xlsx roster whose employee numbers keep their leading zeros', async () => {
    const ctx = freshCtx();
    seedDepartments(ctx);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('花名册');
    sheet.addRow(['工号', '姓名', '科室', '岗位']);
    sheet.addRow(['00101', '张晓梅', 'NK1', '护士长']);
    sheet.addRow(['00107', '周药师', '急诊科', '药师']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const { result } = await importRoster(ctx, 'roster.xlsx', bytes);
    expect(result.created).toBe(2);
    expect(byName(ctx)['周药师']).toMatchObject({ employeeNo: '00107', role: 'pharmacist' });
  });

  it('refuses every row of an employee number that appears twice, and names the rows', async () => {
    const ctx = freshCtx();
    seedDepartments(ctx);
    await importRoster(ctx, 'roster.csv', Buffer.from(version1, 'utf8'));
    const file = Buffer.from(
      [
        '工号,姓名,科室,岗位',
        '00101,张晓梅,NK1,护士长',
        '00102,李建国,NK1,主治医师',
        '00102,李建军,急诊科,住院医师',
        '00103,王芳,不存在的科室,护师',
        '00103,王芳,急诊科,护师',
        '00104,赵收费,SF,收费员',
        '00105,钱主任,NK1,科主任',
      ].join('\n'),
    );
    const { preview, result } = await importRoster(ctx, 'dup.csv', file);
    expect(preview.problems).toEqual([
      { row: 3, message: '工号 00102 在文件中出现多次（第 3、4 行），这些行都未导入' },
      { row: 4, message: '工号 00102 在文件中出现多次（第 3、4 行），这些行都未导入' },
      {
        row: 5,
        message: expect.stringMatching(/找不到科室“不存在的科室”.*工号 00103 在文件中出现多次（第 5、6 行）/),
      },
      { row: 6, message: '工号 00103 在文件中出现多次（第 5、6 行），这些行都未导入' },
    ]);
    expect(preview.validRows).toBe(3);
    // Refused rows still name people who are on the roster: nobody is archived for them.
    expect(preview.leaving).toEqual([]);
    expect(result).toMatchObject({ created: 0, unchanged: 3 });
    expect(result.roster?.left).toEqual([]);
    expect(byName(ctx)['李建国']).toMatchObject({ title: '主治医师' });
  });
});

describe('free-text roles from before the staff directory', () => {
  it('become a role and a title once, at start-up; later starts write nothing', () => {
    const ctx = freshCtx();
    const insert = ctx.sqlite.prepare(
      `INSERT INTO person (id, name, role, organisation, created_at, updated_at)
       VALUES (?, ?, ?, 'hospital', '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z')`,
    );
    insert.run('p1', '张伟', '护士长');
    insert.run('p2', '李工', '驻点工程师');
    insert.run('p3', '王医生', 'doctor');
    insert.run('p4', '某某', null);
    expect(migrateLegacyRoles(ctx)).toBe(2);
    const people = byName(ctx);
    expect(people['张伟']).toMatchObject({ role: 'nurse', title: '护士长' });
    expect(people['李工']).toMatchObject({ role: 'it', title: '驻点工程师' });
    expect(people['王医生']).toMatchObject({
      role: 'doctor',
      title: null,
      updatedAt: '2026-11-01T00:00:00.000Z',
    });
    expect(people['某某']).toMatchObject({ role: null, title: null });
    const snapshot = dumpReplicated(ctx);
    expect(migrateLegacyRoles(ctx)).toBe(0);
    expect(dumpReplicated(ctx)).toEqual(snapshot);
  });
});
