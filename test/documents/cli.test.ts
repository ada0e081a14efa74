/**
 * `mutasi surat` as a user runs it: documents from the official record into a folder and a zip, drafts
 * from a workbook's approved rows (DRAF in the names and the text, no number, no QR), the numbering
 * pattern and office templates, and the one-line refusals.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import PizZip from 'pizzip';
import { openDatabase } from '../../sync-server/db/connect';
import { migrateLatest } from '../../sync-server/db/migrate';
import { defaultTemplate } from '../../sync-server/documents/templates';
import { seedDecisions, type DocumentsAgency } from '../server/support/documents';
import { mutasi } from '../support/cli';
import { flat, qrInDocx, textsOf } from './support';

describe('mutasi surat', function () {
  // Every step is a real `node bin/mutasi.cjs` (a few seconds each on a busy machine).
  this.timeout(600_000);
  let dir: string;
  let dbFile: string;
  let a: DocumentsAgency;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'mutasi-surat-'));
    dbFile = path.join(dir, 'mutasi.sqlite');
    const db = openDatabase(dbFile);
    await migrateLatest(db);
    a = await seedDecisions(db, 6);
    await db.close();
  });

  it('writes SK, petikan, letters and SPMT of chosen decisions into a folder with daftar.csv; refuses to overwrite', () => {
    const out = path.join(dir, 'surat');
    const nomor = a.decisions.slice(0, 2).map((d) => d.recordNo).join(',');
    let r = mutasi(['surat', '--db', dbFile, '--nomor', nomor, '--out', out, '--alamat', 'https://mutasi.contoh.go.id']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Ditulis 7 dokumen/);
    assert.match(r.stdout, /SK kolektif dengan Lampiran: 1 berkas, nomor 800\.1\.3\.3\/1\/BKPSDM\/\d{4}/);
    assert.deepEqual(readdirSync(out).sort(), ['Penjelasan', 'Petikan', 'SK', 'SPMT', 'daftar.csv']);
    const csv = readFileSync(path.join(out, 'daftar.csv'), 'utf8');
    assert.equal(csv.trim().split('\n').length, 8);
    const sk = path.join(out, 'SK', readdirSync(path.join(out, 'SK'))[0]!);
    assert.match(qrInDocx(readFileSync(sk))[0]!, /^https:\/\/mutasi\.contoh\.go\.id\/verifikasi\/[A-Za-z0-9_-]{22}$/);
    r = mutasi(['surat', '--db', dbFile, '--nomor', nomor, '--out', out]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /sudah ada .*--force/);
    r = mutasi(['surat', '--db', dbFile, '--nomor', nomor, '--out', out, '--force', '--alamat', 'https://mutasi.contoh.go.id']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /nomor 800\.1\.3\.3\/1\/BKPSDM\//, 'the same documents keep their numbers');
  });

  it('a date range into one zip; unknown record numbers and wrong kinds are one line each', () => {
    const zip = path.join(dir, 'januari.zip');
    let r = mutasi(['surat', '--db', dbFile, '--dari', '2027-01-01', '--sampai', '2027-01-31', '--jenis', 'sk,spmt', '--out', zip]);
    assert.equal(r.code, 0, r.stderr);
    const z = new PizZip(readFileSync(zip));
    assert.equal(Object.keys(z.files).filter((n) => n.endsWith('.docx')).length, 1 + 6);
    r = mutasi(['surat', '--db', dbFile, '--nomor', 'MUT-2099-000001', '--out', path.join(dir, 'x')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Nomor catatan tidak ada di catatan resmi: MUT-2099-000001/);
    assert.equal(existsSync(path.join(dir, 'x')), false, 'nothing written');
    r = mutasi(['surat', '--db', dbFile, '--jenis', 'memo', '--nomor', a.decisions[0]!.recordNo, '--out', path.join(dir, 'y')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /jenis dokumen harus sk, petikan, penjelasan, spmt/);
    assert.ok(!/at .*\.ts:\d+/.test(r.stderr), 'no stack trace');
  });

  it('the numbering pattern and office templates: a bad pattern or template is refused naming it', () => {
    let r = mutasi(['surat', '--db', dbFile, '--pola', '800.1.3.3/{no}/BKPSDM/{tahun}']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /pola nomor harus memuat \{nomor\}/);
    r = mutasi(['surat', '--db', dbFile, '--pola', '800.1.3.3/{nomor}/BKPSDM/{tahun}/{kode}']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /\{kode\} yang tidak dikenal/);
    const zip = new PizZip(defaultTemplate('sk'));
    zip.file('word/document.xml', zip.file('word/document.xml')!.asText().replace('{jumlah}', '{jumlahPegawai}'));
    const broken = path.join(dir, 'sk-kantor.docx');
    writeFileSync(broken, zip.generate({ type: 'nodebuffer' }) as Buffer);
    r = mutasi(['surat', '--db', dbFile, '--templat', 'sk', '--pasang', broken]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Templat sk \(sk-kantor\.docx\) tidak dapat dipakai: penanda tidak dikenal: \{jumlahPegawai\}/);
    const got = path.join(dir, 'sk-ambil.docx');
    r = mutasi(['surat', '--db', dbFile, '--templat', 'sk', '--ambil', got]);
    assert.equal(r.code, 0, r.stderr);
    r = mutasi(['surat', '--db', dbFile, '--templat', 'sk', '--pasang', got]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Templat sk dipasang/);
    r = mutasi(['surat', '--db', dbFile, '--templat-daftar']);
    assert.match(r.stdout, /sk\s+kantor: sk-ambil\.docx/);
  });

  it('drafts from a workbook\'s Disetujui rows: DRAF in the file names and the text, no number, no QR', () => {
    const book = path.join(dir, 'demo.xlsx');
    assert.equal(mutasi(['demo', book, '--bersih']).code, 0);
    const out = path.join(dir, 'draf.zip');
    const r = mutasi(['surat', '--buku', book, '--jenis', 'sk,penjelasan', '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^DRAF Ditulis/);
    const z = new PizZip(readFileSync(out));
    const names = Object.keys(z.files).filter((n) => n.endsWith('.docx'));
    assert.ok(names.length >= 2);
    assert.ok(names.every((n) => /\/DRAF /.test(n)), 'every file name says DRAF');
    const docs = names.map((n) => ({ name: path.basename(n), bytes: Buffer.from(z.file(n)!.asUint8Array()) }));
    for (const d of docs) assert.deepEqual(qrInDocx(d.bytes), [], 'no verification QR on a draft');
    const texts = textsOf(docs.slice(0, 2)).map(flat);
    for (const t of texts) {
      assert.match(t, /DRAF — BELUM DITETAPKAN/);
      assert.ok(!/800\.1\.3\.3\/\d+/.test(t), 'no number taken');
    }
  });
});
