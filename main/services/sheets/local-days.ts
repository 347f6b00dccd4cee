// Periods are counted in local calendar days (what people see on the wall clock); storage is UTC ISO.
/** Local calendar day "YYYY-MM-DD" → [start, end) as UTC ISO strings. */
export function dayBounds(day: string): { start: string; end: string } {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const start = new Date(y, m - 1, d, 0, 0, 0, 0);
  const end = new Date(y, m - 1, d + 1, 0, 0, 0, 0);
  return { start: start.toISOString(), end: end.toISOString() };
}

const pad2 = (n: number) => String(n).padStart(2, '0');

export function localDay(date: Date): string {
  return `${date.getFullYear()}-${pad2(date.getMonth() + 1)}-${pad2(date.getDate())}`;
}
