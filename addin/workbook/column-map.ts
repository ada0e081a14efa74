/**
 * Column mapping for headers the aliases do not cover (Pengaturan), kept in the workbook's settings so
 * the whole office shares it: { pegawai: { "N I P Baru 2": "nip" }, … } as the engine's columnMap.
 */
import type { SheetData } from '../../shared/workbook/gateway';
import { findHeader, matchSheetNames } from '../../shared/workbook/locate';
import type { ParseOptions } from '../../shared/workbook/reader';
import { allFields, headerOf, SHEETS, type SheetKey } from '../../shared/workbook/schema';
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
 * needed: its most header-like row (the engine's own search) supplies the unknown headers then. A
 * grouped two-row header offers its sub-headers with their group (`PANGKAT / TMT`), the key the engine
 * looks a mapping up by. A required column another one can stand for is listed with it (`Kode Jabatan /
 * Nama Jabatan`): a roster that names the post needs no code column.
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
    for (const u of search.unknown) if (!/^\d+$/.test(u.header)) out.headers.push({ key, sheet: sheet.name, header: u.header });
    out.missing.push({
      key, sheet: sheet.name,
      headers: search.missing.map((f) => [f, ...(def.alternatives?.[f] ?? [])].map((x) => headerOfAny(key, x)).join(' / ')),
    });
  }
  return out;
}

/** The canonical header of any field a sheet reads, the extra ones (Pegawai's Nama Jabatan) included. */
export function headerOfAny(key: SheetKey, field: string): string {
  return allFields(SHEETS[key]).find((f) => f.field === field)?.header ?? headerOf(SHEETS[key], field);
}

/** The fields Pengaturan offers for a header of a sheet: every field the engine reads there. */
export function mappableFields(key: SheetKey): { field: string; header: string }[] {
  return allFields(SHEETS[key]).map((f) => ({ field: f.field, header: f.header }));
}
