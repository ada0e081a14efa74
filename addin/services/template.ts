/**
 * "Buat Templat" inside the open workbook: the four sheets of WORKBOOK.md with their canonical headers,
 * created only where missing (an existing sheet is never touched), Aturan with the defaults of RULES.md.
 * NIP columns are formatted as Text up front so digits typed later keep all 18 places.
 */
import { DEFAULT_WEIGHTS } from '../../shared/model';
import type { ValueWrite } from '../../shared/workbook/gateway';
import { matchSheetNames } from '../../shared/workbook/locate';
import { ATURAN, canonicalHeaders, JABATAN, PEGAWAI, USULAN, type SheetDef } from '../../shared/workbook/schema';
import type { WorkbookHost } from '../host/types';

const ATURAN_DEFAULTS: [string, number][] = [
  ['Masa Jabatan Minimal (bulan)', 24],
  ['Masa Jabatan Maksimal (bulan)', 60],
  ['Batas Dekat Pensiun (bulan)', 12],
  ['JPM Minimal (%)', 68],
  ['JPM Memenuhi Syarat (%)', 80],
  ['Bobot JPM', DEFAULT_WEIGHTS.jpm],
  ['Bobot Kinerja', DEFAULT_WEIGHTS.performance],
  ['Bobot Rotasi', DEFAULT_WEIGHTS.rotation],
  ['Bobot Minat', DEFAULT_WEIGHTS.preference],
  ['Bobot Jurusan', DEFAULT_WEIGHTS.major],
  ['Penalti Lowongan Baru', DEFAULT_WEIGHTS.newVacancyPenalty],
];

export async function makeTemplate(host: WorkbookHost): Promise<string[]> {
  return host.action(async () => {
    const existing = matchSheetNames(await host.listSheets());
    const made: string[] = [];
    const writes: ValueWrite[] = [];
    for (const def of [PEGAWAI, JABATAN, USULAN, ATURAN] as SheetDef[]) {
      if (existing[def.key]) continue;
      await host.ensureSheet(def.name, canonicalHeaders(def));
      made.push(def.name);
      const nipCol = def.fields.findIndex((f) => f.field === 'nip');
      if (nipCol >= 0) writes.push({ sheet: def.name, row: 2, col: nipCol + 1, values: Array.from({ length: 500 }, () => [null]), numberFormat: '@' });
      if (def.key === 'aturan') writes.push({ sheet: def.name, row: 2, col: 1, values: ATURAN_DEFAULTS.map(([k, v]) => [k, v]) });
    }
    await host.writeValues(writes);
    return made;
  });
}
