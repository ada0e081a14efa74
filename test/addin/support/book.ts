/**
 * A synthetic workbook of any size in the canonical layout, as plain 2-D arrays (the FakeWorkbook's
 * input): N employees on N/4 positions in 8 units, N/10 proposals, some of them with findings
 * (tenure too short, unknown position), and user columns around the tool's (a "Keterangan" column
 * people keep in Usulan, which the add-in must never touch).
 */
import { canonicalHeaders, JABATAN, PEGAWAI, USULAN } from '../../../shared/workbook/schema';

const UNITS = ['Dinas Kesehatan', 'Dinas Pendidikan', 'BKPSDM', 'Bappeda', 'Dinas Sosial', 'Inspektorat', 'Dinas Perhubungan', 'Satpol PP'];

function nip(i: number): string {
  const y = 1970 + (i % 25);
  const m = 1 + (i % 12);
  const d = 1 + (i % 28);
  const seq = String((i % 999) + 1).padStart(3, '0');
  return `${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${y + 24}0${1 + (i % 9)}${1 + (i % 2)}${seq}`;
}

export function syntheticBook(n: number): Record<string, unknown[][]> {
  const peg = canonicalHeaders(PEGAWAI);
  const jab = canonicalHeaders(JABATAN);
  const usu = [...canonicalHeaders(USULAN).filter((h) => h !== 'Nomor Catatan'), 'Keterangan'];
  const col = (headers: string[], h: string) => headers.indexOf(h);
  const positions = Math.max(4, Math.floor(n / 4));
  const J: unknown[][] = [jab];
  for (let p = 0; p < positions; p++) {
    const row = new Array<unknown>(jab.length).fill('');
    row[col(jab, 'Kode Jabatan')] = `POS-${p}`;
    row[col(jab, 'Nama Jabatan')] = `Pelaksana ${p}`;
    row[col(jab, 'Jenis Jabatan')] = 'Pelaksana';
    row[col(jab, 'Unit Kerja')] = UNITS[p % UNITS.length];
    row[col(jab, 'Kebutuhan')] = 5;
    J.push(row);
  }
  const P: unknown[][] = [peg];
  for (let i = 0; i < n; i++) {
    const row = new Array<unknown>(peg.length).fill('');
    row[col(peg, 'NIP')] = nip(i);
    row[col(peg, 'Nama')] = `Pegawai ${i}`;
    row[col(peg, 'Golongan')] = 'II/c';
    row[col(peg, 'Kode Jabatan')] = `POS-${i % positions}`;
    row[col(peg, 'TMT Jabatan')] = i % 10 === 0 ? '01/06/2026' : '01/01/2018';
    row[col(peg, 'Pendidikan')] = 'S1';
    row[col(peg, 'SKP Tahun Lalu')] = 'Baik';
    row[col(peg, 'SKP Dua Tahun Lalu')] = 'Baik';
    P.push(row);
  }
  const U: unknown[][] = [usu];
  const proposals = Math.max(3, Math.floor(n / 10));
  for (let k = 0; k < proposals; k++) {
    const i = k * 10 + (k % 3 === 0 ? 0 : 1); // every third proposes someone with a fresh TMT (TENURE_MIN)
    const row = new Array<unknown>(usu.length).fill('');
    row[col(usu, 'No Usulan')] = `U-${k + 1}`;
    row[col(usu, 'NIP')] = nip(i % n);
    row[col(usu, 'Kode Jabatan Tujuan')] = k % 50 === 7 ? 'TIDAK-ADA' : `POS-${(i + 1) % positions}`;
    row[col(usu, 'Jenis Mutasi')] = 'Rotasi';
    row[col(usu, 'TMT Mutasi')] = '02/01/2027';
    row[col(usu, 'Status')] = k % 4 === 0 ? 'Draf' : 'Diajukan';
    row[col(usu, 'Keterangan')] = `catatan pribadi ${k}`;
    U.push(row);
  }
  const A: unknown[][] = [['Aturan', 'Nilai'], ['Tanggal Acuan', '23/11/2026']];
  return { Pegawai: P, Jabatan: J, Usulan: U, Aturan: A };
}
