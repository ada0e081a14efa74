/**
 * Finding sheets by name and the header row by its headers (WORKBOOK.md): names match ignoring case,
 * spaces, dots, slashes, hyphens, underscores and annotations (`NIP (Wajib)`, `Nama*`); the header row
 * is the first of the first 10 rows that holds every required header; columns the tool does not know
 * are left alone.
 *
 * Grouped two-row headers (BKN's Daftar Urut Kepangkatan) are read from values alone: a merged group
 * header has its text in its first cell and empty cells to its right, so a group runs from its cell
 * over every column whose group cell is empty and whose sub-header (the row below) is filled, until the
 * next filled group cell. A column whose sub-header cell is empty was merged down both rows and is
 * matched alone. A row of column numbers under the header (`1 | 2 | 3 …`) is not data.
 */
import type { CellValue, SheetData } from './gateway';
import { HEADER_GROUPS, SHEETS, allFields, headerKey, normalizeName, type SheetDef, type SheetKey } from './schema';

/** Rows searched for the header row. */
export const HEADER_SCAN_ROWS = 10;

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
export type HeaderDef = Pick<SheetDef, 'required' | 'fields'> & Partial<Pick<SheetDef, 'extra' | 'alternatives'>>;

const aliasIndex = new WeakMap<HeaderDef, Map<string, string>>();
function aliasesOf(def: HeaderDef): Map<string, string> {
  let m = aliasIndex.get(def);
  if (!m) {
    m = new Map();
    for (const f of allFields(def)) {
      for (const h of [f.header, ...f.aliases]) {
        const k = headerKey(h);
        if (!m.has(k)) m.set(k, f.field);
      }
    }
    aliasIndex.set(def, m);
  }
  return m;
}

export interface HeaderMatch {
  /** Worksheet row of the header (1-based); the group row of a two-row header. */
  headerRow: number;
  /** First worksheet row of data: after the sub-headers and a row of column numbers. */
  dataRow: number;
  /** Worksheet column of the header row's first filled cell (where a missing column is reported). */
  firstCol: number;
  /** field → 1-based worksheet column and the header text as written (`PANGKAT / GOL.` for a grouped one). */
  columns: Record<string, { col: number; header: string }>;
  /** Header texts the tool did not recognise, by column (for the add-in's column mapping). */
  unknown: { col: number; header: string }[];
}

export type HeaderSearch =
  | { found: true; match: HeaderMatch }
  | {
      found: false;
      /** The row that came closest (the group row of a two-row reading), its missing fields, its extent. */
      bestRow: number;
      missing: string[];
      lastCol: number;
      firstCol: number;
      /** The headers on that row the tool did not recognise (what the add-in's column mapping offers). */
      unknown: HeaderMatch['unknown'];
    };

export function headerText(v: CellValue | undefined): string {
  return typeof v === 'string' ? v.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim() : typeof v === 'number' ? String(v) : '';
}

/** The fields a sheet still lacks: required ones with no column and no alternative column. */
export function missingRequired(def: HeaderDef, columns: Record<string, unknown>): string[] {
  return def.required.filter((f) => !columns[f] && !(def.alternatives?.[f] ?? []).some((a) => columns[a]));
}

interface RowMatch {
  columns: HeaderMatch['columns'];
  unknown: HeaderMatch['unknown'];
  firstCol: number;
  lastCol: number;
  /** Fields matched from the upper row itself (alone or as a known group): a title row has none. */
  ownFields: number;
}

type Lookup = (key: string) => string | undefined;

function addColumn(m: RowMatch, field: string | undefined, col: number, header: string): void {
  if (field && !m.columns[field]) m.columns[field] = { col, header };
  else if (!field) m.unknown.push({ col, header });
}

/** One header row. */
function singleRow(cells: CellValue[], startCol: number, lookup: Lookup): RowMatch {
  const m: RowMatch = { columns: {}, unknown: [], firstCol: 0, lastCol: startCol, ownFields: 0 };
  // A header as written beats one that matches only without its annotation: with `NIP (Lama)` before
  // `NIP Baru`, NIP Baru is the NIP.
  const annotated: { col: number; text: string; field: string }[] = [];
  for (let c = 0; c < cells.length; c++) {
    const text = headerText(cells[c]);
    if (!text) continue;
    const col = startCol + c;
    if (!m.firstCol) m.firstCol = col;
    m.lastCol = col;
    const exact = lookup(normalizeName(text));
    const bare = exact ? undefined : lookup(headerKey(text));
    if (bare) annotated.push({ col, text, field: bare });
    else addColumn(m, exact, col, text);
  }
  for (const a of annotated) addColumn(m, m.columns[a.field] ? undefined : a.field, a.col, a.text);
  if (annotated.length) m.unknown.sort((a, b) => a.col - b.col);
  m.ownFields = Object.keys(m.columns).length;
  return m;
}

/**
 * A group row over a sub-header row. Returns null when the lower row is not sub-headers: no column
 * where a group continues over an empty cell, or a sub-header that is a number (a data row's value).
 */
function twoRows(top: CellValue[], sub: CellValue[], startCol: number, lookup: Lookup): RowMatch | null {
  const m: RowMatch = { columns: {}, unknown: [], firstCol: 0, lastCol: startCol, ownFields: 0 };
  const width = Math.max(top.length, sub.length);
  let group = '';
  let groupKey = '';
  let continued = 0;
  let prevTop = '';
  for (let c = 0; c < width; c++) {
    const rawTop = headerText(top[c]);
    let s = headerText(sub[c]);
    // A host that repeats a merged cell's text in every cell it covers (exceljs does) reads the same:
    // the text again to the right of a group is its continuation, the text again below is a vertical merge.
    const t = rawTop && rawTop === prevTop && group && s && s !== rawTop ? '' : rawTop;
    if (s && s === rawTop) s = '';
    prevTop = rawTop;
    const col = startCol + c;
    if ((t || s) && !m.firstCol) m.firstCol = col;
    if (t) {
      group = t;
      groupKey = headerKey(t);
    } else if (s && group) {
      continued++;
    }
    if (!t && !s) {
      group = ''; // a gap ends a group
      continue;
    }
    m.lastCol = Math.max(m.lastCol, col);
    if (t && !s) {
      // Merged down both rows: matched alone.
      const field = lookup(groupKey);
      addColumn(m, field, col, t);
      if (field) m.ownFields++;
      group = ''; // not a group: an empty cell right of it starts no continuation
      continue;
    }
    if (!group) {
      // A header written on the lower row only, with nothing above it: alone.
      addColumn(m, lookup(headerKey(s)), col, s);
      continue;
    }
    const subKey = headerKey(s);
    const label = `${group} / ${s}`;
    const user = lookup(groupKey + subKey);
    const known = HEADER_GROUPS[groupKey];
    let field: string | undefined = user;
    if (!field && known?.[subKey]) field = lookup(headerKey(known[subKey]!));
    if (!field) field = lookup(subKey + groupKey); // TMT + JABATAN = TMT Jabatan, KODE + JABATAN
    if (!field && !known) field = lookup(subKey); // a group the tool does not know: its sub-headers alone
    if (field && known) m.ownFields++;
    // A sub-header whose field an earlier column took is offered for mapping rather than dropped.
    addColumn(m, field && !m.columns[field] ? field : undefined, col, label);
  }
  return continued > 0 ? m : null;
}

/**
 * @param columnMap extra header → field mappings chosen by the user (header text as key, compared as
 *   headers are; a grouped column by its `GROUP / SUB` label), for headers the aliases do not cover.
 */
export function findHeader(def: HeaderDef, sheet: SheetData, columnMap: Record<string, string> = {}): HeaderSearch {
  const aliases = aliasesOf(def);
  const user = new Map(Object.entries(columnMap).map(([k, v]) => [headerKey(k), v]));
  const lookup: Lookup = (key) => user.get(key) ?? aliases.get(key);
  let best = { row: sheet.startRow, count: -1, missing: def.required, lastCol: sheet.startCol, firstCol: sheet.startCol, unknown: [] as HeaderMatch['unknown'] };
  const scan = Math.min(sheet.values.length, HEADER_SCAN_ROWS);
  for (let r = 0; r < scan; r++) {
    const cells = sheet.values[r] ?? [];
    const one = singleRow(cells, sheet.startCol, lookup);
    const below = sheet.values[r + 1];
    const two = below ? twoRows(cells, below, sheet.startCol, lookup) : null;
    const oneMissing = missingRequired(def, one.columns);
    const twoMissing = two ? missingRequired(def, two.columns) : def.required;
    // The grouped reading wins when its upper row is a header row of its own (a title row over the
    // headers is not a group row) and it finds at least as much as the single row does.
    const useTwo = two !== null && twoMissing.length === 0 && two.ownFields > 0 &&
      Object.keys(two.columns).length >= Object.keys(one.columns).length;
    if (useTwo || oneMissing.length === 0) {
      const m = useTwo ? two! : one;
      const lastHeader = r + (useTwo ? 1 : 0);
      const next = lastHeader + 1;
      const dataRow = sheet.startRow + next + (isColumnNumberRow(sheet.values[next]) ? 1 : 0);
      return {
        found: true,
        match: { headerRow: sheet.startRow + r, dataRow, firstCol: m.firstCol || sheet.startCol, columns: m.columns, unknown: m.unknown },
      };
    }
    const grouped = two !== null && two.ownFields > 0 && Object.keys(two.columns).length > Object.keys(one.columns).length;
    const m = grouped ? two! : one;
    const count = Object.keys(m.columns).length;
    if (count > best.count) {
      best = { row: sheet.startRow + r, count, missing: grouped ? twoMissing : oneMissing, lastCol: m.lastCol, firstCol: m.firstCol || sheet.startCol, unknown: m.unknown };
    }
  }
  return { found: false, bestRow: best.row, missing: best.missing, lastCol: best.lastCol, firstCol: best.firstCol, unknown: best.unknown };
}

/**
 * `1 | 2 | 3 …` (or `(1) | (2) …`) under the headers of a printed list: at least three filled cells,
 * every one a whole number one more than the filled cell before it.
 */
export function isColumnNumberRow(cells: CellValue[] | undefined): boolean {
  if (!cells) return false;
  let prev: number | null = null;
  let n = 0;
  for (const v of cells) {
    if (v === null || v === undefined || (typeof v === 'string' && v.trim() === '')) continue;
    let x: number;
    if (typeof v === 'number') x = v;
    else if (typeof v === 'string' && /^\(?\s*\d{1,3}\s*\)?$/.test(v.trim())) x = Number(v.replace(/[()\s]/g, ''));
    else return false;
    if (!Number.isInteger(x) || (prev !== null && x !== prev + 1)) return false;
    prev = x;
    n++;
  }
  return n >= 3;
}

/**
 * Where a header row that Mutasi would accept stands below the rows it searches (a header under more
 * than 10 title rows): its worksheet row, or null. Looks at most `limit` rows further.
 */
export function headerBelowScan(def: HeaderDef, sheet: SheetData, columnMap: Record<string, string> = {}, limit = 200): number | null {
  if (sheet.values.length <= HEADER_SCAN_ROWS) return null;
  for (let start = HEADER_SCAN_ROWS; start < Math.min(sheet.values.length, HEADER_SCAN_ROWS + limit); start += HEADER_SCAN_ROWS) {
    const part: SheetData = { ...sheet, values: sheet.values.slice(start, start + HEADER_SCAN_ROWS + 1), startRow: sheet.startRow + start };
    const s = findHeader(def, part, columnMap);
    if (s.found) return s.match.headerRow;
  }
  return null;
}
