/**
 * The .xlsx reader (shared/xlsx/read.ts) on hand-made packages: every way a writer may store a value,
 * formulas with and without a cached value, the 1904 date system, and files that are not workbooks —
 * with the same clear line in the command line and in the browser host.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BrowserGateway } from '../../addin/gateway/browser';
import { checkSheets } from '../../shared/engine';
import { NO_CACHED_VALUE, isDateFormat, readDateStyles, readSharedStrings, readWorksheet, readWorksheetSax, readXlsx, workbookInfo } from '../../shared/xlsx/read';
import { OpcPackage } from '../../shared/xlsx/package';
import { readdirSync } from 'node:fs';
import { XlsxError } from '../../shared/xlsx/package';
import { XlsxDocumentGateway, type Inflater } from '../../shared/xlsx/gateway';
import { makeEntry, readZip, writeZip } from '../../shared/xlsx/zip';
import { nodeInflate } from '../../sync-server/xlsx/inflate';
import { mutasi } from '../support/cli';
import { CORPUS_DIR, FOREIGN, demoBook, withContract } from '../support/writers';

const enc = new TextEncoder();
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A minimal package: one sheet whose sheetData is given, optional shared strings and styles. */
function book(sheetData: string, o: { shared?: string[]; styles?: string; date1904?: boolean; sheetName?: string } = {}): Uint8Array {
  const files: [string, string][] = [
    ['[Content_Types].xml', `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/wb.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/data/daftar.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`],
    ['_rels/.rels', `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="a" Type="${R}/officeDocument" Target="xl/wb.xml"/></Relationships>`],
    ['xl/data/daftar.xml', `<worksheet xmlns="${MAIN}"><sheetData>${sheetData}</sheetData></worksheet>`],
    ['xl/_rels/wb.xml.rels', `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="s1" Type="${R}/worksheet" Target="data/daftar.xml"/>${o.shared ? `<Relationship Id="ss" Type="${R}/sharedStrings" Target="/xl/strings.xml"/>` : ''}${o.styles ? `<Relationship Id="st" Type="${R}/styles" Target="st.xml"/>` : ''}</Relationships>`],
    ['xl/wb.xml', `<workbook xmlns="${MAIN}" xmlns:r="${R}">${o.date1904 ? '<workbookPr date1904="1"/>' : ''}<sheets><sheet name="${o.sheetName ?? 'Pegawai'}" sheetId="1" r:id="s1"/></sheets></workbook>`],
  ];
  if (o.shared) files.push(['xl/strings.xml', `<sst xmlns="${MAIN}">${o.shared.join('')}</sst>`]);
  if (o.styles) files.push(['xl/st.xml', o.styles]);
  return writeZip(files.map(([n, t]) => makeEntry(n, enc.encode(t))));
}

const STYLES = `<styleSheet xmlns="${MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy;@"/></numFmts><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/><xf numFmtId="49"/></cellXfs></styleSheet>`;

describe('xlsx reader', function () {
  this.timeout(120_000);

  it('reads shared, inline and rich text, numbers, booleans, errors and dates, in a package named its own way (the workbook part last)', () => {
    const bytes = book(
      '<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="inlineStr"><is><r><t>Budi </t></r><r><rPr><b/></rPr><t>Santoso</t></r></is></c>' +
        '<c r="D2" s="1"><v>45000</v></c><c r="E2" s="2"><v>45001</v></c><c r="F2" s="3"><v>198503122010011002</v></c><c r="G2" t="b"><v>1</v></c>' +
        '<c r="H2" t="e"><v>#N/A</v></c><c r="I2" t="s"><v>1</v></c><c r="J2" t="str"><f>A2&amp;""</f><v>x</v></c><c r="K2" t="d"><v>2024-03-01T00:00:00</v></c></row>',
      { shared: ['<si><t>NIP</t></si>', '<si><r><t>Ko</t></r><r><t>de</t></r><rPh sb="0" eb="1"><t>ignored</t></rPh></si>'], styles: STYLES },
    );
    const { names, sheets } = readXlsx(bytes, () => true);
    assert.deepEqual(names, ['Pegawai']);
    const row = sheets[0]!.values[1]!;
    assert.deepEqual(sheets[0]!.values[0], []);
    assert.equal(row[0], 'NIP');
    assert.equal(row[1], 'Budi Santoso');
    assert.equal(row[2], null);
    assert.deepEqual(row[3], new Date(Date.UTC(2023, 2, 15)));
    assert.deepEqual(row[4], new Date(Date.UTC(2023, 2, 16)));
    assert.equal(row[5], 198503122010011002);
    assert.equal(row[6], true);
    assert.deepEqual(row[7], { error: '#N/A' });
    assert.equal(row[8], 'Kode');
    assert.equal(row[9], 'x');
    assert.deepEqual(row[10], new Date(Date.UTC(2024, 2, 1)));
  });

  it('cells and rows without r, and the 1904 date system', () => {
    const bytes = book('<row><c t="inlineStr"><is><t>a</t></is></c><c s="1"><v>0</v></c></row><row><c><v>7</v></c></row>', { styles: STYLES, date1904: true });
    const v = readXlsx(bytes, () => true).sheets[0]!.values;
    assert.equal(v[0]![0], 'a');
    assert.deepEqual(v[0]![1], new Date(Date.UTC(1904, 0, 1)));
    assert.equal(v[1]![0], 7);
  });

  it('a formula gives its cached value; a cached error is that error; without a cached value it is marked, and the rules call it VALUE_INVALID, not REQUIRED_MISSING', async () => {
    const bytes = book('<row r="1"><c r="A1"><f>1+1</f><v>2</v></c><c r="B1" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="C1"><f>VLOOKUP(A1,X!A:B,2,0)</f></c><c r="D1" t="str"><f>""</f><v></v></c></row>');
    const row = readXlsx(bytes, () => true).sheets[0]!.values[0]!;
    assert.equal(row[0], 2);
    assert.deepEqual(row[1], { error: '#DIV/0!' });
    assert.deepEqual(row[2], { error: NO_CACHED_VALUE, formula: 'VLOOKUP(A1,X!A:B,2,0)' });
    assert.equal(row[3] ?? null, null, 'a formula whose cached value is "" is empty');

    // In Pegawai's Nama column: the formula without a value is a VALUE_INVALID on that cell.
    const demo = await demoBook();
    const sheets = structuredClone(demo.sheets);
    const peg = sheets.find((s) => s.name === 'Pegawai')!;
    const headerRow = peg.values.findIndex((r) => r.includes('Nama'));
    const col = peg.values[headerRow]!.indexOf('Nama');
    peg.values[headerRow + 1]![col] = { error: NO_CACHED_VALUE, formula: 'PROPER(B5)' };
    const { result } = checkSheets(sheets, {});
    const at = `${String.fromCharCode(65 + col)}${headerRow + 2}`;
    const here = result.findings.filter((f) => f.sheet === 'Pegawai' && f.cell === at);
    assert.ok(here.some((f) => f.rule === 'VALUE_INVALID'), JSON.stringify(here));
    assert.ok(!here.some((f) => f.rule === 'REQUIRED_MISSING'));
  });

  it('the sheetData scanner reads every worksheet of the corpus and the demo exactly as a general XML parser (saxes) does', async () => {
    const files = readdirSync(CORPUS_DIR).filter((f) => f.endsWith('.xlsx')).map((f): Uint8Array => new Uint8Array(readFileSync(path.join(CORPUS_DIR, f))));
    files.push((await demoBook()).bytes);
    let sheets = 0;
    for (const bytes of files) {
      const pkg = new OpcPackage(bytes);
      const info = workbookInfo(pkg);
      const ctx = { shared: info.sharedStringsPart ? readSharedStrings(pkg.text(info.sharedStringsPart)!) : [], dateStyles: info.stylesPart ? readDateStyles(pkg.text(info.stylesPart)!) : [], date1904: info.date1904 };
      for (const s of info.sheets.filter((x) => x.kind === 'worksheet')) {
        const xml = pkg.text(s.part)!;
        assert.deepEqual(readWorksheet(xml, s.name, ctx), readWorksheetSax(xml, s.name, ctx), s.name);
        sheets++;
      }
    }
    assert.ok(sheets > 40, `${sheets} sheets`);
    // Comments, CDATA, prefixes, single quotes, entities and CR LF inside the data.
    const odd = `<x:worksheet xmlns:x="${MAIN}"><x:sheetData><!-- c --><x:row r='2'><x:c r='B2' t='inlineStr'><x:is><x:t><![CDATA[a<b]]>&amp;&#x41;\r\nz</x:t></x:is></x:c><x:c r="C2"><x:v>1<!-- n -->5</x:v></x:c></x:row></x:sheetData></x:worksheet>`;
    const ctx = { shared: [], dateStyles: [], date1904: false };
    assert.deepEqual(readWorksheet(odd, 'X', ctx), readWorksheetSax(odd, 'X', ctx));
    assert.deepEqual(readWorksheet(odd, 'X', ctx).values[1], [null, 'a<b&A\nz', 15]);
  });

  it('with an inflater (the CLI: Node\'s zlib) the gateway reads exactly what it reads without; one that fails, or gives the wrong size, changes nothing', async () => {
    const demo = await demoBook();
    const files = [demo.bytes, ...FOREIGN.slice(0, 3).map((f) => withContract(new Uint8Array(readFileSync(path.join(CORPUS_DIR, f.file))), demo.sheets))];
    // A damaged file: the demo with a few bytes of the Pegawai sheet's deflate stream overwritten.
    const damaged = demo.bytes.slice();
    const sheet = readZip(damaged).find((e) => e.name === 'xl/worksheets/sheet1.xml')!;
    damaged.fill(0xff, sheet.raw.byteOffset + 40, sheet.raw.byteOffset + 60);
    let inflated = 0;
    const zlib: Inflater = async (raw, size) => {
      const out = await nodeInflate(raw, size);
      if (out) inflated++;
      return out;
    };
    const inflaters: Inflater[] = [zlib, async () => null, async () => { throw new Error('no'); }, async (_raw, size) => new Uint8Array(size + 1)];
    const read = async (bytes: Uint8Array, inflate?: Inflater) => {
      try {
        const gw = XlsxDocumentGateway.open(bytes, { inflate });
        const names = await gw.listSheets();
        return { sheets: await gw.readSheets([...names, names[0]!, 'Tidak Ada']) };
      } catch (e) {
        return { error: `${(e as Error).constructor.name}: ${(e as Error).message}` };
      }
    };
    for (const [k, bytes] of [...files, damaged].entries()) {
      const plain = await read(bytes);
      if (k < files.length) assert.ok(plain.sheets && plain.sheets.length > 4, `file ${k} reads`);
      else assert.ok(plain.error, 'the damaged file fails');
      for (const inflate of inflaters) assert.deepEqual(await read(bytes, inflate), plain, `file ${k}`);
    }
    assert.ok(inflated >= files.length * 3, `zlib decompressed the parts (${inflated})`);
  });

  it('a cell beyond Excel\'s last row is a damaged file, not an endless read', () => {
    assert.throws(() => readXlsx(book('<row r="1"><c r="A99999999"><v>1</v></c></row>'), () => true), (e: unknown) => e instanceof XlsxError && e.problem === 'damaged');
  });

  it('number formats that are dates, and those that are not', () => {
    for (const f of ['dd/mm/yyyy', 'd mmmm yyyy', '[$-421]dd mmmm yyyy;@', 'yyyy-mm-dd hh:mm', 'mmm-yy']) assert.ok(isDateFormat(f), f);
    for (const f of ['General', '0', '0.00%', '@', '#,##0 "hari"', '[Red]0.00', '"Rp" #,##0']) assert.ok(!isDateFormat(f), f);
  });

  describe('files that are not workbooks: one clear line, in the command line and the browser host', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mutasi-broken-'));
    const demoBytes = () => demoBook().then((d) => d.bytes);
    const cases: { name: string; bytes: () => Promise<Uint8Array> | Uint8Array; id: RegExp; en: RegExp; problem: string }[] = [
      { name: 'lama.xls', bytes: () => new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Uint8Array(504)]), id: /kata sandi atau berformat \.xls lama/, en: /password-protected or in the old \.xls format/, problem: 'ole' },
      { name: 'data.csv.xlsx', bytes: () => enc.encode('NIP;Nama\n198503122010011002;Budi\n'), id: /bukan buku kerja \.xlsx/, en: /not an \.xlsx workbook/, problem: 'not-zip' },
      { name: 'foto.xlsx', bytes: () => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), id: /bukan buku kerja \.xlsx/, en: /not an \.xlsx workbook/, problem: 'not-zip' },
      { name: 'kosong.xlsx', bytes: () => new Uint8Array(0), id: /kosong \(0 byte\)/, en: /is empty \(0 bytes\)/, problem: 'empty' },
      { name: 'terpotong.xlsx', bytes: async () => (await demoBytes()).subarray(0, 3000), id: /berkas rusak \(mis\. terpotong/, en: /damaged \(e\.g\. cut short/, problem: 'truncated' },
      { name: 'libreoffice.ods', bytes: () => new Uint8Array(readFileSync(path.join(CORPUS_DIR, 'libreoffice.ods'))), id: /LibreOffice\/OpenDocument \(\.ods\).*Simpan Sebagai.*\.xlsx/, en: /OpenDocument workbook \(\.ods\).*Save As.*\.xlsx/, problem: 'ods' },
    ];

    it('the reader names the problem', async () => {
      for (const c of cases) {
        const data = await c.bytes();
        assert.throws(() => readXlsx(data, () => true), (e: unknown) => e instanceof XlsxError && e.problem === c.problem, c.name);
      }
    });

    it('check: exit 2, one Indonesian line (English with --lang en), no stack, no JSZip words', async function () {
      this.timeout(600_000);
      for (const c of cases) {
        const file = path.join(dir, c.name);
        writeFileSync(file, await c.bytes());
        for (const [lang, re] of [['id', c.id], ['en', c.en]] as const) {
          const r = mutasi(['check', file, '--lang', lang]);
          assert.equal(r.code, 2, `${c.name}: ${r.stderr}`);
          assert.match(r.stderr, re, c.name);
          assert.doesNotMatch(r.stderr, /\n\s+at |Corrupted|central directory|JSZip/i, c.name);
        }
      }
    });

    it('the browser host says the same instead of a zip library\'s English', async () => {
      for (const c of cases) {
        const data = await c.bytes();
        await assert.rejects(BrowserGateway.open(data, c.name, 'id'), (e: Error) => c.id.test(e.message) && e.message.includes(c.name), c.name);
        await assert.rejects(BrowserGateway.open(data, c.name, 'en'), (e: Error) => c.en.test(e.message), c.name);
      }
    });
  });
});
