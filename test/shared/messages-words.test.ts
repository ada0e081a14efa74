/**
 * Issue 19 item 4: the rules state facts (a date or none, which SKP year, the competency gaps, a key of
 * what a value must be or why a cell is required); rules/messages.ts words them in each language. These
 * are the messages as they read before the words left the rules, cell by cell, in both languages.
 */
import { strict as assert } from 'node:assert';
import { checkSheets } from '../../shared/engine';
import { ruleMessage } from '../../shared/rules/messages';
import { createMoveContext, evaluateMove } from '../../shared/rules/transfer';
import { parseDate } from '../../shared/values/parse';
import type { Day } from '../../shared/values/dates';
import {
  BASE_POSITIONS, NIP_B, NIP_C, PEGAWAI_HEADERS, employee, position, proposal, workbook, type Row,
} from '../support/book';
import { noCachedValue, type CellValue } from '../../shared/workbook/gateway';

const comps = (v: CellValue): Row => Object.fromEntries(PEGAWAI_HEADERS.slice(16).map((n) => [n, v]));
const NIP_D = '199001012015032002';
const positions = [
  ...BASE_POSITIONS,
  position({ 'Kode Jabatan': 'X1', 'Jenis Jabatan': 'Foo', Jenjang: 'Bar', Kebutuhan: -3, 'Kelas Jabatan': 40, 'Golongan Minimal': 'IX', 'Pendidikan Minimal': 'SMK' }),
  position({ 'Kode Jabatan': 'X2', 'Jenis Jabatan': 'Fungsional', Jenjang: null, Kebutuhan: 'abc' }),
  position({ 'Kode Jabatan': 'X3', 'Jenis Jabatan': 'Administrator', 'Golongan Minimal': 'IV/a', 'Pendidikan Minimal': 'S2', 'Rumpun Jurusan': 'Hukum', 'Diklat Wajib': 'PIM III', Kebutuhan: 5 }),
];
const later = [
  employee({ NIP: NIP_C, 'SKP Tahun Lalu': null, 'SKP Dua Tahun Lalu': 'Kurang', 'Hukuman Disiplin': 'Berat', 'Hukdis Berakhir': null, 'Tanggal Lahir': '15/01/1966', ...comps(1) }),
  employee({ NIP: NIP_D, 'Hukuman Disiplin': 'Ringan', 'Hukdis Berakhir': '01/01/2030', 'TMT Jabatan': '01/06/2026', 'Tanggal Lahir': '01/01/1990', ...comps(2), Integritas: 3, 'SKP Tahun Lalu': null, 'SKP Dua Tahun Lalu': null }),
];
const laterProposals = [
  proposal({ 'No Usulan': 'U-3', NIP: NIP_C, 'Kode Jabatan Tujuan': 'X3' }),
  proposal({ 'No Usulan': 'U-4', NIP: NIP_D, 'Kode Jabatan Tujuan': 'X3', 'Jenis Mutasi': 'Darurat' }),
];
const BOOKS = {
  bad: workbook({
    employees: [
      employee({ NIP: '19850312201001100X', Status: 'XYZ', Golongan: 'V/z', 'TMT Jabatan': 'abc', 'Tanggal Lahir': 'zz', Pendidikan: 'SMK', 'SKP Tahun Lalu': 'Bagus', Potensi: 'x', 'Hukuman Disiplin': 'Besar', Integritas: 7 }),
      employee({ NIP: NIP_B, Golongan: null, 'Hukuman Disiplin': 'Sedang', 'Hukdis Berakhir': null, 'Tanggal Lahir': '01/01/1990', ...comps(null), Integritas: 3, Komunikasi: 2 }),
      employee({ NIP: '198503122010011003', 'Kode Jabatan': null }),
      employee({ NIP: '198503122010011004', Nama: '#REF!', 'TMT Jabatan': noCachedValue('A1+1'), Diklat: '#N/A', Jurusan: '#DIV/0!' }),
      employee({ NIP: '198503122010011005', 'TMT Jabatan': '01/01/1905' }),
      ...later,
    ],
    positions,
    proposals: [
      proposal({ 'No Usulan': 'U-1', 'Jenis Mutasi': 'Liburan', 'TMT Mutasi': 'besok', Status: 'Entah' }),
      proposal({ 'No Usulan': 'U-1', NIP: NIP_B, 'TMT Mutasi': '02/01/2020' }),
      ...laterProposals,
    ],
    aturan: [
      ['Tanggal Acuan', '23/11/2026'], ['Masa Jabatan Minimal (bulan)', 2.5], ['JPM Minimal (%)', 'abc'], ['Bobot JPM', -5],
      ['Evaluasi Pasca Mutasi (bulan)', 'x; y'], ['Larangan Mutasi Selesai', '01/01/2027'], ['Larangan Mutasi Mulai', 'zz'],
      ['Larangan Mutasi Mulai', '01/02/2027'], ['Larangan Mutasi Selesai', '01/01/2027'], ['Larangan Mutasi Mulai', '01/03/2027'],
    ],
  }),
  jpm: workbook({ employees: later, positions, proposals: laterProposals, aturan: [['Tanggal Acuan', '23/11/2026'], ['JPM Minimal (%)', 90], ['JPM Memenuhi Syarat (%)', 70]] }),
};

/** [book, cell, rule, Indonesian, English]. */
const MESSAGES: [keyof typeof BOOKS, string, string, string, string][] = [
  ['bad', 'Pegawai!C2', 'VALUE_INVALID', "Status \"XYZ\" tidak sah; harus PNS, CPNS, PPPK atau Tugas Belajar.", "Status \"XYZ\" is not valid; must be PNS, CPNS, PPPK or Tugas Belajar."],
  ['bad', 'Pegawai!D2', 'VALUE_INVALID', "Golongan \"V/z\" tidak sah; harus golongan I/a sampai IV/e (mis. III/a).", "Golongan \"V/z\" is not valid; must be a rank from I/a to IV/e (e.g. III/a)."],
  ['bad', 'Pegawai!F2', 'VALUE_INVALID', "TMT Jabatan \"abc\" tidak sah; harus tanggal (dd/mm/yyyy, 1 Maret 2019, atau tanggal Excel).", "TMT Jabatan \"abc\" is not valid; must be a date (dd/mm/yyyy, 1 Maret 2019, or an Excel date)."],
  ['bad', 'Pegawai!J2', 'VALUE_INVALID', "SKP Tahun Lalu \"Bagus\" tidak sah; harus Sangat Baik, Baik, Butuh Perbaikan, Kurang atau Sangat Kurang.", "SKP Tahun Lalu \"Bagus\" is not valid; must be Sangat Baik, Baik, Butuh Perbaikan, Kurang or Sangat Kurang."],
  ['bad', 'Pegawai!L2', 'VALUE_INVALID', "Potensi \"x\" tidak sah; harus Tinggi, Menengah atau Rendah.", "Potensi \"x\" is not valid; must be Tinggi, Menengah or Rendah."],
  ['bad', 'Pegawai!M2', 'VALUE_INVALID', "Hukuman Disiplin \"Besar\" tidak sah; harus Tidak Ada, Ringan, Sedang atau Berat.", "Hukuman Disiplin \"Besar\" is not valid; must be Tidak Ada, Ringan, Sedang or Berat."],
  ['bad', 'Pegawai!Q2', 'VALUE_INVALID', "Integritas \"7\" tidak sah; harus bilangan bulat 1–5.", "Integritas \"7\" is not valid; must be a whole number from 1 to 5."],
  ['bad', 'Pegawai!D3', 'REQUIRED_MISSING', "Golongan wajib diisi (wajib untuk PNS).", "Golongan is required (required for PNS)."],
  ['bad', 'Pegawai!N3', 'REQUIRED_MISSING', "Hukdis Berakhir wajib diisi (wajib untuk hukuman disiplin Sedang).", "Hukdis Berakhir is required (required with a Sedang penalty)."],
  ['bad', 'Pegawai!R3', 'REQUIRED_MISSING', "Kerja Sama wajib diisi (isi kesembilan level kompetensi atau kosongkan semuanya).", "Kerja Sama is required (fill all nine competency levels or none)."],
  ['bad', 'Pegawai!E4', 'REQUIRED_MISSING', "Kode Jabatan wajib diisi (mungkin sel digabung (merge) dengan baris 3 di atasnya: sel gabungan menyimpan nilainya hanya di baris pertama; pisahkan gabungan sel dan isi setiap baris).", "Kode Jabatan is required (the cells may be merged with row 3 above: a merged cell keeps its value in its first row only; unmerge the cells and fill every row)."],
  ['bad', 'Pegawai!B5', 'VALUE_INVALID', "Nama \"#REF!\" tidak sah; sel berisi galat Excel #REF!, biasanya hasil rumus yang gagal; perbaiki rumusnya atau isi nilainya.", "Nama \"#REF!\" is not valid; the cell holds the Excel error #REF!, usually a formula that failed; fix the formula or type the value."],
  ['bad', 'Pegawai!F5', 'VALUE_INVALID', "TMT Jabatan \"=A1+1\" tidak sah; rumus ini belum dihitung (berkas disimpan tanpa nilai hasil rumus); buka dan simpan ulang di Excel atau LibreOffice, atau isi nilainya.", "TMT Jabatan \"=A1+1\" is not valid; this formula has not been calculated (the file holds no result for it); open and save it again in Excel or LibreOffice, or type the value."],
  ['bad', 'Pegawai!O5', 'VALUE_INVALID', "Diklat \"#N/A\" tidak sah; sel berisi galat Excel #N/A, biasanya hasil rumus yang gagal; perbaiki rumusnya atau isi nilainya.", "Diklat \"#N/A\" is not valid; the cell holds the Excel error #N/A, usually a formula that failed; fix the formula or type the value."],
  ['bad', 'Pegawai!F6', 'VALUE_INVALID', "TMT Jabatan \"1905-01-01\" tidak sah; TMT jabatan tidak boleh sebelum bulan TMT CPNS dalam NIP (digit 9–14: 2010-01); tahun saja (mis. 2019) dibaca Excel sebagai tanggal tahun 1905, ketik tanggal lengkap.", "TMT Jabatan \"1905-01-01\" is not valid; the position start cannot be before the CPNS start month in the NIP (digits 9–14: 2010-01); a year alone (e.g. 2019) is read by Excel as a date in 1905, type the full date."],
  ['bad', 'Pegawai!N7', 'REQUIRED_MISSING', "Hukdis Berakhir wajib diisi (wajib untuk hukuman disiplin Berat).", "Hukdis Berakhir is required (required with a Berat penalty)."],
  ['bad', 'Jabatan!C4', 'VALUE_INVALID', "Jenis Jabatan \"Foo\" tidak sah; harus JPT Utama, JPT Madya, JPT Pratama, Administrator, Pengawas, Pelaksana atau Fungsional.", "Jenis Jabatan \"Foo\" is not valid; must be JPT Utama, JPT Madya, JPT Pratama, Administrator, Pengawas, Pelaksana or Fungsional."],
  ['bad', 'Jabatan!D4', 'VALUE_INVALID', "Jenjang \"Bar\" tidak sah; harus Ahli Utama, Ahli Madya, Ahli Muda, Ahli Pertama, Penyelia, Mahir, Terampil atau Pemula.", "Jenjang \"Bar\" is not valid; must be Ahli Utama, Ahli Madya, Ahli Muda, Ahli Pertama, Penyelia, Mahir, Terampil or Pemula."],
  ['bad', 'Jabatan!F4', 'VALUE_INVALID', "Kelas Jabatan \"40\" tidak sah; harus bilangan bulat 1–17.", "Kelas Jabatan \"40\" is not valid; must be a whole number from 1 to 17."],
  ['bad', 'Jabatan!G4', 'VALUE_INVALID', "Kebutuhan \"-3\" tidak sah; harus bilangan bulat 0 sampai 1.000.000 (jumlah orang menurut ABK).", "Kebutuhan \"-3\" is not valid; must be a whole number from 0 to 1,000,000 (people the workload analysis needs)."],
  ['bad', 'Jabatan!D5', 'REQUIRED_MISSING', "Jenjang wajib diisi (wajib untuk jabatan Fungsional).", "Jenjang is required (required for a Fungsional position)."],
  ['bad', 'Usulan!D2', 'VALUE_INVALID', "Jenis Mutasi \"Liburan\" tidak sah; harus Rotasi, Promosi, Kebutuhan Organisasi, Darurat atau Permintaan Sendiri.", "Jenis Mutasi \"Liburan\" is not valid; must be Rotasi, Promosi, Kebutuhan Organisasi, Darurat or Permintaan Sendiri."],
  ['bad', 'Usulan!F2', 'VALUE_INVALID', "Status \"Entah\" tidak sah; harus Draf, Diajukan, Disetujui, Ditolak atau Tercatat.", "Status \"Entah\" is not valid; must be Draf, Diajukan, Disetujui, Ditolak or Tercatat."],
  ['bad', 'Usulan!A3', 'VALUE_INVALID', "No Usulan \"U-1\" tidak sah; nomor usulan harus unik.", "No Usulan \"U-1\" is not valid; proposal numbers must be unique."],
  ['bad', 'Usulan!B3', 'DISCIPLINE_ACTIVE', "Hukuman disiplin Sedang berlaku sampai (tanpa tanggal), pada atau sesudah TMT mutasi 2020-01-02 (PP 94/2021; Perban BKN 5/2019 Pasal 3).", "Discipline penalty Sedang runs until (no end date), on or after the transfer date 2020-01-02 (PP 94/2021; Perban BKN 5/2019 Pasal 3)."],
  ['bad', 'Usulan!E3', 'VALUE_INVALID', "TMT Mutasi \"2020-01-02\" tidak sah; TMT mutasi tidak boleh sebelum TMT jabatan pegawai saat ini (2022-06-01).", "TMT Mutasi \"2020-01-02\" is not valid; the transfer date cannot be before the employee's current position start (2022-06-01)."],
  ['bad', 'Usulan!B4', 'PERFORMANCE_LOW', "Predikat SKP Kurang (dua tahun lalu); dua tahun terakhir harus minimal Baik (Perban BKN 5/2019 Pasal 3).", "Performance rating Kurang (two years ago); the last two years must be at least Baik (Perban BKN 5/2019 Pasal 3)."],
  ['bad', 'Usulan!B4', 'PERFORMANCE_MISSING', "Predikat SKP tahun lalu kosong; dua tahun terakhir harus minimal Baik (Perban BKN 5/2019 Pasal 3).", "Performance rating for last year is empty; the last two years must be at least Baik (Perban BKN 5/2019 Pasal 3)."],
  ['bad', 'Usulan!B4', 'DISCIPLINE_ACTIVE', "Hukuman disiplin Berat berlaku sampai (tanpa tanggal), pada atau sesudah TMT mutasi 2027-01-02 (PP 94/2021; Perban BKN 5/2019 Pasal 3).", "Discipline penalty Berat runs until (no end date), on or after the transfer date 2027-01-02 (PP 94/2021; Perban BKN 5/2019 Pasal 3)."],
  ['bad', 'Usulan!C4', 'COMPETENCY_FIT_LOW', "JPM 33,33%; minimal 68% (Kurang Memenuhi Syarat). Kesenjangan: Integritas 1/3, Kerja Sama 1/3, Komunikasi 1/3, Orientasi pada Hasil 1/3, Pelayanan Publik 1/3, Pengembangan Diri dan Orang Lain 1/3, Mengelola Perubahan 1/3, Pengambilan Keputusan 1/3, Perekat Bangsa 1/3.", "JPM 33.33%; at least 68% required (below requirements). Gaps: Integrity 1/3, Teamwork 1/3, Communication 1/3, Results orientation 1/3, Public service 1/3, Developing self and others 1/3, Managing change 1/3, Decision making 1/3, National cohesion 1/3."],
  ['bad', 'Usulan!B5', 'PERFORMANCE_MISSING', "Predikat SKP dua tahun lalu kosong; dua tahun terakhir harus minimal Baik (Perban BKN 5/2019 Pasal 3).", "Performance rating for two years ago is empty; the last two years must be at least Baik (Perban BKN 5/2019 Pasal 3)."],
  ['bad', 'Usulan!B5', 'DISCIPLINE_ACTIVE', "Hukuman disiplin Ringan berlaku sampai 2030-01-01, pada atau sesudah TMT mutasi 2027-01-02 (PP 94/2021; Perban BKN 5/2019 Pasal 3).", "Discipline penalty Ringan runs until 2030-01-01, on or after the transfer date 2027-01-02 (PP 94/2021; Perban BKN 5/2019 Pasal 3)."],
  ['bad', 'Usulan!C5', 'COMPETENCY_FIT_MARGINAL', "JPM 70,37%; memenuhi syarat mulai 80% (Masih Memenuhi Syarat). Kebutuhan pengembangan: Kerja Sama 2/3, Komunikasi 2/3, Orientasi pada Hasil 2/3, Pelayanan Publik 2/3, Pengembangan Diri dan Orang Lain 2/3, Mengelola Perubahan 2/3, Pengambilan Keputusan 2/3, Perekat Bangsa 2/3.", "JPM 70.37%; fully qualified from 80% (marginally qualified). Development needs: Teamwork 2/3, Communication 2/3, Results orientation 2/3, Public service 2/3, Developing self and others 2/3, Managing change 2/3, Decision making 2/3, National cohesion 2/3."],
  ['bad', 'Aturan!B3', 'VALUE_INVALID', "Nilai (Masa Jabatan Minimal (bulan)) \"2.5\" tidak sah; harus bilangan bulat 0–600.", "Nilai (Masa Jabatan Minimal (bulan)) \"2.5\" is not valid; must be a whole number 0–600."],
  ['bad', 'Aturan!B4', 'VALUE_INVALID', "Nilai (JPM Minimal (%)) \"abc\" tidak sah; harus angka 0–100.", "Nilai (JPM Minimal (%)) \"abc\" is not valid; must be a number 0–100."],
  ['bad', 'Aturan!B5', 'VALUE_INVALID', "Nilai (Bobot JPM) \"-5\" tidak sah; harus angka 0–1000.", "Nilai (Bobot JPM) \"-5\" is not valid; must be a number 0–1000."],
  ['bad', 'Aturan!B6', 'VALUE_INVALID', "Nilai (Evaluasi Pasca Mutasi (bulan)) \"x; y\" tidak sah; harus daftar bulan bilangan bulat 1–120 dipisah titik koma (mis. 6; 12).", "Nilai (Evaluasi Pasca Mutasi (bulan)) \"x; y\" is not valid; must be a list of whole months 1–120 separated by semicolons (e.g. 6; 12)."],
  ['bad', 'Aturan!B7', 'VALUE_INVALID', "Nilai (Larangan Mutasi Selesai) \"01/01/2027\" tidak sah; harus didahului baris Larangan Mutasi Mulai.", "Nilai (Larangan Mutasi Selesai) \"01/01/2027\" is not valid; must follow a Larangan Mutasi Mulai row."],
  ['bad', 'Aturan!B8', 'VALUE_INVALID', "Nilai (Larangan Mutasi Mulai) \"zz\" tidak sah; harus tanggal (dd/mm/yyyy).", "Nilai (Larangan Mutasi Mulai) \"zz\" is not valid; must be a date (dd/mm/yyyy)."],
  ['bad', 'Aturan!B10', 'VALUE_INVALID', "Nilai (Larangan Mutasi Selesai) \"01/01/2027\" tidak sah; tidak boleh sebelum Larangan Mutasi Mulai 2027-02-01.", "Nilai (Larangan Mutasi Selesai) \"01/01/2027\" is not valid; must not be before Larangan Mutasi Mulai 2027-02-01."],
  ['bad', 'Aturan!B11', 'VALUE_INVALID', "Nilai (Larangan Mutasi Mulai) \"2027-03-01\" tidak sah; perlu baris Larangan Mutasi Selesai sesudahnya.", "Nilai (Larangan Mutasi Mulai) \"2027-03-01\" is not valid; needs a Larangan Mutasi Selesai row after it."],
  ['jpm', 'Aturan!B3', 'VALUE_INVALID', "Nilai (JPM Minimal (%)) \"90\" tidak sah; JPM Minimal (90) tidak boleh di atas JPM Memenuhi Syarat (70); dipakai 68 dan 80.", "Nilai (JPM Minimal (%)) \"90\" is not valid; JPM Minimal (90) must not be above JPM Memenuhi Syarat (70); 68 and 80 are used."],
];

describe('messages: the rules state facts, messages word them (issue 19)', () => {
  for (const lang of ['id', 'en'] as const) {
    it(`every reader, settings and rule message reads as before, in ${lang === 'id' ? 'Indonesian' : 'English'}`, () => {
      const found = Object.fromEntries(Object.entries(BOOKS).map(([k, sheets]) => [k, checkSheets(sheets, { lang }).result.findings]));
      for (const [book, at, rule, id, en] of MESSAGES) {
        const [sheet, cell] = at.split('!');
        const hits = found[book]!.filter((f) => f.sheet === sheet && f.cell === cell && f.rule === rule).map((f) => f.message);
        assert.ok(hits.includes(lang === 'id' ? id : en), `${book} ${at} ${rule}: ${JSON.stringify(hits)}`);
      }
    });
  }

  it('a move\'s findings carry facts only: no words, no English twins', () => {
    const book = checkSheets(BOOKS.jpm).book!;
    const ctx = createMoveContext(book.settings, book.positions);
    const x3 = book.positions.find((p) => p.code === 'X3')!;
    const date = parseDate('02/01/2027') as Day;
    const params = book.employees.flatMap((e) => evaluateMove(ctx, e, x3, { date, reason: null }).findings.map((f) => [f.rule, f.params] as const));
    const perf = params.filter(([r]) => r === 'PERFORMANCE_MISSING' || r === 'PERFORMANCE_LOW').map(([, p]) => p.yearsAgo);
    assert.deepEqual(perf.sort(), [1, 1, 2, 2]);
    const until = params.filter(([r]) => r === 'DISCIPLINE_ACTIVE').map(([, p]) => p.until);
    assert.deepEqual(until, [null, '2030-01-01']);
    const gaps = params.find(([r]) => r === 'COMPETENCY_FIT_LOW')![1].gaps;
    assert.ok(Array.isArray(gaps) && gaps.length === 9 && gaps[0]!.competency === 'Integritas', JSON.stringify(gaps));
    for (const [rule, p] of params) assert.deepEqual(Object.keys(p).filter((k) => k.endsWith('En')), [], rule);
    // Worded at the end, in either language.
    assert.equal(ruleMessage('DISCIPLINE_ACTIVE', { level: 'Berat', until: null, tmt: '2027-01-02' }, 'en'),
      'Discipline penalty Berat runs until (no end date), on or after the transfer date 2027-01-02 (PP 94/2021; Perban BKN 5/2019 Pasal 3).');
  });

  it('a key the word tables do not know reads as itself, never as "undefined"', () => {
    assert.equal(ruleMessage('VALUE_INVALID', { header: 'X', value: 'v', expected: 'harus Ya' }, 'id'), 'X "v" tidak sah; harus Ya.');
    assert.equal(ruleMessage('REQUIRED_MISSING', { header: 'X', why: 'karena' }, 'en'), 'X is required (karena).');
    assert.equal(ruleMessage('REQUIRED_MISSING', { header: 'X' }, 'en'), 'X is required.');
  });
});
