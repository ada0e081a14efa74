/**
 * Column mapping for headers the aliases do not cover (Pengaturan), kept in the workbook's settings so
 * the whole office shares it: { pegawai: { "N I P Baru 2": "nip" }, … } as the engine's columnMap.
 */
import type { ParseOptions } from '../../shared/workbook/reader';
import type { WorkbookHost } from '../host/types';

export const COLUMN_MAP_KEY = 'mutasi.pemetaanKolom';
export type ColumnMap = NonNullable<ParseOptions['columnMap']>;

export async function readColumnMap(host: WorkbookHost): Promise<ColumnMap> {
  const v = (await host.readSettings([COLUMN_MAP_KEY]))[COLUMN_MAP_KEY];
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
