// Generates the reconciliation bench pairs: an old and a new export of an outpatient charge list (12
// columns, about 125 bytes a row), with about 0.5 % of rows missing in new, 0.5 % extra in new and 1 %
// changed in exactly one compared column, plus the answer key every tool's counts are checked against.
//   same:  both UTF-8, English headers, identical formatting
//   cross: old GB18030 with Chinese headers, thousands separators and 2026/11/20 08:05:03 times;
//          new UTF-8 with English headers, plain numbers without trailing zeros and ISO times
// Files are cached under os.tmpdir() by row count and form (regenerated when the generator changes).
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import type { Profile } from '#contract/reconcile-engine.ts';

export type BenchForm = 'same' | 'cross';

export interface AnswerKey {
  oldRows: number;
  newRows: number;
  matched: number;
  missingInNew: number;
  missingInOld: number;
  rowsWithDifferences: number;
  /** New-side column → rows that differ in it. */
  fieldDifferences: Record<string, number>;
  /** Exact sums in cents / units, by new-side column. */
  sumsOld: Record<string, number>;
  sumsNew: Record<string, number>;
}

export interface BenchPair {
  oldFile: string;
  newFile: string;
  profile: Profile;
  answer: AnswerKey;
  form: BenchForm;
  rows: number;
}

const GENERATOR_VERSION = 4;

const english = [
  'visit_no',
  'line_no',
  'patient_id',
  'patient_name',
  'dept',
  'item_code',
  'item_name',
  'qty',
  'unit_price',
  'amount',
  'charged_at',
  'status',
];
const chinese = [
  '就诊号',
  '明细序号',
  '患者编号',
  '患者姓名',
  '科室',
  '项目编码',
  '项目名称',
  '数量',
  '单价',
  '金额',
  '收费时间',
  '状态',
];
const compareOf: Record<string, Profile['columns'][number]['compare']> = {
  qty: 'number',
  unit_price: 'number',
  amount: 'number',
  charged_at: 'datetime',
};
/** Columns a changed row may differ in (one each). */
const changeable = ['patient_name', 'dept', 'item_name', 'qty', 'amount', 'charged_at', 'status'];

const surnames = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗'];
const given = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华'];
const depts = [
  '内科门诊',
  '外科门诊',
  '儿科门诊',
  '妇产科',
  '眼科',
  '口腔科',
  '皮肤科',
  '急诊科',
  '中医科',
  '康复医学科',
];
const items = [
  '血常规检查',
  '尿常规',
  '肝功能七项',
  '胸部正位片',
  '心电图',
  '阿莫西林胶囊',
  '静脉输液',
  '门诊诊查费',
  '彩超检查',
  '针灸治疗',
];
const statuses = ['已收', '已退费', '部分退费'];

/** mulberry32: a small seeded generator, so every run compares the same files. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Row {
  visit: number;
  line: number;
  patient: number;
  name: string;
  dept: string;
  item: number;
  qty: number;
  /** cents */
  price: number;
  /** seconds since 2026-11-20 00:00 */
  at: number;
  status: string;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

function cents(value: number, thousands: boolean, trimZeros: boolean): string {
  const whole = Math.floor(value / 100);
  const fraction = value % 100;
  let text = thousands ? whole.toLocaleString('en-US') : String(whole);
  if (!trimZeros) text += '.' + pad(fraction, 2);
  else if (fraction) text += '.' + pad(fraction, 2).replace(/0$/, '');
  return thousands && text.includes(',') ? `"${text}"` : text;
}

function time(seconds: number, style: 'slash' | 'iso' | 'plain'): string {
  const h = pad(Math.floor(seconds / 3600), 2);
  const m = pad(Math.floor(seconds / 60) % 60, 2);
  const s = pad(seconds % 60, 2);
  if (style === 'slash') return `2026/11/20 ${h}:${m}:${s}`;
  if (style === 'iso') return `2026-11-20T${h}:${m}:${s}`;
  return `2026-11-20 ${h}:${m}:${s}`;
}

function line(r: Row, side: 'old' | 'new', form: BenchForm): string {
  const crossOld = form === 'cross' && side === 'old';
  const crossNew = form === 'cross' && side === 'new';
  const amount = r.qty * r.price;
  return [
    pad(r.visit, 12),
    pad(r.line, 2),
    'P' + pad(r.patient, 10),
    r.name,
    r.dept,
    'ITM-' + pad(r.item, 8),
    items[r.item % items.length],
    String(r.qty),
    cents(r.price, crossOld, crossNew),
    cents(amount, crossOld, crossNew),
    time(r.at, crossOld ? 'slash' : crossNew ? 'iso' : 'plain'),
    r.status,
  ].join(',');
}

export function benchProfile(form: BenchForm): Profile {
  return {
    name: '门诊收费明细',
    columns: english.map((name, i) => ({
      old: form === 'cross' ? chinese[i]! : name,
      new: name,
      ...(i < 2 ? { key: true } : {}),
      ...(compareOf[name] ? { compare: compareOf[name] } : {}),
      ...(name === 'amount' ? { tolerance: 0.005 } : {}),
    })),
  };
}

class Writer {
  fd: number;
  parts: string[] = [];
  size = 0;
  encoding: 'utf-8' | 'gb18030';
  constructor(path: string, encoding: 'utf-8' | 'gb18030') {
    this.fd = openSync(path, 'w');
    this.encoding = encoding;
  }
  write(text: string) {
    this.parts.push(text);
    this.size += text.length;
    if (this.size > 1 << 20) this.flush();
  }
  flush() {
    const text = this.parts.join('');
    writeSync(
      this.fd,
      this.encoding === 'gb18030' ? iconv.encode(text, 'gb18030') : Buffer.from(text, 'utf8'),
    );
    this.parts = [];
    this.size = 0;
  }
  close() {
    this.flush();
    closeSync(this.fd);
  }
}

const addSums = (sums: Record<string, number>, r: Row) => {
  sums.qty! += r.qty;
  sums.unit_price! += r.price;
  sums.amount! += r.qty * r.price;
};

export function benchPair(rows: number, form: BenchForm): BenchPair {
  const dir = join(tmpdir(), 'wardside-bench-reconcile', `${rows}-${form}-v${GENERATOR_VERSION}`);
  const oldFile = join(dir, 'old.csv');
  const newFile = join(dir, 'new.csv');
  const answerFile = join(dir, 'answer.json');
  const profile = benchProfile(form);
  if (existsSync(answerFile)) {
    return { oldFile, newFile, profile, form, rows, answer: JSON.parse(readFileSync(answerFile, 'utf8')) };
  }
  mkdirSync(dir, { recursive: true });
  const rand = random(rows * 7 + (form === 'cross' ? 1 : 0));
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;

  const makeRow = (i: number): Row => ({
    visit: 1 + Math.floor(i / 3) * 7,
    line: (i % 3) + 1,
    patient: Math.floor(rand() * 5e7),
    name: pick(surnames) + pick(given) + (rand() < 0.5 ? pick(given) : ''),
    dept: pick(depts),
    item: Math.floor(rand() * 200_000),
    qty: 1 + Math.floor(rand() * 5),
    price: 50 + Math.floor(rand() * 300_000),
    at: Math.floor(rand() * 86_400),
    status: pick(statuses),
  });

  const oldOut = new Writer(oldFile, form === 'cross' ? 'gb18030' : 'utf-8');
  const newOut = new Writer(newFile, 'utf-8');
  oldOut.write((form === 'cross' ? chinese : english).join(',') + '\r\n');
  newOut.write(english.join(',') + '\n');

  const fieldDifferences: Record<string, number> = {};
  for (const name of english) if (!name.endsWith('_no')) fieldDifferences[name] = 0;
  const answer: AnswerKey = {
    oldRows: 0,
    newRows: 0,
    matched: 0,
    missingInNew: 0,
    missingInOld: 0,
    rowsWithDifferences: 0,
    fieldDifferences,
    sumsOld: { qty: 0, unit_price: 0, amount: 0 },
    sumsNew: { qty: 0, unit_price: 0, amount: 0 },
  };

  // The new system exports in its own order: rows are shuffled within windows of 10,000.
  const window: string[] = [];
  const flushWindow = () => {
    for (let i = window.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [window[i], window[j]] = [window[j]!, window[i]!];
    }
    for (const text of window) newOut.write(text + '\n');
    window.length = 0;
  };
  const emitNew = (r: Row) => {
    answer.newRows++;
    addSums(answer.sumsNew, r);
    window.push(line(r, 'new', form));
    if (window.length >= 10_000) flushWindow();
  };

  let extraVisit = 900_000_000;
  for (let i = 0; i < rows; i++) {
    const r = makeRow(i);
    oldOut.write(line(r, 'old', form) + '\r\n');
    answer.oldRows++;
    addSums(answer.sumsOld, r);
    const dice = rand();
    if (dice < 0.005) {
      answer.missingInNew++;
      continue;
    }
    answer.matched++;
    if (dice < 0.015) {
      const column = pick(changeable);
      const changed = { ...r };
      if (column === 'patient_name') changed.name = r.name + '某';
      else if (column === 'dept') changed.dept = depts[(depts.indexOf(r.dept) + 1) % depts.length]!;
      else if (column === 'item_name') changed.item = r.item + 1;
      else if (column === 'qty') changed.qty = r.qty + 1;
      else if (column === 'amount') changed.price = r.price + 1;
      else if (column === 'charged_at') changed.at = (r.at + 60) % 86_400;
      else changed.status = statuses[(statuses.indexOf(r.status) + 1) % statuses.length]!;
      // item_code follows the item; the amount follows qty and unit price.
      const differs =
        column === 'item_name'
          ? ['item_code', 'item_name']
          : column === 'qty'
            ? ['qty', 'amount']
            : column === 'amount'
              ? ['unit_price', 'amount']
              : [column];
      for (const c of differs) answer.fieldDifferences[c]!++;
      answer.rowsWithDifferences++;
      emitNew(changed);
    } else {
      emitNew(r);
    }
    if (rand() < 0.005) {
      answer.missingInOld++;
      emitNew({ ...makeRow(i), visit: extraVisit++, line: 1 });
    }
  }
  flushWindow();
  oldOut.close();
  newOut.close();
  writeFileSync(answerFile + '.tmp', JSON.stringify(answer, null, 2));
  renameSync(answerFile + '.tmp', answerFile);
  return { oldFile, newFile, profile, form, rows, answer };
}
