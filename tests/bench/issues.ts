// `npm run bench` (part 2): the pilot issue log at 100,000 issues (issue #3 targets: filtered list and
// text search p95 ≤ 50 ms). Each case is measured next to a peer in the same run on the same data:
//   create    — createIssue (number, deadlines, history, search index, one txn) vs a bare INSERT;
//   list      — our filtered, joined, sorted page vs the same page from a plain SELECT on pilot_issue;
//   search    — our bigram FTS5 index vs LIKE '%term%' (what a sheet-style search does) and vs FTS5 trigram.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { boot } from '#services/core/boot.ts';
import { inTransaction } from '#services/core/context.ts';
import { createDepartment } from '#services/reference/departments.ts';
import { createIssue } from '#services/issues/issues.ts';
import { listIssues } from '#services/issues/queries.ts';
import { createPerson } from '#services/reference/people.ts';
import { setupProject } from '#services/reference/project.ts';
import type { IssueFilter, Severity } from '#contract/index.ts';

const TOTAL = Number(process.env.BENCH_ISSUES ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), 'wardside-bench-issues-'));

// Deterministic pseudo-random data (mulberry32), realistic Chinese ward vocabulary.
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(42);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const subjects = [
  '医嘱',
  '医保结算',
  '检验申请',
  '护理记录',
  '床位管理',
  '处方',
  '皮疹记录',
  '体温单',
  'PACS 影像',
  '挂号',
  '收费',
  '出院结算',
  '会诊申请',
  '病历模板',
  '药品字典',
  'LIS 接口',
];
const problems = [
  '无法保存',
  '打印格式错乱',
  '提示接口超时',
  '数据不同步',
  '查询很慢',
  '按钮点不动',
  '界面显示不全',
  '重复提交',
  '金额计算错误',
  '权限不足',
  '扫码枪无响应',
  '闪退',
];
const contexts = [
  '夜班交接时',
  '早上查房时',
  '急诊高峰',
  '新入院患者',
  '转科后',
  '出院当天',
  '使用旧系统数据',
  '在护士站电脑上',
  '',
];
const words = ['timeout', 'printer', 'login', 'barcode', 'HL7', 'DICOM', 'VPN', 'crash'];
const title = () =>
  `${pick(contexts)}${pick(subjects)}${pick(problems)}${rand() < 0.2 ? ' ' + pick(words) : ''}`;

function percentile(samples: number[], p: number) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function latency(runs: number, fn: (i: number) => void) {
  for (let i = 0; i < 5; i++) fn(i); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn(i);
    samples.push(performance.now() - start);
  }
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

interface Line {
  case: string;
  ours: string;
  peer: string;
  peerValue: string;
}
const lines: Line[] = [];

try {
  const ctx = boot(join(dir, 'issues.db'));
  setupProject(ctx, {
    hospital: '基准医院',
    name: 'bench',
    newSystem: 'HIS',
    goLiveDate: null,
    pilotDepartments: [],
  });
  const departments = inTransaction(ctx, () =>
    Array.from({ length: 40 }, (_, i) =>
      createDepartment(ctx, {
        code: `D${i}`,
        name: `${pick(['心内', '呼吸', '骨', '儿', '妇产', '急诊', '检验', '放射'])}科${i}病区`,
        type: 'ward',
        pilotPhase: i < 2 ? 1 : null,
      }),
    ),
  );
  const people = inTransaction(ctx, () =>
    Array.from({ length: 60 }, (_, i) =>
      createPerson(ctx, {
        name: `工程师${i}`,
        role: null,
        phone: null,
        organisation: 'vendor',
        departmentId: null,
        employeeNo: null,
      }),
    ),
  );
  const severities: Severity[] = ['P1', 'P2', 'P2', 'P3', 'P3', 'P3', 'P4'];
  const start = Date.now() - 60 * 86_400_000;
  // A pilot log as it looks after two months of same-day follow-up: issues older than three days are
  // mostly closed; recent ones mostly still open.
  const threeDaysAgo = Date.now() - 3 * 86_400_000;
  const statusFor = (reportedAt: number) =>
    reportedAt < threeDaysAgo && rand() < 0.93
      ? rand() < 0.9
        ? ('closed' as const)
        : ('resolved' as const)
      : undefined;
  const makeIssue = (i: number) => {
    const reported = start + Math.floor(rand() * 60 * 86_400_000);
    const status = statusFor(reported);
    return {
      title: title(),
      description: `${pick(contexts)}${pick(subjects)}${pick(problems)}，请尽快处理。`,
      departmentId: departments[i % departments.length]!.id,
      severity: pick(severities),
      category: 'defect' as const,
      blocking: rand() < 0.03,
      assigneeId: rand() < 0.7 ? pick(people).id : null,
      tags: [],
      reportedAt: new Date(reported).toISOString(),
      status,
      resolution: status ? '已处理' : null,
    };
  };

  // Create rate through the service, one transaction per issue (as the app writes them).
  const createN = 2000;
  let t0 = performance.now();
  for (let i = 0; i < createN; i++) createIssue(ctx, makeIssue(i));
  const createMs = performance.now() - t0;
  const raw = new Database(join(dir, 'raw.db'));
  raw.exec(
    'CREATE TABLE issue (id integer primary key, title text, department text, severity text, reported_at text)',
  );
  const ins = raw.prepare('INSERT INTO issue (title, department, severity, reported_at) VALUES (?, ?, ?, ?)');
  t0 = performance.now();
  for (let i = 0; i < createN; i++) ins.run(title(), 'D1', 'P3', new Date().toISOString());
  const rawCreateMs = performance.now() - t0;
  lines.push({
    case: 'create issue (with history + index), own txn',
    ours: `${Math.round((createN / createMs) * 1000)} issues/s`,
    peer: 'bare INSERT, own txn',
    peerValue: `${Math.round((createN / rawCreateMs) * 1000)} rows/s`,
  });

  // Fill up to TOTAL in batched transactions (what an import does).
  t0 = performance.now();
  for (let done = createN; done < TOTAL;) {
    const batch = Math.min(5000, TOTAL - done);
    inTransaction(ctx, () => {
      for (let i = 0; i < batch; i++) createIssue(ctx, makeIssue(done + i));
    });
    done += batch;
  }
  const fillMs = performance.now() - t0;
  lines.push({
    case: `create issues in 5,000-row txns (to ${TOTAL})`,
    ours: `${Math.round(((TOTAL - createN) / fillMs) * 1000)} issues/s`,
    peer: '',
    peerValue: '',
  });
  ctx.sqlite.exec('ANALYZE');

  // Filtered list pages (first page, 100 rows) over a mix of realistic filters.
  const now = new Date();
  const filters: IssueFilter[] = [
    {},
    { onlyOpen: true },
    { departmentIds: [departments[3]!.id], onlyOpen: true },
    { severities: ['P1', 'P2'], overdue: true },
    { assigneeIds: [people[5]!.id] },
    { blocking: true },
    { reportedFrom: new Date(now.getTime() - 7 * 86_400_000).toISOString().slice(0, 10) },
    { departmentIds: departments.slice(0, 5).map((d) => d.id), statuses: ['new', 'acknowledged'] },
  ];
  const sorts = ['reportedAt', 'severity', 'department', 'status', 'resolutionDueAt'] as const;
  const list = latency(200, (i) =>
    listIssues(ctx, {
      filter: filters[i % filters.length]!,
      sort: { key: sorts[i % sorts.length]!, dir: 'desc' },
      offset: 0,
      limit: 100,
    }),
  );
  const plain = ctx.sqlite.prepare(
    'SELECT * FROM pilot_issue WHERE status IN (?, ?) ORDER BY reported_at DESC LIMIT 100',
  );
  const plainList = latency(200, () => plain.all('new', 'acknowledged'));
  if (process.env.BENCH_VERBOSE) {
    for (const filter of filters) {
      for (const key of sorts) {
        const one = latency(10, () =>
          listIssues(ctx, { filter, sort: { key, dir: 'desc' }, offset: 0, limit: 100 }),
        );
        if (one.p95 > 20)
          console.log(`slow: ${JSON.stringify(filter)} by ${key}: p95 ${one.p95.toFixed(1)} ms`);
      }
    }
  }
  lines.push({
    case: `issues.list, 8 filters × 5 sorts, page of 100 (${TOTAL} issues)`,
    ours: `p50 ${list.p50.toFixed(1)} ms, p95 ${list.p95.toFixed(1)} ms`,
    peer: 'plain indexed SELECT page',
    peerValue: `p50 ${plainList.p50.toFixed(1)} ms, p95 ${plainList.p95.toFixed(1)} ms`,
  });

  // Text search: two-character Chinese words, longer phrases, English words.
  const queries = [
    '医保',
    '皮疹',
    '医嘱',
    '接口超时',
    '医保结算',
    '打印格式',
    'timeout',
    'HL7',
    '夜班交接',
    '扫码枪',
  ];
  const search = latency(200, (i) =>
    listIssues(ctx, {
      filter: { text: queries[i % queries.length] },
      sort: { key: 'reportedAt', dir: 'desc' },
      offset: 0,
      limit: 100,
    }),
  );
  const like = ctx.sqlite.prepare(
    "SELECT id FROM pilot_issue WHERE title LIKE '%' || ? || '%' OR description LIKE '%' || ? || '%' ORDER BY reported_at DESC LIMIT 100",
  );
  const likeCount = ctx.sqlite.prepare(
    "SELECT count(*) FROM pilot_issue WHERE title LIKE '%' || ? || '%' OR description LIKE '%' || ? || '%'",
  );
  const likeSearch = latency(60, (i) => {
    const q = queries[i % queries.length]!;
    likeCount.get(q, q);
    like.all(q, q);
  });
  lines.push({
    case: 'text search (zh 2–4 chars, en words) + count, page of 100',
    ours: `p50 ${search.p50.toFixed(1)} ms, p95 ${search.p95.toFixed(1)} ms`,
    peer: "LIKE '%term%' on title+description",
    peerValue: `p50 ${likeSearch.p50.toFixed(1)} ms, p95 ${likeSearch.p95.toFixed(1)} ms`,
  });

  // FTS5 trigram as the other peer: it cannot find 2-character words at all.
  ctx.sqlite.exec(
    "CREATE VIRTUAL TABLE tri USING fts5(body, tokenize='trigram'); INSERT INTO tri(rowid, body) SELECT rowid, title || ' ' || coalesce(description, '') FROM pilot_issue",
  );
  const tri = ctx.sqlite.prepare('SELECT rowid FROM tri WHERE tri MATCH ? LIMIT 100');
  let triMisses = 0;
  const triSearch = latency(200, (i) => {
    const q = queries[i % queries.length]!;
    if ([...q].length < 3) {
      triMisses++;
      return;
    }
    tri.all(`"${q}"`);
  });
  const ours2 = (q: string) =>
    listIssues(ctx, { filter: { text: q }, sort: { key: 'reportedAt', dir: 'desc' }, offset: 0, limit: 1 })
      .total;
  lines.push({
    case: 'finds 医保 / 皮疹 (2-char words)',
    ours: `${ours2('医保')} / ${ours2('皮疹')} issues`,
    peer: 'FTS5 trigram (3+ chars only)',
    peerValue: `cannot (${triMisses} of 200 queries skipped); p95 ${triSearch.p95.toFixed(1)} ms on the rest`,
  });
  ctx.close();
  raw.close();
  console.table(lines);
} finally {
  if (process.env.BENCH_KEEP) console.log(`kept ${join(dir, 'issues.db')}`);
  else rmSync(dir, { recursive: true, force: true });
}
