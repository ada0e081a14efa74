/** `mutasi check` end to end through real .xlsx files: a messy hand-built workbook, exit codes, the JSON contract. */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { buildDemo, writeDemoFile } from '../../sync-server/xlsx/demo';
import { ROOT, mutasi } from '../support/cli';
import { NIP_A, NIP_B } from '../support/book';

const dir = mkdtempSync(path.join(os.tmpdir(), 'mutasi-check-'));

/** A workbook as an office really keeps it: title rows, alias headers and sheet names, messy values. */
async function messyWorkbook(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const peg = wb.addWorksheet('Daftar Nominatif');
  peg.addRow(['DAFTAR NOMINATIF PEGAWAI NEGERI SIPIL']);
  peg.addRow(['PEMERINTAH KABUPATEN SUKAMAJU — KEADAAN 1 NOVEMBER 2026']);
  peg.addRow([]);
  peg.addRow(['No', 'NIP Baru', 'Nama Lengkap', 'Gol/Ruang', 'Kd. Jabatan', 'TMT Jab', 'Tgl. Lahir', 'Pendidikan Terakhir', 'Prodi', 'Predikat SKP 1', 'Predikat SKP 2', 'Unit Kerja', 'Keterangan']);
  const rows: ExcelJS.CellValue[][] = [
    [1, '19850312 201001 1 002', 'Budi Santoso, S.Kom.', 'Penata (III/c)', 'BKD-PRAKOM', '1 Juni 2022', new Date(Date.UTC(1985, 2, 12)), 'S-1', 'Teknik Informatika', 'Sangat Baik', 'Baik', 'BKPSDM', 'catatan bebas'],
    [2, NIP_B, 'Siti Aminah, A.Md.Kep.', '2c', 'DINKES-PERAWAT', '01-02-2019', '01/01/1990', 'D-III', 'Keperawatan', 'Baik', 'Baik', 'Dinas Kesehatan', ''],
    [],
    [3, 199001012015032000, 'Nip Angka', 'III-a', 'DINKES-PERAWAT', 43525, null, 'SLTA', '', 'Baik', 'Baik', '', ''],
    [4, '199203042019031005', 'Data Salah', 'V/a', 'DINKES-XXX', { error: '#N/A' } as ExcelJS.CellErrorValue, null, 'Kursus', '', 'Baik', 'Baik', '', ''],
  ];
  for (const r of rows) peg.addRow(r);
  peg.getColumn(2).numFmt = '@';

  const jab = wb.addWorksheet('Peta Jabatan');
  jab.addRow(['PETA JABATAN']);
  jab.addRow(['Kode Jab', 'Jabatan', 'Jenis', 'Jenjang Fungsional', 'OPD', 'Kelas', 'ABK']);
  jab.addRow(['BKD-PRAKOM', 'Pranata Komputer Ahli Pertama', 'Fungsional', 'Ahli Pertama', 'BKPSDM', 9, 2]);
  jab.addRow(['DINKES-PERAWAT', 'Perawat Terampil', 'JF', 'Terampil', 'Dinas Kesehatan', 6, 4]);
  jab.addRow(['DINKES-KASI', 'Kepala Seksi Data', 'Jabatan Pengawas', null, 'Dinas Kesehatan', 9, 1]);

  const us = wb.addWorksheet('Rencana Mutasi');
  us.addRow(['Nomor', 'NIP Pegawai', 'Kode Tujuan', 'Alasan', 'TMT', 'Status Usulan', 'Justifikasi']);
  us.addRow(['U-1', NIP_A, 'DINKES-KASI', 'Rotasi', '02/01/2027', 'Diajukan', '']);
  us.addRow(['U-2', NIP_B, 'DINKES-KASI', 'Rotasi', '02/01/2027', 'Draf', '']);
  us.addRow(['U-3', '197001011990011001', 'DINKES-KASI', 'Rotasi', '02/01/2027', 'Ditolak', '']);

  const at = wb.addWorksheet('Aturan');
  at.addRow(['Aturan', 'Nilai']);
  at.addRow(['Tanggal Acuan', new Date(Date.UTC(2026, 10, 23))]);
  await wb.xlsx.writeFile(file);
}

describe('mutasi check (CLI, real files)', function () {
  this.timeout(60000);
  const messy = path.join(dir, 'berantakan.xlsx');
  before(async () => messyWorkbook(messy));

  it('reads a messy workbook with title rows, alias headers and alias sheet names, and reports exact cells', () => {
    const r = mutasi(['check', messy, '--json']);
    assert.equal(r.code, 1, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(out).slice(0, 5), ['file', 'asOf', 'counts', 'findings', 'proposals']);
    assert.equal(out.file, messy);
    assert.equal(out.asOf, '2026-11-23');
    assert.deepEqual({ e: out.counts.employees, p: out.counts.positions, u: out.counts.proposals }, { e: 4, p: 3, u: 3 });
    const at = (rule: string) => out.findings.filter((f: { rule: string }) => f.rule === rule).map((f: { sheet: string; cell: string }) => `${f.sheet}!${f.cell}`);
    assert.deepEqual(at('NIP_PRECISION'), ['Daftar Nominatif!B8']);
    assert.deepEqual(at('VALUE_INVALID').sort(), ['Daftar Nominatif!D9', 'Daftar Nominatif!F9', 'Daftar Nominatif!H9'].sort());
    assert.deepEqual(at('POSITION_UNKNOWN'), ['Daftar Nominatif!E9']);
    assert.deepEqual(at('REQUIRED_MISSING'), []);
    // U-1 (an Ahli Pertama to a Pengawas seat, the same equivalent rung) lacks only competency data; U-2 finds the only seat taken.
    assert.deepEqual(at('FORMATION_FULL'), ['Rencana Mutasi!C3']);
    const p = out.proposals;
    assert.deepEqual(p.map((x: { id: string; verdict: string }) => `${x.id}:${x.verdict}`), ['U-1:warning', 'U-2:error', 'U-3:inactive']);
    assert.deepEqual(p[0].rules, ['COMPETENCY_DATA_MISSING']);
    assert.equal(p[0].nip, NIP_A);
    assert.equal(p[0].to, 'DINKES-KASI');
    assert.equal(p[0].jpm, null, 'no competency data, no JPM');
    assert.equal(p[1].verdict, 'error');
    for (const f of out.findings) {
      assert.deepEqual(Object.keys(f), ['rule', 'severity', 'sheet', 'row', 'column', 'cell', 'subject', 'message']);
    }
    assert.ok(Array.isArray(out.units) && out.units.length === 2);
  });

  it('prints a report for a person: counts, findings by sheet and row, the unit summary', () => {
    const r = mutasi(['check', messy]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /galat/);
    assert.match(r.stdout, /Daftar Nominatif/);
    assert.match(r.stdout, /baris 8/);
    assert.match(r.stdout, /NIP_PRECISION/);
    assert.match(r.stdout, /Ringkasan per unit/);
    assert.match(r.stdout, /Dinas Kesehatan/);
  });

  it('speaks English with --lang en, and --as-of overrides the Aturan date', () => {
    const r = mutasi(['check', messy, '--json', '--lang', 'en', '--as-of', '2026-12-01']);
    const out = JSON.parse(r.stdout);
    assert.equal(out.asOf, '2026-12-01');
    const f = out.findings.find((x: { rule: string }) => x.rule === 'NIP_PRECISION');
    assert.match(f.message, /stored as a number/);
  });

  it('exits 0 on a workbook without errors', async () => {
    const file = path.join(dir, 'bersih.xlsx');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Pegawai').addRows([
      ['NIP', 'Nama', 'Golongan', 'Kode Jabatan', 'TMT Jabatan', 'Pendidikan'],
      [NIP_A, 'Budi', 'III/c', 'A', '01/01/2024', 'S1'],
    ]);
    wb.addWorksheet('Jabatan').addRows([
      ['Kode Jabatan', 'Nama Jabatan', 'Jenis Jabatan', 'Unit Kerja', 'Kebutuhan'],
      ['A', 'Analis', 'Pelaksana', 'BKPSDM', 1],
    ]);
    await wb.xlsx.writeFile(file);
    const r = mutasi(['check', file, '--as-of', '2026-11-23']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /Tidak ada temuan/);
    assert.doesNotMatch(r.stdout, /tidak berisi data/);
    // A fresh template (headers only): still exit 0, but not a bare "no findings".
    const empty = path.join(dir, 'templat.xlsx');
    assert.equal(mutasi(['template', empty]).code, 0);
    const t = mutasi(['check', empty]);
    assert.equal(t.code, 0, t.stderr);
    assert.match(t.stdout, /Lembar Pegawai tidak berisi data \(hanya judul kolom\): tidak ada yang diperiksa di sana\.\nLembar Jabatan tidak berisi data/);
  });

  it('exit 2 with one clear line for a missing file, a non-xlsx, a password-protected file, or a wrong call', () => {
    const txt = path.join(dir, 'bukan.xlsx');
    writeFileSync(txt, 'ini bukan buku kerja');
    const enc = path.join(dir, 'terkunci.xlsx');
    writeFileSync(enc, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]));
    const cut = path.join(dir, 'terpotong.xlsx');
    writeFileSync(cut, readFileSync(messy).subarray(0, 2000)); // a zip cut short (a copy or download that stopped)
    const lock = path.join(dir, '~$berantakan.xlsx'); // Excel's owner file while berantakan.xlsx is open (165 bytes, not a zip)
    writeFileSync(lock, Buffer.concat([Buffer.from([0x0b]), Buffer.from('Admin BKPSDM'), Buffer.alloc(152)]));
    const cases: [string[], RegExp][] = [
      [['check', path.join(dir, 'tidak-ada.xlsx')], /tidak ditemukan/],
      [['check', lock], /^mutasi: .*~\$berantakan\.xlsx adalah berkas kunci sementara yang dibuat Excel .*; yang dimaksud mungkin .*berantakan\.xlsx\n$/],
      [['check', cut], /^mutasi: .*terpotong\.xlsx tidak dapat dibaca sebagai \.xlsx: berkas rusak .*simpan ulang(?!.*(Corrupted|zip|directory)).*\n$/],
      [['check', txt], /bukan buku kerja \.xlsx/],
      [['check', enc], /kata sandi/],
      [['check', messy, '--as-of', '23/11/2026'], /YYYY-MM-DD/],
      [['check', messy, '--as-of', 'kemarin'], /tanggal harus berbentuk YYYY-MM-DD .*bukan "kemarin"/],
      [['check', messy, '--as-of', '2026-13-40'], /tanggal 2026-13-40 tidak ada di kalender/],
      [['check', messy, '--as-of', '2026-02-29'], /tanggal 2026-02-29 tidak ada di kalender/],
      [['check', messy, '--lang', 'fr'], /"id" atau "en"/],
      [['check'], /missing required argument|argumen/i],
    ];
    for (const [args, msg] of cases) {
      const r = mutasi(args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, msg);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
      assert.equal(r.stdout, '');
    }
  });

  it('under --lang en the same failures are said in English (still exit 2, one line), wherever --lang stands', () => {
    const txt = path.join(dir, 'bukan-en.xlsx');
    writeFileSync(txt, 'not a workbook');
    const cases: [string[], RegExp][] = [
      [['check', path.join(dir, 'tidak-ada.xlsx'), '--lang', 'en'], /^mutasi: File not found: .*tidak-ada\.xlsx\n$/],
      [['check', '--lang=en', txt], /^mutasi: .*bukan-en\.xlsx is not an \.xlsx workbook/],
      // The wrong date comes before --lang on the line: still English.
      [['check', messy, '--as-of', '2026-13-40', '--lang', 'en'], /2026-13-40 is not a day of the calendar/],
      [['check', messy, '--as-of', 'yesterday', '--lang', 'en'], /a date must be YYYY-MM-DD .*not "yesterday"/],
    ];
    for (const [args, msg] of cases) {
      const r = mutasi(args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, msg);
      assert.doesNotMatch(r.stderr, /tidak ditemukan|bukan buku kerja|tidak ada di kalender|harus berbentuk/, 'no Indonesian line under --lang en');
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    }
    // Without --lang: Indonesian, as before.
    assert.match(mutasi(['check', path.join(dir, 'tidak-ada.xlsx')]).stderr, /^mutasi: Berkas tidak ditemukan: /);
  });

  it('lists errors and warnings, tallies info per rule unless --all, and stops quietly when the reader of a pipe goes away', async function () {
    this.timeout(120_000);
    const file = path.join(dir, 'demo-300.xlsx');
    await writeDemoFile(buildDemo({ employees: 300, seed: 5 }), 5, file);
    const json = JSON.parse(mutasi(['check', file, '--json']).stdout) as { findings: { rule: string; severity: string; cell: string }[] };
    const infos = json.findings.filter((f) => f.severity === 'info');
    assert.ok(infos.length > 0, 'the demo has info findings');
    const short = mutasi(['check', file]);
    assert.equal(short.code, 1);
    assert.match(short.stdout, /info tidak ditampilkan \(ROTATION_DUE \d+/);
    assert.doesNotMatch(short.stdout, /^ {4}ℹ /m, 'no single info line by default');
    for (const f of json.findings.filter((x) => x.severity !== 'info').slice(0, 20)) assert.ok(short.stdout.includes(` ${f.cell} `), f.cell);
    const all = mutasi(['check', file, '--all']);
    assert.equal((all.stdout.match(/^ {4}ℹ /gm) ?? []).length, infos.length);
    assert.doesNotMatch(all.stdout, /tidak ditampilkan/);

    const piped = spawnSync('bash', ['-c', `node bin/mutasi.cjs check '${file}' --all | head -n 2`], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    assert.equal(piped.stdout.split('\n').filter(Boolean).length, 2);
    assert.equal(piped.stderr, '', 'no EPIPE stack trace');
  });
});

