/**
 * Periksa end to end on the Office gateway (office-addin-mock) with the real engine: the same number of
 * syncs for 100, 5,000 and 50,000 employees; only the add-in's own columns are written; the marks it
 * sets are exactly what "Bersihkan tanda" removes.
 */
import assert from 'node:assert/strict';
import { OfficeGateway } from '../../addin/gateway/office';
import { runPeriksa } from '../../addin/services/periksa';
import { mappingNeeds, writeColumnMap } from '../../addin/workbook/column-map';
import { clearMarks, FILL, highlightPulled } from '../../addin/workbook/marks';
import { FakeWorkbook } from './support/excel-mock';
import { syntheticBook } from './support/book';

function gateway(book: FakeWorkbook) {
  return new OfficeGateway({ run: book.run as typeof Excel.run, isSetSupported: () => true });
}

describe('addin: Periksa on the Office gateway', function () {
  this.timeout(90_000);

  it('syncs as often for 100, 5,000 and 50,000 employees, in one Excel.run', async () => {
    const syncs: number[] = [];
    for (const n of [100, 5_000, 50_000]) {
      const book = new FakeWorkbook(syntheticBook(n));
      const out = await runPeriksa(gateway(book), { lang: 'id' });
      assert.equal(book.runs, 1);
      assert.equal(out.result.counts.employees, n);
      assert.ok(out.result.counts.error > 0);
      syncs.push(book.syncs);
    }
    assert.equal(new Set(syncs).size, 1, `syncs: ${syncs.join(', ')}`);
  });

  it('writes only Skor JPM and Hasil Pemeriksaan in Usulan (adding their headers) and never a user column', async () => {
    const data = syntheticBook(200);
    const before = structuredClone(data);
    const book = new FakeWorkbook(data);
    const out = await runPeriksa(gateway(book), { lang: 'id' });
    const usulanHead = book.sheets.get('Usulan')!.values[0]!;
    const fitCol = usulanHead.indexOf('Skor JPM') + 1;
    const resCol = usulanHead.indexOf('Hasil Pemeriksaan') + 1;
    assert.ok(fitCol > 0 && resCol > 0);
    for (const w of book.log.filter((l) => l.kind === 'values' || l.kind === 'numberFormat')) {
      if (w.sheet === 'Ringkasan') continue;
      assert.equal(w.sheet, 'Usulan', `wrote into ${w.sheet}`);
      for (let c = w.c0; c <= w.c1; c++) assert.ok(c === fitCol || c === resCol || usulanHead[c - 1] === 'Nomor Catatan' || ['ID Mutasi', 'Hasil Sinkron', 'Disetujui Oleh'].includes(String(usulanHead[c - 1])), `column ${c} (${usulanHead[c - 1]})`);
    }
    // Every user cell is as it was.
    for (const sheet of ['Pegawai', 'Jabatan', 'Aturan']) assert.deepEqual(book.sheets.get(sheet)!.values, before[sheet]);
    const keterangan = before.Usulan![0]!.indexOf('Keterangan');
    book.sheets.get('Usulan')!.values.forEach((row, r) => assert.equal(row[keterangan], before.Usulan![r]![keterangan]));
    // Hasil Pemeriksaan says what the engine said, Skor JPM is a real percentage.
    const p = out.result.proposals.find((x) => x.verdict === 'error')!;
    assert.match(String(book.cell('Usulan', p.row, resCol)), /^Kesalahan: /);
    assert.equal(book.sheets.get('Usulan')!.numberFormats.get(`${p.row},${fitCol}`), '0.00%');
    // Ringkasan holds the per-unit table, with a chart.
    assert.equal(book.cell('Ringkasan', 1, 1), 'Unit Kerja');
    assert.equal(book.log.filter((l) => l.kind === 'chart').length, 1);
  });

  it('colours findings, and Bersihkan tanda removes exactly those fills', async () => {
    const book = new FakeWorkbook(syntheticBook(300));
    const gw = gateway(book);
    const userFill = '#00FF00';
    book.sheets.get('Pegawai')!.fills.set('2,2', userFill); // a person's own colour
    const out = await runPeriksa(gw, { lang: 'en' });
    const red = [...book.sheets.get('Usulan')!.fills.values()].filter((c) => c === '#FDE7E9').length;
    assert.ok(red > 0 && out.result.counts.error > 0);
    // Checking again does not pile up marks.
    await runPeriksa(gw, { lang: 'en' });
    assert.equal([...book.sheets.get('Usulan')!.fills.values()].filter((c) => c === '#FDE7E9').length, red);
    await clearMarks(gw);
    assert.equal(book.sheets.get('Usulan')!.fills.size, 0);
    assert.deepEqual([...book.sheets.get('Pegawai')!.fills.entries()], [['2,2', userFill]]);
  });

  it('keeps the highlights of Tarik data resmi through a new check; Bersihkan tanda removes those too', async () => {
    const book = new FakeWorkbook(syntheticBook(200));
    const gw = gateway(book);
    await gw.action(() => highlightPulled(gw, 'Pegawai', [[5, 4], [6, 4], [9, 2]]));
    const peg = book.sheets.get('Pegawai')!;
    assert.equal(peg.fills.get('5,4'), FILL.pulled);
    await runPeriksa(gw, { lang: 'id' });
    await runPeriksa(gw, { lang: 'id' });
    for (const k of ['5,4', '6,4', '9,2']) assert.equal(peg.fills.get(k), FILL.pulled, `Pegawai ${k} still highlighted`);
    await clearMarks(gw);
    assert.equal(peg.fills.size, 0);
    assert.equal([...book.sheets.get('Usulan')!.fills.values()].length, 0);
  });

  it('uses the column mapping saved in the workbook settings for headers it does not know', async () => {
    const data = syntheticBook(100);
    const nama = data.Pegawai![0]!.indexOf('Nama');
    data.Pegawai![0]![nama] = 'Nama Sesuai SK Terakhir';
    const book = new FakeWorkbook(data);
    const gw = gateway(book);
    const before = await runPeriksa(gw, { lang: 'id' });
    // What Pengaturan offers: the unknown header, and which required column is missing.
    const needs = mappingNeeds(before.sheets, {});
    assert.deepEqual(needs.headers.filter((h) => h.key === 'pegawai').map((h) => h.header), ['Nama Sesuai SK Terakhir']);
    assert.deepEqual(needs.missing, [{ key: 'pegawai', sheet: 'Pegawai', headers: ['Nama'] }]);
    assert.ok(before.result.findings.some((f) => f.rule === 'HEADER_MISSING' && f.sheet === 'Pegawai'));
    await writeColumnMap(gw, { pegawai: { 'Nama Sesuai SK Terakhir': 'name' } });
    assert.equal(typeof book.settings.get('mutasi.pemetaanKolom'), 'string', 'kept in the workbook settings, travels with the file');
    const after = await runPeriksa(gw, { lang: 'id' });
    const done = mappingNeeds(after.sheets, { pegawai: { 'Nama Sesuai SK Terakhir': 'name' } });
    assert.deepEqual(done.missing, []);
    assert.deepEqual(done.headers.map((h) => h.header), ['Keterangan'], "only the office's own extra column is left unknown");
    assert.ok(!after.result.findings.some((f) => f.rule === 'HEADER_MISSING' && f.sheet === 'Pegawai'));
    assert.equal(after.parsed.book!.employees[0]!.name, 'Pegawai 0');
  });
});
