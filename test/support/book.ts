/**
 * Small workbooks for rule tests, as the engine sees them (SheetData). A baseline agency where a move
 * is clean; each test changes one thing to trigger, or almost trigger, one rule.
 */
import type { CellValue, SheetData } from '../../shared/workbook/gateway';

export const PEGAWAI_HEADERS = [
  'NIP', 'Nama', 'Status', 'Golongan', 'Kode Jabatan', 'TMT Jabatan', 'Tanggal Lahir', 'Pendidikan', 'Jurusan',
  'SKP Tahun Lalu', 'SKP Dua Tahun Lalu', 'Potensi', 'Hukuman Disiplin', 'Hukdis Berakhir', 'Diklat', 'Unit Diminati',
  'Integritas', 'Kerja Sama', 'Komunikasi', 'Orientasi pada Hasil', 'Pelayanan Publik', 'Pengembangan Diri dan Orang Lain',
  'Mengelola Perubahan', 'Pengambilan Keputusan', 'Perekat Bangsa',
];
export const JABATAN_HEADERS = [
  'Kode Jabatan', 'Nama Jabatan', 'Jenis Jabatan', 'Jenjang', 'Unit Kerja', 'Kelas Jabatan', 'Kebutuhan',
  'Golongan Minimal', 'Golongan Maksimal', 'Pendidikan Minimal', 'Rumpun Jurusan', 'Diklat Wajib',
];
export const USULAN_HEADERS = ['No Usulan', 'NIP', 'Kode Jabatan Tujuan', 'Jenis Mutasi', 'TMT Mutasi', 'Status', 'Catatan', 'Izin Mendagri', 'Skor JPM', 'Hasil Pemeriksaan'];

export type Row = Record<string, CellValue>;

export const NIP_A = '198503122010011002'; // born 12 Mar 1985, CPNS Jan 2010, male
export const NIP_B = '199001012015032001'; // born 1 Jan 1990, CPNS Mar 2015, female
export const NIP_C = '196601152000121001'; // born 15 Jan 1966

export function employee(over: Row = {}): Row {
  return {
    NIP: NIP_A, Nama: 'Budi Santoso, S.Kom.', Status: 'PNS', Golongan: 'III/c', 'Kode Jabatan': 'BKD-PRAKOM',
    'TMT Jabatan': '01/06/2022', 'Tanggal Lahir': '12/03/1985', Pendidikan: 'S1', Jurusan: 'Teknik Informatika',
    'SKP Tahun Lalu': 'Sangat Baik', 'SKP Dua Tahun Lalu': 'Baik', Potensi: 'Tinggi', 'Hukuman Disiplin': 'Tidak Ada',
    'Hukdis Berakhir': null, Diklat: 'PKP; Diklat Teknis SIMPEG', 'Unit Diminati': 'Dinas Kesehatan',
    Integritas: 4, 'Kerja Sama': 4, Komunikasi: 4, 'Orientasi pada Hasil': 4, 'Pelayanan Publik': 4,
    'Pengembangan Diri dan Orang Lain': 4, 'Mengelola Perubahan': 4, 'Pengambilan Keputusan': 4, 'Perekat Bangsa': 4,
    ...over,
  };
}

export function position(over: Row = {}): Row {
  return {
    'Kode Jabatan': 'DINKES-KASI', 'Nama Jabatan': 'Kepala Seksi Data', 'Jenis Jabatan': 'Pengawas', Jenjang: null,
    'Unit Kerja': 'Dinas Kesehatan', 'Kelas Jabatan': 9, Kebutuhan: 1, 'Golongan Minimal': null, 'Golongan Maksimal': null,
    'Pendidikan Minimal': null, 'Rumpun Jurusan': null, 'Diklat Wajib': null,
    ...over,
  };
}

export function proposal(over: Row = {}): Row {
  return {
    'No Usulan': 'U-0001', NIP: NIP_A, 'Kode Jabatan Tujuan': 'DINKES-KASI', 'Jenis Mutasi': 'Rotasi', 'TMT Mutasi': '02/01/2027',
    Status: 'Diajukan', Catatan: null, 'Izin Mendagri': null, 'Skor JPM': null, 'Hasil Pemeriksaan': null,
    ...over,
  };
}

export function sheet(name: string, headers: string[], rows: Row[], titleRows: CellValue[][] = []): SheetData {
  const values: CellValue[][] = [...titleRows, headers, ...rows.map((r) => headers.map((h) => (h in r ? r[h]! : null)))];
  return { name, values, startRow: 1, startCol: 1 };
}

export const BASE_POSITIONS: Row[] = [
  position({ 'Kode Jabatan': 'BKD-PRAKOM', 'Nama Jabatan': 'Pranata Komputer Ahli Pertama', 'Jenis Jabatan': 'Fungsional', Jenjang: 'Ahli Pertama', 'Unit Kerja': 'BKPSDM', Kebutuhan: 2 }),
  position(),
];

export interface BookSpec {
  employees?: Row[];
  positions?: Row[];
  proposals?: Row[];
  aturan?: [string, CellValue][];
}

/** The sheets of a workbook: Pegawai, Jabatan, Usulan and (optionally) Aturan. */
export function workbook(spec: BookSpec = {}): SheetData[] {
  const out = [
    sheet('Pegawai', PEGAWAI_HEADERS, spec.employees ?? [employee()]),
    sheet('Jabatan', JABATAN_HEADERS, spec.positions ?? BASE_POSITIONS),
    sheet('Usulan', USULAN_HEADERS, spec.proposals ?? [proposal()]),
  ];
  out.push(sheet('Aturan', ['Aturan', 'Nilai'], (spec.aturan ?? [['Tanggal Acuan', '23/11/2026']]).map(([k, v]) => ({ Aturan: k, Nilai: v }))));
  return out;
}
