// `wardside demo`: realistic pilot data for demos, sync trials and benchmarks (issue #4). Deterministic for
// a seed: the same seed on the same starting database makes the same records and edits (ids and clocks
// aside). Reference data (project, departments, systems, modules, people) has stable ids, so demo laptops
// share it after a sync instead of duplicating it; issues and edits are each laptop's own.
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { department, person, pilotIssue } from '#db/schema.ts';
import type { IssueCategory, IssueStatus, Severity } from '#contract/index.ts';
import { inTransaction, type Ctx } from '#services/core/context.ts';
import { listDepartments } from '#services/reference/departments.ts';
import { getDeviceSettings, setDeviceSettings } from '#services/issues/device.ts';
import { createIssue, transitionIssue, updateIssue } from '#services/issues/issues.ts';
import { allowedTransitions } from '#services/issues/workflow.ts';
import { classifyRole, createPerson, listPeople } from '#services/reference/people.ts';
import { getProject, setupProject } from '#services/reference/project.ts';
import { archiveRecord, deleteRecord, stableId } from '#services/core/records.ts';
import { labelReplica } from '#services/core/settings.ts';
import { addModule, listSystems } from '#services/reference/systems.ts';

type Rng = ReturnType<typeof xoroshiro128plus>;

const DEPARTMENTS = [
  { code: 'ICU', name: '重症医学科', type: 'ward' },
  { code: 'ER', name: '急诊科', type: 'ward' },
  { code: 'CARD', name: '心血管内科', type: 'ward' },
  { code: 'RESP', name: '呼吸与危重症医学科', type: 'ward' },
  { code: 'PED', name: '儿科', type: 'ward' },
  { code: 'OPD', name: '门诊部', type: 'clinic' },
  { code: 'LAB', name: '检验科', type: 'medtech' },
  { code: 'PHARM', name: '药剂科', type: 'medtech' },
] as const;

const MODULES: Record<string, string[]> = {
  HIS: ['挂号', '门诊收费', '住院医嘱', '药房发药', '医保结算'],
  EMR: ['病历书写', '护理记录', '病案首页'],
  LIS: ['标本采集', '结果回传'],
  PACS: ['检查预约', '影像调阅'],
};

const PEOPLE = [
  ['张丽', 'hospital', 'ICU', '护士长'],
  ['王强', 'hospital', 'ER', '主治医师'],
  ['李娜', 'hospital', 'CARD', '护士'],
  ['赵敏', 'hospital', 'OPD', '收费员'],
  ['刘洋', 'hospital', 'LAB', '检验技师'],
  ['陈静', 'hospital', 'PHARM', '药师'],
  ['周伟', 'hospital', null, '信息科工程师'],
  ['孙浩', 'vendor', null, '实施工程师'],
  ['吴磊', 'vendor', null, '实施工程师'],
  ['郑凯', 'vendor', null, '开发工程师'],
] as const;

export const PROBLEMS = [
  ['保存', '点击保存后提示“操作失败”，数据未写入'],
  ['打印', '打印预览空白，无法打印'],
  ['查询', '查询结果与旧系统不一致'],
  ['结算', '医保结算金额与旧系统相差几分钱'],
  ['回传', '检验结果回传延迟超过 30 分钟'],
  ['登录', '交接班后重新登录很慢'],
  ['医嘱', '长期医嘱停止后仍出现在执行单上'],
  ['皮疹', '过敏史“皮疹”未在医嘱界面提示'],
  ['条码', '腕带条码扫描无响应'],
  ['发药', '发药单缺少批号'],
] as const;

const SEVERITIES: Severity[] = ['P1', 'P2', 'P2', 'P3', 'P3', 'P3', 'P4', 'P4'];
const CATEGORIES: IssueCategory[] = [
  'defect',
  'defect',
  'defect',
  'usability',
  'data_interface',
  'training',
  'change_request',
  'hardware_network',
];

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[uniformInt(rng, 0, items.length - 1)]!;
}

export interface DemoOptions {
  replica: string;
  seed: number;
  issues: number;
  edits: number;
}

export interface DemoResult {
  replica: string;
  createdIssues: number;
  edits: { updated: number; transitioned: number; archived: number; deleted: number };
}

export function runDemo(ctx: Ctx, options: DemoOptions): DemoResult {
  labelReplica(ctx, options.replica);
  const rng = xoroshiro128plus(options.seed);
  return inTransaction(ctx, () => {
    ensureReferenceData(ctx, options);
    const createdIssues = createIssues(ctx, rng, options.issues);
    const edits = editRecords(ctx, rng, options.edits);
    return { replica: options.replica, createdIssues, edits };
  });
}

export function ensureReferenceData(ctx: Ctx, options: DemoOptions) {
  if (!getProject(ctx)) {
    setupProject(ctx, {
      hospital: '市第一人民医院',
      name: 'HIS/EMR 一体化升级',
      newSystem: 'HIS',
      goLiveDate: '2027-01-08',
      pilotDepartments: DEPARTMENTS.map((d) => ({ ...d })),
    });
  }
  for (const system of listSystems(ctx, { includeArchived: true })) {
    for (const name of MODULES[system.code] ?? []) {
      if (system.modules.some((m) => m.name === name)) continue;
      addModule(ctx, system.id, name, { id: stableId('module', `${system.code}/${name}`) });
    }
  }
  const people = new Set(listPeople(ctx, { includeArchived: true }).map((p) => p.id));
  const departments = listDepartments(ctx, { includeArchived: true });
  for (const [name, organisation, departmentCode, title] of PEOPLE) {
    const id = stableId('person', name);
    if (people.has(id)) continue;
    const departmentId = departments.find((d) => d.code === departmentCode)?.id ?? null;
    const role = classifyRole(title);
    createPerson(
      ctx,
      { name, organisation, role, title, phone: null, departmentId, employeeNo: null },
      { id },
    );
  }
  const device = getDeviceSettings(ctx);
  const prefix =
    options.replica
      .replace(/[^A-Za-z0-9]/g, '')
      .slice(0, 6)
      .toUpperCase() || 'DEMO';
  setDeviceSettings(ctx, {
    operator: device.operator || `${options.replica} 工程师`,
    issuePrefix: device.issuePrefix && device.issuePrefix !== 'W' ? device.issuePrefix : prefix,
  });
}

function createIssues(ctx: Ctx, rng: Rng, count: number): number {
  const departments = listDepartments(ctx);
  const systems = listSystems(ctx);
  const people = listPeople(ctx);
  const hospitalStaff = people.filter((p) => p.organisation === 'hospital');
  const engineers = people.filter((p) => p.organisation === 'vendor');
  for (let i = 0; i < count; i += 1) {
    const system = pick(rng, systems);
    const module = system.modules.length > 0 ? pick(rng, system.modules) : null;
    const [word, detail] = pick(rng, PROBLEMS);
    const issue = createIssue(ctx, {
      title: `${module?.name ?? system.name}${word}异常`,
      description: `${pick(rng, departments).name}反馈：${detail}。`,
      departmentId: pick(rng, departments).id,
      systemId: system.id,
      moduleId: module?.id,
      severity: pick(rng, SEVERITIES),
      category: pick(rng, CATEGORIES),
      blocking: uniformInt(rng, 1, 20) === 1,
      reporterId: hospitalStaff.length > 0 ? pick(rng, hospitalStaff).id : undefined,
      assigneeId: engineers.length > 0 && uniformInt(rng, 0, 2) > 0 ? pick(rng, engineers).id : undefined,
      tags: uniformInt(rng, 0, 3) === 0 ? ['上线当天'] : [],
    });
    // Most issues move along the workflow a little.
    let status: IssueStatus = issue.status;
    for (let step = uniformInt(rng, 0, 3); step > 0; step -= 1) {
      const next = allowedTransitions(status).filter((s) => s !== 'duplicate' && s !== 'wont_fix');
      if (next.length === 0) break;
      status = pick(rng, next);
      transitionIssue(ctx, { id: issue.id, to: status, resolution: '已修复并验证' });
    }
  }
  return count;
}

function editRecords(ctx: Ctx, rng: Rng, count: number): DemoResult['edits'] {
  const edits = { updated: 0, transitioned: 0, archived: 0, deleted: 0 };
  const engineers = listPeople(ctx).filter((p) => p.organisation === 'vendor');
  for (let i = 0; i < count; i += 1) {
    const ids = ctx.sqlite.prepare('SELECT id, status FROM pilot_issue ORDER BY id').all() as {
      id: string;
      status: IssueStatus;
    }[];
    const roll = uniformInt(rng, 1, 100);
    if (roll <= 5) {
      // Archive or restore a person or a department (an ordinary field change).
      const table = uniformInt(rng, 0, 1) === 0 ? person : department;
      const rows = ctx.sqlite
        .prepare(`SELECT id, archived_at FROM "${table === person ? 'person' : 'department'}" ORDER BY id`)
        .all() as {
        id: string;
        archived_at: string | null;
      }[];
      if (rows.length === 0) continue;
      const row = pick(rng, rows);
      archiveRecord(ctx, table, row.id, row.archived_at === null);
      edits.archived += 1;
      continue;
    }
    if (ids.length === 0) continue;
    const target = pick(rng, ids);
    if (roll <= 12) {
      deleteRecord(ctx, pilotIssue, target.id);
      edits.deleted += 1;
    } else if (roll <= 35) {
      const next = allowedTransitions(target.status).filter((s) => s !== 'duplicate');
      if (next.length === 0) continue;
      transitionIssue(ctx, { id: target.id, to: pick(rng, next), resolution: '已按新流程处理' });
      edits.transitioned += 1;
    } else {
      const [word, detail] = pick(rng, PROBLEMS);
      const field = uniformInt(rng, 0, 3);
      if (field === 0) updateIssue(ctx, { id: target.id, title: `${word}问题（复核 ${i + 1}）` });
      else if (field === 1)
        updateIssue(ctx, { id: target.id, workaround: `临时办法：${detail}时先手工登记` });
      else if (field === 2) updateIssue(ctx, { id: target.id, severity: pick(rng, SEVERITIES) });
      else if (engineers.length > 0) updateIssue(ctx, { id: target.id, assigneeId: pick(rng, engineers).id });
      edits.updated += 1;
    }
  }
  return edits;
}
