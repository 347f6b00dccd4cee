// Importing departments and people from a hospital's sheet: find the header row, suggest a column
// mapping from common Chinese/English headers, validate every row, then write all valid rows in one
// transaction. Rows are matched to existing records (department by code, person by employee no. or by
// name + phone) so importing the same sheet twice creates nothing new.
import type { TFunction } from 'i18next';
import {
  departmentInput,
  personInput,
  staffRoles,
  type DepartmentType,
  type ImportKind,
  type ImportPreview,
  type ImportResult,
  type Organisation,
  type Person,
  type PersonRef,
  type RosterChanges,
  type RowProblem,
} from '#contract/index.ts';
import { translator } from '#contract/i18n/index.ts';
import {
  checkMapping,
  dataRows,
  loadTable,
  locateHeader as locate,
  normaliseHeader as normalise,
  type ColumnMapping,
  type ColumnSpec,
  type Located,
} from '#services/sheets/column-mapping.ts';
import { inTransaction, type Ctx } from '#services/core/context.ts';
import {
  createDepartment,
  findDepartmentByCode,
  findDepartmentByName,
  updateDepartment,
} from './departments.ts';
import {
  applyDepartmentPlan,
  departmentKey,
  departmentProposals,
  guessDepartmentType,
  plannedDepartment,
  planDepartments,
  type DepartmentPlan,
} from './department-match.ts';
import { AppError } from '#services/core/errors.ts';
import {
  archivePerson,
  classifyRole,
  createPerson,
  listPeople,
  updatePerson,
  type PersonFields,
} from './people.ts';
import { changedFields } from '#services/core/records.ts';
import { getLocale } from '#services/core/settings.ts';
import { accepts, maxLength } from '#services/sheets/limits.ts';
import { isBlankRow, type Table } from '#services/sheets/tabular.ts';

const fieldSpecs: Record<ImportKind, ColumnSpec[]> = {
  departments: [
    {
      key: 'code',
      required: true,
      label: 'department.code',
      synonyms: ['科室编码', '科室代码', '编码', '代码', '科室编号', 'code', 'deptcode', 'departmentcode'],
    },
    {
      key: 'name',
      required: true,
      label: 'department.name',
      synonyms: ['科室名称', '科室', '名称', '科室名', 'name', 'department', 'departmentname', 'deptname'],
    },
    {
      key: 'type',
      required: false,
      label: 'department.type',
      synonyms: ['科室类型', '类型', '类别', 'type', 'departmenttype'],
    },
    {
      key: 'pilotPhase',
      required: false,
      label: 'department.pilotPhase',
      synonyms: ['试点批次', '批次', '上线批次', 'phase', 'pilotphase', 'wave'],
    },
  ],
  people: [
    { key: 'name', required: true, label: 'person.name', synonyms: ['姓名', '名字', 'name', 'fullname'] },
    {
      key: 'employeeNo',
      required: false,
      label: 'person.employeeNo',
      synonyms: ['工号', '职工号', '员工号', '人员编号', 'employeeno', 'staffno', 'employeeid', 'id'],
    },
    {
      key: 'role',
      required: false,
      label: 'person.role',
      synonyms: ['角色', '岗位', '职务', '职称', 'role', 'position', 'title'],
    },
    {
      key: 'phone',
      required: false,
      label: 'person.phone',
      synonyms: ['电话', '手机', '手机号', '联系电话', '联系方式', 'phone', 'mobile', 'tel'],
    },
    {
      key: 'organisation',
      required: false,
      label: 'person.organisation',
      synonyms: ['所属单位', '单位', '院方厂商', 'organisation', 'organization', 'company'],
    },
    {
      key: 'department',
      required: false,
      label: 'person.department',
      synonyms: ['科室', '部门', '所在科室', '科室名称', 'department', 'dept'],
    },
  ],
};

/** The most characters a column takes: the contract's limit for the field it becomes. */
const maxLengths: Record<ImportKind, Record<string, number>> = {
  departments: {
    code: maxLength(departmentInput.shape.code),
    name: maxLength(departmentInput.shape.name),
  },
  people: {
    name: maxLength(personInput.shape.name),
    // The roster's 岗位 is kept as the title.
    role: maxLength(personInput.shape.title),
    employeeNo: maxLength(personInput.shape.employeeNo),
  },
};

const departmentTypeWords: Record<DepartmentType, string[]> = {
  ward: ['ward', '病区', '病房', '住院', '护理单元'],
  clinic: ['clinic', '门诊', '门急诊', '急诊'],
  medtech: ['medtech', '医技', '检验', '影像', '放射', '超声', '病理', '药剂', '药房'],
  admin: ['admin', '行政', '职能', '管理', '后勤'],
};

const organisationWords: Record<Organisation, string[]> = {
  hospital: ['hospital', '院方', '医院', '本院'],
  vendor: ['vendor', '厂商', '公司', '供应商', '乙方', '实施方'],
};

function matchWord<T extends string>(value: string, words: Record<T, string[]>): T | undefined {
  const v = normalise(value);
  for (const [key, list] of Object.entries(words) as [T, string[]][]) {
    if (list.some((w) => normalise(w) === v || v.includes(normalise(w)))) return key;
  }
  return undefined;
}

const locateHeader = (kind: ImportKind, table: Table): Located => locate(fieldSpecs[kind], table);

interface ValidRow<T> {
  row: number;
  value: T;
}

interface DepartmentRow {
  code: string;
  name: string;
  type: DepartmentType;
  pilotPhase: number | null;
}

/**
 * A person row; organisation is null when the sheet does not say (new people default to hospital). A
 * department the import creates has no id yet: `departmentName` names it until the plan is applied.
 */
type PersonRow = Omit<PersonFields, 'organisation' | 'champion'> & {
  organisation: Organisation | null;
  departmentName: string | null;
};

type Validated<T> = {
  valid: ValidRow<T>[];
  problems: RowProblem[];
  /** Every employee number in the file, also on refused rows (those people have not left). */
  employeeNos: Set<string>;
  /** People imports: what happens to the department names the file uses. */
  departmentPlan?: DepartmentPlan;
};

/** How many rows name each department, as the file writes it. */
function departmentNames(table: Table, headerIndex: number, mapping: ColumnMapping): Map<string, number> {
  const counts = new Map<string, number>();
  const col = mapping.department;
  if (col === null || col === undefined) return counts;
  for (const { cells } of dataRows(table, headerIndex)) {
    const value = (cells[col] ?? '').trim();
    if (value) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return counts;
}

function validateRows(
  ctx: Ctx,
  kind: ImportKind,
  table: Table,
  headerIndex: number,
  mapping: ColumnMapping,
  t: TFunction,
  createDepartments = true,
  declined: readonly string[] = [],
): Validated<DepartmentRow> | Validated<PersonRow> {
  const specs = fieldSpecs[kind];
  const valid: ValidRow<never>[] = [];
  const problems: RowProblem[] = [];
  const departmentPlan =
    kind === 'people'
      ? planDepartments(ctx, departmentNames(table, headerIndex, mapping), {
          create: createDepartments,
          declined,
        })
      : undefined;
  const employeeRows = new Map<string, number[]>();

  for (let i = headerIndex + 1; i < table.rows.length; i++) {
    const cells = table.rows[i]!;
    if (isBlankRow(cells)) continue;
    const get = (key: string) => {
      const col = mapping[key];
      return col === null || col === undefined ? '' : (cells[col] ?? '').trim();
    };
    const rowNumber = i + 1;
    const errors: string[] = [];
    for (const spec of specs) {
      if (spec.required && !get(spec.key)) errors.push(t('import.fieldRequired', { field: t(spec.label) }));
    }
    for (const [key, max] of Object.entries(maxLengths[kind])) {
      if (get(key).length > max) {
        const spec = specs.find((s) => s.key === key)!;
        errors.push(t('import.badValue', { field: t(spec.label), value: get(key).slice(0, 20) + '…' }));
      }
    }

    if (kind === 'departments') {
      const typeRaw = get('type');
      const type = typeRaw ? matchWord(typeRaw, departmentTypeWords) : guessDepartmentType(get('name'));
      if (!type) errors.push(t('import.badType', { value: typeRaw }));
      const phaseRaw = get('pilotPhase');
      let pilotPhase: number | null = null;
      if (phaseRaw) {
        const digits = phaseRaw.match(/\d+/)?.[0];
        const n = digits ? Number(digits) : /试点|pilot/i.test(phaseRaw) ? 1 : NaN;
        if (accepts(departmentInput.shape.pilotPhase, n)) pilotPhase = n;
        else errors.push(t('import.badPhase', { value: phaseRaw }));
      }
      if (errors.length)
        problems.push({ row: rowNumber, message: errors.join(t('import.problemSeparator')) });
      else
        valid.push({
          row: rowNumber,
          value: { code: get('code'), name: get('name'), type: type!, pilotPhase } as never,
        });
    } else {
      const phone = get('phone');
      if (phone && !accepts(personInput.shape.phone, phone)) {
        errors.push(t('import.badValue', { field: t('person.phone'), value: phone }));
      }
      const orgRaw = get('organisation');
      const organisation = orgRaw ? (matchWord(orgRaw, organisationWords) ?? null) : null;
      if (orgRaw && !organisation) errors.push(t('import.badOrganisation', { value: orgRaw }));
      const deptRaw = get('department');
      let departmentId: string | null = null;
      let departmentName: string | null = null;
      if (deptRaw) {
        const d = plannedDepartment(departmentPlan!, deptRaw);
        if (d && 'id' in d) departmentId = d.id;
        else if (d) departmentName = deptRaw;
        else errors.push(t('import.unknownDepartment', { value: deptRaw }));
      }
      const employeeNo = get('employeeNo');
      if (employeeNo) {
        const seen = employeeRows.get(employeeNo) ?? [];
        seen.push(rowNumber);
        employeeRows.set(employeeNo, seen);
      }
      // The roster's 岗位 is kept as the title; the role (which decides the training tier) comes from it.
      const title = get('role');
      if (errors.length)
        problems.push({ row: rowNumber, message: errors.join(t('import.problemSeparator')) });
      else
        valid.push({
          row: rowNumber,
          value: {
            name: get('name'),
            role: title ? classifyRole(title) : null,
            title: title ? (staffRoles.includes(title.toLowerCase() as never) ? null : title) : null,
            phone: phone || null,
            organisation,
            departmentId,
            departmentName,
            employeeNo: employeeNo || null,
          } as never,
        });
    }
  }
  // One employee number on several rows: which row is right cannot be known, so none of them is imported.
  for (const [employeeNo, rows] of employeeRows) {
    if (rows.length < 2) continue;
    const message = t('training.roster.duplicateEmployeeNo', {
      value: employeeNo,
      rows: rows.join(t('common.listSeparator')),
    });
    for (const row of rows) {
      const index = valid.findIndex((v) => v.row === row);
      if (index >= 0) valid.splice(index, 1);
      const problem = problems.find((p) => p.row === row);
      if (problem) problem.message += t('import.problemSeparator') + message;
      else problems.push({ row, message });
    }
  }
  problems.sort((a, b) => a.row - b.row);
  return {
    valid,
    problems,
    employeeNos: new Set(employeeRows.keys()),
    departmentPlan,
  } as Validated<DepartmentRow>;
}

interface ImportFile {
  kind: ImportKind;
  fileName: string;
  bytes: Uint8Array;
  /**
   * People only: archive hospital staff whose employee number the roster no longer lists. Off unless the
   * caller chooses it after seeing who they are (issue #12).
   */
  archiveMissing?: boolean;
  /** Create departments the file names that the project lacks (default true); false refuses those rows. */
  createDepartments?: boolean;
  /** Department names whose proposed close match the user declined: created instead. */
  declinedMatches?: string[];
}

export async function previewImport(
  ctx: Ctx,
  file: ImportFile & { mapping?: ColumnMapping },
): Promise<ImportPreview> {
  const t = translator(getLocale(ctx));
  const table = await loadTable(file);
  const specs = fieldSpecs[file.kind];
  const located = locateHeader(file.kind, table);
  if (file.mapping) {
    checkMapping(specs, located.columns, file.mapping, t);
    located.mapping = { ...located.mapping, ...file.mapping };
  }
  const { valid, problems, employeeNos, departmentPlan } = validateRows(
    ctx,
    file.kind,
    table,
    located.headerIndex,
    located.mapping,
    t,
    file.createDepartments,
    file.declinedMatches,
  );
  const rows = dataRows(table, located.headerIndex).map((r) => r.cells);
  const leaving = file.kind === 'people' ? leavers(ctx, located.mapping, employeeNos) : [];
  return {
    kind: file.kind,
    fileName: file.fileName,
    format: table.format,
    encoding: table.encoding === 'utf-16le' ? 'utf-8' : table.encoding,
    sheetName: table.sheetName,
    headerRow: located.headerIndex + 1,
    columns: located.columns,
    fields: specs.map(({ key, required }) => ({ key, required })),
    mapping: located.mapping,
    sample: rows.slice(0, 10),
    totalRows: rows.length,
    missingRequired: specs.filter((s) => s.required && located.mapping[s.key] === null).map((s) => s.key),
    problems,
    skippedRows: problems.length,
    validRows: valid.length,
    unknownDepartments: departmentPlan ? departmentProposals(departmentPlan) : [],
    ...(file.kind === 'people'
      ? { leaving: leaving.map(ref), partialRoster: isPartial(leaving, departmentPlan!) }
      : {}),
  };
}

/**
 * Whether a roster covers only part of the directory: someone it would archive works in a department the
 * file never names (a roster of one ward says nothing about the others).
 */
function isPartial(leaving: Person[], plan: DepartmentPlan): boolean {
  const named = new Set<string>();
  for (const d of plan.matched.values()) named.add(d.id);
  for (const p of plan.proposed) named.add(p.departmentId!);
  return leaving.some((p) => p.departmentId === null || !named.has(p.departmentId));
}

/** Whether a roster import would archive people by default: only a file that covers the whole directory. */
export function archiveByDefault(preview: ImportPreview): boolean {
  return !preview.partialRoster;
}

const ref = (p: Person): PersonRef => ({ id: p.id, name: p.name, employeeNo: p.employeeNo });

/**
 * Hospital staff with an employee number that the roster does not list: they left. Only when the file has
 * an employee-number column (a list of names alone says nothing about who is gone); vendor staff are never
 * on the hospital's roster.
 */
function leavers(ctx: Ctx, mapping: ColumnMapping, employeeNos: Set<string>): Person[] {
  if ((mapping.employeeNo ?? null) === null) return [];
  return listPeople(ctx).filter(
    (p) => p.organisation === 'hospital' && p.employeeNo !== null && !employeeNos.has(p.employeeNo),
  );
}

/** The fields a roster row changes, as the keys the UI labels (person.<key>). */
function changedKeys(existing: Person, next: object): string[] {
  return Object.keys(changedFields(existing, next)).map((k) => (k === 'departmentId' ? 'department' : k));
}

const isUnchanged = (current: object, next: object) => Object.keys(changedFields(current, next)).length === 0;

export async function commitImport(
  ctx: Ctx,
  file: ImportFile & { mapping: ColumnMapping },
): Promise<ImportResult> {
  const t = translator(getLocale(ctx));
  const table = await loadTable(file);
  const located = locateHeader(file.kind, table);
  const specs = fieldSpecs[file.kind];
  checkMapping(specs, located.columns, file.mapping, t);
  const missing = specs.filter((s) => s.required && (file.mapping[s.key] ?? null) === null);
  if (missing.length) {
    throw new AppError('import_missing_column', {
      file: file.fileName,
      column: missing.map((s) => t(s.label)).join(t('common.listSeparator')),
    });
  }

  const result: ImportResult = { created: 0, updated: 0, unchanged: 0, skipped: [], departments: [] };
  inTransaction(ctx, () => {
    if (file.kind === 'departments') {
      const { valid, problems } = validateRows(
        ctx,
        'departments',
        table,
        located.headerIndex,
        file.mapping,
        t,
      ) as Validated<DepartmentRow>;
      result.skipped = problems;
      for (const { value } of valid) {
        // A department of the same name under another code is that department, not a second one.
        const byName = findDepartmentByCode(ctx, value.code)
          ? undefined
          : findDepartmentByName(ctx, value.name);
        if (byName) {
          result.departments.push({
            name: value.name,
            rows: 1,
            action: 'match',
            code: byName.code,
            target: byName.name,
          });
        }
        const existing = findDepartmentByCode(ctx, value.code) ?? byName;
        if (!existing) {
          createDepartment(ctx, value);
          result.created++;
          continue;
        }
        // A sheet without a phase column never clears a phase set in the app.
        const next = {
          ...value,
          code: byName ? existing.code : value.code,
          pilotPhase: value.pilotPhase ?? existing.pilotPhase,
        };
        // Decided on the fields, not on updatedAt: two writes within one clock tick share a timestamp.
        if (isUnchanged(existing, next)) {
          result.unchanged++;
          continue;
        }
        updateDepartment(ctx, existing.id, next);
        result.updated++;
      }
    } else {
      const { valid, problems, employeeNos, departmentPlan } = validateRows(
        ctx,
        'people',
        table,
        located.headerIndex,
        file.mapping,
        t,
        file.createDepartments,
        file.declinedMatches,
      ) as Validated<PersonRow>;
      result.skipped = problems;
      const departmentIds = applyDepartmentPlan(ctx, departmentPlan!);
      result.departments = departmentProposals(departmentPlan!);
      for (const { value } of valid) {
        if (value.departmentName)
          value.departmentId = departmentIds.get(departmentKey(value.departmentName))!;
      }
      const roster: RosterChanges = { added: [], changed: [], left: [] };
      result.roster = roster;
      const people = listPeople(ctx, { includeArchived: true });
      // Computed before the rows are written, so that nobody the file adds counts as gone.
      const gone = file.archiveMissing ? leavers(ctx, file.mapping, employeeNos) : [];
      for (const { value: row } of valid) {
        const { departmentName: _name, ...value } = row;
        // By employee number when the roster has one (also archived people: a returning employee is
        // restored, not duplicated); otherwise by name and phone among current people.
        const existing = value.employeeNo
          ? people.find((p) => p.employeeNo === value.employeeNo)
          : people.find((p) => !p.archivedAt && p.name === value.name && (p.phone ?? null) === value.phone);
        if (!existing) {
          const created = createPerson(ctx, { ...value, organisation: value.organisation ?? 'hospital' });
          people.push(created);
          roster.added.push(ref(created));
          result.created++;
          continue;
        }
        // Like the phase above: a roster without an organisation column never turns vendor staff into
        // hospital staff.
        const next: Omit<PersonFields, 'champion'> = {
          ...value,
          organisation: value.organisation ?? existing.organisation,
          role: value.role ?? existing.role,
          title: value.role ? value.title : existing.title,
          phone: value.phone ?? existing.phone,
          departmentId: value.departmentId ?? existing.departmentId,
          employeeNo: value.employeeNo ?? existing.employeeNo,
        };
        const fields = changedKeys(existing, next);
        if (existing.archivedAt) fields.push('rejoined');
        if (!fields.length) {
          result.unchanged++;
          continue;
        }
        let after = updatePerson(ctx, existing.id, next);
        if (existing.archivedAt) after = archivePerson(ctx, existing.id, false);
        people[people.indexOf(existing)] = after;
        roster.changed.push({ ...ref(after), fields });
        result.updated++;
      }
      for (const p of gone) {
        archivePerson(ctx, p.id, true);
        roster.left.push(ref(p));
      }
    }
  });
  return result;
}
