// How two cells are judged equal, per compare kind (issue #5): text trimmed, numbers by value (thousands
// separators, trailing zeros, optional absolute tolerance), datetimes as the same wall-clock instant across
// the formats hospital systems export. Numbers are parsed straight from the bytes because every number cell
// of both files is parsed once for the control totals.

/** A parsed number cell: NaN when the text is not a number, `decimals` for printing sums exactly. */
export interface ParsedNumber {
  value: number;
  decimals: number;
}

const NOT_A_NUMBER: ParsedNumber = { value: NaN, decimals: 0 };
const EMPTY: ParsedNumber = { value: NaN, decimals: -1 };

/**
 * The last result of parseNumberBytes, [value, decimals]: returned in a shared typed array so the hot loop
 * allocates nothing (an object's number field boxed every value).
 */
export const numberScratch = new Float64Array(2);

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * Parses ASCII number text in buf[start, end) (already trimmed): optional sign, digits with optional
 * thousands commas, optional fraction. Sets numberScratch and returns true, or returns false for anything
 * else (empty, letters, exponents, long mantissas), which callers hand to parseNumberText.
 */
export function parseNumberBytes(buf: Uint8Array, start: number, end: number): boolean {
  let i = start;
  let negative = false;
  const first = buf[i];
  if (first === 0x2d || first === 0x2b) {
    negative = first === 0x2d;
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let decimals = 0;
  let seenPoint = false;
  for (; i < end; i++) {
    const c = buf[i]!;
    if (c >= 0x30 && c <= 0x39) {
      mantissa = mantissa * 10 + (c - 0x30);
      digits++;
      if (seenPoint) decimals++;
    } else if (c === 0x2e && !seenPoint) {
      seenPoint = true;
    } else if (c === 0x2c && !seenPoint && digits > 0) {
      // thousands separator
    } else {
      return false;
    }
  }
  if (digits === 0 || digits > 15) return false;
  const value = decimals ? mantissa / POW10[decimals]! : mantissa;
  numberScratch[0] = negative ? -value : value;
  numberScratch[1] = decimals;
  return true;
}

const NUMBER_TEXT = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** The general (slow) path: any text. Empty text is "no value", distinct from "not a number". */
export function parseNumberText(text: string): ParsedNumber {
  const t = text.trim();
  if (t === '') return EMPTY;
  if (!NUMBER_TEXT.test(t) || !/\d/.test(t)) return NOT_A_NUMBER;
  const plain = t.replace(/,/g, '');
  const point = plain.indexOf('.');
  const exp = plain.search(/[eE]/);
  const fraction = point < 0 ? '' : plain.slice(point + 1, exp < 0 ? undefined : exp);
  return { value: Number(plain), decimals: exp < 0 ? fraction.length : 0 };
}

/** Equal by value within `tolerance` (absolute); a few ulps absorb the binary rounding of decimals. */
export function numbersEqual(a: number, b: number, tolerance: number): boolean {
  const diff = Math.abs(a - b);
  return diff <= tolerance + 16 * Number.EPSILON * Math.max(1, Math.abs(a), Math.abs(b));
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * The byte-level fast path of parseDateTime for the common forms (YYYY-MM-DD, YYYY/M/D, YYYY.MM.DD, then
 * optionally a space or T and H:MM[:SS[.fff]]): a number ordered like the instant, equal for equal
 * instants, NaN for anything else (callers then use parseDateTime on the text).
 */
export function parseDateTimeBytes(buf: Uint8Array, start: number, end: number): number {
  // Straight-line code on purpose: this runs for every datetime cell whose bytes differ between the sides
  // (every row of a cross-format pair), and a helper closure per call cost a third of the comparison.
  let i = start;
  let c = 0;
  if (end - start < 8) return NaN;
  let year = 0;
  for (let n = 0; n < 4; n++, i++) {
    c = buf[i]! - 0x30;
    if (c < 0 || c > 9) return NaN;
    year = year * 10 + c;
  }
  const sep = buf[i];
  if (sep !== 0x2d && sep !== 0x2f && sep !== 0x2e) return NaN;
  i++;
  // Month and day: one or two digits each, then the separator / the end or a space or T.
  let month = 0;
  let n = 0;
  for (; i < end && n < 2; i++, n++) {
    c = buf[i]! - 0x30;
    if (c < 0 || c > 9) break;
    month = month * 10 + c;
  }
  if (n === 0 || month < 1 || month > 12 || buf[i] !== sep) return NaN;
  i++;
  let day = 0;
  n = 0;
  for (; i < end && n < 2; i++, n++) {
    c = buf[i]! - 0x30;
    if (c < 0 || c > 9) break;
    day = day * 10 + c;
  }
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (n === 0 || day < 1 || day > DAYS_IN_MONTH[month - 1]! || (month === 2 && day === 29 && !leap))
    return NaN;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let millis = 0;
  if (i < end) {
    if (buf[i] !== 0x20 && buf[i] !== 0x54) return NaN;
    while (i < end && (buf[i] === 0x20 || buf[i] === 0x54)) i++;
    n = 0;
    for (; i < end && n < 2; i++, n++) {
      c = buf[i]! - 0x30;
      if (c < 0 || c > 9) break;
      hour = hour * 10 + c;
    }
    if (n === 0 || hour > 23 || buf[i] !== 0x3a) return NaN;
    i++;
    n = 0;
    for (; i < end && n < 2; i++, n++) {
      c = buf[i]! - 0x30;
      if (c < 0 || c > 9) break;
      minute = minute * 10 + c;
    }
    if (n < 2 || minute > 59) return NaN;
    if (i < end && buf[i] === 0x3a) {
      i++;
      n = 0;
      for (; i < end && n < 2; i++, n++) {
        c = buf[i]! - 0x30;
        if (c < 0 || c > 9) break;
        second = second * 10 + c;
      }
      if (n < 2 || second > 59) return NaN;
      if (i < end && buf[i] === 0x2e) {
        i++;
        let fraction = 0;
        n = 0;
        for (; i < end && n < 6; i++, n++) {
          c = buf[i]! - 0x30;
          if (c < 0 || c > 9) break;
          fraction = fraction * 10 + c;
        }
        if (n === 0) return NaN;
        millis = Math.round((fraction / 10 ** n) * 1000);
      }
    }
    if (i !== end) return NaN;
  }
  return utcMillis(year, month, day) + ((hour * 60 + minute) * 60 + second) * 1000 + millis;
}

/**
 * Date.UTC(year, month − 1, day) without the call (a runtime call, half the cost of the fast path above):
 * days since 1970 by the civil-calendar formula, with Date.UTC's rule that years 0–99 mean 1900–1999.
 */
function utcMillis(year: number, month: number, day: number): number {
  // Rows of an export mostly share their day with the row before: the last day's value is kept.
  const date = (year * 16 + month) * 32 + day;
  if (date === lastDate) return lastDateMillis;
  const y = (year <= 99 ? year + 1900 : year) - (month <= 2 ? 1 : 0);
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  lastDate = date;
  lastDateMillis = (era * 146097 + dayOfEra - 719468) * 86_400_000;
  return lastDateMillis;
}
let lastDate = -1;
let lastDateMillis = 0;

// 2026-11-20 08:05:03 · 2026/11/20 08:05 · 2026-11-20T08:05:03.250 · 2026.11.20 · 20261120080503
const DATETIME =
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?$/;

/**
 * The wall-clock instant a datetime cell names, as milliseconds of a UTC calendar (exports carry no time
 * zone, so both sides are read the same way); NaN when the text is not a date we know.
 */
export function parseDateTime(text: string): number {
  const t = text.trim();
  const m = DATETIME.exec(t) ?? COMPACT.exec(t);
  if (!m) return NaN;
  const [y, mo, d, h = '0', mi = '0', s = '0'] = m.slice(1).map((v) => v ?? undefined);
  const ms = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
  const month = Number(mo) - 1;
  const date = Date.UTC(Number(y), month, Number(d), Number(h), Number(mi), Number(s), ms);
  const check = new Date(date);
  // Date.UTC rolls 2026-02-30 over to March: refuse impossible dates instead.
  if (check.getUTCMonth() !== month || check.getUTCDate() !== Number(d) || Number(h) > 23) return NaN;
  return date;
}

/** Text equality of the `text` compare kind (and the fallback of the others): surrounding space ignored. */
export const textEqual = (a: string, b: string) => a.trim() === b.trim();
