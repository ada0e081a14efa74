/**
 * `mutasi check` on a real .xlsx in BKN's Daftar Urut Kepangkatan layout (WORKBOOK.md 2026-12-07):
 * title rows, group headers really merged across their sub-headers, columns merged down both header
 * rows, a row of column numbers, positions named with their unit instead of a code, both TMT columns,
 * a misspelled post, merged position cells and formulas without a value. Whatever reader the command
 * line uses, the file must read the same.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { mutasi } from '../support/cli';
import { NIP_A, NIP_B, NIP_C } from '../support/book';

const dir = mkdtempSync(path.join(os.tmpdir(), 'mutasi-duk-'));
const NIP_D = '198807072012121003';

interface Finding { rule: string; sheet: string; cell: string; message: string }

async function dukWorkbook(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('DUK');
  ws.addRow(['DAFTAR URUT KEPANGKATAN PEGAWAI NEGERI SIPIL']);
  ws.addRow(['PEMERINTAH KABUPATEN SUKAMAJU — KEADAAN 1 NOVEMBER 2026']);
  ws.mergeCells('A1:M1');
  ws.mergeCells('A2:M2');
  ws.addRow([]);
  ws.addRow(['NO', 'NAMA', 'NIP', 'PANGKAT', null, 'JABATAN', null, 'LATIHAN JABATAN', null, 'PENDIDIKAN', null, 'UNIT KERJA', 'KET.']);
  ws.addRow([null, null, null, 'GOL. RUANG', 'TMT', 'NAMA', 'TMT', 'NAMA', 'TAHUN', 'TINGKAT', 'JURUSAN', null, null]);
  for (const c of ['A', 'B', 'C', 'L', 'M']) ws.mergeCells(`${c}4:${c}5`);
  for (const [a, b] of [['D', 'E'], ['F', 'G'], ['H', 'I'], ['J', 'K']]) ws.mergeCells(`${a}4:${b}4`);
  ws.addRow([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
  const rows: ExcelJS.CellValue[][] = [
    [1, 'Budi Santoso, S.Kom.', NIP_A, 'Penata (III/c)', '01/04/2020', 'Pranata Komputer Ahli Muda', '01/06/2022', 'Diklat PIM IV', 2019, 'S-1', 'Teknik Informatika', 'BKPSDM', null],
    [2, 'Siti Aminah, S.KM.', NIP_B, 'III/b', '01/10/2023', 'Kepala Seksi Data', '02/01/2024', null, null, 'S1', 'Kesehatan Masyarakat', 'Dinas Kesehatan', null],
    [3, 'Andi Wijaya', NIP_D, 'III/a', '01/04/2021', 'Kepala Seksi Dta', '01/07/2023', null, null, 'S1', 'Statistika', 'Dinas Pendidikan', null],
    [4, 'Rahmat Hidayat', NIP_C, 'IV/a', '01/04/2016', 'Kepala Seksi Data', '01/03/2021', null, null, 'S2', 'Manajemen', 'Dinas Pendidikan', null],
    [5, 'Dewi Lestari', '199203032019022001', 'III/a', '01/03/2023', null, '01/03/2023', null, null, 'S1', 'Manajemen', 'Dinas Pendidikan', null],
  ];
  for (const r of rows) ws.addRow(r);
  ws.mergeCells('F10:F11'); // Rahmat and Dewi hold the same post: one merged cell
  ws.getCell('G8').value = { formula: 'DATE(2024,1,2)' } as ExcelJS.CellFormulaValue; // never calculated
  ws.getColumn(3).numFmt = '@';

  const jab = wb.addWorksheet('Jabatan');
  jab.addRow(['Kode Jabatan', 'Nama Jabatan', 'Jenis Jabatan', 'Jenjang', 'Unit Kerja', 'Kelas Jabatan', 'Kebutuhan', 'Jabatan Kritikal']);
  jab.addRow(['BKD-PRAKOM', 'Pranata Komputer Ahli Muda', 'Fungsional', 'Ahli Muda', 'BKPSDM', 9, 2, 'Tidak']);
  jab.addRow(['DINKES-KASI', 'Kepala Seksi Data', 'Pengawas', null, 'Dinas Kesehatan', 9, 1, null]);
  jab.addRow(['DISDIK-KASI', 'Kepala Seksi Data', 'Pengawas', null, 'Dinas Pendidikan', 9, 1, 'Ya']);

  const us = wb.addWorksheet('Usulan');
  us.addRow(['No Usulan', 'NIP', 'Kode Jabatan Tujuan', 'Unit Tujuan', 'Jenis Mutasi', 'TMT Mutasi', 'Status']);
  us.addRow(['U-1', NIP_A, 'Kepala Seksi Data', 'Dinas Pendidikan', 'Rotasi', '02/01/2027', 'Draf']);

  const at = wb.addWorksheet('Aturan');
  at.addRow(['Aturan', 'Nilai']);
  at.addRow(['Tanggal Acuan', new Date(Date.UTC(2026, 10, 23))]);
  await wb.xlsx.writeFile(file);
}

describe('mutasi check on a Daftar Urut Kepangkatan (real .xlsx)', function () {
  this.timeout(120000);
  const file = path.join(dir, 'duk.xlsx');
  let out: { counts: { employees: number }; findings: Finding[]; proposals: { id: string; to: string }[] };
  before(async () => {
    await dukWorkbook(file);
    const r = mutasi(['check', file, '--json']);
    assert.ok(r.code === 0 || r.code === 1, r.stderr);
    out = JSON.parse(r.stdout);
  });
  const at = (rule: string) => out.findings.filter((f) => f.rule === rule).map((f) => `${f.sheet}!${f.cell}`);

  it('reads the grouped header, skips the title rows and the row of numbers, needs no Kode Jabatan', () => {
    assert.equal(out.counts.employees, 5);
    assert.deepEqual(at('HEADER_MISSING'), []);
    assert.ok(!out.findings.some((f) => f.sheet === 'DUK' && (f.cell.endsWith('6') && f.cell.length === 2)), 'nothing on the row of numbers');
  });

  it('resolves names within the unit and carries the code into the proposals', () => {
    assert.deepEqual(out.proposals.map((p) => [p.id, p.to]), [['U-1', 'DISDIK-KASI']]);
  });

  it('a misspelled post names the closest; the merged cell and the uncalculated formula say what they are', () => {
    const unknown = out.findings.filter((f) => f.rule === 'POSITION_UNKNOWN');
    assert.deepEqual(unknown.map((f) => `${f.sheet}!${f.cell}`), ['DUK!F9']);
    assert.match(unknown[0]!.message, /"Kepala Seksi Dta".*Yang paling mirip: DISDIK-KASI "Kepala Seksi Data" \(Dinas Pendidikan\)/);
    const required = out.findings.filter((f) => f.rule === 'REQUIRED_MISSING');
    assert.deepEqual(required.map((f) => `${f.sheet}!${f.cell}`), ['DUK!F11']);
    assert.match(required[0]!.message, /mungkin sel digabung \(merge\) dengan baris 10/);
    const formula = out.findings.filter((f) => f.rule === 'VALUE_INVALID' && f.cell === 'G8');
    assert.equal(formula.length, 1, JSON.stringify(out.findings));
    assert.match(formula[0]!.message, /belum dihitung/);
  });

  it("TMT Jabatan is the JABATAN's TMT, not the PANGKAT's", () => {
    // Rahmat: TMT Jabatan 01/03/2021 is 68 months before the as-of date (ROTATION_DUE); his rank's TMT
    // (2016) would have been 127 months.
    const due = out.findings.filter((f) => f.rule === 'ROTATION_DUE');
    assert.deepEqual(due.map((f) => `${f.sheet}!${f.cell}`), ['DUK!G10']);
    assert.match(due[0]!.message, /^Masa jabatan 68 bulan/);
  });
});
