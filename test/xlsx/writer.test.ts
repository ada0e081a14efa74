/**
 * The surgical writer's general API (shared/xlsx/write.ts), as the Talenta/Suksesi sheets and the
 * browser host use it: whole sheets Mutasi owns (typed cells, widths, a table, fills, frozen rows,
 * merges), created and replaced; cells written into an existing sheet; what is touched and what is not;
 * calcChain; and LibreOffice opening the result.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readXlsx } from '../../shared/xlsx/read';
import { XlsxDocument } from '../../shared/xlsx/write';
import { entryData, readZip } from '../../shared/xlsx/zip';
import { proposeFile } from '../../sync-server/cli/commands/propose';
import { CORPUS_DIR, demoBook, diffParts, libreOfficeCsv, listCsv, readCsv, write } from '../support/writers';

const corpus = (f: string) => new Uint8Array(readFileSync(path.join(CORPUS_DIR, f)));
const text = (bytes: Uint8Array, part: string) => Buffer.from(entryData(readZip(bytes).find((e) => e.name === part)!)).toString('utf8');

describe('xlsx surgical writer', function () {
  this.timeout(600_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'mutasi-writer-'));

  it('putSheet: a 9-box with a table, fills, widths, frozen header, merges; every value typed; nothing else of the file changes', () => {
    const original = corpus('56644.xlsx');
    const doc = XlsxDocument.open(original);
    const day = new Date(Date.UTC(2026, 10, 23));
    doc.putSheet('Talenta', {
      rows: [
        [{ value: 'NIP', bold: true }, { value: 'Nama', bold: true }, { value: 'Kotak', bold: true }, { value: 'TMT', bold: true }, { value: 'JPM', bold: true }],
        [{ value: '198503122010011002', numFmt: '@' }, '=HYPERLINK("http://x")', 9, day, { value: 0.8123, numFmt: '0.00%' }],
        [{ value: '199001012015032001', numFmt: '@' }, 'Siti _x0041_ <b>&', 5, null, { value: 0.5, numFmt: '0.00%' }],
      ],
      columnWidths: [22, 30, null, 12],
      freezeRows: 1,
      table: { name: 'Talenta Pegawai' },
    });
    doc.putSheet('Suksesi', {
      rows: [
        [{ value: '9-box', bold: true, align: 'center' }],
        [{ value: 'Potensi tinggi', fill: '#C6EFCE', wrap: true }, { value: 1, fill: '#C6EFCE' }, { value: 2, fill: '#FFEB9C' }],
        [{ value: 'Potensi sedang', fill: '#FFEB9C' }, { value: 3, fill: '#FFEB9C' }, { value: 4, fill: '#FFC7CE' }],
      ],
      merges: ['A1:C1'],
      autoFilter: 'A2:C3',
    });
    const out = doc.toBytes();
    const d = diffParts(original, out);
    assert.deepEqual(d.removed, []);
    assert.deepEqual(d.changed.sort(), ['[Content_Types].xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/workbook.xml']);
    assert.ok(d.added.includes('xl/tables/table1.xml'), d.added.join(', '));
    assert.equal(d.added.filter((n) => n.startsWith('xl/worksheets/sheet') && n.endsWith('.xml')).length, 2);

    const back = readXlsx(out, (n) => n === 'Talenta' || n === 'Suksesi');
    assert.deepEqual(back.names.slice(-2), ['Talenta', 'Suksesi']);
    const t = back.sheets[0]!.values;
    assert.deepEqual(t[0], ['NIP', 'Nama', 'Kotak', 'TMT', 'JPM']);
    assert.equal(t[1]![0], '198503122010011002', 'an NIP stays text, all digits');
    assert.equal(t[1]![1], '=HYPERLINK("http://x")', 'text that looks like a formula stays text');
    assert.equal(t[1]![2], 9);
    assert.deepEqual(t[1]![3], day, 'a real date');
    assert.equal(t[1]![4], 0.8123);
    assert.equal(t[2]![1], 'Siti _x0041_ <b>&', 'escapes survive');
    const table = text(out, 'xl/tables/table1.xml');
    assert.match(table, /displayName="Talenta_Pegawai" ref="A1:E3"/);
    assert.match(table, /<tableColumn id="1" name="NIP"\/>.*<tableColumn id="5" name="JPM"\/>/);
    const talenta = text(out, doc.sheet('Talenta')!.part);
    assert.match(talenta, /<col min="1" max="1" width="22" customWidth="1"\/>/);
    assert.match(talenta, /state="frozen"/);
    assert.match(talenta, /<tableParts count="1">/);
    assert.doesNotMatch(talenta, /<f>/, 'no formula is ever written');
    const styles = text(out, 'xl/styles.xml');
    assert.match(styles, /<fgColor rgb="FFC6EFCE"\/>/);
    assert.match(styles, /formatCode="dd\/mm\/yyyy"/);
    assert.match(text(out, 'xl/workbook.xml'), /<sheet name="Talenta" sheetId="\d+" r:id="rId\d+"\/>/);
  });

  it('putSheet again replaces the sheet whole (its old table goes), keeping its place, state and the rest', () => {
    const doc = XlsxDocument.open(corpus('55745.xlsx'));
    doc.putSheet('Talenta', { rows: [['A', 'B'], [1, 2]], table: { name: 'Talenta' } });
    doc.putSheet('Lain', { rows: [['x']] });
    const first = doc.toBytes();
    const again = XlsxDocument.open(first);
    again.putSheet('Talenta', { rows: [['Satu'], ['dua']], state: 'hidden' });
    const second = again.toBytes();
    const names = readZip(second).map((e) => e.name);
    const oldTables = readZip(first).map((e) => e.name).filter((n) => n.startsWith('xl/tables/'));
    const newTables = names.filter((n) => n.startsWith('xl/tables/'));
    assert.equal(oldTables.length, newTables.length + 1, 'Mutasi’s own table is removed, the file’s own tables stay');
    const r = readXlsx(second, () => true);
    assert.deepEqual(r.names.slice(-2), ['Talenta', 'Lain'], 'same place in the tab order');
    assert.deepEqual(r.sheets.find((s) => s.name === 'Talenta')!.values, [['Satu'], ['dua']]);
    assert.match(/<sheet [^>]*name="Talenta"[^>]*>/.exec(text(second, "xl/workbook.xml"))![0], /state="hidden"/);
    const types = text(second, '[Content_Types].xml');
    for (const t of oldTables.filter((n) => !newTables.includes(n))) assert.ok(!types.includes(`/${t}"`), 'its content type goes with it');
  });

  it('setCells keeps calcChain when no formula is overwritten, and drops it (with its relationship and type) when one is', () => {
    const original = corpus('54436.xlsx');
    const keep = XlsxDocument.open(original);
    keep.setCells('Sheet1', [{ row: 30, col: 1, cell: 'catatan' }]);
    const kept = keep.toBytes();
    assert.deepEqual(diffParts(original, kept).changed, ['xl/worksheets/sheet1.xml']);
    const drop = XlsxDocument.open(original);
    drop.setCells('Sheet1', [{ row: 14, col: 1, cell: 'bukan rumus' }]);
    const dropped = drop.toBytes();
    const d = diffParts(original, dropped);
    assert.deepEqual(d.removed, ['xl/calcChain.xml']);
    assert.doesNotMatch(text(dropped, 'xl/_rels/workbook.xml.rels'), /calcChain/);
    assert.doesNotMatch(text(dropped, '[Content_Types].xml'), /calcChain/);
    assert.equal(readXlsx(dropped, () => true).sheets[0]!.values[13]![0], 'bukan rumus');
  });

  it('propose --out on a workbook without Usulan creates it: only the workbook part, its relationships, the content types, styles and the new sheet', async () => {
    const demo = await demoBook();
    const doc = XlsxDocument.open(corpus('45544.xlsx'));
    for (const s of demo.sheets.filter((x) => x.name !== 'Usulan')) doc.putSheet(s.name, { rows: s.values.map((r) => r.map((v) => (v instanceof Date ? { value: v } : v))) });
    const input = write(path.join(dir, 'tanpa-usulan.xlsx'), doc.toBytes());
    const out = path.join(dir, 'tanpa-usulan-out.xlsx');
    const r = await proposeFile(input, out, { lang: 'id' });
    assert.ok(r.written.ids.length > 0);
    const before = new Uint8Array(readFileSync(input));
    const after = new Uint8Array(readFileSync(out));
    const d = diffParts(before, after);
    assert.deepEqual(d.changed.sort(), ['[Content_Types].xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/workbook.xml']);
    assert.deepEqual(d.removed, []);
    assert.equal(d.added.length, 1);
    const usulan = readXlsx(after, (n) => n === 'Usulan').sheets[0]!;
    assert.equal(usulan.values[0]![0], 'No Usulan');
    assert.equal(usulan.values[1]![0], r.written.ids[0]);
  });

  it('LibreOffice opens what putSheet wrote and sees the same cells', () => {
    const doc = XlsxDocument.open(corpus('59746_NoRowNums.xlsx'));
    doc.putSheet('Talenta', { rows: [['NIP', 'Nama'], [{ value: '198503122010011002', numFmt: '@' }, 'Budi'], [{ value: '199001012015032001', numFmt: '@' }, '=1+1']], table: { name: 'Talenta' }, columnWidths: [22, 20], freezeRows: 1 });
    doc.putSheet('Suksesi', { rows: [[{ value: 'Kotak 9', fill: '#C6EFCE' }, { value: new Date(Date.UTC(2026, 0, 2)) }]], merges: ['C1:D1'] });
    const file = write(path.join(dir, 'talenta.xlsx'), doc.toBytes());
    const lo = libreOfficeCsv([file], path.join(dir, 'csv'), path.join(dir, 'lo-profile'));
    assert.equal(lo.status, 0, lo.stderr);
    assert.ok(listCsv(path.join(dir, 'csv')).includes('talenta-Talenta.csv'));
    assert.deepEqual(readCsv(path.join(dir, 'csv', 'talenta-Talenta.csv')).slice(0, 3), [['NIP', 'Nama'], ['198503122010011002', 'Budi'], ['199001012015032001', '=1+1']]);
    assert.deepEqual(readCsv(path.join(dir, 'csv', 'talenta-Suksesi.csv'))[0]!.slice(0, 2), ['Kotak 9', '02/01/2026']);
    assert.deepEqual(readCsv(path.join(dir, 'csv', 'talenta-Features.csv'))[0]!.length > 0, true, 'the file’s own sheet still opens');
  });
});
