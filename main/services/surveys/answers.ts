// Reading a satisfaction survey export (问卷星 / 腾讯问卷): which column is the department, the overall
// score, the role and the comments; what an answer means (words or 1–5 scores); department names matched
// to the department list (the one database read, through reference/department-match.ts).
import type { Ctx } from '#services/core/context.ts';
import { planDepartments } from '#services/reference/department-match.ts';

/** "3、您对新HIS系统的总体满意度：" → "您对新HIS系统的总体满意度". */
export function cleanHeader(header: string): string {
  return header
    .replace(/^\s*(?:Q\s*)?\d+\s*[、.．:：)）]\s*/i, '')
    .replace(/[：:？?\s]+$/, '')
    .trim();
}

/** Metadata columns the tools add before the questions; never a question. */
const METADATA =
  /^(序号|编号|提交答卷时间|提交时间|开始答题时间|答题时间|所用时间|来源|来源详情|来自ip|ip|ip地址|总分|用户id|昵称)$/i;

export const isMetadata = (header: string) => METADATA.test(cleanHeader(header).replace(/\s/g, ''));

export interface SurveyColumns {
  department: number | null;
  score: number | null;
  role: number | null;
  comments: number[];
  submittedAt: number | null;
}

/** Default columns: 科室 for the department; 总体满意度, else the first 满意, for the score. */
export function detectColumns(headers: string[]): SurveyColumns {
  const clean = headers.map(cleanHeader);
  const first = (test: (h: string, i: number) => boolean) => {
    const i = clean.findIndex((h, j) => !isMetadata(headers[j]!) && test(h, j));
    return i < 0 ? null : i;
  };
  const department = first((h) => h.includes('科室'));
  const score =
    first((h) => h.includes('总体满意度')) ?? first((h, i) => h.includes('满意') && i !== department);
  const role = first((h, i) => /岗位|职务|角色|身份|职业|职称/.test(h) && i !== department && i !== score);
  const comments = clean.flatMap((h, i) =>
    /意见|建议|留言|其他|评价|问题/.test(h) && !h.includes('满意') && i !== department && i !== role
      ? [i]
      : [],
  );
  const submitted = clean.findIndex((h) => /^(提交答卷时间|提交时间)$/.test(h.replace(/\s/g, '')));
  return { department, score, role, comments, submittedAt: submitted < 0 ? null : submitted };
}

/** A header named on the command line or picked in the preview: exact, then cleaned, then "contains". */
export function findColumn(headers: string[], wanted: string): number | null {
  const w = wanted.trim();
  let i = headers.findIndex((h) => h.trim() === w);
  if (i < 0) i = headers.findIndex((h) => cleanHeader(h) === cleanHeader(w));
  if (i < 0) i = headers.findIndex((h) => h.includes(w));
  return i < 0 ? null : i;
}

// Longer words first: 非常不满意 contains 不满意 contains 满意.
const WORDS: [string, number][] = [
  ['非常不满意', 1],
  ['很不满意', 1],
  ['比较不满意', 2],
  ['不太满意', 2],
  ['不满意', 2],
  ['非常满意', 5],
  ['很满意', 5],
  ['比较满意', 4],
  ['基本满意', 3],
  ['满意', 4],
  ['一般', 3],
];

/** An answer as a 1–5 score: a word (非常满意 … 非常不满意), a number, or "5分"; null when blank or unreadable. */
export function scoreOf(answer: string): number | null {
  const text = answer.normalize('NFKC').trim();
  if (!text) return null;
  const number = /^(\d+(?:\.\d+)?)\s*分?$/.exec(text);
  if (number) {
    const n = Math.round(Number(number[1]));
    return n >= 1 && n <= 5 ? n : null;
  }
  for (const [word, score] of WORDS) if (text.includes(word)) return score;
  return null;
}

/** Satisfied = 非常满意 or 满意, or a score ≥ 4. */
export const isSatisfied = (score: number | null) => (score === null ? null : score >= 4);

/**
 * The department a survey names, as every import matches departments (reference/department-match.ts): its
 * code or name ignoring case, width and spaces, else the one department with a close name (心内科 ~
 * 心血管内科, 骨科 ~ 骨科一病区). A name that matches none is not created: the survey keeps it as written.
 */
export function departmentMatcher(ctx: Ctx) {
  const seen = new Map<string, { id: string; name: string } | null>();
  return (written: string): { id: string; name: string } | null => {
    const name = written.trim();
    if (!name) return null;
    if (seen.has(name)) return seen.get(name)!;
    const plan = planDepartments(ctx, [name]);
    const exact = [...plan.matched.values()][0];
    const close = plan.proposed[0];
    const found = exact
      ? { id: exact.id, name: exact.name }
      : close?.departmentId
        ? { id: close.departmentId, name: close.target }
        : null;
    seen.set(name, found);
    return found;
  };
}

/** "2026/11/20 10:23:45" or "2026-11-20 10:23" (local) → ISO; null when not a date. */
export function submittedIso(text: string): string | null {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(
    text.trim(),
  );
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = m;
  const date = new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
