// The mapping wizard's suggestions: which header of the old export goes with which of the new one. Same
// header first, then known Chinese/English synonyms of hospital exports (收费单号 ↔ charge_no), then close
// spellings (patient_name ↔ PatientName1). Each pair also gets a guessed key flag and compare kind, which
// the user confirms or changes.
import type { SuggestedPair, Suggestion } from '#contract/index.ts';
import { normaliseHeader } from '#services/sheets/column-mapping.ts';
import type { CompareKind } from '#contract/reconcile-engine.ts';
import { parseDateTime, parseNumberText } from './engine/values.ts';

interface Group {
  words: string[];
  compare?: CompareKind;
  /** Identifies a row (a key candidate). */
  key?: boolean;
}

const groups: Group[] = [
  { words: ['收费单号', '收据号', '单据号', 'charge_no', 'bill_no', 'receipt_no'], key: true },
  { words: ['发票号', 'invoice_no'], key: true },
  { words: ['医嘱号', '医嘱id', 'order_no', 'order_id'], key: true },
  { words: ['明细号', '明细id', '流水号', 'detail_id', 'serial_no', 'line_no', 'item_seq'], key: true },
  { words: ['标本号', '条码号', 'specimen_no', 'sample_no', 'barcode'], key: true },
  { words: ['处方号', 'prescription_no', 'rx_no'], key: true },
  { words: ['病人id', '患者id', '病人编号', '患者编号', 'patient_id', 'pid'] },
  { words: ['住院号', 'inpatient_no', 'admission_no', 'ip_no'] },
  { words: ['门诊号', 'outpatient_no', 'clinic_no', 'op_no'] },
  { words: ['就诊号', 'visit_no', 'visit_id', 'encounter_id'] },
  { words: ['姓名', '患者姓名', '病人姓名', 'name', 'patient_name'] },
  { words: ['性别', 'sex', 'gender'] },
  { words: ['年龄', 'age'], compare: 'number' },
  { words: ['科室', '科室名称', '开单科室', 'dept', 'department', 'dept_name'] },
  { words: ['科室编码', '科室代码', 'dept_code', 'department_code'] },
  { words: ['医生', '医师', '开单医生', '开单医师', 'doctor', 'physician', 'ordering_doctor'] },
  { words: ['床号', 'bed', 'bed_no'] },
  { words: ['项目编码', '项目代码', '收费项目编码', 'item_code', 'code'] },
  { words: ['项目名称', '收费项目', '项目', 'item', 'item_name'] },
  { words: ['药品编码', 'drug_code'] },
  { words: ['药品名称', '药品', 'drug', 'drug_name', 'medicine'] },
  { words: ['规格', 'spec', 'specification'] },
  { words: ['单位', 'unit'] },
  { words: ['数量', 'quantity', 'qty', 'count'], compare: 'number' },
  { words: ['单价', '价格', 'price', 'unit_price'], compare: 'number' },
  {
    words: ['金额', '总金额', '费用', '应收金额', '实收金额', 'amount', 'total', 'fee', 'cost'],
    compare: 'number',
  },
  { words: ['费用类别', '费别', '收费类别', 'fee_type', 'fee_category', 'charge_type'] },
  { words: ['自付金额', '自费金额', 'self_pay', 'out_of_pocket'], compare: 'number' },
  { words: ['医保金额', '统筹金额', 'insurance_amount', 'insured_amount'], compare: 'number' },
  // Datetime columns go by `_time`, `_date`, `_datetime` and `_at` (charged_at) in English exports.
  {
    words: [
      '收费时间',
      '收费日期',
      '结算时间',
      'charge_time',
      'charge_date',
      'charge_datetime',
      'charged_at',
      'charge_at',
      'billing_time',
      'billed_at',
      'settle_time',
      'settled_at',
      'paid_at',
      'pay_time',
    ],
    compare: 'datetime',
  },
  {
    words: ['开单时间', '医嘱时间', '下达时间', 'order_time', 'order_datetime', 'ordered_at'],
    compare: 'datetime',
  },
  { words: ['执行时间', 'exec_time', 'execute_time', 'executed_at'], compare: 'datetime' },
  { words: ['发药时间', 'dispense_time', 'dispensed_at'], compare: 'datetime' },
  { words: ['报告时间', 'report_time', 'reported_at'], compare: 'datetime' },
  { words: ['采样时间', '采集时间', 'collect_time', 'collected_at', 'sampled_at'], compare: 'datetime' },
  { words: ['入院时间', 'admit_time', 'admission_time', 'admitted_at'], compare: 'datetime' },
  { words: ['出院时间', 'discharge_time', 'discharged_at'], compare: 'datetime' },
  { words: ['日期', '时间', '业务日期', 'date', 'time', 'datetime', 'business_date'], compare: 'datetime' },
  { words: ['检验项目', '检验名称', 'test', 'test_name', 'test_code'] },
  { words: ['结果', '检验结果', 'result', 'value', 'result_value'] },
  { words: ['参考范围', '参考值', 'reference_range', 'ref_range'] },
  { words: ['状态', 'status', 'state'] },
  { words: ['收费员', '操作员', 'cashier', 'operator'] },
  { words: ['备注', '说明', 'remark', 'note', 'comment'] },
];

// normaliseHeader strips "_" too, so charge_no and ChargeNo and "Charge No" all read "chargeno".
const groupOf = new Map<string, Group>();
for (const g of groups)
  for (const w of g.words) if (!groupOf.has(normaliseHeader(w))) groupOf.set(normaliseHeader(w), g);

/** Similarity of two normalised headers, 0..1, from their edit distance. */
function similarity(a: string, b: string): number {
  if (!a || !b) return 0;
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return 1 - prev[y.length]! / Math.max(x.length, y.length);
}

const looksLikeId = (h: string) => /(单号|编号|流水号|号$|id$|no$|code$)/.test(normaliseHeader(h));

function guessByName(oldHeader: string, newHeader: string): CompareKind {
  const g = groupOf.get(normaliseHeader(oldHeader)) ?? groupOf.get(normaliseHeader(newHeader));
  if (g?.compare) return g.compare;
  const both = `${normaliseHeader(oldHeader)} ${normaliseHeader(newHeader)}`;
  if (/金额|价|费|amount|price|fee|qty|数量/.test(both)) return 'number';
  if (/时间|日期|date|time/.test(both) || /[a-z]_at$/i.test(`${oldHeader} ${newHeader}`)) return 'datetime';
  return 'text';
}

/**
 * The name's guess, kept only when the sample values agree (issue 12 §16): 费用类别 holds 西药费, not a number,
 * so it compares as text. Without samples the name decides.
 */
function guessCompare(oldHeader: string, newHeader: string, values: string[]): CompareKind {
  const kind = guessByName(oldHeader, newHeader);
  const present = values.map((v) => v.trim()).filter((v) => v !== '');
  if (present.length === 0) return kind;
  if (kind === 'number' && present.some((v) => Number.isNaN(parseNumberText(v).value))) return 'text';
  if (kind === 'datetime' && present.some((v) => Number.isNaN(parseDateTime(v)))) return 'text';
  return kind;
}

/** Sample rows of each side (the wizard's previews), to check the guessed compare kinds against. */
export interface SuggestSamples {
  old: string[][];
  new: string[][];
}

export function suggestPairs(
  oldHeaders: string[],
  newHeaders: string[],
  samples: SuggestSamples = { old: [], new: [] },
): Suggestion {
  const candidates: { o: number; n: number; score: number; reason: SuggestedPair['reason'] }[] = [];
  oldHeaders.forEach((oh, o) => {
    const a = normaliseHeader(oh);
    newHeaders.forEach((nh, n) => {
      const b = normaliseHeader(nh);
      if (!a || !b) return;
      if (a === b) return candidates.push({ o, n, score: 3, reason: 'exact' });
      const ga = groupOf.get(a);
      if (ga && ga === groupOf.get(b)) return candidates.push({ o, n, score: 2, reason: 'synonym' });
      const s = similarity(a, b);
      const contains = Math.min([...a].length, [...b].length) >= 3 && (a.includes(b) || b.includes(a));
      if (s >= 0.75 || contains)
        candidates.push({ o, n, score: 1 + Math.max(s, contains ? 0.7 : 0) / 2, reason: 'similar' });
    });
  });
  // Best pairs first, each header used once; ties keep the old file's column order.
  candidates.sort((x, y) => y.score - x.score || x.o - y.o || x.n - y.n);
  const usedOld = new Set<number>();
  const usedNew = new Set<number>();
  const chosen: typeof candidates = [];
  for (const c of candidates) {
    if (usedOld.has(c.o) || usedNew.has(c.n)) continue;
    usedOld.add(c.o);
    usedNew.add(c.n);
    chosen.push(c);
  }
  chosen.sort((x, y) => x.o - y.o);
  // The key guess: the first paired column that is a known row identifier, else the first id-like one.
  const known = chosen.find((c) => groupOf.get(normaliseHeader(oldHeaders[c.o]!))?.key);
  const keyPair = known ?? chosen.find((c) => looksLikeId(oldHeaders[c.o]!) || looksLikeId(newHeaders[c.n]!));
  const pairs: SuggestedPair[] = chosen.map((c) => {
    const key = c === keyPair;
    return {
      old: oldHeaders[c.o]!,
      new: newHeaders[c.n]!,
      reason: c.reason,
      key,
      compare: key
        ? 'text'
        : guessCompare(oldHeaders[c.o]!, newHeaders[c.n]!, [
            ...samples.old.map((r) => r[c.o] ?? ''),
            ...samples.new.map((r) => r[c.n] ?? ''),
          ]),
    };
  });
  return {
    pairs,
    unmatchedOld: oldHeaders.filter((_, i) => !usedOld.has(i)),
    unmatchedNew: newHeaders.filter((_, i) => !usedNew.has(i)),
  };
}
