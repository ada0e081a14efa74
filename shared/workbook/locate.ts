/**
 * Finding sheets by name and the header row by its headers (WORKBOOK.md): names match ignoring case,
 * spaces, dots, slashes, hyphens and underscores; the header row is the first of the first 10 rows
 * that holds every required header; columns the tool does not know are left alone.
 */
import type { CellValue, SheetData } from './gateway';
import { SHEETS, normalizeName, type SheetDef, type SheetKey } from './schema';

/** Which worksheet plays which role, by name or alias. */
export function matchSheetNames(names: string[]): Partial<Record<SheetKey, string>> {
  const out: Partial<Record<SheetKey, string>> = {};
  for (const def of Object.values(SHEETS)) {
    const wanted = new Set([def.name, ...def.aliases].map(normalizeName));
    const hit = names.find((n) => wanted.has(normalizeName(n)));
    if (hit !== undefined) out[def.key] = hit;
  }
  return out;
}

/** What finding a header row needs of a sheet's definition. */
export type HeaderDef = Pick<SheetDef, 'required' | 'fields'>;

const aliasIndex = new WeakMap<HeaderDef, Map<string, string>>();
function aliasesOf(def: HeaderDef): Map<string, string> {
  let m = aliasIndex.get(def);
  if (!m) {
    m = new Map();
    for (const f of def.fields) {
      for (const h of [f.header, ...f.aliases]) {
        const k = normalizeName(h);
        if (!m.has(k)) m.set(k, f.field);
      }
    }
    aliasIndex.set(def, m);
  }
  return m;
}

export interface HeaderMatch {
  /** Worksheet row of the header (1-based). */
  headerRow: number;
  /** field → 1-based worksheet column and the header text as written. */
  columns: Record<string, { col: number; header: string }>;
  /** Header texts the tool did not recognise, by column (for the add-in's column mapping). */
  unknown: { col: number; header: string }[];
}

export type HeaderSearch = { found: true; match: HeaderMatch } | { found: false; bestRow: number; missing: string[]; lastCol: number };

function headerText(v: CellValue | undefined): string {
  return typeof v === 'string' ? v.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim() : typeof v === 'number' ? String(v) : '';
}

/**
 * @param columnMap extra header → field mappings chosen by the user (normalised header text as key),
 *   for headers the aliases do not cover.
 */
export function findHeader(def: HeaderDef, sheet: SheetData, columnMap: Record<string, string> = {}): HeaderSearch {
  const aliases = aliasesOf(def);
  const user = new Map(Object.entries(columnMap).map(([k, v]) => [normalizeName(k), v]));
  let best = { row: sheet.startRow, count: -1, missing: def.required, lastCol: sheet.startCol };
  const scan = Math.min(sheet.values.length, 10);
  for (let r = 0; r < scan; r++) {
    const cells = sheet.values[r] ?? [];
    const columns: HeaderMatch['columns'] = {};
    const unknown: HeaderMatch['unknown'] = [];
    let lastCol = sheet.startCol;
    for (let c = 0; c < cells.length; c++) {
      const text = headerText(cells[c]);
      if (!text) continue;
      const col = sheet.startCol + c;
      lastCol = col;
      const k = normalizeName(text);
      const field = user.get(k) ?? aliases.get(k);
      if (field && !columns[field]) columns[field] = { col, header: text };
      else if (!field) unknown.push({ col, header: text });
    }
    const missing = def.required.filter((f) => !columns[f]);
    if (missing.length === 0) return { found: true, match: { headerRow: sheet.startRow + r, columns, unknown } };
    const count = Object.keys(columns).length;
    if (count > best.count) best = { row: sheet.startRow + r, count, missing, lastCol };
  }
  return { found: false, bestRow: best.row, missing: best.missing, lastCol: best.lastCol };
}
