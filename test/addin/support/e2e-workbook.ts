/**
 * A small agency workbook for the end-to-end test, written as a real .xlsx with exceljs: a clean roster
 * (so the server imports it) and three submitted proposals — one that meets every rule, one with an
 * error (TENURE_MIN: seven months in post), one with a warning only (PERFORMANCE_MISSING).
 */
import ExcelJS from 'exceljs';
import { COMPETENCIES } from '../../../shared/domain';

const UNITS: [string, string, number][] = [
  ['KES-PEL', 'Dinas Kesehatan', 4],
  ['BKP-PEL', 'BKPSDM', 4],
  ['BAP-PEL', 'Bappeda', 3],
  ['SOS-PEL', 'Dinas Sosial', 3],
];

interface Person { nip: string; name: string; pos: string; tmt: string; skp: string }

const PEOPLE: Person[] = [
  { nip: '198503122010011002', name: 'Budi Santoso', pos: 'BKP-PEL', tmt: '01/02/2018', skp: 'Baik' },
  { nip: '198707152011012003', name: 'Siti Rahmawati', pos: 'BKP-PEL', tmt: '01/04/2026', skp: 'Baik' },
  { nip: '199001202014031001', name: 'Agus Pratama', pos: 'BKP-PEL', tmt: '01/03/2019', skp: '' },
  { nip: '198211052009011004', name: 'Dewi Lestari', pos: 'KES-PEL', tmt: '01/05/2017', skp: 'Sangat Baik' },
  { nip: '198604182010012005', name: 'Rudi Hartono', pos: 'KES-PEL', tmt: '01/06/2016', skp: 'Baik' },
  { nip: '198912252013031006', name: 'Wulan Sari', pos: 'BAP-PEL', tmt: '01/07/2019', skp: 'Baik' },
  { nip: '199103082015012007', name: 'Eko Saputra', pos: 'SOS-PEL', tmt: '01/08/2019', skp: 'Baik' },
];

export async function writeE2eWorkbook(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const peg = wb.addWorksheet('Pegawai');
  peg.addRow(['NIP', 'Nama', 'Status', 'Golongan', 'Kode Jabatan', 'TMT Jabatan', 'Pendidikan', 'Jurusan', 'SKP Tahun Lalu', 'SKP Dua Tahun Lalu', 'Potensi', ...COMPETENCIES]);
  for (const p of PEOPLE) {
    const row = peg.addRow([p.nip, p.name, 'PNS', 'III/a', p.pos, p.tmt, 'S1', 'Administrasi Publik', p.skp || null, p.skp ? 'Baik' : null, 'Menengah', ...COMPETENCIES.map(() => 3)]);
    row.getCell(1).numFmt = '@';
  }
  const jab = wb.addWorksheet('Jabatan');
  jab.addRow(['Kode Jabatan', 'Nama Jabatan', 'Jenis Jabatan', 'Unit Kerja', 'Kebutuhan']);
  for (const [code, unit, needed] of UNITS) jab.addRow([code, `Analis Kepegawaian ${unit}`, 'Pelaksana', unit, needed]);
  const usu = wb.addWorksheet('Usulan');
  usu.addRow(['No Usulan', 'NIP', 'Kode Jabatan Tujuan', 'Jenis Mutasi', 'TMT Mutasi', 'Status', 'Catatan', 'Keterangan Internal']);
  usu.addRow(['U-0001', PEOPLE[0]!.nip, 'KES-PEL', 'Rotasi', '02/01/2027', 'Diajukan', null, 'rapat 12 Nov']);
  usu.addRow(['U-0002', PEOPLE[1]!.nip, 'BAP-PEL', 'Rotasi', '02/01/2027', 'Diajukan', null, 'usulan kepala dinas']);
  usu.addRow(['U-0003', PEOPLE[2]!.nip, 'SOS-PEL', 'Rotasi', '02/01/2027', 'Diajukan', null, null]);
  for (let r = 2; r <= 4; r++) usu.getCell(r, 2).numFmt = '@';
  const atr = wb.addWorksheet('Aturan');
  atr.addRow(['Aturan', 'Nilai']);
  atr.addRow(['Tanggal Acuan', '23/11/2026']);
  await wb.xlsx.writeFile(file);
}
