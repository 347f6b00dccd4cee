// Text written to spreadsheets and CSV by every export (issue list, not-ready list, discrepancies, reports).
/**
 * OWASP CSV/formula injection: a text cell starting with = + - @ tab or CR may be evaluated by Excel (now,
 * or when someone edits the cell or saves the sheet as CSV). Such text is written with a leading
 * apostrophe. Text that already starts with apostrophes before such a character gets one more, so
 * {@link restoreNeutralised} gives back exactly the original.
 */
const RISKY = /^'*[=+\-@\t\r]/;

export function neutraliseFormula(text: string): string {
  return RISKY.test(text) ? `'${text}` : text;
}

export function restoreNeutralised(text: string): string {
  return text.startsWith("'") && RISKY.test(text) ? text.slice(1) : text;
}
