/** Column layouts: the canonical one (template order) for records that did not come from a workbook. */
import type { Layout, SheetLayout } from '../rules/types';
import { JABATAN, PEGAWAI, USULAN, type SheetDef } from './schema';

export function canonicalSheetLayout(def: SheetDef): SheetLayout {
  const columns: SheetLayout['columns'] = {};
  def.fields.forEach((f, i) => {
    columns[f.field] = { col: i + 1, header: f.header };
  });
  return { name: def.name, headerRow: 1, columns };
}

export function canonicalLayout(): Layout {
  return { pegawai: canonicalSheetLayout(PEGAWAI), jabatan: canonicalSheetLayout(JABATAN), usulan: canonicalSheetLayout(USULAN) };
}
