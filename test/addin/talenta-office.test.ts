/**
 * Talenta through the Office gateway (office-addin-mock): putSheet writes a whole owned sheet — text as
 * Text before the values, a table, widths — in the same number of syncs for 50 and 5,000 rows, replaces
 * the sheet and its table on a second write, and falls back to row blocks when Excel on the web refuses a
 * payload; writeTalenta never overwrites a person's own sheet called Talenta and reuses its own.
 */
import assert from 'node:assert/strict';
import { OfficeGateway } from '../../addin/gateway/office';
import { sheetGrid } from '../../addin/gateway/sheet-spec';
import { runTalenta, writeTalenta } from '../../addin/services/talenta';
import type { SheetSpec } from '../../shared/xlsx/write';
import { FakeWorkbook } from './support/excel-mock';
import { syntheticBook } from './support/book';

const office = (book: FakeWorkbook) => new OfficeGateway({ run: book.run as typeof Excel.run, isSetSupported: book.isSetSupported });

function spec(rows: number): SheetSpec {
  return {
    rows: [
      [{ value: 'Judul', bold: true }],
      [],
      [{ value: 'NIP', bold: true, fill: '#DDEBF7' }, { value: 'Nama', bold: true, fill: '#DDEBF7' }, { value: 'Kotak', bold: true, fill: '#DDEBF7' }],
      ...Array.from({ length: rows }, (_, i) => [
        { value: `19850312201001100${i % 10}`, numFmt: '@' },
        { value: i === 0 ? '=HYPERLINK("http://x")' : `Pegawai ${i}` },
        { value: 1 + (i % 9), numFmt: '0', fill: i % 2 ? '#C6EFCE' : null },
      ]),
    ],
    columnWidths: [21, 30, 7],
    freezeRows: 3,
    table: { name: 'MutasiTalenta', ref: `A3:C${3 + rows}`, style: 'TableStyleMedium2' },
  };
}

describe('addin: Talenta through the Office gateway', function () {
  this.timeout(60_000);

  it('putSheet: values with Text before them, a table, widths; the same syncs for 50 and 5,000 rows', async () => {
    const syncs: number[] = [];
    for (const n of [50, 5000]) {
      const book = new FakeWorkbook({ Pegawai: [['NIP']] });
      const gw = office(book);
      await gw.action(() => gw.putSheet('Talenta', spec(n)));
      syncs.push(book.syncs);
      const s = book.sheets.get('Talenta')!;
      assert.equal(s.values.length, 3 + n);
      assert.equal(book.cell('Talenta', 4, 1), '198503122010011000');
      assert.equal(s.numberFormats.get('4,1'), '@', 'NIP as Text');
      assert.equal(book.cell('Talenta', 4, 2), '=HYPERLINK("http://x")');
      assert.equal(s.numberFormats.get('4,2'), '@', 'a text that looks like a formula goes in as Text');
      assert.equal(s.numberFormats.get('4,3'), '0');
      assert.ok(book.log.filter((l) => l.kind === 'numberFormat').every((l) => l.beforeValues), 'formats before values');
      assert.deepEqual([...book.tables], [['MutasiTalenta', { sheet: 'Talenta', ref: `A3:C${3 + n}`, style: 'TableStyleMedium2' }]]);
      assert.equal(s.fills.get('5,3'), '#C6EFCE');
      assert.equal(s.fills.get('4,3'), undefined);
      assert.equal(book.widths.get('Talenta')!.get('A'), 126);
    }
    assert.equal(syncs[0], syncs[1], `syncs: ${syncs.join(', ')}`);
    assert.equal(syncs[0], 3);
  });

  it('putSheet again: the sheet is cleared and its table replaced, nothing left over from a longer first write', async () => {
    const book = new FakeWorkbook({});
    const gw = office(book);
    await gw.putSheet('Talenta', spec(30));
    await gw.putSheet('Talenta', spec(10));
    assert.equal(book.sheets.get('Talenta')!.values.length, 13);
    assert.equal(book.log.filter((l) => l.kind === 'addSheet').length, 1);
    assert.equal(book.log.filter((l) => l.kind === 'clearSheet').length, 1);
    assert.equal(book.log.filter((l) => l.kind === 'deleteTable').length, 1);
    assert.deepEqual([...book.tables.keys()], ['MutasiTalenta']);
    assert.equal(book.tables.get('MutasiTalenta')!.ref, 'A3:C13');
  });

  it('putSheet on Excel on the web: a refused payload is re-sent in smaller row blocks, every row arrives', async () => {
    const book = new FakeWorkbook({}, { payloadLimitCells: 4000 });
    const gw = office(book);
    await gw.putSheet('Talenta', spec(3000));
    assert.ok(book.refusals > 0);
    assert.equal(book.sheets.get('Talenta')!.values.length, 3003);
    assert.equal(book.cell('Talenta', 3003, 2), 'Pegawai 2999');
  });

  it('putSheet on ExcelApi 1.4 only: no getRanges, no freezePanes, no delayForCellEdit — and still the whole sheet', async () => {
    const book = new FakeWorkbook({}, { apiVersion: '1.4' });
    const gw = office(book);
    await gw.action(() => gw.putSheet('Suksesi', spec(20)));
    assert.equal(book.sheets.get('Suksesi')!.values.length, 23);
    assert.equal(book.sheets.get('Suksesi')!.fills.get('3,1'), '#DDEBF7');
  });

  it('sheetGrid: styles grouped into vertical runs', () => {
    const g = sheetGrid(spec(6));
    const green = g.styles.find((s) => s.style.fill === '#C6EFCE')!;
    assert.deepEqual(green.ranges, ['C5', 'C7', 'C9']);
    const head = g.styles.find((s) => s.style.fill === '#DDEBF7')!;
    assert.deepEqual(head.ranges, ['A3', 'B3', 'C3']);
  });

  it("writeTalenta: never a person's own Talenta sheet; its own sheets reused on the next write, in one Excel.run each", async () => {
    const data = syntheticBook(200);
    data.Talenta = [['Catatan talenta Bu Rina'], ['Budi', 'kotak 9']];
    const book = new FakeWorkbook(data);
    const gw = office(book);
    const run = await runTalenta(gw, { lang: 'id' });
    assert.ok(run.result, run.problems.join());
    const runs0 = book.runs;
    const first = await writeTalenta(gw, run.result!, 'id');
    assert.equal(book.runs - runs0, 1, 'one Excel.run');
    assert.deepEqual([first.talenta, first.suksesi], ['Talenta Mutasi', 'Suksesi']);
    assert.deepEqual(book.sheets.get('Talenta')!.values, [['Catatan talenta Bu Rina'], ['Budi', 'kotak 9']]);
    assert.match(String(book.cell('Talenta Mutasi', 1, 1)), /^Talenta ASN — dibuat oleh Mutasi/);
    assert.match(String(book.cell('Suksesi', 1, 1)), /^Rencana Suksesi — dibuat oleh Mutasi/);
    const second = await writeTalenta(gw, run.result!, 'id');
    assert.deepEqual([second.talenta, second.suksesi], ['Talenta Mutasi', 'Suksesi']);
    assert.equal(book.log.filter((l) => l.kind === 'addSheet').length, 2);
    assert.equal(book.tables.size, 1);
    assert.ok(second.roundTrips <= 10, `round trips ${second.roundTrips}`);
  });
});
