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
  /**
   * A required field another column can stand for: Pegawai's Kode Jabatan is not required when the sheet
   * names the position instead (WORKBOOK.md, positions by name).
   */
  alternatives?: Record<string, string[]>;
  /** Columns read when present but never written by `template` (a roster's position name and unit). */
  extra?: FieldDef[];
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
  alternatives: { positionCode: ['positionName'] },
  extra: [
    f('positionName', 'Nama Jabatan', 'Jabatan'),
    f('unit', 'Unit Kerja', 'Unit', 'OPD', 'Perangkat Daerah', 'Satuan Kerja', 'Unit Organisasi'),
  ],
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
    // SIASN's own id of the civil servant (not the NIP), for riwayat jabatan payloads (docs/siasn.md).
    f('pnsId', 'ID PNS SIASN', 'PNS ID', 'ID PNS', 'pnsId', 'ID SIASN'),
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
    // SIASN reference ids (docs/siasn.md): optional, carried into riwayat jabatan payloads.
    f('unorId', 'ID Unor SIASN', 'ID Unor', 'Unor ID', 'unorId', 'ID Unit Organisasi'),
    f('jabatanFungsionalId', 'ID Jabatan Fungsional SIASN', 'ID Jabatan Fungsional', 'ID JF', 'jabatanFungsionalId'),
    f('jabatanFungsionalUmumId', 'ID Jabatan Pelaksana SIASN', 'ID Jabatan Pelaksana', 'ID Jabatan Fungsional Umum', 'ID JFU', 'jabatanFungsionalUmumId'),
    f('eselonId', 'ID Eselon SIASN', 'ID Eselon', 'Eselon ID', 'eselonId'),
  ],
};

export const USULAN: SheetDef = {
  key: 'usulan',
  name: 'Usulan',
  aliases: ['Usulan Mutasi', 'Rencana Mutasi'],
  required: ['nip', 'toCode'],
  extra: [f('toUnit', 'Unit Tujuan', 'Unit Kerja Tujuan')],
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

/**
 * A header's key for matching (WORKBOOK.md): normalizeName without its annotations — text in
 * parentheses or brackets and a trailing `*` or `:` — so `NIP (Wajib)`, `Golongan [III/a]`, `Nama*` and
 * `Tanggal Lahir (dd/mm/yyyy):` match NIP, Golongan, Nama and Tanggal Lahir. A header that is nothing but
 * an annotation (`(1)`) keeps its text.
 */
export function headerKey(s: string): string {
  const bare = s.replace(/\([^()]*\)|\[[^\[\]]*\]/g, ' ').replace(/[\s\u00a0]*[*:]+[\s\u00a0*:]*$/, '');
  const k = normalizeName(bare);
  return k || normalizeName(s);
}

/** Every field a sheet can read: the template's and the extra ones. */
export function allFields(def: Pick<SheetDef, 'fields' | 'extra'>): FieldDef[] {
  return def.extra ? [...def.fields, ...def.extra] : def.fields;
}

/**
 * Group headers of a two-row header (BKN's Daftar Urut Kepangkatan): a sub-header under a known group
 * is matched with its group, never alone — `PANGKAT` over `TMT` is the rank's TMT, not TMT Jabatan;
 * `LATIHAN JABATAN` over `NAMA` is a training, not the employee's name. `subs` gives, per sub-header
 * key, the header it means; a sub-header not listed is tried as "sub group" and "group sub" (`JABATAN`
 * over `KODE` = Kode Jabatan) and is otherwise a column the tool does not know.
 */
export const HEADER_GROUPS: Record<string, Record<string, string>> = {
  pangkat: { gol: 'Golongan', golruang: 'Golongan', golongan: 'Golongan', golonganruang: 'Golongan', ruang: 'Golongan', tmt: 'TMT Pangkat' },
  pangkatgolongan: { gol: 'Golongan', golruang: 'Golongan', golongan: 'Golongan', ruang: 'Golongan', tmt: 'TMT Pangkat' },
  golongan: { gol: 'Golongan', golruang: 'Golongan', ruang: 'Golongan', tmt: 'TMT Golongan' },
  jabatan: { nama: 'Nama Jabatan', namajabatan: 'Nama Jabatan', tmt: 'TMT Jabatan', kode: 'Kode Jabatan', unit: 'Unit Kerja', unitkerja: 'Unit Kerja' },
  pendidikan: { tingkat: 'Pendidikan', tingkatijazah: 'Pendidikan', jenjang: 'Pendidikan', ijazah: 'Pendidikan', jurusan: 'Jurusan', programstudi: 'Jurusan', prodi: 'Jurusan' },
  latihanjabatan: {},
  diklat: {},
  diklatjabatan: {},
  masakerja: {},
  tempattanggallahir: { tanggal: 'Tanggal Lahir', tgl: 'Tanggal Lahir' },
  kelahiran: { tanggal: 'Tanggal Lahir', tgl: 'Tanggal Lahir' },
  usia: {},
};

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
