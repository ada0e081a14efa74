/**
 * Sheets and headers of WORKBOOK.md: canonical names, aliases, which fields are required to find the
 * header row. Matching ignores case, spaces, dots, slashes, hyphens and underscores.
 */
import { COMPETENCIES } from '../domain';

export type SheetKey = 'pegawai' | 'jabatan' | 'usulan' | 'aturan';

export interface FieldDef {
  field: string;
  header: string;
  aliases: string[];
}

export interface SheetDef {
  key: SheetKey;
  name: string;
  aliases: string[];
  fields: FieldDef[];
  /** Fields whose headers must be on a row for it to be the header row. */
  required: string[];
}

const f = (field: string, header: string, ...aliases: string[]): FieldDef => ({ field, header, aliases });

/** Competency columns: `comp0`…`comp8` on Pegawai, `std0`…`std8` on Jabatan. */
const competencyFields = (prefix: 'comp' | 'std'): FieldDef[] =>
  COMPETENCIES.map((name, i) =>
    prefix === 'comp'
      ? f(`comp${i}`, name, `Kompetensi ${name}`, `Level ${name}`)
      : f(`std${i}`, `Standar ${name}`, `Std ${name}`, `SKJ ${name}`),
  );

export const PEGAWAI: SheetDef = {
  key: 'pegawai',
  name: 'Pegawai',
  aliases: ['Data Pegawai', 'Nominatif', 'Daftar Nominatif', 'DUK'],
  required: ['nip', 'name', 'positionCode'],
  fields: [
    f('nip', 'NIP', 'NIP Baru', 'Nomor Induk Pegawai', 'NIP 18'),
    f('name', 'Nama', 'Nama Pegawai', 'Nama Lengkap'),
    f('status', 'Status', 'Status Kepegawaian', 'Jenis Pegawai'),
    f('rank', 'Golongan', 'Gol', 'Gol/Ruang', 'Pangkat/Gol', 'Pangkat Golongan'),
    f('positionCode', 'Kode Jabatan', 'Kode Jab', 'Kd Jabatan'),
    f('positionStart', 'TMT Jabatan', 'TMT Jab', 'Tanggal Mulai Jabatan'),
    f('birthDate', 'Tanggal Lahir', 'Tgl Lahir', 'Tgl. Lahir'),
    f('educationLevel', 'Pendidikan', 'Pendidikan Terakhir', 'Jenjang Pendidikan', 'Tingkat Pendidikan'),
    f('educationMajor', 'Jurusan', 'Program Studi', 'Prodi', 'Bidang Studi'),
    f('skpLast', 'SKP Tahun Lalu', 'Predikat SKP 1', 'Predikat Kinerja Tahun Lalu'),
    f('skpBefore', 'SKP Dua Tahun Lalu', 'Predikat SKP 2', 'Predikat Kinerja Dua Tahun Lalu'),
    f('potential', 'Potensi', 'Nilai Potensi', 'Kategori Potensi'),
    f('discipline', 'Hukuman Disiplin', 'Hukdis', 'Tingkat Hukdis'),
    f('disciplineUntil', 'Hukdis Berakhir', 'Akhir Hukdis', 'Hukdis s.d.'),
    f('trainings', 'Diklat', 'Pelatihan', 'Diklat Diikuti'),
    f('preferences', 'Unit Diminati', 'Pilihan Unit', 'Minat Penempatan'),
    ...competencyFields('comp'),
  ],
};

export const JABATAN: SheetDef = {
  key: 'jabatan',
  name: 'Jabatan',
  aliases: ['Formasi', 'Peta Jabatan', 'Data Jabatan'],
  required: ['code', 'needed'],
  fields: [
    f('code', 'Kode Jabatan', 'Kode Jab', 'Kd Jabatan'),
    f('name', 'Nama Jabatan', 'Jabatan'),
    f('type', 'Jenis Jabatan', 'Jenis'),
    f('level', 'Jenjang', 'Jenjang Fungsional'),
    f('unit', 'Unit Kerja', 'Unit', 'OPD', 'Perangkat Daerah', 'Satuan Kerja'),
    f('class', 'Kelas Jabatan', 'Kelas'),
    f('needed', 'Kebutuhan', 'Kebutuhan ABK', 'ABK', 'Formasi'),
    f('minRank', 'Golongan Minimal', 'Gol Min', 'Pangkat Minimal'),
    f('maxRank', 'Golongan Maksimal', 'Gol Maks', 'Pangkat Maksimal'),
    f('minEducation', 'Pendidikan Minimal', 'Pendidikan Min'),
    f('majors', 'Rumpun Jurusan', 'Jurusan', 'Kualifikasi Jurusan'),
    f('requiredTrainings', 'Diklat Wajib', 'Pelatihan Wajib'),
    ...competencyFields('std'),
    f('critical', 'Jabatan Kritikal', 'Kritikal', 'Jabatan Target'),
  ],
};

export const USULAN: SheetDef = {
  key: 'usulan',
  name: 'Usulan',
  aliases: ['Usulan Mutasi', 'Rencana Mutasi'],
  required: ['nip', 'toCode'],
  fields: [
    f('id', 'No Usulan', 'No', 'Nomor'),
    f('nip', 'NIP', 'NIP Pegawai'),
    f('toCode', 'Kode Jabatan Tujuan', 'Jabatan Tujuan', 'Kode Tujuan'),
    f('reason', 'Jenis Mutasi', 'Alasan', 'Jenis'),
    f('effectiveDate', 'TMT Mutasi', 'TMT', 'Tanggal Efektif'),
    f('status', 'Status', 'Status Usulan'),
    f('note', 'Catatan', 'Alasan Khusus', 'Justifikasi'),
    f('mendagriApproval', 'Izin Mendagri', 'Persetujuan Mendagri'),
    f('fit', 'Skor JPM', 'JPM'),
    f('result', 'Hasil Pemeriksaan', 'Hasil Cek'),
    f('approvedBy', 'Disetujui Oleh'),
    f('recordNo', 'Nomor Catatan', 'No Catatan'),
  ],
};

export const ATURAN: SheetDef = {
  key: 'aturan',
  name: 'Aturan',
  aliases: ['Pengaturan', 'Parameter'],
  required: ['key', 'value'],
  fields: [f('key', 'Aturan'), f('value', 'Nilai'), f('explanation', 'Keterangan', 'Penjelasan')],
};

export const SHEETS: Record<SheetKey, SheetDef> = { pegawai: PEGAWAI, jabatan: JABATAN, usulan: USULAN, aturan: ATURAN };

/**
 * `Keputusan`: the recorded decisions `mutasi export` writes beside Pegawai and Jabatan (SYNC-API.md).
 * Not one of the agency's sheets: read only as evidence that a TMT Jabatan still ahead comes from a
 * decision already recorded (RULES.md DATE_IN_FUTURE), never checked or changed.
 */
export const KEPUTUSAN = {
  name: 'Keputusan',
  required: ['recordNo', 'nip', 'toCode', 'effectiveDate'],
  fields: [
    f('recordNo', 'Nomor Catatan', 'No Catatan'),
    f('nip', 'NIP'),
    f('toCode', 'Kode Jabatan Tujuan', 'Jabatan Tujuan', 'Kode Tujuan'),
    f('effectiveDate', 'TMT Mutasi', 'TMT'),
  ],
} as const satisfies Pick<SheetDef, 'name' | 'required' | 'fields'>;

/** "GOL/RUANG" = "Gol. Ruang" = "golruang". Non-breaking spaces count as spaces. */
export function normalizeName(s: string): string {
  return s.toLowerCase().replace(/[\s\u00a0._/\\-]+/g, '');
}

/** The header of a field by its key, e.g. headerOf(USULAN, 'effectiveDate') = "TMT Mutasi". */
export function headerOf(sheet: SheetDef, field: string): string {
  const def = sheet.fields.find((x) => x.field === field);
  if (!def) throw new Error(`unknown field ${sheet.name}.${field}`);
  return def.header;
}

/** Canonical header rows, in field order, as `mutasi template` writes them. */
export function canonicalHeaders(sheet: SheetDef): string[] {
  return sheet.fields.map((x) => x.header);
}
