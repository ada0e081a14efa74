/**
 * Column mapping for headers the aliases do not cover (Pengaturan), kept in the workbook's settings so
 * the whole office shares it: { pegawai: { "N I P Baru 2": "nip" }, … } as the engine's columnMap.
 */
import type { SheetData } from '../../shared/workbook/gateway';
import { findHeader, matchSheetNames } from '../../shared/workbook/locate';
import type { ParseOptions } from '../../shared/workbook/reader';
import { headerOf, normalizeName, SHEETS, type SheetKey } from '../../shared/workbook/schema';
import type { WorkbookHost } from '../host/types';

export const COLUMN_MAP_KEY = 'mutasi.pemetaanKolom';
export type ColumnMap = NonNullable<ParseOptions['columnMap']>;

export async function readColumnMap(host: WorkbookHost): Promise<ColumnMap> {
  return parseColumnMap((await host.readSettings([COLUMN_MAP_KEY]))[COLUMN_MAP_KEY]);
}

/** The stored setting (JSON text in both hosts; an object if a co-author's older version stored one). */
export function parseColumnMap(v: unknown): ColumnMap {
  if (v && typeof v === 'object') return v as ColumnMap;
  if (typeof v !== 'string') return {};
  try {
    const parsed = JSON.parse(v) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as ColumnMap) : {};
  } catch {
    return {};
  }
}

export async function writeColumnMap(host: WorkbookHost, map: ColumnMap): Promise<void> {
  await host.writeSettings({ [COLUMN_MAP_KEY]: JSON.stringify(map) });
}

export interface MappingNeeds {
  /** Header cells no alias (and no saved choice) explains, per sheet role. */
  headers: { key: SheetKey; sheet: string; header: string }[];
  /** Required columns still not found, per sheet: what the unknown headers might be. */
  missing: { key: SheetKey; sheet: string; headers: string[] }[];
}

/**
 * What Pengaturan offers for mapping, from the sheets as read by the last check. A sheet whose required
 * headers were not all found has no layout in the engine's result, yet that is exactly when mapping is
 * needed: its most header-like row (the engine's own search) supplies the unknown headers then.
 */
export function mappingNeeds(sheets: SheetData[], map: ColumnMap): MappingNeeds {
  const roles = matchSheetNames(sheets.map((s) => s.name));
  const out: MappingNeeds = { headers: [], missing: [] };
  for (const key of Object.keys(SHEETS) as SheetKey[]) {
    const sheet = roles[key] ? sheets.find((s) => s.name === roles[key]) : undefined;
    if (!sheet) continue;
    const def = SHEETS[key];
    const search = findHeader(def, sheet, map[key] ?? {});
    if (search.found) {
      for (const u of search.match.unknown) out.headers.push({ key, sheet: sheet.name, header: u.header });
      continue;
    }
    const known = new Set([...def.fields.flatMap((f) => [f.header, ...f.aliases]), ...Object.keys(map[key] ?? {})].map(normalizeName));
    for (const v of sheet.values[search.bestRow - sheet.startRow] ?? []) {
      const text = typeof v === 'string' ? v.replace(/\s+/g, ' ').trim() : '';
      if (text && !known.has(normalizeName(text))) out.headers.push({ key, sheet: sheet.name, header: text });
    }
    out.missing.push({ key, sheet: sheet.name, headers: search.missing.map((f) => headerOf(def, f)) });
  }
  return out;
}
