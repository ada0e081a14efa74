/**
 * Formula injection (issue 17 item 7): text from outside Mutasi that starts like a formula (= + - @,
 * tab, CR) arrives in a workbook as text — on the Office mock the cell gets the Text format before its
 * value (what makes Excel keep it as text), through "Tarik data resmi" too; in a file written through
 * exceljs (the browser host, the CLI) it is a string cell with the Text format, which exceljs and
 * LibreOffice read back as the same text, not as a formula's result.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { OfficeGateway } from '../../addin/gateway/office';
import { pullOfficial } from '../../addin/services/sync';
import { csvField, looksLikeFormula } from '../../shared/values/formula-text';
import { writeValuesTo } from '../../shared/workbook/exceljs-cells';
import { syntheticBook } from './support/book';
import { FakeWorkbook } from './support/excel-mock';
import { libreOfficeCsv } from '../support/libreoffice';

/** Each formula start, as a formula whose result (2) would show if it were evaluated. */
const FORMULA_TEXTS = ['=1+1', '+1+1', '-1+3', '@SUM(1,1)', '\t=1+1', '\r=1+1'];

function gateway(book: FakeWorkbook) {
  return new OfficeGateway({ run: book.run as typeof Excel.run, isSetSupported: (n, v) => n === 'ExcelApi' && ['1.4', '1.9', '1.11'].includes(v) });
}

describe('addin: text that looks like a formula arrives as text', function () {
  this.timeout(120_000);

  it('the rule: each start is caught, ordinary text is not; a CSV field gets an apostrophe (OWASP)', () => {
    for (const t of FORMULA_TEXTS) {
      assert.equal(looksLikeFormula(t), true, JSON.stringify(t));
      assert.ok(csvField(t).replace(/^"/, '').startsWith("'"), JSON.stringify(csvField(t)));
    }
    for (const t of ['Budi', 'III/a', '2027-01-04', 'a=b', 12]) assert.equal(looksLikeFormula(t), false);
    assert.equal(csvField('=HYPERLINK("http://x","klik")'), `"'=HYPERLINK(""http://x"",""klik"")"`);
  });

  it('Office gateway: a formula-like string gets the Text format before its value; other cells keep theirs', async () => {
    const book = new FakeWorkbook({ Usulan: [['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H']] });
    await gateway(book).writeValues([{ sheet: 'Usulan', row: 2, col: 1, values: [[...FORMULA_TEXTS, 'Budi', 42]] }]);
    const s = book.sheets.get('Usulan')!;
    FORMULA_TEXTS.forEach((t, i) => {
      assert.equal(s.numberFormats.get(`2,${i + 1}`), '@', `column ${i + 1}`);
      assert.equal(book.cell('Usulan', 2, i + 1), t);
    });
    assert.equal(s.numberFormats.get('2,7'), undefined, 'ordinary text keeps its format');
    assert.equal(s.numberFormats.get('2,8'), undefined);
    const firstValues = book.log.findIndex((l) => l.kind === 'values');
    const formats = book.log.filter((l) => l.kind === 'numberFormat');
    assert.equal(formats.length, FORMULA_TEXTS.length);
    assert.ok(formats.every((f) => f.beforeValues !== false && book.log.indexOf(f) < firstValues), 'every Text format set before the values');

    // A write with a format of its own (a date column): the formula-like cell is Text, the rest keep it.
    await gateway(book).writeValues([{ sheet: 'Usulan', row: 3, col: 1, values: [['=1+1', 'x']], numberFormat: 'dd/mm/yyyy' }]);
    assert.equal(s.numberFormats.get('3,1'), '@');
    assert.equal(s.numberFormats.get('3,2'), 'dd/mm/yyyy');
  });

  it('"Tarik data resmi" on the Office mock writes a server name, rank and position code that look like formulas as text', async () => {
    const sheets = syntheticBook(20);
    const book = new FakeWorkbook(sheets as Record<string, unknown[][]>);
    const peg = sheets.Pegawai!;
    const head = peg[0] as string[];
    const nip = String(peg[1]![head.indexOf('NIP')]);
    const realFetch = globalThis.fetch;
    globalThis.fetch = (async () =>
      new Response(JSON.stringify({
        cursor: 1, more: false, reset: false,
        changes: [{ version: 1, kind: 'employee', data: { nip, name: '=HYPERLINK("http://jahat.example","Klik")', rank: '@SUM(1,1)', positionCode: '+1+1', positionStart: null, version: 3 } }],
      }), { status: 200, headers: { 'Content-Type': 'application/json' } })) as typeof fetch;
    try {
      const summary = await pullOfficial(gateway(book), { server: 'https://mutasi.test', token: 'secret' }, 'id');
      assert.equal(summary.rowsUpdated, 1);
    } finally {
      globalThis.fetch = realFetch;
    }
    const s = book.sheets.get('Pegawai')!;
    for (const [h, want] of [['Nama', '=HYPERLINK("http://jahat.example","Klik")'], ['Golongan', '@SUM(1,1)'], ['Kode Jabatan', '+1+1']] as const) {
      const col = head.indexOf(h) + 1;
      assert.equal(book.cell('Pegawai', 2, col), want, h);
      assert.equal(s.numberFormats.get(`2,${col}`), '@', `${h} is Text`);
    }
  });

  it('a file written through exceljs (browser host, CLI) keeps each as a Text string cell; exceljs and LibreOffice read the text back', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Usulan');
    writeValuesTo(wb, [{ sheet: 'Usulan', row: 1, col: 1, values: [FORMULA_TEXTS.filter((t) => !/^[\t\r]/.test(t))] }]);
    writeValuesTo(wb, [{ sheet: 'Usulan', row: 2, col: 1, values: [FORMULA_TEXTS] }]);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'mutasi-formula-')), 'buku.xlsx');
    await wb.xlsx.writeFile(file);
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(file);
    const row = back.getWorksheet('Usulan')!.getRow(1);
    FORMULA_TEXTS.filter((t) => !/^[\t\r]/.test(t)).forEach((t, i) => {
      const cell = row.getCell(i + 1);
      assert.equal(cell.type, ExcelJS.ValueType.String, `${t} is a string cell`);
      assert.equal(cell.value, t);
      assert.equal(cell.numFmt, '@');
    });
    const row2 = back.getWorksheet('Usulan')!.getRow(2);
    FORMULA_TEXTS.forEach((t, i) => {
      // (XML turns a lone CR into LF when read back: the text, not a formula, either way.)
      assert.equal(String(row2.getCell(i + 1).value).replace(/^\n/, '\r'), t, JSON.stringify(t));
      assert.equal(row2.getCell(i + 1).type, ExcelJS.ValueType.String);
      assert.equal(row2.getCell(i + 1).numFmt, '@');
    });
    const csv = libreOfficeCsv(file);
    for (const t of ['=1+1', '+1+1', '-1+3', '@SUM(1,1)']) assert.ok(csv.includes(t), `LibreOffice reads ${t} as text: ${csv}`);
    assert.ok(!/^2,|,2,|,2$/.test(csv.split('\n')[0]!.trim()), `no formula was evaluated: ${csv}`);
  });
});
