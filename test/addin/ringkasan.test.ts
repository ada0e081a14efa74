/**
 * The Ringkasan sheet: the per-unit table with a native chart in Excel; in the browser host (no charts in
 * exceljs) the sheet says where the chart is instead of silently lacking it; a person's own sheet called
 * Ringkasan is never overwritten; re-checking reuses the add-in's sheet and blanks rows a longer table left.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserGateway } from '../../addin/gateway/browser';
import { OfficeGateway } from '../../addin/gateway/office';
import { runPeriksa } from '../../addin/services/periksa';
import { ringkasanSheet } from '../../addin/services/ringkasan';
import { FakeWorkbook } from './support/excel-mock';
import { syntheticBook } from './support/book';
import { writeE2eWorkbook } from './support/e2e-workbook';

const office = (book: FakeWorkbook) => new OfficeGateway({ run: book.run as typeof Excel.run, isSetSupported: book.isSetSupported });

describe('addin: Ringkasan sheet', function () {
  this.timeout(30_000);

  it('in Excel: the table (units, Kebutuhan, today, after, balance, total) and one native chart, no note', async () => {
    const book = new FakeWorkbook(syntheticBook(160));
    const out = await runPeriksa(office(book), { lang: 'id' });
    assert.equal(out.summarySheet, 'Ringkasan');
    const rows = book.sheets.get('Ringkasan')!.values;
    assert.deepEqual(rows[0]!.slice(0, 5), ['Unit Kerja', 'Kebutuhan', 'Pemangku Saat Ini', 'Setelah Usulan', 'Selisih']);
    assert.equal(rows.length - 2, out.result.units.length);
    const u = [...out.result.units].sort((a, b) => a.unit.localeCompare(b.unit, 'id'))[0]!;
    assert.deepEqual(rows[1]!.slice(0, 5), [u.unit, u.needed, u.holdersToday, u.holdersAfter, u.balance]);
    assert.equal(rows[rows.length - 1]![0], 'Jumlah');
    assert.equal(book.log.filter((l) => l.kind === 'chart').length, 1);
    assert.equal(book.cell('Ringkasan', 1, 7), '', 'no note where the chart stands');
  });

  it('in the browser host: the same table, no chart (the browser host makes none), and a note saying so in the sheet', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mutasi-rk-')), 'kantor.xlsx');
    await writeE2eWorkbook(file);
    const buf = readFileSync(file);
    const gw = await BrowserGateway.open(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer, 'kantor.xlsx');
    assert.equal(gw.nativeCharts, false);
    await runPeriksa(gw, { lang: 'id' });
    const [ws] = await gw.readSheets(['Ringkasan']);
    assert.equal(ws!.values[0]![0], 'Unit Kerja');
    assert.match(String(ws!.values[0]![6]), /mode peramban tidak dapat membuat grafik Excel/);
    // The saved file carries the table and the note.
    const saved = await BrowserGateway.open(await gw.save(), 'x.xlsx');
    assert.match(String((await saved.readSheets(['Ringkasan']))[0]!.values[0]![6]), /jalankan Periksa/);
  });

  it("never overwrites a person's own Ringkasan sheet, and reuses its own sheet on the next check", async () => {
    const data = syntheticBook(80);
    data.Ringkasan = [['Rekap buatan Bu Sari'], ['angka', 42]];
    const book = new FakeWorkbook(data);
    const gw = office(book);
    const first = await runPeriksa(gw, { lang: 'id' });
    assert.equal(first.summarySheet, 'Ringkasan Mutasi');
    assert.deepEqual(book.sheets.get('Ringkasan')!.values, [['Rekap buatan Bu Sari'], ['angka', 42]]);
    const second = await runPeriksa(gw, { lang: 'id' });
    assert.equal(second.summarySheet, 'Ringkasan Mutasi');
    assert.equal(book.log.filter((l) => l.kind === 'addSheet').length, 1);
  });

  it('chooses the sheet name from what the workbook has and what the add-in remembers', () => {
    assert.deepEqual(ringkasanSheet(['Pegawai'], {}), { name: 'Ringkasan', owned: false });
    assert.deepEqual(ringkasanSheet(['Pegawai', 'Ringkasan'], {}), { name: 'Ringkasan Mutasi', owned: false });
    assert.deepEqual(ringkasanSheet(['Ringkasan', 'Ringkasan Mutasi'], {}), { name: 'Ringkasan Mutasi 2', owned: false });
    assert.deepEqual(ringkasanSheet(['Ringkasan'], { 'mutasi.ringkasanRows': '9' }), { name: 'Ringkasan', owned: true });
    assert.deepEqual(ringkasanSheet(['Ringkasan', 'Ringkasan Mutasi'], { 'mutasi.lembarRingkasan': 'Ringkasan Mutasi' }), { name: 'Ringkasan Mutasi', owned: true });
  });
});
