// Lenient readings of the values people type into an issue sheet (试运行问题清单): severities as P1, 高 or
// 2; statuses in Chinese or English; yes/no flags; dates as Excel serial numbers or text in the common
// formats, in local time. Pure functions, so each reading is unit-tested without a database. The labels of
// the catalogue (both languages) are accepted too, so a sheet exported by Wardside reads back as itself.
import { en, zhCN } from '#contract/i18n/index.ts';
import {
  issueCategories,
  issueStatuses,
  severities,
  type IssueCategory,
  type IssueStatus,
  type Severity,
} from '#contract/index.ts';

/** Lower case, NFKC (fullwidth → ASCII), no spaces or quotes: "P1 影响患者诊疗" → "p1影响患者诊疗". */
export const normaliseValue = (s: string) =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s'"“”‘’`]/g, '');

function lookup<T extends string>(words: Record<T, string[]>): (value: string) => T | undefined {
  const table = new Map<string, T>();
  for (const [key, list] of Object.entries(words) as [T, string[]][]) {
    for (const word of list) table.set(normaliseValue(word), key);
  }
  return (value) => table.get(normaliseValue(value));
}

const catalogueLabels = <K extends string>(key: K, pick: (c: typeof zhCN) => Record<K, string>) => [
  pick(zhCN)[key],
  pick(en as unknown as typeof zhCN)[key],
];

// ---------------------------------------------------------------- severity

const severityWords: Record<Severity, string[]> = {
  P1: [
    '1',
    '一级',
    '紧急',
    '特急',
    '非常紧急',
    '危急',
    '致命',
    '最高',
    'critical',
    'urgent',
    'blocker',
    's1',
  ],
  P2: ['2', '二级', '高', '严重', '重要', '较高', '较紧急', 'high', 'major', 'severe', 's2'],
  P3: ['3', '三级', '中', '一般', '普通', '中等', 'medium', 'normal', 'moderate', 's3'],
  P4: ['4', '四级', '低', '轻微', '较低', '建议', '提示', 'low', 'minor', 'trivial', 'cosmetic', 's4'],
};
for (const s of severities) severityWords[s].push(s, ...catalogueLabels(s, (c) => c.issue.severities));
const severityOf = lookup(severityWords);

/** P1..P4, 紧急/高/中/低, 1–4, or a label starting "P2 …"; undefined when unrecognised. */
export function parseSeverity(value: string): Severity | undefined {
  const exact = severityOf(value);
  if (exact) return exact;
  const leading = /^p([1-4])(?![0-9])/.exec(normaliseValue(value));
  return leading ? (`P${leading[1]}` as Severity) : undefined;
}

// ---------------------------------------------------------------- status

const statusWords: Record<IssueStatus, string[]> = {
  new: [
    '新',
    '新建',
    '新提出',
    '新增',
    '待处理',
    '未处理',
    '未解决',
    '待响应',
    '未开始',
    'new',
    'open',
    'todo',
    'to do',
  ],
  acknowledged: ['已响应', '已受理', '已接收', '已反馈', '已接单', 'acknowledged', 'ack', 'received'],
  in_progress: [
    '处理中',
    '进行中',
    '正在处理',
    '跟进中',
    '修改中',
    '开发中',
    '待修复',
    'in progress',
    'inprogress',
    'doing',
    'working',
  ],
  resolved: [
    '已解决',
    '已处理',
    '已修复',
    '已完成',
    '完成',
    '解决',
    '待确认',
    '待验证',
    'resolved',
    'fixed',
    'done',
  ],
  verified: ['已确认', '已验证', '科室确认', '已验收', 'verified', 'confirmed'],
  closed: ['已关闭', '关闭', '已结束', '结案', '已结案', 'closed'],
  reopened: ['重新打开', '重开', '再次打开', 'reopened', 'reopen'],
  wont_fix: [
    '不予处理',
    '不处理',
    '暂不处理',
    '不修改',
    '无需处理',
    '挂起',
    "won't fix",
    'wont fix',
    'wontfix',
    'rejected',
  ],
  duplicate: ['重复', '重复问题', '重复提交', 'duplicate', 'dup'],
};
for (const s of issueStatuses) statusWords[s].push(s, ...catalogueLabels(s, (c) => c.issue.statuses));
const statusOf = lookup(statusWords);

export function parseStatus(value: string): IssueStatus | undefined {
  return statusOf(value);
}

// ---------------------------------------------------------------- category

const categoryWords: Record<IssueCategory, string[]> = {
  defect: [
    '缺陷',
    '系统缺陷',
    '程序缺陷',
    'bug',
    '故障',
    '系统故障',
    '程序问题',
    '系统问题',
    '报错',
    'defect',
    'error',
  ],
  change_request: [
    '需求',
    '需求变更',
    '新需求',
    '变更',
    '改进',
    '优化',
    '功能需求',
    '需求问题',
    'change',
    'change request',
    'feature',
    'enhancement',
    'requirement',
  ],
  usability: ['易用性', '界面', '操作不便', '体验', '界面问题', 'ui', 'usability'],
  training: [
    '培训',
    '操作咨询',
    '培训/操作咨询',
    '咨询',
    '操作问题',
    '使用问题',
    '使用咨询',
    '操作',
    'training',
    'how-to',
    'howto',
    'question',
  ],
  data_interface: [
    '数据',
    '接口',
    '数据或接口',
    '数据问题',
    '接口问题',
    '数据/接口',
    '数据接口',
    'data',
    'interface',
    'data/interface',
  ],
  hardware_network: [
    '硬件',
    '网络',
    '硬件或网络',
    '硬件问题',
    '网络问题',
    '设备',
    '打印机',
    '硬件/网络',
    'hardware',
    'network',
    'hardware/network',
  ],
};
for (const c of issueCategories) categoryWords[c].push(c, ...catalogueLabels(c, (x) => x.issue.categories));
const categoryOf = lookup(categoryWords);

/**
 * Words that name a category inside a longer value of a hospital's 问题分类 (打印机故障, 数据错误, 操作培训),
 * checked in this order when the whole value is no known word.
 */
const categoryParts: [IssueCategory, RegExp][] = [
  ['hardware_network', /硬件|网络|打印|扫码|设备|断网|hardware|network|printer/i],
  ['data_interface', /数据|接口|对接|data|interface/i],
  ['training', /培训|咨询|不会|操作不熟|how ?to|training/i],
  ['usability', /界面|易用|体验|显示|usability/i],
  ['change_request', /需求|变更|优化|建议|新增|request|feature/i],
  ['defect', /缺陷|故障|报错|错误|异常|bug|defect|功能问题|软件问题|程序/i],
];

export function parseCategory(value: string): IssueCategory | undefined {
  const exact = categoryOf(value);
  if (exact || !value.trim()) return exact;
  return categoryParts.find(([, words]) => words.test(value))?.[0];
}

// ---------------------------------------------------------------- yes / no

const flagOf = lookup<'yes' | 'no'>({
  yes: ['是', '阻断', '阻断上线', '影响上线', 'y', 'yes', 'true', '1', '√', '✓', '✔', '有', '需要', 'x'],
  no: ['否', '不阻断', '不影响', 'n', 'no', 'false', '0', '×', '✗', '无', '不需要', '-', '/'],
});

/** 是/否, Y/N, yes/no, true/false, 1/0, √/×. Empty → false; undefined when unrecognised. */
export function parseFlag(value: string): boolean | undefined {
  if (!value.trim()) return false;
  const v = flagOf(value);
  return v === undefined ? undefined : v === 'yes';
}

// ---------------------------------------------------------------- tags

/** Tags separated by commas, 、, semicolons, | or line breaks. */
export function parseTags(value: string): string[] {
  const tags = value
    .split(/[,，、;；|\n]/)
    .map((t) => t.trim())
    .filter(Boolean);
  return [...new Set(tags)];
}

// ---------------------------------------------------------------- dates

/** Excel day 0 (1899-12-30; the 1900 leap-year bug is already folded in for every date after March 1900). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
/** Serial numbers read as dates: 1954-10-03 … 2119-01-10. Anything else is not a plausible report date. */
const SERIAL_MIN = 20_000;
const SERIAL_MAX = 80_000;

function localDate(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): Date | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined;
  const date = new Date(y, mo - 1, d, h, mi, s, 0);
  // 2026-02-30 would roll over to March: refuse it rather than guess.
  if (date.getFullYear() !== y || date.getMonth() !== mo - 1 || date.getDate() !== d) return undefined;
  return date;
}

/** An Excel serial day number (46329.395833…) as the local wall-clock time it shows in Excel. */
export function fromExcelSerial(serial: number): Date | undefined {
  if (!(serial >= SERIAL_MIN && serial < SERIAL_MAX)) return undefined;
  const utc = new Date(EXCEL_EPOCH + Math.round(serial * 86_400) * 1000);
  return localDate(
    utc.getUTCFullYear(),
    utc.getUTCMonth() + 1,
    utc.getUTCDate(),
    utc.getUTCHours(),
    utc.getUTCMinutes(),
    utc.getUTCSeconds(),
  );
}

/** Optional time part: "9:30", "09:30:15", "9时30分", "下午3:30", "3:30 PM". */
function parseTime(rest: string): [number, number, number] | undefined {
  let text = rest.trim();
  if (!text) return [0, 0, 0];
  let pm: boolean | undefined;
  const marker = /^(上午|早上|凌晨|下午|晚上|中午)|\s*(am|pm)$/i.exec(text);
  if (marker) {
    const word = (marker[1] ?? marker[2] ?? '').toLowerCase();
    pm = ['下午', '晚上', 'pm', '中午'].includes(word);
    text = text.replace(marker[0], '').trim();
  }
  const m = /^(\d{1,2})(?:[:：时点](?:(\d{1,2})(?:[:：分](?:(\d{1,2})(?:\.\d+)?秒?)?)?分?)?)?$/.exec(text);
  if (!m) return undefined;
  let h = Number(m[1]);
  if (pm !== undefined) {
    if (h > 12) return undefined;
    if (pm && h < 12) h += 12;
    if (!pm && h === 12) h = 0;
  }
  return [h, Number(m[2] ?? 0), Number(m[3] ?? 0)];
}

/**
 * A date as people put it in a sheet, in local time: an Excel serial number, "2026-11-03",
 * "2026/11/3 9:30", "2026.11.03", "2026年11月3日 9时30分", "20261103", US "11/3/2026 9:30" (day first when
 * the first number is above 12), or an ISO timestamp with a zone. undefined when it is none of these.
 */
export function parseSheetDate(value: string): Date | undefined {
  const text = value.normalize('NFKC').trim();
  if (!text) return undefined;
  if (/^\d+(\.\d+)?$/.test(text) && !/^\d{8}$/.test(text)) return fromExcelSerial(Number(text));
  // ISO with an explicit zone is an instant, not a wall-clock time.
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(text)) {
    const t = Date.parse(text);
    return Number.isNaN(t) ? undefined : new Date(t);
  }
  let m = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (m) return localDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(\s*[日号])?[\sT]*(.*)$/.exec(text);
  if (m) {
    // Digits straight after the day ("2026-11-039:30") only make sense after 日 ("2026年11月3日9时").
    if (!m[4] && /^\d/.test(m[5]!) && !/[\sT]$/.test(text.slice(0, text.length - m[5]!.length)))
      return undefined;
    const time = parseTime(m[5]!);
    return time && localDate(Number(m[1]), Number(m[2]), Number(m[3]), ...time);
  }
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[\sT]+(.*))?$/.exec(text);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const [month, day] = a > 12 ? [b, a] : [a, b];
    const time = parseTime(m[4] ?? '');
    return time && localDate(Number(m[3]), month, day, ...time);
  }
  return undefined;
}
