// The services against a fresh database file per test: create/edit/archive/restore, the refusals
// (duplicate code, unknown department, second project) and that a refusal writes nothing.
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { boot } from '#services/core/boot.ts';
import * as departments from '#services/reference/departments.ts';
import { AppError } from '#services/core/errors.ts';
import { appInfo } from '#services/reference/info.ts';
import * as people from '#services/reference/people.ts';
import * as project from '#services/reference/project.ts';
import { ensureReplica, getLocale, setLocale } from '#services/core/settings.ts';
import * as systems from '#services/reference/systems.ts';
import type { ErrorCode } from '#contract/index.ts';
import { stableId } from '#services/core/records.ts';
import { dumpReplicated, freshCtx, rowCount, tempDir, testClock, UUID_V7, type TestCtx } from './helpers.ts';

function expectAppError(fn: () => unknown, code: ErrorCode): AppError {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(AppError);
  expect((caught as AppError).code).toBe(code);
  return caught as AppError;
}

/** Runs `fn`, expects it to be refused with `code`, and checks that no replicated row changed. */
function expectRefusedWithoutWrites(ctx: TestCtx, fn: () => unknown, code: ErrorCode): AppError {
  const before = dumpReplicated(ctx);
  const error = expectAppError(fn, code);
  expect(dumpReplicated(ctx)).toEqual(before);
  return error;
}

const ward = (code: string, name: string) => ({ code, name, type: 'ward' as const, pilotPhase: null });

describe('departments', () => {
  it('creates, edits, archives and restores, keeping timestamps in UTC', () => {
    const clock = testClock();
    const ctx = freshCtx({ now: clock.now });
    const created = departments.createDepartment(ctx, ward('ICU', '重症医学科'));
    expect(created).toMatchObject({
      code: 'ICU',
      name: '重症医学科',
      type: 'ward',
      pilotPhase: null,
      archivedAt: null,
      createdAt: '2026-11-22T08:00:00.000Z',
      updatedAt: '2026-11-22T08:00:00.000Z',
    });
    expect(created.id).toMatch(UUID_V7);

    clock.advance();
    const edited = departments.updateDepartment(ctx, created.id, {
      ...ward('ICU', '重症医学科（综合）'),
      pilotPhase: 2,
    });
    expect(edited).toMatchObject({
      name: '重症医学科（综合）',
      pilotPhase: 2,
      updatedAt: '2026-11-22T08:00:01.000Z',
    });
    expect(edited.createdAt).toBe(created.createdAt);

    clock.advance();
    const archived = departments.archiveDepartment(ctx, created.id, true);
    expect(archived.archivedAt).toBe('2026-11-22T08:00:02.000Z');
    expect(departments.listDepartments(ctx)).toEqual([]);
    expect(departments.listDepartments(ctx, { includeArchived: true }).map((d) => d.id)).toEqual([
      created.id,
    ]);
    expect(departments.countDepartments(ctx)).toBe(0);

    const restored = departments.archiveDepartment(ctx, created.id, false);
    expect(restored.archivedAt).toBeNull();
    expect(departments.listDepartments(ctx).map((d) => d.id)).toEqual([created.id]);
    // Never a hard delete.
    expect(rowCount(ctx, 'department')).toBe(1);
  });

  it('saving unchanged values does not touch updatedAt', () => {
    const clock = testClock();
    const ctx = freshCtx({ now: clock.now });
    const created = departments.createDepartment(ctx, ward('ICU', '重症医学科'));
    clock.advance();
    expect(departments.updateDepartment(ctx, created.id, ward('ICU', '重症医学科')).updatedAt).toBe(
      created.updatedAt,
    );
  });

  it('lists pilot departments first, by phase, then by code', () => {
    const ctx = freshCtx();
    departments.createDepartment(ctx, ward('B', 'b'));
    departments.createDepartment(ctx, { ...ward('Z', 'z'), pilotPhase: 1 });
    departments.createDepartment(ctx, { ...ward('A', 'a'), pilotPhase: 2 });
    departments.createDepartment(ctx, ward('A2', 'a2'));
    expect(departments.listDepartments(ctx).map((d) => d.code)).toEqual(['Z', 'A', 'A2', 'B']);
  });

  it('refuses a duplicate code, case-insensitively, and writes nothing', () => {
    const ctx = freshCtx();
    departments.createDepartment(ctx, ward('ICU', '重症医学科'));
    for (const code of ['ICU', 'icu', 'Icu']) {
      const error = expectRefusedWithoutWrites(
        ctx,
        () => departments.createDepartment(ctx, ward(code, '另一个')),
        'duplicate_code',
      );
      expect(error.params).toEqual({ code, name: '重症医学科' });
    }
  });

  it('refuses renaming a code onto another department, but allows changing case of its own', () => {
    const ctx = freshCtx();
    const icu = departments.createDepartment(ctx, ward('ICU', '重症医学科'));
    const ccu = departments.createDepartment(ctx, ward('CCU', '心脏监护室'));
    expectRefusedWithoutWrites(
      ctx,
      () => departments.updateDepartment(ctx, ccu.id, ward('icu', 'x')),
      'duplicate_code',
    );
    expect(departments.updateDepartment(ctx, icu.id, ward('icu', '重症医学科')).code).toBe('icu');
  });

  it('lets an archived code be reused, then refuses to restore the old one while the code is taken', () => {
    const ctx = freshCtx();
    const old = departments.createDepartment(ctx, ward('ICU', '旧重症'));
    departments.archiveDepartment(ctx, old.id, true);
    departments.createDepartment(ctx, ward('icu', '新重症'));

    const error = expectRefusedWithoutWrites(
      ctx,
      () => departments.archiveDepartment(ctx, old.id, false),
      'duplicate_code',
    );
    expect(error.params).toEqual({ code: 'ICU', name: '新重症' });
    expect(
      departments.listDepartments(ctx, { includeArchived: true }).find((d) => d.id === old.id)?.archivedAt,
    ).not.toBeNull();
  });

  it('refuses to edit or archive an id that does not exist', () => {
    const ctx = freshCtx();
    expectRefusedWithoutWrites(
      ctx,
      () => departments.updateDepartment(ctx, uuidv7(), ward('X', 'x')),
      'not_found',
    );
    expectRefusedWithoutWrites(ctx, () => departments.archiveDepartment(ctx, uuidv7(), true), 'not_found');
  });
});

describe('systems and modules', () => {
  it('creates systems in order, with modules, and edits and archives them', () => {
    const ctx = freshCtx();
    const his = systems.createSystem(ctx, { code: 'HIS', name: '医院信息系统', vendor: '某厂商' });
    const emr = systems.createSystem(ctx, { code: 'EMR', name: '电子病历', vendor: null });
    expect([his.sortOrder, emr.sortOrder]).toEqual([0, 1]);
    expect(his).toMatchObject({ code: 'HIS', vendor: '某厂商', modules: [] });

    const orders = systems.addModule(ctx, his.id, '医嘱');
    const billing = systems.addModule(ctx, his.id, '收费');
    expect(orders.id).toMatch(UUID_V7);
    expect(systems.listSystems(ctx).map((s) => [s.code, s.modules.map((m) => m.name)])).toEqual([
      ['HIS', ['医嘱', '收费'].sort()],
      ['EMR', []],
    ]);

    expect(systems.renameModule(ctx, orders.id, '住院医嘱').name).toBe('住院医嘱');
    systems.archiveModule(ctx, billing.id, true);
    expect(systems.getSystem(ctx, his.id).modules.map((m) => m.name)).toEqual(['住院医嘱', '收费']);
    expect(systems.listSystems(ctx)[0]!.modules.map((m) => m.name)).toEqual(['住院医嘱']);
    expect(systems.countSystems(ctx)).toEqual({ systems: 2, modules: 1 });

    expect(
      systems.updateSystem(ctx, emr.id, { code: 'EMR', name: '电子病历系统', vendor: 'V' }),
    ).toMatchObject({
      name: '电子病历系统',
      vendor: 'V',
    });
    systems.archiveSystem(ctx, emr.id, true);
    expect(systems.listSystems(ctx).map((s) => s.code)).toEqual(['HIS']);
    expect(systems.listSystems(ctx, { includeArchived: true }).map((s) => s.code)).toEqual(['HIS', 'EMR']);
  });

  it('refuses duplicate system codes (case-insensitive) and duplicate module names within a system', () => {
    const ctx = freshCtx();
    const his = systems.createSystem(ctx, { code: 'HIS', name: 'a', vendor: null });
    const lis = systems.createSystem(ctx, { code: 'LIS', name: 'b', vendor: null });
    expectRefusedWithoutWrites(
      ctx,
      () => systems.createSystem(ctx, { code: 'his', name: 'c', vendor: null }),
      'duplicate_code',
    );
    expectRefusedWithoutWrites(
      ctx,
      () => systems.updateSystem(ctx, lis.id, { code: 'His', name: 'b', vendor: null }),
      'duplicate_code',
    );

    const orders = systems.addModule(ctx, his.id, '医嘱');
    expectRefusedWithoutWrites(ctx, () => systems.addModule(ctx, his.id, '医嘱'), 'duplicate_module');
    const billing = systems.addModule(ctx, his.id, '收费');
    expectRefusedWithoutWrites(ctx, () => systems.renameModule(ctx, billing.id, '医嘱'), 'duplicate_module');
    systems.archiveModule(ctx, orders.id, true);
    systems.addModule(ctx, his.id, '医嘱');
    expectRefusedWithoutWrites(ctx, () => systems.archiveModule(ctx, orders.id, false), 'duplicate_module');
    // The same module name in another system is fine.
    expect(systems.addModule(ctx, lis.id, '医嘱').systemId).toBe(lis.id);
    expectRefusedWithoutWrites(ctx, () => systems.addModule(ctx, uuidv7(), '医嘱'), 'not_found');
  });

  it('refuses to restore a system whose code was taken meanwhile', () => {
    const ctx = freshCtx();
    const old = systems.createSystem(ctx, { code: 'PACS', name: '旧影像', vendor: null });
    systems.archiveSystem(ctx, old.id, true);
    systems.createSystem(ctx, { code: 'pacs', name: '新影像', vendor: null });
    expectRefusedWithoutWrites(ctx, () => systems.archiveSystem(ctx, old.id, false), 'duplicate_code');
  });
});

describe('people', () => {
  const nurse = {
    name: '张伟',
    role: 'nurse' as const,
    title: '护士长',
    champion: false,
    phone: '138 0000 0001',
    organisation: 'hospital' as const,
    employeeNo: '00731',
  };

  it('creates, edits and archives a person in a department', () => {
    const ctx = freshCtx();
    const icu = departments.createDepartment(ctx, ward('ICU', '重症医学科'));
    const created = people.createPerson(ctx, { ...nurse, departmentId: icu.id });
    expect(created).toMatchObject({ ...nurse, departmentId: icu.id, archivedAt: null });
    expect(created.id).toMatch(UUID_V7);

    const moved = people.updatePerson(ctx, created.id, {
      ...nurse,
      organisation: 'vendor',
      departmentId: null,
    });
    expect(moved).toMatchObject({ organisation: 'vendor', departmentId: null, employeeNo: '00731' });

    people.archivePerson(ctx, created.id, true);
    expect(people.listPeople(ctx)).toEqual([]);
    expect(people.countPeople(ctx)).toBe(0);
    expect(people.listPeople(ctx, { includeArchived: true })).toHaveLength(1);
  });

  it('refuses an unknown departmentId on create and on update, writing nothing', () => {
    const ctx = freshCtx();
    const missing = uuidv7();
    const error = expectRefusedWithoutWrites(
      ctx,
      () => people.createPerson(ctx, { ...nurse, departmentId: missing }),
      'not_found',
    );
    expect(error.params).toEqual({ id: missing });

    const created = people.createPerson(ctx, { ...nurse, departmentId: null });
    expectRefusedWithoutWrites(
      ctx,
      () => people.updatePerson(ctx, created.id, { ...nurse, departmentId: missing }),
      'not_found',
    );
  });
});

describe('project setup', () => {
  const input = {
    hospital: 'XX市人民医院',
    name: 'HIS 升级',
    newSystem: 'HIS',
    goLiveDate: '2027-03-01',
    pilotDepartments: [
      { code: 'CARD1', name: '心内科一病区', type: 'ward' as const },
      { code: 'MZ', name: '门诊部', type: 'clinic' as const },
    ],
  };

  it('creates the project, the pilot departments (phase 1) and the default systems', () => {
    const ctx = freshCtx();
    const created = project.setupProject(ctx, input);
    expect(created).toMatchObject({
      hospital: 'XX市人民医院',
      name: 'HIS 升级',
      newSystem: 'HIS',
      goLiveDate: '2027-03-01',
    });
    // The wizard's records have stable ids (same on every laptop that runs it), so two laptops that both
    // ran the wizard merge into one project, one CARD1 and one HIS (issue #4).
    expect(created.id).toBe(stableId('project', 'project'));
    expect(project.getProject(ctx)).toEqual(created);

    expect(departments.listDepartments(ctx).map((d) => [d.code, d.type, d.pilotPhase])).toEqual([
      ['CARD1', 'ward', 1],
      ['MZ', 'clinic', 1],
    ]);
    expect(systems.listSystems(ctx).map((s) => s.code)).toEqual(['HIS', 'EMR', 'LIS', 'PACS']);

    for (const d of departments.listDepartments(ctx)) expect(d.id).toBe(stableId('department', d.code));
    for (const sys of systems.listSystems(ctx)) expect(sys.id).toBe(stableId('system', sys.code));
    expect(stableId('system', 'his')).toBe(stableId('system', 'HIS'));
    expect(stableId('system', 'HIS')).not.toBe(stableId('department', 'HIS'));
  });

  it('adds the new system when it is not one of the defaults', () => {
    const ctx = freshCtx();
    project.setupProject(ctx, { ...input, newSystem: 'ris', pilotDepartments: [] });
    expect(systems.listSystems(ctx).map((s) => s.code)).toEqual(['RIS', 'HIS', 'EMR', 'LIS', 'PACS']);
  });

  it('marks an existing department as pilot instead of duplicating it', () => {
    const ctx = freshCtx();
    const existing = departments.createDepartment(ctx, ward('card1', '心内科'));
    project.setupProject(ctx, input);
    const list = departments.listDepartments(ctx);
    expect(list.filter((d) => d.code.toLowerCase() === 'card1')).toEqual([
      expect.objectContaining({ id: existing.id, name: '心内科一病区', pilotPhase: 1 }),
    ]);
  });

  it('refuses a second setup with project_exists and writes nothing', () => {
    const ctx = freshCtx();
    project.setupProject(ctx, input);
    expectRefusedWithoutWrites(
      ctx,
      () =>
        project.setupProject(ctx, {
          ...input,
          pilotDepartments: [{ code: 'NEW', name: '新科室', type: 'ward' }],
        }),
      'project_exists',
    );
  });

  it('is one transaction: a failure half-way leaves nothing behind', () => {
    const ctx = freshCtx();
    let calls = 0;
    const failing = {
      ...ctx,
      now: () => {
        if (++calls > 8) throw new Error('disk full');
        return new Date();
      },
    };
    const before = dumpReplicated(ctx);
    expect(() => project.setupProject(failing, input)).toThrow('disk full');
    expect(dumpReplicated(ctx)).toEqual(before);
    expect(project.getProject(ctx)).toBeNull();
    // The wizard can simply be run again.
    expect(project.setupProject(ctx, input).name).toBe('HIS 升级');
  });

  it('updates the project, and refuses an update before setup', () => {
    const ctx = freshCtx();
    const { pilotDepartments: _, ...fields } = input;
    expectRefusedWithoutWrites(ctx, () => project.updateProject(ctx, fields), 'project_missing');
    project.setupProject(ctx, input);
    expect(project.updateProject(ctx, { ...fields, goLiveDate: null }).goLiveDate).toBeNull();
  });
});

describe('settings and replica', () => {
  it('defaults to zh-CN and keeps the chosen locale across a reopen of the same file', () => {
    const path = join(tempDir(), 'wardside.db');
    const first = boot(path);
    expect(getLocale(first)).toBe('zh-CN');
    setLocale(first, 'en');
    first.close();

    const second = boot(path);
    try {
      expect(getLocale(second)).toBe('en');
      expect(appInfo(second).locale).toBe('en');
    } finally {
      second.close();
    }
  });

  it('keeps the replica id across reopen, and a new file gets a new one', () => {
    const dir = tempDir();
    const first = boot(join(dir, 'a.db'));
    const id = ensureReplica(first).id;
    expect(id).toMatch(UUID_V7);
    first.close();

    const again = boot(join(dir, 'a.db'));
    const other = boot(join(dir, 'b.db'));
    try {
      expect(ensureReplica(again).id).toBe(id);
      expect(appInfo(again).replicaId).toBe(id);
      expect(rowCount(again, 'replica_info')).toBe(1);
      expect(ensureReplica(other).id).not.toBe(id);
    } finally {
      again.close();
      other.close();
    }
  });

  it('app info reports the schema version and counts of active records', () => {
    const ctx = freshCtx();
    const icu = departments.createDepartment(ctx, ward('ICU', '重症医学科'));
    departments.createDepartment(ctx, ward('CCU', '心脏监护室'));
    departments.archiveDepartment(ctx, icu.id, true);
    people.createPerson(ctx, {
      name: 'x',
      role: null,
      phone: null,
      organisation: 'vendor',
      departmentId: null,
      employeeNo: null,
    });
    const info = appInfo(ctx);
    expect(info).toMatchObject({
      version: '0.0.0-test',
      schemaVersion: ctx.schemaVersion,
      counts: { departments: 1, systems: 0, modules: 0, people: 1 },
      locale: 'zh-CN',
      projectConfigured: false,
    });
    expect(info.schemaVersion).toBeGreaterThanOrEqual(1);
  });
});
