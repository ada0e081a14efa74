/**
 * Issue 12: workbooks from every writer (test/fixtures/writers/, README there) are read like Excel's, and
 * what Mutasi writes into them touches only what it owns.
 *
 * Each foreign file gets the contract sheets of a small demo agency added as new worksheet parts; then
 * (a) check gives exactly the findings of the plain demo workbook; (b) propose --out keeps every part it
 * does not own byte-identical (allowed: the Usulan sheet's part and xl/styles.xml); (c) the outputs open
 * in LibreOffice headless and its Usulan rows are the ones the product's reader reads back; (d) the
 * browser host's round trip (check, add the plan, save) keeps every part of the original file except the
 * workbook part, its relationships, the content types and the styles; (e) a file whose parts are not
 * named sheetN.xml (and whose workbook part comes last in the zip) reads the same.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BrowserGateway } from '../../addin/gateway/browser';
import { runPeriksa } from '../../addin/services/periksa';
import { addMoves, computePlan } from '../../addin/services/usulkan';
import type { Finding } from '../../shared/rules/types';
import { readXlsx } from '../../shared/xlsx/read';
import { entryData, readZip, writeZip, makeEntry, type ZipEntry } from '../../shared/xlsx/zip';
import { checkFile } from '../../sync-server/cli/commands/check';
import { proposeFile } from '../../sync-server/cli/commands/propose';
import { writeE2eWorkbook } from '../addin/support/e2e-workbook';
import { mutasi } from '../support/cli';
import {
  CORPUS_DIR, FOREIGN, WITH_CONTRACT, demoBook, diffParts, libreOfficeCsv, listCsv, readCsv, sheetPart, withContract, write,
} from '../support/writers';

const key = (f: Finding) => JSON.stringify([f.rule, f.severity, f.sheet, f.cell, f.subject, f.message]);
const findings = (list: Finding[]) => list.map(key).sort();

describe('workbooks from other writers (issue 12 corpus)', function () {
  this.timeout(600_000);
  let dir: string;
  let plainFile: string;
  let plainFindings: string[];
  const prepared: { file: string; name: string; input: string; original: Uint8Array; bytes: Uint8Array }[] = [];
  const outputs: { name: string; out: string; ids: string[]; firstRow: number; usulanIndex: number }[] = [];

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'mutasi-writers-'));
    const demo = await demoBook();
    plainFile = write(path.join(dir, 'plain.xlsx'), demo.bytes);
    plainFindings = findings((await checkFile(plainFile, {})).result.findings);
    assert.ok(plainFindings.length > 10, 'the demo has findings to compare');
    for (const { file } of FOREIGN) {
      const original = new Uint8Array(readFileSync(path.join(CORPUS_DIR, file)));
      const bytes = withContract(original, demo.sheets);
      prepared.push({ file, name: file.replace(/\.xlsx$/, ''), input: write(path.join(dir, `in-${file}`), bytes), original, bytes });
    }
  });

  it('(a) check gives exactly the findings of the plain workbook, in every file', async () => {
    for (const p of prepared) {
      const { result } = await checkFile(p.input, {});
      assert.deepEqual(findings(result.findings), plainFindings, p.file);
    }
  });

  it('(a) the same through the command line (check --json) on a Google Sheets and a LibreOffice file', () => {
    const plain = JSON.parse(mutasi(['check', plainFile, '--json']).stdout);
    for (const name of ['64750', '62272']) {
      const p = prepared.find((x) => x.name === name)!;
      const r = mutasi(['check', p.input, '--json']);
      assert.ok(r.code === 0 || r.code === 1, r.stderr);
      const got = JSON.parse(r.stdout);
      assert.deepEqual(got.counts, plain.counts, name);
      assert.deepEqual(findings(got.findings), findings(plain.findings), name);
    }
  });

  it('(b) propose --out keeps every part it does not own byte-identical: only the Usulan sheet and styles.xml change', async () => {
    for (const p of prepared) {
      const out = path.join(dir, `out-${p.file}`);
      const r = await proposeFile(p.input, out, { lang: 'id' });
      assert.ok(r.written.ids.length > 0, `${p.file}: the plan wrote rows`);
      const after = new Uint8Array(readFileSync(out));
      const usulan = sheetPart(p.bytes, 'Usulan');
      const d = diffParts(p.bytes, after);
      assert.deepEqual(d.removed, [], `${p.file}: nothing removed`);
      assert.deepEqual(d.added, [], `${p.file}: nothing added`);
      assert.deepEqual(d.changed.sort(), [usulan, 'xl/styles.xml'].sort(), `${p.file}: only ${usulan} and styles change`);
      // Untouched parts are copied as stored, compressed bytes and all.
      const raw = new Map(readZip(after).map((e) => [e.name, Buffer.from(e.raw)]));
      for (const e of readZip(p.bytes)) if (!d.changed.includes(e.name)) assert.ok(raw.get(e.name)!.equals(Buffer.from(e.raw)), `${p.file}: ${e.name} copied verbatim`);
      // The rows read back with the product's reader, typed as written.
      const back = readXlsx(after, (n) => n === 'Usulan').sheets[0]!;
      const rows = back.values.slice(r.written.firstRow - 1, r.written.lastRow);
      assert.deepEqual(rows.map((x) => x[0]), r.written.ids, `${p.file}: ids`);
      assert.ok(rows.every((x) => x[4] instanceof Date), `${p.file}: TMT Mutasi is a real date`);
      assert.ok(rows.every((x) => x[5] === 'Draf'), `${p.file}: Draf`);
      const info = readXlsx(after, () => false);
      outputs.push({ name: p.name, out, ids: r.written.ids, firstRow: r.written.firstRow, usulanIndex: info.names.indexOf('Usulan') });
    }
  });

  it('(c) every output opens in LibreOffice headless, which sees the Usulan rows the reader reads back', function () {
    assert.equal(outputs.length, prepared.length, 'runs after (b)');
    const csvDir = path.join(dir, 'csv');
    const lo = libreOfficeCsv(outputs.map((o) => o.out), csvDir, path.join(dir, 'lo-profile'));
    assert.equal(lo.status, 0, lo.stderr);
    const csvs = listCsv(csvDir);
    for (const o of outputs) {
      const csv = csvs.find((f) => f === `out-${o.name}-Usulan.csv`);
      assert.ok(csv, `${o.name}: LibreOffice exported its Usulan sheet (got ${csvs.filter((f) => f.startsWith(`out-${o.name}-`)).join(', ')})`);
      const rows = readCsv(path.join(csvDir, csv));
      const ids = rows.slice(o.firstRow - 1, o.firstRow - 1 + o.ids.length).map((r) => r[0]);
      assert.deepEqual(ids, o.ids, `${o.name}: LibreOffice sees the written ids on the rows the reader reports`);
      const back = readXlsx(new Uint8Array(readFileSync(o.out)), (n) => n === 'Usulan').sheets[0]!;
      const nips = back.values.slice(o.firstRow - 1, o.firstRow - 1 + o.ids.length).map((r) => r[1]);
      assert.deepEqual(rows.slice(o.firstRow - 1, o.firstRow - 1 + o.ids.length).map((r) => r[1]), nips, `${o.name}: NIPs as text, all 18 digits`);
    }
  });

  it('(d) the browser host round trip (check, add the plan, save) keeps every part of the original file', async () => {
    for (const p of prepared) {
      const gw = await BrowserGateway.open(p.bytes, p.file);
      await runPeriksa(gw, { lang: 'id' });
      const { state, run } = await computePlan(gw, 'id');
      const added = await addMoves(gw, state, run.plan.moves);
      assert.ok(added.lastRow >= added.firstRow, `${p.file}: rows added`);
      const saved = new Uint8Array(await gw.save());
      const d = diffParts(p.original, saved);
      const allowed = new Set(['[Content_Types].xml', 'xl/styles.xml', 'xl/_rels/workbook.xml.rels', wbPart(p.original)]);
      assert.deepEqual(d.removed, [], `${p.file}: nothing of the original removed`);
      assert.deepEqual(d.changed.filter((n) => !allowed.has(n)), [], `${p.file}: only the workbook part, its relationships, the content types and styles change`);
      const again = await BrowserGateway.open(saved, p.file);
      const [usulan] = await again.readSheets(['Usulan']);
      assert.equal(usulan!.values[added.firstRow - 1]![5], 'Draf', `${p.file}: the saved file has the new rows`);
    }
  });

  it('(e) a workbook whose parts are not named sheetN.xml, with the workbook part last in the zip, reads the same', async () => {
    const demo = await demoBook();
    const entries = readZip(demo.bytes);
    const rename = (n: string) => n.replace(/^xl\/worksheets\/sheet(\d+)\.xml$/, 'xl/worksheets/Lembar Kerja $1.xml').replace(/^xl\/worksheets\/_rels\/sheet(\d+)\.xml\.rels$/, 'xl/worksheets/_rels/Lembar Kerja $1.xml.rels');
    const moved: ZipEntry[] = entries.map((e) => {
      let data = entryData(e);
      if (e.name === 'xl/_rels/workbook.xml.rels') data = Buffer.from(Buffer.from(data).toString('utf8').replace(/Target="(\/xl\/)?worksheets\/sheet(\d+)\.xml"/g, 'Target="/xl/worksheets/Lembar Kerja $2.xml"'));
      if (e.name === '[Content_Types].xml') data = Buffer.from(Buffer.from(data).toString('utf8').replace(/PartName="\/xl\/worksheets\/sheet(\d+)\.xml"/g, 'PartName="/xl/worksheets/Lembar Kerja $1.xml"'));
      return makeEntry(rename(e.name), data, e);
    });
    const last = moved.filter((e) => e.name.startsWith('xl/workbook') || e.name.startsWith('xl/_rels/'));
    const bytes = writeZip([...moved.filter((e) => !last.includes(e)), ...last]);
    assert.ok(readZip(bytes).some((e) => e.name === 'xl/worksheets/Lembar Kerja 1.xml'), 'the parts were renamed');
    const file = write(path.join(dir, 'renamed.xlsx'), bytes);
    assert.deepEqual(findings((await checkFile(file, {})).result.findings), plainFindings);
  });

  describe('the two failures users reported', () => {
    let e2eFindings: string[];
    before(async () => {
      const f = path.join(dir, 'e2e.xlsx');
      await writeE2eWorkbook(f);
      e2eFindings = findings((await checkFile(f, {})).result.findings);
    });

    it('an openpyxl workbook (workbook part after the sheets, inline strings) and its LibreOffice copy: the sheets are found, findings as from Excel', async () => {
      for (const { file } of WITH_CONTRACT) {
        const f = path.join(CORPUS_DIR, file);
        const r = mutasi(['check', f, '--json']);
        assert.ok(r.code === 0 || r.code === 1, `${file}: ${r.stderr}`);
        const got = JSON.parse(r.stdout);
        assert.ok(!got.findings.some((x: Finding) => x.rule === 'SHEET_MISSING'), `${file}: no SHEET_MISSING`);
        assert.deepEqual(findings(got.findings), e2eFindings, file);
      }
      const names = readZip(new Uint8Array(readFileSync(path.join(CORPUS_DIR, 'openpyxl-chart.xlsx')))).map((e) => e.name);
      assert.ok(names.indexOf('xl/workbook.xml') > names.indexOf('xl/worksheets/sheet1.xml'), 'the fixture has the order that broke the old reader');
    });

    it('an openpyxl workbook with a chart: propose --out writes the plan and keeps the chart, its drawing and every other part', () => {
      const input = path.join(CORPUS_DIR, 'openpyxl-chart.xlsx');
      const out = path.join(dir, 'openpyxl-out.xlsx');
      const r = mutasi(['propose', input, '--out', out, '--as-of', '2026-11-23']);
      assert.equal(r.code, 0, r.stderr);
      const before = new Uint8Array(readFileSync(input));
      const d = diffParts(before, new Uint8Array(readFileSync(out)));
      assert.deepEqual(d.removed, []);
      assert.ok(d.changed.every((n) => n === sheetPart(before, 'Usulan') || n === 'xl/styles.xml'), d.changed.join(', '));
      assert.ok(parts(out).has('xl/charts/chart1.xml') && parts(out).has('xl/drawings/drawing1.xml'));
    });
  });
});

function wbPart(bytes: Uint8Array): string {
  const names = readZip(bytes).map((e) => e.name);
  return names.find((n) => /^xl\/[^/]*workbook[^/]*\.xml$/i.test(n)) ?? 'xl/workbook.xml';
}

function parts(file: string): Set<string> {
  return new Set(readZip(new Uint8Array(readFileSync(file))).map((e) => e.name));
}

