/**
 * POST /roster sends rows as objects keyed by header (as a spreadsheet export or a script gives
 * them); the engine reads sheets. Turn each list into a sheet whose header row is every key seen,
 * in the order first seen, so aliases and extra columns behave exactly as in a workbook.
 */
import type { CellValue, SheetData } from '../../../shared/workbook/gateway';

export type RowObject = Record<string, string | number | boolean | null>;

export function rowsToSheet(name: string, rows: RowObject[]): SheetData {
  const headers: string[] = [];
  const seen = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) if (!seen.has(k)) { seen.add(k); headers.push(k); }
  const values: CellValue[][] = [headers, ...rows.map((r) => headers.map((h) => r[h] ?? null))];
  return { name, values, startRow: 1, startCol: 1 };
}
