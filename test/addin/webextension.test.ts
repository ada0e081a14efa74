/**
 * One workbook, two hosts: the add-in's workbook settings (column mapping, marks, workbook id…) that Excel
 * keeps in the file's web-extension parts reach the browser host, survive its save (exceljs alone drops
 * those parts, and with them the add-in's binding to the file), and settings kept by the browser host
 * reach Excel.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { BrowserGateway } from '../../addin/gateway/browser';
import { OfficeGateway } from '../../addin/gateway/office';
import { ADDIN_ID } from '../../addin/gateway/webextension';
import { runPeriksa } from '../../addin/services/periksa';
import { COLUMN_MAP_KEY } from '../../addin/workbook/column-map';
import { MARKS_KEY } from '../../addin/workbook/marks';
import { FakeWorkbook } from './support/excel-mock';
import { writeE2eWorkbook } from './support/e2e-workbook';

const MAP = { pegawai: { 'Nama Sesuai SK Terakhir': 'name' } };
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The e2e workbook with an unusual Nama header, as Excel saves it once the add-in has been used on it. */
async function excelSavedBook(): Promise<ArrayBuffer> {
  const file = join(mkdtempSync(join(tmpdir(), 'mutasi-we-')), 'kantor.xlsx');
  await writeE2eWorkbook(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  wb.getWorksheet('Pegawai')!.getCell('B1').value = 'Nama Sesuai SK Terakhir';
  const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
  const we = (id: string, ref: string, props: Record<string, unknown>) =>
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<we:webextension xmlns:we="http://schemas.microsoft.com/office/webextensions/webextension/2010/11" id="${id}"><we:reference id="${ref}" version="0.1.0.0" store="developer" storeType="Registry"/><we:alternateReferences/><we:properties>${Object.entries(props).map(([k, v]) => `<we:property name="${k}" value="${esc(JSON.stringify(v))}"/>`).join('')}</we:properties><we:bindings/><we:snapshot xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></we:webextension>`;
  zip.file('xl/webextensions/webextension1.xml', we('{A1}', ADDIN_ID, { [COLUMN_MAP_KEY]: JSON.stringify(MAP), 'mutasi.idBukuKerja': '0f8fad5b-d9cb-469f-a165-70867728950e' }));
  zip.file('xl/webextensions/webextension2.xml', we('{B2}', 'wa104380862', { other: 'keep me' }));
  zip.file('xl/webextensions/taskpanes.xml', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<wetp:taskpanes xmlns:wetp="http://schemas.microsoft.com/office/webextensions/taskpanes/2010/11"><wetp:taskpane dockstate="right" visibility="1" width="350" row="4"><wetp:webextensionref xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId1"/></wetp:taskpane></wetp:taskpanes>');
  zip.file('xl/webextensions/_rels/taskpanes.xml.rels', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.microsoft.com/office/2011/relationships/webextension" Target="webextension1.xml"/></Relationships>');
  const types = (await zip.file('[Content_Types].xml')!.async('string')).replace('</Types>',
    '<Override PartName="/xl/webextensions/taskpanes.xml" ContentType="application/vnd.ms-office.webextensiontaskpanes+xml"/><Override PartName="/xl/webextensions/webextension1.xml" ContentType="application/vnd.ms-office.webextension+xml"/><Override PartName="/xl/webextensions/webextension2.xml" ContentType="application/vnd.ms-office.webextension+xml"/></Types>');
  zip.file('[Content_Types].xml', types);
  const rels = (await zip.file('_rels/.rels')!.async('string')).replace('</Relationships>',
    '<Relationship Id="rIdWe1" Type="http://schemas.microsoft.com/office/2011/relationships/webextensiontaskpanes" Target="xl/webextensions/taskpanes.xml"/></Relationships>');
  zip.file('_rels/.rels', rels);
  return zip.generateAsync({ type: 'arraybuffer' });
}

describe('addin: workbook settings across Excel and the browser host', function () {
  this.timeout(30_000);

  it("uses Excel's settings in the browser host and puts Excel's add-in parts back on save", async () => {
    const gw = await BrowserGateway.open(await excelSavedBook(), 'kantor.xlsx');
    assert.deepEqual(JSON.parse(String((await gw.readSettings([COLUMN_MAP_KEY]))[COLUMN_MAP_KEY])), MAP);
    const out = await runPeriksa(gw, { lang: 'id' });
    assert.ok(!out.result.findings.some((f) => f.rule === 'HEADER_MISSING'), 'the mapping chosen in Excel applies');
    assert.equal(out.parsed.book!.employees[0]!.name, 'Budi Santoso');

    const saved = await JSZip.loadAsync(await gw.save());
    for (const f of ['xl/webextensions/webextension1.xml', 'xl/webextensions/webextension2.xml', 'xl/webextensions/taskpanes.xml', 'xl/webextensions/_rels/taskpanes.xml.rels']) {
      assert.ok(saved.file(f), `${f} kept`);
    }
    const types = await saved.file('[Content_Types].xml')!.async('string');
    assert.match(types, /PartName="\/xl\/webextensions\/webextension1\.xml" ContentType="application\/vnd\.ms-office\.webextension\+xml"/);
    assert.match(types, /PartName="\/xl\/webextensions\/taskpanes\.xml"/);
    const rels = await saved.file('_rels/.rels')!.async('string');
    assert.equal([...rels.matchAll(/Target="xl\/webextensions\/taskpanes\.xml"/g)].length, 1);
    const ids = [...rels.matchAll(/\sId="([^"]+)"/g)].map((m) => m[1]);
    assert.equal(new Set(ids).size, ids.length, `relationship ids unique: ${ids.join(',')}`);
    // Our part now also holds what this session wrote; the other add-in's part is untouched.
    const ours = await saved.file('xl/webextensions/webextension1.xml')!.async('string');
    assert.match(ours, new RegExp(`name="${MARKS_KEY}"`));
    assert.match(ours, /name="mutasi\.idBukuKerja" value="&quot;0f8fad5b/);
    assert.match(await saved.file('xl/webextensions/webextension2.xml')!.async('string'), /name="other" value="&quot;keep me&quot;"/);

    // Opened again (Excel would read the same part): the settings are there.
    const again = await BrowserGateway.open(await saved.generateAsync({ type: 'arraybuffer' }), 'kantor.xlsx');
    const s = await again.readSettings([COLUMN_MAP_KEY, MARKS_KEY]);
    assert.deepEqual(JSON.parse(String(s[COLUMN_MAP_KEY])), MAP);
    assert.equal(typeof s[MARKS_KEY], 'string');
    // exceljs itself really drops these parts (so the test above can fail).
    const plain = new ExcelJS.Workbook();
    await plain.xlsx.load(await excelSavedBook());
    assert.equal(Object.keys((await JSZip.loadAsync(await plain.xlsx.writeBuffer())).files).filter((f) => f.includes('webextensions')).length, 0);
  });

  it('a file never attached in Excel keeps its settings in the hidden sheet, which Excel reads for keys it lacks', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mutasi-we-')), 'kantor.xlsx');
    await writeE2eWorkbook(file);
    const buf = readFileSync(file);
    const gw = await BrowserGateway.open(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer, 'kantor.xlsx');
    await gw.writeSettings({ [COLUMN_MAP_KEY]: JSON.stringify(MAP) });
    const saved = await JSZip.loadAsync(await gw.save());
    assert.equal(Object.keys(saved.files).filter((f) => f.includes('webextensions')).length, 0, 'no made-up Excel parts');

    const book = new FakeWorkbook({ Pegawai: [['NIP']], _mutasi: [['Kunci', 'Nilai'], [COLUMN_MAP_KEY, JSON.stringify(MAP)], ['mutasi.kursor', '41']] });
    book.settings.set('mutasi.kursor', '57');
    const office = new OfficeGateway({ run: book.run as typeof Excel.run, isSetSupported: () => true });
    const s = await office.readSettings([COLUMN_MAP_KEY, 'mutasi.kursor', 'absent']);
    assert.deepEqual(s, { [COLUMN_MAP_KEY]: JSON.stringify(MAP), 'mutasi.kursor': '57' }, "Excel's own value wins; the sheet fills the gaps");
    const plain = new FakeWorkbook({ Pegawai: [['NIP']] });
    await new OfficeGateway({ run: plain.run as typeof Excel.run, isSetSupported: () => true }).readSettings(['absent']);
    assert.equal(plain.syncs, 1, 'no extra round trip for workbooks without the sheet');
  });
});
