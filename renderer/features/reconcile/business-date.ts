// The business date of a run (issue 12 §16): the day the exports are of, found in the files — their names
// (门诊收费_2026-11-20.csv, old-20261120.xlsx) or else the dates in their sample rows — never today by
// default; a run saved under the wrong day carries items over wrongly. When the files disagree or name no
// day, the user is asked.

const IN_NAME = /(?<!\d)(20\d{2})[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])(?!\d)/g;
const IN_CELL = /^(20\d{2})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[ T])/;

const iso = (y: string, m: string, d: string) => `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;

function isRealDay(day: string): boolean {
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
}

/** The one day the files name, or null when they name none or several. */
export function businessDateIn(fileNames: string[], samples: string[][][] = []): string | null {
  const named = new Set<string>();
  for (const name of fileNames) {
    for (const m of name.matchAll(IN_NAME)) {
      const day = iso(m[1]!, m[2]!, m[3]!);
      if (isRealDay(day)) named.add(day);
    }
  }
  if (named.size === 1) return [...named][0]!;
  if (named.size > 1) return null;
  // Most rows of a day's export carry that day; a few late ones may carry the next.
  const counts = new Map<string, number>();
  for (const rows of samples) {
    for (const row of rows) {
      const days = new Set<string>();
      for (const cell of row) {
        const m = IN_CELL.exec(cell.trim());
        if (m && isRealDay(iso(m[1]!, m[2]!, m[3]!))) days.add(iso(m[1]!, m[2]!, m[3]!));
      }
      for (const day of days) counts.set(day, (counts.get(day) ?? 0) + 1);
    }
  }
  const ranked = [...counts].sort((a, b) => b[1] - a[1]);
  if (ranked.length === 0) return null;
  if (ranked.length > 1 && ranked[1]![1] === ranked[0]![1]) return null;
  return ranked[0]![0];
}
