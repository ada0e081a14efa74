/**
 * Text from outside Mutasi (a name, a position code, an approver, a note) that a spreadsheet would take
 * for a formula: it starts with = + - @ (Excel, LibreOffice), or a tab / carriage return (OWASP's CSV
 * injection list, which some importers strip before evaluating). Every writer makes such text arrive
 * as text: in a workbook the cell gets the Text number format (`@`) before its value; in a CSV the cell
 * is prefixed with an apostrophe (OWASP "CSV Injection").
 */
export const FORMULA_START = /^[=+\-@\t\r]/;

export function looksLikeFormula(v: unknown): v is string {
  return typeof v === 'string' && FORMULA_START.test(v);
}

/** One CSV field: `'` before a formula-like start, quoted when it holds a separator, quote or line break. */
export function csvField(s: string): string {
  const safe = FORMULA_START.test(s) ? `'${s}` : s;
  return /[",\n\r;\t]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
