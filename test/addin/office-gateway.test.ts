/**
 * The Office gateway against office-addin-mock (support/excel-mock.ts): round trips per action do not
 * grow with rows, refused payloads shrink into blocks and still finish, formats go before values.
 */
import assert from 'node:assert/strict';
import { OfficeGateway } from '../../addin/gateway/office';
import { FakeWorkbook } from './support/excel-mock';

const HEAD = ['No Usulan', 'NIP', 'Kode Jabatan Tujuan', 'Jenis Mutasi', 'TMT Mutasi', 'Status', 'Catatan', 'Izin Mendagri', 'Skor JPM', 'Hasil Pemeriksaan', 'Disetujui Oleh', 'Nomor Catatan'];

function usulan(rows: number): unknown[][] {
  const out: unknown[][] = [HEAD];
  for (let i = 1; i <= rows; i++) {
    out.push([`U-${i}`, `1980010120050110${String(i % 100).padStart(2, '0')}`, `POS-${i % 40}`, 'Rotasi', 46000 + (i % 300), 'Diajukan', '', '', '', '', '', '']);
  }
  return out;
}

function gateway(book: FakeWorkbook, sets = ['1.4', '1.9', '1.11']) {
  return new OfficeGateway({ run: book.run as typeof Excel.run, isSetSupported: (n, v) => n === 'ExcelApi' && sets.includes(v) });
}

/** A Periksa-shaped action: read, write two own columns, colour findings, remember them. */
async function periksaShaped(gw: OfficeGateway, rows: number) {
  await gw.action(async () => {
    await gw.listSheets();
    const [sheet] = await gw.readSheets(['Usulan', 'Tidak Ada']);
    assert.equal(sheet!.values.length, rows + 1);
    const col = sheet!.values.slice(1).map((_, i) => [i / rows, i % 7 === 0 ? 'Kesalahan: TENURE_MIN' : 'OK']);
    await gw.writeValues([{ sheet: 'Usulan', row: 2, col: 9, values: col }]);
    const reds: string[] = [];
    for (let r = 2; r <= rows + 1; r += 7) reds.push(`E${r}`);
    await gw.writeFormats([{ sheet: 'Usulan', ranges: reds, fill: '#FDE7E9' }]);
    await gw.writeSettings({ 'mutasi.marks': { Usulan: reds.slice(0, 10) } });
  });
}

describe('addin: Office gateway (office-addin-mock)', function () {
  this.timeout(60_000);

  it('reads several sheets in one sync, leaving out missing ones, with cells as the engine expects', async () => {
    const book = new FakeWorkbook({ Usulan: usulan(3), Pegawai: [['NIP', 'Nama'], [198001012005011001, '#N/A'], ['', 'Budi']] });
    const gw = gateway(book);
    // In an action that listed the sheets already (as Periksa does), the read is one sync; a sheet
    // that does not exist is never touched (Excel fails a request that calls a null object's method).
    const sheets = await gw.action(async () => {
      await gw.listSheets();
      const before = book.syncs;
      const out = await gw.readSheets(['Pegawai', 'Nope', 'Usulan']);
      assert.equal(book.syncs - before, 1);
      return out;
    });
    // Alone, it first asks which sheets exist: two syncs, still independent of rows.
    const alone = new FakeWorkbook({ Usulan: usulan(3) });
    assert.deepEqual((await gateway(alone).readSheets(['Nope', 'Usulan'])).map((s) => s.name), ['Usulan']);
    assert.equal(alone.syncs, 2);
    assert.deepEqual(sheets.map((s) => s.name), ['Pegawai', 'Usulan']);
    assert.deepEqual(sheets[0]!.values[1], [198001012005011001, { error: '#N/A' }]);
    assert.deepEqual(sheets[0]!.values[2], [null, 'Budi']);
    assert.equal(sheets[0]!.startRow, 1);
  });

  it('uses as many syncs per action for 100, 5,000 and 50,000 rows, in one Excel.run', async () => {
    const counts: number[] = [];
    for (const rows of [100, 5_000, 50_000]) {
      const book = new FakeWorkbook({ Usulan: usulan(rows) });
      await periksaShaped(gateway(book), rows);
      assert.equal(book.runs, 1, 'one Excel.run per action');
      counts.push(book.syncs);
      // The writes really landed.
      assert.equal(book.cell('Usulan', 2, 10), 'Kesalahan: TENURE_MIN');
      assert.equal(book.sheets.get('Usulan')!.fills.get(`${rows - ((rows - 1) % 7)},5`) ?? book.sheets.get('Usulan')!.fills.get('2,5'), '#FDE7E9');
    }
    assert.equal(new Set(counts).size, 1, `syncs per action: ${counts.join(', ')}`);
    // list, read, values, formats, settings: one each.
    assert.equal(counts[0], 5, `syncs: ${counts[0]}`);
  });

  it('shrinks into row blocks when the host refuses the payload, and still reads and writes everything', async () => {
    const rows = 50_000;
    const book = new FakeWorkbook({ Usulan: usulan(rows) }, { payloadLimitCells: 120_000 });
    const gw = gateway(book);
    const [sheet] = await gw.action(() => gw.readSheets(['Usulan']));
    assert.ok(book.refusals >= 1, 'the first, whole read was refused');
    assert.equal(sheet!.values.length, rows + 1);
    assert.equal(sheet!.values[rows]![0], `U-${rows}`);
    assert.equal(sheet!.values[1]![1], '198001012005011001');

    const refusedBefore = book.refusals;
    const values = Array.from({ length: rows }, (_, i) => [i, `r${i}`]);
    await gw.action(() => gw.writeValues([{ sheet: 'Usulan', row: 2, col: 9, values }]));
    // The budget learnt on the read is reused: the write is cut up front instead of being refused again.
    assert.equal(book.refusals, refusedBefore);
    assert.equal(book.cell('Usulan', rows + 1, 10), `r${rows - 1}`);
    assert.equal(book.cell('Usulan', 2, 9), 0);
  });

  it('shrinks writes that a fresh gateway sends whole', async () => {
    const rows = 20_000;
    const book = new FakeWorkbook({ Usulan: usulan(rows) }, { payloadLimitCells: 9_000 });
    const gw = gateway(book);
    const values = Array.from({ length: rows }, (_, i) => [`x${i}`]);
    await gw.writeValues([{ sheet: 'Usulan', row: 2, col: 10, values }]);
    assert.ok(book.refusals >= 2);
    for (const r of [2, 9_001, 20_001]) assert.equal(book.cell('Usulan', r, 10), `x${r - 2}`);
    const blocks = book.log.filter((l) => l.kind === 'values');
    assert.ok(blocks.every((b) => b.r1 - b.r0 + 1 <= 9_000));
  });

  it('gives up with the host error when even one row is refused', async () => {
    const book = new FakeWorkbook({ Usulan: usulan(2) }, { payloadLimitCells: 0 });
    await assert.rejects(gateway(book).writeValues([{ sheet: 'Usulan', row: 2, col: 1, values: [['a'], ['b']] }]), /payload/);
  });

  it('formats NIP cells as Text before the digits go in, in the same batch', async () => {
    const book = new FakeWorkbook({ Usulan: usulan(2) });
    await gateway(book).writeValues([{ sheet: 'Usulan', row: 4, col: 2, values: [['198001012005011001']], numberFormat: '@' }]);
    const fmt = book.log.find((l) => l.kind === 'numberFormat');
    assert.ok(fmt?.beforeValues, 'numberFormat set before values');
    assert.equal(book.sheets.get('Usulan')!.numberFormats.get('4,2'), '@');
    assert.equal(book.cell('Usulan', 4, 2), '198001012005011001');
    assert.equal(book.syncs, 1);
  });

  it('colours grouped ranges with getRanges on ExcelApi 1.9, range by range before it, and clears them again', async () => {
    for (const sets of [['1.4', '1.9'], ['1.4']]) {
      const book = new FakeWorkbook({ Usulan: usulan(10) });
      const gw = gateway(book, sets);
      await gw.writeFormats([{ sheet: 'Usulan', ranges: ['E2', 'E4:E6', 'B9'], fill: '#FFF4CE' }]);
      const s = book.sheets.get('Usulan')!;
      assert.deepEqual([...s.fills.keys()].sort(), ['2,5', '4,5', '5,5', '6,5', '9,2'].sort());
      await gw.writeFormats([{ sheet: 'Usulan', ranges: ['E2', 'E4:E6', 'B9'], fill: null }]);
      assert.equal(s.fills.size, 0);
      assert.equal(book.syncs, 2);
    }
  });

  it('waits for cell edits where the host can (ExcelApi 1.11) and not where it cannot', async () => {
    const book = new FakeWorkbook({ Usulan: usulan(1) });
    await gateway(book).listSheets();
    await gateway(book, ['1.4']).listSheets();
    assert.deepEqual(book.runOptions, [{ delayForCellEdit: true }, undefined]);
  });

  it('keeps workbook settings and creates a sheet with a header row once', async () => {
    const book = new FakeWorkbook({ Usulan: usulan(1) });
    const gw = gateway(book);
    await gw.writeSettings({ 'mutasi.columnMap': { Pegawai: { 'N I P': 'nip' } } });
    assert.deepEqual(await gw.readSettings(['mutasi.columnMap', 'absent']), { 'mutasi.columnMap': { Pegawai: { 'N I P': 'nip' } } });
    await gw.ensureSheet('Ringkasan', ['Unit Kerja', 'Kebutuhan']);
    await gw.ensureSheet('Ringkasan', ['X']);
    assert.equal(book.cell('Ringkasan', 1, 1), 'Unit Kerja');
    assert.equal(book.log.filter((l) => l.kind === 'addSheet').length, 1);
    assert.deepEqual(await gw.listSheets(), ['Usulan', 'Ringkasan']);
  });
});
