/**
 * `mutasi talenta`: the terminal summary, the JSON contract, and --out: sheets Talenta (an Excel table,
 * the 9-box) and Suksesi written through the surgical writer, replaced — not duplicated — on a second
 * run, a person's own sheet called Talenta left alone, every other part byte for byte, and the file read
 * back by LibreOffice.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readXlsx } from '../../shared/xlsx/read';
import { XlsxDocument } from '../../shared/xlsx/write';
import { entryData, readZip } from '../../shared/xlsx/zip';
import { mutasi } from '../support/cli';

const dir = mkdtempSync(path.join(tmpdir(), 'mutasi-talenta-'));
const demo = path.join(dir, 'demo.xlsx');

function entries(file: string): Map<string, Buffer> {
  return new Map(readZip(new Uint8Array(readFileSync(file))).map((e) => [e.name, Buffer.from(entryData(e))]));
}
function sheetsOf(file: string) {
  return readXlsx(new Uint8Array(readFileSync(file)), () => true);
}

describe('cli: mutasi talenta', function () {
  this.timeout(240_000);
  before(() => {
    const r = mutasi(['demo', demo, '--employees', '400', '--seed', '2']);
    assert.equal(r.code, 0, r.stderr);
  });

  it('prints the 9-box, the posts without a ready successor first and the posts opening within the horizon', () => {
    const r = mutasi(['talenta', demo]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Talenta & Suksesi: .*demo\.xlsx \(tanggal acuan 2026-11-23\)/);
    assert.match(r.stdout, /Potensi Tinggi +6: \d+ +8: \d+ +9: \d+/);
    assert.match(r.stdout, /\d+ jabatan kunci · \d+ tanpa suksesor siap sekarang · \d+ akan kosong dalam 24 bulan/);
    const a = r.stdout.indexOf('Jabatan kunci tanpa suksesor siap sekarang');
    const b = r.stdout.indexOf('Akan kosong dalam 24 bulan');
    assert.ok(a > 0 && b > a, r.stdout);
    const en = mutasi(['talenta', demo, '--lang', 'en']);
    assert.match(en.stdout, /key posts · \d+ without a successor ready now/);
  });

  it('--json: the documented contract', () => {
    const r = mutasi(['talenta', demo, '--json', '--as-of', '2026-12-01']);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(j), ['file', 'asOf', 'settings', 'talent', 'posts', 'counts', 'stats']);
    assert.equal(j.asOf, '2026-12-01');
    assert.deepEqual(j.settings, { successorCount: 3, horizonMonths: 24, horizonEnd: '2028-12-01', jpmOk: 80 });
    assert.deepEqual(Object.keys(j.talent), ['people', 'byBox', 'groups', 'unboxed', 'byUnit']);
    assert.equal(j.talent.byBox.length, 9);
    const p = j.posts.find((x: { successors: unknown[] }) => x.successors.length > 0);
    assert.deepEqual(Object.keys(p), ['code', 'name', 'unit', 'type', 'level', 'reason', 'row', 'needed', 'holders', 'opensOn', 'vacantNow', 'candidates', 'successors', 'emergency', 'noReadySuccessor', 'status']);
    assert.deepEqual(Object.keys(p.successors[0]), ['rank', 'nip', 'name', 'positionCode', 'positionName', 'unit', 'rankGolongan', 'box', 'outsidePool', 'readiness', 'score', 'parts', 'jpm', 'emergency', 'plan']);
    assert.deepEqual(Object.keys(p.successors[0].plan), ['gaps', 'blockers', 'warnings', 'missingTrainings', 'tenureReachedOn']);
    assert.ok(['now', 'soon', 'notYet'].includes(p.successors[0].readiness));
  });

  it('--out: Talenta (a table) and Suksesi; a second run replaces them without duplicating; other parts byte for byte', () => {
    const once = path.join(dir, 'once.xlsx');
    const r1 = mutasi(['talenta', demo, '--out', once]);
    assert.equal(r1.code, 0, r1.stderr);
    assert.match(r1.stdout, /Ditulis: .*once\.xlsx \(lembar Talenta dan Suksesi/);
    const before = entries(demo);
    const after = entries(once);
    const changed = [...after.keys()].filter((k) => !before.has(k) || !before.get(k)!.equals(after.get(k)!)).sort();
    // Only the new sheets, their table, and the package parts that list sheets.
    for (const k of changed) assert.match(k, /^(xl\/worksheets\/(sheet\d+\.xml|_rels\/sheet\d+\.xml\.rels)|xl\/tables\/table\d+\.xml|xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|\[Content_Types\]\.xml|xl\/styles\.xml)$/, k);
    for (const k of before.keys()) assert.ok(after.has(k), `${k} kept`);

    const read = sheetsOf(once);
    assert.deepEqual(read.names.slice(-2), ['Talenta', 'Suksesi']);
    const talenta = read.sheets.find((s) => s.name === 'Talenta')!;
    assert.match(String(talenta.values[0]![0]), /^Talenta ASN — dibuat oleh Mutasi/);
    assert.deepEqual(talenta.values[2]!.slice(0, 3), ['NIP', 'Nama', 'Golongan']);
    const tables = [...after.keys()].filter((k) => k.startsWith('xl/tables/'));
    assert.equal(tables.length, 1);
    const tableXml = after.get(tables[0]!)!.toString('utf8');
    assert.match(tableXml, /name="MutasiTalenta"/);
    assert.match(tableXml, /<autoFilter /);

    // Again, on its own output: the same two sheets, one table, nothing added.
    const twice = path.join(dir, 'twice.xlsx');
    const r2 = mutasi(['talenta', once, '--out', twice]);
    assert.equal(r2.code, 0, r2.stderr);
    const read2 = sheetsOf(twice);
    assert.deepEqual(read2.names, read.names);
    assert.equal([...entries(twice).keys()].filter((k) => k.startsWith('xl/tables/')).length, 1);
    const t2 = read2.sheets.find((s) => s.name === 'Talenta')!;
    assert.equal(t2.values.length, talenta.values.length);
    assert.deepEqual(read2.sheets.find((s) => s.name === 'Suksesi')!.values, read.sheets.find((s) => s.name === 'Suksesi')!.values);

    // LibreOffice reads the file; the Suksesi sheet's blocks come through.
    const lo = path.join(dir, 'lo');
    execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`, '--convert-to', 'pdf', '--outdir', lo, twice], { timeout: 180_000, stdio: 'ignore' });
    assert.ok(readFileSync(path.join(lo, 'twice.pdf')).length > 10_000);
  });

  it("never overwrites a person's own sheet named Talenta: writes Talenta Mutasi beside it", () => {
    const doc = XlsxDocument.open(new Uint8Array(readFileSync(demo)));
    doc.putSheet('Talenta', { rows: [['Daftar talenta buatan Pak Yusuf'], ['Andi', 9]] });
    const mine = path.join(dir, 'mine.xlsx');
    writeFileSync(mine, doc.toBytes());
    const out = path.join(dir, 'mine-out.xlsx');
    const r = mutasi(['talenta', mine, '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    const read = sheetsOf(out);
    assert.deepEqual(read.sheets.find((s) => s.name === 'Talenta')!.values, [['Daftar talenta buatan Pak Yusuf'], ['Andi', 9]]);
    assert.ok(read.names.includes('Talenta Mutasi'));
    // The next run writes to its own sheet again.
    const again = path.join(dir, 'mine-again.xlsx');
    assert.equal(mutasi(['talenta', out, '--out', again]).code, 0);
    assert.deepEqual(sheetsOf(again).names, read.names);
  });

  it('refuses --out = input, an existing --out without --force, and a workbook without Pegawai: exit 2, one line', () => {
    const same = mutasi(['talenta', demo, '--out', demo]);
    assert.equal(same.code, 2);
    assert.match(same.stderr, /--out tidak boleh sama dengan berkas masukan/);
    const exists = path.join(dir, 'exists.xlsx');
    writeFileSync(exists, readFileSync(demo));
    const r = mutasi(['talenta', demo, '--out', exists]);
    assert.equal(r.code, 2);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    const empty = XlsxDocument.open(new Uint8Array(readFileSync(demo)));
    const bare = path.join(dir, 'bare.xlsx');
    empty.putSheet('Pegawai', { rows: [['Judul saja']] });
    writeFileSync(bare, empty.toBytes());
    const b = mutasi(['talenta', bare]);
    assert.equal(b.code, 2, b.stdout);
    assert.match(b.stderr, /^mutasi: /);
  });
});
